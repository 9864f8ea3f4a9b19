/**
 * Painting a view into the explorer's controls and results, shared by the browser (`app.ts`, for every
 * view) and the build (`src/explore.md.ts`, which draws the default view into the page's HTML with the
 * same code, under jsdom). Because both paint the same elements from the same `ViewData`, the page
 * shows the first view at first paint and with scripts off, and the browser's own drawing of it, when
 * its script runs, lands in the same place: nothing moves.
 */
import type { ViewData } from "./compute.js";
import { withGeography } from "./compute.js";
import type { Controls } from "./controls.js";
import { buildControls } from "./controls.js";
import type { ExploreDataset } from "./datasets.js";
import type { ExplorePolicy } from "./disclosure.js";
import { el, withDocument } from "./dom.js";
import type { ReleaseRule } from "./geography.js";
import type { ExplorePreset } from "./presets.js";
import { buildResults, type Results } from "./results.js";
import { resultColumns } from "./view.js";

/**
 * The attribute on `<html>` naming the build's drawing that the page's inline script picked for the
 * URL's query string ("" is the default view); `first-paint.ts` makes the script, the module removes the
 * mark when it draws the view itself.
 */
export const PICKED_ATTRIBUTE = "data-explore-view";

/** The width of the charts' box the build draws for: a phone's column (326 px at 390 px wide). */
export const FIRST_VIEW_BOX = 326;

/**
 * Paints `view` into the controls and the results (the charts at the box's width, or at `boxWidth`
 * where the box cannot be measured) and returns the data set with its geography titled.
 */
export function paintView(controls: Controls, results: Results, view: ViewData, base: ExploreDataset, policy: ExplorePolicy, version: string, rule: ReleaseRule | undefined, boxWidth?: number): ExploreDataset {
  const state = view.state;
  const dataset = withGeography(base, new Map(Object.entries(view.known)), rule);
  const measure = dataset.measures.find((m) => m.id === state.measure);
  if (!measure) throw new Error(`The view ${view.key} asks for the measure "${state.measure}", which the ${base.name} data set does not have.`);
  controls.sync(state, dataset, Object.keys(view.known));
  controls.notes(view.notes);
  controls.summary(state, view.summary, measure, dataset);
  controls.charts({ state, dataset, bars: view.bars, policy, version, ...(boxWidth !== undefined ? { boxWidth } : {}) });
  results.show(state, { columns: resultColumns(state.dims, measure, dataset), rows: view.rows }, dataset);
  controls.status.textContent = view.summary.status;
  return dataset;
}

/** The skeleton shown while the engine works out a view the build did not make. */
export function skeleton(text: string): HTMLElement {
  const root = el("div", { class: "explore-skeleton" });
  root.append(el("p", { class: "explore-loading", role: "status", "aria-live": "polite", "data-explore-loading": "" }, text));
  const controls = el("div", { class: "explore-skeleton-controls", "aria-hidden": "true" });
  for (let i = 0; i < 4; i++) controls.append(el("span"));
  const charts = el("div", { class: "explore-skeleton-charts", "aria-hidden": "true" });
  for (const widths of [[80, 55, 35, 20], [70, 45, 25], [60, 40]]) {
    const chart = el("div");
    for (const w of widths) chart.append(el("i", { style: `width: ${w}%` }));
    charts.append(chart);
  }
  root.append(controls, charts);
  return root;
}

export interface FirstViewInput {
  view: ViewData;
  datasets: readonly ExploreDataset[];
  policy: ExplorePolicy;
  version: string;
  release: Record<string, ReleaseRule>;
  presets: readonly ExplorePreset[];
  /** How to cite the view before the script adds the permalink and the date it was seen. */
  citation: string;
  /** What the engine line says before the script runs. */
  engineText: string;
}

