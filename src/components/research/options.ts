/**
 * The options of one audit question (evaluation methods, barriers, uses of evidence, kinds of
 * innovation) across all LEROs: the percentage of LEROs choosing each, as horizontal bars in the
 * question's own order. Reads the `Total` rows of a `research-<question>-by-<group>` table.
 */
import * as Plot from "@observablehq/plot";
import { chartOptions, defined, frameOptions, isNumber, TOTAL, type ChartFigureOptions, type ChartOptions } from "../shared/chart.js";
import { formatCount, formatPercent } from "../shared/format.js";
import { chartWidth, figure, type TableColumn } from "../shared/figure.js";
import { fillTemplate, lowerFirst, roundedPercent, type ResearchRow } from "./text.js";
import { intervalMarks, type Interval } from "../shared/intervals.js";

export interface OptionsOptions extends ChartFigureOptions {
  /** The dimension holding the options ("evaluation_methods"). */
  optionDim: string;
  /** The dimension holding the groups ("stage"): only its Total rows are read. */
  groupDim: string;
  /**
   * The headline, filled from the most chosen option: `{Option}` (as written), `{option}`
   * (mid-sentence), `{percent}`; and the second: `{Second}`, `{second}`, `{secondPercent}`.
   */
  titleTemplate: string;
  /** The column heading for the options ("Method"). */
  optionHeading: string;
  /** What the base is, for the subtitle: "all LEROs", "LEROs that answered". */
  baseLabel: string;
  wave?: string;
  /** Sort by percentage, largest first (default: the question's order). */
  sort?: boolean;
}

export function totalsOf(rows: readonly ResearchRow[], groupDim: string): ResearchRow[] {
  return rows.filter((r) => r[groupDim] === TOTAL);
}

export function optionsTitle(rows: readonly ResearchRow[], options: Pick<OptionsOptions, "optionDim" | "groupDim" | "titleTemplate">): string {
  const ranked = totalsOf(rows, options.groupDim)
    .filter((r) => isNumber(r.percent))
    .sort((a, b) => (b.percent as number) - (a.percent as number));
  const [first, second] = ranked;
  if (!first) return "Every figure is hidden to protect confidentiality";
  const label = (r: ResearchRow) => String(r[options.optionDim]);
  return fillTemplate(options.titleTemplate, {
    Option: label(first),
    option: lowerFirst(label(first)),
    percent: roundedPercent(first.percent as number),
    Second: second ? label(second) : "",
    second: second ? lowerFirst(label(second)) : "",
    secondPercent: second ? roundedPercent(second.percent as number) : "",
  });
}

export function describeOptions(rows: readonly ResearchRow[], options: Pick<OptionsOptions, "optionDim" | "groupDim" | "baseLabel">): string {
  const totals = totalsOf(rows, options.groupDim);
  const ranked = totals.filter((r) => isNumber(r.percent)).sort((a, b) => (b.percent as number) - (a.percent as number));
  const hidden = totals.length - ranked.length;
  const list = ranked.map((r) => `${r[options.optionDim]} ${formatPercent(r.percent)}`).join("; ");
  return `Percentage of ${options.baseLabel} choosing each option, largest first: ${list}.${hidden > 0 ? ` ${hidden} option${hidden === 1 ? " is" : "s are"} hidden to protect confidentiality.` : ""}`;
}

export interface Bar {
  label: string;
  percent: number | null;
  text: string;
  /** The share's 95% interval, drawn across the bar's end when given. */
  interval?: Interval;
}

/** Pixels per character of a 12px label, generously: used to guess how many lines a label takes. */
const CHAR_WIDTH = 7;
const FONT_SIZE = 12;

/** Bars with each label above its bar, so long labels fit on a phone. */
export function optionsChart(bars: readonly Bar[], options: ChartOptions): SVGSVGElement | HTMLElement {
  const width = chartWidth(options.width);
  const textWidth = width - 70;
  const longest = Math.max(0, ...bars.map((b) => b.label.length));
  const lines = Math.max(1, Math.ceil((longest * CHAR_WIDTH) / textWidth));
  const band = 20 + lines * 15;
  const shown = bars.filter((b) => b.percent !== null);
  const hidden = bars.filter((b) => b.percent === null);
  return Plot.plot({
    ...defined({ document: options.document }),
    width,
    height: 40 + bars.length * band,
    marginLeft: 14,
    marginRight: 56,
    style: { fontSize: `${FONT_SIZE}px` },
    marginTop: 4,
    x: { domain: [0, 100], label: "Percentage of LEROs", grid: true, tickFormat: (d: number) => `${d}%`, ticks: width < 420 ? 4 : 10 },
    y: { domain: bars.map((b) => b.label), axis: null, paddingInner: 0, paddingOuter: 0 },
    marks: [
      Plot.barX(shown, { x: "percent", y: "label", fill: "var(--lero-cat-1, #0072b2)", insetTop: band - 16, insetBottom: 2 }),
      Plot.text(bars, { x: 0, y: "label", text: "label", textAnchor: "start", lineAnchor: "bottom", dy: band / 2 - 20, lineWidth: textWidth / FONT_SIZE, fill: "currentColor" }),
      intervalMarks(
        shown.flatMap((b) => (b.interval ? [{ label: b.label, low: b.interval.low, high: b.interval.high }] : [])),
        { y: "label", dy: band / 2 - 9 },
      ),
      Plot.text(shown, { x: (b: Bar) => Math.max(b.percent ?? 0, b.interval?.high ?? 0), y: "label", text: "text", textAnchor: "start", dx: 4, dy: band / 2 - 9, fill: "currentColor" }),
      Plot.text(hidden, { x: 0, y: "label", text: "text", textAnchor: "start", dx: 4, dy: band / 2 - 9, fill: "var(--lero-suppressed, #767676)", fontStyle: "italic" }),
      Plot.ruleX([0]),
    ],
  });
}

export function researchOptions(rows: readonly ResearchRow[], options: OptionsOptions): HTMLElement {
  let totals = totalsOf(rows, options.groupDim);
  if (options.sort) totals = [...totals].sort((a, b) => (isNumber(b.percent) ? b.percent : -1) - (isNumber(a.percent) ? a.percent : -1));
  const bars: Bar[] = totals.map((r) => ({
    label: String(r[options.optionDim]),
    percent: isNumber(r.percent) ? r.percent : null,
    text: isNumber(r.percent) ? formatPercent(r.percent) : typeof r.count === "string" ? r.count : "[x]",
  }));
  const base = totals[0]?.base_count ?? null;
  const columns: TableColumn[] = [
    { key: "option", label: options.optionHeading },
    { key: "count", label: "LEROs", numeric: true, format: (v) => formatCount(v as string | number | null) },
    { key: "percent", label: "Percentage", numeric: true, format: (v) => formatPercent(v as string | number | null, "[x]") },
  ];
  return figure({
    ...frameOptions(options),
    title: optionsTitle(rows, options),
    subtitle: `Percentage of ${options.baseLabel}${options.wave ? `, ${options.wave}` : ""}; base: ${formatCount(base)} LEROs; a LERO may choose several`,
    chart: optionsChart(bars, chartOptions(options)),
    description: describeOptions(rows, options),
    columns,
    rows: totals.map((r) => ({ option: String(r[options.optionDim]), count: r.count, percent: r.percent ?? null })),
  });
}
