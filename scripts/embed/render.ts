/**
 * Build-time embeds (issue 7; DESIGN.md §7). Called by scripts/build.ts on the freshly built site,
 * before the disclosure audit. For every chart in the catalogue and every region it allows (and the
 * UK), the chart is drawn in Node (jsdom + Plot) at a wide and a narrow width, and written as:
 *
 * - `embed/<chart>.html`: a standalone page (no sidebar, header or footer) with the UK chart and its
 *   table in the HTML (readable with scripts off), each region's variant in a `<template>`, the
 *   stylesheet inline and a script of a few KB that applies the query-string options and posts the
 *   page's height to the parent;
 * - `embed/<chart>.js`: an ES module exporting `render(element, options)`, carrying the same
 *   pre-rendered variants and stylesheet (no Plot, no DuckDB, no requests);
 * - `embed/svg/<chart>--<region>.svg`: each chart as a standalone SVG image;
 * - `embed/resize.js`: the host page's resize script.
 *
 * Why build-time modules rather than Framework `dynamicPaths`: a Framework-exported module would
 * import Plot and Framework's runtime pieces from the site's `_npm/` and `_import/` folders, and its
 * data as further files: several requests and a few hundred KB on a charity's page. Built here, each
 * module is one self-contained file of pre-rendered SVG, independent of Framework's output layout.
 */
import { existsSync } from "node:fs";
import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import * as esbuild from "esbuild";
import { JSDOM } from "jsdom";
import { loadRegions, regionSlug } from "../../loaders/reference.ts";
import { PROJECT_ROOT } from "../../loaders/schema.ts";
import type { AggregateTable } from "../../src/components/shared/headline-figures.ts";
import { allowedRegions, availableCharts, type EmbedChart, type EmbedRegion, type Tables } from "../../src/embed/catalogue.ts";
import { escapeHtml, prefixIds } from "../html.ts";

const EMBED_SRC = join(PROJECT_ROOT, "src", "embed");
/** Widths the charts are drawn at: the narrow one is shown when the embed is under 480 px wide. */
export const WIDE = 640;
export const NARROW = 340;
export const UK = "uk";

export async function loadTables(published: string): Promise<Tables> {
  const dir = join(published, "aggregates");
  const tables: Record<string, AggregateTable> = {};
  for (const file of (await readdir(dir)).filter((f) => f.endsWith(".json")).sort()) {
    const table = JSON.parse(await readFile(join(dir, file), "utf8")) as AggregateTable;
    tables[table.id] = table;
  }
  return tables;
}

/** Whether the release is illustrative, as its datapackage.json says (sample files among real exports make it so). */
async function releaseMarker(published: string): Promise<{ illustrative: boolean }> {
  const datapackage = JSON.parse(await readFile(join(published, "datapackage.json"), "utf8")) as { lero?: { illustrative?: boolean } };
  return { illustrative: datapackage.lero?.illustrative === true };
}

export function embedRegions(): EmbedRegion[] {
  return loadRegions().map((r) => ({ name: r.name, name_cy: r.name_cy, slug: regionSlug(r.name), tile_row: r.tile_row, tile_col: r.tile_col, short_name: r.short_name, abbreviation: r.abbreviation }));
}

function createDocument(): Document {
  return new JSDOM("<!DOCTYPE html><html><body></body></html>", { pretendToBeVisual: true }).window.document;
}


/**
 * A link back to the site, written in the catalogue from the site's root (`/research`, `/regions/wales`),
 * made relative to a file `depth` folders below the root (`embed/x.html` is 1, `embed/svg/x.svg` is 2)
 * (a folder is one whose index is `index.md` or a page loader, `index.md.ts`)
 * and given the built file's name (`research.html`, `regions/`), so the embeds work on a host with no
 * clean-URL rewriting and under any sub-path. A module embed resolves it against its own URL.
 */
