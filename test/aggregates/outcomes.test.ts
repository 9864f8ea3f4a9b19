import { describe, expect, it } from "vitest";
import { aggregates } from "../../loaders/aggregates/outcomes.ts";
import { withDuckDB } from "../../loaders/publish/duckdb.ts";
import { loadRecords, type Column } from "../../loaders/publish/table.ts";
import { loadSchema } from "../../loaders/schema.ts";
import { aggregateContext } from "../support/aggregates.ts";

const COLUMNS: Column[] = [
  { name: "person_ref", type: "string" },
  { name: "assessment", type: "string" },
  { name: "region", type: "string" },
  { name: "barc_total", type: "integer" },
];

/** The 95% interval columns of hidden means. */
const NO_INTERVALS = { mean_intake_low: null, mean_intake_high: null, mean_follow_up_low: null, mean_follow_up_high: null, mean_change_low: null, mean_change_high: null };
const SUBJECTS = { outcomes: "person_ref" } as const;

/**
 * 20 people assessed at intake. North East: 12 assessed at intake and 12 months (six 30 → 40, six
 * 36 → 46) and 5 at intake only (10). London: 3 assessed at both points (20 → 50), a small group.
 */
function fixture(): Record<string, unknown>[] {
  const rows: Record<string, unknown>[] = [];
  const person = (id: string, region: string, intake: number, later?: number): void => {
    rows.push({ person_ref: id, assessment: "Intake", region, barc_total: intake });
    if (later !== undefined) rows.push({ person_ref: id, assessment: "12 months", region, barc_total: later });
  };
  for (let i = 0; i < 6; i++) person(`ne-a${i}`, "North East", 30, 40);
  for (let i = 0; i < 6; i++) person(`ne-b${i}`, "North East", 36, 46);
  for (let i = 0; i < 5; i++) person(`ne-c${i}`, "North East", 10);
  for (let i = 0; i < 3; i++) person(`ldn-${i}`, "London", 20, 50);
  return rows;
}

/**
 * Linked through the LERO pseudonym, each person's LERO stage taken when they started:
 * - A (Emerging in 2024, Established in 2025): 4 people who started in 2024, 30 → 40: Emerging;
 * - B (audited only in 2025): 4 people who started in 2024, before any audit, 30 → 40: its first
 *   stage, Established;
 * - C (audited only in 2024): 4 people who started in 2025, 30 → 40: Established;
 * - E, F, G (Emerging): 5 people each, 40 → 44; D (Mature, alone): 12 people, 20 → 50;
 * - H, never audited: 10 people, who must be left out.
 */
async function buildLinked(id: string) {
  const definition = aggregates.find((a) => a.id === id)!;
  const outcomes: Record<string, unknown>[] = [];
  const people = (lero: string, n: number, started: string, intake: number, later: number): void => {
    for (let i = 0; i < n; i++) {
      const person = { person_ref: `${lero}-${i}`, lero_ref: lero, region: "North West" };
      outcomes.push({ ...person, assessment: "Intake", assessment_date: started, barc_total: intake });
      outcomes.push({ ...person, assessment: "12 months", assessment_date: null, barc_total: later });
    }
  };
  people("A", 4, "2024-06-01", 30, 40);
  people("B", 4, "2024-03-01", 30, 40);
  people("C", 4, "2025-02-01", 30, 40);
  for (const lero of ["E", "F", "G"]) people(lero, 5, "2025-01-15", 40, 44);
  people("D", 12, "2025-04-01", 20, 50);
  people("H", 10, "2025-04-01", 10, 60);
  const audit = [
    { lero_ref: "A", wave: 2024, stage: "Emerging" },
    { lero_ref: "A", wave: 2025, stage: "Established" },
    { lero_ref: "B", wave: 2025, stage: "Established" },
    { lero_ref: "C", wave: 2024, stage: "Established" },
    { lero_ref: "D", wave: 2025, stage: "Mature" },
    { lero_ref: "E", wave: 2025, stage: "Emerging" },
    { lero_ref: "F", wave: 2025, stage: "Emerging" },
    { lero_ref: "G", wave: 2025, stage: "Emerging" },
  ];
  return withDuckDB(async (db) => {
    await loadRecords(db, "t_outcomes", [...COLUMNS, { name: "lero_ref", type: "string" }, { name: "assessment_date", type: "date" }], outcomes);
    await loadRecords(db, "t_audit", [{ name: "lero_ref", type: "string" }, { name: "wave", type: "integer" }, { name: "stage", type: "string" }], audit);
    const link = { name: "lero_ref", type: "string", lero: { role: "public" } } as const;
    return definition.build(aggregateContext(db, { subjects: SUBJECTS, fields: (dataset) => [...loadSchema(dataset).fields, link] }));
  });
}

async function build(id: string) {
  const definition = aggregates.find((a) => a.id === id)!;
  return withDuckDB(async (db) => {
    await loadRecords(db, "t_outcomes", COLUMNS, fixture());
    return definition.build(aggregateContext(db, { subjects: SUBJECTS }));
  });
}

