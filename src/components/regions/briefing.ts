/**
 * The breakdowns a region briefing sets beside the UK, read from the published tables that split a
 * measure by region: stigma met often or very often in each setting (`embed-stigma-enacted-by-region`,
 * Wilson intervals from each share and its base) and mean recovery capital at each assessment
 * (`embed-barc-mean-by-region`, with the Student's t interval the table publishes). Each row is a
 * `ComparisonMeasure`, drawn and tabled by `comparisonFigure`, and marked with its registry measure.
 */
import { isNumber, TOTAL, type Value } from "../shared/chart.js";
import { keyOf } from "../../lib/measures.js";
import { wilsonPercent, type Interval } from "../../lib/intervals.js";
import { regionVersusUk, type ComparisonMeasure } from "./comparison.js";
import type { Table } from "./measures.js";

type Row = Record<string, Value>;

const rowsOf = (table: Table | undefined, region: string): Row[] => (table?.rows ?? []).filter((row) => row.region === region);
const people = (n: Value): string | undefined => (isNumber(n) ? `${n.toLocaleString("en-GB")} ${n === 1 ? "person" : "people"}` : typeof n === "string" ? `${n} people` : undefined);

function share(row: Row | undefined): Interval | undefined {
  const value = row?.percent;
  const base = row?.count;
  return isNumber(value) && isNumber(base) ? wilsonPercent(value, base) : undefined;
}

function mean(row: Row | undefined): Interval | undefined {
  const value = row?.mean_barc;
  const low = row?.mean_barc_low;
  const high = row?.mean_barc_high;
  return isNumber(value) && isNumber(low) && isNumber(high) ? { value, low, high } : undefined;
}

/** A comparison row without the optional fields it has no value for. */
function measureRow(fields: ComparisonMeasure): ComparisonMeasure {
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as unknown as ComparisonMeasure;
}

/** How one breakdown is read: its dimension, its value column, its interval and its registry measure. */
interface Breakdown {
  dim: string;
  kind: ComparisonMeasure["kind"];
  value: string;
  interval: (row: Row | undefined) => Interval | undefined;
  measure: string;
}

/** Each category of a breakdown, the region beside the UK (the table's total rows). */
function breakdownComparisons(table: Table | undefined, region: string, b: Breakdown): ComparisonMeasure[] {
  const uk = new Map(rowsOf(table, TOTAL).map((row) => [row[b.dim], row]));
  return rowsOf(table, region).map((row) => {
    const category = String(row[b.dim]);
    const total = uk.get(row[b.dim]);
    return measureRow({
      label: category,
      kind: b.kind,
      region: row[b.value] ?? null,
      uk: total?.[b.value] ?? null,
      regionBase: people(row.count ?? null),
      ukBase: people(total?.count ?? null),
      regionInterval: b.interval(row),
      ukInterval: b.interval(total),
      measure: b.measure,
      regionKey: keyOf(b.measure, { [b.dim]: category, region }),
      ukKey: keyOf(b.measure, { [b.dim]: category }),
    } as ComparisonMeasure);
  });
}

/** Stigma met often or very often in each setting, the region beside the UK. */
export function settingComparisons(table: Table | undefined, region: string): ComparisonMeasure[] {
  return breakdownComparisons(table, region, { dim: "setting", kind: "percent", value: "percent", interval: share, measure: "stigma-met-often" });
}

/** Mean BARC-10 total at each assessment, the region beside the UK. */
export function assessmentComparisons(table: Table | undefined, region: string): ComparisonMeasure[] {
  return breakdownComparisons(table, region, { dim: "assessment", kind: "mean", value: "mean_barc", interval: mean, measure: "barc-mean" });
}

/**
 * A headline for a breakdown: the categories where the region differs from the UK (their intervals do
 * not overlap), or that it is similar wherever the two can be compared.
 */
export function breakdownTitle(measures: readonly ComparisonMeasure[], region: string, what: string, where: (label: string) => string): string {
  // No rows at all: the release has no table for the breakdown, because its data is not yet collected.
  if (measures.length === 0) return `${region}: ${what}, not yet collected`;
  const comparable = measures.filter((m) => regionVersusUk(m) !== undefined);
  if (comparable.length === 0) return `${region}: ${what}, mostly hidden to protect confidentiality`;
  const higher = comparable.filter((m) => regionVersusUk(m) === "higher than").map((m) => where(m.label));
  const lower = comparable.filter((m) => regionVersusUk(m) === "lower than").map((m) => where(m.label));
  const list = (items: string[]) => (items.length <= 1 ? items.join("") : `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`);
  if (higher.length === 0 && lower.length === 0) return `${region}: ${what}, similar to the UK wherever the two can be compared`;
  return `${region}: ${what}, ${[higher.length ? `higher than the UK ${list(higher)}` : "", lower.length ? `${higher.length ? "lower" : "lower than the UK"} ${list(lower)}` : ""].filter(Boolean).join(", ")}`;
}
