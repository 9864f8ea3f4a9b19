import { describe, expect, it } from "vitest";
import type { DuckDBConnection } from "@duckdb/node-api";
import { withDuckDB } from "../../../loaders/publish/duckdb.ts";
import { Source, type Runner } from "../../../src/components/explore/cube.ts";
import { quoteIdentifier, sqlLiteral } from "../../../src/lib/sql-quote.ts";
import {
  cleanFilters,
  exportParquetSql,
  inList,
  maskCondition,
  maskOf,
  peopleSql,
  rowsSql,
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
      rows.push(`(${sqlLiteral(`p${p}`)}, ${sqlLiteral(assessments[a]!)}, ${sqlLiteral(region)}, ${sqlLiteral(age)}, ${sqlLiteral(gender)}, ${score}, ${avoided})`);
    }
  }
  await db.run(
    `CREATE TABLE ${quoteIdentifier(HOSTILE_TABLE)} AS SELECT * FROM (VALUES ${rows.join(", ")}) AS t(person_ref, assessment, region, ${quoteIdentifier(HOSTILE_DIM)}, gender, barc_total, avoided)`,
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

/** The same figures counted the slow way: distinct people over the raw table. */
async function direct(db: DuckDBConnection, filters: Filters, groupBy: string[] = []): Promise<Map<string, { people: number; flagged: number; mean: number | null }>> {
  const where = Object.entries(filters)
    .filter(([, v]) => v.length)
    .map(([d, v]) => `coalesce(CAST(${quoteIdentifier(d)} AS VARCHAR), '[x]') IN (${v.map(sqlLiteral).join(", ")})`);
  const keys = groupBy.map((d) => `coalesce(CAST(${quoteIdentifier(d)} AS VARCHAR), '[x]')`);
  const sql = `SELECT ${[...keys.map((k, i) => `${k} AS k${i}`), "count(DISTINCT person_ref)::INTEGER AS people", "count(DISTINCT CASE WHEN avoided THEN person_ref END)::INTEGER AS flagged", "avg(barc_total)::DOUBLE AS mean"].join(", ")} FROM ${quoteIdentifier(HOSTILE_TABLE)}${where.length ? ` WHERE ${where.join(" AND ")}` : ""}${keys.length ? ` GROUP BY ${keys.join(", ")}` : ""}`;
  const out = new Map<string, { people: number; flagged: number; mean: number | null }>();
  for (const row of (await db.runAndReadAll(sql)).getRowObjectsJS()) {
    out.set(groupBy.map((_, i) => String(row[`k${i}`])).join("|"), { people: Number(row.people), flagged: Number(row.flagged), mean: row.mean === null ? null : Number(row.mean) });
  }
  return out;
}

describe("explorer SQL helpers", () => {
  it("builds the expected SQL", () => {
    const known = new Map([["region", ["North East", "Wales"]]]);
    expect(inList("region", ["Wales"], known)).toBe(`"region" IN ('Wales')`);
    expect(() => inList("region", ["Mars"], known)).toThrow(/not a known value/);
    expect(maskCondition("p.m", [5n, 0n])).toBe("((p.m0 & 5::BIGINT) <> 0)");
    expect(maskCondition("p.m", [0n])).toBe("FALSE");
    expect(tuplesSql([])).toBe("CREATE OR REPLACE TEMP TABLE explore_tuples AS SELECT 0 AS idx");
    expect(rowsSql(["region"], { region: ["Wales"] }, ["region"], known)).toBe(
      `SELECT "region", coalesce(sum(n), 0)::INTEGER AS n, sum(total)::DOUBLE AS total, sum(squares)::DOUBLE AS squares, coalesce(sum(valued), 0)::INTEGER AS valued FROM explore_rows WHERE "region" IN ('Wales') GROUP BY "region" ORDER BY "region"`,
    );
    expect(sourceSql({ table: "t", subject: "id", dimensions: [{ name: "ok", type: "boolean" }] })).toBe(
      `CREATE OR REPLACE TEMP TABLE explore_src AS SELECT CAST("id" AS VARCHAR) AS "__subject", CASE WHEN "ok" THEN 'Yes' WHEN NOT "ok" THEN 'No' ELSE '[x]' END AS "ok", NULL::DOUBLE AS "__value", FALSE AS "__flag" FROM "t"`,
    );
    expect(
      peopleSql({ groupBy: ["region"], filters: { region: ["Wales"] }, constant: ["region"], known, words: 1, mask: [3n] }),
    ).toBe(
      `SELECT p."region", coalesce(sum(p.people), 0)::INTEGER AS people, coalesce(sum(p.people) FILTER (WHERE ((p.a0 & 3::BIGINT) <> 0)), 0)::INTEGER AS flagged FROM explore_people p WHERE p."region" IN ('Wales') AND ((p.m0 & 3::BIGINT) <> 0) GROUP BY p."region" ORDER BY p."region"`,
    );
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

      for (const dims of [["assessment", "region", HOSTILE_DIM], ["region", "gender"], ["assessment"], ["assessment", "gender"]]) {
        const cube = await source.cube(dims);
        const cases: Filters[] = [
          {},
          { region: [HOSTILE_VALUE] },
          { assessment: ["Intake", "12 months"] },
          { assessment: ["6 months"], region: ["Wales", HOSTILE_VALUE], [HOSTILE_DIM]: ["55+"] },
          { gender: ["[x]"], assessment: ["3 months"] },
        ];
        for (const raw of cases) {
          const filters = cleanFilters(raw, source.known, dims);
          const total = await cube.total(filters);
          const expected = (await direct(db, filters)).get("")!;
          expect(total.people).toBe(expected.people);
          expect(total.flagged).toBe(expected.flagged);
          if (expected.mean !== null) expect(total.total! / total.rows).toBeCloseTo(expected.mean, 9);
          for (const dim of dims) {
            const others = { ...filters };
            delete others[dim];
            const want = await direct(db, others, [dim]);
            for (const bar of await cube.bars(dim, filters)) {
              const w = want.get(bar.value);
              expect([dims.join(","), JSON.stringify(filters), dim, bar.value, bar.people, bar.flagged]).toEqual([dims.join(","), JSON.stringify(filters), dim, bar.value, w?.people ?? 0, w?.flagged ?? 0]);
              if (w?.mean != null) expect(bar.total! / bar.rows).toBeCloseTo(w.mean, 9);
            }
          }
          const wantCells = await direct(db, filters, dims);
          const cells = await cube.cells(filters);
          expect(cells.length).toBe(wantCells.size);
          for (const cell of cells) {
            const w = wantCells.get(dims.map((d) => cell.keys[d]).join("|"));
            expect(cell.people).toBe(w?.people);
            expect(cell.flagged).toBe(w?.flagged);
          }
        }
      }
    });
  });

  it("refuses filter values that were never known", async () => {
    await withDuckDB(async (db) => {
      await makeTable(db);
      const source = await Source.load(runner(db), SPEC);
      const cube = await source.cube(["region"]);
      const known = new Map([["region", ["Wales"]]]);
      expect(() => peopleSql({ groupBy: [], filters: { region: ["x' OR 1=1 --"] }, constant: ["region"], known, words: 1, mask: [1n] })).toThrow(/not a known value/);
      // Unknown values are dropped before they reach SQL: the filter is then simply not applied.
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
