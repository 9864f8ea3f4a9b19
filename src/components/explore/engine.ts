/**
 * DuckDB-wasm for the explorer, started only when the page asks for it (the page paints its skeleton
 * first). The published Parquet files are registered by URL, so DuckDB reads them with HTTP range
 * requests (only the columns and row groups a query needs), and each is a view named after its
 * dataset.
 *
 * Two connections: the explorer's, which holds the data cube as TEMP tables (visible to it alone), and
 * the SQL console's, which sees only the published views.
 */
import { quoteIdentifier, sqlLiteral } from "../../lib/sql-quote.js";
import type { Row, Runner } from "./cube.js";

interface ArrowTableLike {
  toArray(): { toJSON(): Record<string, unknown> }[];
}

interface ConnectionLike {
  query(sql: string): Promise<ArrowTableLike>;
  close(): Promise<void>;
}

interface AsyncDuckDBLike {
  connect(): Promise<ConnectionLike>;
  registerFileURL(name: string, url: string, protocol: number, directIO: boolean): Promise<void>;
  copyFileToBuffer(name: string): Promise<Uint8Array>;
  dropFile(name: string): Promise<unknown>;
}

/** Framework's `DuckDBClient` (from `npm:@observablehq/duckdb`), as far as the explorer uses it. */
export interface DuckDBClientClass {
  of(sources?: Record<string, unknown>): Promise<unknown>;
}

export interface AttachedFile {
  url(): Promise<string> | string;
}

/** DuckDB-wasm's number for files read over HTTP (DuckDBDataProtocol.HTTP). */
const HTTP = 4;

function rows(table: ArrowTableLike): Row[] {
  return table.toArray().map((row) => row.toJSON());
}

function runner(connection: ConnectionLike): Runner {
  return { all: async (sql) => rows(await connection.query(sql)) };
}

export class Engine {
  private consoleConnection: Promise<ConnectionLike> | undefined;
  private exports = 0;

  private constructor(
    private readonly db: AsyncDuckDBLike,
    private readonly explorerConnection: ConnectionLike,
    /** The published tables, by dataset name. */
    readonly tables: string[],
  ) {}

  /** Starts DuckDB-wasm and registers each dataset's Parquet file as a view. */
  static async start(client: DuckDBClientClass, files: Record<string, AttachedFile>): Promise<Engine> {
    const instance = (await client.of({})) as { _db?: AsyncDuckDBLike };
    const db = instance._db;
    if (!db) throw new Error("DuckDB-wasm did not start (no database in the client).");
    const setup = await db.connect();
    const tables: string[] = [];
    try {
      for (const [name, file] of Object.entries(files)) {
        const url = new URL(await file.url(), location.href).href;
        const registered = `${name}.parquet`;
        await db.registerFileURL(registered, url, HTTP, false);
        await setup.query(`CREATE OR REPLACE VIEW ${quoteIdentifier(name)} AS SELECT * FROM parquet_scan(${sqlLiteral(registered)})`);
        tables.push(name);
      }
    } finally {
      await setup.close();
    }
    return new Engine(db, await db.connect(), tables);
  }

  /** The explorer's connection (temp tables live here). */
  get explorer(): Runner {
    return runner(this.explorerConnection);
  }

  /** Runs SQL on the console's connection, which sees only the published views. */
  async console(sql: string): Promise<Row[]> {
    this.consoleConnection ??= this.db.connect();
    return rows(await (await this.consoleConnection).query(sql));
  }

  /** Runs a COPY … TO '<file>' built by `exportParquetSql` and returns the file's bytes. */
  async exportParquet(build: (file: string) => string): Promise<Uint8Array> {
    const file = `explore-export-${++this.exports}.parquet`;
    await this.explorerConnection.query(build(file));
    try {
      return await this.db.copyFileToBuffer(file);
    } finally {
      await this.db.dropFile(file);
    }
  }
}
