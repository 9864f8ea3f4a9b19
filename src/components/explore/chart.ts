/**
 * One linked chart of the explorer: the measure by one dimension, as bars or dots. Each category is a
 * button (an SVG rect with role "button" and `aria-pressed`) that toggles a filter on its value, by
 * mouse, or by keyboard: Tab reaches the chart, the arrow keys move between categories, Enter or Space
 * toggles. Hidden figures ([c]) keep their row and show their symbol, and can still be chosen.
 *
 * Frame: title, subtitle (measure and base), the chart described in words (`aria-describedby`, the
 * description is given by the caller and changes with the filters), the data as a table, and
 * downloads of the chart as SVG and PNG and of its data as CSV. Not `figure()` from figure.ts: that
 * frame presents the chart as one image (role "img"), which would hide the buttons from assistive
 * technology; its table, SVG and download helpers are reused.
 */
import * as Plot from "@observablehq/plot";
import { dataTable, download, presentational, serializeSvg, svgToPng, type TableColumn } from "../shared/figure.js";
import { formatShown, plainShown, type ExplorePolicy, type Shown } from "./disclosure.js";
import { toSafeCsv } from "./csv.js";
import { formatInterval, type Interval } from "../../lib/intervals.js";
import { CHART_FONT_SIZE, wrappedLines } from "../shared/bars.js";

export interface ChartBar {
  value: string;
  shown: Shown;
  selected: boolean;
  /** The registry measure and key the bar's figure is, where it is one: its table cell is marked. */
  mark?: { measure: string; key: string };
  /** A share's 95% interval (Wilson, on the shown base) or a mean's (Student's t), drawn as a line across the bar's end. */
  interval?: Interval;
}

export interface ExploreChartOptions {
  id: string;
  title: string;
  subtitle: string;
  description: string;
  /** The dimension's name, for the table heading and the buttons' labels. */
  dimensionTitle: string;
  measureLabel: string;
  measureKind: "count" | "mean" | "percent";
  chartType: "bars" | "dots";
  source: string;
  policy: ExplorePolicy;
  width?: number;
  document?: Document;
  /** Called with a category's value when it is clicked or pressed. */
  onToggle?: (value: string) => void;
  /** Which category should have the keyboard focus stop (after a re-render). */
  focusValue?: string | undefined;
}

const ROW = 30;

function el<K extends keyof HTMLElementTagNameMap>(doc: Document, tag: K, attributes: Record<string, string> = {}, text?: string): HTMLElementTagNameMap[K] {
  const node = doc.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  if (text !== undefined) node.textContent = text;
  return node;
}

/** A bar's figure as its label says it: a chosen bar's with a tick. */
function barLabel(bar: ChartBar, kind: ExploreChartOptions["measureKind"]): string {
  return `${bar.selected ? "✓ " : ""}${formatShown(bar.shown, kind)}`;
}

/** A bar's colour: the chosen bars (or every bar, when none is chosen) in the strong colour, the others paler. */
function barFill(bar: ChartBar, anySelected: boolean): string {
  return bar.selected || !anySelected ? "var(--lero-cat-1, #0072b2)" : "var(--lero-cat-5, #56b4e9)";
}

/**
 * Shows which bars are chosen in a drawn chart: the marks' colour and outline, the labels' tick and
 * weight, the buttons' `aria-pressed`. Plot draws each mark's elements in its data's order (the shown
 * bars, then the hidden ones for the labels), so the nth element is the nth bar of its kind.
 */