/** The first view as the build draws it into the page: the controls and charts, and the results. */
export function drawFirstView(target: Document, input: FirstViewInput): { main: HTMLElement; results: HTMLElement } {
  return withDocument(target, () => {
    const base = input.datasets.find((d) => d.name === input.view.state.dataset);
    if (!base) throw new Error(`The first view is of the ${input.view.state.dataset} data set, which the data package does not list as microdata.`);
    const ignore = () => undefined;
    const controls = buildControls(input.datasets, { dataset: ignore, measure: ignore, chartType: ignore, dimension: ignore, clearFilters: ignore, toggle: ignore, preset: ignore }, () => FIRST_VIEW_BOX, input.presets);
    const results = buildResults({ engine: { exportParquet: () => Promise.reject(new Error("the data engine is not loaded")) }, policy: input.policy, status: controls.status, fileBase: () => `lero-${base.name}-explorer` });
    paintView(controls, results, input.view, base, input.policy, input.version, input.release[base.name], FIRST_VIEW_BOX);
    results.cite(input.citation);
    controls.engine.textContent = input.engineText;
    controls.root.dataset.prerendered = input.view.key;
    results.root.dataset.prerendered = input.view.key;
    leanCharts(controls.root);
    return { main: controls.root, results: results.root };
  });
}

export type { Controls, Results };

/** A coordinate with more decimals than a screen can show, and the attributes that hold coordinates. */
const LONG_NUMBER = /-?\d+\.\d{3,}/g;
const GEOMETRY = new Set(["x", "y", "x1", "x2", "y1", "y2", "cx", "cy", "r", "width", "height", "transform", "d", "points"]);

/**
 * The build's charts made lean for the page's HTML, which holds several views: each SVG's copy of
 * Plot's stylesheet is left out (the explorer's stylesheet has those rules once) and coordinates are
 * rounded to a hundredth of a pixel. The browser's own drawings are left as Plot makes them.
 */
export function leanCharts(root: Element): void {
  for (const svg of root.querySelectorAll(".explore-chart-body > svg")) {
    for (const style of svg.querySelectorAll(":scope > style")) style.remove();
    for (const node of [svg, ...svg.querySelectorAll("*")]) {
      for (const attribute of [...node.attributes]) {
        if (GEOMETRY.has(attribute.name)) node.setAttribute(attribute.name, attribute.value.replace(LONG_NUMBER, (n) => String(Math.round(Number(n) * 100) / 100)));
      }
    }
  }
}

/** Attributes that name an element by its id (or several, space-separated). */
const ID_REFERENCES = ["for", "aria-labelledby", "aria-describedby", "aria-controls", "headers", "list"];

/** Renames every id under `root` to `prefix-id`, and every reference to one (labels, ARIA, in-page links). */
function prefixIds(root: Element, prefix: string): void {
  const ids = new Set([...root.querySelectorAll("[id]")].map((node) => node.id));
  const rename = (id: string) => (ids.has(id) ? `${prefix}-${id}` : id);
  for (const node of root.querySelectorAll("*")) {
    if (node.id) node.id = rename(node.id);
    for (const name of ID_REFERENCES) {
      const value = node.getAttribute(name);
      if (value) node.setAttribute(name, value.split(/\s+/).map(rename).join(" "));
    }
    const href = node.getAttribute("href");
    if (href?.startsWith("#")) node.setAttribute("href", `#${rename(href.slice(1))}`);
  }
}

/**
 * A preset's view as the build draws it for readers without scripts: the headline and the charts
 * (each with its table), under the preset's anchor, ids renamed so that they stay unique on the page.
 * The page's stylesheet shows it in place of the default view when the URL's hash names it
 * (`explore.html#view-…`); the page's script removes it and draws the same view itself.
 */
export function drawStaticView(target: Document, input: FirstViewInput, anchor: string, title: string): HTMLElement {
  const { main } = drawFirstView(target, input);
  const view = main.querySelector(".explore-view");
  if (!view) throw new Error(`The explorer drew no view for ${input.view.key}.`);
  prefixIds(view, anchor);
  return withDocument(target, () => {
    const box = el("div", { id: anchor, class: "explore-static-view", "data-view": input.view.key });
    box.append(
      el("p", { class: "explore-help explore-static-note" }, `${title}, worked out when the site was built. With JavaScript off, the choices below and the results table show the explorer's first view, not this one.`),
      ...view.childNodes,
    );
    return box;
  });
}
