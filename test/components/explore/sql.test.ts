import { describe, expect, it } from "vitest";
import type { DuckDBConnection } from "@duckdb/node-api";
import { withDuckDB } from "../../../loaders/publish/duckdb.ts";
import { Source, type Cube, type Figures, type Runner } from "../../../src/components/explore/cube.ts";
import { quoteIdentifier, sqlLiteral } from "../../../src/lib/sql-quote.ts";
import {
  cleanFilters,
  exportParquetSql,
  maskOf,
  peopleReadSql,
  rowsReadSql,
  sourceSql,
  tuplesSql,
  type Filters,
} from "../../../src/components/explore/sql.ts";

const HOSTILE_TABLE = 'odd "table"; DROP TABLE x; --';
const HOSTILE_DIM = 'age "band"';
const HOSTILE_VALUE = "O'Brien'); DROP TABLE explore_src; --";

function runner(db: DuckDBConnection): Runner {
  return { all: async (sql) => (await db.runAndReadAll(sql)).getRowObjectsJS() as Record<string, unknown>[] };
}

/** A deterministic little table: 60 people, 1–4 assessments each, one hostile value. */
async function makeTable(db: DuckDBConnection): Promise<void> {
  const rows: string[] = [];
  const assessments = ["Intake", "3 months", "6 months", "12 months"];
  for (let p = 0; p < 60; p++) {
    const region = p % 3 === 0 ? "North East" : p % 3 === 1 ? "Wales" : HOSTILE_VALUE;
    const age = ["18–34", "35–54", "55+"][p % 5 === 0 ? 2 : p % 2]!;
    const gender = p % 7 === 0 ? null : p % 2 === 0 ? "Woman" : "Man";
    for (let a = 0; a <= p % 4; a++) {
      const score = 10 + ((p * 7 + a * 5) % 51);
      const avoided = (p + a) % 3 === 0;
      // Null scores too: a mean counts only the rows with a value.
      const value = (p + a) % 11 === 0 ? "NULL" : String(score);
      // A second dimension that varies within people, with enough values for two mask words (80 combinations).
      const visit = `v${(p * 3 + a) % 20}`;
      rows.push(`(${sqlLiteral(`p${p}`)}, ${sqlLiteral(assessments[a]!)}, ${sqlLiteral(region)}, ${sqlLiteral(age)}, ${sqlLiteral(gender)}, ${value}, ${avoided}, ${sqlLiteral(visit)})`);
    }
  }
  await db.run(
    `CREATE TABLE ${quoteIdentifier(HOSTILE_TABLE)} AS SELECT * FROM (VALUES ${rows.join(", ")}) AS t(person_ref, assessment, region, ${quoteIdentifier(HOSTILE_DIM)}, gender, barc_total, avoided, visit)`,
  );
}

const SPEC = {
  table: HOSTILE_TABLE,
  subject: "person_ref",
  dimensions: [
    { name: "assessment", type: "string" },
    { name: "region", type: "string" },
    { name: HOSTILE_DIM, type: "string" },
    { name: "gender", type: "string" },
  ],
  value: "barc_total",
  flag: "avoided",
};
const EVERY_DIMENSION = SPEC.dimensions.map((d) => d.name);

/** The same figures counted the slow way: distinct people over the raw table. */
interface Direct {
  people: number;
  flagged: number;
  mean: number | null;
  rows: number;
  valued: number;
  total: number | null;
  squares: number | null;
}

async function direct(db: DuckDBConnection, filters: Filters, groupBy: string[] = []): Promise<Map<string, Direct>> {
  const where = Object.entries(filters)
    .filter(([, v]) => v.length)
    .map(([d, v]) => `coalesce(CAST(${quoteIdentifier(d)} AS VARCHAR), '[x]') IN (${v.map(sqlLiteral).join(", ")})`);
  const keys = groupBy.map((d) => `coalesce(CAST(${quoteIdentifier(d)} AS VARCHAR), '[x]')`);
  const sql = `SELECT ${[...keys.map((k, i) => `${k} AS k${i}`), "count(DISTINCT person_ref)::INTEGER AS people", "count(DISTINCT CASE WHEN avoided THEN person_ref END)::INTEGER AS flagged", "avg(barc_total)::DOUBLE AS mean", "count(*)::INTEGER AS n", "count(barc_total)::INTEGER AS valued", "sum(barc_total)::DOUBLE AS total", "sum(barc_total * barc_total)::DOUBLE AS squares"].join(", ")} FROM ${quoteIdentifier(HOSTILE_TABLE)}${where.length ? ` WHERE ${where.join(" AND ")}` : ""}${keys.length ? ` GROUP BY ${keys.join(", ")}` : ""}`;
  const out = new Map<string, Direct>();
  const orNull = (v: unknown) => (v === null ? null : Number(v));
  for (const row of (await db.runAndReadAll(sql)).getRowObjectsJS()) {
    out.set(groupBy.map((_, i) => String(row[`k${i}`])).join("|"), {
      people: Number(row.people),
      flagged: Number(row.flagged),
      mean: orNull(row.mean),
      rows: Number(row.n),
      valued: Number(row.valued),
      total: orNull(row.total),
      squares: orNull(row.squares),
    });
  }
  return out;
}

