import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { quoteIdentifier, quoteLiteral, withDuckDB } from "./duckdb.ts";

/**
 * Fixed Parquet settings: ZSTD, one row-group size, rows in an explicit order. With these DuckDB
 * writes byte-identical files for the same input, whatever the thread count.
 */
export const PARQUET_OPTIONS = "FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE 122880";

export interface CsvToParquetOptions {
  /** Columns to keep, in order. */
  columns: string[];
  /** Columns to sort rows on (then by every kept column, so ties cannot reorder). */
  sortKey: string[];
}

/** Reads a CSV with DuckDB and returns ZSTD Parquet bytes of the chosen columns, sorted. */
export async function csvToParquet(csvFile: string, { columns, sortKey }: CsvToParquetOptions): Promise<Uint8Array> {
  const dir = await mkdtemp(join(tmpdir(), "lero-parquet-"));
  const out = join(dir, "out.parquet");
  try {
    await withDuckDB(async (db) => {
      const select = columns.map(quoteIdentifier).join(", ");
      const order = [...sortKey, ...columns.filter((c) => !sortKey.includes(c))].map(quoteIdentifier).join(", ");
      await db.run(
        `COPY (SELECT ${select} FROM read_csv(${quoteLiteral(csvFile)}, header = true) ORDER BY ${order}) ` +
          `TO ${quoteLiteral(out)} (${PARQUET_OPTIONS})`,
      );
    });
    return new Uint8Array(await readFile(out));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
