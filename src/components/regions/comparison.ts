/**
 * One region's figures beside the UK's: for each measure a pair of bars (the region, then the UK),
 * each measure drawn on its own full scale (0–100% for percentages, 0–60 for BARC-10 totals), with
 * the value printed at the end of each bar. Hidden values show [c]. Counts, which cannot be compared
 * with the UK as bars, appear in the table only. Where a figure has a 95% interval it is drawn as a
 * line across the bar's end and given in the table, and the words compare the region with the UK only
 * when the two intervals do not overlap ("similar to" otherwise).
 */
import * as Plot from "@observablehq/plot";
import { chartOptions, defined, frameOptions, isNumber, type ChartFigureOptions, type ChartOptions, type Value } from "../shared/chart.js";
import { chartWidth, figure, type TableColumn } from "../shared/figure.js";
import { CHART_FONT_SIZE } from "../shared/bars.js";
import { compareIntervals, comparisonWords, formatInterval, type Interval } from "../../lib/intervals.js";

export interface ComparisonMeasure {
  /** Short label ("LEROs that evaluate their work"). */
  label: string;
  kind: "count" | "percent" | "mean" | "change";
  region: Value;
  uk: Value;
  /** The base in words for the table ("14 LEROs"). */
  regionBase?: string;
  ukBase?: string;
  /** 95% intervals of the region's and the UK's figures, where they can be had. */
  regionInterval?: Interval;
  ukInterval?: Interval;
  /** The registry measure and the keys of the region's and the UK's figures: their table cells are marked with them. */
  measure?: string;
  regionKey?: string;
  ukKey?: string;
}


