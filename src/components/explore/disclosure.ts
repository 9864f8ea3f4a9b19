/**
 * The disclosure rule of the explorer: every figure the explorer shows, downloads or announces passes
 * through here first, whatever filters or SQL produced it. The rules themselves are the build's
 * (`src/lib/disclosure-rules.ts`, one module for both); the numbers come from the policy the page loads
 * from `data/disclosure.json` (via `src/data/disclosure.json.ts`), so they are never hard-coded. This
 * file adds only the explorer's shapes: a figure is a number or the symbol in its place, and results
 * of the SQL console (see `protectQueryResult`).
 */
import { baseAllows, shareOfShown, showCount, type CellRules, type Level } from "../../lib/disclosure-rules.js";
import { meanInterval } from "../../lib/intervals.js";
import type { ColumnOrigin } from "./lineage.js";

export type { Level };
export type LevelRules = CellRules;

export interface ExplorePolicy {
  person: LevelRules;
  organisation: LevelRules;
  symbols: { confidential: string; notAvailable: string; notApplicable: string; low: string };
  csvEscape: { characters: string[]; prefix: string };
}

/** A figure as it may be shown: a number, or a symbol such as "[c]" in its place. */
export type Shown = number | string;

export function isHidden(value: Shown | null | undefined): boolean {
  return typeof value !== "number";
}

/** Protects a count of people (or organisations). Throws on anything but a whole number ≥ 0. */
export function protectCount(count: number, policy: ExplorePolicy, level: Level): Shown {
  const shown = showCount(count, policy[level]);
  return "value" in shown ? shown.value : shown.symbol;
}

/** Protects a mean (or other statistic) over `base` people: hidden below the minimum base. */
export function protectMean(mean: number | null | undefined, base: number, policy: ExplorePolicy, level: Level): Shown {
  if (!baseAllows(base, policy[level])) return base === 0 ? policy.symbols.notAvailable : policy.symbols.confidential;
  if (mean === null || mean === undefined || !Number.isFinite(mean)) return policy.symbols.notAvailable;
  return mean;
}

/** The percentage `part` of `base`, from the protected counts (0–100). */
export function protectShare(part: number, base: number, policy: ExplorePolicy, level: Level): Shown {
  if (base === 0) return policy.symbols.notAvailable;
  const shownBase = protectCount(base, policy, level);
  const shownPart = protectCount(part, policy, level);
  const share = shareOfShown(typeof shownPart === "number" ? shownPart : null, typeof shownBase === "number" ? shownBase : null, policy[level]);
  return share === null ? policy.symbols.confidential : Math.min(100, share);
}

/** A figure as text: "1,235", "42.3", "12.5%", or the symbol. */
// Made once: `toLocaleString` builds a new formatter on every call, and a redraw formats hundreds of figures.
const WHOLE = new Intl.NumberFormat("en-GB");
const ONE_DECIMAL = new Intl.NumberFormat("en-GB", { minimumFractionDigits: 1, maximumFractionDigits: 1 });

export function formatShown(value: Shown | null | undefined, kind: "count" | "mean" | "percent" = "count"): string {
  if (value === null || value === undefined) return "[x]";
  if (typeof value !== "number") return value;
  if (kind === "count") return WHOLE.format(value);
  const text = ONE_DECIMAL.format(value);
  return kind === "percent" ? `${text}%` : text;
}

/** A figure for a download: plain digits (no thousands separators), one decimal for statistics. */
export function plainShown(value: Shown | null | undefined, kind: "count" | "mean" | "percent" = "count"): string {
  if (value === null || value === undefined) return "[x]";
  if (typeof value !== "number") return value;
  return kind === "count" ? String(value) : value.toFixed(1);
}

// ---------------------------------------------------------------------------------------------------
// SQL console results

/**
 * How a console result column is treated: `value` as it is (values of published rows, grouping
 * values), `count` by the count rule, `statistic` as returned unless beside a small count, `hidden`
 * not at all.
 */
export type ColumnKind = "value" | "count" | "statistic" | "hidden";

export interface ResultColumn {
  name: string;
  /** The DuckDB type name from DESCRIBE ("BIGINT", "DOUBLE", "VARCHAR", "DECIMAL(18,3)", "VARCHAR[]"…). */
  type: string;
}

export interface ProtectedResult {
  /** `intervalOf`: for a mean's 95% interval column, the mean's column and which end it holds. */
  columns: (ResultColumn & { kind: ColumnKind; intervalOf?: { column: number; end: "low" | "high" } })[];
  rows: (Shown | null)[][];
  /** How many cells were hidden. */
  hidden: number;
}

