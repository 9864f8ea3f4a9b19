/**
 * Linked cells: the cell rules across tables. The same key is one cell; sums and complements make
 * hidden cells stay hidden whichever table an intruder reads them from.
 */
import { describe, expect, it } from "vitest";
import { loadPolicy } from "../../loaders/disclose/policy.ts";
import { LinkedCells } from "../../loaders/disclose/linked.ts";

const policy = loadPolicy();
const shownOf = (cells: LinkedCells, keys: string[]) => keys.map((key) => cells.shown(key).value ?? cells.shown(key).symbol);

describe("LinkedCells", () => {
  it("hides a count whose complement is 1–2 organisations, and keeps the base", () => {
    const cells = new LinkedCells(policy.organisation);
    const base = cells.cell("base", 13);
    cells.complement(cells.cell("evaluates", 12), base);
    cells.complement(cells.cell("uses REC-CAP", 5), base);
    cells.protect();
    expect(shownOf(cells, ["base", "evaluates", "uses REC-CAP"])).toEqual([13, "[c]", 5]);
    expect(cells.shown("evaluates").secondary).toBe(true);
  });

  it("protects a complement of people by the primary rule: 1 to 7 hidden, 8 or more not", () => {
    const cells = new LinkedCells(policy.person);
    const base = cells.cell("base", 100);
    cells.complement(cells.cell("met", 93), base);
    cells.complement(cells.cell("avoided", 92), base);
    cells.protect();
    expect(shownOf(cells, ["base", "met", "avoided"])).toEqual([100, "[c]", 90]);
  });

  it("is one cell for one key, and refuses two different counts for it", () => {
    const cells = new LinkedCells(policy.organisation);
    expect(cells.cell("all", 9)).toBe(cells.cell("all", 9));
    expect(() => cells.cell("all", 10)).toThrow(/counted twice with different values \(9, 10\)/);
  });

  it("hides a section cell's partner when one statement in it is hidden (a hierarchy)", () => {
    const cells = new LinkedCells(policy.organisation);
    const statements = [cells.cell("s1", 2), cells.cell("s2", 10), cells.cell("s3", 11)];
    const section = cells.cell("section", 23);
    cells.sum(statements, section);
    cells.protect();
    // s1 (2) is hidden; on its own it would come back as 23 − 10 − 11, so the smallest other is hidden too.
    expect(shownOf(cells, ["s1", "s2", "s3", "section"])).toEqual(["[c]", "[c]", 11, 23]);
  });

  it("does not hide a count only because its base is hidden", () => {
    const cells = new LinkedCells(policy.organisation);
    const bases = [cells.cell("b1", 2), cells.cell("b2", 3), cells.cell("b3", 5)];
    cells.sum(bases, cells.cell("b", 10));
    cells.complement(cells.cell("c2", 3), bases[1]!);
    cells.protect();
    expect(shownOf(cells, ["b1", "b2", "b3", "b", "c2"])).toEqual(["[c]", "[c]", 5, 10, 3]);
  });

  it("refuses a part larger than its whole", () => {
    const cells = new LinkedCells(policy.organisation);
    expect(() => cells.complement(cells.cell("part", 5), cells.cell("whole", 4))).toThrow(/part \(5\) is larger than its whole \(4\)/);
  });

  it("keeps two hidden cells of a sum from pinning each other: 1 + 1 under a shown total hides a third", () => {
    const cells = new LinkedCells(policy.organisation);
    const parts = [cells.cell("a", 1), cells.cell("b", 1), cells.cell("c", 5), cells.cell("d", 9)];
    cells.sum(parts, cells.cell("all", 16));
    cells.protect();
    // a and b would each be exactly 1 (they add up to 16 − 5 − 9 = 2), so c is hidden as well.
    expect(shownOf(cells, ["a", "b", "c", "d", "all"])).toEqual(["[c]", "[c]", "[c]", 9, 16]);
  });

  it("protects complements that add up: the LEROs not choosing an option, region by region", () => {
    const cells = new LinkedCells(policy.organisation);
    const bases = [cells.cell("base N", 13), cells.cell("base S", 8), cells.cell("base E", 20)];
    const counts = [cells.cell("n", 12), cells.cell("s", 7), cells.cell("e", 15)];
    const base = cells.cell("base", 41);
    const count = cells.cell("count", 34);
    cells.sum(bases, base);
    cells.sum(counts, count);
    cells.sum(counts.map((c, i) => cells.complement(c, bases[i]!)), cells.complement(count, base));
    cells.protect();
    // 13 − 12 and 8 − 7 are single LEROs: both counts are hidden. Their complements add up to 7 − 5 = 2,
    // but either may be 0, 1 or 2 (n lies in 11–13, s in 6–8), so neither is pinned and e stays.
    expect(shownOf(cells, ["n", "s", "e", "count", "base N", "base S", "base E", "base"])).toEqual(["[c]", "[c]", 15, 34, 13, 8, 20, 41]);
  });
});
