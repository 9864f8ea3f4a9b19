/**
 * The explorer's data cube over one published table, Mosaic-style: when a data set is opened (or a
 * split the cube does not cover is chosen), DuckDB aggregates the rows once into two small tables
 * (see `sql.ts`), which are read into plain arrays here. Every filter change, and every change of
 * split the cube covers, is then answered by adding up those arrays in JavaScript: a few thousand
 * entries at most, never the rows, and no round trip to the engine.
 *
 * The cube covers the splits the caller names (`cover`: every split the reader may choose, where
 * that stays small), so changing a chart's split re-aggregates the same arrays. Works over any
 * `Runner`: DuckDB-wasm in the browser, DuckDB in Node for the build and the tests. Returns raw
 * figures; `view.ts` protects them before anything is shown.
 */
import {
  MAX_TUPLES,
  cleanFilters,
  knownValuesSql,
  maskOf,
  peopleCubeSql,
  peopleReadSql,
  rowsCubeSql,
  rowsReadSql,
  sourceSql,
  tupleTest,
  tuplesSql,
  varyingSql,
  wordCount,
  type Filters,
  type SourceSpec,
  type Tuple,
} from "./sql.js";

export type Row = Record<string, unknown>;

/** Runs SQL on one connection (temp tables live on it). */
export interface Runner {
  all(sql: string): Promise<Row[]>;
}

/** Raw figures for one group: people, people with the flag, rows and the value sum (for a mean). */
export interface Figures {
  people: number;
  flagged: number;
  rows: number;
  valued: number;
  total: number | null;
  /** The sum of the value's squares (for a mean's 95% interval). */
  squares?: number | null;
}

export interface Bar extends Figures {
  value: string;
}

export interface Cell extends Figures {
  keys: Record<string, string>;
}

/**
 * A cube wider than this many people entries is not built over every split: the chosen splits only
 * (a filter then still adds up the smaller cube, but a change of split builds a new one).
 */
export const MAX_CUBE_ENTRIES = 200_000;

function num(value: unknown): number {
  return typeof value === "number" ? value : typeof value === "bigint" ? Number(value) : Number(value ?? 0);
}

/** Half-words: each 63-bit mask word as its low and high 32 bits (JavaScript's bit operators work on 32 bits). */
function halves(mask: readonly bigint[]): Uint32Array {
  const out = new Uint32Array(mask.length * 2);
  mask.forEach((word, w) => {
    out[2 * w] = Number(word & 0xffffffffn);
    out[2 * w + 1] = Number(word >> 32n);
  });
  return out;
}

/** Whether entry `i`'s mask (in `bits`, `width` half-words per entry) shares a bit with `mask`. */
function meets(bits: Uint32Array, i: number, mask: Uint32Array): boolean {
  const at = i * mask.length;
  for (let h = 0; h < mask.length; h++) if ((bits[at + h]! & mask[h]!) !== 0) return true;
  return false;
}

/** The people table: one entry per combination of constant dimensions and masks, with a head count. */
interface PeopleArrays {
  size: number;
  /** Per constant dimension of the cube, each entry's value as its index in the known values. */
  codes: Map<string, Int32Array>;
  /** The tuples each entry's people have rows in, and those with the flag set (half-words, see `halves`). */
  masks: Uint32Array;
  flags: Uint32Array;
  people: Float64Array;
}

/** The rows table: one entry per combination of the cube's dimensions, with the row count and value sums. */
interface RowArrays {
  size: number;
  codes: Map<string, Int32Array>;
  n: Float64Array;
  valued: Float64Array;
  total: Float64Array;
  squares: Float64Array;
}

/** The cube's arrays over its dimensions (`cover`), shared by every view of the splits it covers. */
export interface CubeData {
  cover: string[];
  constant: string[];
  varying: string[];
  tuples: Tuple[];
  words: number;
  people: PeopleArrays;
  rows: RowArrays;
}

/**
 * The source whose rows the `explore_src` table holds now, as far as this module knows: a source reloads
 * its rows before a new build when another was loaded since (on any connection: at worst a reload too many).
 */
let loaded: Source | undefined;

/** Loads a published table into the explorer's source table and reads what the dimensions hold. */
export class Source {
  private data: CubeData | undefined;

  private constructor(
    readonly runner: Runner,
    readonly spec: SourceSpec,
    /** Known values of each candidate dimension, in display order. */
    readonly known: Map<string, string[]>,
    /** Whether each candidate dimension varies within a person. */
    readonly varying: Map<string, boolean>,
  ) {}

