import { describe, expect, it } from "vitest";
import { kAnonymise, kAnonymiseEncoded, informationLoss, type QuasiIdentifier } from "../../loaders/disclose/kanon.ts";

const region: QuasiIdentifier = {
  field: "region",
  hierarchy: [
    { name: "nation", map: { NE: "England", NW: "England", Cardiff: "Wales", Swansea: "Wales" } },
    { name: "UK", otherwise: "UK" },
  ],
};
const age: QuasiIdentifier = {
  field: "age",
  hierarchy: [
    { name: "20-year band", map: { "18-24": "18-34", "25-34": "18-34", "35-44": "35-54", "45-54": "35-54" } },
    { name: "all ages", otherwise: "All ages" },
  ],
};

/** [region, age, how many rows] — worked so that only the mixed node (nation, 20-year band) reaches k = 3 with no suppression. */
const CELLS: [string, string, number][] = [
  ["NE", "18-24", 2],
  ["NE", "25-34", 2],
  ["NE", "35-44", 1],
  ["NE", "45-54", 3],
  ["NW", "18-24", 1],
  ["NW", "45-54", 2],
  ["Cardiff", "18-24", 2],
  ["Cardiff", "25-34", 1],
  ["Cardiff", "45-54", 3],
  ["Swansea", "35-44", 1],
  ["Swansea", "25-34", 1],
];
function grid(): { id: number; region: string; age: string; score: number }[] {
  const rows: { id: number; region: string; age: string; score: number }[] = [];
  for (const [r, a, n] of CELLS) for (let i = 0; i < n; i++) rows.push({ id: rows.length, region: r, age: a, score: rows.length * 2 });
  return rows;
}

