import { describe, expect, it } from "vitest";
import {
  percent,
  protectCount,
  protectCountList,
  protectCounts,
  roundTo,
  safeMean,
  safeMedian,
  toAggregateJson,
  type ProtectedCell,
} from "../../loaders/disclose/cells.ts";
import { loadPolicy } from "../../loaders/disclose/policy.ts";

const policy = loadPolicy();
/** Cells as the page shows them: the number or the symbol. */
const show = (cell: ProtectedCell): number | string | null => cell.value ?? cell.symbol ?? null;

describe("protectCount", () => {
  it("keeps 0, suppresses 1–7 and rounds the rest to the nearest 5 for people", () => {
    expect([0, 1, 3, 7, 8, 10, 12, 13, 22, 23, 1000].map((n) => show(protectCount(n, policy, "person")))).toEqual([
      0, "[c]", "[c]", "[c]", 10, 10, 10, 15, 20, 25, 1000,
    ]);
    expect(protectCount(3, policy, "person")).toEqual({ value: null, symbol: "[c]", primary: true });
    expect(protectCount(null, policy, "person")).toEqual({ value: null, symbol: "[z]" });
  });
  it("suppresses 1–2 and keeps exact counts for organisations", () => {
    expect([0, 1, 2, 3, 4, 11].map((n) => show(protectCount(n, policy, "organisation")))).toEqual([0, "[c]", "[c]", 3, 4, 11]);
  });
  it("marks a count that rounds to zero as [low]", () => {
    const lenient = { ...policy, person: { ...policy.person, threshold: 0 } };
    expect(protectCount(2, lenient, "person")).toEqual({ value: null, symbol: "[low]", primary: true });
    expect(show(protectCount(3, lenient, "person"))).toBe(5);
  });
  it("rounds halves upwards", () => {
    expect(roundTo(12.5, 5)).toBe(15);
    expect(roundTo(17, 1)).toBe(17);
  });
  it("refuses counts that are not whole numbers", () => {
    expect(() => protectCount(-1, policy, "person")).toThrow(/whole number/);
    expect(() => protectCount(2.5, policy, "person")).toThrow(/whole number/);
  });
});

