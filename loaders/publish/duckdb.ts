/**
 * Build-time DuckDB (Node). SQL is built from fixed text plus identifiers and literals quoted here;
 * no user text is pasted into SQL anywhere else.
 */
import { DuckDBInstance, type DuckDBConnection } from "@duckdb/node-api";

/** Quotes an identifier (table or column name) for DuckDB SQL. */
export function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** Quotes a string literal for the places DuckDB does not take parameters (file paths in COPY/read_csv). */
export function quoteLiteral(value: string): string {
  if (value.includes("\0")) throw new Error(`NUL byte in SQL literal: ${JSON.stringify(value)}`);
  return `'${value.replaceAll("'", "''")}'`;
}

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