  static async load(runner: Runner, spec: SourceSpec, order: (dimension: string, values: string[]) => string[] = (_, v) => v.sort()): Promise<Source> {
    await runner.all(sourceSql(spec));
    const names = spec.dimensions.map((d) => d.name);
    const known = new Map<string, string[]>(names.map((n) => [n, []]));
    for (const row of await runner.all(knownValuesSql(names))) known.get(String(row.dim))?.push(String(row.value));
    for (const [name, values] of known) known.set(name, order(name, values));
    const [flags] = await runner.all(varyingSql(names));
    const varying = new Map(names.map((n) => [n, Boolean(flags?.[n])]));
    const source = new Source(runner, spec, known, varying);
    loaded = source;
    return source;
  }

  /** Whether the cube built last covers these dimensions (a view of them needs no new build). */
  covers(dimensions: readonly string[]): boolean {
    return this.data !== undefined && dimensions.every((d) => this.data!.cover.includes(d));
  }

  /**
   * The cube for up to three chosen dimensions. Built over `cover` (which should hold `dimensions`)
   * when that stays small, so that a later choice within `cover` reuses it; else over the chosen
   * dimensions alone.
   */
  async cube(dimensions: readonly string[], cover: readonly string[] = dimensions): Promise<Cube> {
    for (const d of dimensions) if (!this.known.has(d)) throw new Error(`${d} is not a dimension of ${this.spec.table}.`);
    if (!this.covers(dimensions)) {
      const wide = [...dimensions, ...cover.filter((d) => !dimensions.includes(d) && this.known.has(d))];
      this.data = (wide.length > dimensions.length ? await this.build(wide, false) : undefined) ?? (await this.build([...dimensions], true));
    }
    return new Cube(this.data!, [...dimensions], this.known);
  }

  /** Builds the cube over `cover`; undefined when it is too large to be worth it and `must` is false. */
  private async build(cover: string[], must: boolean): Promise<CubeData | undefined> {
    // Another source may have replaced the runner's source table since this one was loaded.
    if (loaded !== this) {
      await this.runner.all(sourceSql(this.spec));
      loaded = this;
    }
    const constant = cover.filter((d) => !this.varying.get(d));
    const varying = cover.filter((d) => this.varying.get(d));
    await this.runner.all(tuplesSql(varying));
    const tupleRows = await this.runner.all(`SELECT * FROM explore_tuples ORDER BY idx`);
    if (tupleRows.length > MAX_TUPLES) {
      if (!must) return undefined;
      throw new Error(`These dimensions give ${tupleRows.length.toLocaleString("en-GB")} combinations within people, more than the explorer can hold (${MAX_TUPLES}). Choose fewer dimensions that change between a person's rows.`);
    }
    const tuples: Tuple[] = tupleRows.map((row) => ({ idx: num(row.idx), values: Object.fromEntries(varying.map((d) => [d, String(row[d])])) }));
    const words = wordCount(tuples.length);
    await this.runner.all(peopleCubeSql(constant, varying, words));
    if (!must) {
      const [size] = await this.runner.all(`SELECT count(*)::INTEGER AS n FROM explore_people`);
      if (num(size?.n) > MAX_CUBE_ENTRIES) return undefined;
    }
    await this.runner.all(rowsCubeSql(cover));
    const people = readPeople(await this.runner.all(peopleReadSql(constant, words)), constant, words, this.known);
    const rows = readRows(await this.runner.all(rowsReadSql(cover)), cover, this.known);
    return { cover, constant, varying, tuples, words, people, rows };
  }
}

function codesOf(rows: readonly Row[], dimensions: readonly string[], known: ReadonlyMap<string, readonly string[]>): Map<string, Int32Array> {
  const codes = new Map<string, Int32Array>();
  for (const d of dimensions) {
    const index = new Map((known.get(d) ?? []).map((v, i) => [v, i]));
    codes.set(d, Int32Array.from(rows, (row) => index.get(String(row[d])) ?? -1));
  }
  return codes;
}

function readPeople(rows: readonly Row[], constant: readonly string[], words: number, known: ReadonlyMap<string, readonly string[]>): PeopleArrays {
  const width = words * 2;
  const masks = new Uint32Array(rows.length * width);
  const flags = new Uint32Array(rows.length * width);
  rows.forEach((row, i) => {
    for (let w = 0; w < words; w++) {
      masks[i * width + 2 * w] = num(row[`m${w}_lo`]);
      masks[i * width + 2 * w + 1] = num(row[`m${w}_hi`]);
      flags[i * width + 2 * w] = num(row[`a${w}_lo`]);
      flags[i * width + 2 * w + 1] = num(row[`a${w}_hi`]);
    }
  });
  return { size: rows.length, codes: codesOf(rows, constant, known), masks, flags, people: Float64Array.from(rows, (row) => num(row.people)) };
}

