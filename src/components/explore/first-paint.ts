/**
 * Which of the build's drawings a URL shows at first paint, before any module has loaded.
 *
 * The build draws the default view, every preset and each data set's opening view into the page
 * (`src/explore.md.ts`). A link's hash (`#view-…`) picks one with CSS alone; a link's query string
 * (`?dataset=outcomes`, or a permalink the explorer wrote) cannot be read by CSS, so about 3 KB
 * of inline script, placed before the views, looks the query up in a table the build made and
 * marks the page (`<html data-explore-view="view-…">`); the stylesheet then shows that drawing. The page's
 * module later draws the same view into the same place and removes the mark.
 *
 * Decision: the table is made by running the explorer's own resolver (`wantedState`, then
 * `precomputedView`) over every query made of some of each view's parameters, rather than by a second
 * copy of the URL rules in the inline script: the script cannot disagree with the module about which
 * view a URL opens, it can only fail to know one (and then the page behaves as before: the module
 * draws the view).
 */
import { wantedState } from "./app.js";
import { precomputedView, type ViewData } from "./compute.js";
import type { ExploreDataset } from "./datasets.js";
import { PICKED_ATTRIBUTE } from "./first-view.js";

/** A view the build drew into the page, and the id of its box ("" for the default view, drawn in place). */
export interface DrawnView {
  view: ViewData;
  id: string;
}

/** A query string in the form the inline script compares: parameters sorted by name (values of one name keep their order). */
export function canonicalQuery(search: string): string {
  const params = new URLSearchParams(search);
  params.sort();
  return params.toString();
}

/**
 * The query strings (canonical) that open each drawn view, and the id of its drawing. Only queries that
 * name the data set are listed: without one, the explorer reads the URL's hash instead, which CSS
 * handles. A query that opens no drawn view is not listed.
 */
export function queryTable(drawn: readonly DrawnView[], views: readonly ViewData[], datasets: readonly ExploreDataset[]): Record<string, string> {
  const table: Record<string, string> = {};
  for (const { view, id } of drawn) {
    const entries = [...new URLSearchParams(view.key)];
    const names = [...new Set(entries.map(([name]) => name))].filter((name) => name !== "dataset");
    for (let mask = 0; mask < 1 << names.length; mask++) {
      const kept = new Set(["dataset", ...names.filter((_, i) => mask & (1 << i))]);
      const query = new URLSearchParams(entries.filter(([name]) => kept.has(name))).toString();
      if (precomputedView(wantedState(`?${query}`), views, datasets)?.key !== view.key) continue;
      table[canonicalQuery(query)] ??= id;
    }
  }
  return table;
}

/**
 * The attribute on the build's own inline script, so that the site's check for elements injected from
 * the data (test/browser/quality.test.ts) can tell it from one, by its attribute and its exact text.
 */
export const FIRST_PAINT_SCRIPT_ATTRIBUTE = "data-lero-first-paint";

/** The inline script that marks the page with the drawing the URL's query opens (nothing when it opens none). */
export function firstPaintScript(table: Record<string, string>): string {
  // "<" escaped so that no value can close the script element.
  const json = JSON.stringify(table).replace(/</g, "\\u003c");
  return `<script ${FIRST_PAINT_SCRIPT_ATTRIBUTE}>(()=>{const q=new URLSearchParams(location.search);q.sort();const id=${json}[q.toString()];if(id!==undefined)document.documentElement.setAttribute(${JSON.stringify(PICKED_ATTRIBUTE)},id)})()</script>`;
}

/** The page's rules that show each drawing when the inline script picked it (one per drawing: CSS cannot match an attribute to an id). */
export function firstPaintStyle(ids: readonly string[]): string {
  const safe = ids.filter((id) => /^[a-z0-9-]+$/.test(id));
  if (safe.length !== ids.length) throw new Error(`An explorer view's id is not a plain name (letters, digits and hyphens): ${ids.filter((id) => !safe.includes(id)).join(", ")}.`);
  return `<style>${safe.map((id) => `html[${PICKED_ATTRIBUTE}="${id}"] #${id}{display:block}`).join("")}</style>`;
}
