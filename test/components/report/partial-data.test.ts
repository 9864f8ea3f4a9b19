/**
 * Headlines from a release with only some datasets, and from figures whose base is 0: the findings,
 * the top findings and the headline cards leave out what the release does not have and never write a
 * figure out of nobody. The regional measures, the embed catalogue and the not-collected note follow.
 */
import { describe, expect, it } from "vitest";
import { reportFindings, SECTIONS } from "../../../src/components/report/findings.ts";
import { topFindings, topFindingsIntro } from "../../../src/components/report/top-findings.ts";
import { headlineFigures, type AggregateTable, type Tables } from "../../../src/components/shared/headline-figures.ts";
import { notCollected, notCollectedText } from "../../../src/components/shared/not-collected.ts";
import { regionMeasures, type Table } from "../../../src/components/regions/measures.ts";
import { breakdownTitle } from "../../../src/components/regions/briefing.ts";
import { availableCharts, CATALOGUE, summarise } from "../../../src/embed/catalogue.ts";
import { barc10 } from "../../../src/components/outcomes/barc.ts";
import { figureCanBeWritten, measure } from "../../../src/lib/measures.ts";
import instruments from "../../../data/reference/instruments.json" with { type: "json" };
import { loadPolicy } from "../../../loaders/disclose/policy.ts";
import { TABLES } from "../headline-fixture.ts";
import { createDocument } from "../snapshot.ts";

const BARC = barc10(instruments);
const RULES = loadPolicy().person;

/** The fixture's tables of the given datasets only, as a release without the others would publish them. */
function only(...prefixes: string[]): Tables {
  return Object.fromEntries(Object.entries(TABLES).filter(([id]) => prefixes.some((p) => id.startsWith(`headlines-${p}-`))));
}

/** The fixture with one table's rows changed. */
function withRows(id: string, change: (row: Record<string, unknown>) => Record<string, unknown>): Tables {
  const copy = JSON.parse(JSON.stringify(TABLES)) as Record<string, AggregateTable>;
  copy[id]!.rows = copy[id]!.rows.map((row) => change(row) as AggregateTable["rows"][number]);
  return copy;
}

describe("a release with the stigma survey alone", () => {
  const tables = only("stigma");

  it("writes findings for stigma and no other section", () => {
    const findings = reportFindings(tables, BARC, RULES, ["stigma"]);
    expect(new Set(findings.map((f) => f.section))).toEqual(new Set(["stigma"]));
    expect(findings.map((f) => f.sentence).join(" ")).not.toMatch(/LERO|BARC|trained|standards/);
  });

  it("ranks only the stigma findings first, and introduces them without mentioning recovery", () => {
    const top = topFindings(tables);
    expect(top.map((f) => [f.rank, f.measure])).toEqual([
      [1, "stigma-met-sometimes"],
      [2, "avoided-care"],
    ]);
    expect(topFindingsIntro(top)).toBe("The two findings that matter most, in order: the stigma people meet at their GP and what stigma costs.");
    expect(topFindingsIntro(topFindings(only("outcomes")))).toBe("The finding that matters most: what recovery looks like a year on.");
    expect(topFindingsIntro([])).toBe("");
  });

  it("has headline cards for stigma only", () => {
    expect(headlineFigures(tables).map((h) => h.id)).toEqual(["stigma-gp", "avoided-care"]);
    expect(headlineFigures(only("audit", "workforce")).map((h) => measure(h.measure!).population.dataset)).toEqual(["audit", "audit", "workforce"]);
  });
});

describe("a figure whose base is 0", () => {
  it("is never written: the finding, the top finding and the card are left out", () => {
    const noGp = withRows("headlines-stigma-met-by-setting", (row) => (row.setting === "GP" ? { ...row, count: 0, percent: null } : row));
    expect(figureCanBeWritten(noGp, "stigma-met-sometimes", "GP")).toBe(false);
    expect(figureCanBeWritten(noGp, "stigma-met-sometimes", "Police")).toBe(true);
    expect(reportFindings(noGp, BARC, RULES).map((f) => f.id)).not.toContain("report-stigma-settings");
    expect(topFindings(noGp).map((f) => f.measure)).not.toContain("stigma-met-sometimes");
    expect(headlineFigures(noGp).map((h) => h.id)).not.toContain("stigma-gp");

    const nobodyPaired = withRows("headlines-outcomes-change", (row) => ({ ...row, count: 0, mean_change: null, mean_intake: null, mean_12_months: null }));
    expect(reportFindings(nobodyPaired, BARC, RULES).filter((f) => f.section === "outcomes")).toEqual([]);
    expect(topFindings(nobodyPaired).map((f) => f.measure)).toEqual(["stigma-met-sometimes", "avoided-care"]);

    const noTrainees = withRows("headlines-workforce-trainees", (row) => ({ ...row, count: 0 }));
    expect(reportFindings(noTrainees, BARC, RULES).map((f) => f.id)).not.toContain("report-trainees");
    expect(headlineFigures(noTrainees).map((h) => h.id)).not.toContain("trainees");
  });

  it("keeps a hidden base ([c]): the figure is withheld, not absent", () => {
    const hidden = withRows("headlines-stigma-avoided-care", (row) => ({ ...row, count: "[c]", percent: null }));
    expect(reportFindings(hidden, BARC, RULES).map((f) => f.id)).toContain("report-avoided-care");
  });

  it("leaves every finding in when every base is above 0", () => {
    const ids = reportFindings(TABLES, BARC, RULES).map((f) => f.section);
    for (const section of SECTIONS) expect(ids).toContain(section.id);
  });
});

describe("other places that leave out data not yet collected", () => {
  it("says in one note that the data is not yet collected", () => {
    const note = notCollected("outcomes", { document: createDocument() });
    expect(note.getAttribute("role")).toBe("note");
    expect(note.textContent).toBe(`Not yet collected. ${notCollectedText("outcomes")}`);
    expect(notCollectedText("stigma")).toMatch(/^Data from the stigma survey is not yet collected: /);
  });

  it("maps only the regional measures whose tables are published", () => {
    const table: Table = { rows: [{ region: "Total", gp_enacted: "Met stigma", count: 100, percent: 50 }] };
    expect(regionMeasures({ "regions-stigma-gp": table }, {}).map((m) => m.id)).toEqual(["stigma-gp"]);
    expect(regionMeasures({}, {})).toEqual([]);
    expect(breakdownTitle([], "Wales", "mean BARC-10 total at each assessment", (a) => a)).toBe("Wales: mean BARC-10 total at each assessment, not yet collected");
  });

  it("offers only the embeds whose tables are all published", () => {
    const published = new Set(["embed-stigma-enacted-by-region"]);
    expect(availableCharts((id) => published.has(id)).map((c) => c.id)).toEqual(["stigma-by-setting"]);
    expect(summarise([], (id) => published.has(id)).charts.map((c) => c.id)).toEqual(["stigma-by-setting"]);
    expect(summarise([]).charts).toHaveLength(CATALOGUE.length);
  });
});
