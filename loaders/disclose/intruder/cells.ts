/**
 * Cells as the intruder reads them: a key (the set of (dimension, value) pairs that picks out a set of
 * units) and the interval a published figure puts the raw count in.
 */
import type { LevelPolicy } from "../policy.ts";
import { SYMBOLS } from "../policy.ts";
import type { AggregateTable, Value } from "./release.ts";

export type Pair = [string, string];

/** A canonical text for a set of pairs (sorted by dimension). */
export function keyOf(pairs: readonly Pair[]): string {
  return JSON.stringify([...pairs].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)));
}

export function pairsOf(key: string): Pair[] {
  return JSON.parse(key) as Pair[];
}

/** The pairs of a row's cell for a count measure: the row's dimensions, then the measure's extra pairs, Totals dropped. */
export function cellPairs(table: AggregateTable, row: Record<string, Value>, measure: string): Pair[] {
  const pairs = new Map<string, string>();
  for (const d of table.dimensions) {
    const v = row[d];
    if (v !== null && v !== undefined) pairs.set(d, String(v));
  }
  for (const [d, v] of table.counts.get(measure) ?? []) pairs.set(d, v);
  return [...pairs].filter(([d, v]) => v !== table.totalLabel && v !== table.totals.get(d));
}

/** How a row is shown in messages: `region=North East, setting=Total / count`. */
export function describeCell(table: AggregateTable, row: Record<string, Value>, measure: string): string {
  const dims = table.dimensions.map((d) => `${d}=${row[d] ?? ""}`);
  return `${dims.length === 0 ? "Total" : dims.join(", ")} / ${measure}`;
}

export interface Published {
  lo: number;
  hi: number;
  /** `[c]` or `[low]`. */
  suppressed: boolean;
}

/**
 * The raw counts a published figure allows. Rounded to base r (halves up): v − ⌊r/2⌋ … v + ⌈r/2⌉ − 1,
 * and above the threshold (smaller counts are never shown); 0 is exactly 0; `[c]` is at least 1 (zeros
 * are shown, and a secondary suppression can hide any count); `[low]` is 1 … ⌈r/2⌉ − 1; `[z]` and
 * null cannot occur (0). `[x]`, a missing value or anything else tells nothing (undefined).
 */
export function publishedInterval(value: Value | undefined, rules: LevelPolicy): Published | undefined {
  if (value === null) return { lo: 0, hi: 0, suppressed: false };
  if (value === SYMBOLS.confidential) return { lo: 1, hi: Infinity, suppressed: true };
  if (value === SYMBOLS.low) return { lo: 1, hi: Math.max(1, Math.ceil(rules.rounding / 2) - 1), suppressed: true };
  if (value === SYMBOLS.notApplicable) return { lo: 0, hi: 0, suppressed: false };
  const v = typeof value === "number" ? value : typeof value === "string" && /^\d+$/.test(value) ? Number(value) : undefined;
  if (v === undefined || !Number.isFinite(v) || v < 0) return undefined;
  if (v === 0) return { lo: 0, hi: 0, suppressed: false };
  const r = rules.rounding;
  if (r <= 1) return { lo: v, hi: v, suppressed: false };
  return { lo: Math.max(v - Math.floor(r / 2), rules.threshold + 1, 0), hi: v + Math.ceil(r / 2) - 1, suppressed: false };
}

/** A published interval in words: `7`, `8–12`, `at least 1`. */
export function span(lo: number, hi: number): string {
  return lo === hi ? String(lo) : hi === Infinity ? `at least ${lo}` : `${lo}–${hi}`;
}
