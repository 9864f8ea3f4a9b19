/**
 * The journalists' explorer: the geography split the release makes safe (and no split that draws one
 * bar), shares with 95% intervals whose words never call overlapping bars higher, the default view, the
 * pre-computed first views (the same code as the browser, over the published rows) and the SQL examples.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildData } from "../../../loaders/pipeline/index.ts";
import { loadPolicy } from "../../../loaders/disclose/policy.ts";
import { queryRows, quoteLiteral, withDuckDB } from "../../../loaders/publish/duckdb.ts";
import { viewHash, wantedState } from "../../../src/components/explore/app.ts";
import { checkState, precomputedView, splitNoteLines, usableDimensions, withGeography, type ViewData } from "../../../src/components/explore/compute.ts";
import { examples } from "../../../src/components/explore/console.ts";
import { exploreDatasets, type ExploreDataset } from "../../../src/components/explore/datasets.ts";
import type { ExplorePolicy } from "../../../src/components/explore/disclosure.ts";
import { geographyRuleText, geographyTitle, releaseRules, singleValueSplits, type ReleaseRule } from "../../../src/components/explore/geography.ts";
import { DEFAULT_VIEW, PRESETS, availablePresets, precomputedStates, presetAnchor } from "../../../src/components/explore/presets.ts";
import { encodeState } from "../../../src/components/explore/state.ts";
import { chartBars, chartDescription, chartTitle, resultTable } from "../../../src/components/explore/view.ts";
import type { DataPackage } from "../../../src/lib/published.ts";
import { meanInterval, t975, wilsonPercent } from "../../../src/lib/intervals.ts";

const full = loadPolicy();
const policy = { person: full.person, organisation: full.organisation, symbols: full.symbols, csvEscape: full.csvEscape } as ExplorePolicy;

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
          item("enacted_1"),
          item("enacted_2"),
          item("enacted_3"),
          { name: "avoided_care", type: "boolean" },
          { name: "year", type: "year" },
          { name: "region", type: "string", title: "Region" },
          { name: "age_band", type: "string", title: "Age band" },
          { name: "gender", type: "string", title: "Gender" },
          { name: "role", type: "string", title: "Role" },
        ],
      },
    },
  ],
} as unknown as DataPackage;
const stigma = exploreDatasets(pkg)[0]!;
const rule = (region: number, gender = 0): ReleaseRule => ({
  k: 10,
  levels: { year: { level: 0, name: "as collected" }, region: { level: region, name: ["as collected", "nation", "UK"][region]! }, age_band: { level: 0, name: "as collected" }, gender: { level: gender, name: gender ? "all" : "as collected" }, role: { level: 0, name: "as collected" } },
});

describe("the geography split", () => {
  it("reads each data set's rule from the build report, and ignores what it cannot read", () => {
    expect(releaseRules({ datasets: { stigma: { disclosure: { kAnonymity: { k: 12, required: 10, levels: { region: { level: 1, name: "nation" } } } } }, audit: { disclosure: {} } } })).toEqual({
      stigma: { k: 10, levels: { region: { level: 1, name: "nation" } } },
    });
    expect(releaseRules(null)).toEqual({});
    expect(releaseRules({ datasets: { x: { disclosure: { kAnonymity: { levels: {} } } } } })).toEqual({});
  });

  it("is Region where regions pass, Nation where the release generalised to nations, and not offered at UK level", () => {
    expect(geographyTitle(rule(0), ["North East", "Wales"])).toBe("Region");
    expect(geographyTitle(rule(1), ["England", "Wales"])).toBe("Nation");
    expect(geographyTitle(rule(2), ["UK"])).toBeUndefined();
    // A nation-level release with one nation in the rows: still one bar, so no split.
    expect(geographyTitle(rule(1), ["England"])).toBeUndefined();
    const known = new Map([["region", ["England", "Wales"]], ["setting", ["GP", "Dentist"]]]);
    expect(withGeography(stigma, known, rule(1)).dimensions.find((d) => d.name === "region")!.title).toBe("Nation");
    expect(withGeography(stigma, known, rule(2)).dimensions.find((d) => d.name === "region")!.title).toBe("Region");
  });

  it("never offers a split whose column has one value, and says why", () => {
    const known = new Map([
      ["setting", ["GP", "Dentist"]],
      ["region", ["UK"]],
      ["gender", ["All"]],
      ["age_band", ["18–34", "35+"]],
      ["year", ["2024"]],
      ["role", ["Worker", "Family member"]],
    ]);
    expect(usableDimensions(stigma, known)).toEqual(["setting", "age_band", "role"]);
    // A URL asking for region (or gender) does not get it.
    expect(checkState({ dataset: "stigma", dims: ["region", "setting", "gender"], filters: { region: ["UK"] } }, stigma, known).dims).toEqual(["setting"]);
    const notes = singleValueSplits(stigma.dimensions, known, rule(2, 1));
    expect(notes.map((n) => n.dim)).toEqual(["year", "region", "gender"]);
    expect(notes.find((n) => n.dim === "region")!.text).toContain("every published row says “UK” (generalised to “UK” so that at least 10 people share");
    expect(notes.find((n) => n.dim === "year")!.text).toContain("the published rows hold no other value");
    const lines = splitNoteLines(stigma, known, rule(2, 1));
    expect(lines.at(-1)!.text).toMatch(/^Geography is published as region only where every combination .* \(year, region, age band, gender and role\) is shared by at least 10 people; otherwise as nation/);
    expect(lines.at(-1)!.text).toContain("In this release the rows give the whole UK only.");
    expect(geographyRuleText(rule(1), [])).toContain("In this release the rows give nations.");
    expect(geographyRuleText(undefined, [])).not.toContain("In this release");
  });
});

describe("shares with 95% intervals", () => {
  const met = stigma.measures.find((m) => m.id === "met-sometimes")!;
  const bar = (value: string, people: number, flagged: number) => ({ value, people, flagged, rows: people, valued: 0, total: null });

  it("gives each share bar the Wilson interval of its shown share on its shown base", () => {
    const [gp] = chartBars([bar("GP", 200, 120)], met, stigma, policy, [], "setting");
    expect(gp!.shown).toBe(60);
    expect(gp!.interval).toEqual(wilsonPercent(60, 200));
    // A hidden share has no interval.
    const [small] = chartBars([bar("Dentist", 6, 3)], met, stigma, policy, [], "setting");
    expect(small!.shown).toBe("[c]");
    expect(small!.interval).toBeUndefined();
    // Counts have none.
    expect(chartBars([bar("GP", 200, 120)], stigma.measures[0]!, stigma, policy, [], "setting")[0]!.interval).toBeUndefined();
  });

  it("calls a bar highest only when its interval clears the next one's, else similar", () => {
    const overlapping = chartBars([bar("GP", 100, 62), bar("Dentist", 100, 58)], met, stigma, policy, [], "setting");
    const title = chartTitle(overlapping, met, "Setting", stigma);
    expect(title).toBe(`${met.label} by setting: GP similar to Dentist`);
    const description = chartDescription(overlapping, met, "Setting", stigma, {}, "setting");
    expect(description).not.toMatch(/highest|higher/i);
    expect(description).toContain("similar to Dentist");
    expect(description).toContain("95% interval");

    const apart = chartBars([bar("GP", 1000, 800), bar("Dentist", 1000, 300), bar("Police", 1000, 290)], met, stigma, policy, [], "setting");
    expect(chartTitle(apart, met, "Setting", stigma)).toBe(`${met.label} by setting: highest for GP`);
    const words = chartDescription(apart, met, "Setting", stigma, {}, "setting");
    expect(words).toContain("Highest: GP");
    expect(words).toContain("higher than Dentist");
    // Dentist and Police overlap: the smallest is not called lowest.
    expect(words).toContain("Smallest figure: Police");
    expect(words).not.toContain("Lowest");
  });

  it("puts the interval in the results table, and symbols where the share is hidden", () => {
    const table = resultTable(
      [
        { keys: { setting: "GP" }, people: 200, flagged: 120, rows: 200, valued: 0, total: null },
        { keys: { setting: "Dentist" }, people: 5, flagged: 2, rows: 5, valued: 0, total: null },
      ],
      ["setting"],
      met,
      stigma,
      policy,
    );
    expect(table.columns.map((c) => c.label).slice(-2)).toEqual(["95% interval, low", "95% interval, high"]);
    const w = wilsonPercent(60, 200)!;
    expect(table.rows[0]).toMatchObject({ __share: 60, __low: Math.round(w.low * 10) / 10, __high: Math.round(w.high * 10) / 10 });
    expect(table.rows[1]).toMatchObject({ __share: "[c]", __low: "[c]", __high: "[c]" });
  });
});

describe("means with 95% intervals", () => {
  const outcomesPkg = {
    resources: [
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
  const outcomes = exploreDatasets(outcomesPkg)[0]!;
  const mean = outcomes.measures.find((m) => m.id === "mean")!;
  /** Figures of a group of rows with these values (one person a row). */
  const group = (values: number[]) => ({ people: values.length, flagged: 0, rows: values.length, valued: values.length, total: values.reduce((a, b) => a + b, 0), squares: values.reduce((a, b) => a + b * b, 0) });
  const sample = (centre: number, n: number) => Array.from({ length: n }, (_, i) => centre + ((i % 5) - 2) * 3);

  it("gives a shown mean the t interval of its rows, and a hidden mean none", () => {
    const values = sample(40, 50);
    const [bar] = chartBars([{ value: "Intake", ...group(values) }], mean, outcomes, policy, [], "assessment");
    const m = values.reduce((a, b) => a + b, 0) / values.length;
    const sd = Math.sqrt(values.reduce((a, b) => a + (b - m) ** 2, 0) / (values.length - 1));
    expect(bar!.shown).toBeCloseTo(m, 10);
    const expected = meanInterval(m, sd, values.length)!;
    expect(bar!.interval!.low).toBeCloseTo(expected.low, 9);
    expect(bar!.interval!.high).toBeCloseTo(expected.high, 9);
    expect(bar!.interval!.high - bar!.interval!.low).toBeCloseTo((2 * t975(49) * sd) / Math.sqrt(50), 9);
    // Below the minimum base the mean is hidden, and so is its interval.
    const [small] = chartBars([{ value: "Intake", ...group(sample(40, 3)) }], mean, outcomes, policy, [], "assessment");
    expect(typeof small!.shown).toBe("string");
    expect(small!.interval).toBeUndefined();
  });

  it("calls a mean highest only when the intervals are apart, and puts the interval in the table", () => {
    const close = chartBars([{ value: "Intake", ...group(sample(40, 30)) }, { value: "3 months", ...group(sample(41, 30)) }], mean, outcomes, policy, [], "assessment");
    expect(chartTitle(close, mean, "Assessment", outcomes)).toBe(`${mean.label} by assessment: 3 months similar to Intake`);
    expect(chartDescription(close, mean, "Assessment", outcomes, {}, "assessment")).toMatch(/95% interval \d+\.\d to \d+\.\d/);
    const apart = chartBars([{ value: "Intake", ...group(sample(30, 60)) }, { value: "3 months", ...group(sample(45, 60)) }], mean, outcomes, policy, [], "assessment");
    expect(chartTitle(apart, mean, "Assessment", outcomes)).toBe(`${mean.label} by assessment: highest for 3 months`);
    const table = resultTable([{ keys: { assessment: "Intake" }, ...group(sample(30, 60)) }, { keys: { assessment: "3 months" }, ...group(sample(45, 4)) }], ["assessment"], mean, outcomes, policy);
    expect(table.columns.map((c) => c.label).slice(-3)).toEqual([mean.label, "95% interval, low", "95% interval, high"]);
    const first = table.rows[0]!;
    expect(first.__low as number).toBeLessThan(first.__mean as number);
    expect(first.__high as number).toBeGreaterThan(first.__mean as number);
    expect(table.rows[1]).toMatchObject({ __mean: "[c]", __low: "[c]", __high: "[c]" });
  });
});