function freshSource(db: DuckDBConnection): Promise<Source> {
  return Source.load(runner(db), SPEC);
}

const CASES: Filters[] = [
  {},
  { region: [HOSTILE_VALUE] },
  { assessment: ["Intake", "12 months"] },
  { assessment: ["6 months"], region: ["Wales", HOSTILE_VALUE], [HOSTILE_DIM]: ["55+"] },
  { gender: ["[x]"], assessment: ["3 months"] },
];

/** Every figure of the cube, under each filter, exactly as counted over the raw rows. */
async function expectDirect(db: DuckDBConnection, cube: Cube, dims: string[], known: ReadonlyMap<string, readonly string[]>, extra: Filters[] = []): Promise<void> {
  const exact = (got: Figures, want: Direct | undefined, where: unknown[]) => {
    expect([...where, got.people, got.flagged, got.rows, got.valued, got.total, got.squares]).toEqual([
      ...where,
      want?.people ?? 0,
      want?.flagged ?? 0,
      want?.rows ?? 0,
      want?.valued ?? 0,
      want?.total ?? null,
      want?.squares ?? null,
    ]);
  };
  for (const raw of [...CASES, ...extra]) {
    const filters = cleanFilters(raw, known, dims);
    exact(await cube.total(filters), (await direct(db, filters)).get(""), [dims, filters, "total"]);
    // Without rows (a count or a share): no row figures at all.
    const counted = await cube.total(filters, false);
    expect([counted.rows, counted.valued, counted.total]).toEqual([0, 0, null]);
    for (const dim of dims) {
      const others = { ...filters };
      delete others[dim];
      const want = await direct(db, others, [dim]);
      const bars = await cube.bars(dim, filters);
      expect(bars.map((b) => b.value)).toEqual(known.get(dim));
      for (const bar of bars) exact(bar, want.get(bar.value), [dims, filters, dim, bar.value]);
    }
    const wantCells = await direct(db, filters, dims);
    const cells = await cube.cells(filters);
    expect(cells.length).toBe(wantCells.size);
    for (const cell of cells) exact(cell, wantCells.get(dims.map((d) => cell.keys[d]).join("|")), [dims, filters, cell.keys]);
    // In the known order of the first dimension, then the next.
    const ranks = cells.map((c) => dims.map((d) => known.get(d)!.indexOf(c.keys[d]!)));
    expect(ranks).toEqual([...ranks].sort((a, b) => a.reduce((diff, x, i) => diff || x - b[i]!, 0)));
  }
}

