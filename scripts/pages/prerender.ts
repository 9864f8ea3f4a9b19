/**
 * Build-time charts for Framework page loaders (`src/report.md.ts`, …; README "Pages at first paint").
 *
 * A page loader prints its page's Markdown when the site is built. Its charts are drawn here, in Node
 * under jsdom, by the same components that draw them in the browser (they take a `document` option),
 * and printed into the Markdown as raw HTML: the SVG, its title, description and data table are in
 * the page's HTML, readable with scripts off, drawn at first paint and never moved by a script.
 *
 * One width cannot suit a phone and a laptop, so each chart is drawn twice: at a phone's column width
 * (labels above the bars) and at a laptop's. A CSS container query on the chart's box shows the one
 * that fits (`.lero-chart-narrow` / `.lero-chart-wide` in src/style.css); each scales a little with
 * the column, and its text stays 12 px in CSS.
 */
import { readdirSync, readFileSync, writeSync } from "node:fs";
import { join } from "node:path";
import { JSDOM } from "jsdom";
import { CHART_PAGE_HEAD, FIRST_CHART_ID, prefixIds } from "../html.ts";
import { loadPolicy } from "../../loaders/disclose/policy.ts";
import { DATASETS, PROJECT_ROOT, REFERENCE_DIR, type Dataset } from "../../loaders/schema.ts";
import { publishedDatasets, publishedDir, readPublishedJson } from "../../loaders/site-data.ts";
import { notCollected } from "../../src/components/shared/not-collected.ts";
import type { AggregateTable, Tables } from "../../src/components/shared/headline-figures.ts";
import type { InstrumentsReference } from "../../src/components/outcomes/barc.ts";

/** The width a chart is drawn at for a phone (the column is 326 px at 390 px, 256 px at 320 px). */
export const NARROW_WIDTH = 340;
/** The width a chart is drawn at for a wider column (704 px at 768 and 1280 px). */
export const WIDE_WIDTH = 704;

export function createDocument(): Document {
  return new JSDOM("<!DOCTYPE html><html><body></body></html>", { pretendToBeVisual: true }).window.document;
}

/**
 * Every published table of one topic, keyed by id, as `/data/aggregates/<topic>.json` gives a page. A
 * topic with no tables is an error in a release with every dataset (a mistyped topic); in a release
 * without some datasets it is how a topic of data not yet collected looks, and gives no tables.
 */
export function topicTables(topic: string): Tables {
  const tables: Record<string, AggregateTable> = {};
  for (const file of readdirSync(join(publishedDir(), "aggregates")).sort()) {
    const table = readPublishedJson<AggregateTable & { topic: string }>(join("aggregates", file));
    if (table.topic === topic) tables[table.id] = table;
  }
  if (Object.keys(tables).length === 0 && publishedDatasets().length === DATASETS.length) throw new Error(`No published tables have the topic "${topic}".`);
  return tables;
}

/** The instruments' scales, as `/data/instruments.json` gives a page. */
export function instruments(): InstrumentsReference {
  const reference = JSON.parse(readFileSync(join(REFERENCE_DIR, "instruments.json"), "utf8")) as InstrumentsReference;
  return { instruments: reference.instruments.map(({ id, shortName, total }) => ({ id, shortName, total })) } as InstrumentsReference;
}

export function personRules() {
  return loadPolicy().person;
}

export function organisationRules() {
  return loadPolicy().organisation;
}


/**
 * Draws `draw` at the wide and the narrow width and returns the wide drawing with, in each chart's box,
 * both charts: `.lero-chart-wide` and `.lero-chart-narrow` (the CSS shows one). Everything else (title,
 * table, source) is the wide drawing's, once. The download buttons are marked for `enhance.ts`, which
 * makes them work once scripts run.
 */
export function responsive<T extends Element>(draw: (width: number) => T): T {
  const wide = draw(WIDE_WIDTH);
  const narrow = draw(NARROW_WIDTH);
  const wideBodies = [...wide.querySelectorAll(".lero-chart-body")];
  const narrowBodies = [...narrow.querySelectorAll(".lero-chart-body")];
  if (wideBodies.length !== narrowBodies.length) throw new Error("A chart drew a different number of figures at two widths.");
  wideBodies.forEach((body, i) => {
    const doc = body.ownerDocument;
    const a = doc.createElement("div");
    a.className = "lero-chart-wide";
    a.append(...body.childNodes);
    const b = doc.createElement("div");
    b.className = "lero-chart-narrow";
    b.append(...narrowBodies[i]!.childNodes);
    prefixIds(b, "n-");
    body.append(a, b);
    body.classList.add("lero-chart-responsive");
  });
  for (const group of wide.querySelectorAll(".lero-chart-downloads")) group.setAttribute("data-prerendered", "");
  return wide;
}

/**
 * An element as raw HTML for Markdown: one line (a blank line would end Markdown's HTML block), and
 * no `$` (which Framework would read as the start of `${…}`).
 */
export function rawHtml(element: Element): string {
  return element.outerHTML.replace(/\r/g, "&#13;").replace(/\n/g, "&#10;").replace(/\$/g, "&#36;");
}

/** Several elements as one block of raw HTML, in a `<div>` with the given class. */
export function block(doc: Document, className: string, ...children: (Element | string)[]): string {
  const div = doc.createElement("div");
  div.className = className;
  div.append(...children);
  return rawHtml(div);
}