describe("kAnonymise", () => {
  it("chooses the least-loss feasible node, here a mix of levels", () => {
    const result = kAnonymise(grid(), { quasi: [region, age], k: 3, maxSuppressionShare: 0 });
    expect(result.feasible).toBe(true);
    expect(result.levels).toEqual({ region: { level: 1, name: "nation" }, age: { level: 1, name: "20-year band" } });
    expect(result.informationLoss).toBe(0.5);
    expect(result.suppressed).toEqual({ rows: 0, subjects: 0 });
    expect(result.k).toBe(4);
    expect(result.rows).toHaveLength(19);
    expect(result.rows[0]).toEqual({ id: 0, region: "England", age: "18-34", score: 0 });
    expect(result.rows.map((r) => r.id)).toEqual([...Array(19).keys()]);
    expect(result.risk).toEqual({ recordsAtRisk: 0, highestRisk: 1 / 4, averageRisk: 4 / 19, classes: 4 });
    expect(result.before.classes).toBe(11);
    expect(result.before.recordsAtRisk).toBe(19 - 6);
    expect(result.before.highestRisk).toBe(1);
  });

  it("leaves the caller's rows as they were unless asked to generalise in place", () => {
    const rows = grid();
    const copied = kAnonymise(rows, { quasi: [region, age], k: 3, maxSuppressionShare: 0 });
    expect(rows[0]).toEqual({ id: 0, region: "NE", age: "18-24", score: 0 });
    expect(copied.rows[0]).not.toBe(rows[0]);

    const owned = grid();
    const inPlace = kAnonymise(owned, { quasi: [region, age], k: 3, maxSuppressionShare: 0, inPlace: true });
    expect(inPlace.rows).toEqual(copied.rows);
    expect(inPlace.rows[0]).toBe(owned[0]);
    expect(owned[0]).toEqual({ id: 0, region: "England", age: "18-34", score: 0 });
  });

  it("prefers finer levels with local suppression when the share allows it", () => {
    // At (region, 20-year band) the classes NW/18-34 (1), NW/35-54 (2), Swansea/18-34 (1) and Swansea/35-54 (1) are small: 5 of 19 rows.
    const result = kAnonymise(grid(), { quasi: [region, age], k: 3, maxSuppressionShare: 0.3 });
    expect(result.levels["region"]).toEqual({ level: 0, name: "as collected" });
    expect(result.levels["age"]?.level).toBe(1);
    expect(result.suppressed).toEqual({ rows: 5, subjects: 5 });
    expect(result.rows).toHaveLength(14);
    expect(result.rows.every((r) => r.region !== "NW" && r.region !== "Swansea")).toBe(true);
    expect(result.k).toBe(3);
    expect(result.risk.recordsAtRisk).toBe(5);
  });

  it("never suppresses more than the share allows", () => {
    // 5 / 19 = 26% is more than 25%, so the coarser mixed node without suppression wins.
    const result = kAnonymise(grid(), { quasi: [region, age], k: 3, maxSuppressionShare: 0.25 });
    expect(result.levels["region"]?.level).toBe(1);
    expect(result.levels["age"]?.level).toBe(1);
    expect(result.suppressed.rows).toBe(0);
  });

  it("breaks ties by fewer suppressions, then by keeping earlier fields finer", () => {
    const a = { field: "a", hierarchy: [{ name: "any", otherwise: "*" }] };
    const b = { field: "b", hierarchy: [{ name: "any", otherwise: "*" }] };
    const rows = ["xp", "yp", "xq", "yq"].flatMap((ab) => [0, 1].map(() => ({ a: ab[0], b: ab[1] })));
    const ab = kAnonymise(rows, { quasi: [a, b], k: 4, maxSuppressionShare: 0 });
    expect([ab.levels["a"]?.level, ab.levels["b"]?.level]).toEqual([0, 1]);
    const ba = kAnonymise(rows, { quasi: [b, a], k: 4, maxSuppressionShare: 0 });
    expect([ba.levels["b"]?.level, ba.levels["a"]?.level]).toEqual([0, 1]);
    const weighted = kAnonymise(rows, { quasi: [{ ...a, weight: 1 }, { ...b, weight: 3 }], k: 4, maxSuppressionShare: 0 });
    expect([weighted.levels["a"]?.level, weighted.levels["b"]?.level]).toEqual([1, 0]);
  });

  it("keeps null as its own class at every level", () => {
    const rows = [...Array(4)].map(() => ({ region: null as string | null })).concat([...Array(4)].map(() => ({ region: "NE" })));
    const result = kAnonymise(rows, {
      quasi: [{ field: "region", hierarchy: [{ name: "any", otherwise: "Somewhere" }] }],
      k: 4,
      maxSuppressionShare: 0,
    });
    expect(result.levels["region"]?.level).toBe(0);
    expect(result.risk.classes).toBe(2);
    const coarse = kAnonymise(rows.concat([{ region: "NW" }]), {
      quasi: [{ field: "region", hierarchy: [{ name: "any", otherwise: "Somewhere" }] }],
      k: 4,
      maxSuppressionShare: 0,
    });
    expect(coarse.levels["region"]?.level).toBe(1);
    expect(coarse.rows.map((r) => r.region)).toEqual([null, null, null, null, "Somewhere", "Somewhere", "Somewhere", "Somewhere", "Somewhere"]);
  });

  it("applies hierarchy levels in turn, falling back to the value itself", () => {
    const rows = ["a", "b", "c", "d"].map((v) => ({ v }));
    const result = kAnonymise(rows, {
      quasi: [{ field: "v", hierarchy: [{ name: "pairs", map: { a: "ab", b: "ab" } }, { name: "all", map: { ab: "abcd", c: "abcd", d: "abcd" } }] }],
      k: 4,
      maxSuppressionShare: 0,
    });
    expect(result.rows.map((r) => r.v)).toEqual(["abcd", "abcd", "abcd", "abcd"]);
    const pairs = kAnonymise(rows, { quasi: [{ field: "v", hierarchy: [{ name: "pairs", map: { a: "ab", b: "ab" } }] }], k: 2, maxSuppressionShare: 0.5 });
    expect(pairs.rows.map((r) => r.v)).toEqual(["ab", "ab"]);
    expect(pairs.suppressed.rows).toBe(2);
  });

  describe("longitudinal data", () => {
    // Four assessments per person; region A has 2 people (8 rows), region B 3 people (12 rows).
    const people = [
      ["p1", "A"],
      ["p2", "A"],
      ["p3", "B"],
      ["p4", "B"],
      ["p5", "B"],
    ];
    const rows = [0, 3, 6, 12].flatMap((month) => people.map(([person, r]) => ({ person, region: r, month })));
    const quasi = [{ field: "region", hierarchy: [{ name: "UK", otherwise: "UK" }] }];

    it("counts distinct subjects and suppresses all rows of a subject", () => {
      const result = kAnonymise(rows, { quasi, k: 3, maxSuppressionShare: 0.4, subject: "person" });
      expect(result.unit).toBe("subjects");
      expect(result.levels["region"]?.level).toBe(0);
      expect(result.suppressed).toEqual({ rows: 8, subjects: 2 });
      expect(result.rows.every((r) => r.region === "B")).toBe(true);
      expect(result.rows).toHaveLength(12);
      expect(result.k).toBe(3);
      expect(result.before).toEqual({ recordsAtRisk: 2, highestRisk: 1 / 2, averageRisk: 2 / 5, classes: 2 });
    });

    it("measures the suppression share in subjects", () => {
      // 2 of 5 subjects is 40%: over a 30% limit, so region is generalised instead.
      const result = kAnonymise(rows, { quasi, k: 3, maxSuppressionShare: 0.3, subject: "person" });
      expect(result.levels["region"]?.level).toBe(1);
      expect(result.k).toBe(5);
      expect(result.rows).toHaveLength(20);
    });

    it("gives every row of a subject the quasi values of its first row", () => {
      const moved = rows.map((r) => (r.person === "p3" && r.month === 12 ? { ...r, region: "A" } : r));
      const result = kAnonymise(moved, { quasi, k: 3, maxSuppressionShare: 0.4, subject: "person" });
      expect(result.inconsistentSubjects).toBe(1);
      expect(result.rows.filter((r) => r.person === "p3").map((r) => r.region)).toEqual(["B", "B", "B", "B"]);
      expect(result.suppressed.subjects).toBe(2);
    });
  });

  it("reports an infeasible k clearly and still returns safe rows", () => {
    const rows = [...Array(5)].map((_, i) => ({ region: i < 3 ? "NE" : "Cardiff", age: "18-24" }));
    const result = kAnonymise(rows, { quasi: [region, age], k: 10, maxSuppressionShare: 0.05 });
    expect(result.feasible).toBe(false);
    expect(result.levels).toEqual({ region: { level: 2, name: "UK" }, age: { level: 2, name: "all ages" } });
    expect(result.rows).toEqual([]);
    expect(result.k).toBe(0);
    expect(result.suppressed.rows).toBe(5);
    expect(result.message).toMatch(/k = 10 cannot be reached by suppressing at most 5% of rows.*100% would have to be removed/);
  });

  it("gives the same search from combination counts as from one row per record", () => {
    const combined = CELLS.map(([r, a]) => ({ region: r, age: a }));
    const counts = CELLS.map(([, , n]) => n);
    for (const [k, share] of [[3, 0], [3, 0.3], [3, 0.25], [2, 0.1], [6, 0.5], [20, 0.05]] as const) {
      const expanded = kAnonymise(grid(), { quasi: [region, age], k, maxSuppressionShare: share });
      const fromCounts = kAnonymise(combined, { quasi: [region, age], k, maxSuppressionShare: share, counts });
      const { rows: _, suppressed, ...figures } = fromCounts;
      const { rows: __, suppressed: expandedSuppressed, ...expectedFigures } = expanded;
      expect(figures, `k = ${k}, share ${share}`).toEqual(expectedFigures);
      expect(suppressed.subjects).toBe(expandedSuppressed.subjects);
      // One row per combination kept, generalised as the records are.
      const kept = new Set(expanded.rows.map((row) => `${row.region}|${row.age}`));
      expect(new Set(fromCounts.rows.map((row) => `${row.region}|${row.age}`))).toEqual(kept);
    }
    expect(() => kAnonymise(combined, { quasi: [region], k: 3, maxSuppressionShare: 0, counts: [1, 2] })).toThrow(/2 counts were given for 11 rows/);
    expect(() => kAnonymise(combined, { quasi: [region], k: 3, maxSuppressionShare: 0, counts: counts.map(() => 0), subject: "age" })).toThrow(
      /counts cannot be given with a subject.*every count must be a whole number of at least 1/,
    );
  });

  it("gives the same search from encoded combinations as from objects with counts, and says which combinations stay", () => {
    // Nulls and values in an order unlike the objects', to show codes are only names for values.
    const cells: [string | null, string | null, number][] = [...CELLS, [null, "18-24", 4], ["Cardiff", null, 2]];
    const combined = cells.map(([r, a]) => ({ region: r, age: a }));
    const counts = cells.map(([, , n]) => n);
    const dictionary = (column: (string | null)[]) => [null, ...[...new Set(column.filter((v): v is string => v !== null))].sort().reverse()];
    const values = [dictionary(cells.map(([r]) => r)), dictionary(cells.map(([, a]) => a))];
    const codes = values.map((vs, f) => Int32Array.from(cells, (cell) => vs.indexOf(cell[f] as string | null)));
    for (const [k, share] of [[3, 0], [3, 0.3], [3, 0.25], [2, 0.1], [6, 0.5], [20, 0.05]] as const) {
      const fromObjects = kAnonymise(combined, { quasi: [region, age], k, maxSuppressionShare: share, counts });
      const encoded = kAnonymiseEncoded({ values, codes, counts }, { quasi: [region, age], k, maxSuppressionShare: share });
      const { rows, ...figures } = fromObjects;
      const { keep, ...encodedFigures } = encoded;
      expect(encodedFigures, `k = ${k}, share ${share}`).toEqual(figures);
      expect(keep.reduce((n, kept) => n + kept, 0), `k = ${k}, share ${share}`).toBe(rows.length);
      expect(keep.length).toBe(cells.length);
    }
    const bad = (c: Int32Array[], v = values) => () => kAnonymiseEncoded({ values: v, codes: c, counts }, { quasi: [region, age], k: 3, maxSuppressionShare: 0 });
    expect(bad([codes[0]!])).toThrow(/need values and 13 codes for each of the 2 quasi-identifiers/);
    expect(bad([codes[0]!, Int32Array.from(codes[1]!, (c) => c + 50)])).toThrow(/age has code \d+, which names no value/);
    expect(bad(codes, [values[0]!, ["unknown", ...values[1]!.slice(1)]])).toThrow(/code 0 is null and only code 0/);
    expect(bad(codes, [values[0]!, [...values[1]!.slice(0, -1), values[1]![1]!]])).toThrow(/age names a value by more than one code/);
  });

  it("rejects bad options", () => {
    expect(() => kAnonymise([], { quasi: [region, region], k: 0, maxSuppressionShare: 2 })).toThrow(
      /k must be a whole number of at least 1 \(found 0\); maxSuppressionShare must be from 0 to 1 \(found 2\); quasi-identifier "region" is listed twice/,
    );
  });

  it("measures information loss as the mean normalised level", () => {
    expect(informationLoss([1, 1], [2, 2], [1, 1])).toBe(0.5);
    expect(informationLoss([2, 0, 0], [2, 4, 0], [1, 1, 1])).toBe(0.5);
    expect(informationLoss([1, 0], [1, 1], [3, 1])).toBe(0.75);
  });

  it("handles 1,000,000 rows (its speed is measured by npm run bench, not asserted)", () => {
    let seed = 42;
    const random = (): number => {
      // mulberry32
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    const regions = ["NE", "NW", "YH", "EM", "WM", "EE", "LN", "SE", "SW", "WA", "SC", "NI"];
    const nations: Record<string, string> = { WA: "Wales", SC: "Scotland", NI: "Northern Ireland" };
    const ages = ["18-24", "25-34", "35-44", "45-54", "55-64", "65+"];
    const genders = ["Woman", "Man", "Non-binary", null];
    const substances = ["Alcohol", "Opioids", "Cocaine", "Cannabis", "Other"];
    const rows: Record<string, unknown>[] = [];
    for (let i = 0; i < 1_000_000; i++) {
      const person = Math.floor(i / 4);
      rows.push({
        person: `p${person}`,
        region: regions[Math.floor(((person * 7919) % 1000) / 1000 * 12)],
        age: ages[Math.floor(random() * 6)],
        gender: genders[Math.floor(random() * 4)],
        substance: substances[Math.floor(random() * 5)],
        month: (i % 4) * 3,
      });
    }
    const result = kAnonymise(rows, {
      quasi: [
        { field: "region", hierarchy: [{ name: "nation", map: nations, otherwise: "England" }, { name: "UK", otherwise: "UK" }] },
        { field: "age", hierarchy: [{ name: "wide", map: { "18-24": "18-34", "25-34": "18-34", "35-44": "35-54", "45-54": "35-54" }, otherwise: "55+" }, { name: "all", otherwise: "All" }] },
        { field: "gender", hierarchy: [{ name: "all", otherwise: "All" }] },
        { field: "substance", hierarchy: [{ name: "any", otherwise: "Any" }] },
      ],
      k: 10,
      maxSuppressionShare: 0.05,
      subject: "person",
    });
    expect(result.rows.length + result.suppressed.rows).toBe(1_000_000);
    expect(result.k).toBeGreaterThanOrEqual(10);
  }, 60_000);
});