export function formatMeasure(value: Value, kind: ComparisonMeasure["kind"]): string {
  if (!isNumber(value)) return value === null ? "[c]" : String(value);
  if (kind === "percent") return `${value.toLocaleString("en-GB", { maximumFractionDigits: 1 })}%`;
  if (kind === "mean") return value.toLocaleString("en-GB", { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  if (kind === "change") return `${value > 0 ? "+" : value < 0 ? "−" : ""}${Math.abs(value).toLocaleString("en-GB", { minimumFractionDigits: 1, maximumFractionDigits: 1 })}`;
  return value.toLocaleString("en-GB");
}

function scaleMax(m: ComparisonMeasure): number {
  if (m.kind === "percent") return 100;
  if (m.kind === "mean") return 60;
  const ends = [m.region, m.uk, m.regionInterval?.high, m.ukInterval?.high].filter(isNumber).map(Math.abs);
  return Math.max(1, ...ends) * 1.25;
}

/** How the region compares with the UK, when both figures have intervals. */
export function regionVersusUk(m: ComparisonMeasure): string | undefined {
  return m.regionInterval && m.ukInterval ? comparisonWords(compareIntervals(m.regionInterval, m.ukInterval)) : undefined;
}

/** An interval for the table, or a dash where none can be had. */
function intervalText(interval: Interval | undefined, kind: ComparisonMeasure["kind"]): string {
  return interval ? formatInterval(interval, kind === "percent" ? "percent" : "mean") : "–";
}

interface Bar {
  measure: string;
  who: string;
  value: Value;
  text: string;
  share: number;
  /** The interval's ends on the bar's scale (0–1), clipped to the drawn range. */
  low?: number;
  high?: number;
  /** Where the value's label starts: after the bar or the interval, whichever ends later. */
  labelAt: number;
}

export function comparisonChart(measures: readonly ComparisonMeasure[], regionName: string, options: ChartOptions = {}): SVGSVGElement | HTMLElement {
  const width = chartWidth(options.width);
  const drawn = measures.filter((m) => m.kind !== "count");
  const bars: Bar[] = drawn.flatMap((m) =>
    ([
      [regionName, m.region, m.regionInterval],
      ["UK", m.uk, m.ukInterval],
    ] as const).map(([who, value, interval]) => {
      const max = scaleMax(m);
      const share = isNumber(value) ? Math.max(0, value) / max : 0;
      const ends = isNumber(value) && interval ? { low: Math.max(0, interval.low) / max, high: Math.min(max, Math.max(0, interval.high)) / max } : {};
      return { measure: m.label, who, value, text: formatMeasure(value, m.kind), share, ...ends, labelAt: Math.max(share, ends.high ?? 0) };
    }),
  );
  const withIntervals = bars.filter((b) => b.low !== undefined && b.high !== undefined);
  const narrow = width < 480;
  return Plot.plot({
    ...defined({ document: options.document }),
    width,
    style: { fontSize: `${CHART_FONT_SIZE}px` },
    height: 30 + drawn.length * (narrow ? 120 : 88),
    marginLeft: narrow ? 70 : 130,
    marginRight: 56,
    marginTop: 24,
    x: { domain: [0, 1], axis: null },
    y: { domain: [regionName, "UK"], label: null, padding: 0.15, tickFormat: (d: string) => (narrow && d.length > 10 ? `${d.slice(0, 9)}…` : d) },
    fy: { domain: drawn.map((m) => m.label), label: null, axis: null, padding: narrow ? 0.6 : 0.4 },
    marks: [
      Plot.text(drawn, { fy: "label", frameAnchor: "top-left", lineAnchor: "bottom", dy: -4, dx: narrow ? -70 : -130, text: "label", lineWidth: narrow ? Math.max(12, Math.floor((width - 16) / 13)) : 60, fontWeight: "bold", fontSize: 12, fill: "currentColor", textAnchor: "start" }),
      Plot.barX(bars.filter((b) => isNumber(b.value)), { x: "share", y: "who", fy: "measure", fill: (b: Bar) => (b.who === "UK" ? "var(--lero-suppressed, #767676)" : "var(--lero-cat-1, #0072b2)") }),
      Plot.ruleY(withIntervals, { x1: "low", x2: "high", y: "who", fy: "measure", stroke: "currentColor", strokeWidth: 1.5 }),
      Plot.tickX(withIntervals, { x: "low", y: "who", fy: "measure", stroke: "currentColor", strokeWidth: 1.5, inset: 6 }),
      Plot.tickX(withIntervals, { x: "high", y: "who", fy: "measure", stroke: "currentColor", strokeWidth: 1.5, inset: 6 }),
      Plot.text(bars, { x: "labelAt", y: "who", fy: "measure", text: "text", dx: 4, textAnchor: "start", fill: (b: Bar) => (isNumber(b.value) ? "currentColor" : "var(--lero-suppressed, #767676)"), fontWeight: "bold", fontSize: 12 }),
      Plot.ruleX([0]),
    ],
  });
}

/** A headline from the first measure both the region and the UK have. */
export function comparisonTitle(measures: readonly ComparisonMeasure[], regionName: string): string {
  const first = measures.find((m) => m.kind !== "count" && isNumber(m.region) && isNumber(m.uk));
  if (!first) return `${regionName}: most figures are hidden to protect confidentiality`;
  const label = /^[A-Z][a-z]/.test(first.label) ? first.label.charAt(0).toLowerCase() + first.label.slice(1) : first.label;
  const words = regionVersusUk(first);
  return words
    ? `${regionName}: ${label}, ${formatMeasure(first.region, first.kind)}, ${words} the UK's ${formatMeasure(first.uk, first.kind)}`
    : `${regionName}: ${label}, ${formatMeasure(first.region, first.kind)} against ${formatMeasure(first.uk, first.kind)} for the UK`;
}

export function describeComparison(measures: readonly ComparisonMeasure[], regionName: string): string {
  return measures
    .map((m) => {
      const words = regionVersusUk(m);
      const range = (interval: Interval | undefined) => (interval ? ` (95% interval ${intervalText(interval, m.kind)})` : "");
      return `${m.label}: ${regionName} ${formatMeasure(m.region, m.kind)}${range(m.regionInterval)}, UK ${formatMeasure(m.uk, m.kind)}${range(m.ukInterval)}${words ? `; ${words} the UK` : ""}.`;
    })
    .join(" ");
}

/** Marks a value cell with the row's measure and the key in `keyColumn`. */
const marked =
  (keyColumn: "regionKey" | "ukKey") =>
  (row: Record<string, unknown>): { measure: string; key: string } | undefined =>
    typeof row.measure === "string" && typeof row[keyColumn] === "string" ? { measure: row.measure, key: row[keyColumn] as string } : undefined;

export function comparisonFigure(
  measures: readonly ComparisonMeasure[],
  options: ChartFigureOptions & { regionName: string; subtitle: string },
): HTMLElement {
  const columns: TableColumn[] = [
    { key: "label", label: "Measure" },
    { key: "region", label: options.regionName, numeric: true, measure: marked("regionKey") },
    { key: "regionInterval", label: `95% interval (${options.regionName})`, numeric: true },
    { key: "regionBase", label: `Base (${options.regionName})`, numeric: true },
    { key: "uk", label: "UK", numeric: true, measure: marked("ukKey") },
    { key: "ukInterval", label: "95% interval (UK)", numeric: true },
    { key: "ukBase", label: "Base (UK)", numeric: true },
    { key: "versus", label: "Against the UK" },
  ];
  return figure({
    ...frameOptions(options),
    title: options.title ?? comparisonTitle(measures, options.regionName),
    subtitle: options.subtitle,
    chart: comparisonChart(measures, options.regionName, chartOptions(options)),
    description: describeComparison(measures, options.regionName),
    columns,
    rows: measures.map((m) => ({
      label: m.label,
      region: formatMeasure(m.region, m.kind),
      regionInterval: intervalText(m.regionInterval, m.kind),
      regionBase: m.regionBase ?? "",
      uk: formatMeasure(m.uk, m.kind),
      ukInterval: intervalText(m.ukInterval, m.kind),
      ukBase: m.ukBase ?? "",
      versus: regionVersusUk(m) ?? "–",
      ...(m.measure !== undefined && m.regionKey !== undefined && m.ukKey !== undefined ? { measure: m.measure, regionKey: m.regionKey, ukKey: m.ukKey } : {}),
    })),
  });
}
