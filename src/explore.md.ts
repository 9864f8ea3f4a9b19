/**
 * The data explorer, as a Framework page loader: it prints the page's Markdown when the site is built,
 * with the default view (the stigma survey's headline chart, its counts and its results table) drawn
 * into it by the explorer's own code (`components/explore/first-view.ts`, under jsdom), so the chart is
 * there at first paint and with scripts off. Each preset's view and each data set's opening view are
 * drawn too, hidden: a preset's anchor shows its view with CSS alone, and a tiny inline script before
 * the views shows the one a URL's query string opens (`?dataset=outcomes`, a permalink), before any
 * module loads (`components/explore/first-paint.ts`). The page's module then mounts the explorer over
 * it: it paints the same view into the same place (nothing moves) and loads DuckDB-wasm in the
 * background for everything else.
 */
import { drawFirstView, drawStaticView } from "./components/explore/first-view.ts";
import { availablePresets, DEFAULT_VIEW, presetAnchor, presetText } from "./components/explore/presets.ts";
import { encodeState } from "./components/explore/state.ts";
import { firstPaintScript, firstPaintStyle, queryTable, type DrawnView } from "./components/explore/first-paint.ts";
import type { ViewData } from "./components/explore/compute.ts";
import { dataVersion } from "./components/explore/datasets.ts";
import { exploreViews } from "../scripts/pages/explore-views.ts";
import { createDocument, printPage, rawHtml, releaseInfo } from "../scripts/pages/prerender.ts";
import { SOURCES } from "./components/shared/sources.ts";

const { views, openings, datasets, policy, release, datapackage } = await exploreViews();
const first = views.find((v) => v.key === encodeState(DEFAULT_VIEW));
if (!first) throw new Error(`The explorer's default view (${encodeState(DEFAULT_VIEW)}) was not worked out: does the published data package list the stigma survey's microdata?`);
const firstDataset = datasets.find((d) => d.name === first.state.dataset)!;
const version = dataVersion(datapackage);
const { year } = releaseInfo();
const doc = createDocument();
const drawn = drawFirstView(doc, {
  view: first,
  datasets,
  policy,
  version,
  release,
  presets: availablePresets(datasets),
  citation: `LERO Evidence (${year}). ${firstDataset.title}: explorer view. Data version ${version}. Give this page's address as the link to the view.`,
  engineText: "Worked out when the site was built.",
});
// Each preset's view and each data set's opening view too, under its anchor: a preset's link
// (`?…#view-…`) shows it with scripts off, and the inline script before the views shows the one a
// URL's query string opens (`?dataset=outcomes`) at first paint, before any module has loaded.
const presets = availablePresets(datasets);
const defaultView = drawn.main.querySelector(".explore-view");
const drawnViews: DrawnView[] = [{ view: first, id: "" }];
const staticViews: { view: ViewData; anchor: string; title: string }[] = [];
for (const preset of presets) {
  const view = views.find((v) => v.key === encodeState(preset.state));
  if (!view) throw new Error(`The explorer's preset ${preset.id} (${encodeState(preset.state)}) was not worked out: does the published data package list its data set?`);
  if (drawnViews.some((d) => d.view.key === view.key)) continue;
  staticViews.push({ view, anchor: presetAnchor(preset), title: presetText(preset).title });
  drawnViews.push({ view, id: presetAnchor(preset) });
}
for (const dataset of datasets) {
  const view = views.find((v) => v.key === openings[dataset.name]);
  if (!view) throw new Error(`The ${dataset.name} data set's opening view was not worked out: does the published data package list its row-level file?`);
  if (drawnViews.some((d) => d.view.key === view.key)) continue;
  const anchor = `view-dataset-${dataset.name}`;
  staticViews.push({ view, anchor, title: `${dataset.title}, as it opens` });
  drawnViews.push({ view, id: anchor });
}
for (const { view, anchor, title } of [...staticViews].reverse()) {
  const input = { view, datasets, policy, version, release, presets, citation: "", engineText: "" };
  defaultView?.after(drawStaticView(doc, input, anchor, title));
}
// A style element in the body must be its parent's first child (HTML), so the rules and the script that
// picks a drawing share a box of their own, which has no size and so moves nothing.
const firstPaint = `<div class="explore-first-paint">${firstPaintStyle(staticViews.map((v) => v.anchor))}${firstPaintScript(queryTable(drawnViews, views, datasets))}</div>`;
const main = doc.createElement("div");
main.id = "explore-main";
main.className = "explore";
main.append(drawn.main);
const results = doc.createElement("div");
results.id = "explore-results";
results.className = "explore";
results.append(drawn.results);
const person = policy.person;

