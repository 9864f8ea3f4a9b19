/**
 * Quoting for DuckDB SQL, the one place where text becomes SQL: identifiers (table and column names)
 * and literals where DuckDB takes no parameters (file paths in COPY and read_parquet, values baked
 * into a pre-aggregation). Shared by the build (DuckDB in Node) and the explorer (DuckDB-wasm), so it
 * imports nothing. A NUL byte is refused rather than quoted: DuckDB would cut the text at it.
 */

/** Quotes an identifier (table or column name): `a"b` → `"a""b"`. */
export function quoteIdentifier(name: string): string {
  if (name.includes("\0")) throw new Error(`An identifier cannot contain a NUL byte: ${JSON.stringify(name)}`);
  return `"${name.replaceAll('"', '""')}"`;
}

/** Quotes a string literal: `it's` → `'it''s'`. */
export function quoteLiteral(value: string): string {
  if (value.includes("\0")) throw new Error(`A text value cannot contain a NUL byte: ${JSON.stringify(value)}`);
  return `'${value.replaceAll("'", "''")}'`;
}

/** Any value as an SQL literal: NULL, TRUE/FALSE, a finite number, a BIGINT, or a quoted string. */
export function sqlLiteral(value: string | number | bigint | boolean | null): string {
  if (value === null) return "NULL";
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  if (typeof value === "bigint") return `${value.toString()}::BIGINT`;
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new Error(`Not a finite number: ${value}`);
    return String(value);
  }
  return quoteLiteral(value);
}
