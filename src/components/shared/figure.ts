/**
 * The frame every chart on the site sits in, following UK statistics practice: a headline title that
 * says what the chart shows, a subtitle with the measure and base, the chart with a text description
 * for screen readers, the data as a table one click away, a source line with notes on suppressed
 * values, and downloads of the data (CSV) and the image (SVG, PNG).
 *
 * Pure DOM: it runs in the browser, in Node under jsdom (snapshot tests, build-time SVG for embeds),
 * and never touches `FileAttachment`. All text is set with `textContent`, never parsed as HTML, so
 * labels written by the public show literally.
 */
import { csvLine } from "../../lib/csv-safe.js";
import type { ChartFigureOptions } from "./chart.js";

export type CellValue = string | number | boolean | null | undefined;

export interface TableColumn {
  /** The key of the value in each row. */
  key: string;
  /** The column heading. */
  label: string;
  /** Formats a value for the table and the CSV (numbers are formatted en-GB by default). */
  format?: (value: CellValue) => string;
  /**
   * The registry measure a cell of this column shows, if any (`src/lib/measures.ts`): the cell is marked
   * with `data-measure` and `data-key` for the build's measure gate.
   */
  measure?: (row: Record<string, CellValue>) => { measure: string; key: string } | undefined;
  /** Right-align numbers. */
  numeric?: boolean;
}

/** The frame's options: those every chart figure takes (`ChartFigureOptions`), with the chart and its data. */
export interface FigureOptions extends Omit<ChartFigureOptions, "width" | "title"> {
  /** The headline: what the chart shows ("Stigma is most often met at GP surgeries"). */
  title: string;
  /** The chart itself (an SVG or an element containing one). */
  chart: Element;
  /** A sentence or two saying what the chart shows, for screen readers and as the chart's alt text. */
  description: string;
  /** The data behind the chart, as shown in the table and the CSV download. */
  columns: TableColumn[];
  rows: Record<string, CellValue>[];
}

const SUPPRESSED = /^\[(c|x|z|low)\]$/;

export function formatCell(value: CellValue): string {
  if (value === null || value === undefined) return "[x]";
  if (typeof value === "number") return Number.isInteger(value) ? value.toLocaleString("en-GB") : value.toLocaleString("en-GB", { maximumFractionDigits: 1 });
  if (typeof value === "boolean") return value ? "Yes" : "No";
  return value;
}

/** The table's data as CSV text (header row, CRLF line ends, spreadsheet-safe). */
export function toCsv(columns: readonly TableColumn[], rows: readonly Record<string, CellValue>[]): string {
  const raw = (column: TableColumn, value: CellValue): string =>
    column.format ? column.format(value) : value === null || value === undefined ? "" : typeof value === "number" ? String(value) : String(value);
  return [columns.map((c) => c.label), ...rows.map((row) => columns.map((c) => raw(c, row[c.key])))].map((cells) => csvLine(cells)).join("");
}

function element<K extends keyof HTMLElementTagNameMap>(doc: Document, tag: K, attributes: Record<string, string> = {}, text?: string): HTMLElementTagNameMap[K] {
  const node = doc.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  if (text !== undefined) node.textContent = text;
  return node;
}

export function dataTable(doc: Document, columns: readonly TableColumn[], rows: readonly Record<string, CellValue>[], caption: string): HTMLTableElement {
  const table = element(doc, "table", { class: "lero-table" });
  table.append(element(doc, "caption", {}, caption));
  const head = element(doc, "thead");
  const headRow = element(doc, "tr");
  for (const column of columns) headRow.append(element(doc, "th", { scope: "col", ...(column.numeric ? { class: "num" } : {}) }, column.label));
  head.append(headRow);
  const body = element(doc, "tbody");
  for (const row of rows) {
    const tr = element(doc, "tr");
    columns.forEach((column, i) => {
      const value = row[column.key];
      const text = column.format ? column.format(value) : formatCell(value);
      const cell = element(doc, i === 0 ? "th" : "td", i === 0 ? { scope: "row" } : {}, text);
      if (column.numeric) cell.classList.add("num");
      const shown = column.measure?.(row);
      if (shown) {
        cell.setAttribute("data-measure", shown.measure);
        cell.setAttribute("data-key", shown.key);
      }
      if (SUPPRESSED.test(text)) cell.classList.add("lero-symbol");
      tr.append(cell);
    });
    body.append(tr);
  }
  table.append(head, body);
  return table;
}

function hasSuppressed(columns: readonly TableColumn[], rows: readonly Record<string, CellValue>[]): boolean {
  return rows.some((row) => columns.some((c) => SUPPRESSED.test(String(row[c.key] ?? ""))));
}

