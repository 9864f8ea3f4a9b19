/**
 * The share of people who met something in each service setting — enacted stigma, or avoiding care
 * because of how they were treated — as horizontal bars, largest first, with a bold headline written
 * from the data for campaign use ("5 in 10 people who used hospital or A&E met stigma there").
 * Hidden shares keep their row and show [c]. Each share's 95% interval (Wilson, from the published
 * share and base) is a line across the bar's end and is in the table; the headline calls a setting
 * highest only when its interval lies above the next one's.
 */
import * as Plot from "@observablehq/plot";
import { CHART_FONT_SIZE, wrappedLines } from "../shared/bars.js";
import { chartOptions, defined, frameOptions, isNumber, type ChartFigureOptions, type ChartOptions, type Value } from "../shared/chart.js";
import { chartWidth, figure, type TableColumn } from "../shared/figure.js";
import { formatCount, percentText } from "../shared/format.js";
import type { BarDatum } from "../shared/bars.js";
import { settingPhrase } from "./settings.js";
import { keyOf } from "../../lib/measures.js";
import { compared, intervalColumn, intervalMarks, intervalText, shareInterval, withIntervalNote, type Interval } from "../shared/intervals.js";

/** A row of `stigma-enacted-by-setting` or `stigma-avoided-by-setting`. */
export interface ShareRow {
  setting: string;
  /** People who answered about the setting (the base). */
  count: Value;
  percent: Value;
  [measure: string]: Value;
}

export type ShareMeasure = "enacted" | "avoided";

const pct = (v: number): string => percentText(v, 0);

/** "5 in 10" for shares of 10% or more (a campaign-friendly figure); the percentage below that. */
export function inTen(percent: number): string {
  return percent >= 10 ? `${Math.round(percent / 10)} in 10` : pct(percent);
}


/** A bar with its 95% interval, where it has one. */
export type ShareBar = BarDatum & { interval?: Interval };

/** Percentage bars, one per setting, each with its interval; on narrow screens each setting's name sits above its bar. */
export function shareChart(bars: readonly ShareBar[], options: ChartOptions & { fill: string }): SVGSVGElement | HTMLElement {
  const width = chartWidth(options.width);
  const narrow = width < 480;
  const shown = bars.filter((d) => isNumber(d.value));
  const hidden = bars.filter((d) => !isNumber(d.value));
  const longest = Math.max(0, ...bars.map((d) => d.label.length));
  // On a phone each setting sits above its bar, wrapped (never cut): rows grow with the longest.
  const lines = narrow ? Math.max(1, ...bars.map((d) => wrappedLines(d.label, width - 24))) : 1;
  const row = narrow ? 46 + (lines - 1) * 15 : 30;
  return Plot.plot({
    ...defined({ document: options.document }),
    width,
    style: { fontSize: `${CHART_FONT_SIZE}px` },
    marginBottom: 44,
    height: 14 + 44 + bars.length * row,
    marginLeft: narrow ? 8 : Math.min(250, 16 + longest * 7.2),
    marginRight: 48,
    x: { label: "Percentage of people who used the setting", domain: [0, 100], grid: true, tickFormat: (d: number) => `${d}%` },
    y: { label: null, domain: bars.map((d) => d.label), axis: narrow ? null : "left", padding: narrow ? 1 - 23 / row : 0.2 },
    marks: [
      Plot.barX(shown, { x: "value", y: "label", fill: options.fill }),
      intervalMarks(
        shown.flatMap((d) => (d.interval ? [{ label: d.label, low: d.interval.low, high: d.interval.high }] : [])),
        { y: "label" },
      ),
      Plot.text(shown, { x: (d: ShareBar) => Math.max(d.value as number, d.interval?.high ?? 0), y: "label", dx: 4, textAnchor: "start", text: (d: BarDatum) => pct1(d.value as number), fill: "currentColor" }),
      Plot.text(hidden, { x: 0, y: "label", dx: 4, textAnchor: "start", text: () => "[c]", fill: "var(--lero-suppressed, #767676)", fontStyle: "italic" }),
      ...(narrow ? [Plot.text(bars, { x: 0, y: "label", dy: -14, lineAnchor: "bottom", textAnchor: "start", text: "label", fill: "currentColor", lineWidth: (width - 24) / CHART_FONT_SIZE })] : []),
      Plot.ruleX([0]),
    ],
  });
}

const pct1 = (v: number): string => percentText(v);

