/**
 * 95% intervals as every chart draws and tables give them: one line per figure from its low to its
 * high end with a tick at each end, in the text colour (so it shows on light and dark backgrounds),
 * drawn over bars and under dots. The marks carry the class `lero-interval`, so tests and styles can
 * find them. Shares get Wilson intervals from the published percentage and its published base; means
 * take the `<mean>_low` and `<mean>_high` the aggregates publish (Student's t). See `src/lib/intervals.ts`.
 */
import * as Plot from "@observablehq/plot";
import { compareIntervals, formatInterval, wilsonPercent, type Comparison, type Interval } from "../../lib/intervals.js";
import { isNumber, type Value } from "./chart.js";
import type { TableColumn } from "./figure.js";

export type { Interval };

/** The class of every interval mark, for tests and styles. */
export const INTERVAL_CLASS = "lero-interval";

/** The note under every chart that draws intervals. */
export const INTERVAL_NOTE =
  "Lines show 95% intervals: the range the figure would likely fall in with a different sample of people. Where two groups' lines overlap, the difference between them may be chance, so the text calls them similar.";

/** The Wilson interval of a published share (percent) on its published base; none when either is hidden. */
export function shareInterval(percent: Value | undefined, base: Value | undefined): Interval | undefined {
  return isNumber(percent) && isNumber(base) ? wilsonPercent(percent, base) : undefined;
}

/** A published mean with the interval published beside it (`<name>_low`, `<name>_high`); none when any is hidden. */
export function meanIntervalOf(row: object | undefined, name: string): Interval | undefined {
  const fields = row as Readonly<Record<string, unknown>> | undefined;
  const value = fields?.[name];
  const low = fields?.[`${name}_low`];
  const high = fields?.[`${name}_high`];
  return isNumber(value) && isNumber(low) && isNumber(high) ? { value, low, high } : undefined;
}

/** How `a` compares with `b`, or undefined when either has no interval (then nothing may be said). */
export function compared(a: Interval | undefined, b: Interval | undefined): Comparison | undefined {
  return a && b ? compareIntervals(a, b) : undefined;
}

/** An interval in a table cell: "34.3 to 35.6", "41% to 55%"; a dash where there is none. */
export function intervalText(interval: Interval | undefined, unit: "percent" | "mean"): string {
  return interval ? formatInterval(interval, unit) : "–";
}

/** A table column for an interval, whose rows hold it as text (`intervalText`). */
export function intervalColumn(key: string, label = "95% interval"): TableColumn {
  return { key, label, numeric: true };
}

/** A figure's notes with the interval note added (once). */
export function withIntervalNote(notes: readonly string[] | undefined): string[] {
  return [...(notes ?? []).filter((n) => n !== INTERVAL_NOTE), INTERVAL_NOTE];
}

/** A datum with an interval to draw, and where (band values and facets). */
export interface IntervalDatum {
  low: number;
  high: number;
  [channel: string]: unknown;
}

export interface IntervalMarkOptions {
  /** The band channel: the field (or accessor) giving the row's category. */
  y?: string | ((d: IntervalDatum) => unknown);
  /** For vertical intervals (values on y), the band channel on x. */
  x?: string | ((d: IntervalDatum) => unknown);
  /** A facet channel, when the chart is faceted. */
  fy?: string | ((d: IntervalDatum) => unknown);
  /** Shift from the band's centre in pixels (several series in one band). */
  dx?: number;
  dy?: number;
  /** Clip the ends to the drawn domain. */
  domain?: readonly [number, number];
}

/**
 * The interval marks: a line from `low` to `high` with a tick at each end. Horizontal (values on x)
 * when `y` is given, vertical (values on y) when `x` is.
 */
export function intervalMarks(data: readonly IntervalDatum[], options: IntervalMarkOptions): Plot.Markish {
  const [min, max] = options.domain ?? [-Infinity, Infinity];
  const clipped = data
    .filter((d) => isNumber(d.low) && isNumber(d.high))
    .map((d) => ({ ...d, low: Math.max(min, Math.min(max, d.low)), high: Math.max(min, Math.min(max, d.high)) }));
  const style = {
    stroke: "currentColor",
    strokeWidth: 1.5,
    className: INTERVAL_CLASS,
    ...(options.fy !== undefined ? { fy: options.fy } : {}),
    ...(options.dx !== undefined ? { dx: options.dx } : {}),
    ...(options.dy !== undefined ? { dy: options.dy } : {}),
  };
  if (options.x !== undefined) {
    return Plot.link(clipped, { x1: options.x, x2: options.x, y1: "low", y2: "high", markerStart: "tick-x", markerEnd: "tick-x", ...style });
  }
  return Plot.link(clipped, { x1: "low", x2: "high", y1: options.y, y2: options.y, markerStart: "tick-y", markerEnd: "tick-y", ...style });
}
