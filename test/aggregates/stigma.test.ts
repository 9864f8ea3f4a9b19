import { describe, expect, it } from "vitest";
import { aggregates } from "../../loaders/aggregates/stigma.ts";
import { withDuckDB } from "../../loaders/publish/duckdb.ts";
import { columnsOf, loadRecords } from "../../loaders/publish/table.ts";
import { loadSchema } from "../../loaders/schema.ts";
import { aggregateContext } from "../support/aggregates.ts";

const SCHEMA = loadSchema("stigma");
const COLUMNS = [{ name: "respondent_ref", type: "string" as const }, ...columnsOf(SCHEMA.fields.filter((f) => f.lero.role !== "identifier"))];

type Answer = Partial<Record<string, unknown>>;

/**
 * GP: 30 people in recovery (18 met enacted stigma: enacted 5, 1, 1; 12 did not: 1, 1, 1; one of those
 * left the internalised items blank) and 20 family members (10 met, 10 did not). Those who met it
 * avoided care. Mental health service: 3 of the GP people in recovery who did not meet it there, all
 * meeting it (a small group). Pharmacy: 12 other family members, 2 of whom met it (enacted blank, 4, 1).
 */
function fixture(): Answer[] {
  const rows: Answer[] = [];
  const answer = (id: string, setting: string, role: string, met: boolean, extra: Answer = {}): void => {
    rows.push({
      respondent_ref: id,
      setting,
      role,
      enacted_1: met ? 5 : 1,
      enacted_2: 1,
      enacted_3: 1,
      anticipated_1: role === "Person in recovery" ? 4 : 3,
      anticipated_2: role === "Person in recovery" ? 4 : 3,
      anticipated_3: role === "Person in recovery" ? 4 : 3,
      internalised_1: 2,
      internalised_2: 2,
      internalised_3: 2,
      avoided_care: met,
      year: 2025,
      region: "London",
      quote: null,
      quote_consent: null,
      ...extra,
    });
  };
  for (let i = 0; i < 18; i++) answer(`p${i}`, "GP", "Person in recovery", true, i === 0 ? { quote: "<script>alert(1)</script> they laughed", quote_consent: true } : i === 1 ? { quote: "<script>alert(1)</script> they laughed", quote_consent: true } : {});
  for (let i = 18; i < 30; i++) answer(`p${i}`, "GP", "Person in recovery", false, i === 18 ? { internalised_1: null, internalised_2: null, internalised_3: null } : i === 19 ? { quote: "Dr [name] listened", quote_consent: false } : {});
  for (let i = 0; i < 20; i++) answer(`f${i}`, "GP", "Family member", i < 10);
  for (let i = 27; i < 30; i++) answer(`p${i}`, "Mental health service", "Person in recovery", true, i === 27 ? { quote: "Felt judged.", quote_consent: true } : {});
  for (let i = 0; i < 12; i++) {
    answer(`fp${i}`, "Pharmacy", "Family member", false, { enacted_1: null, enacted_2: i < 2 ? 4 : 1, anticipated_1: 2, anticipated_2: 2, anticipated_3: 2, internalised_1: 3, internalised_2: 3, internalised_3: 3, avoided_care: false });
  }
  return rows;
}

async function build(id: string) {
  const definition = aggregates.find((a) => a.id === id);
  if (!definition) throw new Error(`no aggregate ${id}`);
  return withDuckDB(async (db) => {
    await loadRecords(db, "t_stigma", COLUMNS, fixture());
    return definition.build(aggregateContext(db, { subjects: { stigma: "respondent_ref" } }));
  });
}

const row = (rows: Record<string, unknown>[], match: Record<string, string>) => rows.find((r) => Object.entries(match).every(([k, v]) => r[k] === v));