/**
 * The script every page with build-time charts ends with (`root` is the way from the page to src/):
 * the download, copy and print buttons work once it runs. It loads a few KB, never Plot.
 */
export function enhanceScript(root = "./"): string {
  return [
    "```js",
    `import {enhanceFigures} from "${root}components/shared/enhance.js";`,
    `import {enhanceCopyButtons} from "${root}components/shared/copy.js";`,
    `enhanceFigures(document.getElementById("observablehq-main"));`,
    `enhanceCopyButtons(document.getElementById("observablehq-main"));`,
    `import {enhancePrintButtons} from "${root}components/shared/print.js";`,
    `enhancePrintButtons(document.getElementById("observablehq-main"));`,
    "```",
  ].join("\n");
}

/** Prints a page loader's Markdown. */
export function printPage(markdown: string): void {
  process.stdout.write(markFirstChart(markdown.replace(/^\n+/, "")));
}

/**
 * Gives the page's first chart body the id the first paint waits for, and gives the page the head that
 * makes it wait (`CHART_PAGE_HEAD`, with `<link rel="expect">`) in its front matter. A page with no
 * chart keeps the site's head.
 */
export function markFirstChart(markdown: string): string {
  const marked = markdown.replace(/<div class="lero-chart-body\b/, `<div id="${FIRST_CHART_ID}" class="lero-chart-body`);
  if (marked === markdown) return markdown;
  if (!marked.startsWith("---\n")) throw new Error("A page with a chart needs front matter (a title) so that its first paint can wait for the chart.");
  return `---\nhead: ${JSON.stringify(CHART_PAGE_HEAD)}\n${marked.slice(4)}`;
}

/**
 * The release a page cites: the data version from the published datapackage.json and the year from
 * CITATION.cff's release date (not the build's date, so two builds of the same data are identical).
 */
export function releaseInfo(): { version: string; year: string; date: string; illustrative: boolean } {
  const datapackage = readPublishedJson<{ version: string; lero?: { illustrative?: boolean } }>("datapackage.json");
  const released = /^date-released:\s*"?((\d{4})-\d{2}-\d{2})/m.exec(readFileSync(join(PROJECT_ROOT, "CITATION.cff"), "utf8"));
  if (!released) throw new Error("CITATION.cff has no date-released: add one (YYYY-MM-DD) so citations can give the release year.");
  return { version: datapackage.version, year: released[2]!, date: released[1]!, illustrative: datapackage.lero?.illustrative === true };
}

/**
 * For a topic page whose dataset the release does not have: prints the page with its title, heading and
 * the not-yet-collected note, and ends the page loader (the rest of the page needs the data). The
 * Markdown is written synchronously, so none of it is lost when the process exits.
 */
export function printIfNotCollected(dataset: Dataset, page: { title: string; heading: string }): void {
  if (publishedDatasets().includes(dataset)) return;
  const note = notCollected(dataset, { document: createDocument() });
  writeSync(1, `---\ntitle: ${page.title}\n---\n\n# ${page.heading}\n\n${rawHtml(note)}\n`);
  process.exit(0);
}

/**
 * A group of radio buttons in a `<fieldset>` with its legend, each input inside its label (so the
 * label's words are its name), the `checked` value chosen: a page's choice that works from its HTML.
 */
export function radioGroup(doc: Document, legend: string, name: string, choices: readonly (readonly [value: string, label: string])[], checked: string): HTMLFieldSetElement {
  const fieldset = doc.createElement("fieldset");
  const title = doc.createElement("legend");
  title.textContent = legend;
  fieldset.append(title);
  for (const [value, text] of choices) {
    const label = doc.createElement("label");
    const input = doc.createElement("input");
    input.type = "radio";
    input.name = name;
    input.value = value;
    if (value === checked) input.setAttribute("checked", "");
    label.append(input, ` ${text}`);
    fieldset.append(label);
  }
  return fieldset;
}

/**
 * A table for a page's HTML: a caption, a header row and the first cell of each row as its row
 * header, in a scrollable region named by the caption. Columns listed in `numeric` are right-aligned
 * with tabular figures, as the charts' tables are.
 */
export function pageTable(doc: Document, caption: string, columns: readonly string[], rows: readonly (readonly (string | Node)[])[], numeric: readonly number[] = []): string {
  const wrap = doc.createElement("div");
  wrap.className = "lero-table-wrap";
  wrap.tabIndex = 0;
  wrap.setAttribute("role", "region");
  wrap.setAttribute("aria-label", caption);
  const t = doc.createElement("table");
  t.className = "lero-table";
  const cap = doc.createElement("caption");
  cap.textContent = caption;
  const head = doc.createElement("thead");
  const headRow = doc.createElement("tr");
  columns.forEach((column, i) => {
    const th = doc.createElement("th");
    th.scope = "col";
    if (numeric.includes(i)) th.className = "num";
    th.textContent = column;
    headRow.append(th);
  });
  head.append(headRow);
  const body = doc.createElement("tbody");
  for (const row of rows) {
    const tr = doc.createElement("tr");
    row.forEach((cell, i) => {
      const td = doc.createElement(i === 0 ? "th" : "td");
      if (i === 0) td.setAttribute("scope", "row");
      if (numeric.includes(i)) td.className = "num";
      td.append(cell);
      tr.append(td);
    });
    body.append(tr);
  }
  t.append(cap, head, body);
  wrap.append(t);
  return rawHtml(wrap);
}