function paintSelection(svg: SVGSVGElement, bars: readonly ChartBar[], kind: ExploreChartOptions["measureKind"]): void {
  const shown = bars.filter((b) => typeof b.shown === "number");
  const hidden = bars.filter((b) => typeof b.shown !== "number");
  const anySelected = bars.some((b) => b.selected);
  const marks = svg.querySelectorAll(".explore-marks > *");
  shown.forEach((bar, i) => {
    marks[i]?.setAttribute("fill", barFill(bar, anySelected));
    marks[i]?.setAttribute("stroke-width", bar.selected ? "2" : "0");
  });
  for (const [group, list] of [[".explore-labels > text", shown], [".explore-labels-hidden > text", hidden]] as const) {
    const texts = svg.querySelectorAll(group);
    list.forEach((bar, i) => {
      const text = texts[i];
      if (!text) return;
      text.textContent = barLabel(bar, kind);
      if (bar.selected) text.setAttribute("font-weight", "bold");
      else text.removeAttribute("font-weight");
    });
  }
  const hits = svg.querySelectorAll("rect.explore-hit");
  bars.forEach((bar, i) => hits[i]?.setAttribute("aria-pressed", bar.selected ? "true" : "false"));
}

/** The chart alone: an SVG whose categories are buttons. */
export function exploreChartSvg(bars: readonly ChartBar[], options: ExploreChartOptions): SVGSVGElement {
  const doc = options.document ?? document;
  const width = Math.max(260, options.width ?? 400);
  const shown = bars.filter((b) => typeof b.shown === "number");
  const hidden = bars.filter((b) => typeof b.shown !== "number");
  const anySelected = bars.some((b) => b.selected);
  const max = Math.max(options.measureKind === "percent" ? 100 : 0, ...shown.map((b) => Math.max(b.shown as number, b.interval?.high ?? 0)), 1);
  const longest = Math.max(4, ...bars.map((b) => b.value.length));
  // Characters of 12 px text are about 7.5 px wide; a longer category wraps onto more lines, never cut.
  const marginLeft = Math.min(Math.round(width * 0.45), 14 + longest * 7.5);
  const labelWidth = marginLeft - 14;
  const lines = Math.max(1, ...bars.map((b) => wrappedLines(b.value, labelWidth)));
  const row = lines > 1 ? 16 + lines * 15 : ROW;
  const marginRight = 64;
  const label = (b: ChartBar) => barLabel(b, options.measureKind);
  const fill = (b: ChartBar) => barFill(b, anySelected);
  const y = { label: null, domain: bars.map((b) => b.value), padding: 0.2 };
  const marks =
    options.chartType === "dots"
      ? [
          Plot.ruleY(shown, { x1: 0, x2: (b: ChartBar) => b.shown, y: "value", stroke: "currentColor", strokeOpacity: 0.3 }),
          Plot.dot(shown, { x: (b: ChartBar) => b.shown, y: "value", r: 6, fill, stroke: "currentColor", strokeWidth: (b: ChartBar) => (b.selected ? 2 : 0), className: "explore-marks" }),
        ]
      : [Plot.barX(shown, { x: (b: ChartBar) => b.shown, y: "value", fill, stroke: "currentColor", strokeWidth: (b: ChartBar) => (b.selected ? 2 : 0), className: "explore-marks" })];
  // 95% intervals: a line from low to high with end ticks, across each bar (or dot).
  const withIntervals = shown.filter((b) => b.interval);
  const intervalMarks = withIntervals.length
    ? [
        Plot.ruleY(withIntervals, { x1: (b: ChartBar) => b.interval!.low, x2: (b: ChartBar) => b.interval!.high, y: "value", stroke: "currentColor", strokeWidth: 1.5, className: "explore-interval" }),
        Plot.tickX(withIntervals, { x: (b: ChartBar) => b.interval!.low, y: "value", stroke: "currentColor", strokeWidth: 1.5, inset: 8 }),
        Plot.tickX(withIntervals, { x: (b: ChartBar) => b.interval!.high, y: "value", stroke: "currentColor", strokeWidth: 1.5, inset: 8 }),
      ]
    : [];
  const labelX = (b: ChartBar) => (b.interval ? b.interval.high : (b.shown as number));
  const svg = Plot.plot({
    ...(options.document ? { document: options.document } : {}),
    width,
    height: 34 + bars.length * row,
    marginLeft,
    marginRight,
    style: { overflow: "visible", fontSize: `${CHART_FONT_SIZE}px` },
    x: { label: options.measureLabel, domain: [0, max], grid: true, ...(options.measureKind === "percent" ? { tickFormat: (d: number) => `${d}%` } : {}), ticks: Math.max(2, Math.floor((width - marginLeft) / 80)) },
    y,
    marks: [
      Plot.axisY({ label: null, lineWidth: labelWidth / CHART_FONT_SIZE }),
      ...marks,
      ...intervalMarks,
      // The figures' labels, one text per bar in the bars' order (a chosen bar's in bold: see `paintSelection`).
      Plot.text(shown, { x: labelX, y: "value", text: label, textAnchor: "start", dx: 8, fill: "currentColor", className: "explore-labels" }),
      Plot.text(hidden, { x: 0, y: "value", text: label, textAnchor: "start", dx: 6, fill: "var(--lero-suppressed, #6b6b6b)", fontStyle: "italic", className: "explore-labels-hidden" }),
      Plot.ruleX([0]),
    ],
  }) as SVGSVGElement & { scale(name: "y"): { apply(v: string): number; bandwidth?: number; step?: number } };

  paintSelection(svg, bars, options.measureKind);
  if (!options.onToggle) {
    // A picture only (the SQL console's quick chart): no buttons.
    svg.setAttribute("role", "img");
    svg.setAttribute("aria-labelledby", `${options.id}-title`);
    svg.setAttribute("aria-describedby", `${options.id}-description`);
    presentational(svg);
    return svg;
  }
  presentational(svg);
  // The buttons: one transparent row per category, on top of the marks.
  const scale = svg.scale("y");
  const band = scale.bandwidth ?? row * 0.8;
  const step = scale.step ?? row;
  const ns = "http://www.w3.org/2000/svg";
  const group = doc.createElementNS(ns, "g");
  group.setAttribute("class", "explore-hits");
  const focusValue = options.focusValue !== undefined && bars.some((b) => b.value === options.focusValue) ? options.focusValue : bars[0]?.value;
  const hits: SVGRectElement[] = [];
  bars.forEach((bar, i) => {
    const rect = doc.createElementNS(ns, "rect");
    rect.setAttribute("x", "0");
    rect.setAttribute("y", String(scale.apply(bar.value) - (step - band) / 2));
    rect.setAttribute("width", String(width));
    rect.setAttribute("height", String(step));
    rect.setAttribute("class", "explore-hit");
    rect.setAttribute("role", "button");
    rect.setAttribute("aria-pressed", bar.selected ? "true" : "false");
    rect.setAttribute("aria-label", `${bar.value}: ${formatShown(bar.shown, options.measureKind)}`);
    rect.setAttribute("tabindex", bar.value === focusValue ? "0" : "-1");
    rect.setAttribute("data-value", bar.value);
    rect.setAttribute("data-index", String(i));
    const title = doc.createElementNS(ns, "title");
    // The tooltip says exactly the button's name (WCAG 2.5.3); aria-pressed tells whether it filters.
    title.textContent = `${bar.value}: ${formatShown(bar.shown, options.measureKind)}`;
    rect.append(title);
    hits.push(rect);
    group.append(rect);
  });
  const toggle = options.onToggle;
  if (toggle) {
    group.addEventListener("click", (event) => {
      const target = (event.target as Element).closest?.("rect.explore-hit");
      const value = target?.getAttribute("data-value");
      if (value === null || value === undefined) return;
      // The keyboard stop moves to the clicked bar now, before the view changes: changed on a focused
      // element after the page has changed, it would make the browser work out the layout at once.
      for (const hit of hits) if (hit.getAttribute("tabindex") !== (hit === target ? "0" : "-1")) hit.setAttribute("tabindex", hit === target ? "0" : "-1");
      toggle(value);
    });
    group.addEventListener("keydown", (event) => {
      const target = (event.target as Element).closest?.("rect.explore-hit");
      if (!target) return;
      const index = Number(target.getAttribute("data-index"));
      const move = (to: number) => {
        const next = hits[(to + hits.length) % hits.length];
        if (!next) return;
        for (const hit of hits) hit.setAttribute("tabindex", "-1");
        next.setAttribute("tabindex", "0");
        next.focus();
      };
      if (event.key === "ArrowDown" || event.key === "ArrowRight") move(index + 1);
      else if (event.key === "ArrowUp" || event.key === "ArrowLeft") move(index - 1);
      else if (event.key === "Home") move(0);
      else if (event.key === "End") move(hits.length - 1);
      else if (event.key === "Enter" || event.key === " ") toggle(target.getAttribute("data-value") ?? "");
      else return;
      event.preventDefault();
    });
  }
  svg.append(group);
  svg.setAttribute("role", "group");
  svg.setAttribute("aria-labelledby", `${options.id}-title`);
  svg.setAttribute("aria-describedby", `${options.id}-description`);
  svg.removeAttribute("aria-label");
  return svg;
}

