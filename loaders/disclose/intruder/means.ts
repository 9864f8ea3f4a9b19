/**
 * Means and their intervals, as an intruder reads them. A published mean is a sum over a group, and its
 * 95% interval gives the group's spread back (half-width = t·sd/√n), so a mean can tell more than the
 * count beside it:
 * - `mean-small-group`: a mean (or its interval) is shown for a group whose size the release hides
 *   (the count is `[c]` or `[low]`) or never gives (no count for that group in any table of its
 *   population). A reader cannot judge such a figure, and a mean of one or two people is their answer.
 * - `mean-homogeneous`: the interval is so narrow that everyone in the group must have given the same
 *   answer. For whole-number answers (scale totals, ratings, changes in a total) a group whose answers
 *   are not all equal has a sample variance of at least 1/n (all alike but one, which differs by 1), so
 *   a half-width below t₀.₉₇₅(n−1)·(1/√n)/√n = t/n proves every answer is the mean. Published figures
 *   are rounded to one decimal, so the half-width is known only to within 0.1 and n only to within its
 *   count's rounding: the test uses the widest half-width and the largest n those allow, so it never
 *   reports a group whose answers could differ.
 *
 * Decision: both differences of means over nested groups (Total − cell, parent − child) are left to
 * the count audit. The mean of the units outside a cell is (N·M − n·m)/(N − n); it describes fewer
 * than the threshold only when N − n is that small, which is the `small-complement` finding on the
 * counts the same tables publish.
 */
import { t975 } from "../../../src/lib/intervals.ts";
import type { DisclosurePolicy } from "../policy.ts";
import { cellPairs, describeCell, keyOf, publishedInterval, type Published } from "./cells.ts";
import type { AggregateTable, Release, Value } from "./release.ts";
import type { IntruderFinding } from "./types.ts";

export interface MeansResult {
  findings: IntruderFinding[];
  /** Published means (cells with a number) that were checked. */
  meansAudited: number;
}

/** Published figures are rounded to one decimal place: each end of an interval is within 0.05. */
const ROUNDING = 0.05;

/** The mean measures of a table: `mean_*` figures and any figure published with `_low` and `_high`. */
export function meanMeasures(table: AggregateTable): string[] {
  const names = new Set(table.rows.flatMap((row) => Object.keys(row)));
  const dims = new Set(table.dimensions);
  return [...names].filter((name) => {
    if (dims.has(name) || /_(low|high)$/.test(name)) return false;
    return name.startsWith("mean_") || (names.has(`${name}_low`) && names.has(`${name}_high`));
  });
}

const asNumber = (v: Value | undefined): number | undefined => (typeof v === "number" && Number.isFinite(v) ? v : undefined);

/** The largest half-width the rounded ends allow: each end may have moved by up to 0.05. */
function widestHalfWidth(low: number, high: number): number {
  return (high - low) / 2 + ROUNDING;
}

/** True when a group of at most `n` whole-number answers with this interval must all be equal. */
export function provesAllEqual(low: number, high: number, n: number): boolean {
  if (!Number.isFinite(n) || n < 2) return false;
  return widestHalfWidth(low, high) < t975(n - 1) / n;
}

export function auditMeans(release: Release, policy: DisclosurePolicy): MeansResult {
  const result: MeansResult = { findings: [], meansAudited: 0 };
  // The size of each group a population's tables count, by cell key: one published count is enough.
  const sizes = new Map<string, Published>();
  for (const table of release.tables) {
    if (!table.counts.has("count")) continue;
    for (const row of table.rows) {
      if (!("count" in row)) continue;
      const interval = publishedInterval(row["count"], policy[table.level]);
      if (interval === undefined) continue;
      const key = `${table.population}\u0000${keyOf(cellPairs(table, row, "count"))}`;
      const known = sizes.get(key);
      // Two tables giving one group's size: keep the tighter (a shown count beats a suppressed one).
      if (known === undefined || interval.hi - interval.lo < known.hi - known.lo) sizes.set(key, interval);
    }
  }
  for (const table of release.tables) {
    const measures = meanMeasures(table);
    if (measures.length === 0) continue;
    const unsized: string[] = [];
    const homogeneous: { cell: string; mean: number; n: number }[] = [];
    for (const row of table.rows) {
      // A table with no count of its own is sized from another table of its population with the same cell.
      const size = sizes.get(`${table.population}\u0000${keyOf(cellPairs(table, row, "count"))}`);
      for (const measure of measures) {
        const mean = asNumber(row[measure]);
        const low = asNumber(row[`${measure}_low`]);
        const high = asNumber(row[`${measure}_high`]);
        if (mean === undefined && low === undefined && high === undefined) continue;
        result.meansAudited++;
        const cell = describeCell(table, row, measure);
        if (size === undefined || size.suppressed || size.hi === 0) {
          unsized.push(cell);
          continue;
        }
        if (low !== undefined && high !== undefined && provesAllEqual(low, high, size.hi)) homogeneous.push({ cell, mean: mean ?? (low + high) / 2, n: size.hi });
      }
    }
    const population = table.population.startsWith("table:") ? table.dataset : table.population;
    const unit = table.level === "organisation" ? "organisations" : "people";
    if (unsized.length > 0) {
      result.findings.push({
        code: "mean-small-group",
        message: `${table.resource}: ${unsized.length} ${unsized.length === 1 ? "mean is" : "means are"} shown for a group whose size the release hides or never gives (e.g. "${unsized[0]}"): a mean of one or two ${unit} is their answer; show a mean only beside a shown count of its group, and hide it when the count is hidden.`,
        resources: [table.resource],
        population,
        cell: unsized[0]!,
      });
    }
    if (homogeneous.length > 0) {
      const first = homogeneous[0]!;
      result.findings.push({
        code: "mean-homogeneous",
        message: `${table.resource}: ${homogeneous.length} ${homogeneous.length === 1 ? "interval proves" : "intervals prove"} that everyone in a group gave the same answer (e.g. "${first.cell}": at most ${first.n} ${unit}, all ${first.mean}): hide the mean of a group with no spread, or merge the group with another.`,
        resources: [table.resource],
        population,
        cell: first.cell,
        interval: [first.mean, first.mean],
      });
    }
  }
  return result;
}