describe("explorer SQL helpers", () => {
  it("builds the expected SQL", () => {
    expect(tuplesSql([])).toBe("CREATE OR REPLACE TEMP TABLE explore_tuples AS SELECT 0 AS idx");
    expect(sourceSql({ table: "t", subject: "id", dimensions: [{ name: "ok", type: "boolean" }] })).toBe(
      `CREATE OR REPLACE TEMP TABLE explore_src AS SELECT CAST("id" AS VARCHAR) AS "__subject", CASE WHEN "ok" THEN 'Yes' WHEN NOT "ok" THEN 'No' ELSE '[x]' END AS "ok", NULL::DOUBLE AS "__value", FALSE AS "__flag" FROM "t"`,
    );
    expect(peopleReadSql(["region"], 1)).toBe(
      `SELECT "region", (m0 & 4294967295)::DOUBLE AS m0_lo, (m0 >> 32)::DOUBLE AS m0_hi, (a0 & 4294967295)::DOUBLE AS a0_lo, (a0 >> 32)::DOUBLE AS a0_hi, people::DOUBLE AS people FROM explore_people`,
    );
    expect(rowsReadSql(['a "b"'])).toBe(`SELECT "a ""b""", n::DOUBLE AS n, valued::DOUBLE AS valued, total, squares FROM explore_rows`);
  });

  it("keeps only known filter values on chosen dimensions", () => {
    const known = new Map([
      ["region", ["North East", "Wales"]],
      ["gender", ["Man", "Woman"]],
    ]);
    expect(cleanFilters({ region: ["Wales", "Mars", "North East", "Wales"], gender: ["Man"], role: ["x"] }, known, ["region"])).toEqual({ region: ["North East", "Wales"] });
  });

  it("sets bits of the right mask word", () => {
    const tuples = Array.from({ length: 70 }, (_, idx) => ({ idx, values: { a: String(idx) } }));
    const mask = maskOf(tuples, 2, (t) => t.idx === 0 || t.idx === 62 || t.idx === 63);
    expect(mask).toEqual([1n | (1n << 62n), 1n]);
  });

  it("answers every filter combination from the cube exactly as distinct counts over the raw rows", async () => {
    await withDuckDB(async (db) => {
      await makeTable(db);
      const source = await Source.load(runner(db), SPEC);
      expect(source.known.get("region")).toEqual(["North East", HOSTILE_VALUE, "Wales"]);
      expect(source.known.get("gender")).toEqual(["Man", "Woman", "[x]"]);
      expect(source.varying.get("assessment")).toBe(true);
      expect(source.varying.get("region")).toBe(false);
      // The hostile table, column and value survived: nothing was dropped.
      expect((await db.runAndReadAll(`SELECT count(*)::INTEGER AS n FROM ${quoteIdentifier(HOSTILE_TABLE)}`)).getRowObjectsJS()[0]?.n).toBeGreaterThan(60);

      // The cube over every dimension (as the explorer builds it) and over the chosen ones alone.
      const wide = await source.cube(["assessment"], EVERY_DIMENSION);
      expect(wide.cover).toEqual(EVERY_DIMENSION);
      for (const dims of [["assessment", "region", HOSTILE_DIM], ["region", "gender"], ["assessment"], ["assessment", "gender"], [HOSTILE_DIM, "assessment"], []]) {
        for (const cube of [await source.cube(dims, EVERY_DIMENSION), await freshSource(db).then((s) => s.cube(dims))]) {
          expect(cube.dimensions).toEqual(dims);
          await expectDirect(db, cube, dims, source.known);
        }
      }
      // A choice the wide cube covers needs no new build: the same arrays answer it.
      expect((await source.cube(["gender", "region"], EVERY_DIMENSION)).size()).toEqual(wide.size());
    });
  });

  it("holds more than 63 combinations within people (two mask words) and means over null values", async () => {
    await withDuckDB(async (db) => {
      await makeTable(db);
      const source = await Source.load(runner(db), { ...SPEC, dimensions: [...SPEC.dimensions, { name: "visit", type: "string" }] });
      expect(source.varying.get("visit")).toBe(true);
      const cube = await source.cube(["visit", "assessment", "region"]);
      await expectDirect(db, cube, ["visit", "assessment", "region"], source.known, [{ visit: ["v19", "v3"] }, { visit: ["v7"], assessment: ["Intake"] }]);
    });
  });

  it("builds again from its own rows after another data set was loaded on the same connection", async () => {
    await withDuckDB(async (db) => {
      await makeTable(db);
      const first = await Source.load(runner(db), SPEC);
      await first.cube(["region"]);
      const other = await Source.load(runner(db), { ...SPEC, answeredOnly: true, flag: "avoided", value: undefined });
      await other.cube(["gender"]);
      // `first` must not read the other source's table: its figures are still the raw table's.
      await expectDirect(db, await first.cube(["assessment", "gender"]), ["assessment", "gender"], first.known);
    });
  });

  it("drops filter values that were never known", async () => {
    await withDuckDB(async (db) => {
      await makeTable(db);
      const source = await Source.load(runner(db), SPEC);
      const cube = await source.cube(["region"]);
      // Unknown values are dropped: the filter is then simply not applied (filters never become SQL).
      expect((await cube.total({ region: ["x' OR 1=1 --"] })).people).toBe(60);
    });
  });

  it("writes protected rows to Parquet with literals only", async () => {
    await withDuckDB(async (db) => {
      const file = `${process.env.TMPDIR ?? "/tmp"}/explore-export-${process.pid}.parquet`;
      await db.run(
        exportParquetSql(file, [{ name: 'set"ting', type: "VARCHAR" }, { name: "people", type: "INTEGER" }, { name: "people_symbol", type: "VARCHAR" }], [
          ["GP", 15, null],
          ["O'Brien", null, "[c]"],
        ]),
      );
      const rows = (await db.runAndReadAll(`SELECT * FROM read_parquet(${sqlLiteral(file)})`)).getRowObjectsJS();
      expect(rows).toEqual([
        { 'set"ting': "GP", people: 15, people_symbol: null },
        { 'set"ting': "O'Brien", people: null, people_symbol: "[c]" },
      ]);
      await db.run(exportParquetSql(file, [{ name: "a", type: "DOUBLE" }], []));
      expect((await db.runAndReadAll(`SELECT count(*)::INTEGER AS n FROM read_parquet(${sqlLiteral(file)})`)).getRowObjectsJS()[0]?.n).toBe(0);
    });
  });
});
