/**
 * Horizontal bars by category: the workhorse chart of the site (counts or percentages of people or
 * organisations by answer, setting, region…). Suppressed values are not drawn as bars: the category
 * keeps its row and shows its symbol (`[c]`) as text, so a reader sees that a value exists but is hidden.
 * A bar given a 95% interval has it drawn across its end and given in the table.
 */
import * as Plot from "@observablehq/plot";
import { defined, frameOptions, isNumber, type ChartFigureOptions, type ChartOptions, type Value } from "./chart.js";
import { chartWidth, figure, type TableColumn } from "./figure.js";
import { intervalColumn, intervalMarks, intervalText, withIntervalNote, type Interval } from "./intervals.js";

export type { Value };

export interface BarDatum {
  label: string;
  value: Value;
  /** The registry measure and key the value is (`src/lib/measures.ts`); its table cell is marked with them. */
  measure?: string;
  key?: string;
  /** The value's 95% interval (`shareInterval`, `meanIntervalOf`), drawn and tabled when given. */
  interval?: Interval;
}

export interface BarsOptions extends ChartOptions {
  /** "count" shows whole numbers; "percent" shows 0–100 with a % sign. */
  measure?: "count" | "percent";
  /** The axis label (e.g. "People", "Percentage of LEROs"). */
  axisLabel?: string;
  /** A CSS colour or variable for the bars. */
  fill?: string;
  /** Space on the left for category labels, in pixels (default: fitted to the longest label). */
  marginLeft?: number;
}

export const SUPPRESSED_LABEL = /^\[(c|x|z|low)\]$/;

export function formatValue(value: Value, measure: "count" | "percent" = "count"): string {
  if (!isNumber(value)) return value === null ? "[x]" : String(value);
  return measure === "percent" ? `${value.toLocaleString("en-GB", { maximumFractionDigits: 1 })}%` : value.toLocaleString("en-GB");
}

/** The size of every chart's text, in CSS pixels: never below 12 px (STYLE.md). */
export const CHART_FONT_SIZE = 12;
/** Roughly how wide a character of chart text is, in pixels, for fitting margins. */
const CHAR_WIDTH = CHART_FONT_SIZE * 0.58;

/** Lines a label takes when wrapped to `width` pixels (an estimate, as Plot's own wrapping). */
export function wrappedLines(label: string, width: number): number {
  const perLine = Math.max(4, Math.floor(width / CHAR_WIDTH));
  let lines = 1;
  let used = 0;
  for (const word of label.split(/\s+/)) {
    const length = word.length + (used > 0 ? 1 : 0);
    if (used > 0 && used + length > perLine) {
      lines++;
      used = word.length;
    } else used += length;
  }
  return lines;
}

/**
 * The chart alone (an SVG), sized to `width`. Category labels sit left of their bars and wrap onto a
 * second line rather than being cut ("Job centre or employment service").
 */
