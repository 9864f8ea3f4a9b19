import { describe, expect, it } from "vitest";
import { aggregates } from "../../loaders/aggregates/headlines.ts";
import { withDuckDB } from "../../loaders/publish/duckdb.ts";
import { loadRecords, type Column } from "../../loaders/publish/table.ts";
import type { Dataset } from "../../loaders/schema.ts";
import { aggregateContext } from "../support/aggregates.ts";

const SUBJECTS: Partial<Record<Dataset, string>> = { stigma: "respondent_ref", outcomes: "person_ref" };

const times = <T>(n: number, make: (i: number) => T): T[] => Array.from({ length: n }, (_, i) => make(i));

/**
 * Audit: wave 2024 has 5 LEROs (3 evaluate, 2 do not: a small count, so the 3 is hidden too); wave 2025
 * has 10 (7 evaluate; 4 use case studies, 2 use BARC-10).
 */
const audit = {
  columns: [
    { name: "wave", type: "year" },
    { name: "evaluates", type: "boolean" },
    { name: "evaluation_methods", type: "list", itemType: "string" },
  ] as Column[],
  rows: [
    ...times(5, (i) => ({ wave: 2024, evaluates: i < 3, evaluation_methods: i < 3 ? ["Case studies"] : [] })),
    ...times(10, (i) => ({ wave: 2025, evaluates: i < 7, evaluation_methods: i < 2 ? ["Case studies", "BARC-10"] : i < 4 ? ["Case studies"] : [] })),
  ],
};

/**
 * Stigma: 20 people asked about their GP (12 met stigma: an enacted item at 4; 8 answered 1 to all);
 * 5 people asked about mental health services, all met stigma (a small count). Avoided care: GP people
 * 0–11 said yes at the GP, people 0–3 also at the dentist (still one person each), people 12–14 only
 * at the dentist; 10 more people answered no at the pharmacy; the 5 mental-health people did not answer.
 */
const stigma = {
  columns: [
    { name: "respondent_ref", type: "string" },
    { name: "setting", type: "string" },
    { name: "enacted_1", type: "integer" },
    { name: "enacted_2", type: "integer" },
    { name: "enacted_3", type: "integer" },
    { name: "avoided_care", type: "boolean" },
  ] as Column[],
  rows: [
    ...times(20, (i) => ({ respondent_ref: `gp-${i}`, setting: "GP", enacted_1: i < 12 ? 4 : 1, enacted_2: 1, enacted_3: i < 12 ? null : 1, avoided_care: i < 12 })),
    ...times(4, (i) => ({ respondent_ref: `gp-${i}`, setting: "Dentist", enacted_1: 1, enacted_2: 1, enacted_3: 1, avoided_care: true })),
    ...times(3, (i) => ({ respondent_ref: `gp-${12 + i}`, setting: "Dentist", enacted_1: 1, enacted_2: 1, enacted_3: 1, avoided_care: true })),
    ...times(10, (i) => ({ respondent_ref: `ph-${i}`, setting: "Pharmacy", enacted_1: 2, enacted_2: 2, enacted_3: 2, avoided_care: false })),
    ...times(5, (i) => ({ respondent_ref: `mh-${i}`, setting: "Mental health service", enacted_1: 5, enacted_2: null, enacted_3: null, avoided_care: null })),
  ],
};

/** Outcomes: 12 people at intake and 12 months (six 30 → 40, six 36 → 50); 3 more at intake only. */
const outcomes = {
  columns: [
    { name: "person_ref", type: "string" },
    { name: "assessment", type: "string" },
    { name: "barc_total", type: "integer" },
  ] as Column[],
  rows: [
    ...times(12, (i) => ({ person_ref: `p${i}`, assessment: "Intake", barc_total: i < 6 ? 30 : 36 })),
    ...times(12, (i) => ({ person_ref: `p${i}`, assessment: "12 months", barc_total: i < 6 ? 40 : 50 })),
    ...times(3, (i) => ({ person_ref: `q${i}`, assessment: "Intake", barc_total: 20 })),
  ],
};

/** Standards, 2025: CV01 (culture and values) 3 in place, 1 partly, 1 not applicable; SO01 (support offer) 4 not yet. */
const standards = {
  columns: [
    { name: "wave", type: "year" },
    { name: "statement_id", type: "string" },
    { name: "status", type: "string" },
  ] as Column[],
  rows: [
    ...times(3, () => ({ wave: 2025, statement_id: "CV01", status: "In place" })),
    { wave: 2025, statement_id: "CV01", status: "Partly in place" },
    { wave: 2025, statement_id: "CV01", status: "Not applicable" },
    ...times(4, () => ({ wave: 2025, statement_id: "SO01", status: "Not yet in place" })),
  ],
};

/** Workforce: 12 trainees in cohort 1 rating every skill 2 before and 4 after. */
const skills = ["ethics", "questions", "interviewing", "analysis", "writing"];
const workforce = {
  columns: [{ name: "cohort", type: "string" }, ...skills.flatMap((s) => [`confidence_before_${s}`, `confidence_after_${s}`]).map((name) => ({ name, type: "integer" }))] as Column[],
  rows: times(12, () => ({ cohort: "Cohort 1", ...Object.fromEntries(skills.flatMap((s) => [[`confidence_before_${s}`, 2], [`confidence_after_${s}`, 4]])) })),
};

