/**
 * Microdata as units: rows grouped by subject (a person's pseudonym; each row is a unit when the
 * resource names no subject), and which table cells can be counted from them.
 */
import type { Pair } from "./cells.ts";
import type { Microdata, MicrodataField } from "./release.ts";

export type Row = Record<string, string | string[] | null>;

export interface Unit {
  rows: Row[];
}

export function unitsOf(micro: Microdata): Unit[] {
  if (micro.subject === undefined) return micro.rows.map((row) => ({ rows: [row] }));
  const bySubject = new Map<string, Row[]>();
  micro.rows.forEach((row, i) => {
    const s = row[micro.subject!];
    const id = typeof s === "string" ? s : `\u0000row ${i}`;
    const list = bySubject.get(id);
    if (list === undefined) bySubject.set(id, [row]);
    else list.push(row);
  });
  return [...bySubject.values()].map((rows) => ({ rows }));
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

/** Whether some row of the unit satisfies every pair. */
export function unitMatches(unit: Unit, pairs: readonly Pair[]): boolean {
  return unit.rows.some((row) => pairs.every(([d, v]) => rowHas(row, d, v)));
}

/**
 * Fields a table dimension can be matched with: published at full detail, and the value one the field
 * can hold (one of its categories, or seen in the data). Labels the microdata does not use (a boolean
 * shown as "Evaluates its work") cannot be matched.
 */
export class FieldValues {
  readonly #fields: Map<string, MicrodataField>;
  readonly #seen = new Map<string, Set<string>>();

  constructor(micro: Microdata) {
    this.#fields = new Map(micro.fields.map((f) => [f.name, f]));
    for (const row of micro.rows) {
      for (const [k, v] of Object.entries(row)) {
        let set = this.#seen.get(k);
        if (set === undefined) this.#seen.set(k, (set = new Set()));
        if (Array.isArray(v)) for (const x of v) set.add(x);
        else if (v !== null) set.add(v);
      }
    }
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
    return (field.categories?.includes(value) ?? false) || (this.#seen.get(name)?.has(value) ?? false);
  }

  /** Every pair can be counted from the microdata. */
  comparable(pairs: readonly Pair[]): boolean {
    return pairs.every(([d, v]) => this.matches(d, v));
  }
}