// The row-level files this release has (a data set not yet collected has none), as download links; the
// page's script reads the same links (`data-explore-file`) for the data engine.
const downloads = datapackage.resources.filter((r) => r.lero?.kind === "microdata" && r.format === "parquet");
const downloadLinks = downloads.map((r, i) => {
  const link = doc.createElement("a");
  const dataset = String(r.lero?.dataset ?? r.name);
  link.href = `./data/${r.path}`;
  link.setAttribute("download", `lero-${dataset}.parquet`);
  link.dataset.exploreFile = dataset;
  link.textContent = `${SOURCES[dataset as keyof typeof SOURCES]?.short ?? dataset} (Parquet)`;
  return `${i === 0 ? "" : i === downloads.length - 1 ? " and " : ", "}${rawHtml(link)}`;
});

printPage(`
---
title: Explore the data
toc: true
---

# Explore the data

<p class="lero-lead">Ask your own questions of the published, anonymised data. Click a bar to filter; change the view below the charts.</p>

${firstPaint}
${rawHtml(main)}

## Results table

What the charts show, one row per combination of the chosen splits, with every filter applied. The downloads hold exactly these rows.

${rawHtml(results)}

## SQL console

For those who want to write their own query. It reads only the two published row-level tables, so its results come from the published rows, exactly as the downloads below. Values of the rows, and the values a query groups by, are shown as they are (a year stays 2024). Anything worked out by combining rows is treated as a count of people, whatever it is called or turned into (text, a list, arithmetic): 1 to ${person.threshold} show as [c] and the rest are rounded to the nearest ${person.rounding}. Only a plain statistic such as <code>avg(…)</code>, <code>median(…)</code>, <code>min(…)</code> or <code>max(…)</code> is shown as returned, and it is hidden beside a hidden count or a count below ${person.minimumBase}. A query that combines rows inside a subquery has all its columns treated as counts.

<div id="explore-console" class="explore"><p class="explore-loading">The console appears when the data engine has loaded.</p></div>

## The full data sets

The explorer reads these files, as published. Download them to work with every row: ${downloadLinks.join("")}. The audit of LEROs is published as tables only: with some sixty answers each, every LERO's row would be unique. CSV versions and the data dictionary are on the <a href="./methods">Methods and data</a> page.

## How the figures are protected

<p class="lero-small">Counts of people: 0 stays 0, 1 to ${person.threshold} are hidden as <span class="lero-symbol">[c]</span>, the rest are rounded to the nearest ${person.rounding}. Means and percentages need a base of at least ${person.minimumBase} people. People are counted once each, however many rows they have. The rules come from the site's disclosure policy; see <a href="./methods">Methods and data</a>.</p>

\`\`\`js
import {mountExplorer} from "./components/explore/index.js";

const policy = await FileAttachment("./data/disclosure.json").json();
const datapackage = await FileAttachment("./data/datapackage.json").json();
// The default view and every preset, worked out at build time: drawn before DuckDB-wasm loads.
const prepared = await FileAttachment("./data/explore-views.json").json();
// The Parquet files are the download links above (a FileAttachment of Parquet would pull in parquet-wasm, which the explorer does not need).
const files = Object.fromEntries(
  [...document.querySelectorAll("a[data-explore-file]")].map((a) => [a.dataset.exploreFile, {url: () => a.href}])
);
// DuckDB-wasm, self-hosted; the explorer starts it in the background and shows the bytes downloaded.
// Of its two builds, eh (WebAssembly exceptions) is the smaller download; mvp serves browsers without exceptions.
const engine = {
  load: () => import("npm:@duckdb/duckdb-wasm"),
  bundles: {
    mvp: {mainModule: import.meta.resolve("npm:@duckdb/duckdb-wasm/dist/duckdb-mvp.wasm"), mainWorker: import.meta.resolve("npm:@duckdb/duckdb-wasm/dist/duckdb-browser-mvp.worker.js")},
    eh: {mainModule: import.meta.resolve("npm:@duckdb/duckdb-wasm/dist/duckdb-eh.wasm"), mainWorker: import.meta.resolve("npm:@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js")}
  }
};
const explorer = mountExplorer(
  {main: document.getElementById("explore-main"), results: document.getElementById("explore-results"), console: document.getElementById("explore-console")},
  {datapackage, policy, files, duckdb: engine, views: prepared.views, release: prepared.release}
);
\`\`\`
`);
