import { describe, expect, it } from "vitest";
import { aggregates, daysOf, skillsOf } from "../../loaders/aggregates/workforce.ts";
import { withDuckDB } from "../../loaders/publish/duckdb.ts";
import { columnsOf, loadRecords } from "../../loaders/publish/table.ts";
import { loadSchema } from "../../loaders/schema.ts";
import { aggregateContext } from "../support/aggregates.ts";

const SCHEMA = loadSchema("workforce");
const COLUMNS = columnsOf(SCHEMA.fields.filter((f) => f.lero.role !== "identifier"));

/**
 * Cohort 1: 12 trainees, in person; ethics confidence 2 → 4; questions 3 → 4; day 1 rated 5. Cohort 2:
 * 5 trainees, online; ethics 1 → 5; questions not rated afterwards; day 1 rated 4. Feedback: the same
 * consented words from two trainees, one without consent, one with consent left blank.
 */
function fixture(): Record<string, unknown>[] {
  const rows: Record<string, unknown>[] = [];
  for (let i = 0; i < 17; i++) {
    const first = i < 12;
    rows.push({
      cohort: first ? "Cohort 1" : "Cohort 2",
      attendance: first ? "In person" : "Online",
      prior_research_experience: ["None of these"],
      higher_education: "No",
      confidence_before_ethics: first ? 2 : 1,
      confidence_after_ethics: first ? 4 : 5,
      confidence_before_questions: first ? 3 : 2,
      confidence_after_questions: first ? 4 : null,
      day_1: first ? 5 : 4,
      feedback: i < 2 ? "Great <b>day</b>" : i === 2 ? "Ask [name] about it" : i === 3 ? "No consent given" : null,
      feedback_consent: i < 2 ? true : i === 2 ? false : null,
    });
  }
  return rows;
}

async function build(id: string) {
  const definition = aggregates.find((a) => a.id === id);
  if (!definition) throw new Error(`no aggregate ${id}`);
  return withDuckDB(async (db) => {
    await loadRecords(db, "t_workforce", COLUMNS, fixture());
    return definition.build(aggregateContext(db));
  });
}

describe("workforce aggregates", () => {
  it("names skills and days from the schema", () => {
    expect(skillsOf(SCHEMA.fields).map((s) => s.label)).toEqual([
      "Research ethics and consent",
      "Designing questions",
      "Interviewing and listening",
      "Analysing data",
      "Writing up and sharing findings",
    ]);
    expect(daysOf(SCHEMA.fields)[1]).toEqual({ key: "day_2", label: "Day 2: Ethics, consent and safety" });
  });

  it("hides a small cohort, and the other cohort too when the total would give it away", async () => {
    const json = await build("workforce-confidence");
    const ethics = json.rows.filter((r) => r.skill === "Research ethics and consent");
    // 12 + 5 = 17 trainees (15): the 5 are hidden, so the 12 are hidden as well; means only for all trainees.
    expect(ethics).toEqual([
      { skill: "Research ethics and consent", cohort: "Cohort 1", count: "[c]", mean_before: null, mean_after: null, mean_before_low: null, mean_before_high: null, mean_after_low: null, mean_after_high: null },
      { skill: "Research ethics and consent", cohort: "Cohort 2", count: "[c]", mean_before: null, mean_after: null, mean_before_low: null, mean_before_high: null, mean_after_low: null, mean_after_high: null },
      expect.objectContaining({ skill: "Research ethics and consent", cohort: "Total", count: 15, mean_before: 1.7, mean_after: 4.3 }),
    ]);
    // The all-trainee means have 95% intervals around them; the hidden cohorts have none.
    const total = ethics[2]!;
    expect(total.mean_before_low).toBeLessThan(1.7);
    expect(total.mean_before_high).toBeGreaterThan(1.7);
    expect(total.mean_after_low).toBeLessThan(4.3);
    expect(total.mean_after_high).toBeGreaterThan(4.3);
  });

  it("counts only trainees who rated a skill both before and after", async () => {
    const json = await build("workforce-confidence");
    const questions = json.rows.filter((r) => r.skill === "Designing questions");
    // The trainees of cohort 1 who did not rate it are a count of 1 to 7: shown beside the cohort's
    // size, the 10 who did would give them away, so it is hidden (and the total it equals).
    expect(questions).toEqual([
      { skill: "Designing questions", cohort: "Cohort 1", count: "[c]", mean_before: null, mean_after: null, mean_before_low: null, mean_before_high: null, mean_after_low: null, mean_after_high: null },
      { skill: "Designing questions", cohort: "Cohort 2", count: 0, mean_before: null, mean_after: null, mean_before_low: null, mean_before_high: null, mean_after_low: null, mean_after_high: null },
      { skill: "Designing questions", cohort: "Total", count: "[c]", mean_before: null, mean_after: null, mean_before_low: null, mean_before_high: null, mean_after_low: null, mean_after_high: null },
    ]);
    const analysis = json.rows.filter((r) => r.skill === "Analysing data");
    expect(analysis.map((r) => r.count)).toEqual([0, 0, 0]);
  });

  it("gives the mean rating of each day", async () => {
    const json = await build("workforce-day-ratings");
    // (12 × 5 + 5 × 4) / 17 = 4.7, with a 95% interval of 4.71 ± t(16) × 0.47 / √17 = 4.5 to 4.9.
    expect(json.rows.filter((r) => r.day === "Day 1: What peer research is").map((r) => [r.cohort, r.count, r.mean_rating, r.mean_rating_low, r.mean_rating_high])).toEqual([
      ["Cohort 1", "[c]", null, null, null],
      ["Cohort 2", "[c]", null, null, null],
      ["Total", 15, 4.7, 4.5, 4.9],
    ]);
    expect(json.rows.find((r) => r.day === "Day 6: Writing up and sharing findings" && r.cohort === "Total")).toMatchObject({ count: 0, mean_rating: null });
  });

  it("protects attendance by cohort", async () => {
    const json = await build("workforce-attendance-by-cohort");
    for (const r of json.rows) expect(typeof r.count === "number" ? r.count % 5 === 0 && (r.count === 0 || r.count > 7) : r.count === "[c]").toBe(true);
    expect(json.rows.find((r) => r.cohort === "Total" && r.attendance === "Total")?.count).toBe(15);
  });

  it("publishes consented feedback once each, with nothing but the words", async () => {
    const json = await build("workforce-feedback");
    expect(json.rows).toEqual([{ feedback: "Great <b>day</b>" }]);
  });
});
