/**
 * The table and the inline script that show, at first paint, the build's drawing of the view a URL's
 * query string opens (`?dataset=outcomes`, a permalink): the table agrees with the explorer's own
 * resolver, and the script, run in a page, marks the page with the right drawing or with nothing.
 */
import { JSDOM } from "jsdom";
import { describe, expect, it } from "vitest";
import { wantedState } from "../../../src/components/explore/app.ts";
import { precomputedView, type ViewData } from "../../../src/components/explore/compute.ts";
import { exploreDatasets } from "../../../src/components/explore/datasets.ts";
import { canonicalQuery, firstPaintScript, firstPaintStyle, queryTable } from "../../../src/components/explore/first-paint.ts";
import { PICKED_ATTRIBUTE } from "../../../src/components/explore/first-view.ts";
import { DEFAULT_VIEW } from "../../../src/components/explore/presets.ts";
import { encodeState, type ExploreState } from "../../../src/components/explore/state.ts";
import type { DataPackage } from "../../../src/lib/published.ts";

const field = (name: string, type = "string") => ({ name, type });
const resource = (dataset: string, fields: { name: string; type: string }[]) => ({
  name: dataset,
  path: `${dataset}.parquet`,
  format: "parquet",
  title: dataset,
  lero: { kind: "microdata", dataset, level: "person", subject: "ref" },
  schema: { fields: [field("ref"), ...fields] },
});
const pkg = {
  resources: [
    resource("stigma", [field("setting"), { name: "enacted_1", type: "integer" }, { name: "avoided_care", type: "boolean" }, field("role"), field("age_band")]),
    resource("outcomes", [field("assessment"), field("age_band"), field("gender"), { name: "barc_total", type: "integer" }]),
  ],
} as unknown as DataPackage;
const datasets = exploreDatasets(pkg);

const viewOf = (state: ExploreState, known: Record<string, string[]>): ViewData => ({ key: encodeState(state), state, known }) as unknown as ViewData;
// The measures the small package above has (its stigma items are not the survey's: counts only).
const headState: ExploreState = { ...DEFAULT_VIEW, measure: "count" };
const head = viewOf(headState, { setting: ["GP", "Dentist"], role: ["Worker", "Family member"], age_band: ["18–34", "35+"] });
const gp = viewOf({ ...headState, filters: { setting: ["GP"] } }, head.known);
const outcomesState: ExploreState = { dataset: "outcomes", dims: ["assessment", "age_band", "gender"], filters: {}, measure: "count", chart: "bars", sql: "" };
const outcomes = viewOf(outcomesState, { assessment: ["Intake", "3 months"], age_band: ["18–34", "35+"], gender: ["Woman", "Man"] });
const views = [head, gp, outcomes];
const drawn = [
  { view: head, id: "" },
  { view: gp, id: "view-gp" },
  { view: outcomes, id: "view-dataset-outcomes" },
];

/** Runs the page's inline script at `url` and returns the mark it left on `<html>` (null: none). */
function markAt(url: string, script: string): string | null {
  const dom = new JSDOM(`<!doctype html><html><head></head><body>${script}</body></html>`, { url, runScripts: "dangerously" });
  return dom.window.document.documentElement.getAttribute(PICKED_ATTRIBUTE);
}

describe("the first paint of a URL's view", () => {
  const table = queryTable(drawn, views, datasets);

  it("lists the queries that open each drawn view, as the explorer itself resolves them", () => {
    expect(table["dataset=outcomes"]).toBe("view-dataset-outcomes");
    expect(table[canonicalQuery(outcomes.key)]).toBe("view-dataset-outcomes");
    expect(table[canonicalQuery(gp.key)]).toBe("view-gp");
    expect(table[canonicalQuery(head.key)]).toBe("");
    // Every entry opens its view in the explorer, and names the data set (the hash decides otherwise).
    const ids = new Map(drawn.map((d) => [d.id, d.view]));
    for (const [query, id] of Object.entries(table)) {
      expect(precomputedView(wantedState(`?${query}`), views, datasets), query).toBe(ids.get(id));
      expect(new URLSearchParams(query).has("dataset"), query).toBe(true);
    }
    // A filter the view does not have is another view: not listed.
    expect(table[canonicalQuery(`${outcomes.key}&f.assessment=Intake`)]).toBeUndefined();
  });

  it("puts parameters in one order, whatever order the URL has them in", () => {
    expect(canonicalQuery("?measure=count&dataset=outcomes&dims=a,b")).toBe("dataset=outcomes&dims=a%2Cb&measure=count");
    expect(canonicalQuery("f.x=2&dataset=d&f.x=1")).toBe("dataset=d&f.x=2&f.x=1");
  });

  it("marks the page with the drawing the query opens, in any order and encoding, and with nothing otherwise", () => {
    const script = firstPaintScript(table);
    expect(markAt("https://lero.example/explore?dataset=outcomes", script)).toBe("view-dataset-outcomes");
    expect(markAt(`https://lero.example/explore?chart=bars&measure=count&dims=assessment,age_band,gender&dataset=outcomes#results`, script)).toBe("view-dataset-outcomes");
    expect(markAt(`https://lero.example/explore?${gp.key}#view-gp`, script)).toBe("view-gp");
    expect(markAt(`https://lero.example/explore?${head.key}`, script)).toBe("");
    // Nothing drawn for it, or no query: no mark (the hash, the default view or the module decide).
    expect(markAt("https://lero.example/explore?dataset=outcomes&f.assessment=Intake", script)).toBeNull();
    expect(markAt("https://lero.example/explore?dataset=outcomes&sql=SELECT%201", script)).toBeNull();
    expect(markAt("https://lero.example/explore#view-gp", script)).toBeNull();
    expect(markAt("https://lero.example/explore?dataset=%3C%2Fscript%3E", script)).toBeNull();
    // Small: it goes into every load of the page.
    expect(script.length).toBeLessThan(4000);
  });

  it("has one rule per drawing, and refuses an id that is not a plain name", () => {
    expect(firstPaintStyle(["view-gp", "view-dataset-outcomes"])).toBe(`<style>html[${PICKED_ATTRIBUTE}="view-gp"] #view-gp{display:block}html[${PICKED_ATTRIBUTE}="view-dataset-outcomes"] #view-dataset-outcomes{display:block}</style>`);
    expect(() => firstPaintStyle(['x"] *{display:none} [a="'])).toThrow(/not a plain name/);
  });
});
