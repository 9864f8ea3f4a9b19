/**
 * Build-time DuckDB (Node). SQL is built from fixed text plus identifiers and literals quoted by
 * src/lib/sql-quote.ts (re-exported here for the pipeline); no user text is pasted into SQL anywhere else.
 */
import { DuckDBInstance, type DuckDBConnection } from "@duckdb/node-api";

export { quoteIdentifier, quoteLiteral } from "../../src/lib/sql-quote.ts";

/**
 * Runs `work` with a fresh in-memory DuckDB connection and always closes it. `LERO_DUCKDB_THREADS`
 * sets the thread count (output must not depend on it; the tests check that).
 */
export async function withDuckDB<T>(work: (connection: DuckDBConnection) => Promise<T>): Promise<T> {
  const threads = process.env.LERO_DUCKDB_THREADS;
  const instance = await DuckDBInstance.create(":memory:", threads ? { threads } : {});
  const connection = await instance.connect();
  try {
    return await work(connection);
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

/**
 * Runs a query and returns its rows as plain objects, with BIGINT and DECIMAL values as JavaScript
 * numbers (counts and means in this project stay far below 2^53).
 */
export async function queryRows(db: DuckDBConnection, sql: string): Promise<Record<string, unknown>[]> {
  return (await db.runAndReadAll(sql)).getRowObjectsJS().map(plainRow);
}

function plainRow(row: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(row)) {
    out[key] = typeof value === "bigint" ? Number(value) : value !== null && typeof value === "object" && !Array.isArray(value) && "toDouble" in value ? (value as { toDouble(): number }).toDouble() : value;
  }
  return out;
}
