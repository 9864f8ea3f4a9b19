/**
 * Enacted, anticipated and internalised stigma in each setting: mean scale scores (1–5) as a dot plot,
 * settings ordered by enacted stigma, each with its 95% interval (Student's t, published with the
 * means). The headline compares what people expect with what they met, counting a setting only where
 * the two intervals do not overlap.
 */
import { chartOptions, frameOptions, isNumber, type ChartFigureOptions, type Value } from "../shared/chart.js";
import { figure, type TableColumn } from "../shared/figure.js";
import { formatCount } from "../shared/format.js";
import { dotPlot, type DotDatum } from "./dotplot.js";
import { compared, intervalColumn, intervalText, meanIntervalOf, withIntervalNote } from "../shared/intervals.js";

/** A row of the `stigma-scales-by-setting` aggregate. */
export interface ScalesRow {
  setting: string;
  count: Value;
  mean_enacted: Value;
  mean_anticipated: Value;
  mean_internalised: Value;
  /** 95% intervals of the means, where published (`mean_enacted_low`, …). */
  [interval: `mean_${string}_${"low" | "high"}`]: Value;
}

const SCALES = [
  { key: "mean_enacted", label: "Enacted (met)" },
  { key: "mean_anticipated", label: "Anticipated (expected)" },
  { key: "mean_internalised", label: "Internalised (felt about oneself)" },
] as const;

const score = (v: Value): string => (isNumber(v) ? v.toLocaleString("en-GB", { minimumFractionDigits: 1, maximumFractionDigits: 1 }) : "[c]");
const people = (v: Value): string => formatCount(v);

function ordered(rows: readonly ScalesRow[]): ScalesRow[] {
  return [...rows].sort((a, b) => (isNumber(b.mean_enacted) ? b.mean_enacted : -1) - (isNumber(a.mean_enacted) ? a.mean_enacted : -1));
}

export function scalesTitle(rows: readonly ScalesRow[]): string {
  const both = rows.filter((r) => isNumber(r.mean_enacted) && isNumber(r.mean_anticipated));
  if (both.length === 0) return "The figures for this chart are hidden to protect confidentiality";
  // A setting counts only where the two intervals do not overlap.
  const comparison = (r: ScalesRow) => compared(meanIntervalOf(r, "mean_anticipated"), meanIntervalOf(r, "mean_enacted"));
  const expectMore = both.filter((r) => comparison(r) === "higher").length;
  const meetMore = both.filter((r) => comparison(r) === "lower").length;
  const all = expectMore === both.length;
  if (expectMore * 2 > both.length) {
    return `People expect stigma even more than they meet it: anticipated stigma is higher than enacted in ${all ? (both.length === 2 ? "both" : `all ${both.length}`) : `${expectMore} of ${both.length}`} settings`;
  }
  if (meetMore * 2 > both.length) return `People meet more stigma than they expect in ${meetMore} of ${both.length} settings`;
  return `Anticipated and enacted stigma are similar in most settings: ${both.length - expectMore - meetMore} of ${both.length} settings show no clear difference`;
}

export function describeScales(rows: readonly ScalesRow[]): string {
  const items = ordered(rows).map((r) => `${r.setting}: enacted ${score(r.mean_enacted)}, anticipated ${score(r.mean_anticipated)}, internalised ${score(r.mean_internalised)}`);
  return `Mean scale scores from 1 (low) to 5 (high), by setting. ${items.join("; ")}.`;
}

export type ScalesFigureOptions = ChartFigureOptions;

export function scalesFigure(rows: readonly ScalesRow[], options: ScalesFigureOptions): HTMLElement {
  const sorted = ordered(rows);
  const data: DotDatum[] = sorted.flatMap((r) =>
    SCALES.map((s) => {
      const interval = meanIntervalOf(r, s.key);
      return { row: r.setting, series: s.label, value: r[s.key], ...(interval ? { low: interval.low, high: interval.high } : {}) };
    }),
  );
  const counts = rows.map((r) => r.count).filter(isNumber);
  const base = counts.length ? `${Math.min(...counts).toLocaleString("en-GB")} to ${Math.max(...counts).toLocaleString("en-GB")} people per setting` : "hidden";
  const columns: TableColumn[] = [
    { key: "setting", label: "Setting" },
    { key: "count", label: "People (base)", numeric: true, format: (v) => people(v as Value) },
    ...SCALES.flatMap((s) => [
      { key: s.key, label: `${s.label.replace(/ \(.*\)$/, "")} (mean)`, numeric: true, format: (v: unknown) => score(v as Value) },
      intervalColumn(`${s.key}_interval`, `${s.label.replace(/ \(.*\)$/, "")}: 95% interval`),
    ]),
  ];
  return figure({
    ...frameOptions(options),
    title: options.title ?? scalesTitle(rows),
    subtitle: options.subtitle ?? `Mean scale score, from 1 (never, or very unlikely, or strongly disagree) to 5 (very often, or very likely, or strongly agree); base: ${base}`,
    chart: dotPlot(data, {
      rows: sorted.map((r) => r.setting),
      series: SCALES.map((s) => s.label),
      domain: [1, 5],
      axisLabel: "Mean scale score (1–5)",
      ...chartOptions(options),
    }),
    notes: withIntervalNote(options.notes),
    description: describeScales(rows),
    columns,
    rows: sorted.map((r) => ({
      setting: r.setting,
      count: r.count,
      ...Object.fromEntries(SCALES.flatMap((s) => [[s.key, r[s.key]], [`${s.key}_interval`, intervalText(meanIntervalOf(r, s.key), "mean")]])),
    })),
  });
}
