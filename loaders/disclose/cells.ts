/**
 * Safe aggregates: counts, percentages, means and medians that may be published.
 *
 * Counts (GSS practice, thresholds from `data/disclosure.json`):
 * - 0 stays 0. A count from 1 to the threshold is suppressed (`[c]`, primary). A larger count is
 *   rounded to the nearest multiple of the level's rounding base (people: 5, so 8 → 10, 13 → 15;
 *   organisations: not rounded). A count that is more than 0 but rounds to 0 (only possible when the
 *   threshold is below half the rounding base) is `[low]`, and treated as suppressed.
 * - Row, column and grand totals are added up from the raw counts, then protected the same way.
 * - Secondary suppression: a group is a row with its row total, a column with its column total, and
 *   the row (column) of totals with the grand total. A group with exactly one suppressed cell would let
 *   a reader recover it by subtraction, so the group's smallest non-zero published cell is suppressed too
 *   (`[c]`, secondary; ties go to the first cell), repeated over all groups until none changes.
 *   Groups are checked whether or not this table prints its totals: the same totals (the number of
 *   people in a region, say) are usually published elsewhere on the site. Only a table declared not
 *   additive (multi-select options, which overlap) skips secondary suppression.
 * - Zeros are published. A zero can tell a reader that everyone in a group shares an attribute (every
 *   other cell of the row is 0, so the remaining cell equals the row total). We accept that when the
 *   group is large — the remaining cell and the total are then both above the threshold — and when it is
 *   small both are suppressed anyway, as small counts. A zero is never chosen for secondary suppression:
 *   hiding it would not hide anything else, and a group whose other cells are all zero leaves nothing to
 *   choose (its total then equals the suppressed cell, and is suppressed as small).
 * - Only publishable figures are kept: a `ProtectedCell` holds no raw count.
 * - `null` in the input means the cell cannot occur: `[z]`.
 *
 * Percentages use the published (rounded) counts, never raw ones. Means, medians and percentages are
 * withheld below the level's minimum base.
 */
import type { AggregateJson } from "../../src/lib/published.ts";
import type { DisclosurePolicy, Level, LevelPolicy } from "./policy.ts";
import { SYMBOLS } from "./policy.ts";
import { shareOfShown, showCount } from "../../src/lib/disclosure-rules.ts";

export type { AggregateJson };

export type CellSymbol = "[c]" | "[low]" | "[z]";

/** A cell as it may be published: the protected value, or null with the symbol to show instead. */
export interface ProtectedCell {
  /** Never present: the raw count must not leave the protection step. */
  raw?: never;
  value: number | null;
  symbol?: CellSymbol;
  /** Suppressed because the count itself is small. */
  primary?: true;
  /** Suppressed so that a small count cannot be recovered from a total. */
  secondary?: true;
}

export interface CountTable {
  rowDim: string;
  colDim?: string;
  rows: string[];
  cols?: string[];
  /** Raw counts, rows × columns (one column when there is no `colDim`); null where a cell cannot occur. */
  counts: (number | null)[][];
  /** Whether to publish row, column and grand totals (default true). */
  totals?: boolean;
  /**
   * Whether the cells add up to a meaningful total (default true). False for the options of a
   * multi-select question, where one person counts in several cells: no total exists anywhere, nothing
   * can be recovered by subtraction, so there is no secondary suppression and no totals are published.
   */
  additive?: boolean;
  /**
   * Cells (rows × columns, as `counts`) to suppress as primary whatever their count: a group of people
   * that all belong to one or two organisations, say, whose figures would describe those organisations.
   * Secondary suppression then protects them like any small count.
   */
  withhold?: boolean[][];
}

export interface ProtectedTable {
  rowDim: string;
  colDim?: string;
  rows: string[];
  cols?: string[];
  level: Level;
  /** Rows × columns, as `counts`. */
  cells: ProtectedCell[][];
  /** Per row, when totals are published and there is a `colDim`. */
  rowTotals?: ProtectedCell[];
  /** Per column, when totals are published (a one-way table's single column total is the grand total). */
  colTotals?: ProtectedCell[];
  /** The grand total, when totals are published. */
  total?: ProtectedCell;
  /** How many cells (totals included) were suppressed, and why. */
  suppressed: { primary: number; secondary: number };
}