export function shareBars(rows: readonly ShareRow[]): ShareBar[] {
  return [...rows]
    .sort((a, b) => (isNumber(b.percent) ? b.percent : -1) - (isNumber(a.percent) ? a.percent : -1))
    .map((r) => {
      const interval = shareInterval(r.percent, r.count);
      return { label: r.setting, value: isNumber(r.percent) ? r.percent : r.percent === null ? "[c]" : r.percent, ...(interval ? { interval } : {}) };
    });
}

export function shareTitle(rows: readonly ShareRow[], measure: ShareMeasure): string {
  const shown = rows.filter((r) => isNumber(r.percent)).sort((a, b) => (b.percent as number) - (a.percent as number));
  const top = shown[0];
  if (!top) return "The figures for this chart are hidden to protect confidentiality";
  const figure = inTen(top.percent as number);
  const where = settingPhrase(top.setting);
  // "More than any other" only when the top interval lies above the next setting's.
  const unique = shown.length > 1 && compared(shareInterval(top.percent, top.count), shareInterval(shown[1]!.percent, shown[1]!.count)) === "higher";
  if (measure === "enacted") {
    return `${figure} people who used ${where} met stigma there${unique ? ", more than in any other setting" : ""}`;
  }
  return `How they were treated led ${figure} people to avoid or put off ${where}${unique ? ", more than any other setting" : ""}`;
}

function baseRange(rows: readonly ShareRow[]): string {
  const counts = rows.map((r) => r.count).filter(isNumber);
  if (counts.length === 0) return "hidden";
  const lo = Math.min(...counts).toLocaleString("en-GB");
  const hi = Math.max(...counts).toLocaleString("en-GB");
  return lo === hi ? `${lo} people per setting` : `${lo} to ${hi} people per setting`;
}

export interface ShareFigureOptions extends ChartFigureOptions {
  measure: ShareMeasure;
  /** The region the rows are for (an embed narrowed to one region); its table cells are keyed with it. */
  region?: string;
}

/** The registry measures the chart shows: its percentage, and the base count of its table. */
const REGISTRY: Record<ShareMeasure, { percent: string; base: string }> = {
  enacted: { percent: "stigma-met-often", base: "stigma-answered" },
  avoided: { percent: "avoided-care", base: "avoided-care-answered" },
};

export function describeShares(rows: readonly ShareRow[], measure: ShareMeasure): string {
  const what = measure === "enacted" ? "met enacted stigma" : "avoided or put off care because of how they were treated";
  const items = shareBars(rows).map((d) => `${d.label}: ${isNumber(d.value) ? pct(d.value) : "hidden"}`);
  return `Percentage of people who used each setting and ${what}. ${items.join("; ")}.`;
}

export function shareFigure(rows: readonly ShareRow[], options: ShareFigureOptions): HTMLElement {
  const measure = options.measure;
  const what = measure === "enacted" ? "who met enacted stigma there" : "who avoided or put off using it because of how they were treated";
  const countKey = `${measure}_count`;
  const bars = shareBars(rows);
  const people = (v: Value): string => formatCount(v);
  const registry = REGISTRY[measure];
  const keyed = (id: string) => (row: Record<string, unknown>) => ({ measure: id, key: keyOf(id, { setting: String(row.setting), region: options.region }) });
  const columns: TableColumn[] = [
    { key: "setting", label: "Setting" },
    { key: "count", label: "People who used it (base)", numeric: true, format: (v) => people(v as Value), measure: keyed(registry.base) },
    { key: countKey, label: measure === "enacted" ? "People who met enacted stigma" : "People who avoided care", numeric: true, format: (v) => people(v as Value) },
    { key: "percent", label: "Percentage", numeric: true, format: (v) => (isNumber(v as Value) ? pct1(v as number) : "[c]"), measure: keyed(registry.percent) },
    intervalColumn("interval"),
  ];
  const ordered = bars.map((b) => rows.find((r) => r.setting === b.label)!);
  return figure({
    ...frameOptions(options),
    title: options.title ?? shareTitle(rows, measure),
    subtitle: options.subtitle ?? `Percentage of people who used each setting ${what}; base: ${baseRange(rows)}`,
    chart: shareChart(bars, {
      fill: measure === "enacted" ? "var(--lero-cat-6, #d55e00)" : "var(--lero-cat-1, #0072b2)",
      ...chartOptions(options),
    }),
    notes: withIntervalNote(options.notes),
    description: describeShares(rows, measure),
    columns,
    rows: ordered.map((r) => ({ setting: r.setting, count: r.count, [countKey]: r[countKey] ?? null, percent: r.percent, interval: intervalText(shareInterval(r.percent, r.count), "percent") })),
  });
}
