import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SAMPLE_DIR } from "../../../loaders/data-dir.ts";
import { buildData } from "../../../loaders/pipeline/index.ts";
import type { AggregateTable, Tables } from "../../../src/components/shared/headline-figures.ts";
import { reportFindings, SECTIONS } from "../../../src/components/report/findings.ts";
import { findingBlock, findingList } from "../../../src/components/report/section.ts";
import { barc10 } from "../../../src/components/outcomes/barc.ts";
import instruments from "../../../data/reference/instruments.json" with { type: "json" };
import { TABLES, suppressed } from "../headline-fixture.ts";
import { loadPolicy } from "../../../loaders/disclose/policy.ts";
import { createDocument, expectSnapshot } from "../snapshot.ts";

const BARC = barc10(instruments);
/** The rules for counts of people, as data/disclosure.json gives them (the report passes policy.person). */
const policy = loadPolicy();
const RULES = { threshold: policy.person.threshold, rounding: policy.person.rounding, minimumBase: policy.person.minimumBase };
const sentence = (tables: Tables, id: string): string => reportFindings(tables, BARC, RULES).find((f) => f.id === id)!.sentence;
/** The first number in a sentence that is followed by `suffix` ("68%" → 68). */
const numberBefore = (text: string, suffix: string): number => Number(new RegExp(`([0-9][0-9,]*(?:\\.[0-9]+)?)${suffix}`).exec(text)![1]!.replaceAll(",", ""));