/** Protects one count: 0, `[c]`, `[low]`, or the rounded count. Secondary suppression needs a table. */
export function protectCount(count: number | null, policy: DisclosurePolicy, level: Level): ProtectedCell {
  return protectWith(count, policy[level]);
}

/** The primary rule for one count under one level's rules. */
export function protectWith(count: number | null, rules: LevelPolicy): ProtectedCell {
  if (count === null) return { value: null, symbol: SYMBOLS.notApplicable };
  const shown = showCount(count, rules);
  return "value" in shown ? { value: shown.value } : { value: null, symbol: shown.symbol, primary: true };
}

export { roundTo } from "../../src/lib/disclosure-rules.ts";

/** One position in the table being protected: its raw count and where it sits. */
interface Slot {
  raw: number | null;
  cell: ProtectedCell;
}

export function protectCounts(table: CountTable, policy: DisclosurePolicy, level: Level): ProtectedTable {
  const rules = policy[level];
  const width = table.cols?.length ?? 1;
  if (table.counts.length !== table.rows.length) {
    throw new RangeError(`${table.rowDim}: ${table.rows.length} rows are named but counts has ${table.counts.length}.`);
  }
  table.counts.forEach((row, r) => {
    if (row.length !== width) throw new RangeError(`${table.rowDim} "${table.rows[r]}": expected ${width} counts, found ${row.length}.`);
  });
  if ((table.cols === undefined) !== (table.colDim === undefined)) {
    throw new RangeError(`${table.rowDim}: give both colDim and cols for a two-way table, or neither.`);
  }
  const additive = table.additive !== false;
  const withTotals = additive && table.totals !== false;
  const twoWay = table.cols !== undefined;
  const slot = (raw: number | null): Slot => ({ raw, cell: protectWith(raw, rules) });
  const sum = (values: (number | null)[]): number => values.reduce<number>((a, b) => a + (b ?? 0), 0);

  const withheld = (raw: number | null): Slot => ({ raw, cell: { value: null, symbol: SYMBOLS.confidential, primary: true } });
  const cells = table.counts.map((row, r) => row.map((raw, c) => (table.withhold?.[r]?.[c] === true && raw !== null && raw > 0 ? withheld(raw) : slot(raw))));
  const rowTotals = twoWay ? table.counts.map((row) => slot(sum(row))) : undefined;
  const total = slot(sum(table.counts.flat()));
  const colTotals = twoWay ? Array.from({ length: width }, (_, c) => slot(sum(table.counts.map((row) => row[c] ?? null)))) : [total];

  // Groups whose members must not contain exactly one suppressed cell.
  const groups: Slot[][] = [];
  if (rowTotals) cells.forEach((row, r) => groups.push([...row, rowTotals[r]!]));
  for (let c = 0; c < width; c++) groups.push([...cells.map((row) => row[c]!), colTotals[c]!]);
  if (twoWay) {
    groups.push([...colTotals, total]);
    groups.push([...rowTotals!, total]);
  }
  if (additive) suppressSecondary(groups);

  const out = (s: Slot): ProtectedCell => s.cell;
  const counted = [...new Set([...cells.flat(), ...(rowTotals ?? []), ...colTotals, total])];
  const result: ProtectedTable = {
    rowDim: table.rowDim,
    ...(table.colDim === undefined ? {} : { colDim: table.colDim }),
    rows: table.rows.slice(),
    ...(table.cols === undefined ? {} : { cols: table.cols.slice() }),
    level,
    cells: cells.map((row) => row.map(out)),
    suppressed: {
      primary: counted.filter((s) => s.cell.primary).length,
      secondary: counted.filter((s) => s.cell.secondary).length,
    },
  };
  if (withTotals) {
    if (rowTotals) result.rowTotals = rowTotals.map(out);
    result.colTotals = colTotals.map(out);
    result.total = out(total);
  }
  return result;
}

function isSuppressed(cell: ProtectedCell): boolean {
  return cell.symbol === SYMBOLS.confidential || cell.symbol === SYMBOLS.low;
}

