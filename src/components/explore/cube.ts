/**
 * The explorer's data cube over one published table: built once per dataset and choice of
 * dimensions, then every filter change is answered from small pre-aggregated tables (see
 * `sql.ts` for how). Works over any `Runner`: DuckDB-wasm in the browser, DuckDB in Node for
 * the tests. Returns raw figures; `view.ts` protects them before anything is shown.
 */
import {
  MAX_TUPLES,
  cleanFilters,
  knownValuesSql,
  maskOf,
  peopleCubeSql,
  peopleSql,
  rowsCubeSql,
  rowsSql,
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

const EMPTY: Figures = { people: 0, flagged: 0, rows: 0, valued: 0, total: null, squares: null };

function num(value: unknown): number {
  return typeof value === "number" ? value : typeof value === "bigint" ? Number(value) : Number(value ?? 0);
}

/** Loads a published table into the explorer's source table and reads what the dimensions hold. */
export class Source {
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
    return new Source(runner, spec, known, varying);
  }

  /** Builds the cube for up to three chosen dimensions. */
  async cube(dimensions: readonly string[]): Promise<Cube> {
    for (const d of dimensions) if (!this.known.has(d)) throw new Error(`${d} is not a dimension of ${this.spec.table}.`);
    const constant = dimensions.filter((d) => !this.varying.get(d));
    const varying = dimensions.filter((d) => this.varying.get(d));
    await this.runner.all(tuplesSql(varying));
    const tupleRows = await this.runner.all(`SELECT * FROM explore_tuples ORDER BY idx`);
    if (tupleRows.length > MAX_TUPLES) {
      throw new Error(`These dimensions give ${tupleRows.length.toLocaleString("en-GB")} combinations within people, more than the explorer can hold (${MAX_TUPLES}). Choose fewer dimensions that change between a person's rows.`);
    }
    const tuples: Tuple[] = tupleRows.map((row) => ({ idx: num(row.idx), values: Object.fromEntries(varying.map((d) => [d, String(row[d])])) }));
    const words = wordCount(tuples.length);
    await this.runner.all(peopleCubeSql(constant, varying, words));
    await this.runner.all(rowsCubeSql(dimensions));
    return new Cube(this.runner, [...dimensions], constant, varying, tuples, words, this.known);
  }
}

export class Cube {
  constructor(
    readonly runner: Runner,
    readonly dimensions: string[],
    readonly constant: string[],
    readonly varying: string[],
    readonly tuples: Tuple[],
    readonly words: number,
    readonly known: ReadonlyMap<string, readonly string[]>,
  ) {}

  /** How many rows the people table has (for the record: it is what a filter change scans). */
  async size(): Promise<{ people: number; rows: number }> {
    const [p] = await this.runner.all(`SELECT count(*)::INTEGER AS n FROM explore_people`);
    const [r] = await this.runner.all(`SELECT count(*)::INTEGER AS n FROM explore_rows`);
    return { people: num(p?.n), rows: num(r?.n) };
  }

  private clean(filters: Filters): Filters {
    return cleanFilters(filters, this.known, this.dimensions);
  }

  private without(filters: Filters, dimension: string): Filters {
    const rest: Filters = { ...filters };
    delete rest[dimension];
    return rest;
  }

  /** The measure by `dimension` under every filter but its own (one bar per known value). `withRows`: also row counts and sums (for means). */
  async bars(dimension: string, filtersIn: Filters, withRows = true): Promise<Bar[]> {
    const filters = this.without(this.clean(filtersIn), dimension);
    const values = this.known.get(dimension) ?? [];
    const people = new Map<string, Row>();
    if (this.varying.includes(dimension)) {
      const others = tupleTest(filters, this.varying);
      const groups = values.map((value) => ({
        keys: { [dimension]: value },
        mask: maskOf(this.tuples, this.words, (t) => t.values[dimension] === value && others(t)),
      }));
      const sql = peopleSql({ groupBy: [], filters, constant: this.constant, known: this.known, words: this.words, groups });
      for (const row of await this.runner.all(sql)) people.set(String(row[dimension]), row);
    } else {
      const mask = maskOf(this.tuples, this.words, tupleTest(filters, this.varying));
      const sql = peopleSql({ groupBy: [dimension], filters, constant: this.constant, known: this.known, words: this.words, mask });
      for (const row of await this.runner.all(sql)) people.set(String(row[dimension]), row);
    }
    const rows = new Map<string, Row>();
    if (withRows) for (const row of await this.runner.all(rowsSql([dimension], filters, this.dimensions, this.known))) rows.set(String(row[dimension]), row);
    return values.map((value) => ({ value, ...figures(people.get(value), rows.get(value)) }));
  }

  /** The measure for every combination of the chosen dimensions under all filters (non-empty cells only). */
  async cells(filtersIn: Filters, withRows = true): Promise<Cell[]> {
    const filters = this.clean(filtersIn);
    const test = tupleTest(filters, this.varying);
    const groups = this.varying.length
      ? this.tuples.filter(test).map((t) => ({ keys: t.values, mask: maskOf(this.tuples, this.words, (u) => u.idx === t.idx) }))
      : undefined;
    const sql = peopleSql({
      groupBy: this.constant,
      filters,
      constant: this.constant,
      known: this.known,
      words: this.words,
      ...(groups ? { groups } : { mask: maskOf(this.tuples, this.words, () => true) }),
    });
    const key = (row: Row) => this.dimensions.map((d) => String(row[d])).join("\u0000");
    const rows = new Map<string, Row>();
    if (withRows) for (const row of await this.runner.all(rowsSql(this.dimensions, filters, this.dimensions, this.known))) rows.set(key(row), row);
    const cells: Cell[] = [];
    for (const row of await this.runner.all(sql)) {
      if (num(row.people) === 0) continue;
      cells.push({ keys: Object.fromEntries(this.dimensions.map((d) => [d, String(row[d])])), ...figures(row, rows.get(key(row))) });
    }
    const rank = (d: string, v: string) => (this.known.get(d) ?? []).indexOf(v);
    cells.sort((a, b) => {
      for (const d of this.dimensions) {
        const diff = rank(d, a.keys[d]!) - rank(d, b.keys[d]!);
        if (diff !== 0) return diff;
      }
      return 0;
    });
    return cells;
  }

  /** The measure over everyone who matches all filters. */
  async total(filtersIn: Filters, withRows = true): Promise<Figures> {
    const filters = this.clean(filtersIn);
    const mask = maskOf(this.tuples, this.words, tupleTest(filters, this.varying));
    const [people] = await this.runner.all(peopleSql({ groupBy: [], filters, constant: this.constant, known: this.known, words: this.words, mask }));
    const [rows] = withRows ? await this.runner.all(rowsSql([], filters, this.dimensions, this.known)) : [];
    return figures(people, rows);
  }
}

function figures(people: Row | undefined, rows: Row | undefined): Figures {
  if (!people && !rows) return { ...EMPTY };
  const total = rows?.total;
  const squares = rows?.squares;
  return {
    people: num(people?.people),
    flagged: num(people?.flagged),
    rows: num(rows?.n),
    valued: num(rows?.valued),
    total: total === null || total === undefined ? null : num(total),
    squares: squares === null || squares === undefined ? null : num(squares),
  };
}