describe("the default view and the pre-computed views", () => {
  it("opens on the stigma survey's headline chart: met stigma by setting", () => {
    expect(wantedState("")).toMatchObject({ dataset: "stigma", measure: "met-sometimes", dims: ["setting", "role", "age_band"] });
    expect(wantedState("?sql=SELECT%201")).toMatchObject({ dataset: "stigma", sql: "SELECT 1" });
    expect(wantedState("?dataset=outcomes")).toEqual({ dataset: "outcomes", filters: {} });
    // A preset's anchor alone opens the preset; the query string wins over it; other anchors change nothing.
    const gp = PRESETS[0]!;
    expect(wantedState("", `#${presetAnchor(gp)}`)).toEqual(gp.state);
    expect(wantedState("?dataset=outcomes", `#${presetAnchor(gp)}`)).toEqual({ dataset: "outcomes", filters: {} });
    expect(wantedState("", "#sql-console")).toEqual(DEFAULT_VIEW);
    // The URL keeps a preset's anchor only while it shows that preset's view (the link then works with scripts off).
    expect(viewHash(gp.state, "")).toBe(`#${presetAnchor(gp)}`);
    expect(viewHash(DEFAULT_VIEW, `#${presetAnchor(gp)}`)).toBe("");
    expect(viewHash(DEFAULT_VIEW, "#sql-console")).toBe("#sql-console");
    expect(precomputedStates()[0]).toEqual(DEFAULT_VIEW);
    // No preset splits by a column the release publishes with one value.
    for (const p of PRESETS) expect(p.state.dims).not.toContain("region");
  });

  it("matches a permalink to the view the build made, and nothing else", () => {
    const view = { key: encodeState(DEFAULT_VIEW), state: DEFAULT_VIEW, known: { setting: ["GP", "Dentist"], role: ["Worker", "Family member"], age_band: ["18–34", "35+"] } } as unknown as ViewData;
    const datasets: ExploreDataset[] = [stigma];
    expect(precomputedView(wantedState(""), [view], datasets)).toBe(view);
    expect(precomputedView(wantedState(`?${encodeState(DEFAULT_VIEW)}`), [view], datasets)).toBe(view);
    // The parameters in another order, and a split the release does not offer, are the same view.
    expect(precomputedView(wantedState("?measure=met-sometimes&dataset=stigma&dims=setting,role,age_band,region"), [view], datasets)).toBe(view);
    expect(precomputedView(wantedState(`?${encodeState(DEFAULT_VIEW)}&f.setting=GP`), [view], datasets)).toBeUndefined();
    expect(precomputedView(wantedState(`?${encodeState({ ...DEFAULT_VIEW, sql: "SELECT 1" })}`), [view], datasets)).toBeUndefined();
    expect(precomputedView(wantedState("?dataset=outcomes"), [view], datasets)).toBeUndefined();
  });
});