describe("report findings from hand-written tables", () => {
  it("writes one or two findings per section, each with a chart", () => {
    const findings = reportFindings(TABLES, BARC, RULES);
    for (const section of SECTIONS) expect(findings.filter((f) => f.section === section.id).length).toBeGreaterThanOrEqual(1);
    for (const f of findings) {
      expect(f.data.length).toBeGreaterThan(0);
      expect(f.sentence).not.toMatch(/undefined|NaN|null|\[x\]/);
      expect(f.figure.title).not.toMatch(/undefined|NaN|null/);
    }
  });

  it("says what the data says", () => {
    expect(sentence(TABLES, "report-evaluates")).toBe("60% of the 120 LEROs audited in 2025 evaluate their work in some way.");
    expect(sentence(TABLES, "report-evaluation-methods")).toBe(
      "The evaluation method most LEROs use is “Case studies” (55% of LEROs); the most used recovery-capital tool, BARC-10, is used by 30%.",
    );
    expect(sentence(TABLES, "report-standards-status")).toBe("40% of the quality-standards statements that apply to a LERO are fully in place, and 25% are not yet in place.");
    expect(sentence(TABLES, "report-standards-sections")).toBe("Culture and values has the largest share of statements in place (60%); Support offer the smallest (20%).");
    expect(sentence(TABLES, "report-trainees")).toBe("CLERO has trained 55 peer researchers with lived experience of recovery, in 2 cohorts.");
    // The trainees chart states the rounding the policy sets, not a number written in the code.
    const subtitle = (rules: typeof RULES) => reportFindings(TABLES, BARC, rules).find((f) => f.id === "report-trainees")!.figure.subtitle;
    expect(subtitle(RULES)).toBe(`Number of trainees by training cohort (rounded to the nearest ${policy.person.rounding})`);
    expect(subtitle({ ...RULES, rounding: 10 })).toBe("Number of trainees by training cohort (rounded to the nearest 10)");
    expect(subtitle({ ...RULES, rounding: 1 })).toBe("Number of trainees by training cohort");
    expect(sentence(TABLES, "report-confidence")).toBe("Trainees' mean confidence in research skills rose from 2.2 to 3.9 out of 5 over the training.");
    expect(sentence(TABLES, "report-stigma-settings")).toBe(
      "75% of people asked about their GP said GP staff had treated them unfairly because of substance use sometimes or more often, similar to the share at the police (80%).",
    );
    // Called higher only when the 95% intervals do not overlap: 95% of 2,000 against 75% of 400.
    const clear = structuredClone(TABLES);
    clear["headlines-stigma-met-by-setting"]!.rows = clear["headlines-stigma-met-by-setting"]!.rows.map((r) =>
      r.setting !== "Police" ? r : r.enacted === "Met stigma" ? { ...r, count: 1900, percent: 95 } : r.enacted === "Total" ? { ...r, count: 2000 } : { ...r, count: 100, percent: 5 },
    );
    expect(sentence(clear, "report-stigma-settings")).toMatch(/sometimes or more often; it was higher at the police \(95%\)\.$/);
    expect(sentence(TABLES, "report-avoided-care")).toBe("55% of the 600 people who answered said stigma had led them to avoid or put off care in at least one setting.");
    expect(sentence(TABLES, "report-barc-assessments")).toBe(
      "Among the 400 people assessed both at intake and at 12 months, mean recovery capital (BARC-10, scored 10 to 60) rose by 7.9 points, from 36.1 to 44.",
    );
    expect(sentence(TABLES, "report-barc-cutoff")).toBe("The share of them scoring 47 or more, the level linked with lasting remission, went from 10% at intake to 40% at 12 months.");
  });

  it("follows the data when it changes direction", () => {
    const tables = structuredClone(TABLES) as Record<string, AggregateTable>;
    const change = tables["headlines-outcomes-change"]!.rows[0]!;
    Object.assign(change, { mean_intake: 40, mean_12_months: 38.5, mean_change: -1.5 });
    expect(sentence(tables, "report-barc-assessments")).toContain("fell by 1.5 points, from 40 to 38.5");
    const gp = tables["headlines-stigma-met-by-setting"]!.rows.find((r) => r.setting === "GP" && r.enacted === "Met stigma")!;
    gp.percent = 90;
    expect(sentence(tables, "report-stigma-settings")).toContain("90% of people asked about their GP");
    expect(sentence(tables, "report-stigma-settings")).toContain("the highest of the 2 settings asked about");
  });

  it("says a figure is hidden rather than guessing it", () => {
    for (const f of reportFindings(suppressed(), BARC, RULES)) {
      expect(f.sentence).not.toMatch(/undefined|NaN|null/);
      if (f.id !== "report-evaluation-methods" && f.id !== "report-standards-sections") expect(f.sentence).toMatch(/hidden to protect confidentiality/);
    }
    expect(reportFindings({}, BARC, RULES).map((f) => f.sentence).join(" ")).not.toMatch(/undefined|NaN/);
  });

  it("renders the list of findings and a finding with its chart", () => {
    const doc = createDocument();
    const findings = reportFindings(TABLES, BARC, RULES);
    const list = findingList(findings, { document: doc });
    expect(list.querySelectorAll("li")).toHaveLength(findings.length);
    const block = findingBlock(findings.find((f) => f.id === "report-stigma-settings")!, { width: 640, document: doc });
    expectSnapshot("report-finding", block);
    expect(block.querySelector("figure.lero-figure-chart svg")).not.toBeNull();
    expect(block.querySelector(".lero-finding")?.id).toBe("report-stigma-settings-finding");
  });

  it("marks every figure of a sentence and of its chart's table with its measure and key", () => {
    const doc = createDocument();
    const findings = reportFindings(TABLES, BARC, RULES);
    const list = findingList(findings, { document: doc });
    const marked = [...list.querySelectorAll("[data-measure]")].map((el) => `${el.getAttribute("data-measure")} ${el.getAttribute("data-key")} ${el.textContent}`);
    expect(marked).toContain("leros-evaluating all 60%");
    expect(marked).toContain("stigma-met-sometimes GP 75%");
    expect(marked).toContain("stigma-met-sometimes Police 80%");
    expect(marked).toContain("barc-change 12 months 7.9");
    expect(marked).toContain("barc-cutoff-paired Intake 10%");
    const block = findingBlock(findings.find((f) => f.id === "report-stigma-settings")!, { width: 640, document: doc });
    const cells = [...block.querySelectorAll("td[data-measure]")].map((el) => `${el.getAttribute("data-measure")} ${el.getAttribute("data-key")}`);
    expect(cells).toContain("stigma-met-sometimes GP");
  });
});

/** The headline tables a build publishes from `dir` (its `aggregates/headlines-*.json`). */
function headlineTables(dir: string): Tables {
  const tables: Tables = {};
  for (const file of readdirSync(join(dir, "aggregates")).filter((f) => f.startsWith("headlines-"))) {
    const table = JSON.parse(readFileSync(join(dir, "aggregates", file), "utf8")) as AggregateTable;
    tables[table.id] = table;
  }
  return tables;
}