export function siteHref(href: string, depth: number): string {
  if (!href.startsWith("/") || href.startsWith("//")) return href;
  const cut = href.search(/[?#]/);
  const path = cut < 0 ? href : href.slice(0, cut);
  const rest = cut < 0 ? "" : href.slice(cut);
  const up = "../".repeat(depth);
  const trimmed = path.replace(/^\/+|\/+$/g, "");
  if (trimmed === "") return `${up}${rest}` || "./";
  const file = path.endsWith("/") || ["index.md", "index.md.ts"].some((page) => existsSync(join(PROJECT_ROOT, "src", trimmed, page))) ? `${trimmed}/` : /\.[a-z0-9]+$/i.test(trimmed) ? trimmed : `${trimmed}.html`;
  return `${up}${file}${rest}`;
}

function relativeLinks(root: Element, depth: number): void {
  for (const link of root.querySelectorAll("a[href]")) link.setAttribute("href", siteHref(link.getAttribute("href") ?? "", depth));
}

export interface RenderedVariant {
  /** The figure (wide and narrow chart, table, source), as HTML, for a module on a host page (title an h3). */
  html: string;
  /** The same for the iframe page, whose own document it is (title the page's h1). */
  frameHtml: string;
  /** The wide chart as a standalone SVG document, if the chart is an SVG. */
  svg: string | null;
}

/** Draws one chart for one region (or the UK) and returns its embed markup. */
export function renderVariant(chart: EmbedChart, tables: Tables, regions: readonly EmbedRegion[], region: EmbedRegion | null, illustrative: boolean): RenderedVariant {
  const doc = createDocument();
  const draw = (width: number): HTMLElement => chart.render({ tables, regions, region, width, document: doc });
  const figure = draw(WIDE);
  figure.querySelector(".lero-chart-downloads")?.remove();
  const body = figure.querySelector(".lero-chart-body");
  let svg: string | null = null;
  if (body) {
    const narrowFigure = draw(NARROW);
    const narrowBody = narrowFigure.querySelector(".lero-chart-body");
    const wide = doc.createElement("div");
    wide.className = "lero-embed-wide";
    wide.append(...body.childNodes);
    const narrow = doc.createElement("div");
    narrow.className = "lero-embed-narrow";
    if (narrowBody) narrow.append(...narrowBody.childNodes);
    prefixIds(narrow, "n-");
    body.append(wide, narrow);
    const image = wide.querySelector("svg");
    if (image) {
      const copy = image.cloneNode(true) as SVGSVGElement;
      copy.setAttribute("xmlns", "http://www.w3.org/2000/svg");
      relativeLinks(copy, 2);
      copy.setAttribute("style", "background:white;color:#1b1e23;font-family:system-ui,sans-serif");
      svg = new doc.defaultView!.XMLSerializer().serializeToString(copy);
    }
  }
  for (const link of figure.querySelectorAll("a")) link.setAttribute("target", "_top");
  relativeLinks(figure, 1);
  // Inside a chart that is one image (role="img"), Plot's labelled groups are presentational: their
  // aria-labels are not allowed on a plain group and say nothing more than the description.
  for (const group of figure.querySelectorAll('[role="img"] g[aria-label]')) group.removeAttribute("aria-label");
  // The tile links' visible text ("North East 71%") is their name; the table and notes say the rest.
  for (const tile of figure.querySelectorAll("a.lero-tile[aria-label]")) tile.removeAttribute("aria-label");
  const footer = doc.createElement("p");
  footer.className = "lero-embed-footer";
  const link = doc.createElement("a");
  link.href = siteHref(chart.page.path, 1);
  link.target = "_top";
  link.textContent = `More on ${chart.page.name.toLowerCase()} at LERO Evidence`;
  footer.append(link);
  if (illustrative) footer.append(" · Illustrative data: built from generated sample data, not real people or organisations.");
  recolourable(figure, chart.mainColour);
  const html = figure.outerHTML + footer.outerHTML;
  for (const heading of figure.querySelectorAll("h2.lero-chart-title, h3.lero-chart-title, h4.lero-chart-title, h3.lero-headline-heading")) {
    const h1 = doc.createElement("h1");
    for (const attribute of [...heading.attributes]) h1.setAttribute(attribute.name, attribute.value);
    h1.append(...heading.childNodes);
    heading.replaceWith(h1);
  }
  return { html, frameHtml: figure.outerHTML + footer.outerHTML, svg };
}

/**
 * Lets a host recolour the chart's main series: every `var(<main>, <fallback>)` in a fill, stroke or
 * style becomes `var(--lero-main, var(<main>, <fallback>))`, so the `colour` option (which sets
 * --lero-main) wins where given and nothing changes where not. The downloadable SVG keeps the site's
 * colours.
 */
function recolourable(figure: Element, main: string | undefined): void {
  if (main === undefined) return;
  const pattern = new RegExp(`var\\(${main}(, [^()]*)?\\)`, "g");
  const swap = (value: string): string => value.replace(pattern, (found) => `var(--lero-main, ${found})`);
  for (const element of [figure, ...figure.querySelectorAll("*")]) {
    for (const name of ["fill", "stroke", "style"]) {
      const value = element.getAttribute(name);
      if (value?.includes(main)) element.setAttribute(name, swap(value));
    }
  }
}

/** JSON safe inside `<script type="application/json">`. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, "\\u003c").replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029");
}

async function bundle(entry: string, format: "iife" | "esm"): Promise<string> {
  const result = await esbuild.build({
    entryPoints: [join(EMBED_SRC, entry)],
    bundle: true,
    minify: true,
    format,
    target: "es2020",
    write: false,
    legalComments: "none",
    logLevel: "silent",
  });
  return result.outputFiles[0]!.text.trim();
}

export interface EmbedScripts {
  frame: string;
  module: string;
  resize: string;
  css: string;
}

export async function embedScripts(): Promise<EmbedScripts> {
  const [frame, module, resize, css] = await Promise.all([
    bundle("frame.ts", "iife"),
    bundle("module.ts", "esm"),
    bundle("resize.ts", "iife"),
    readFile(join(EMBED_SRC, "embed-chart.css"), "utf8"),
  ]);
  return { frame, module, resize, css: minifyCss(css) };
}

function minifyCss(css: string): string {
  return css
    .replace(/\/\*[\s\S]*?\*\//g, "")
    .replace(/\s+/g, " ")
    .replace(/\s*([{};:,>])\s*/g, "$1")
    .replace(/;}/g, "}")
    .trim();
}