// The sample's release, built into a folder of its own (the tests never depend on an earlier build).
let published = "";
const readPackage = () => JSON.parse(readFileSync(join(published, "datapackage.json"), "utf8")) as DataPackage;

describe("on the published release", () => {
  beforeAll(async () => {
    published = join(mkdtempSync(join(tmpdir(), "lero-first-view-")), "published");
    await buildData({ out: published, log: () => {}, env: {} });
  }, 240_000);
  afterAll(() => rmSync(dirname(published), { recursive: true, force: true }));

  it("pre-computes the default view and every preset, with protected figures only", async () => {
    const { execFileSync } = await import("node:child_process");
    const out = execFileSync("npx", ["tsx", "src/data/explore-views.json.ts"], { encoding: "utf8", maxBuffer: 1 << 24, env: { ...process.env, LERO_PUBLISHED_DIR: published } });
    const { views, release } = JSON.parse(out) as { views: ViewData[]; release: Record<string, ReleaseRule> };
    expect(views.map((v) => v.key).slice(0, precomputedStates().length)).toEqual(precomputedStates().map((s) => encodeState(s)));
    // Each data set as it opens is there too, and matches a link that names only the data set.
    const datasets = exploreDatasets(readPackage());
    expect(precomputedView(wantedState("?dataset=outcomes"), views, datasets)?.state.dataset).toBe("outcomes");
    expect(release.stigma?.k).toBeGreaterThanOrEqual(10);
    const head = views[0]!;
    expect(head.bars.map((b) => b.dim)).toEqual(["setting", "role", "age_band"]);
    for (const view of views) {
      expect(Object.keys(view.known)).not.toContain("region");
      for (const { bars } of view.bars) {
        for (const b of bars) {
          // Every count in the file follows the rule: 0, a symbol, or a multiple of the rounding above the threshold.
          if (typeof b.shown === "number" && view.state.measure === "count") expect(b.shown === 0 || (b.shown > policy.person.threshold && b.shown % policy.person.rounding === 0)).toBe(true);
        }
      }
      const count = view.summary.count;
      expect(typeof count === "string" || count % policy.person.rounding === 0).toBe(true);
      for (const row of view.rows) {
        const n = row.__count!;
        expect(typeof n === "string" || n === 0 || (n > policy.person.threshold && n % policy.person.rounding === 0)).toBe(true);
      }
    }
  }, 60_000);

  it("draws the default view into the page's HTML, as the browser would, with the build's figures", async () => {
    const { execFileSync } = await import("node:child_process");
    const markdown = execFileSync("npx", ["tsx", "src/explore.md.ts"], { encoding: "utf8", maxBuffer: 1 << 24, env: { ...process.env, LERO_PUBLISHED_DIR: published } });
    const views = JSON.parse(execFileSync("npx", ["tsx", "src/data/explore-views.json.ts"], { encoding: "utf8", maxBuffer: 1 << 24, env: { ...process.env, LERO_PUBLISHED_DIR: published } })) as { views: ViewData[] };
    const head = views.views.find((v) => v.key === encodeState(DEFAULT_VIEW))!;
    const { JSDOM } = await import("jsdom");
    const page = new JSDOM(markdown.slice(markdown.indexOf("# Explore the data"))).window.document;
    const main = page.getElementById("explore-main")!;
    expect(main.querySelector(".explore-app")?.getAttribute("data-prerendered")).toBe(head.key);
    // Each chart of the default view is an SVG whose bars say the build's figures.
    const first = main.querySelector(".explore-app > .explore-view")!;
    expect([...first.querySelectorAll("figure[data-dim]")].map((f) => f.getAttribute("data-dim"))).toEqual(DEFAULT_VIEW.dims);
    // Each preset's view is drawn too, under its anchor, from the same pre-computed views; ids stay unique on the page.
    for (const preset of availablePresets(exploreDatasets(JSON.parse(readFileSync(join(published, "datapackage.json"), "utf8"))))) {
      const box = main.querySelector(`#${presetAnchor(preset)}`)!;
      const view = views.views.find((v) => v.key === encodeState(preset.state))!;
      expect(box.getAttribute("data-view")).toBe(view.key);
      expect([...box.querySelectorAll("figure[data-dim]")].map((f) => f.getAttribute("data-dim"))).toEqual(view.bars.map((b) => b.dim));
      expect(box.querySelector(`[data-measure="${preset.measure}"][data-key="${preset.key}"]`)).not.toBeNull();
    }
    // Each data set's opening view too, and the page's inline script knows the link that names the data set alone.
    for (const dataset of ["stigma", "outcomes"]) {
      const view = precomputedView(wantedState(`?dataset=${dataset}`), views.views, exploreDatasets(readPackage()))!;
      const box = main.querySelector(`#view-dataset-${dataset}`)!;
      expect(box.getAttribute("data-view")).toBe(view.key);
      expect([...box.querySelectorAll("figure[data-dim]")].map((f) => f.getAttribute("data-dim"))).toEqual(view.bars.map((b) => b.dim));
      expect(markdown).toContain(`"dataset=${dataset}":"view-dataset-${dataset}"`);
      expect(markdown).toContain(`html[data-explore-view="view-dataset-${dataset}"] #view-dataset-${dataset}{display:block}`);
    }
    // Lean: no copy of Plot's stylesheet in each chart, no coordinate finer than a hundredth of a pixel.
    expect(main.querySelectorAll(".explore-chart-body > svg").length).toBeGreaterThan(6);
    expect(main.querySelectorAll(".explore-chart-body > svg > style").length).toBe(0);
    for (const svg of main.querySelectorAll(".explore-chart-body > svg")) expect(svg.outerHTML).not.toMatch(/="[^"]*\d\.\d{3}/);
    const ids = [...page.querySelectorAll("[id]")].map((n) => n.id);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
    for (const node of page.querySelectorAll("[aria-labelledby], [aria-describedby], label[for]")) {
      for (const id of ["aria-labelledby", "aria-describedby", "for"].flatMap((a) => node.getAttribute(a)?.split(/\s+/) ?? [])) expect(page.getElementById(id), id).not.toBeNull();
    }
    const labels = [...first.querySelectorAll('figure[data-dim="setting"] rect.explore-hit')].map((r) => r.getAttribute("aria-label"));
    const setting = head.bars.find((b) => b.dim === "setting")!.bars;
    expect(labels).toEqual(setting.map((b) => `${b.value}: ${typeof b.shown === "number" ? `${b.shown.toFixed(1)}%` : b.shown}`));
    expect(first.querySelectorAll('figure[data-dim="setting"] svg .explore-interval line').length).toBe(setting.filter((b) => b.interval).length);
    // The counts and the results table are there too, and the controls say the view.
    expect(main.querySelector("#people-count")?.textContent).toBe(typeof head.summary.count === "number" ? head.summary.count.toLocaleString("en-GB") : head.summary.count);
    expect((main.querySelector("#explore-measure") as HTMLSelectElement).value).toBe(DEFAULT_VIEW.measure);
    expect(page.querySelectorAll("#explore-results #explore-results-table tbody tr").length).toBe(head.rows.length);
    // The charts come before the controls that change them.
    expect(markdown.indexOf("explore-charts")).toBeLessThan(markdown.indexOf("explore-controls"));
  }, 120_000);

  it("has no SQL example that returns a single row", async () => {
    const datasets = ["stigma", "outcomes"].map((name) => ({ name }) as ExploreDataset);
    const counts = await withDuckDB(async (db) => {
      for (const name of ["stigma", "outcomes"]) await db.run(`CREATE VIEW ${name} AS SELECT * FROM read_parquet(${quoteLiteral(join(published, `${name}.parquet`))})`);
      const out: Record<string, number> = {};
      for (const example of examples(datasets)) out[example.label] = (await queryRows(db, example.sql)).length;
      return out;
    });
    expect(Object.keys(counts).length).toBeGreaterThanOrEqual(3);
    for (const [label, n] of Object.entries(counts)) expect(n, label).toBeGreaterThan(1);
  });
});
