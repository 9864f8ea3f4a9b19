/**
 * Loads typed records into DuckDB and writes them out as Parquet and spreadsheet-safe CSV, with
 * fixed settings so the same records always give the same bytes.
 */
import type { DuckDBAppender, DuckDBConnection } from "@duckdb/node-api";
import { BIGINT, DOUBLE, LIST, VARCHAR, listValue } from "@duckdb/node-api";
import { CSV_ESCAPE, formulaStartRegex } from "../../src/lib/csv-safe.ts";
import type { Field, FieldType } from "../schema.ts";
import { quoteIdentifier, quoteLiteral } from "./duckdb.ts";
import { PARQUET_OPTIONS } from "./parquet.ts";

/** The column a schema field becomes in DuckDB. Dates stay ISO text while loading and are cast on output. */
export interface Column {
  name: string;
  type: FieldType;
  itemType?: FieldType;
}

export function columnsOf(fields: readonly Field[]): Column[] {
  return fields.map((f) => (f.itemType ? { name: f.name, type: f.type, itemType: f.itemType } : { name: f.name, type: f.type }));
}

function loadType(type: FieldType): string {
  switch (type) {
    case "integer":
    case "year":
      return "BIGINT";
    case "number":
      return "DOUBLE";
    case "boolean":
      return "BOOLEAN";
    default:
      return "VARCHAR";
  }
}

function columnLoadType(column: Column): string {
  return column.type === "list" ? `${loadType(column.itemType ?? "string")}[]` : loadType(column.type);
}

/** The SQL expression that gives a loaded column its published type. */
export function outputExpression(column: Column): string {
  const id = quoteIdentifier(column.name);
  if (column.type === "date") return `CAST(${id} AS DATE) AS ${id}`;
  if (column.type === "datetime") return `CAST(${id} AS TIMESTAMP) AS ${id}`;
  if (column.type === "integer" || column.type === "year") return `CAST(${id} AS INTEGER) AS ${id}`;
  return id;
}

function appendScalar(appender: DuckDBAppender, type: FieldType, value: unknown): void {
  if (value === null || value === undefined) return appender.appendNull();
  switch (type) {
    case "integer":
    case "year":
      return appender.appendBigInt(BigInt(value as number));
    case "number":
      return appender.appendDouble(value as number);
    case "boolean":
      return appender.appendBoolean(value as boolean);
    default:
      return appender.appendVarchar(String(value));
  }
}

/** Creates table `name` with one column per field and appends the records (fast: ~1 s per million rows). */
export async function loadRecords(db: DuckDBConnection, name: string, columns: readonly Column[], records: Iterable<Record<string, unknown>>): Promise<void> {
  const definition = columns.map((c) => `${quoteIdentifier(c.name)} ${columnLoadType(c)}`).join(", ");
  await db.run(`CREATE OR REPLACE TABLE ${quoteIdentifier(name)} (${definition})`);
  const appender = await db.createAppender(name);
  for (const record of records) {
    for (const column of columns) {
      const value = record[column.name];
      if (column.type === "list") {
        if (value === null || value === undefined) appender.appendNull();
        else if (column.itemType === "integer") appender.appendList(listValue((value as number[]).map(BigInt)), LIST(BIGINT));
        else if (column.itemType === "number") appender.appendList(listValue(value as number[]), LIST(DOUBLE));
        else appender.appendList(listValue((value as unknown[]).map(String)), LIST(VARCHAR));
      } else appendScalar(appender, column.type, value);
    }
    appender.endRow();
  }
  appender.closeSync();
}

/** The published order: the sort key first, then every other column (lists by their text form). */
function publishedOrder(columns: readonly Column[], sortKey: readonly string[]): string {
  const names = columns.map((c) => c.name);
  const order = [...sortKey.filter((k) => names.includes(k)), ...names.filter((n) => !sortKey.includes(n))];
  const orderBy = order.map((n) => {
    const column = columns.find((c) => c.name === n);
    // Lists sort by their text form so the order is total and stable.
    return column?.type === "list" ? `CAST(${quoteIdentifier(n)} AS VARCHAR)` : quoteIdentifier(n);
  });
  return `${orderBy.join(", ")} NULLS LAST`;
}

/**
 * `SELECT` of the published columns in a total order: the sort key first, then every other column. With
 * a null sort key, the table's rows as stored, for a table `createSorted` made in that order.
 */
export function orderedSelect(
  table: string,
  columns: readonly Column[],
  sortKey: readonly string[] | null,
  expression: (column: Column) => string = outputExpression,
): string {
  const select = `SELECT ${columns.map(expression).join(", ")} FROM ${quoteIdentifier(table)}`;
  return sortKey === null ? select : `${select} ORDER BY ${publishedOrder(columns, sortKey)}`;
}

/**
 * Creates table `name` with the rows of `from` (a table's quoted name or a table function) in the
 * published order, so that the Parquet and the CSV both read them in that order and the rows are
 * sorted once, not once per file. DuckDB keeps a table's rows in the order they were inserted
 * (`preserve_insertion_order`, on by default) and reads them back in it.
 */
export async function createSorted(db: DuckDBConnection, name: string, from: string, columns: readonly Column[], sortKey: readonly string[]): Promise<void> {
  await db.run(`CREATE OR REPLACE TABLE ${quoteIdentifier(name)} AS SELECT * FROM ${from} ORDER BY ${publishedOrder(columns, sortKey)}`);
}

export async function writeParquet(db: DuckDBConnection, select: string, file: string): Promise<void> {
  await db.run(`COPY (${select}) TO ${quoteLiteral(file)} (${PARQUET_OPTIONS})`);
}

/**
 * Writes CSV for download: RFC 4180, UTF-8, header row, lists joined with "; ", and any text cell
 * that a spreadsheet would run as a formula prefixed as src/lib/csv-safe.ts says (the same rule, turned
 * into a DuckDB predicate: `characters` as the policy lists them, e.g. = + - @ tab CR, and their
 * full-width forms).
 */
export async function writeCsv(
  db: DuckDBConnection,
  table: string,
  columns: readonly Column[],
  sortKey: readonly string[] | null,
  file: string,
  characters: string,
  prefix: string = CSV_ESCAPE.prefix,
): Promise<void> {
  const pattern = quoteLiteral(formulaStartRegex([...characters]));
  const safe = (text: string): string => `CASE WHEN regexp_matches(${text}, ${pattern}) THEN ${quoteLiteral(prefix)} || ${text} ELSE ${text} END`;
  const cell = (c: Column): string => {
    const id = quoteIdentifier(c.name);
    if (c.type === "list") return `${safe(`array_to_string(${id}, '; ')`)} AS ${id}`;
    if (c.type === "string" || c.type === "any") return `${safe(id)} AS ${id}`;
    return outputExpression(c);
  };
  await db.run(`COPY (${orderedSelect(table, columns, sortKey, cell)}) TO ${quoteLiteral(file)} (FORMAT csv, HEADER true)`);
}