function suppressSecondary(groups: Slot[][]): void {
  for (let changed = true; changed; ) {
    changed = false;
    for (const group of groups) {
      const members = group;
      if (members.filter((s) => isSuppressed(s.cell)).length !== 1) continue;
      let pick: Slot | undefined;
      for (const s of members) {
        if (isSuppressed(s.cell) || s.raw === null || s.raw === 0) continue;
        if (pick === undefined || s.raw < pick.raw!) pick = s;
      }
      if (pick === undefined) continue;
      pick.cell = { value: null, symbol: SYMBOLS.confidential, secondary: true };
      changed = true;
    }
  }
}

export interface CountItem {
  key: string;
  count: number;
}

export interface ProtectedList {
  level: Level;
  items: ({ key: string } & ProtectedCell)[];
  total: ProtectedCell;
  suppressed: { primary: number; secondary: number };
}

/** A one-dimensional list of counts with a published total (a bar chart by category, say). */
export function protectCountList(items: readonly CountItem[], policy: DisclosurePolicy, level: Level): ProtectedList {
  const table = protectCounts(
    { rowDim: "key", rows: items.map((i) => i.key), counts: items.map((i) => [i.count]), totals: true },
    policy,
    level,
  );
  return {
    level,
    items: table.cells.map((row, r) => ({ key: items[r]!.key, ...row[0]! })),
    total: table.total!,
    suppressed: table.suppressed,
  };
}

/**
 * A percentage from published counts: `100 × cell / base`, unrounded. Null when either is suppressed,
 * not applicable, or the base is below the level's minimum base. A base of 0 gives null.
 */
export function percent(cell: ProtectedCell, base: ProtectedCell, policy: DisclosurePolicy, level: Level): number | null {
  return shareOfShown(cell.value, base.value, policy[level]);
}

function numbers(values: readonly (number | null | undefined)[]): number[] {
  return values.filter((v): v is number => typeof v === "number" && Number.isFinite(v));
}

/** The mean of the values given (nulls ignored), or null when fewer than the minimum base remain. */
export function safeMean(values: readonly (number | null | undefined)[], policy: DisclosurePolicy, level: Level = "person"): number | null {
  const xs = numbers(values);
  if (xs.length === 0 || xs.length < policy[level].minimumBase) return null;
  return xs.reduce((a, b) => a + b, 0) / xs.length;
}

/** The median (mean of the middle two for an even count), or null below the minimum base. */
export function safeMedian(values: readonly (number | null | undefined)[], policy: DisclosurePolicy, level: Level = "person"): number | null {
  const xs = numbers(values).sort((a, b) => a - b);
  if (xs.length === 0 || xs.length < policy[level].minimumBase) return null;
  const mid = xs.length >> 1;
  return xs.length % 2 === 1 ? xs[mid]! : (xs[mid - 1]! + xs[mid]!) / 2;
}

/**
 * A protected table as aggregate JSON rows: one row per cell, `measure` holding the value or its symbol.
 * Totals (when published) are rows whose dimension value is `totalLabel` (default "Total").
 */
export function toAggregateJson(table: ProtectedTable, options: { measure?: string; totalLabel?: string } = {}): AggregateJson {
  const measure = options.measure ?? "count";
  const totalLabel = options.totalLabel ?? "Total";
  const show = (cell: ProtectedCell): string | number | null => cell.value ?? cell.symbol ?? null;
  const dimensions = table.colDim === undefined ? [table.rowDim] : [table.rowDim, table.colDim];
  const rows: AggregateJson["rows"] = [];
  const at = (r: string, c: string | undefined, cell: ProtectedCell): void => {
    const row: Record<string, string | number | null> = { [table.rowDim]: r };
    if (table.colDim !== undefined) row[table.colDim] = c ?? totalLabel;
    row[measure] = show(cell);
    rows.push(row);
  };
  table.rows.forEach((r, i) => {
    table.cells[i]!.forEach((cell, j) => at(r, table.cols?.[j], cell));
    if (table.rowTotals) at(r, totalLabel, table.rowTotals[i]!);
  });
  if (table.colTotals && table.colDim !== undefined) table.colTotals.forEach((cell, j) => at(totalLabel, table.cols?.[j], cell));
  if (table.total) at(totalLabel, undefined, table.total);
  return { dimensions, measures: [measure], totalLabel, rows };
}
