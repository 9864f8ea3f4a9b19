import { afterAll, describe, expect, it } from "vitest";
import { rmSync } from "node:fs";
import { aggregates as embedAggregates } from "../../loaders/aggregates/embed.ts";
import { linksOf } from "../../loaders/aggregates/index.ts";
import { aggregates } from "../../loaders/aggregates/stigma.ts";
import { runIntruder } from "../../loaders/disclose/intruder/index.ts";
import { withDuckDB } from "../../loaders/publish/duckdb.ts";
import { columnsOf, loadRecords } from "../../loaders/publish/table.ts";
import { loadSchema } from "../../loaders/schema.ts";
import { aggregateContext } from "../support/aggregates.ts";
import { writeRelease } from "../disclose/intruder/fixture.ts";

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

async function build(id: string, records: Answer[] = fixture()) {
  const definition = [...aggregates, ...embedAggregates].find((a) => a.id === id);
  if (!definition) throw new Error(`no aggregate ${id}`);
  return withDuckDB(async (db) => {
    await loadRecords(db, "t_stigma", COLUMNS, records);
    return definition.build(aggregateContext(db, { subjects: { stigma: "respondent_ref" } }));
  });
}

/**
 * One year's pharmacy answers, as in the export that once stopped the build: 40 people in recovery (8 met
 * enacted stigma), 12 family members and 12 workers (1 each met it), in London and Wales; `noRole` more
 * people in recovery who left the role question blank.
 */
function pharmacyYear(noRole = 0): Answer[] {
  const rows: Answer[] = [];
  const answer = (id: string, role: string | null, met: boolean, region: string): void => {
    rows.push({ respondent_ref: id, setting: "Pharmacy", role, enacted_1: met ? 5 : 1, enacted_2: 1, enacted_3: 1, avoided_care: met, year: 2025, region });
  };
  for (let i = 0; i < 40; i++) answer(`p${i}`, "Person in recovery", i < 8, i % 2 ? "London" : "Wales");
  for (let i = 0; i < 12; i++) answer(`f${i}`, "Family member", i === 0, i % 2 ? "London" : "Wales");
  for (let i = 0; i < 12; i++) answer(`w${i}`, "Worker", i === 0, i % 2 ? "London" : "Wales");
  for (let i = 0; i < noRole; i++) answer(`n${i}`, null, false, "London");
  return rows;
}

const ENACTED_TABLES = ["stigma-enacted-by-setting", "stigma-enacted-by-role-setting", "embed-stigma-enacted-by-region"];