function readRows(rows: readonly Row[], dimensions: readonly string[], known: ReadonlyMap<string, readonly string[]>): RowArrays {
  return {
    size: rows.length,
    codes: codesOf(rows, dimensions, known),
    n: Float64Array.from(rows, (row) => num(row.n)),
    valued: Float64Array.from(rows, (row) => num(row.valued)),
    // A group without values has a NULL sum: it adds nothing (the total is NULL only when nothing was valued).
    total: Float64Array.from(rows, (row) => num(row.total ?? 0)),
    squares: Float64Array.from(rows, (row) => num(row.squares ?? 0)),
  };
}

/** Running sums for one group. */
class Sums {
  people = 0;
  flagged = 0;
  rows = 0;
  valued = 0;
  total = 0;
  squares = 0;

  figures(withRows: boolean): Figures {
    if (!withRows) return { people: this.people, flagged: this.flagged, rows: 0, valued: 0, total: null, squares: null };
    const valued = this.valued > 0;
    return { people: this.people, flagged: this.flagged, rows: this.rows, valued: this.valued, total: valued ? this.total : null, squares: valued ? this.squares : null };
  }
}

/** A view of a cube for the chosen dimensions: what the explorer's charts, headline and table add up. */
export class Cube {
  readonly constant: string[];
  readonly varying: string[];

  constructor(
    private readonly data: CubeData,
    /** The chosen dimensions (filters apply to these only). */
    readonly dimensions: string[],
    readonly known: ReadonlyMap<string, readonly string[]>,
  ) {
    this.constant = dimensions.filter((d) => data.constant.includes(d));
    this.varying = dimensions.filter((d) => data.varying.includes(d));
  }

  /** The dimensions the underlying cube covers (a view of any of them needs no new build). */
  get cover(): readonly string[] {
    return this.data.cover;
  }

  /** How many entries the cube's tables hold (what a filter change adds up). */
  size(): { people: number; rows: number } {
    return { people: this.data.people.size, rows: this.data.rows.size };
  }

  private clean(filters: Filters): Filters {
    return cleanFilters(filters, this.known, this.dimensions);
  }

  private without(filters: Filters, dimension: string): Filters {
    const rest: Filters = { ...filters };
    delete rest[dimension];
    return rest;
  }

  private mask(test: (tuple: Tuple) => boolean): Uint32Array {
    return halves(maskOf(this.data.tuples, this.data.words, test));
  }

  /** Per filtered dimension of `table`, which value codes pass. */
  private allowed(filters: Filters, codes: ReadonlyMap<string, Int32Array>): { codes: Int32Array; pass: Uint8Array }[] {
    const out: { codes: Int32Array; pass: Uint8Array }[] = [];
    for (const [d, values] of Object.entries(filters)) {
      const column = codes.get(d);
      if (!column || values.length === 0) continue;
      const all = this.known.get(d) ?? [];
      out.push({ codes: column, pass: Uint8Array.from(all, (v) => (values.includes(v) ? 1 : 0)) });
    }
    return out;
  }

  /** Adds up the rows table under `filters`, each entry into the group `groupOf` names (-1: none). */
  private addRows(filters: Filters, groupOf: (i: number) => number, sums: (group: number) => Sums): void {
    const rows = this.data.rows;
    const tests = this.allowed(filters, rows.codes);
    entries: for (let i = 0; i < rows.size; i++) {
      for (const t of tests) if (!t.pass[t.codes[i]!]) continue entries;
      const group = groupOf(i);
      if (group < 0) continue;
      const s = sums(group);
      s.rows += rows.n[i]!;
      s.valued += rows.valued[i]!;
      s.total += rows.total[i]!;
      s.squares += rows.squares[i]!;
    }
  }

  /** Calls `visit` with each people entry that passes the filters on constant dimensions. */
  private eachPeople(filters: Filters, visit: (i: number) => void): void {
    const people = this.data.people;
    const tests = this.allowed(filters, people.codes);
    entries: for (let i = 0; i < people.size; i++) {
      for (const t of tests) if (!t.pass[t.codes[i]!]) continue entries;
      visit(i);
    }
  }

  private addPeople(s: Sums, i: number, mask: Uint32Array): void {
    const people = this.data.people;
    if (!meets(people.masks, i, mask)) return;
    s.people += people.people[i]!;
    if (meets(people.flags, i, mask)) s.flagged += people.people[i]!;
  }

