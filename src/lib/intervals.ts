/**
 * 95% intervals for the published (protected) figures, and the words a comparison may use. Shared by
 * the build and the browser, so a sentence and the chart beside it never disagree.
 *
 * - A share uses the Wilson score interval, which stays inside 0–100% and behaves for small bases and
 *   shares near 0 or 100%, where the textbook "±1.96 standard errors" interval does not.
 * - A mean uses Student's t with n − 1 degrees of freedom.
 * - Two figures are called higher or lower only when their intervals do not overlap; otherwise they are
 *   "similar". That is stricter than a significance test (two intervals can overlap a little while the
 *   difference is significant), which is the side a public report should err on.
 */

export interface Interval {
  /** The figure itself (a share in percent, or a mean). */
  value: number;
  low: number;
  high: number;
}

/** The normal quantile of a two-sided 95% interval. */
export const Z95 = 1.959963984540054;

/**
 * The Wilson score interval of a share, in percent. `percent` is the published share and `base` the
 * number of people (or organisations) it is a share of; the interval is of the share, so a share
 * computed from rounded counts gets the interval of its rounded base. Undefined when there is no base.
 */
export function wilsonPercent(percent: number, base: number, z: number = Z95): Interval | undefined {
  if (!Number.isFinite(percent) || !Number.isFinite(base) || base <= 0) return undefined;
  const p = Math.min(1, Math.max(0, percent / 100));
  const z2 = z * z;
  const centre = (p + z2 / (2 * base)) / (1 + z2 / base);
  const half = (z / (1 + z2 / base)) * Math.sqrt((p * (1 - p)) / base + z2 / (4 * base * base));
  return { value: percent, low: Math.max(0, (centre - half) * 100), high: Math.min(100, (centre + half) * 100) };
}

/** Student's t, 97.5th percentile, for 1, 2 and 3 degrees of freedom. */
const EXACT_T975 = [12.706204736174694, 4.302652729749464, 3.182446305284263];

/**
 * The 97.5th percentile of Student's t with `df` degrees of freedom, by the Cornish–Fisher expansion
 * around the normal quantile (Abramowitz and Stegun 26.7.5): within 0.001 of the exact value from
 * df = 4 on; exact values are used for 1 to 3 degrees of freedom.
 */
export function t975(df: number): number {
  if (!Number.isFinite(df) || df < 1) throw new RangeError(`Student's t needs at least 1 degree of freedom, not ${df}.`);
  if (df < 4) return EXACT_T975[Math.floor(df) - 1]!;
  const z = Z95;
  const z3 = z ** 3;
  const z5 = z ** 5;
  const z7 = z ** 7;
  const z9 = z ** 9;
  return (
    z +
    (z3 + z) / (4 * df) +
    (5 * z5 + 16 * z3 + 3 * z) / (96 * df ** 2) +
    (3 * z7 + 19 * z5 + 17 * z3 - 15 * z) / (384 * df ** 3) +
    (79 * z9 + 776 * z7 + 1482 * z5 - 1920 * z3 - 945 * z) / (92160 * df ** 4)
  );
}

/** The t interval of a mean from its standard deviation and the number of people it averages. */
export function meanInterval(mean: number, sd: number, n: number): Interval | undefined {
  if (!Number.isFinite(mean) || !Number.isFinite(sd) || sd < 0 || !Number.isFinite(n) || n < 2) return undefined;
  const half = (t975(n - 1) * sd) / Math.sqrt(n);
  return { value: mean, low: mean - half, high: mean + half };
}

export type Comparison = "higher" | "lower" | "similar";

/** How `a` compares with `b`: higher or lower only when the two intervals do not overlap. */
export function compareIntervals(a: Interval, b: Interval): Comparison {
  if (a.low > b.high) return "higher";
  if (a.high < b.low) return "lower";
  return "similar";
}

/** The words for a comparison in a sentence: "higher than", "lower than", "similar to". */
export function comparisonWords(comparison: Comparison): string {
  return comparison === "similar" ? "similar to" : `${comparison} than`;
}

/** An interval as text, e.g. "95% interval 58% to 71%" (percent) or "26.1 to 28.4" (mean). */
export function formatInterval(interval: Interval, unit: "percent" | "mean"): string {
  const f = (x: number) =>
    unit === "percent"
      ? `${x.toLocaleString("en-GB", { maximumFractionDigits: 0 })}%`
      : x.toLocaleString("en-GB", { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  return `${f(interval.low)} to ${f(interval.high)}`;
}