async function build(id: string) {
  const definition = aggregates.find((a) => a.id === id);
  if (!definition) throw new Error(`no aggregate ${id}`);
  return withDuckDB(async (db) => {
    for (const [name, data] of Object.entries({ audit, stigma, outcomes, standards, workforce })) await loadRecords(db, `t_${name}`, data.columns, data.rows);
    return definition.build(aggregateContext(db, { subjects: SUBJECTS }));
  });
}

describe("headline tables", () => {
  it("counts LEROs that evaluate their work in each wave, hiding a small count and the cell that would reveal it", async () => {
    const json = await build("headlines-audit-evaluates");
    expect(json.dimensions).toEqual(["wave", "evaluates"]);
    expect(json.rows).toEqual([
      { wave: "2024", evaluates: "Evaluates its work", count: "[c]", percent: null },
      { wave: "2024", evaluates: "Does not evaluate yet", count: "[c]", percent: null },
      { wave: "2024", evaluates: "Total", count: 5, percent: 100 },
      { wave: "2025", evaluates: "Evaluates its work", count: 7, percent: 70 },
      { wave: "2025", evaluates: "Does not evaluate yet", count: 3, percent: 30 },
      { wave: "2025", evaluates: "Total", count: 10, percent: 100 },
    ]);
  });

  it("gives evaluation methods in the latest wave as a share of all LEROs audited then", async () => {
    const json = await build("headlines-audit-evaluation-methods");
    expect(json.base).toBe(10);
    expect(json.rows.find((r) => r.evaluation_methods === "Case studies")).toEqual({ wave: "2025", evaluation_methods: "Case studies", count: 4, percent: 40 });
    expect(json.rows.find((r) => r.evaluation_methods === "BARC-10")).toEqual({ wave: "2025", evaluation_methods: "BARC-10", count: "[c]", percent: null });
    expect(json.rows.find((r) => r.evaluation_methods === "Outcomes Star")).toMatchObject({ count: 0, percent: 0 });
  });

  it("shares standards answers by status, leaving out not applicable, per section and overall", async () => {
    const json = await build("headlines-standards-status");
    const pick = (section: string) => json.rows.filter((r) => r.section === section).map((r) => [r.status, r.count, r.percent]);
    // The applicable answers (8) are hidden: with every statement's total published on the standards
    // page, they would give back the small number marked not applicable.
    expect(pick("All sections")).toEqual([
      ["In place", "[c]", null],
      ["Partly in place", "[c]", null],
      ["Not yet in place", 4, null],
      ["Total", "[c]", null],
    ]);
    expect(pick("Support offer")).toEqual([
      ["In place", 0, 0],
      ["Partly in place", 0, 0],
      ["Not yet in place", 4, 100],
      ["Total", 4, 100],
    ]);
  });

  it("counts people who met stigma in each setting, rounded, with percentages from the rounded counts", async () => {
    const json = await build("headlines-stigma-met-by-setting");
    const gp = json.rows.filter((r) => r.setting === "GP");
    expect(gp).toEqual([
      { setting: "GP", enacted: "Met stigma", count: 10, percent: 50 },
      { setting: "GP", enacted: "Did not meet stigma", count: 10, percent: 50 },
      { setting: "GP", enacted: "Total", count: 20, percent: 100 },
    ]);
    const mh = json.rows.filter((r) => r.setting === "Mental health service");
    expect(mh.map((r) => [r.count, r.percent])).toEqual([
      ["[c]", null],
      [0, null],
      ["[c]", null],
    ]);
  });

  it("counts each person once for avoiding care, whatever the number of settings", async () => {
    const json = await build("headlines-stigma-avoided-care");
    expect(json.rows).toEqual([
      { avoided_care: "Avoided care", count: 15, percent: 50 },
      { avoided_care: "Did not avoid care", count: 15, percent: 50 },
      { avoided_care: "Total", count: 30, percent: 100 },
    ]);
  });

  it("gives the mean change from intake to 12 months for people assessed at both points", async () => {
    const json = await build("headlines-outcomes-change");
    expect(json.rows).toEqual([
      {
        period: "Intake to 12 months",
        count: 10,
        mean_intake: 33,
        mean_12_months: 45,
        mean_change: 12,
        cutoff_intake_count: 0,
        cutoff_12_months_count: "[c]",
        percent_cutoff_intake: 0,
        percent_cutoff_12_months: null,
      },
    ]);
  });

  it("gives mean BARC-10 at each assessment of everyone assessed then", async () => {
    const json = await build("headlines-outcomes-barc");
    expect(json.rows.filter((r) => r.assessment === "Intake" || r.assessment === "12 months")).toEqual([
      // With their 95% t intervals, so the Report says "higher" only when they do not overlap.
      { assessment: "Intake", count: 15, mean_barc: 30.4, mean_barc_low: 27, mean_barc_high: 33.8 },
      { assessment: "12 months", count: 10, mean_barc: 45, mean_barc_low: 41.7, mean_barc_high: 48.3 },
    ]);
    expect(json.rows.find((r) => r.assessment === "3 months")).toEqual({ assessment: "3 months", count: 0, mean_barc: null, mean_barc_low: null, mean_barc_high: null });
  });

  it("counts trainees by cohort and their mean confidence before and after", async () => {
    expect((await build("headlines-workforce-trainees")).rows).toEqual([
      { cohort: "Cohort 1", count: 10 },
      { cohort: "Cohort 2", count: 0 },
      { cohort: "Total", count: 10 },
    ]);
    // All ten rated 2 before and 4 after: a mean with no spread is every trainee's answer, so it is hidden.
    expect((await build("headlines-workforce-confidence")).rows).toEqual([{ trainees: "All trainees", count: 10, mean_before: null, mean_after: null }]);
  });
});
