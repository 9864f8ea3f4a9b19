/**
 * The explorer's registry link: presets and share measures take their name, definition and base from
 * the measures registry; a figure is marked as a registry measure only for a key the registry has; a
 * share is counted over the people who answered its question, as the published tables are.
 */
import { describe, expect, it } from "vitest";
import { withDuckDB } from "../../../loaders/publish/duckdb.ts";
import { measure, measureValue } from "../../../src/lib/measures.ts";
import { Source, type Runner } from "../../../src/components/explore/cube.ts";
import { exploreDatasets } from "../../../src/components/explore/datasets.ts";
import type { ExplorePolicy } from "../../../src/components/explore/disclosure.ts";
import { PRESETS, presetText } from "../../../src/components/explore/presets.ts";
import { sourceSql } from "../../../src/components/explore/sql.ts";
import { decodeState, normaliseState } from "../../../src/components/explore/state.ts";
import { chartBars, chartSubtitle, fixedValues, registryMark, resultTable } from "../../../src/components/explore/view.ts";
import type { DataPackage } from "../../../src/lib/published.ts";

const policy: ExplorePolicy = {
  person: { threshold: 7, rounding: 5, minimumBase: 10 },
  organisation: { threshold: 2, rounding: 1, minimumBase: 3 },
  symbols: { confidential: "[c]", notAvailable: "[x]", notApplicable: "[z]", low: "[low]" },
  csvEscape: { characters: ["="], prefix: "'" },
} as ExplorePolicy;

const item = (name: string) => ({ name, type: "integer", lero: { role: "sensitive" } });
const pkg = {
  resources: [
    {
      name: "stigma",
      path: "stigma.parquet",
      format: "parquet",
      title: "Stigma (PARQUET)",
      lero: { kind: "microdata", dataset: "stigma", level: "person", subject: "respondent_ref" },
      schema: {
        fields: [
          { name: "respondent_ref", type: "string" },
          { name: "setting", type: "string", categories: ["GP", "Dentist"] },
          { name: "age_band", type: "string" },
          item("enacted_1"),
          item("enacted_2"),
          item("enacted_3"),
          { name: "avoided_care", type: "boolean", lero: { role: "sensitive" } },
        ],
      },
    },
    {
      name: "outcomes",
      path: "outcomes.parquet",
      format: "parquet",
      title: "Outcomes (PARQUET)",
      lero: { kind: "microdata", dataset: "outcomes", level: "person", subject: "person_ref" },
      schema: { fields: [{ name: "person_ref", type: "string" }, { name: "assessment", type: "string", categories: ["Intake", "3 months"] }, { name: "barc_total", type: "integer" }] },
    },
  ],
} as unknown as DataPackage;
const [stigma, outcomes] = exploreDatasets(pkg);

