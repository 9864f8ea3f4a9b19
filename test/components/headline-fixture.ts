/** Hand-written headline tables in the published shape, shared by the headline and report tests. */
import type { AggregateTable, Tables } from "../../src/components/shared/headline-figures.ts";

const table = (id: string, level: AggregateTable["level"], dimensions: string[], measures: string[], rows: AggregateTable["rows"], base?: number): AggregateTable => ({
  id,
  title: id,
  level,
  unit: level === "person" ? "people" : "organisations",
  dimensions,
  measures,
  totalLabel: "Total",
  rows,
  ...(base === undefined ? {} : { base }),
});

export const TABLES: Tables = {
  "headlines-audit-evaluates": table("headlines-audit-evaluates", "organisation", ["wave", "evaluates"], ["count", "percent"], [
    { wave: "2024", evaluates: "Evaluates its work", count: 40, percent: 50 },
    { wave: "2024", evaluates: "Does not evaluate yet", count: 40, percent: 50 },
    { wave: "2024", evaluates: "Total", count: 80, percent: 100 },
    { wave: "2025", evaluates: "Evaluates its work", count: 72, percent: 60 },
    { wave: "2025", evaluates: "Does not evaluate yet", count: 48, percent: 40 },
    { wave: "2025", evaluates: "Total", count: 120, percent: 100 },
  ]),
  "headlines-audit-evaluation-methods": table("headlines-audit-evaluation-methods", "organisation", ["wave", "evaluation_methods"], ["count", "percent"], [
    { wave: "2025", evaluation_methods: "Routine outcome monitoring", count: 30, percent: 25 },
    { wave: "2025", evaluation_methods: "BARC-10", count: 36, percent: 30 },
    { wave: "2025", evaluation_methods: "Case studies", count: 66, percent: 55 },
    { wave: "2025", evaluation_methods: "Assessment of Recovery Capital (ARC)", count: "[c]", percent: null },
  ], 120),
  "headlines-standards-status": table("headlines-standards-status", "organisation", ["wave", "section", "status"], ["count", "percent"], [
    { wave: "2025", section: "All sections", status: "In place", count: 400, percent: 40 },
    { wave: "2025", section: "All sections", status: "Partly in place", count: 350, percent: 35 },
    { wave: "2025", section: "All sections", status: "Not yet in place", count: 250, percent: 25 },
    { wave: "2025", section: "All sections", status: "Total", count: 1000, percent: 100 },
    { wave: "2025", section: "Culture and values", status: "In place", count: 300, percent: 60 },
    { wave: "2025", section: "Culture and values", status: "Total", count: 500, percent: 100 },
    { wave: "2025", section: "Support offer", status: "In place", count: 100, percent: 20 },
    { wave: "2025", section: "Support offer", status: "Total", count: 500, percent: 100 },
  ]),
  "headlines-workforce-trainees": table("headlines-workforce-trainees", "person", ["cohort"], ["count"], [
    { cohort: "Cohort 1", count: 30 },
    { cohort: "Cohort 2", count: 25 },
    { cohort: "Total", count: 55 },
  ]),
  "headlines-workforce-confidence": table("headlines-workforce-confidence", "person", ["trainees"], ["count", "mean_before", "mean_after"], [
    { trainees: "All trainees", count: 50, mean_before: 2.2, mean_after: 3.9 },
  ]),
  "headlines-stigma-met-by-setting": table("headlines-stigma-met-by-setting", "person", ["setting", "enacted"], ["count", "percent"], [
    { setting: "GP", enacted: "Met stigma", count: 300, percent: 75 },
    { setting: "GP", enacted: "Did not meet stigma", count: 100, percent: 25 },
    { setting: "GP", enacted: "Total", count: 400, percent: 100 },
    { setting: "Police", enacted: "Met stigma", count: 160, percent: 80 },
    { setting: "Police", enacted: "Did not meet stigma", count: 40, percent: 20 },
    { setting: "Police", enacted: "Total", count: 200, percent: 100 },
    { setting: "Dentist", enacted: "Met stigma", count: "[c]", percent: null },
    { setting: "Dentist", enacted: "Did not meet stigma", count: "[c]", percent: null },
    { setting: "Dentist", enacted: "Total", count: 10, percent: 100 },
  ]),
  "headlines-stigma-avoided-care": table("headlines-stigma-avoided-care", "person", ["avoided_care"], ["count", "percent"], [
    { avoided_care: "Avoided care", count: 330, percent: 55 },
    { avoided_care: "Did not avoid care", count: 270, percent: 45 },
    { avoided_care: "Total", count: 600, percent: 100 },
  ]),
  "headlines-outcomes-barc": table("headlines-outcomes-barc", "person", ["assessment"], ["count", "mean_barc"], [
    { assessment: "Intake", count: 1000, mean_barc: 34.5 },
    { assessment: "3 months", count: 700, mean_barc: 38 },
    { assessment: "6 months", count: 500, mean_barc: 41.2 },
    { assessment: "12 months", count: 400, mean_barc: 44 },
  ]),
  "headlines-outcomes-change": table("headlines-outcomes-change", "person", ["period"], ["count", "mean_intake", "mean_12_months", "mean_change"], [
    { period: "Intake to 12 months", count: 400, mean_intake: 36.1, mean_12_months: 44, mean_change: 7.9, cutoff_intake_count: 40, cutoff_12_months_count: 160, percent_cutoff_intake: 10, percent_cutoff_12_months: 40 },
  ]),
};

/** The same tables with every headline figure suppressed or missing. */
export function suppressed(): Tables {
  const copy = JSON.parse(JSON.stringify(TABLES)) as Record<string, AggregateTable>;
  for (const t of Object.values(copy)) {
    for (const row of t.rows) {
      for (const key of Object.keys(row)) {
        if (key === "count" || key.startsWith("mean") || key.startsWith("percent") || key.endsWith("_count")) row[key] = key === "count" || key.endsWith("_count") ? "[c]" : null;
      }
    }
  }
  return copy;
}
