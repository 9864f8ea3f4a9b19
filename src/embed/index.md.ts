/**
 * The embed builder, as a Framework page loader: it prints the page's Markdown when the site is built,
 * with its form, the preview of the first chart and that chart's snippets in the HTML, so the page is
 * complete at first paint and readable with scripts off. `components/embed/builder.ts` wires the plain
 * form controls to the preview and the snippets; no input or charting library is loaded. The embeds
 * themselves are drawn at build time too (scripts/embed/).
 */
import { summarise, regionSlug } from "./catalogue.ts";
import { DEFAULT_CHOICE, frameSource, snippets } from "../components/embed/builder.ts";
import { loadRegions } from "../../loaders/reference.ts";
import { readPublishedJson } from "../../loaders/site-data.ts";
import type { DataPackage } from "../lib/published.ts";
import { createDocument, printPage, radioGroup, rawHtml } from "../../scripts/pages/prerender.ts";

const doc = createDocument();
const published = new Set(readPublishedJson<DataPackage>("datapackage.json").resources.filter((r) => r.lero.kind === "aggregate").map((r) => r.name));
const catalogue = summarise(loadRegions().map((r) => ({ ...r, slug: regionSlug(r.name) })), (id) => published.has(id));
const first = catalogue.charts[0];
if (!first) throw new Error("The embed catalogue (src/embed/catalogue.ts) has no chart: the builder page needs at least one.");
const PREVIEW_WIDTH = 640;

function el<K extends keyof HTMLElementTagNameMap>(tag: K, attributes: Record<string, string> = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const node = doc.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  node.append(...children);
  return node;
}
const option = (value: string, text: string, selected = false) => el("option", { value, ...(selected ? { selected: "" } : {}) }, text);
const radios = (name: string, legend: string, choices: [string, string][], checked: string) => {
  const group = radioGroup(doc, legend, name, choices, checked);
  group.className = "lero-embed-field";
  return group;
};
const checkbox = (name: string, text: string, checked: boolean, disabled = false) =>
  el("label", { class: "lero-embed-field lero-embed-check" }, el("input", { type: "checkbox", name, ...(checked ? { checked: "" } : {}), ...(disabled ? { disabled: "" } : {}) }), ` ${text}`);

/** A control with its label beside it (`for`), so the label's name is its own words only. */
const labelled = (id: string, text: string, control: HTMLElement, ...after: (Node | string)[]) => {
  control.id = id;
  return el("div", { class: "lero-embed-field" }, el("label", { for: id }, text), " ", control, ...after);
};

const form = el(
  "form",
  { class: "lero-embed-form" },
  labelled("lero-embed-chart", "Chart", el("select", { name: "chart" }, ...catalogue.charts.map((c, i) => option(c.id, c.title, i === 0)))),
  labelled(
    "lero-embed-region",
    "Region",
    el("select", { name: "region", ...(first.regions.length ? {} : { disabled: "" }) }, option("", first.regions.length ? "Whole UK" : "Whole UK (no figures by region for this chart)", true), ...first.regions.map((slug) => option(slug, catalogue.regions.find((r) => r.slug === slug)?.name ?? slug))),
  ),
  radios("theme", "Theme", [["auto", "Match the reader’s setting"], ["light", "Light"], ["dark", "Dark"]], "auto"),
  radios("lang", "Region names", [["en", "English"], ["cy", "Cymraeg"]], "en"),
  checkbox("title", "Show the title", true),
  checkbox("use-colour", "Use my own colour", false, !first.colourable),
  labelled("lero-embed-colour", "Colour of the bars and lines", el("input", { type: "color", name: "colour", value: "#7b2d8e", disabled: "" })),
  el("p", { class: "lero-embed-note", role: "status" }, first.colourable ? "" : "This chart’s colours show a scale (its key), so it keeps them."),
  labelled("lero-embed-width", "Preview width (px)", el("input", { type: "range", name: "width", min: "320", max: "960", step: "10", value: String(PREVIEW_WIDTH) }), " ", el("output", { class: "lero-embed-width", for: "lero-embed-width" }, String(PREVIEW_WIDTH))),
);

