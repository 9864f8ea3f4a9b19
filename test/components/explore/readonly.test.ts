import { describe, expect, it } from "vitest";
import { withDuckDB } from "../../../loaders/publish/duckdb.ts";
import { checkReadOnlySql, describeSql, resultSql } from "../../../src/components/explore/readonly.ts";

function rejected(sql: string): string {
  const result = checkReadOnlySql(sql);
  if (result.ok) throw new Error(`accepted: ${sql}`);
  return result.problem.code;
}

describe("the SQL console gate", () => {
  it("accepts one read-only statement", () => {
    for (const sql of [
      "SELECT 1",
      "select setting, count(DISTINCT respondent_ref) AS people FROM stigma GROUP BY setting;",
      "WITH t AS (SELECT * FROM outcomes) SELECT count(*) FROM t -- a comment; COPY",
      "SELECT 'COPY; ATTACH' AS text, \"set\" FROM audit /* DROP */",
      "SELECT replace(region, 'a', 'b') FROM outcomes",
    ]) {
      expect(checkReadOnlySql(sql)).toMatchObject({ ok: true });
    }
    expect(checkReadOnlySql("SELECT 1;  ")).toEqual({ ok: true, sql: "SELECT 1" });
  });

  it("rejects everything else with a code and the place", () => {
    expect(rejected("")).toBe("empty");
    expect(rejected("-- only a comment")).toBe("empty");
    expect(rejected("COPY outcomes TO 'x.csv'")).toBe("not-select");
    expect(rejected("PRAGMA version")).toBe("not-select");
    expect(rejected("SELECT 1; SELECT 2")).toBe("several-statements");
    expect(rejected("SELECT 1; DROP TABLE outcomes")).toBe("several-statements");
    expect(rejected("SELECT * FROM read_csv('/etc/passwd')")).toBe("forbidden-function");
    expect(rejected("SELECT * FROM READ_PARQUET('x')")).toBe("forbidden-function");
    expect(rejected(`SELECT * FROM "read_parquet"('x')`)).toBe("forbidden-function");
    expect(rejected("SELECT * FROM parquet_scan('outcomes')")).toBe("forbidden-function");
    expect(rejected("SELECT * FROM glob('*')")).toBe("forbidden-function");
    expect(rejected("SELECT getenv('HOME')")).toBe("forbidden-function");
    expect(rejected("SELECT * FROM duckdb_settings()")).toBe("forbidden-function");
    expect(rejected("SELECT * FROM 'outcomes.parquet'")).toBe("file-reference");
    expect(rejected(`SELECT * FROM "data.csv"`)).toBe("file-reference");
    expect(rejected("SELECT * FROM 'https://example.org/x'")).toBe("file-reference");
    expect(rejected("WITH x AS (SELECT 1) INSERT INTO t SELECT * FROM x")).toBe("forbidden-word");
    expect(rejected("SELECT 1 FROM outcomes WHERE 1 = 1 UNION ALL SELECT 1 FROM (ATTACH 'x')")).toBe("forbidden-word");
    expect(rejected("SELECT E'\\' ; DROP TABLE x; --'")).toBe("unsupported-quoting");
    expect(rejected("SELECT $$x$$")).toBe("unsupported-quoting");
    expect(rejected("SELECT ?")).toBe("unsupported-quoting");
    expect(rejected("SELECT 'open")).toBe("unterminated");
    expect(rejected("SELECT 1 /* open")).toBe("unterminated");
    const result = checkReadOnlySql("SELECT 1;\nSET threads = 1");
    expect(result).toEqual({ ok: false, problem: { code: "several-statements", message: expect.stringContaining("one statement") as unknown as string, at: 8 } });
  });

  it("wraps a checked query to describe it and read it with plain types", async () => {
    await withDuckDB(async (db) => {
      await db.run("CREATE TABLE t AS SELECT * FROM (VALUES ('a', 1, 2.5, DATE '2024-01-01', [1, 2]), ('b', 9, 3.0, NULL, [])) AS v(k, n, x, d, l)");
      const checked = checkReadOnlySql("SELECT k, n, x, d, l, n FROM t -- trailing comment");
      if (!checked.ok) throw new Error(checked.problem.message);
      const described = (await db.runAndReadAll(describeSql(checked.sql))).getRowObjectsJS();
      const types = described.map((r) => String(r.column_type));
      expect(types).toEqual(["VARCHAR", "INTEGER", "DECIMAL(2,1)", "DATE", "INTEGER[]", "INTEGER"]);
      const rows = (await db.runAndReadAll(resultSql(checked.sql, types, 1))).getRowObjectsJS();
      expect(rows).toEqual([{ c0: "a", c1: 1, c2: 2.5, c3: "2024-01-01", c4: "[1, 2]", c5: 1 }]);
    });
  });
});
