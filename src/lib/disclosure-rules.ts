/**
 * The cell rules, once, for the build and the browser: what a count, a mean or a percentage may be
 * shown as. The numbers (threshold, rounding, minimum base) come from `data/disclosure.json`, which the
 * build reads with `loaders/disclose/policy.ts` and the explorer fetches as published; these functions
 * only apply them. Browser-safe: no imports.
 *
 * - A count: 0 stays 0; 1 to the threshold is `[c]`; a larger count is rounded to the nearest multiple
 *   of the level's rounding base, halves upwards (people: 8 → 10, 12 → 10, 13 → 15; organisations are
 *   not rounded); one that is more than 0 but rounds to 0 is `[low]`.
 * - A mean or median needs a base of at least the level's minimum.
 * - A percentage is worked out from the shown (rounded) counts, and needs a shown base of at least the
 *   minimum.
 */

/** Whose privacy is at stake: people (survey respondents, trainees) or organisations (LEROs). */
export type Level = "person" | "organisation";
export const LEVELS: readonly Level[] = ["person", "organisation"];

/** The Government Statistical Service symbols. */
export const SYMBOLS = {
  confidential: "[c]",
  notAvailable: "[x]",
  notApplicable: "[z]",
  low: "[low]",
} as const;
export type Symbols = typeof SYMBOLS;

/** The numbers of one level that the cell rules need. */
export interface CellRules {
  /** Counts from 1 to this are hidden. */
  threshold: number;
  /** Counts above the threshold are rounded to a multiple of this (1: not rounded). */
  rounding: number;
  /** Means, medians and percentages need at least this base. */
  minimumBase: number;
}

/** What a count may be shown as: the (rounded) number, or the symbol in its place. */
export type CountShown = { value: number } | { symbol: typeof SYMBOLS.confidential | typeof SYMBOLS.low };

/** Rounds to the nearest multiple of `base`, halves upwards (12.5 → 15). */
export function roundTo(value: number, base: number): number {
  return base <= 1 ? value : Math.floor(value / base + 0.5) * base;
}

/** The primary rule for one count. Throws on anything but a whole number ≥ 0. */
export function showCount(count: number, rules: CellRules): CountShown {
  if (!Number.isInteger(count) || count < 0) throw new RangeError(`A count must be a whole number of at least 0 (found ${count}).`);
  if (count === 0) return { value: 0 };
  if (count <= rules.threshold) return { symbol: SYMBOLS.confidential };
  const rounded = roundTo(count, rules.rounding);
  return rounded === 0 ? { symbol: SYMBOLS.low } : { value: rounded };
}

/** Whether a statistic over `base` units may be shown. */
export function baseAllows(base: number, rules: CellRules): boolean {
  return base >= rules.minimumBase;
}

/** The percentage `part` of `base` from shown counts (0–100), or null when either is hidden or the base is too small. */
export function shareOfShown(part: number | null, base: number | null, rules: CellRules): number | null {
  if (part === null || base === null || base === 0 || base < rules.minimumBase) return null;
  return (100 * part) / base;
}

/**
 * The rules of one level in a sentence, for pages that explain them ("Counts of people are rounded to
 * the nearest 5 and counts from 1 to 7 are hidden ([c]); a mean or percentage is shown only when it
 * rests on at least 10 people.").
 */
export function describeRules(rules: CellRules, level: Level): string {
  const unit = level === "person" ? "people" : "organisations";
  const hidden = rules.threshold === 1 ? `counts of 1 are hidden (${SYMBOLS.confidential})` : `counts from 1 to ${rules.threshold} are hidden (${SYMBOLS.confidential})`;
  const rounded = rules.rounding > 1 ? `rounded to the nearest ${rules.rounding}` : "not rounded";
  return `Counts of ${unit} are ${rounded} and ${hidden}; a mean or percentage is shown only when it rests on at least ${rules.minimumBase} ${unit}.`;
}