describe("report findings from the published tables", () => {
  // The sample data, published afresh by the pipeline for this test (never a stale earlier build).
  let tables: Tables = {};
  let work = "";
  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), "lero-findings-"));
    const out = join(work, "published");
    await buildData({ source: { dir: SAMPLE_DIR, illustrative: true }, out, reviewDir: join(work, "review"), log: () => {}, env: {} });
    tables = headlineTables(out);
    expect(Object.keys(tables).length).toBeGreaterThan(5);
  }, 180_000);
  afterAll(() => rmSync(work, { recursive: true, force: true }));
  const rows = (id: string) => tables[id]!.rows;
  const count = (row: Record<string, unknown> | undefined): number => row!.count as number;
  /** A whole-number percentage in a sentence agrees with the published counts (to rounding). */
  const agrees = (text: string, part: number, whole: number): void => {
    expect(Math.abs(numberBefore(text, "%") - (100 * part) / whole)).toBeLessThanOrEqual(0.55);
  };

  it("recomputes the share of LEROs that evaluate from the published counts", () => {
    const waves = rows("headlines-audit-evaluates").map((r) => Number(r.wave));
    const latest = String(Math.max(...waves));
    const inWave = rows("headlines-audit-evaluates").filter((r) => r.wave === latest);
    const total = count(inWave.find((r) => r.evaluates === "Total"));
    const text = sentence(tables, "report-evaluates");
    agrees(text, count(inWave.find((r) => r.evaluates === "Evaluates its work")), total);
    expect(text).toContain(`${total.toLocaleString("en-GB")} LEROs audited in ${latest}`);
  });

  it("recomputes the share of standards in place from the published counts", () => {
    const all = rows("headlines-standards-status").filter((r) => r.section === "All sections");
    agrees(sentence(tables, "report-standards-status"), count(all.find((r) => r.status === "In place")), count(all.find((r) => r.status === "Total")));
  });

  it("recomputes the GP stigma share and the highest setting from the published counts", () => {
    const bySetting = rows("headlines-stigma-met-by-setting");
    const share = (setting: string): number =>
      count(bySetting.find((r) => r.setting === setting && r.enacted === "Met stigma")) / count(bySetting.find((r) => r.setting === setting && r.enacted === "Total"));
    const text = sentence(tables, "report-stigma-settings");
    agrees(text, share("GP") * 1000, 1000);
    const settings = [...new Set(bySetting.map((r) => r.setting as string))];
    const highest = settings.reduce((a, b) => (share(b) > share(a) ? b : a));
    if (highest === "GP") expect(text).toContain("the highest of");
    else expect(text.toLowerCase()).toContain(highest.toLowerCase().split(" ")[0]);
  });

  it("recomputes the share who avoided care and the trainee count", () => {
    const avoided = rows("headlines-stigma-avoided-care");
    const total = count(avoided.find((r) => r.avoided_care === "Total"));
    const text = sentence(tables, "report-avoided-care");
    agrees(text, count(avoided.find((r) => r.avoided_care === "Avoided care")), total);
    expect(text).toContain(`${total.toLocaleString("en-GB")} people`);
    const trainees = count(rows("headlines-workforce-trainees").find((r) => r.cohort === "Total"));
    expect(sentence(tables, "report-trainees")).toContain(`trained ${trainees.toLocaleString("en-GB")} peer researchers`);
  });

  it("recomputes the change in recovery capital from the published means and counts", () => {
    const change = rows("headlines-outcomes-change")[0]!;
    const text = sentence(tables, "report-barc-assessments");
    const difference = (change.mean_12_months as number) - (change.mean_intake as number);
    const stated = numberBefore(text, " points");
    expect(Math.abs(stated - Math.abs(difference))).toBeLessThanOrEqual(0.1 + 1e-9);
    expect(text).toContain(difference >= 0 ? "rose by" : "fell by");
    const cutoff = sentence(tables, "report-barc-cutoff");
    const [atIntake, atTwelve] = [...cutoff.matchAll(/([0-9]+)%/g)].map((m) => Number(m[1]));
    expect(Math.abs(atIntake! - (100 * (change.cutoff_intake_count as number)) / (change.count as number))).toBeLessThanOrEqual(0.55);
    expect(Math.abs(atTwelve! - (100 * (change.cutoff_12_months_count as number)) / (change.count as number))).toBeLessThanOrEqual(0.55);
  });
});
