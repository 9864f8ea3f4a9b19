import { describe, expect, it } from "vitest";
import * as pipeline from "../../loaders/publish/duckdb.ts";
import { queryRows, withDuckDB } from "../../loaders/publish/duckdb.ts";
import { quoteIdentifier, quoteLiteral, sqlLiteral } from "../../src/lib/sql-quote.ts";

const HOSTILE = ['plain', 'O\'Brien', 'a "quoted" name', "'; DROP TABLE t; --", '"; DROP TABLE t; --', "line\nbreak", "ünïcödé ＝＋"];

describe("SQL quoting", () => {
  it("quotes identifiers and literals", () => {
    expect(quoteIdentifier('a "b"')).toBe('"a ""b"""');
    expect(quoteLiteral("O'Brien")).toBe("'O''Brien'");
    expect(sqlLiteral("O'Brien")).toBe("'O''Brien'");
    expect(sqlLiteral(null)).toBe("NULL");
    expect(sqlLiteral(true)).toBe("TRUE");
    expect(sqlLiteral(3)).toBe("3");
    expect(sqlLiteral(5n)).toBe("5::BIGINT");
    expect(() => sqlLiteral(Number.NaN)).toThrow(/finite/);
  });

  it("refuses a NUL byte, which DuckDB would cut the text at", () => {
    expect(() => quoteIdentifier("a\0b")).toThrow(/NUL/);
    expect(() => quoteLiteral("a\0b")).toThrow(/NUL/);
    expect(() => sqlLiteral("a\0b")).toThrow(/NUL/);
  });

  it("is the same helper in the pipeline and in the explorer", () => {
    expect(pipeline.quoteIdentifier).toBe(quoteIdentifier);
    expect(pipeline.quoteLiteral).toBe(quoteLiteral);
  });

  it("round-trips hostile text through DuckDB as a value and as a column name", async () => {
    const rows = await withDuckDB((db) => queryRows(db, `SELECT ${HOSTILE.map((text, i) => `${quoteLiteral(text)} AS ${quoteIdentifier(`${text}${i}`)}`).join(", ")}`));
    expect(rows).toEqual([Object.fromEntries(HOSTILE.map((text, i) => [`${text}${i}`, text]))]);
  });
});
