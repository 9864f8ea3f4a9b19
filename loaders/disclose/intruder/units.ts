/**
 * Microdata as units: rows grouped by subject (a person's pseudonym; each row is a unit when the
 * resource names no subject, or the row has none), and which table cells can be counted from them.
 * Units hold row indices into the microdata's columns (`columns.ts`), in the order each subject first
 * appears, each unit's rows in file order.
 */
import type { Pair } from "./cells.ts";
import type { RowTest } from "./columns.ts";
import type { Microdata, MicrodataField } from "./release.ts";

export type Row = Record<string, string | string[] | null>;

/** The units of one microdata file: unit `u`'s rows are `rows[starts[u]]` up to `rows[starts[u + 1]]`. */
export interface Units {
  count: number;
  starts: Uint32Array;
  rows: Uint32Array;
}

const cache = new WeakMap<Microdata, Units>();

export function unitsOf(micro: Microdata): Units {
  let units = cache.get(micro);
  if (units === undefined) cache.set(micro, (units = groupUnits(micro)));
  return units;
}

function groupUnits(micro: Microdata): Units {
  const { columns } = micro;
  const n = columns.length;
  // Each row's unit, numbered by first appearance: by its subject's code, or a unit of its own.
  const unitOf = new Uint32Array(n);
  // Each subject's unit, by the subject's code (codes are dense); -1 until the subject is first seen.
  const bySubject = new Int32Array(micro.subject === undefined ? 1 : columns.size(micro.subject) + 1).fill(-1);
  let count = 0;
  for (let row = 0; row < n; row++) {
    const subject = micro.subject === undefined ? 0 : columns.code(row, micro.subject);
    const value = subject === 0 ? null : columns.value(row, micro.subject!);
    if (typeof value !== "string") {
      unitOf[row] = count++;
      continue;
    }
    if (bySubject[subject]! < 0) bySubject[subject] = count++;
    unitOf[row] = bySubject[subject]!;
  }
  const starts = new Uint32Array(count + 1);
  for (let row = 0; row < n; row++) starts[unitOf[row]! + 1]!++;
  for (let u = 0; u < count; u++) starts[u + 1]! += starts[u]!;
  const next = starts.slice(0, count);
  const rows = new Uint32Array(n);
  for (let row = 0; row < n; row++) rows[next[unitOf[row]!]!++] = row;
  return { count, starts, rows };
}

/**
 * The pair a table uses for "answered question F" (`{ answered: "age_band" }` in its links): the row's
 * F is not empty.
 */
export const ANSWERED = "answered";

/** Whether a row has value `v` for field `d` (one of the options, for a list field). */
export function rowHas(row: Row, d: string, v: string): boolean {
  if (d === ANSWERED && v in row) return row[v] !== null && !(Array.isArray(row[v]) && row[v].length === 0);
  const cell = row[d];
  return Array.isArray(cell) ? cell.includes(v) : cell === v;
}

/** `rowHas` for every row of the microdata at once: a test of a row index. */
export function pairTest(micro: Microdata, [d, v]: Pair): RowTest {
  if (d === ANSWERED && micro.columns.has(v)) return micro.columns.answered(v);
  return micro.columns.equals(d, v);
}

/** How many units have some row that satisfies every pair. */
export function countMatching(micro: Microdata, pairs: readonly Pair[]): number {
  const tests = pairs.map((pair) => pairTest(micro, pair));
  const { count, starts, rows } = unitsOf(micro);
  let n = 0;
  for (let u = 0; u < count; u++) {
    for (let at = starts[u]!; at < starts[u + 1]!; at++) {
      const row = rows[at]!;
      if (tests.every((test) => test(row))) {
        n++;
        break;
      }
    }
  }
  return n;
}

/**
 * Fields a table dimension can be matched with: published at full detail, and the value one the field
 * can hold (one of its categories, or seen in the data). Labels the microdata does not use (a boolean
 * shown as "Evaluates its work") cannot be matched.
 */
export class FieldValues {
  readonly #fields: Map<string, MicrodataField>;
  readonly #micro: Microdata;
  readonly #seen = new Map<string, Set<string>>();

  constructor(micro: Microdata) {
    this.#fields = new Map(micro.fields.map((f) => [f.name, f]));
    this.#micro = micro;
  }

  field(name: string): MicrodataField | undefined {
    return this.#fields.get(name);
  }

  /** The field holds `value` at the detail it is published at. */
  matches(name: string, value: string): boolean {
    if (name === ANSWERED) {
      const answered = this.#fields.get(value);
      return answered !== undefined && answered.generalisedTo === undefined;
    }
    const field = this.#fields.get(name);
    if (field === undefined || field.generalisedTo !== undefined) return false;
    return (field.categories?.includes(value) ?? false) || this.#seenIn(name).has(value);
  }

  /** Every pair can be counted from the microdata. */
  comparable(pairs: readonly Pair[]): boolean {
    return pairs.every(([d, v]) => this.matches(d, v));
  }

  #seenIn(name: string): Set<string> {
    let seen = this.#seen.get(name);
    if (seen === undefined) this.#seen.set(name, (seen = this.#micro.columns.distinct(name)));
    return seen;
  }
}