/** The enacted-stigma tables as the release publishes them, with their links, in a folder for the intruder. */
async function enactedRelease(records: Answer[], edit: (id: string, rows: Record<string, unknown>[]) => void = () => {}) {
  const tables = [];
  for (const id of ENACTED_TABLES) {
    const built = await build(id, records);
    edit(id, built.rows);
    const { counts, ...links } = linksOf("stigma", built);
    tables.push({ id, dataset: "stigma", level: "person" as const, dimensions: built.dimensions, measures: built.measures, rows: built.rows as Record<string, string | number | null>[], counts, ...links });
  }
  const dir = writeRelease({ tables });
  releases.push(dir);
  return dir;
}
const releases: string[] = [];
afterAll(() => releases.forEach((d) => rmSync(d, { recursive: true, force: true })));

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
    const hiddenIntervals = Object.fromEntries(["enacted", "anticipated", "internalised"].flatMap((s) => [[`mean_${s}_low`, null], [`mean_${s}_high`, null]]));
    // GP: 49 people (one left internalised blank); enacted (28 × 7/3 + 21) / 49 = 1.76; anticipated (29 × 4 + 20 × 3) / 49 = 3.59;
    // internalised is 2 for all 49, and a mean with no spread is everyone's answer, so it is hidden.
    // 95% intervals, mean ± t(48) × sd / √49: enacted 1.57 to 1.95, anticipated 3.45 to 3.73.
    expect(row(json.rows, { setting: "GP" })).toEqual({ setting: "GP", count: 50, mean_enacted: 1.8, mean_enacted_low: 1.6, mean_enacted_high: 2, mean_anticipated: 3.6, mean_anticipated_low: 3.4, mean_anticipated_high: 3.7, mean_internalised: null, mean_internalised_low: null, mean_internalised_high: null });
    expect(row(json.rows, { setting: "Mental health service" })).toEqual({ setting: "Mental health service", count: "[c]", mean_enacted: null, mean_anticipated: null, mean_internalised: null, ...hiddenIntervals });
    // Pharmacy: enacted is the mean of the items answered: (2 × 2.5 + 10 × 1) / 12 = 1.25; everyone
    // answered 2 (anticipated) and 3 (internalised), so those two are hidden.
    // Its interval is over the 12 answers it averages: 1.25 ± t(11) × 0.62 / √12 = 0.88 to 1.62.
    expect(row(json.rows, { setting: "Pharmacy" })).toEqual({ setting: "Pharmacy", count: 10, mean_enacted: 1.3, mean_enacted_low: 0.9, mean_enacted_high: 1.6, mean_anticipated: null, mean_internalised: null, mean_anticipated_low: null, mean_anticipated_high: null, mean_internalised_low: null, mean_internalised_high: null });
  });

  it("publishes consented quotes once each, with only their setting, exactly as redacted", async () => {
    const json = await build("stigma-quotes");
    expect(json.rows).toEqual([
      { setting: "GP", quote: "<script>alert(1)</script> they laughed" },
      { setting: "Mental health service", quote: "Felt judged." },
    ]);
    expect(json.measures).toEqual([]);
  });

  it("shows a setting's figures the same in every table, and hides what one table minus another would give away", async () => {
    const records = pharmacyYear();
    const [bySetting, byRole, byRegion] = await Promise.all(ENACTED_TABLES.map((id) => build(id, records)));
    const total = row(bySetting!.rows, { setting: "Pharmacy" });
    // 64 people (rounded 65), 10 met it (10 / 65 = 15.4%, of the shown figures): the same wherever the pharmacy total is shown.
    expect(total).toEqual({ setting: "Pharmacy", count: 65, enacted_count: 10, percent: 15.4 });
    expect(row(byRole!.rows, { setting: "Pharmacy", role: "Total" })).toMatchObject({ count: 65, enacted_count: 10, percent: 15.4 });
    expect(row(byRegion!.rows, { setting: "Pharmacy", region: "Total" })).toMatchObject({ count: 65, enacted_count: 10, percent: 15.4 });
    // The total minus people in recovery would be the one family member and the one worker: all three roles are hidden.
    const met = byRole!.rows.filter((r) => r.setting === "Pharmacy" && r.role !== "Total").map((r) => [r.role, r.enacted_count]);
    expect(met).toEqual([
      ["Person in recovery", "[c]"],
      ["Family member", "[c]"],
      ["Worker", "[c]"],
    ]);
  });

  it("leaves the built-in intruder no way in across the three tables, which it finds when a role is shown", async () => {
    const safe = await runIntruder(await enactedRelease(pharmacyYear()));
    expect(safe.findings).toEqual([]);
    // As the tables were before they were linked: people in recovery shown beside the pharmacy total.
    const unsafe = await runIntruder(
      await enactedRelease(pharmacyYear(), (id, rows) => {
        if (id !== "stigma-enacted-by-role-setting") return;
        const recovery = rows.find((r) => r.setting === "Pharmacy" && r.role === "Person in recovery")!;
        Object.assign(recovery, { enacted_count: 10, percent: 25 });
      }),
    );
    expect(unsafe.findings.map((f) => f.code)).toContain("small-complement");
  });

  it("puts people who gave no role in a group of their own, so the roles add up to the setting's total", async () => {
    const byRole = await build("stigma-enacted-by-role-setting", pharmacyYear(30));
    const pharmacy = byRole.rows.filter((r) => r.setting === "Pharmacy");
    expect(pharmacy.map((r) => r.role)).toEqual(["Person in recovery", "Family member", "Worker", "Not given", "Total"]);
    // 94 people (rounded 95): 40 + 12 + 12 + 30, and the 30 who gave no role, none of whom met it.
    expect(row(pharmacy, { role: "Not given" })).toEqual({ setting: "Pharmacy", role: "Not given", count: 30, enacted_count: 0, percent: 0 });
    expect(row(pharmacy, { role: "Total" })).toMatchObject({ count: 95, enacted_count: 10 });
    expect(byRole.notes?.some((n) => n.startsWith("Not given:"))).toBe(true);
    // Without anyone missing a role, there is no such group.
    const complete = await build("stigma-enacted-by-role-setting", pharmacyYear());
    expect(complete.rows.some((r) => r.role === "Not given")).toBe(false);
  });
});
