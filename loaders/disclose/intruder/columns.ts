/**
 * Published microdata held by column: every distinct value of a column is kept once, and each row is a
 * small code per column (a `Uint32Array`), so the intruder holds a few bytes per cell instead of one
 * JavaScript object per row. Rows are read back by their index.
 *
 * Values are those the intruder reasons about: text or null for a scalar, an array of options for a
 * list field (an empty array when the cell is empty). Code 0 is "no value" (a row that did not have the
 * column); it reads as null, as a missing key did when rows were objects.
 *
 * Decision: codes rather than DuckDB queries. The checks ask many questions of each unit's rows (every
 * cell of every table, classes for re-attachment) and must find exactly what they found over objects;
 * holding the codes costs one byte per cell for most columns (a few for the pseudonym) and keeps one implementation.
 */
export type CellValue = string | string[] | null;

const NO_VALUE = 0;

interface Column {
  name: string;
  list: boolean;
  /** Code → value; index 0 is "no value". */
  values: CellValue[];
  /** Value's key → code, while rows are appended (released by `finish`). */
  codeOf: Map<string, number> | undefined;
  /** Row → code, as narrow as the column's number of values allows (one byte for most). */
  codes: Codes;
}

type Codes = Uint8Array | Uint16Array | Uint32Array;

/** A code array of `length` wide enough for `values` codes. */
function codesFor(values: number, length: number): Codes {
  return values <= 0x100 ? new Uint8Array(length) : values <= 0x10000 ? new Uint16Array(length) : new Uint32Array(length);
}

/** What a row's cell is tested against: precomputed once per (column, value). */
export type RowTest = (row: number) => boolean;

const never: RowTest = () => false;

export class MicrodataColumns {
  #length = 0;
  #capacity = 1024;
  #finished = false;
  readonly #columns = new Map<string, Column>();
  readonly #lists: ReadonlySet<string>;

  /** `lists`: the names of list fields, whose cells are arrays of options. */
  constructor(lists: Iterable<string>) {
    this.#lists = new Set(lists);
  }

  /** Number of rows. */
  get length(): number {
    return this.#length;
  }

  /** The column names, in the order they were first seen. */
  get names(): string[] {
    return [...this.#columns.keys()];
  }

  has(name: string): boolean {
    return this.#columns.has(name);
  }

  /** Appends one row of converted values (lists as arrays, everything else text or null). */
  append(row: Record<string, CellValue>): void {
    if (this.#finished) throw new Error("The microdata's columns are finished: no row can be appended.");
    if (this.#length === this.#capacity) this.#grow();
    const at = this.#length++;
    for (const [name, value] of Object.entries(row)) {
      const column = this.#columns.get(name) ?? this.#add(name, Array.isArray(value));
      const key = column.list || Array.isArray(value) ? JSON.stringify(value) : value;
      if (key === null) continue;
      let code = column.codeOf!.get(key);
      if (code === undefined) {
        code = column.values.length;
        column.values.push(value);
        column.codeOf!.set(key, code);
        if (code === 0x100 || code === 0x10000) column.codes = widened(column.codes, codesFor(code + 1, this.#capacity));
      }
      column.codes[at] = code;
    }
  }

  /**
   * Ends appending: the index from values to codes is let go (a pseudonym column holds one entry per
   * person) and each column's codes are cut to the rows appended.
   */
  finish(): void {
    this.#finished = true;
    for (const column of this.#columns.values()) {
      column.codeOf = undefined;
      column.codes = column.codes.slice(0, this.#length);
    }
  }

  /** How many distinct values a column holds; codes run from 1 to this. */
  size(name: string): number {
    return (this.#columns.get(name)?.values.length ?? 1) - 1;
  }

  /** The value of a row's cell; null when the row has no such column. */
  value(row: number, name: string): CellValue {
    const column = this.#columns.get(name);
    return column === undefined ? null : column.values[column.codes[row]!]!;
  }

  /** A number that is equal for two rows exactly when their values of `name` are equal (0 for none). */
  code(row: number, name: string): number {
    return this.#columns.get(name)?.codes[row] ?? NO_VALUE;
  }

  /** Every value a column holds (each option, for a list field). */
  distinct(name: string): Set<string> {
    const seen = new Set<string>();
    for (const value of this.#columns.get(name)?.values ?? []) {
      if (Array.isArray(value)) for (const x of value) seen.add(x);
      else if (value !== null) seen.add(value);
    }
    return seen;
  }

  /** A test for "the row's `name` is `value`" (holds `value` among its options, for a list field). */
  equals(name: string, value: string): RowTest {
    const column = this.#columns.get(name);
    if (column === undefined) return never;
    const codes = column.codes;
    if (!column.list) {
      // Once finished, found by a scan of the values: the columns tables are counted by hold few.
      const code = column.codeOf?.get(value) ?? column.values.indexOf(value, 1);
      return code < 1 ? never : (row) => codes[row] === code;
    }
    const holds = Uint8Array.from(column.values, (v) => (Array.isArray(v) && v.includes(value) ? 1 : 0));
    return (row) => holds[codes[row]!] === 1;
  }

  /** A test for "the row answered `name`": its cell is neither empty nor an empty list. */
  answered(name: string): RowTest {
    const column = this.#columns.get(name);
    if (column === undefined) return never;
    const codes = column.codes;
    const filled = Uint8Array.from(column.values, (v) => (v === null || (Array.isArray(v) && v.length === 0) ? 0 : 1));
    return (row) => filled[codes[row]!] === 1;
  }

  #add(name: string, list: boolean): Column {
    const column: Column = { name, list: list || this.#lists.has(name), values: [null], codeOf: new Map(), codes: new Uint8Array(this.#capacity) };
    this.#columns.set(name, column);
    return column;
  }

  #grow(): void {
    this.#capacity *= 2;
    for (const column of this.#columns.values()) {
      column.codes = widened(column.codes, codesFor(column.values.length, this.#capacity));
    }
  }
}

function widened(codes: Codes, into: Codes): Codes {
  into.set(codes);
  return into;
}