describe("the explorer's measures from the registry", () => {
  it("names each share by its registry measure, with its definition and base", () => {
    expect(stigma!.measures.map((m) => m.id)).toEqual(["count", "met-often", "met-sometimes", "share"]);
    for (const [id, registry] of [["met-often", "stigma-met-often"], ["met-sometimes", "stigma-met-sometimes"], ["share", "avoided-care"]] as const) {
      const m = stigma!.measures.find((x) => x.id === id)!;
      expect(m.registry?.id).toBe(registry);
      expect(m.label).toBe(measure(registry).name);
      expect(m.definition).toBe(measure(registry).definition);
      expect(m.base).toBe(measure(registry).base);
      expect(chartSubtitle(m, stigma!, policy, {}, "setting")).toContain(measure(registry).definition);
      expect(chartSubtitle(m, stigma!, policy, {}, "setting")).toContain(`Base: ${measure(registry).base}`);
    }
    expect(outcomes!.measures.find((m) => m.id === "count")?.registry?.id).toBe("people-assessed");
  });

  it("gives each preset the registry's name, definition and base, and a view the explorer accepts", () => {
    expect(PRESETS.map((p) => `${p.measure} ${p.key}`)).toEqual(["stigma-met-often GP", "stigma-met-sometimes GP", "avoided-care Any setting", "people-assessed Intake"]);
    for (const preset of PRESETS) {
      const text = presetText(preset);
      const m = measure(preset.measure);
      expect(text.title).toBe(`${m.name}: ${preset.key}`);
      expect(text.definition).toBe(m.definition);
      expect(text.base).toContain(m.format === "count" ? m.numerator : m.base);
      const dataset = preset.state.dataset === "stigma" ? stigma! : outcomes!;
      const known = new Map(dataset.dimensions.map((d) => [d.name, d.categories.length ? d.categories : ["x", "y"]]));
      const state = normaliseState(decodeState(text.href), dataset, known, []);
      expect(state.measure).toBe(preset.state.measure);
      expect(state.filters).toEqual(preset.state.filters);
      // The view's headline figure is the preset's measure and key.
      const link = preset.state.measure === "count" ? dataset.measures[0]!.registry : dataset.measures.find((m) => m.id === preset.state.measure)!.registry;
      expect(registryMark(link, fixedValues(state.filters))).toEqual({ measure: preset.measure, key: preset.key });
    }
  });

  it("marks a figure only for a key the registry has", () => {
    const link = stigma!.measures.find((m) => m.id === "met-often")!.registry;
    expect(registryMark(link, fixedValues({}))).toEqual({ measure: "stigma-met-often", key: "Any setting" });
    expect(registryMark(link, fixedValues({ setting: ["GP"] }))).toEqual({ measure: "stigma-met-often", key: "GP" });
    expect(registryMark(link, fixedValues({ setting: ["GP", "Dentist"] }))).toBeUndefined();
    expect(registryMark(link, fixedValues({ setting: ["GP"], age_band: ["18–34"] }))).toBeUndefined();
    expect(registryMark(link, fixedValues({ setting: ["[x]"] }))).toBeUndefined();
    // A bar's own value replaces the filter on its dimension.
    expect(registryMark(link, fixedValues({ setting: ["GP", "Dentist"] }, { setting: "Dentist" }))).toEqual({ measure: "stigma-met-often", key: "Dentist" });
    const count = outcomes!.measures[0]!.registry;
    expect(registryMark(count, fixedValues({}))).toBeUndefined();
    expect(registryMark(count, fixedValues({ assessment: ["Intake"] }))).toEqual({ measure: "people-assessed", key: "Intake" });

    const share = stigma!.measures.find((m) => m.id === "share")!;
    const bars = chartBars([{ value: "GP", people: 20, flagged: 10, rows: 20, valued: 0, total: null }], share, stigma!, policy, [], "setting", { age_band: ["18–34"] });
    expect(bars[0]!.mark).toBeUndefined();
    const plain = chartBars([{ value: "GP", people: 20, flagged: 10, rows: 20, valued: 0, total: null }], share, stigma!, policy, [], "setting", {});
    expect(plain[0]).toMatchObject({ shown: 50, mark: { measure: "avoided-care", key: "GP" } });
    const table = resultTable([{ keys: { setting: "GP" }, people: 20, flagged: 10, rows: 20, valued: 0, total: null }], ["setting"], share, stigma!, policy);
    const row = table.rows[0]!;
    expect(table.columns.find((c) => c.key === "__share")!.mark!(row)).toEqual({ measure: "avoided-care", key: "GP" });
    // The count beside a share is its base: the people who answered.
    expect(table.columns.find((c) => c.key === "__count")).toMatchObject({ label: "People who answered" });
    expect(table.columns.find((c) => c.key === "__count")!.mark!(row)).toEqual({ measure: "avoided-care-answered", key: "GP" });
  });

  it("counts a share over the people who answered, as the published tables do", async () => {
    const rows = [
      // p1 met stigma often at the GP; p2 sometimes; p3 never; p4 did not answer (and did not say about care).
      ["p1", "GP", 5, 1, null, true],
      ["p2", "GP", 3, null, null, false],
      ["p3", "GP", 1, 1, 1, null],
      ["p4", "GP", null, null, null, null],
      ["p1", "Dentist", 2, 2, 2, false],
    ];
    const values = rows.map((r) => `(${r.map((v) => (v === null ? "NULL" : typeof v === "string" ? `'${v}'` : String(v))).join(", ")})`).join(", ");
    const results = await withDuckDB(async (db) => {
      await db.run(`CREATE TABLE stigma AS SELECT * FROM (VALUES ${values}) AS t(respondent_ref, setting, enacted_1, enacted_2, enacted_3, avoided_care)`);
      const runner: Runner = { all: async (sql) => (await db.runAndReadAll(sql)).getRowObjectsJS() as Record<string, unknown>[] };
      const out: Record<string, { people: number; flagged: number }> = {};
      for (const [name, spec] of Object.entries({
        often: { flagItems: { fields: ["enacted_1", "enacted_2", "enacted_3"], atLeast: 4 }, answeredOnly: true },
        sometimes: { flagItems: { fields: ["enacted_1", "enacted_2", "enacted_3"], atLeast: 3 }, answeredOnly: true },
        avoided: { flag: "avoided_care", answeredOnly: true },
        everyone: { flag: "avoided_care" },
      })) {
        const source = await Source.load(runner, { table: "stigma", subject: "respondent_ref", dimensions: [{ name: "setting", type: "string" }], ...spec });
        const cube = await source.cube(["setting"]);
        const gp = await cube.total({ setting: ["GP"] }, false);
        const any = await cube.total({}, false);
        out[name] = { people: gp.people, flagged: gp.flagged };
        out[`${name}-any`] = { people: any.people, flagged: any.flagged };
      }
      return out;
    });
    expect(results.often).toEqual({ people: 3, flagged: 1 });
    expect(results.sometimes).toEqual({ people: 3, flagged: 2 });
    expect(results.avoided).toEqual({ people: 2, flagged: 1 });
    expect(results["avoided-any"]).toEqual({ people: 2, flagged: 1 });
    expect(results.everyone).toEqual({ people: 4, flagged: 1 });
    expect(sourceSql({ table: "t", subject: "id", dimensions: [], flag: "f", answeredOnly: true })).toMatch(/ WHERE "f" IS NOT NULL$/);
  });

  it("reads the registry's published value for every preset's key", () => {
    // The keys exist in the registry's sources (the browser gate compares the explorer's figure with them).
    const tables = {
      "stigma-enacted-by-setting": { rows: [{ setting: "GP", count: 995, percent: 42.7 }] },
      "headlines-stigma-met-by-setting": { rows: [{ setting: "GP", enacted: "Met stigma", count: 815, percent: 81.9 }] },
      "headlines-stigma-avoided-care": { rows: [{ avoided_care: "Avoided care", count: 775, percent: 66.5 }] },
      "outcomes-assessment": { rows: [{ assessment: "Intake", count: 7700 }] },
    };
    expect(PRESETS.map((p) => measureValue(tables, p.measure, p.key))).toEqual([42.7, 81.9, 66.5, 7700]);
  });
});
