/** l-diversity: a class whose members all share one sensitive answer is removed whole. */
import { describe, expect, it } from "vitest";
import { diversify } from "../../loaders/disclose/ldiversity.ts";

const row = (person: string, region: string, avoided: boolean | null, score: number) => ({ person, region, avoided, score });

describe("diversify", () => {
  it("removes every row of a class whose members all gave the same sensitive answer", () => {
    const rows = [row("a", "North", true, 1), row("b", "North", true, 2), row("c", "South", true, 1), row("d", "South", false, 3), row("c", "South", null, 2)];
    const result = diversify(rows, { quasi: ["region"], sensitive: ["avoided", "score"], l: 2, subject: "person" });
    expect(result.rows.map((r) => r.person)).toEqual(["c", "d", "c"]);
    expect(result.removed).toEqual({ classes: 1, rows: 2, subjects: 2 });
    expect(result.l).toBe(2);
  });

  it("ignores a field nobody in the class answered, and keeps diverse classes whole", () => {
    const rows = [row("a", "North", null, 1), row("b", "North", null, 2)];
    const result = diversify(rows, { quasi: ["region"], sensitive: ["avoided", "score"], l: 2 });
    expect(result.rows).toHaveLength(2);
    expect(result.removed).toEqual({ classes: 0, rows: 0, subjects: 0 });
  });
});