describe("stigma aggregates", () => {
  it("gives the share of people who met enacted stigma in each setting, hiding small groups", async () => {
    const json = await build("stigma-enacted-by-setting");
    expect(json.measures).toEqual(["count", "enacted_count", "percent"]);
    // GP: 50 people (rounded 50), 28 met it (30): 30 / 50 = 60%.
    expect(row(json.rows, { setting: "GP" })).toEqual({ setting: "GP", count: 50, enacted_count: 30, percent: 60 });
    // Mental health service: 3 people, all hidden.
    expect(row(json.rows, { setting: "Mental health service" })).toEqual({ setting: "Mental health service", count: "[c]", enacted_count: "[c]", percent: null });
    // Pharmacy: 12 people (10), 2 met it: hidden, and no percentage.
    expect(row(json.rows, { setting: "Pharmacy" })).toEqual({ setting: "Pharmacy", count: 10, enacted_count: "[c]", percent: null });
    expect(row(json.rows, { setting: "Police" })).toEqual({ setting: "Police", count: 0, enacted_count: 0, percent: null });
  });

  it("gives the share who avoided care in each setting", async () => {
    const json = await build("stigma-avoided-by-setting");
    expect(row(json.rows, { setting: "GP" })).toEqual({ setting: "GP", count: 50, avoided_count: 30, percent: 60 });
    expect(row(json.rows, { setting: "Pharmacy" })).toEqual({ setting: "Pharmacy", count: 10, avoided_count: 0, percent: 0 });
  });

  it("splits each setting by role with totals, and hides a cell that a total would give away", async () => {
    const json = await build("stigma-enacted-by-role-setting");
    expect(json.dimensions).toEqual(["setting", "role"]);
    const gp = json.rows.filter((r) => r.setting === "GP").map((r) => [r.role, r.count, r.enacted_count, r.percent]);
    expect(gp).toEqual([
      ["Person in recovery", 30, 20, 66.7],
      ["Family member", 20, 10, 50],
      ["Worker", 0, 0, null],
      ["Total", 50, 30, 60],
    ]);
    // Pharmacy: 2 of 12 family members met it; the 10 who did not are hidden too, so the 2 cannot be worked out.
    const pharmacy = json.rows.filter((r) => r.setting === "Pharmacy").map((r) => [r.role, r.count, r.enacted_count, r.percent]);
    expect(pharmacy).toEqual([
      ["Person in recovery", 0, 0, null],
      ["Family member", 10, "[c]", null],
      ["Worker", 0, 0, null],
      ["Total", 10, "[c]", null],
    ]);
  });

  it("counts each person once across settings for 'at least one setting'", async () => {
    const json = await build("stigma-enacted-any-by-role");
    // People in recovery: 18 met it at the GP and 3 others at a mental health service: 21 of 30.
    expect(json.rows).toEqual([
      { role: "Person in recovery", count: 30, enacted_count: 20, percent: 66.7 },
      { role: "Family member", count: 30, enacted_count: 10, percent: 33.3 },
      { role: "Worker", count: 0, enacted_count: 0, percent: null },
      { role: "Total", count: 60, enacted_count: 35, percent: 58.3 },
    ]);
  });

  it("gives mean scale scores by setting for people who answered all three scales", async () => {
    const json = await build("stigma-scales-by-setting");
    // GP: 49 people (one left internalised blank); enacted (28 × 7/3 + 21) / 49 = 1.76; anticipated (29 × 4 + 20 × 3) / 49 = 3.59;
    // internalised is 2 for all 49, and a mean with no spread is everyone's answer, so it is hidden.
    expect(row(json.rows, { setting: "GP" })).toEqual({ setting: "GP", count: 50, mean_enacted: 1.8, mean_anticipated: 3.6, mean_internalised: null });
    expect(row(json.rows, { setting: "Mental health service" })).toEqual({ setting: "Mental health service", count: "[c]", mean_enacted: null, mean_anticipated: null, mean_internalised: null });
    // Pharmacy: enacted is the mean of the items answered: (2 × 2.5 + 10 × 1) / 12 = 1.25; everyone
    // answered 2 (anticipated) and 3 (internalised), so those two are hidden.
    expect(row(json.rows, { setting: "Pharmacy" })).toEqual({ setting: "Pharmacy", count: 10, mean_enacted: 1.3, mean_anticipated: null, mean_internalised: null });
  });

  it("publishes consented quotes once each, with only their setting, exactly as redacted", async () => {
    const json = await build("stigma-quotes");
    expect(json.rows).toEqual([
      { setting: "GP", quote: "<script>alert(1)</script> they laughed" },
      { setting: "Mental health service", quote: "Felt judged." },
    ]);
    expect(json.measures).toEqual([]);
  });
});