export function barsChart(data: readonly BarDatum[], options: BarsOptions = {}): SVGSVGElement | HTMLElement {
  const measure = options.measure ?? "count";
  const width = chartWidth(options.width);
  const longest = Math.max(0, ...data.map((d) => d.label.length));
  const marginLeft = options.marginLeft ?? Math.min(Math.round(width * 0.4), 260, Math.ceil(16 + longest * CHAR_WIDTH));
  const labelWidth = marginLeft - 14;
  const lines = Math.max(1, ...data.map((d) => wrappedLines(d.label, labelWidth)));
  const row = lines > 1 ? 16 + lines * 15 : 30;
  const shown = data.filter((d) => isNumber(d.value));
  const hidden = data.filter((d) => !isNumber(d.value));
  const max = Math.max(measure === "percent" ? 100 : 0, ...shown.map((d) => d.value as number));
  return Plot.plot({
    ...defined({ document: options.document }),
    width,
    height: 48 + data.length * row,
    marginLeft,
    marginRight: 56,
    marginBottom: 44,
    style: { fontSize: `${CHART_FONT_SIZE}px` },
    x: { labelOffset: 38, label: options.axisLabel ?? (measure === "percent" ? "Percentage" : "Count"), domain: [0, max], grid: true, ticks: Math.max(2, Math.floor((width - marginLeft) / 90)), ...(measure === "percent" ? { tickFormat: (d: number) => `${d}%` } : {}) },
    y: { label: null, domain: data.map((d) => d.label), axis: null },
    marks: [
      Plot.barX(shown, { x: "value", y: "label", fill: options.fill ?? "var(--lero-cat-1, #0072b2)" }),
      Plot.text(data, { x: 0, y: "label", text: "label", textAnchor: "end", dx: -8, lineWidth: labelWidth / CHART_FONT_SIZE, fill: "currentColor" }),
      intervalMarks(
        shown.flatMap((d) => (d.interval ? [{ label: d.label, low: d.interval.low, high: d.interval.high }] : [])),
        { y: "label", domain: [0, max] },
      ),
      Plot.text(shown, { x: (d: BarDatum) => Math.min(max, Math.max(d.value as number, d.interval?.high ?? 0)), y: "label", text: (d: BarDatum) => formatValue(d.value, measure), textAnchor: "start", dx: 4, fill: "currentColor" }),
      Plot.text(hidden, { x: 0, y: "label", text: (d: BarDatum) => formatValue(d.value, measure), textAnchor: "start", dx: 4, fill: "var(--lero-suppressed, #767676)", fontStyle: "italic" }),
      Plot.ruleX([0]),
    ],
  });
}

export interface BarsFigureOptions extends BarsOptions, ChartFigureOptions {
  title: string;
  /** The heading of the label column in the table ("Setting", "Activity"). */
  labelHeading: string;
  /** The heading of the value column in the table ("People", "% of LEROs"). */
  valueHeading: string;
  /** Optional sentence; by default the largest and smallest shown values are described. */
  description?: string;
}

/** A sentence describing bars for screen readers: the largest and smallest shown values. */
export function describeBars(data: readonly BarDatum[], measure: "count" | "percent" = "count"): string {
  const shown = data.filter((d) => isNumber(d.value)).sort((a, b) => (b.value as number) - (a.value as number));
  const hidden = data.length - shown.length;
  if (shown.length === 0) return "All values are hidden to protect confidentiality.";
  const first = shown[0]!;
  const last = shown[shown.length - 1]!;
  const parts = [`Highest: ${first.label}, ${formatValue(first.value, measure)}.`];
  if (shown.length > 1) parts.push(`Lowest: ${last.label}, ${formatValue(last.value, measure)}.`);
  if (hidden > 0) parts.push(`${hidden} value${hidden === 1 ? " is" : "s are"} hidden to protect confidentiality.`);
  return parts.join(" ");
}

/** The chart in its figure frame, with the data table, source line and downloads. */
export function barsFigure(data: readonly BarDatum[], options: BarsFigureOptions): HTMLElement {
  return barsFrame(data, barsChart(data, options), options);
}

/** Bars drawn by `chart` in the figure frame: the table of labels and values, the description. */
export function barsFrame(data: readonly BarDatum[], chart: Element, options: BarsFigureOptions): HTMLElement {
  const measure = options.measure ?? "count";
  const columns: TableColumn[] = [
    { key: "label", label: options.labelHeading },
    {
      key: "value",
      label: options.valueHeading,
      numeric: true,
      format: (v) => formatValue(v as Value, measure),
      measure: (row) => (typeof row.measure === "string" && typeof row.key === "string" ? { measure: row.measure, key: row.key } : undefined),
    },
  ];
  const intervals = data.some((d) => d.interval !== undefined);
  if (intervals) columns.push(intervalColumn("interval"));
  return figure({
    ...frameOptions(options),
    title: options.title,
    ...defined({ subtitle: options.subtitle }),
    chart,
    ...(intervals ? { notes: withIntervalNote(options.notes) } : {}),
    description: options.description ?? describeBars(data, measure),
    columns,
    rows: data.map((d) => ({
      label: d.label,
      value: d.value,
      ...(intervals ? { interval: intervalText(d.interval, measure === "percent" ? "percent" : "mean") } : {}),
      ...(d.measure !== undefined && d.key !== undefined ? { measure: d.measure, key: d.key } : {}),
    })),
  });
}