export interface EmbedBuild {
  chart: EmbedChart;
  variants: Record<string, RenderedVariant>;
  page: string;
  module: string;
}

/** Renders one chart's iframe page and module (as text). */
export function buildChart(chart: EmbedChart, tables: Tables, regions: readonly EmbedRegion[], scripts: EmbedScripts, illustrative: boolean): EmbedBuild {
  for (const id of chart.aggregates) if (!tables[id]) throw new Error(`Embed "${chart.id}" needs the aggregate "${id}", which was not published.`);
  const slugs = allowedRegions(chart, regions);
  const variants: Record<string, RenderedVariant> = { [UK]: renderVariant(chart, tables, regions, null, illustrative) };
  for (const slug of slugs) variants[slug] = renderVariant(chart, tables, regions, regions.find((r) => r.slug === slug) ?? null, illustrative);
  const names = regions.map((r) => [r.name, r.name_cy] as const);
  const config = { id: chart.id, regions: slugs, names };
  const templates = slugs.map((slug) => `<template data-region="${slug}">${variants[slug]!.frameHtml}</template>`).join("\n");
  const page = `<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(chart.title)} · LERO Evidence</title>
<link rel="icon" href="data:,">
<style>html,body{margin:0;padding:0;background:transparent}${scripts.css}</style>
</head>
<body>
<main class="lero-embed" id="lero-embed" data-chart="${chart.id}">
<div data-variant="${UK}">${variants[UK]!.frameHtml}</div>
</main>
${templates}
<script type="application/json" id="lero-embed-config">${scriptJson(config)}</script>
<script>${scripts.frame}</script>
</body>
</html>
`;
  const moduleConfig = { ...config, css: scripts.css, variants: Object.fromEntries(Object.entries(variants).map(([k, v]) => [k, v.html])) };
  const module = scripts.module.split("__LERO_EMBED__").join(JSON.stringify(moduleConfig));
  return { chart, variants, page, module };
}

export async function renderEmbeds(options: { dist: string; published: string }): Promise<void> {
  const out = join(options.dist, "embed");
  await mkdir(join(out, "svg"), { recursive: true });
  const tables = await loadTables(options.published);
  const regions = embedRegions();
  const scripts = await embedScripts();
  const { illustrative } = await releaseMarker(options.published);
  // A chart whose tables are not published (its data is not yet collected) is not rendered.
  for (const chart of availableCharts((id) => tables[id] !== undefined)) {
    const built = buildChart(chart, tables, regions, scripts, illustrative);
    await writeFile(join(out, `${chart.id}.html`), built.page);
    await writeFile(join(out, `${chart.id}.js`), built.module);
    for (const [slug, variant] of Object.entries(built.variants)) {
      if (variant.svg) await writeFile(join(out, "svg", `${chart.id}--${slug}.svg`), variant.svg);
    }
  }
  await writeFile(join(out, "resize.js"), `${scripts.resize}\n`);
}