  /** The measure by `dimension` under every filter but its own (one bar per known value). `withRows`: also row counts and sums (for means). */
  async bars(dimension: string, filtersIn: Filters, withRows = true): Promise<Bar[]> {
    const filters = this.without(this.clean(filtersIn), dimension);
    const values = this.known.get(dimension) ?? [];
    const sums = values.map(() => new Sums());
    const others = tupleTest(filters, this.varying);
    if (this.data.varying.includes(dimension)) {
      const masks = values.map((value) => this.mask((t) => t.values[dimension] === value && others(t)));
      this.eachPeople(filters, (i) => {
        for (let v = 0; v < masks.length; v++) this.addPeople(sums[v]!, i, masks[v]!);
      });
    } else {
      const mask = this.mask(others);
      const codes = this.data.people.codes.get(dimension)!;
      this.eachPeople(filters, (i) => this.addPeople(sums[codes[i]!]!, i, mask));
    }
    if (withRows) {
      const codes = this.data.rows.codes.get(dimension)!;
      this.addRows(filters, (i) => codes[i]!, (v) => sums[v]!);
    }
    return values.map((value, v) => ({ value, ...sums[v]!.figures(withRows) }));
  }

  /** The measure for every combination of the chosen dimensions under all filters (non-empty cells only). */
  async cells(filtersIn: Filters, withRows = true): Promise<Cell[]> {
    const filters = this.clean(filtersIn);
    const test = tupleTest(filters, this.varying);
    // A cell is a combination of the chosen dimensions' values; its number counts in their known order.
    const sizes = this.dimensions.map((d) => Math.max(1, this.known.get(d)?.length ?? 0));
    const cellOf = (codeOf: (d: string) => number): number => this.dimensions.reduce((cell, d, j) => cell * sizes[j]! + codeOf(d), 0);
    const rank = (d: string, value: string) => (this.known.get(d) ?? []).indexOf(value);
    // The chosen varying dimensions' combinations, each with the mask of the tuples that have it.
    const groups = new Map<string, { values: Record<string, string>; test: (t: Tuple) => boolean }>();
    for (const tuple of this.data.tuples) {
      if (!test(tuple)) continue;
      const values = Object.fromEntries(this.varying.map((d) => [d, tuple.values[d]!]));
      const key = JSON.stringify(values);
      if (!groups.has(key)) groups.set(key, { values, test: (t) => test(t) && this.varying.every((d) => t.values[d] === values[d]) });
    }
    // Each group's mask, and its value code per chosen dimension (-1: a constant dimension, read per entry).
    const masks = [...groups.values()].map((g) => ({ mask: this.mask(g.test), codes: Int32Array.from(this.dimensions, (d) => (g.values[d] !== undefined ? rank(d, g.values[d]!) : -1)) }));
    // The cells as a dense array when there are few (there are at most a few hundred for three splits).
    const cellCount = sizes.reduce((n, size) => n * size, 1);
    const dense: (Sums | undefined)[] | undefined = cellCount <= 1 << 16 ? new Array<Sums | undefined>(cellCount) : undefined;
    const sums = new Map<number, Sums>();
    const at = (cell: number) => {
      if (dense) return (dense[cell] ??= new Sums());
      let s = sums.get(cell);
      if (!s) sums.set(cell, (s = new Sums()));
      return s;
    };
    const people = this.data.people;
    const entryCodes = this.dimensions.map((d) => people.codes.get(d));
    this.eachPeople(filters, (i) => {
      for (const g of masks) {
        if (!meets(people.masks, i, g.mask)) continue;
        let cell = 0;
        for (let j = 0; j < sizes.length; j++) cell = cell * sizes[j]! + (g.codes[j]! >= 0 ? g.codes[j]! : entryCodes[j]![i]!);
        const s = at(cell);
        s.people += people.people[i]!;
        if (meets(people.flags, i, g.mask)) s.flagged += people.people[i]!;
      }
    });
    if (dense) dense.forEach((s, cell) => s && sums.set(cell, s));
    if (withRows) {
      const rowCodes = this.data.rows.codes;
      this.addRows(filters, (i) => {
        const cell = cellOf((d) => rowCodes.get(d)![i]!);
        return sums.has(cell) ? cell : -1;
      }, at);
    }
    const cells: Cell[] = [];
    for (const cell of [...sums.keys()].sort((a, b) => a - b)) {
      const s = sums.get(cell)!;
      if (s.people === 0) continue;
      const keys: Record<string, string> = {};
      let rest = cell;
      for (let j = this.dimensions.length - 1; j >= 0; j--) {
        const d = this.dimensions[j]!;
        keys[d] = (this.known.get(d) ?? [])[rest % sizes[j]!]!;
        rest = Math.floor(rest / sizes[j]!);
      }
      cells.push({ keys: Object.fromEntries(this.dimensions.map((d) => [d, keys[d]!])), ...s.figures(withRows) });
    }
    return cells;
  }

  /** The measure over everyone who matches all filters. */
  async total(filtersIn: Filters, withRows = true): Promise<Figures> {
    const filters = this.clean(filtersIn);
    const mask = this.mask(tupleTest(filters, this.varying));
    const s = new Sums();
    this.eachPeople(filters, (i) => this.addPeople(s, i, mask));
    if (withRows) this.addRows(filters, () => 0, () => s);
    return s.figures(withRows);
  }
}