describe("protectCounts", () => {
  it("suppresses secondary cells in rows and columns until no group has a single suppressed cell", () => {
    // Worked by hand: A×Y = 3 is primary; row A then loses A×X (20), column X loses B×X (15),
    // column Y loses C×Y (12); that leaves rows B and C with one each: B×Z (25) and C×Z (50) follow.
    const table = protectCounts(
      {
        rowDim: "region",
        colDim: "answer",
        rows: ["A", "B", "C"],
        cols: ["X", "Y", "Z"],
        counts: [
          [20, 3, 40],
          [15, 30, 25],
          [0, 12, 50],
        ],
      },
      policy,
      "person",
    );
    expect(table.cells.map((row) => row.map(show))).toEqual([
      ["[c]", "[c]", 40],
      ["[c]", 30, "[c]"],
      [0, "[c]", "[c]"],
    ]);
    expect(table.cells[0]![1]).toEqual({ value: null, symbol: "[c]", primary: true });
    expect(table.cells[0]![0]).toEqual({ value: null, symbol: "[c]", secondary: true });
    // Totals come from raw counts (63, 70, 62; 35, 45, 115; 193), then rounded.
    expect(table.rowTotals?.map(show)).toEqual([65, 70, 60]);
    expect(table.colTotals?.map(show)).toEqual([35, 45, 115]);
    expect(show(table.total!)).toBe(195);
    expect(table.suppressed).toEqual({ primary: 1, secondary: 5 });
  });

  it("rounds each cell and the total from raw counts", () => {
    const list = protectCountList(
      [
        { key: "a", count: 8 },
        { key: "b", count: 8 },
        { key: "c", count: 0 },
      ],
      policy,
      "person",
    );
    expect(list.items.map(show)).toEqual([10, 10, 0]);
    expect(show(list.total)).toBe(15); // 16, not 10 + 10
  });

  it("protects a one-way list against subtraction from its total", () => {
    const list = protectCountList(
      [
        { key: "GP", count: 5 },
        { key: "Hospital", count: 20 },
        { key: "Pharmacy", count: 40 },
        { key: "Dentist", count: 0 },
      ],
      policy,
      "person",
    );
    expect(list.items.map((i) => [i.key, show(i)])).toEqual([
      ["GP", "[c]"],
      ["Hospital", "[c]"],
      ["Pharmacy", 40],
      ["Dentist", 0],
    ]);
    expect(list.items[1]?.secondary).toBe(true);
    expect(show(list.total)).toBe(65);
  });

  it("withholds the cells it is told to, whatever their count, and protects them like small ones", () => {
    const table = protectCounts(
      { rowDim: "stage", rows: ["a", "b", "c", "d"], counts: [[0], [40], [25], [30]], withhold: [[true], [false], [true], [false]] },
      policy,
      "person",
    );
    // c (25) is withheld; 0 stays 0 even when marked; b or d must go too, or the total gives c away: the smaller, d.
    expect(table.cells.map((row) => show(row[0]!))).toEqual([0, 40, "[c]", "[c]"]);
    expect(table.cells[2]![0]).toEqual({ value: null, symbol: "[c]", primary: true });
    expect(table.cells[3]![0]).toEqual({ value: null, symbol: "[c]", secondary: true });
    expect(show(table.total!)).toBe(95);
    expect(table.suppressed).toEqual({ primary: 1, secondary: 1 });
  });

  it("does not hide zeros; a small lone cell takes its small total with it", () => {
    const table = protectCounts({ rowDim: "r", colDim: "c", rows: ["A"], cols: ["X", "Y", "Z"], counts: [[0, 0, 5]] }, policy, "person");
    expect(table.cells[0]!.map(show)).toEqual([0, 0, "[c]"]);
    expect(show(table.rowTotals![0]!)).toBe("[c]");
    expect(table.suppressed.secondary).toBe(0);
  });

  it("does not suppress secondary cells in a table that does not add up (multi-select)", () => {
    const table = protectCounts({ rowDim: "activity", rows: ["a", "b"], counts: [[3], [40]], additive: false }, policy, "person");
    expect(table.cells.map((r) => show(r[0]!))).toEqual(["[c]", 40]);
    expect(table.total).toBeUndefined();
  });

  it("keeps organisation counts exact and suppresses 1–2", () => {
    const table = protectCounts({ rowDim: "stage", rows: ["emerging", "established", "mature"], counts: [[2], [4], [9]] }, policy, "organisation");
    expect(table.cells.map((r) => show(r[0]!))).toEqual(["[c]", "[c]", 9]);
    expect(show(table.total!)).toBe(15);
  });

  it("keeps no raw number in its output", () => {
    const table = protectCounts({ rowDim: "r", colDim: "c", rows: ["A", "B"], cols: ["X", "Y"], counts: [[3, 17], [11, 9]] }, policy, "person");
    const text = JSON.stringify(table);
    expect(text).not.toContain('"raw"');
    for (const n of [3, 17, 11, 9, 14, 26]) expect(text).not.toMatch(new RegExp(`"value":${n}[,}]`));
  });

  it("leaves no group with exactly one suppressed cell (random tables)", () => {
    let seed = 1;
    const random = (): number => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    for (let trial = 0; trial < 200; trial++) {
      const rows = 1 + Math.floor(random() * 5);
      const cols = 1 + Math.floor(random() * 5);
      const counts = [...Array(rows)].map(() => [...Array(cols)].map(() => (random() < 0.2 ? 0 : Math.floor(random() * 40))));
      const t = protectCounts({ rowDim: "r", colDim: "c", rows: counts.map((_, i) => `r${i}`), cols: counts[0]!.map((_, j) => `c${j}`), counts }, policy, "person");
      const hidden = (c: ProtectedCell): number => (c.symbol === "[c]" ? 1 : 0);
      const groups: ProtectedCell[][] = [
        ...t.cells.map((row, i) => [...row, t.rowTotals![i]!]),
        ...counts[0]!.map((_, j) => [...t.cells.map((row) => row[j]!), t.colTotals![j]!]),
        [...t.colTotals!, t.total!],
        [...t.rowTotals!, t.total!],
      ];
      for (const group of groups) {
        const n = group.reduce((a, c) => a + hidden(c), 0);
        const allOthersZero = group.every((c) => hidden(c) === 1 || c.value === 0);
        expect(n === 1 && !allOthersZero, JSON.stringify({ counts, group })).toBe(false);
      }
    }
  });

  it("checks the table's shape", () => {
    expect(() => protectCounts({ rowDim: "r", rows: ["a", "b"], counts: [[1]] }, policy, "person")).toThrow(/2 rows are named but counts has 1/);
    expect(() => protectCounts({ rowDim: "r", colDim: "c", rows: ["a"], cols: ["x", "y"], counts: [[1]] }, policy, "person")).toThrow(/expected 2 counts, found 1/);
  });

  it("writes aggregate JSON rows with totals labelled", () => {
    const table = protectCounts({ rowDim: "region", colDim: "gender", rows: ["NE", "NW"], cols: ["W", "M"], counts: [[12, 30], [40, 22]] }, policy, "person");
    const json = toAggregateJson(table);
    expect(json.dimensions).toEqual(["region", "gender"]);
    expect(json.rows).toContainEqual({ region: "NE", gender: "W", count: 10 });
    expect(json.rows).toContainEqual({ region: "NE", gender: "Total", count: 40 });
    expect(json.rows).toContainEqual({ region: "Total", gender: "M", count: 50 });
    expect(json.rows).toContainEqual({ region: "Total", gender: "Total", count: 105 });
    expect(json.rows).toHaveLength(9);
  });
});

describe("percent, safeMean, safeMedian", () => {
  it("computes percentages from published counts only", () => {
    const cell = protectCount(13, policy, "person"); // 15
    const base = protectCount(58, policy, "person"); // 60
    expect(percent(cell, base, policy, "person")).toBe(25);
    expect(percent(protectCount(3, policy, "person"), base, policy, "person")).toBeNull();
    expect(percent(cell, protectCount(4, policy, "person"), policy, "person")).toBeNull();
    expect(percent({ value: 0 }, { value: 0 }, policy, "person")).toBeNull();
    expect(percent({ value: 1 }, { value: 5 }, policy, "person")).toBeNull(); // base below 10 people
    expect(percent({ value: 1 }, { value: 4 }, policy, "organisation")).toBe(25);
  });
  it("withholds means and medians below the minimum base", () => {
    const nine = [1, 2, 3, 4, 5, 6, 7, 8, 9];
    expect(safeMean(nine, policy)).toBeNull();
    expect(safeMean([...nine, 10], policy)).toBe(5.5);
    expect(safeMean([...nine, null, undefined, Number.NaN], policy)).toBeNull();
    expect(safeMedian([...nine, 100], policy)).toBe(5.5);
    expect(safeMedian([...nine, 100, 200], policy)).toBe(6);
    expect(safeMedian([5, 1, 9], policy, "organisation")).toBe(5);
    expect(safeMedian([5, 1], policy, "organisation")).toBeNull();
  });
});