/** What a drawn chart can change in place: the texts around it and which bars are chosen. */
export type ChartTexts = Pick<ExploreChartOptions, "title" | "subtitle" | "description">;

/** Each drawn chart's way to show a new choice of bars in place (see `updateChartSelection`). */
const selectionUpdaters = new WeakMap<Element, (bars: readonly ChartBar[], texts: ChartTexts) => void>();

/**
 * Shows a new choice of bars (and the texts that say it) in a chart already drawn, without drawing it
 * again: its figures must be the same, only which bars are chosen may differ (a filter on the chart's
 * own dimension leaves its figures as they were). The elements stay, so the keyboard focus stays.
 * Returns false when the chart was not drawn by `exploreChart`.
 */
export function updateChartSelection(figure: Element, bars: readonly ChartBar[], texts: ChartTexts): boolean {
  const update = selectionUpdaters.get(figure);
  if (!update) return false;
  update(bars, texts);
  return true;
}

/** The chart in its frame. */
export function exploreChart(barsIn: readonly ChartBar[], options: ExploreChartOptions): HTMLElement {
  const doc = options.document ?? document;
  const { id } = options;
  // The bars as last shown (the table, the CSV download and a selection update read them).
  let bars = barsIn;
  const root = el(doc, "figure", { class: "lero-figure-chart explore-chart", id, "data-dimension": options.dimensionTitle });
  const heading = el(doc, "h3", { id: `${id}-title`, class: "lero-chart-title" }, options.title);
  root.append(heading);
  // The chart straight after its title; what it counts and among whom under it.
  const svg = exploreChartSvg(bars, options);
  const body = el(doc, "div", { class: "explore-chart-body" });
  body.append(svg);
  root.append(body);
  const subtitle = el(doc, "p", { class: "lero-chart-subtitle" }, options.subtitle);
  const description = el(doc, "p", { class: "explore-chart-description lero-visually-hidden", id: `${id}-description` }, options.description);
  root.append(subtitle, description);

  const withIntervals = bars.some((b) => b.interval);
  const columns: TableColumn[] = [
    { key: "value", label: options.dimensionTitle },
    { key: "shown", label: options.measureLabel, numeric: true, format: (v) => formatShown(v as Shown, options.measureKind), measure: (row) => marks.get(String(row.value)) },
    ...(withIntervals ? [{ key: "interval", label: "95% interval", format: (v: unknown) => String(v ?? "") }] : []),
    { key: "selected", label: "Filtered on", format: (v) => (v ? "Yes" : "") },
  ];
  const unit = options.measureKind === "percent" ? "percent" : "mean";
  const tableOf = (title: string) => dataTable(doc, columns, bars.map((b) => ({ value: b.value, shown: b.shown, interval: b.interval ? formatInterval(b.interval, unit) : "", selected: b.selected })), title);
  const marks = new Map(bars.flatMap((b) => (b.mark ? [[b.value, b.mark] as const] : [])));
  const details = el(doc, "details", { class: "lero-chart-table" });
  details.append(el(doc, "summary", {}, "Show the data as a table"));
  let table = tableOf(options.title);
  details.append(table);
  root.append(details);
  const caption = el(doc, "figcaption", { class: "lero-source" });
  caption.append(el(doc, "span", {}, `Source: ${options.source}`));
  if (withIntervals) {
    const method = options.measureKind === "percent" ? "Wilson, on the rounded base" : "Student's t, each assessment counted as one observation";
    caption.append(doc.createElement("br"), el(doc, "span", { class: "explore-interval-note" }, `The line across each bar is its 95% interval (${method}). Where two lines overlap, the two figures are similar: the data cannot tell them apart.`));
  }
  if (bars.some((b) => typeof b.shown !== "number")) {
    caption.append(doc.createElement("br"), el(doc, "span", {}, "[c] = hidden to protect confidentiality (too few people or organisations). [x] = not available."));
  }

  const actions = el(doc, "div", { class: "lero-chart-downloads", role: "group", "aria-label": `Download “${options.title}”` });
  const csvButton = el(doc, "button", { type: "button" }, "Data (CSV)");
  const svgButton = el(doc, "button", { type: "button" }, "Image (SVG)");
  const pngButton = el(doc, "button", { type: "button" }, "Image (PNG)");
  csvButton.addEventListener("click", () => {
    // A share's 95% interval goes with it (empty where the share is hidden).
    const intervals = bars.some((b) => b.interval);
    const bound = (b: ChartBar, end: "low" | "high") => (b.interval ? b.interval[end].toFixed(1) : "");
    const csvRows = bars.map((b) => [b.value, plainShown(b.shown, options.measureKind), ...(intervals ? [bound(b, "low"), bound(b, "high")] : []), b.selected ? "Yes" : ""]);
    const header = [options.dimensionTitle, options.measureLabel, ...(intervals ? ["95% interval, low", "95% interval, high"] : []), "Filtered on"];
    download(doc, `${id}.csv`, new Blob([toSafeCsv(header, csvRows, options.policy)], { type: "text/csv;charset=utf-8" }));
  });
  svgButton.addEventListener("click", () => download(doc, `${id}.svg`, new Blob([standaloneSvg(svg)], { type: "image/svg+xml" })));
  pngButton.addEventListener("click", async () => {
    const box = svg.getBoundingClientRect();
    download(doc, `${id}.png`, await svgToPng(doc, standaloneSvg(svg), Math.ceil(box.width) || 640, Math.ceil(box.height) || 300));
  });
  actions.append(csvButton, svgButton, pngButton);
  // A figcaption must be the figure's first or last child, so the source line closes the figure.
  root.append(actions, caption);

  selectionUpdaters.set(root, (next, texts) => {
    if (next.length !== bars.length || next.some((b, i) => b.value !== bars[i]!.value || b.shown !== bars[i]!.shown)) {
      throw new Error(`The chart ${id} was asked to show a choice of bars whose figures differ from those drawn: draw it again instead.`);
    }
    bars = next;
    paintSelection(svg, bars, options.measureKind);
    if (heading.textContent !== texts.title) heading.textContent = texts.title;
    if (subtitle.textContent !== texts.subtitle) subtitle.textContent = texts.subtitle;
    if (description.textContent !== texts.description) description.textContent = texts.description;
    const fresh = tableOf(texts.title);
    table.replaceWith(fresh);
    table = fresh;
    actions.setAttribute("aria-label", `Download “${texts.title}”`);
  });
  return root;
}

/** The picture without the invisible buttons, with CSS variables resolved so it renders elsewhere. */
export function standaloneSvg(svg: SVGSVGElement): string {
  const copy = svg.cloneNode(true) as SVGSVGElement;
  copy.querySelector("g.explore-hits")?.remove();
  const view = svg.ownerDocument.defaultView;
  if (view) {
    // Fill and stroke use var(--…): resolve them from the live chart so the file keeps its colours.
    const live = [...svg.querySelectorAll("[fill^='var('], [stroke^='var(']")];
    const copies = [...copy.querySelectorAll("[fill^='var('], [stroke^='var(']")];
    live.forEach((node, i) => {
      const style = view.getComputedStyle(node);
      const target = copies[i];
      if (!target) return;
      if (node.getAttribute("fill")?.startsWith("var(")) target.setAttribute("fill", style.fill);
      if (node.getAttribute("stroke")?.startsWith("var(")) target.setAttribute("stroke", style.stroke);
    });
  }
  return serializeSvg(copy);
}