const NUMBER_TEXT = /^\s*[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?\s*$/;

function isNumberLike(value: unknown): boolean {
  return (typeof value === "number" && Number.isFinite(value)) || typeof value === "bigint" || (typeof value === "string" && NUMBER_TEXT.test(value));
}

/**
 * The kind of a console column from where it comes from (`columnOrigins`, read from the query) and
 * what it holds: an aggregate is a count unless proven otherwise, so one whose every value is a
 * number (or a number as text) follows the count rule, and one holding anything else (a count pasted
 * into text, a list, a histogram, a struct) is hidden.
 */
export function classifyColumn(origin: ColumnOrigin, values: readonly unknown[]): ColumnKind {
  if (origin === "row" || origin === "key") return "value";
  if (origin === "statistic") return "statistic";
  return values.every((v) => v === null || v === undefined || isNumberLike(v)) ? "count" : "hidden";
}

/** The person rule for counts, in words from the policy: "1 to 7 shown as [c], others rounded to the nearest 5". */
export function countRuleText(policy: ExplorePolicy): string {
  const rules = policy.person;
  return `1 to ${rules.threshold} shown as ${policy.symbols.confidential}${rules.rounding > 1 ? `, others rounded to the nearest ${rules.rounding}` : ""}`;
}

/** A count from the console: the person rule on its size (rounded to a whole number), sign kept. */
export function protectAnyCount(value: unknown, policy: ExplorePolicy): Shown | null {
  if (value === null || value === undefined) return null;
  const number = typeof value === "string" ? Number(value) : typeof value === "bigint" ? Number(value) : (value as number);
  if (typeof number !== "number" || !Number.isFinite(number)) return policy.symbols.notAvailable;
  const size = Math.round(Math.abs(number));
  const shown = protectCount(size, policy, "person");
  return typeof shown === "number" && number < 0 ? -shown : shown;
}

/**
 * Protects a console result. Counts follow the person rule whatever the dataset (stricter than the
 * organisation rule). A statistic in a row with a count below the minimum base (or a hidden count) is
 * hidden too: it was most likely worked out over those few people. Values of published rows and
 * grouping values are shown as they are: a year stays 2024.
 */
export function protectQueryResult(columns: readonly ResultColumn[], rows: readonly (readonly unknown[])[], policy: ExplorePolicy, origins: readonly ColumnOrigin[]): ProtectedResult {
  const kinds = columns.map((_, i) => classifyColumn(origins[i] ?? "aggregate", rows.map((row) => row[i])));
  let hidden = 0;
  const out = rows.map((row) => {
    const cells: (Shown | null)[] = columns.map((_, i) => {
      const value = row[i];
      const kind = kinds[i]!;
      if (value === null || value === undefined) return null;
      if (kind === "count") return protectAnyCount(value, policy);
      if (kind === "hidden") return policy.symbols.confidential;
      if (kind === "statistic") return typeof value === "number" ? value : Number(value);
      return typeof value === "number" || typeof value === "string" ? value : String(value);
    });
    const smallBase = row.some((value, i) => {
      if (kinds[i] !== "count" || value === null || value === undefined) return false;
      const size = Math.abs(Number(value));
      return !Number.isFinite(size) || (size > 0 && size < policy.person.minimumBase);
    });
    const rowHasHiddenCount = smallBase || cells.some((cell, i) => kinds[i] === "count" && typeof cell === "string");
    if (rowHasHiddenCount) kinds.forEach((kind, i) => kind === "statistic" && cells[i] !== null && (cells[i] = policy.symbols.confidential));
    hidden += cells.filter((cell, i) => (kinds[i] === "count" || kinds[i] === "statistic" || kinds[i] === "hidden") && typeof cell === "string").length;
    return cells;
  });
  return { columns: columns.map((column, i) => ({ ...column, kind: kinds[i]! })), rows: out, hidden };
}

/** Each mean's standard deviation and count of values, from the columns `meanIntervalSql` added. */
export interface MeanSpread {
  /** The mean's column in the result. */
  column: number;
  /** Per row: the standard deviation and the count of values (null where the query returned none). */
  rows: { sd: number | null; n: number | null }[];
}

/**
 * A protected console result with a 95% interval (t, from each mean's standard deviation and count
 * of values) after each mean: two columns, low and high. An interval is given only beside a mean that
 * is shown and averages at least the minimum base of values; beside a hidden mean it is hidden with the
 * same symbol, and where it cannot be worked out (fewer values, no spread) it is "not available".
 */
export function withMeanIntervals(result: ProtectedResult, spreads: readonly MeanSpread[], policy: ExplorePolicy): ProtectedResult {
  const byColumn = new Map(spreads.map((s) => [s.column, s]));
  const columns: ProtectedResult["columns"] = [];
  result.columns.forEach((column, i) => {
    const at = columns.length;
    columns.push(column);
    if (byColumn.has(i)) {
      columns.push(
        { name: `${column.name}: 95% interval, low`, type: "DOUBLE", kind: "statistic", intervalOf: { column: at, end: "low" } },
        { name: `${column.name}: 95% interval, high`, type: "DOUBLE", kind: "statistic", intervalOf: { column: at, end: "high" } },
      );
    }
  });
  const rows = result.rows.map((row, r) =>
    row.flatMap((cell, i) => {
      const spread = byColumn.get(i)?.rows[r];
      if (!spread) return [cell];
      if (cell === null) return [cell, null, null];
      if (typeof cell !== "number") return [cell, cell, cell];
      const interval = spread.n !== null && spread.sd !== null && baseAllows(spread.n, policy.person) ? meanInterval(cell, spread.sd, spread.n) : undefined;
      return interval ? [cell, interval.low, interval.high] : [cell, policy.symbols.notAvailable, policy.symbols.notAvailable];
    }),
  );
  // Two more hidden cells beside each hidden mean.
  const hiddenMeans = result.rows.reduce((sum, row) => sum + spreads.filter((s) => row[s.column] === policy.symbols.confidential).length, 0);
  return { columns, rows, hidden: result.hidden + 2 * hiddenMeans };
}