describe("outcomes aggregates", () => {
  it("gives the mean total and the people assessed at each point", async () => {
    const json = await build("outcomes-barc-mean");
    expect(json.rows).toEqual([
      { assessment: "Intake", count: 20, mean_barc: 25.3 },
      { assessment: "3 months", count: 0, mean_barc: null },
      { assessment: "6 months", count: 0, mean_barc: null },
      { assessment: "12 months", count: 15, mean_barc: 44.4 },
    ]);
  });

  it("bands totals per assessment, hides small bands and a band that would reveal one, and drops totals over assessments", async () => {
    const json = await build("outcomes-barc-bands");
    const at = (assessment: string) => json.rows.filter((r) => r.assessment === assessment).map((r) => [r.band, r.count, r.percent]);
    expect(at("Intake")).toEqual([
      ["10–19", "[c]", null],
      ["20–29", "[c]", null],
      ["30–39", 10, 50],
      ["40–46", 0, 0],
      ["47–60", 0, 0],
      ["Total", 20, 100],
    ]);
    // 3 people at 47+ are hidden; the 12 at 40–46 are hidden too, or 15 − 12 would give them away.
    expect(at("12 months")).toEqual([
      ["10–19", 0, 0],
      ["20–29", 0, 0],
      ["30–39", 0, 0],
      ["40–46", "[c]", null],
      ["47–60", "[c]", null],
      ["Total", 15, 100],
    ]);
    expect(json.rows.some((r) => r.assessment === "Total")).toBe(false);
  });

  it("measures change for the same people between intake and each follow-up", async () => {
    const json = await build("outcomes-paired-change");
    expect(json.rows).toEqual([
      { follow_up: "3 months", count: 0, mean_intake: null, mean_follow_up: null, mean_change: null },
      { follow_up: "6 months", count: 0, mean_intake: null, mean_follow_up: null, mean_change: null },
      { follow_up: "12 months", count: 15, mean_intake: 30.4, mean_follow_up: 44.4, mean_change: 14 },
    ]);
  });

  it("hides a region's change when its base is small or would reveal a small one, and keeps the UK row", async () => {
    const json = await build("outcomes-change-by-region");
    const row = (region: string) => json.rows.find((r) => r.region === region);
    expect(row("London")).toEqual({ region: "London", count: "[c]", mean_intake: null, mean_follow_up: null, mean_change: null, ...NO_INTERVALS });
    // 12 people is a large enough base, but with London hidden and the total shown it must be hidden too.
    expect(row("North East")).toEqual({ region: "North East", count: "[c]", mean_intake: null, mean_follow_up: null, mean_change: null, ...NO_INTERVALS });
    expect(row("Wales")).toEqual({ region: "Wales", count: 0, mean_intake: null, mean_follow_up: null, mean_change: null, ...NO_INTERVALS });
    expect(row("Total")).toMatchObject({ region: "Total", count: 15, mean_intake: 30.4, mean_follow_up: 44.4, mean_change: 14 });
    expect(row("Total")!.mean_change_low).toBeLessThanOrEqual(14);
    expect(row("Total")!.mean_change_high).toBeGreaterThanOrEqual(14);
    expect(json.rows).toHaveLength(13);
  });

  it("measures change by each LERO's stage when its people started, hiding a stage of fewer than three LEROs", async () => {
    const json = await buildLinked("outcomes-change-by-stage");
    expect(json.rows).toMatchObject([
      { stage: "Informal group", count: 0, mean_intake: null, mean_follow_up: null, mean_change: null, ...NO_INTERVALS },
      // A's 4 people (Emerging when they started in 2024) with E, F and G's 15: (4 × 30 + 15 × 40) / 19 = 37.9 …
      { stage: "Emerging", count: 20, mean_intake: 37.9, mean_follow_up: 43.2, mean_change: 5.3 },
      // B and C only: 8 people from 2 LEROs, so hidden whatever the count.
      { stage: "Established", count: "[c]", mean_intake: null, mean_follow_up: null, mean_change: null, ...NO_INTERVALS },
      // 12 people, all at one LERO: their means would be that LERO's results.
      { stage: "Mature", count: "[c]", mean_intake: null, mean_follow_up: null, mean_change: null, ...NO_INTERVALS },
      // 39 people of audited LEROs (H's 10 are left out): (12 × 30 + 15 × 40 + 12 × 20) / 39 = 30.8 …
      { stage: "Total", count: 40, mean_intake: 30.8, mean_follow_up: 44.6, mean_change: 13.8 },
    ]);
    expect(json.notes?.join(" ")).toMatch(/fewer than 3 LEROs/);
  });

  it("says change by stage is not available when the assessments carry no LERO pseudonym", async () => {
    const json = await build("outcomes-change-by-stage");
    expect(json.rows.map((r) => r.count)).toEqual(["[x]", "[x]", "[x]", "[x]", "[x]"]);
    expect(json.notes?.[0]).toMatch(/^Not available/);
  });

  it("says change by stage waits for the audit when the release has no audit, even with a LERO pseudonym", async () => {
    const definition = aggregates.find((a) => a.id === "outcomes-change-by-stage")!;
    const link = { name: "lero_ref", type: "string", lero: { role: "public" } } as const;
    const json = await withDuckDB(async (db) => {
      await loadRecords(db, "t_outcomes", COLUMNS, fixture());
      return definition.build(aggregateContext(db, { subjects: SUBJECTS, has: ["outcomes"], fields: (dataset) => [...loadSchema(dataset).fields, link] }));
    });
    expect(json.rows.map((r) => r.count)).toEqual(["[x]", "[x]", "[x]", "[x]", "[x]"]);
    expect(json.notes).toEqual(["Not available: the audit of LEROs is not yet collected, so assessments cannot be linked to each LERO's stage of development."]);
  });
});