const preview = el(
  "div",
  { class: "lero-embed-frame-box", style: `width:${PREVIEW_WIDTH}px` },
  el("iframe", { class: "lero-embed-preview-frame", src: frameSource(first, DEFAULT_CHOICE, "./"), title: `Preview: ${first.title}`, style: "width:100%", height: String(first.height) }),
);

// Without scripts the snippets give the embeds' addresses relative to this page (./…); with scripts, the full address.
const text = snippets(first, DEFAULT_CHOICE, "./");
const snippet = (kind: "iframe" | "module", label: string) =>
  rawHtml(
    el(
      "div",
      { class: "lero-embed-snippet-box" },
      el("pre", { class: "lero-embed-snippet", "data-snippet": kind, tabindex: "0" }, el("code", {}, text[kind])),
      el("div", { class: "lero-embed-copy-row" }, el("button", { type: "button", class: "lero-embed-copy", "data-copy": kind }, label), " ", el("span", { class: "lero-embed-copied", role: "status", "aria-live": "polite" })),
    ),
  );

printPage(`
---
title: Embed a chart
toc: false
---

# Embed a chart on your website

Put the evidence on your own website in one paste. Choose a chart, narrow it to your region if you like, pick a light or dark theme and your own colour, then copy the snippet into your page. It works in WordPress (a “Custom HTML” block), Wix (“Embed code”) and Squarespace (a “Code” block). The chart fits the width of your column, on phones too, and shows where the numbers come from with a link back to this site.

<div class="lero-noscript"><noscript><p class="lero-embed-note">The choices below need scripts. Without them, the snippets show the first chart for the whole UK, with its address relative to this page: put this page's address in front of <code>./</code>.</p></noscript></div>

<div class="lero-embed-builder">
<div class="lero-embed-controls">

${rawHtml(form)}

</div>
<section class="lero-embed-preview" aria-label="Preview">

## Preview

${rawHtml(preview)}

</section>
</div>

## Snippets to copy

### As a frame (simplest: any website builder)

${snippet("iframe", "Copy the frame snippet")}

The frame is the chart’s own small page. The second line lets it take the height of the chart; without it the frame keeps the height in the snippet and scrolls if it needs to.

### As a script module (draws into your page)

${snippet("module", "Copy the module snippet")}

The module draws the chart into the \`div\`, in its own style box, so your site’s styles and the chart’s never clash. Options: \`region\` (one of the region names in the list above, as in the frame link), \`theme\` (\`light\`, \`dark\` or \`auto\`), \`lang\` (\`cy\` for Welsh region names), \`title\` (\`false\` to hide the title) and \`colour\` (your colour for the bars and lines, such as \`"#7b2d8e"\`). On a background where your colour would be too faint to see (a contrast below 3:1), the chart keeps its own colour. You can also set the chart’s custom properties on the \`div\`, for example \`style="--lero-bg: transparent"\`.

## What the embed does not do

- **No cookies, no tracking.** The embed sets no cookies, stores nothing in the reader’s browser and counts no one.
- **No requests to anyone else.** Everything it needs comes from this site: no fonts, scripts, analytics or data from third parties.
- **No heavy downloads.** Each chart is drawn in advance, so the embed is a small page (about 10 KB compressed) with no data engine.
- **No live data.** The figures are those published on this site; when the site is updated, embedded charts update too.

Every figure is protected in the same way as on the rest of the site: small numbers are hidden and shown as [c]. In small regions many figures are hidden, so the chart may show [c] more often than numbers. Each chart keeps its table of numbers, which is readable even with scripts turned off.

\`\`\`js
import {embedBuilder} from "../components/embed/builder.js";
embedBuilder(document.getElementById("observablehq-main"), ${JSON.stringify({ charts: catalogue.charts.map(({ id, title, height, regions, colourable }) => ({ id, title, height, regions, colourable })), regions: catalogue.regions.map(({ slug, name }) => ({ slug, name })) })});
\`\`\`
`);