/** Starts a download of `content` as `filename` (browser only). */
export function download(doc: Document, filename: string, content: Blob): void {
  const url = URL.createObjectURL(content);
  const link = element(doc, "a", { href: url, download: filename });
  doc.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

function svgOf(chart: Element): SVGSVGElement | null {
  return chart instanceof chart.ownerDocument.defaultView!.SVGSVGElement ? (chart as SVGSVGElement) : chart.querySelector("svg");
}

/** The chart as standalone SVG text, with computed colours inlined so it renders outside the page. */
export function serializeSvg(svg: SVGSVGElement): string {
  const copy = svg.cloneNode(true) as SVGSVGElement;
  copy.setAttribute("xmlns", "http://www.w3.org/2000/svg");
  const style = svg.ownerDocument.defaultView?.getComputedStyle(svg);
  if (style) {
    copy.setAttribute("style", `background:${style.backgroundColor || "white"};color:${style.color};font-family:${style.fontFamily}`);
  }
  return new XMLSerializer().serializeToString(copy);
}

/** The chart as a PNG at twice its size on white, drawn through a canvas (browser only). */
export async function svgToPng(doc: Document, svgText: string, width: number, height: number): Promise<Blob> {
  const scale = 2;
  const url = URL.createObjectURL(new Blob([svgText], { type: "image/svg+xml" }));
  try {
    const image = new Image();
    await new Promise<void>((resolve, reject) => {
      image.onload = () => resolve();
      image.onerror = () => reject(new Error("The chart could not be drawn as an image."));
      image.src = url;
    });
    const canvas = doc.createElement("canvas");
    canvas.width = width * scale;
    canvas.height = height * scale;
    const context = canvas.getContext("2d");
    if (!context) throw new Error("This browser cannot draw a PNG.");
    context.fillStyle = "white";
    context.fillRect(0, 0, canvas.width, canvas.height);
    context.drawImage(image, 0, 0, canvas.width, canvas.height);
    return await new Promise<Blob>((resolve, reject) => canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error("PNG export failed."))), "image/png"));
  } finally {
    URL.revokeObjectURL(url);
  }
}

/** The narrowest a chart is drawn. */
export const MIN_CHART_WIDTH = 240;

/**
 * The width to draw a chart at: the given width, or `fallback` when none is given, never below
 * MIN_CHART_WIDTH. A page can report a width of 0 while its layout settles (a hidden or not yet
 * measured container); drawing at 0 would make negative label widths, which Plot refuses.
 */
export function chartWidth(width: number | undefined, fallback = 640): number {
  return Math.max(MIN_CHART_WIDTH, Number.isFinite(width) ? (width as number) : fallback);
}

/**
 * Inside a chart that is one image, Plot's labelled groups are presentational: an `aria-label` on a
 * plain `<g>` is not allowed (axe: aria-prohibited-attr) and adds nothing to the description. Plot also
 * writes `font-variant` as an SVG attribute, which is only valid as CSS; it moves into `style`.
 */
export function presentational(chart: Element): void {
  const groups = chart.matches("g[aria-label]") ? [chart] : [];
  for (const group of [...groups, ...chart.querySelectorAll("g[aria-label]")]) group.removeAttribute("aria-label");
  for (const element of [chart, ...chart.querySelectorAll("[font-variant]")]) {
    const variant = element.getAttribute("font-variant");
    if (variant === null) continue;
    element.removeAttribute("font-variant");
    element.setAttribute("style", `${element.getAttribute("style") ?? ""}${element.getAttribute("style") ? ";" : ""}font-variant-numeric:${variant}`);
  }
}

/** Builds the figure. Download buttons work in a browser; in Node they are rendered but inert. */
export function figure(options: FigureOptions): HTMLElement {
  const doc = options.document ?? document;
  const { id, title, subtitle, chart, description, source, columns, rows } = options;
  const root = element(doc, "figure", { class: "lero-figure-chart", id, "aria-labelledby": `${id}-title` });
  const heading = element(doc, `h${options.headingLevel ?? 3}` as "h3", { id: `${id}-title`, class: "lero-chart-title" }, title);
  root.append(heading);
  if (subtitle) root.append(element(doc, "p", { class: "lero-chart-subtitle" }, subtitle));

  // The chart is one image to assistive technology: named by the title, described in words.
  const body = element(doc, "div", { class: "lero-chart-body", role: "img", "aria-labelledby": `${id}-title`, "aria-describedby": `${id}-description` });
  body.append(chart);
  presentational(chart);
  root.append(body);
  root.append(element(doc, "p", { class: "lero-chart-description lero-visually-hidden", id: `${id}-description` }, description));

  const details = element(doc, "details", { class: "lero-chart-table" });
  details.append(element(doc, "summary", {}, "Show the data as a table"));
  details.append(dataTable(doc, columns, rows, title));
  root.append(details);

  const caption = element(doc, "figcaption", { class: "lero-source" });
  caption.append(element(doc, "span", {}, `Source: ${source}`));
  const notes = [...(options.notes ?? [])];
  if (hasSuppressed(columns, rows)) notes.push("[c] = hidden to protect confidentiality (a small number of people or organisations, or a figure that would reveal one).");
  for (const note of notes) caption.append(doc.createElement("br"), element(doc, "span", {}, note));

  // The CSV travels with the buttons, so a figure drawn at build time can offer it (`enhance.ts`).
  const actions = element(doc, "div", { class: "lero-chart-downloads", role: "group", "aria-label": `Download “${title}”`, "data-csv": toCsv(columns, rows) });
  const csvButton = element(doc, "button", { type: "button" }, "Data (CSV)");
  const svgButton = element(doc, "button", { type: "button" }, "Image (SVG)");
  const pngButton = element(doc, "button", { type: "button" }, "Image (PNG)");
  csvButton.addEventListener("click", () => download(doc, `${id}.csv`, new Blob([toCsv(columns, rows)], { type: "text/csv;charset=utf-8" })));
  svgButton.addEventListener("click", () => {
    const svg = svgOf(chart);
    if (svg) download(doc, `${id}.svg`, new Blob([serializeSvg(svg)], { type: "image/svg+xml" }));
  });
  pngButton.addEventListener("click", async () => {
    const svg = svgOf(chart);
    if (!svg) return;
    const box = svg.getBoundingClientRect();
    download(doc, `${id}.png`, await svgToPng(doc, serializeSvg(svg), Math.ceil(box.width) || 640, Math.ceil(box.height) || 400));
  });
  actions.append(csvButton, svgButton, pngButton);
  // A figcaption must be the figure's first or last child (HTML's content model): the buttons come
  // before the source line, which closes the figure.
  root.append(actions, caption);
  return root;
}
