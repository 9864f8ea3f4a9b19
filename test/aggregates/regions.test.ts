import { describe, expect, it } from "vitest";
import { aggregates } from "../../loaders/aggregates/regions.ts";
import { withDuckDB } from "../../loaders/publish/duckdb.ts";
import { loadRecords } from "../../loaders/publish/table.ts";
import { aggregateContext } from "../support/aggregates.ts";

const repeat = <T>(n: number, make: (i: number) => T): T[] => Array.from({ length: n }, (_, i) => make(i));

async function build(id: string) {
  const definition = aggregates.find((a) => a.id === id)!;
  return withDuckDB(async (db) => {
    // Audit: an older wave (ignored), then North East 4 evaluate + 1 does not, London 3 + 3, Wales 10 + 0.
    const lero = (region: string, wave: number, evaluates: boolean) => ({ region, wave, evaluates });
    await loadRecords(db, "t_audit", [{ name: "region", type: "string" }, { name: "wave", type: "year" }, { name: "evaluates", type: "boolean" }], [
      ...repeat(5, () => lero("North East", 2024, true)),
      ...repeat(4, () => lero("North East", 2025, true)),
      lero("North East", 2025, false),
      ...repeat(3, () => lero("London", 2025, true)),
      ...repeat(3, () => lero("London", 2025, false)),
      ...repeat(10, () => lero("Wales", 2025, true)),
    ]);
    // Stigma at the GP: Scotland 12 met (4 = often) and 8 did not; Wales 10 and 10, the borderline cases
    // being "sometimes" (3, met) and "rarely" (2, not met). Rows for other settings and unanswered GP rows do not count.
    const answer = (id: string, region: string, setting: string, e: (number | null)[]) => ({ respondent_ref: id, region, setting, enacted_1: e[0], enacted_2: e[1], enacted_3: e[2] });
    await loadRecords(
      db,
      "t_stigma",
      [{ name: "respondent_ref", type: "string" }, { name: "region", type: "string" }, { name: "setting", type: "string" }, ...["enacted_1", "enacted_2", "enacted_3"].map((name) => ({ name, type: "integer" as const }))],
      [
        ...repeat(12, (i) => answer(`s-met-${i}`, "Scotland", "GP", [4, 1, 1])),
        ...repeat(8, (i) => answer(`s-not-${i}`, "Scotland", "GP", [1, 1, 1])),
        answer("s-blank", "Scotland", "GP", [null, null, null]),
        ...repeat(10, (i) => answer(`w-met-${i}`, "Wales", "GP", [1, 3, 1])),
        ...repeat(10, (i) => answer(`w-not-${i}`, "Wales", "GP", [1, 1, 2])),
        ...repeat(10, (i) => answer(`w-not-${i}`, "Wales", "Pharmacy", [5, 5, 5])),
      ],
    );
    // Outcomes: 10 people in Wales at intake (30 to 39) and again at 12 months (60, not counted); 12 in
    // Scotland who all scored 41 at intake.
    await loadRecords(db, "t_outcomes", [{ name: "person_ref", type: "string" }, { name: "assessment", type: "string" }, { name: "region", type: "string" }, { name: "barc_total", type: "integer" }], [
      ...repeat(10, (i) => ({ person_ref: `p${i}`, assessment: "Intake", region: "Wales", barc_total: 30 + i })),
      ...repeat(10, (i) => ({ person_ref: `p${i}`, assessment: "12 months", region: "Wales", barc_total: 60 })),
      ...repeat(12, (i) => ({ person_ref: `q${i}`, assessment: "Intake", region: "Scotland", barc_total: 41 })),
    ]);
    return definition.build(aggregateContext(db, { subjects: { outcomes: "person_ref", stigma: "respondent_ref" } }));
  });
}

const pick = (rows: Record<string, unknown>[], dim: string, value: string, keys: string[]) =>
  rows.filter((r) => r[dim] === value).map((r) => keys.map((k) => r[k]));

describe("regions aggregates", () => {
  it("counts LEROs in the latest wave and the share that evaluate, hiding small cells and those that would reveal them", async () => {
    const { rows } = await build("regions-audit-evaluates");
    const keys = ["evaluates", "count", "percent"];
    expect(pick(rows, "region", "North East", keys)).toEqual([
      ["Evaluates its work", "[c]", null],
      ["Total", 5, 100],
    ]);
    // London's 3 LEROs that evaluate are hidden so North East's cannot be worked out from the UK column.
    expect(pick(rows, "region", "London", keys)).toEqual([
      ["Evaluates its work", "[c]", null],
      ["Total", 6, 100],
    ]);
    expect(pick(rows, "region", "Wales", keys)).toEqual([
      ["Evaluates its work", 10, 100],
      ["Total", 10, 100],
    ]);
    expect(pick(rows, "region", "Total", keys)).toEqual([
      ["Evaluates its work", 17, 81],
      ["Total", 21, 100],
    ]);
    // No LEROs: no percentage of nothing.
    expect(pick(rows, "region", "Scotland", keys)).toEqual([
      ["Evaluates its work", 0, null],
      ["Total", 0, null],
    ]);
  });

  it("counts respondents who met stigma at their GP (sometimes or more often), by region", async () => {
    const { rows } = await build("regions-stigma-gp");
    const keys = ["gp_enacted", "count", "percent"];
    expect(pick(rows, "region", "Scotland", keys)).toEqual([
      ["Met stigma", 10, 50],
      ["Did not meet stigma", 10, 50],
      ["Total", 20, 100],
    ]);
    expect(pick(rows, "region", "Wales", keys)).toEqual([
      ["Met stigma", 10, 50],
      ["Did not meet stigma", 10, 50],
      ["Total", 20, 100],
    ]);
    expect(pick(rows, "region", "Total", keys)).toEqual([
      ["Met stigma", 20, 50],
      ["Did not meet stigma", 20, 50],
      ["Total", 40, 100],
    ]);
  });

  it("gives the mean total at intake by region with a UK row", async () => {
    const { rows } = await build("regions-barc-intake");
    expect(rows.find((r) => r.region === "Wales")).toMatchObject({ region: "Wales", count: 10, mean_barc: 34.5 });
    expect(rows.find((r) => r.region === "London")).toEqual({ region: "London", count: 0, mean_barc: null, mean_barc_low: null, mean_barc_high: null });
    // 22 people: (345 + 12 × 41) / 22 = 38.0.
    expect(rows.at(-1)).toMatchObject({ region: "Total", count: 20, mean_barc: 38 });
    // Its 95% interval (Student's t over the 10 people), so a comparison can say when a gap is real.
    const wales = rows.find((r) => r.region === "Wales")!;
    expect(wales.mean_barc_low).toBeLessThan(34.5);
    expect(wales.mean_barc_high).toBeGreaterThan(34.5);
    expect((wales.mean_barc_low as number) + (wales.mean_barc_high as number)).toBeCloseTo(69, 0);
  });

  it("hides the mean of a group whose people all gave the same answer, keeping its count", async () => {
    const { rows } = await build("regions-barc-intake");
    expect(rows.find((r) => r.region === "Scotland")).toEqual({ region: "Scotland", count: 10, mean_barc: null, mean_barc_low: null, mean_barc_high: null });
  });
});
