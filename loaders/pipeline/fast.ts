/**
 * The DuckDB fast path: one dataset read, validated, pseudonymised and disclosure-controlled inside
 * DuckDB, for exports DuckDB can read strictly, with the same result — byte for byte once published —
 * as the exact JavaScript path (read → validate → `discloseRecords`).
 *
 * It takes a file only when nothing in it needs the JavaScript path's judgement. The rules, each a
 * reason logged when the file goes to the JavaScript path instead:
 * - The schema: published as microdata, longitudinal (a required subject), fields of type string,
 *   integer or date (`%Y-%m-%d` or ISO), string or date quasi-identifiers, no free text, no field
 *   missing values, constraints only required/minimum/maximum, a primary key, no unique keys, foreign
 *   keys of one field, a pattern field whose categories are plain ASCII.
 * - The file: no mapping file; plain UTF-8 text without a byte order mark, no double quote, no
 *   carriage return, no blank line; the first line is exactly the schema's field names, in order,
 *   comma-separated; every line has as many cells (DuckDB's strict mode); at least one row.
 * - A row is taken as it is when every cell is in canonical form and valid, so the JavaScript path
 *   would take it unchanged: text with nothing to trim and no control characters, not a missing-value
 *   marker; a category exactly as the schema writes it; a whole number without sign, padding or
 *   leading zeros (unless negative), of at most 15 digits; a date as YYYY-MM-DD that is a calendar
 *   date; within minimum and maximum; in the reference table for a foreign key; required cells
 *   present. No primary key may repeat among these rows. Whole numbers are checked as the export is
 *   read and stored as numbers; text cells are checked once per distinct value (the subject's from
 *   its groups of rows, which then serve the key check, the register's order and the subjects' values).
 * - Any other row (at most `maxRejectedShare` of them) is validated by the JavaScript validator itself,
 *   so its issues and positions are exactly the JavaScript path's. The file stays on the fast path only
 *   if each such row is rejected for reasons of its own (a type, constraint or foreign-key error):
 *   when one would be accepted once read (padding, case, another date form, a missing-value marker),
 *   repeats another row, or repeats the key of an accepted row, the whole file goes to the JavaScript path.
 *
 * Then, as `discloseRecords` does: each distinct identifier's random ID from the register (asked for
 * in order of first appearance, so the register is filled exactly as the JavaScript path fills it) and
 * its pseudonym, HMAC-SHA256 of that ID computed by DuckDB (`hmacSql` in disclose/pseudonym.ts); each
 * subject's quasi values taken from its first row (`arg_min`) and its attendance pattern; k-anonymity
 * searched by `kAnonymiseEncoded` over the combinations of those values with their subject counts (a
 * GROUP BY), applied in SQL, classes numbered by a GROUP BY; l-diversity counted per class in
 * SQL, from each subject's values of each sensitive field as a set of bits when the field has at most 64
 * values (else over the rows). The rows are never copied: `pub_<name>` is a view of the export's own
 * table joined to the subjects' pseudonyms, generalised values and classes, and the published rows
 * (`m_<name>`) and the rows aggregate tables count (`t_<name>`) are views over it for the caller to write.
 */
import { open } from "node:fs/promises";
import { DuckDBDataChunk, INTEGER as INTEGER_TYPE, VARCHAR, type DuckDBConnection, type DuckDBType } from "@duckdb/node-api";
import type { DisclosedDataset, DisclosureReport } from "../disclose/apply.ts";
import { dateLadder, PATTERN, pseudonymField, pseudonymised, publishedFields, rowLevelExcluded } from "../disclose/apply.ts";
import { kAnonymiseEncoded, type QuasiIdentifier } from "../disclose/kanon.ts";
import type { DisclosurePolicy } from "../disclose/policy.ts";
import { hmacSql, pseudonymBitsSql, pseudonymCodeSql } from "../disclose/pseudonym.ts";
import type { PseudonymRegister } from "../disclose/register.ts";
import { quoteIdentifier as id, quoteLiteral as lit } from "../publish/duckdb.ts";
import { hasOwnDictionary } from "../read/adapters/redcap.ts";
import { adaptPlain } from "../read/adapters/plain.ts";
import { buildTable } from "../read/columns.ts";
import { detectFormat } from "../read/detect.ts";
import { applyMapping } from "../read/mapping.ts";
import { readText } from "../read/source.ts";
import type { Issue } from "../types.ts";
import { compileCaster, INVALID, validateTable } from "../validate/index.ts";
import type { RejectionSummary } from "./dataset.ts";
import { categoryValue, type Field, type HierarchyLevel, type TableSchema } from "../schema.ts";

export interface FastInput {
  name: string;
  schema: TableSchema;
  file: string;
  /** A mapping file for this export, if there is one (the fast path takes none). */
  mapping?: string;
  policy: DisclosurePolicy;
  pseudonymKey: string;
  register: PseudonymRegister;
  references: Record<string, ReadonlySet<string>>;
  /** One line per stage with rows per second (the caller decides whether to show it). */
  progress?: (line: string) => void;
}

export interface FastResult {
  read: number;
  /** Rows the JavaScript validator rejected, with its issues (positions as in the export). */
  rejected: RejectionSummary[];
  issues: Issue[];
  /** `records` and `tableRecords` are empty: the rows are in DuckDB views `microdata` and `table`. */
  disclosed: DisclosedDataset;
  microdata: string;
  table: string;
}

export type FastOutcome = ({ ok: true } & FastResult) | { ok: false; reason: string };

/** Why the fast path cannot take this schema, or undefined when it can. */
export function fastPathSchemaProblem(schema: TableSchema): string | undefined {
  const lero = schema.lero;
  if (lero.publish !== "microdata") return "it is published as tables only";
  if (lero.subject === undefined) return "it has no subject (only longitudinal data is supported)";
  const byName = new Map(schema.fields.map((f) => [f.name, f]));
  const subject = byName.get(lero.subject);
  if (subject === undefined || subject.constraints?.required !== true) return "its subject is not a required field";
  if (schema.primaryKey === undefined || schema.primaryKey.length === 0) return "it has no primary key";
  if ((schema.uniqueKeys ?? []).length > 0) return "it has unique keys";
  if (lero.patternQuasi === undefined && !schema.fields.some((f) => f.lero.role === "quasi")) return "it has no quasi-identifiers";
  for (const key of schema.foreignKeys ?? []) if (key.fields.length !== 1) return "a foreign key has more than one field";
  if (lero.patternQuasi !== undefined) {
    const pattern = byName.get(lero.patternQuasi);
    const values = (pattern?.categories ?? []).map((c) => String(categoryValue(c)));
    if (pattern?.type !== "string" || values.length === 0 || !values.every((v) => /^[ -~]+$/.test(v))) return "its pattern field is not a string with plain ASCII categories";
    if (values.length > 15) return "its pattern field has more than 15 categories";
  }
  for (const field of schema.fields) {
    const where = `field "${field.name}"`;
    if (field.name.startsWith("__")) return `${where} starts with "__"`;
    if (!["string", "integer", "date"].includes(field.type)) return `${where} is of type ${field.type}`;
    if (field.lero.role === "free-text") return `${where} is free text`;
    if (field.missingValues !== undefined) return `${where} has its own missing values`;
    if (field.type === "string" && field.format !== undefined && field.format !== "default") return `${where} has format ${field.format}`;
    if (field.type === "date" && !(field.format === undefined || field.format === "default" || field.format === "%Y-%m-%d")) return `${where} has date format ${field.format}`;
    if (field.type !== "string" && field.categories !== undefined) return `${where} has categories but is not a string`;
    if (field.lero.role === "quasi" && field.type === "integer") return `${where} is a whole-number quasi-identifier`;
    if ((field.categories ?? []).some((c) => String(categoryValue(c)) in Object.prototype)) return `${where} has a category named like a built-in property`;
    const c = field.constraints ?? {};
    for (const key of Object.keys(c)) if (!["required", "minimum", "maximum"].includes(key)) return `${where} has constraint ${key}`;
    if (field.type === "string" && (c.minimum !== undefined || c.maximum !== undefined)) return `${where} has a minimum or maximum on text`;
    for (const bound of [c.minimum, c.maximum]) {
      if (bound === undefined) continue;
      if (field.type === "integer" && !Number.isSafeInteger(Number(bound))) return `${where} has a bound that is not a whole number`;
      if (field.type === "date" && !/^[ -~]*$/.test(String(bound))) return `${where} has a bound that is not plain ASCII`;
    }
  }
  return undefined;
}

/** What the byte scan of a file found: the data rows (lines after the header), or why it does not qualify. */
export async function scanExport(file: string, schema: TableSchema): Promise<{ rows: number } | { reason: string }> {
  const handle = await open(file, "r");
  try {
    const chunk = Buffer.alloc(1 << 20);
    let newlines = 0;
    let last = -1;
    let first = true;
    let position = 0;
    for (;;) {
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, position);
      if (bytesRead === 0) break;
      const bytes = chunk.subarray(0, bytesRead);
      if (first) {
        first = false;
        if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { reason: "it starts with a byte order mark" };
        const end = bytes.indexOf(0x0a);
        if (end < 0) return { reason: "its header line is not within the first megabyte or the file has no rows" };
        const header = bytes.subarray(0, end).toString("utf8");
        if (header !== schema.fields.map((f) => f.name).join(",")) return { reason: "its header is not exactly the schema's field names in order" };
        const second = bytes.subarray(end + 1, Math.max(end + 1, bytes.indexOf(0x0a, end + 1))).toString("utf8");
        const records = [header.split(","), ...(second === "" ? [] : [second.split(",")])];
        if (hasOwnDictionary(file) || detectFormat(records) !== "plain") return { reason: "it looks like a survey tool's export rather than a plain table" };
      }
      if (bytes.indexOf(0x22) >= 0) return { reason: "it has double quotes" };
      if (bytes.indexOf(0x0d) >= 0) return { reason: "it has carriage returns" };
      if ((last === 0x0a && bytes[0] === 0x0a) || bytes.indexOf("\n\n") >= 0) return { reason: "it has a blank line" };
      for (let at = bytes.indexOf(0x0a); at >= 0; at = bytes.indexOf(0x0a, at + 1)) newlines++;
      last = bytes[bytesRead - 1]!;
      position += bytesRead;
    }
    const lines = newlines + (last === 0x0a ? 0 : 1);
    if (lines < 2) return { reason: "it has no rows" };
    return { rows: lines - 1 };
  } finally {
    await handle.close();
  }
}

// Text the JavaScript path keeps as it is: nothing `trim()` would remove at either end (ASCII controls
// and space, C1 controls, Unicode spaces and separators, the byte order mark) and no control character.
const EDGE = "[^\\x{0}-\\x{20}\\x{7F}-\\x{A0}\\p{Z}\\x{FEFF}]";
const INNER = "[^\\x{0}-\\x{1F}\\x{7F}-\\x{9F}\\x{2028}\\x{2029}]";
const TEXT = `${EDGE}(?:${INNER}*${EDGE})?`;
const INTEGER = "0|-?[1-9][0-9]{0,14}";
const DATE = "[1-9][0-9]{3}-[0-9]{2}-[0-9]{2}";

function loadType(field: Field): string {
  return field.type === "integer" || field.type === "year" ? "BIGINT" : field.type === "number" ? "DOUBLE" : "VARCHAR";
}

/**
 * The canonical texts of a whole-number field with a minimum and maximum at most 64 apart, from the
 * minimum up (`String` of each number, as the JavaScript path writes them); undefined for other fields.
 */
function integerRange(field: Field): string[] | undefined {
  const { minimum, maximum } = field.constraints ?? {};
  if (field.type !== "integer" || minimum === undefined || maximum === undefined || Number(maximum) - Number(minimum) > 63) return undefined;
  return Array.from({ length: Math.max(0, Number(maximum) - Number(minimum) + 1) }, (_, i) => String(Number(minimum) + i));
}

/** The smallest SQL integer type that holds every value a whole-number field allows (BIGINT when unbounded). */
function storedIntegerType(field: Field): string {
  const { minimum, maximum } = field.constraints ?? {};
  if (minimum === undefined || maximum === undefined) return "BIGINT";
  const [low, high] = [Number(minimum), Number(maximum)];
  for (const [type, bits] of [["TINYINT", 7], ["SMALLINT", 15], ["INTEGER", 31]] as const) if (low >= -(2 ** bits) && high < 2 ** bits) return type;
  return "BIGINT";
}

/** The SQL condition that a raw cell is in canonical form and passes every check of its field. */
function cellCondition(field: Field, schema: TableSchema, references: Record<string, ReadonlySet<string>>): string {
  const v = id(field.name);
  const missing = (schema.missingValues ?? []).filter((m) => m !== "");
  const required = field.constraints?.required === true || (schema.primaryKey ?? []).includes(field.name);
  const reference = (schema.foreignKeys ?? []).find((k) => k.fields[0] === field.name);
  const referenceSet = reference ? references[reference.reference.resource] : undefined;
  const range = integerRange(field);
  const parts: string[] = [];
  if (field.categories !== undefined && field.categories.length > 0) {
    // Exactly a category value that no other category's label or value would turn into something else.
    const values = field.categories.map((c) => String(categoryValue(c)));
    const allowed = values.filter((value) => !missing.includes(value) && (referenceSet === undefined || referenceSet.has(value)));
    parts.push(allowed.length === 0 ? "false" : `${v} IN (${allowed.map(lit).join(", ")})`);
  } else if (range !== undefined) {
    // Exactly the canonical text of a whole number within the bounds: cheaper than a pattern and two
    // casts. Not `IN (…)`: DuckDB turns that into a join, and the export's table would lose its order.
    const allowed = range.filter((value) => !missing.includes(value) && (referenceSet === undefined || referenceSet.has(value)));
    parts.push(allowed.length === 0 ? "false" : `list_contains([${allowed.map(lit).join(", ")}], ${v})`);
  } else {
    if (field.type === "string") parts.push(`regexp_full_match(${v}, ${lit(TEXT)})`);
    if (field.type === "integer") parts.push(`regexp_full_match(${v}, ${lit(INTEGER)})`);
    if (field.type === "date") parts.push(`regexp_full_match(${v}, ${lit(DATE)})`, `strftime(TRY_CAST(${v} AS DATE), '%Y-%m-%d') = ${v}`);
    if (missing.length > 0) parts.push(`${v} NOT IN (${missing.map(lit).join(", ")})`);
    if (referenceSet !== undefined) parts.push(`${v} IN (SELECT value FROM ${id(`ref_${field.name}`)})`);
  }
  const c = field.constraints ?? {};
  if (range !== undefined) {
    const canonical = parts.join(" AND ");
    return required ? `coalesce(${v} IS NOT NULL AND ${canonical}, false)` : `coalesce(${v} IS NULL OR (${canonical}), false)`;
  }
  const typed = field.type === "integer" ? `TRY_CAST(${v} AS BIGINT)` : v;
  const bound = (b: number | string) => (field.type === "integer" ? String(Number(b)) : lit(String(b)));
  if (c.minimum !== undefined) parts.push(`${typed} >= ${bound(c.minimum)}`);
  if (c.maximum !== undefined) parts.push(`${typed} <= ${bound(c.maximum)}`);
  const canonical = parts.join(" AND ");
  return required ? `coalesce(${v} IS NOT NULL AND ${canonical}, false)` : `coalesce(${v} IS NULL OR (${canonical}), false)`;
}

/** A value through hierarchy levels as `kAnonymise` applies them: `map`, else `otherwise`, else as it is; null stays null. */
function generalise(expression: string, levels: readonly HierarchyLevel[]): string {
  let e = expression;
  for (const level of levels) {
    const cases = Object.entries(level.map ?? {}).map(([from, to]) => `WHEN ${e} = ${lit(from)} THEN ${lit(to)}`);
    const otherwise = level.otherwise !== undefined ? lit(level.otherwise) : e;
    if (cases.length === 0 && level.otherwise === undefined) continue;
    e = `(CASE WHEN ${e} IS NULL THEN NULL ${cases.join(" ")} ELSE ${otherwise} END)`;
  }
  return e;
}

/**
 * A canonical cell as one bit of a number, for a set of values as the bits of one number: bit i for its
 * field's i-th possible value (a category, or a whole number from the minimum up). Undefined when the
 * field can take more than 64 values. A CASE on the text costs less than looking it up in a list.
 */
function valueBit(field: Field, cell: string): string | undefined {
  const values = (field.categories ?? []).map((c) => String(categoryValue(c)));
  if (values.length === 0) {
    // Whole numbers are stored as numbers (`readExportTable`): bit (value − minimum).
    const range = integerRange(field);
    if (range === undefined || range.length === 0) return undefined;
    return `(1::UBIGINT << CAST(CAST(${cell} AS BIGINT) - ${Number(field.constraints!.minimum)} AS UBIGINT))`;
  }
  if (values.length > 64) return undefined;
  return `(CASE ${cell} ${values.map((v, i) => `WHEN ${lit(v)} THEN ${2n ** BigInt(i)}::UBIGINT`).join(" ")} END)`;
}

interface Diversity {
  /** Rows of the subjects kept by k-anonymity, before the classes that fail leave. */
  rows: number;
  failing: number[];
  removed: { classes: number; rows: number; subjects: number };
  smallest: number;
}

/** Classes whose fewest distinct values of a sensitive field (fields with none not counted) is under `l`. */
function judgeDiversity(rows: readonly Record<string, unknown>[], fields: number, l: number): Diversity {
  const failing: number[] = [];
  const removed = { classes: 0, rows: 0, subjects: 0 };
  let smallest = Infinity;
  let total = 0;
  for (const row of rows) {
    total += Number(row["nrows"]);
    let diversity = Infinity;
    for (let i = 0; i < fields; i++) {
      const d = Number(row[`d${i}`]);
      if (d > 0) diversity = Math.min(diversity, d);
    }
    if (diversity < l) {
      failing.push(Number(row["cls"]));
      removed.classes++;
      removed.rows += Number(row["nrows"]);
      removed.subjects += Number(row["subjects"]);
    } else smallest = Math.min(smallest, diversity);
  }
  return { rows: total, failing, removed, smallest };
}

/** A date's ladder (`dateLadder`): level 1 is "2024 Q1", level 2 the year. */
function generaliseDate(expression: string, level: number): string {
  if (level === 0) return expression;
  if (level === 1) return `(substr(${expression}, 1, 4) || ' Q' || CAST(CAST(ceil(CAST(substr(${expression}, 6, 2) AS INTEGER) / 3) AS INTEGER) AS VARCHAR))`;
  return `substr(${expression}, 1, 4)`;
}

/** Appends whole columns to `table` a vector (2048 rows) at a time: far fewer calls than cell by cell. */
async function appendColumns(db: DuckDBConnection, table: string, types: readonly DuckDBType[], columns: readonly (readonly (string | number | null)[])[]): Promise<void> {
  const appender = await db.createAppender(table);
  const rows = columns[0]?.length ?? 0;
  for (let from = 0; from < rows; from += 2048) {
    const to = Math.min(rows, from + 2048);
    const chunk = DuckDBDataChunk.create(types, to - from);
    chunk.setColumns(columns.map((column) => column.slice(from, to)));
    appender.appendDataChunk(chunk);
  }
  appender.closeSync();
}

/**
 * The bytes DuckDB reads from the export at a time, per thread: a quarter of its default (16 × the
 * largest line, 32 MiB), so that reading fits in a small memory limit (`fastMemoryLimit`); the fast
 * path's exports have no free text, so a line is far shorter than DuckDB's default largest (2 MiB).
 */
const CSV_BUFFER_BYTES = 8 * 2 ** 20;

/** `read_csv` of the export, strictly, every column as text. */
function readCsv(file: string, schema: TableSchema): string {
  const columns = schema.fields.map((f) => `${lit(f.name)}: 'VARCHAR'`).join(", ");
  return `read_csv(${lit(file)}, header = true, auto_detect = false, columns = {${columns}}, delim = ',', quote = '"', escape = '"', new_line = '\\n', strict_mode = true, null_padding = false, buffer_size = ${CSV_BUFFER_BYTES})`;
}

/**
 * The columns of the export's table: text as read, whole numbers as numbers when their cell passes its
 * checks (else null), and `__bad` with bit i set when the i-th whole-number field's cell does not. Numbers
 * take less memory than their text and need no cast later; a cell that passed is its number's canonical
 * text, so `String(value)` gives the cell back.
 */
function readColumns(schema: TableSchema, references: Record<string, ReadonlySet<string>>): string[] {
  const passes = new Map(schema.fields.filter((f) => f.type === "integer").map((f) => [f, cellCondition(f, schema, references)]));
  const columns = schema.fields.map((f) => (passes.has(f) ? `CASE WHEN ${passes.get(f)} THEN CAST(${id(f.name)} AS ${storedIntegerType(f)}) END AS ${id(f.name)}` : id(f.name)));
  const bad = [...passes.values()].map((condition, i) => `CASE WHEN ${condition} THEN 0 ELSE ${2n ** BigInt(i)} END::UBIGINT`);
  return [...columns, `${bad.length > 0 ? bad.join(" | ") : "0::UBIGINT"} AS __bad`];
}

/** Identifiers asked of the register at a time. */
const ID_BATCH = 50_000;

interface Checked {
  rejected: RejectionSummary[];
  issues: Issue[];
}

/** Issues the JavaScript validator gives a row on its own, whatever the rows around it. */
const ROW_CODES: ReadonlySet<string> = new Set(["type-error", "constraint-error", "foreign-key"]);

/**
 * The rows with a cell out of canonical form or not valid, validated by the JavaScript validator itself
 * (as a table of just those rows, with their lines in the export), so their issues are exactly the
 * ones the JavaScript path reports. This holds only when each of them is rejected for reasons of its
 * own: when one would be accepted, repeat another row, or repeat the key of an accepted row, the whole
 * file goes to the JavaScript path.
 */
async function checkRows(db: DuckDBConnection, input: FastInput, raw: string, read: number): Promise<Checked | { reason: string }> {
  const { name, schema, file, policy, references } = input;
  const sus = id(`sus_${name}`);
  const condition = [...schema.fields.filter((f) => f.type !== "integer").map((f) => cellCondition(f, schema, references)), "__bad = 0"].join(" AND ");
  const fields = schema.fields.map((f) => id(f.name)).join(", ");
  await db.run(`CREATE OR REPLACE TABLE ${sus} AS SELECT rowid AS r, __bad <> 0 AS b, ${fields} FROM ${id(raw)} WHERE NOT (${condition})`);
  const count = Number((await single(db, `SELECT count(*) AS n FROM ${sus}`))["n"]);
  if (count > policy.maxRejectedShare * read) return { reason: "too many rows to check one by one" };
  let found = (await db.runAndReadAll(`SELECT r, ${fields} FROM ${sus} ORDER BY r`)).getRowsJS();
  if (Number((await single(db, `SELECT count(*) FILTER (WHERE b) AS n FROM ${sus}`))["n"]) > 0) {
    // A whole number that failed its checks was not kept as read: read the export again as text for these rows.
    const again = id(`txt_${name}`);
    await db.run(`CREATE OR REPLACE TABLE ${again} AS SELECT * FROM ${readCsv(file, schema)}`);
    found = (await db.runAndReadAll(`SELECT t.rowid AS r, ${schema.fields.map((f) => `t.${id(f.name)}`).join(", ")} FROM ${again} t WHERE t.rowid IN (SELECT r FROM ${sus}) ORDER BY t.rowid`)).getRowsJS();
    await db.run(`DROP TABLE ${again}`);
  }
  const text = [schema.fields.map((f) => f.name).join(","), ...found.map((row) => row.slice(1).map((cell) => (cell === null ? "" : String(cell))).join(","))].join("\n");
  const source = readText(file, text, "utf-8");
  if (detectFormat(source.records) !== "plain") return { reason: "its rows do not read as a plain table" };
  const built = applyMapping(buildTable(source, adaptPlain(source.records)), schema);
  if (built.rows.length !== found.length) return { reason: "its rows do not read back one for one" };
  const table = { ...built, lines: found.map((row) => Number(row[0]) + 2) };
  const validation = validateTable(table, schema, { references, maxRejectedShare: 1 });
  if (validation.records.length > 0) return { reason: "the JavaScript path would accept some of them as it reads them" };
  if (validation.issues.some((issue) => !ROW_CODES.has(issue.code) || issue.row === undefined)) return { reason: "some of them need the rows around them to be judged" };
  const rowOf = (row: number) => Number(found[row - 1]![0]) + 1;
  // A rejected row is also told when its key repeats an accepted row's: look for that in SQL.
  const keyFields = schema.primaryKey!.map((n) => schema.fields.find((f) => f.name === n)!);
  const casters = keyFields.map((f) => compileCaster(f, { listSeparator: table.listSeparator, missingValues: schema.missingValues }));
  const columns = table.labels;
  const keyColumns: (string | number | null)[][] = [[], ...keyFields.map(() => [])];
  table.rows.forEach((cells, j) => {
    const values = keyFields.map((f, i) => casters[i]!.cast(cells[columns.indexOf(f.name)] ?? null));
    if (values.some((v) => v === null || v === INVALID)) return;
    keyColumns[0]!.push(Number(found[j]![0]));
    values.forEach((v, i) => keyColumns[i + 1]!.push(String(v)));
  });
  await db.run(`CREATE OR REPLACE TABLE ${id(`suspk_${name}`)} (r INTEGER, ${keyFields.map((_, i) => `k${i} VARCHAR`).join(", ")})`);
  await appendColumns(db, `suspk_${name}`, [INTEGER_TYPE, ...keyFields.map(() => VARCHAR)], keyColumns);
  const repeats = await single(
    db,
    `SELECT count(*) AS n FROM ${id(`suspk_${name}`)} s JOIN ${id(raw)} c ON ${keyFields.map((f, i) => `${f.type === "integer" ? `CAST(c.${id(f.name)} AS VARCHAR)` : `c.${id(f.name)}`} = s.k${i}`).join(" AND ")} AND c.rowid < s.r WHERE c.rowid NOT IN (SELECT r FROM ${sus})`,
  );
  if (Number(repeats["n"]) > 0) return { reason: "a rejected row repeats the key of an accepted row" };
  return {
    rejected: validation.rejected.map((r) => ({ row: rowOf(r.row), line: r.line, codes: [...new Set(r.issues.map((i) => i.code))] })),
    issues: validation.issues.map((issue) => ({ ...issue, row: rowOf(issue.row!) })),
  };
}

async function single(db: DuckDBConnection, sql: string): Promise<Record<string, unknown>> {
  return (await db.runAndReadAll(sql)).getRowObjectsJS()[0] ?? {};
}

/**
 * Runs the fast path on `input.file` in `db`, or says why the file must take the JavaScript path.
 * On success the published rows are in view `m_<name>` and the table rows in view `t_<name>`, both
 * over view `pub_<name>` of tables `raw_<name>`, `gen_<name>`, `sus_<name>` and `ps_<name>_*`, which
 * must stay until they are written.
 */
export async function fastDataset(db: DuckDBConnection, input: FastInput): Promise<FastOutcome> {
  const { name, schema, file, policy } = input;
  const problem = fastPathSchemaProblem(schema);
  if (problem !== undefined) return { ok: false, reason: `the ${name} schema is not supported: ${problem}` };
  if (input.mapping !== undefined) return { ok: false, reason: "the export has a mapping file" };
  let started = performance.now();
  const stage = (what: string, rows: number) => {
    const seconds = (performance.now() - started) / 1000;
    input.progress?.(`  ${name}: ${what} ${rows.toLocaleString("en-GB")} rows in ${seconds.toFixed(2)} s (${Math.round(rows / Math.max(seconds, 1e-6)).toLocaleString("en-GB")} rows/s)`);
    started = performance.now();
  };
  const scan = await scanExport(file, schema);
  if ("reason" in scan) return { ok: false, reason: scan.reason };
  stage("scanned", scan.rows);

  const raw = `raw_${name}`;
  let done = false;
  try {
    for (const key of schema.foreignKeys ?? []) {
      const values = input.references[key.reference.resource];
      const field = schema.fields.find((f) => f.name === key.fields[0]);
      if (values === undefined || field?.categories !== undefined) continue;
      await db.run(`CREATE OR REPLACE TABLE ${id(`ref_${key.fields[0]!}`)} (value VARCHAR)`);
      await appendColumns(db, `ref_${key.fields[0]!}`, [VARCHAR], [[...values]]);
    }
    const create = `CREATE OR REPLACE TABLE ${id(raw)} AS SELECT ${readColumns(schema, input.references).join(", ")} FROM ${readCsv(file, schema)}`;
    // Row numbers are the export's order only when DuckDB writes the table in batches of the file's
    // order; a plan that may not (a join in a check) would give rows the wrong first rows and lines.
    // With one thread DuckDB reads the file from start to end and writes the rows as it reads them.
    const plan = String((await db.runAndReadAll(`EXPLAIN ${create}`)).getRows()[0]?.[1] ?? "");
    const threads = Number((await single(db, "SELECT current_setting('threads') AS n"))["n"]);
    if (!plan.includes("BATCH_CREATE_TABLE_AS") && !(threads === 1 && plan.includes("CREATE_TABLE_AS"))) throw new Error("DuckDB would not keep the export's rows in order as it reads them");
    try {
      await db.run(create);
    } catch (error) {
      return { ok: false, reason: `DuckDB cannot read it strictly (${String((error as Error).message).split("\n")[0]})` };
    }
    const read = Number((await single(db, `SELECT count(*) AS n FROM ${id(raw)}`))["n"]);
    if (read !== scan.rows) return { ok: false, reason: `DuckDB read ${read} rows but the file has ${scan.rows} lines of data` };
    stage("read", read);

    // Validation: only detects. Any cell the JavaScript path would read differently or reject sends the
    // file there. Whole numbers were checked as they were read; each distinct value of a text column is
    // checked once (a column holds far fewer values than rows), and the cells that fail are then counted.
    // The subject's values are checked from its groups (`groupSubjects`), which are then right as they
    // are when no row is out: each row is in its subject's group.
    await db.run(`CREATE OR REPLACE TABLE ${id(`sus_${name}`)} (r BIGINT)`);
    let subjects = await groupSubjects(db, input);
    const integers = schema.fields.filter((f) => f.type === "integer");
    const texts = schema.fields.filter((f) => f.type !== "integer");
    const counted = (f: Field) => (f.name === schema.lero.subject ? `(SELECT v AS ${id(f.name)}, __n AS n FROM ${id(`sg_${name}`)})` : `(SELECT ${id(f.name)}, count(*) AS n FROM ${id(raw)} GROUP BY 1)`);
    const checks = [
      ...texts.map((f) => `SELECT ${lit(f.name)} AS f, sum(n)::BIGINT AS n FROM ${counted(f)} WHERE NOT ${cellCondition(f, schema, input.references)}`),
      ...(integers.length > 0 ? [`SELECT * FROM (UNPIVOT (SELECT ${integers.map((f, i) => `count(*) FILTER (WHERE (__bad >> ${i}) & 1 = 1) AS ${id(f.name)}`).join(", ")} FROM ${id(raw)}) ON COLUMNS(*) INTO NAME f VALUE n)`] : []),
    ];
    const failures = (await db.runAndReadAll(checks.join(" UNION ALL "))).getRowObjectsJS();
    const order = schema.fields.map((f) => f.name);
    const bad = failures
      .filter((r) => r["n"] !== null && Number(r["n"]) > 0)
      .map((r) => [String(r["f"]), Number(r["n"])] as const)
      .sort((a, b) => order.indexOf(a[0]) - order.indexOf(b[0]));
    let checked: Checked = { rejected: [], issues: [] };
    if (bad.length > 0) {
      const exact = await checkRows(db, input, raw, read);
      if ("reason" in exact) return { ok: false, reason: `cells not in canonical form or not valid (${bad.map(([f, n]) => `${f}: ${n}`).join(", ")}), and ${exact.reason}` };
      checked = exact;
      subjects = await groupSubjects(db, input);
    }
    // When the primary key is the subject and its pattern field, the key check comes from the subjects'
    // groups too (a subject's distinct pattern values are the bits set).
    const key = new Set(schema.primaryKey!);
    const pattern = schema.lero.patternQuasi;
    const counts =
      pattern !== undefined && key.size === 2 && key.has(schema.lero.subject!) && key.has(pattern)
        ? await single(db, `SELECT coalesce(sum(__n), 0) AS n, coalesce(sum(bit_count(__p)), 0) AS keys FROM ${id(`sg_${name}`)}`)
        : await single(
            db,
            `SELECT count(*) AS n, count(DISTINCT (${schema.primaryKey!.map(id).join(", ")})) AS keys FROM ${id(raw)} WHERE rowid NOT IN (SELECT r FROM ${id(`sus_${name}`)})`,
          );
    if (Number(counts["keys"]) !== Number(counts["n"])) return { ok: false, reason: `${Number(counts["n"]) - Number(counts["keys"])} rows repeat a primary key` };
    stage("validated", read);

    const disclosed = await disclose(db, input, subjects, Number(counts["n"]), stage);
    done = true;
    return { ok: true, read, rejected: checked.rejected, issues: checked.issues, disclosed, microdata: `m_${name}`, table: `t_${name}` };
  } finally {
    // On success the published rows' views read the export's table, the subjects' classes and the rejected rows' numbers.
    if (!done) for (const table of ["raw", "gen", "sus"]) await db.run(`DROP TABLE IF EXISTS ${id(`${table}_${name}`)}`);
    for (const table of ["ord", "rid", "hash", "pat", "sg", "subj", "cmb", "dict", "suspk", "txt"]) await db.run(`DROP TABLE IF EXISTS ${id(`${table}_${name}`)}`);
    for (const key of schema.foreignKeys ?? []) await db.run(`DROP TABLE IF EXISTS ${id(`ref_${key.fields[0]!}`)}`);
  }
}

/** Identifiers published as pseudonyms, those linked in tables only, and both. */
function identifierSets(schema: TableSchema): { keep: Set<string>; tableOnly: Set<string>; tableKeep: Set<string> } {
  const keep = pseudonymised(schema);
  const tableOnly = new Set(schema.fields.filter((f) => f.lero.role === "identifier" && !keep.has(f.name) && /^lero(_id)?$/.test(f.name)).map((f) => f.name));
  return { keep, tableOnly, tableKeep: new Set([...keep, ...tableOnly]) };
}

interface SubjectGroups {
  quasiFields: Field[];
  /** The quasi-identifiers k-anonymity searches over: the attendance pattern first when there is one. */
  columns: string[];
  patternValues?: string[];
  /** Sensitive fields published at row level, for l-diversity. */
  sensitive: string[];
  /** Whether each sensitive field fits a set of 64 bits, so l-diversity is judged from subjects. */
  bySubject: boolean;
  bitColumns: string[];
}

/**
 * The accepted rows grouped by the subject's identifier as written (`sg_<name>`): the first row, its
 * quasi values, the attendance pattern and each sensitive field's values as sets of bits, and the rows.
 * One pass over the rows serves the key check, the order in which the register is asked, and the
 * subjects' values (identifiers written two ways that are one person are merged after pseudonyms).
 */
async function groupSubjects(db: DuckDBConnection, input: FastInput): Promise<SubjectGroups> {
  const { name, schema } = input;
  const { tableOnly } = identifierSets(schema);
  const quasiFields = schema.fields.filter((f) => f.lero.role === "quasi");
  const pattern = schema.fields.find((f) => f.name === schema.lero.patternQuasi);
  const patternValues = pattern?.categories?.map((c) => String(categoryValue(c)));
  const columns = [...(pattern !== undefined ? [PATTERN] : []), ...quasiFields.map((f) => f.name)];
  const aggregates = [`min(r.rowid) AS __row`, `${quasiFields.length > 0 ? `arg_min({${quasiFields.map((f) => `${lit(f.name)}: r.${id(f.name)}`).join(", ")}}, r.rowid)` : "NULL"} AS __first`];
  if (pattern !== undefined && patternValues !== undefined) {
    const bit = valueBit({ ...pattern, categories: patternValues }, `r.${id(pattern.name)}`);
    aggregates.push(`bit_or(coalesce(${bit}, ${2n ** BigInt(patternValues.length)}::UBIGINT)) AS __p`);
  }
  // For l-diversity, when every sensitive field has at most 64 canonical values: each subject's values
  // of each as a set of bits, so classes are judged from subjects rather than rows.
  const hidden = new Set([...[...tableOnly].map(pseudonymField), ...rowLevelExcluded(schema)]);
  const sensitiveFields = schema.fields.filter((f) => f.lero.role === "sensitive" && !hidden.has(f.name));
  const sensitive = sensitiveFields.map((f) => f.name);
  const valueBits = sensitiveFields.map((f) => valueBit(f, `r.${id(f.name)}`));
  const bySubject = valueBits.every((b) => b !== undefined);
  if (bySubject) aggregates.push(...valueBits.map((b, i) => `bit_or(${b}) AS __b${i}`));
  aggregates.push("count(*) AS __n");
  await db.run(
    `CREATE OR REPLACE TABLE ${id(`sg_${name}`)} AS SELECT r.${id(schema.lero.subject!)} AS v, ${aggregates.join(", ")} FROM ${id(`raw_${name}`)} r ` +
      `WHERE r.rowid NOT IN (SELECT r FROM ${id(`sus_${name}`)}) GROUP BY 1`,
  );
  const bitColumns = bySubject ? [...sensitive.map((_, i) => `__b${i}`), "__n"] : [];
  return { quasiFields, columns, ...(patternValues !== undefined ? { patternValues } : {}), sensitive, bySubject, bitColumns };
}

async function disclose(db: DuckDBConnection, input: FastInput, subjects: SubjectGroups, read: number, stage: (what: string, rows: number) => void): Promise<DisclosedDataset> {
  const { name, schema, policy, pseudonymKey, register } = input;
  const level = schema.lero.level;
  const { keep, tableOnly, tableKeep } = identifierSets(schema);
  const identifiers = schema.fields.filter((f) => f.lero.role === "identifier").map((f) => f.name);
  const raw = id(`raw_${name}`);
  const accepted = `${raw} r WHERE r.rowid NOT IN (SELECT r FROM ${id(`sus_${name}`)})`;

  // 1. Pseudonyms, once per distinct identifier: the register gives each its random ID (in order of
  // first appearance, as the JavaScript path asks for them) and DuckDB hashes the IDs.
  const joins: string[] = [];
  const select: string[] = ["r.rowid AS __row"];
  let distinct = 0;
  let oneWay = false;
  for (const field of schema.fields) {
    if (field.lero.role === "identifier") {
      if (!tableKeep.has(field.name)) continue;
      const kind = pseudonymField(field.name);
      const table = id(`ps_${name}_${kind}`);
      // The values come over a batch at a time, so only one batch of them is ever held in JavaScript.
      const order = id(`ord_${name}`);
      // The subject's values and first rows are in its groups already.
      const firsts = field.name === schema.lero.subject ? `SELECT v, __row AS first FROM ${id(`sg_${name}`)}` : `SELECT r.${id(field.name)} AS v, min(r.rowid) AS first FROM ${accepted} AND v IS NOT NULL GROUP BY 1`;
      await db.run(`CREATE OR REPLACE TABLE ${order} AS SELECT v, row_number() OVER (ORDER BY first) AS k FROM (${firsts})`);
      const count = Number((await single(db, `SELECT count(*) AS n FROM ${order}`))["n"]);
      // DuckDB hashes each batch's IDs while JavaScript draws the next batch's: a statement runs off
      // JavaScript's thread, so the two overlap (at 1M rows, about 0.4 s of the 0.5 s hashing takes).
      // The hash is stored before the code is written from it: nested, DuckDB inlines it into each of
      // the code's twenty uses of its bits and hashes every identifier that many times.
      const rid = id(`rid_${name}`);
      const hashed = id(`hash_${name}`);
      await db.run(`CREATE OR REPLACE TABLE ${rid} (v VARCHAR, rid VARCHAR, b INTEGER)`);
      await db.run(`CREATE OR REPLACE TABLE ${hashed} (v VARCHAR, x BIGINT)`);
      const batchOf = async (from: number) => ((await db.runAndReadAll(`SELECT v FROM ${order} WHERE k > ${from} AND k <= ${from + ID_BATCH} ORDER BY k`)).getColumnsJS()[0] ?? []) as string[];
      let values = count > 0 ? await batchOf(0) : [];
      let hashing: Promise<unknown> = Promise.resolve();
      try {
        for (let from = 0, b = 0; from < count; from += ID_BATCH, b++) {
          const ids = values.map((value) => register.idOf(kind, value));
          await hashing;
          await appendColumns(db, `rid_${name}`, [VARCHAR, VARCHAR, INTEGER_TYPE], [values, ids, ids.map(() => b)]);
          values = from + ID_BATCH < count ? await batchOf(from + ID_BATCH) : [];
          hashing = db.run(`INSERT INTO ${hashed} SELECT v, ${pseudonymBitsSql(hmacSql("rid", pseudonymKey))} FROM ${rid} WHERE b = ${b}`);
        }
        await hashing;
      } finally {
        // Should the register stop the loop, the statement still running ends before the tables are dropped.
        await hashing.catch(() => undefined);
      }
      await db.run(`DROP TABLE ${order}`);
      await db.run(`DROP TABLE ${rid}`);
      await db.run(`CREATE OR REPLACE TABLE ${table} AS SELECT v, ${pseudonymCodeSql("x")} AS ref FROM ${hashed}`);
      await db.run(`DROP TABLE ${hashed}`);
      distinct += count;
      // Usually each subject's identifier is written one way only: then its groups need no merging.
      if (field.name === schema.lero.subject) oneWay = Number((await single(db, `SELECT count(DISTINCT ref) AS n FROM ${table}`))["n"]) === count;
      joins.push(`LEFT JOIN ${table} ON r.${id(field.name)} = ${table}.v`);
      select.push(`${table}.ref AS ${id(kind)}`);
      continue;
    }
    select.push(field.type === "integer" ? `CAST(r.${id(field.name)} AS BIGINT) AS ${id(field.name)}` : `r.${id(field.name)}`);
  }
  stage(`pseudonymised ${distinct.toLocaleString("en-GB")} identifiers of`, read);

  // 2. Each subject's groups of rows (one per way its identifier is written) as one, with its quasi
  // values from its first row and its attendance pattern; combinations of them.
  const { quasiFields, columns, sensitive, bySubject, bitColumns } = subjects;
  const subjectField = schema.lero.subject!;
  const subject = pseudonymField(subjectField);
  const subjectTable = id(`ps_${name}_${subject}`);
  const q = columns.map((_, i) => `q${i}`);
  const subj = id(`subj_${name}`);
  const subjectColumns = columns.map((c, i) => (c === PATTERN ? `pat.pattern AS q${i}` : `struct_extract(__first, ${lit(c)}) AS q${i}`));
  // The attendance pattern as a set of bits (a blank cell the last), written out once per set as the
  // JavaScript path writes it: the distinct values sorted by DuckDB and joined with " + ".
  const patterns = id(`pat_${name}`);
  if (subjects.patternValues !== undefined) {
    const values = subjects.patternValues;
    await db.run(
      `CREATE OR REPLACE TABLE ${patterns} AS SELECT m, array_to_string(list_sort(list_filter([${[...values, ""].map(lit).join(", ")}], (x, i) -> ((m >> (i - 1)) & 1) = 1)), ' + ') AS pattern ` +
        `FROM range(${2 ** (values.length + 1)}) t(m)`,
    );
  }
  const merged = [
    `${quasiFields.length > 0 ? "arg_min(__first, __row)" : "NULL"} AS __first`,
    ...(subjects.patternValues !== undefined ? ["bit_or(__p) AS __p"] : []),
    ...(bySubject ? [...sensitive.map((_, i) => `bit_or(__b${i}) AS __b${i}`), "sum(__n)::BIGINT AS __n"] : []),
  ];
  const groups = oneWay ? `SELECT p.ref AS s, g.* FROM ${id(`sg_${name}`)} g JOIN ${subjectTable} p ON g.v = p.v` : `SELECT p.ref AS s, ${merged.join(", ")} FROM ${id(`sg_${name}`)} g JOIN ${subjectTable} p ON g.v = p.v GROUP BY 1`;
  await db.run(
    `CREATE OR REPLACE TABLE ${subj} AS SELECT s, ${[...(oneWay ? ["v"] : []), ...subjectColumns, ...bitColumns].join(", ")} FROM (${groups}) a` +
      `${subjects.patternValues !== undefined ? ` JOIN ${patterns} pat ON pat.m = a.__p` : ""}`,
  );
  await db.run(`DROP TABLE IF EXISTS ${patterns}`);
  await db.run(`DROP TABLE ${id(`sg_${name}`)}`);
  // The combinations and their subject counts come over as codes: each column's distinct values once,
  // then one whole number per combination and column, never a JavaScript object per combination.
  const combos = id(`cmb_${name}`);
  await db.run(`CREATE OR REPLACE TABLE ${combos} AS SELECT ${q.join(", ")}, count(*)::INTEGER AS n FROM ${subj} GROUP BY ALL`);
  // Each column's values numbered from 1 (0 is null), in one table: column, value, code.
  const dictionary = id(`dict_${name}`);
  await db.run(
    `CREATE OR REPLACE TABLE ${dictionary} AS ` +
      q.map((c, i) => `SELECT ${i} AS f, v, (row_number() OVER (ORDER BY v))::INTEGER AS code FROM (SELECT DISTINCT CAST(${c} AS VARCHAR) AS v FROM ${combos} WHERE ${c} IS NOT NULL)`).join(" UNION ALL "),
  );
  const [columnOf = [], valueOf = []] = (await db.runAndReadAll(`SELECT f, v FROM ${dictionary} ORDER BY f, code`)).getColumnsJS() as [number[], string[]];
  const values: (string | null)[][] = q.map(() => [null]);
  columnOf.forEach((f, i) => values[f]!.push(valueOf[i]!));
  const coded = (
    await db.runAndReadAll(
      `SELECT ${[...q.map((c, i) => `coalesce(d${i}.code, 0) AS ${c}`), "c.n"].join(", ")} FROM ${combos} c ` +
        q.map((c, i) => `LEFT JOIN ${dictionary} d${i} ON d${i}.f = ${i} AND CAST(c.${c} AS VARCHAR) = d${i}.v`).join(" "),
    )
  ).getColumnsJS() as number[][];
  await db.run(`DROP TABLE ${dictionary}`);
  await db.run(`DROP TABLE ${combos}`);
  const codes = q.map((_, i) => Int32Array.from(coded[i] ?? []));
  const counts = coded[q.length] ?? [];

  const units = counts.reduce((total, count) => total + count, 0);
  stage(`grouped ${units.toLocaleString("en-GB")} subjects into ${counts.length.toLocaleString("en-GB")} combinations from`, read);

  // 3. k-anonymity: the same search, over the combinations with their subject counts; the chosen
  // generalisation is then applied in SQL and classes under k removed there.
  const dates = (i: number) => values[i]!.slice(1).map((value) => ({ [columns[i]!]: value }));
  const quasi: QuasiIdentifier[] = quasiFields.map((f) => ({ field: f.name, hierarchy: f.type === "date" ? dateLadder(dates(columns.indexOf(f.name)), f) : (f.lero.hierarchy ?? []) }));
  if (schema.lero.patternQuasi !== undefined) quasi.unshift({ field: PATTERN, hierarchy: [] });
  const k = policy[level].k;
  const result = kAnonymiseEncoded({ values, codes, counts }, { quasi, k, maxSuppressionShare: policy.maxSuppressionShare });
  const generalised = columns.map((column, i) => {
    const levelOf = result.levels[column]?.level ?? 0;
    const field = quasiFields.find((f) => f.name === column);
    return `${field?.type === "date" ? generaliseDate(`s.q${i}`, levelOf) : generalise(`s.q${i}`, quasi[i]!.hierarchy.slice(0, levelOf))} AS g${i}`;
  });
  // Each class of generalised values of at least k subjects gets a number; the subjects of smaller classes are left out.
  const gen = id(`gen_${name}`);
  const g = columns.map((_, i) => `g${i}`);
  const same = g.map((c) => `s.${c} IS NOT DISTINCT FROM c.${c}`).join(" AND ");
  await db.run(
    `CREATE OR REPLACE TABLE ${gen} AS WITH s AS MATERIALIZED (SELECT s.s, ${[...(oneWay ? ["s.v"] : []), ...generalised, ...bitColumns.map((c) => `s.${c}`)].join(", ")} FROM ${subj} s) ` +
      `SELECT s.*, c.cls FROM s JOIN (SELECT ${g.join(", ")}, row_number() OVER () AS cls FROM s GROUP BY ALL HAVING count(*) >= ${k}) c ON ${g.length > 0 ? same : "true"}`,
  );
  await db.run(`DROP TABLE ${subj}`);
  const keptSubjects = Number((await single(db, `SELECT count(*) AS n FROM ${gen}`))["n"]);
  if (units - keptSubjects !== result.suppressed.subjects) {
    throw new Error(`The fast path removed ${units - keptSubjects} subjects where k-anonymity removes ${result.suppressed.subjects}: build with LERO_FAST_PATH=0 and report this.`);
  }
  // 4. l-diversity per class: from each subject's sets of values when there are some, else counted over
  // the published rows below; the subjects of classes that fail leave the class table either way.
  const l = policy[level].l;
  let diversity: Diversity | undefined;
  if (bySubject) {
    const counts = sensitive.map((_, i) => `coalesce(bit_count(bit_or(__b${i})), 0)::INTEGER AS d${i}`);
    diversity = judgeDiversity(
      (await db.runAndReadAll(`SELECT cls, ${[...counts, "count(*)::INTEGER AS subjects", "sum(__n)::BIGINT AS nrows"].join(", ")} FROM ${gen} GROUP BY cls`)).getRowObjectsJS(),
      sensitive.length,
      l,
    );
    if (diversity.failing.length > 0) await db.run(`DELETE FROM ${gen} WHERE cls IN (${diversity.failing.join(", ")})`);
  }
  // The rows of the subjects kept, with their pseudonyms, generalised values and class: a view over the
  // export's own table, so the rows are never copied before the COPY that writes them.
  const pub = id(`pub_${name}`);
  const generalisedColumns = g.map((c) => `g.${c} AS __${c}`);
  // The subject's pseudonym, generalised values and class in one lookup by its identifier as written, so
  // the rows take one join for all of them.
  if (!oneWay) await db.run(`CREATE OR REPLACE TABLE ${gen} AS SELECT p.v, g.s, ${[...g.map((c) => `g.${c}`), "g.cls"].join(", ")} FROM ${subjectTable} p JOIN ${gen} g ON p.ref = g.s`);
  const subjectJoin = joins.findIndex((j) => j.startsWith(`LEFT JOIN ${subjectTable} `));
  if (subjectJoin < 0) throw new Error(`The subject ${subjectField} has no pseudonyms to join.`);
  joins[subjectJoin] = `JOIN ${gen} g ON r.${id(subjectField)} = g.v`;
  select[select.indexOf(`${subjectTable}.ref AS ${id(subject)}`)] = `g.s AS ${id(subject)}`;
  await db.run(
    `CREATE OR REPLACE VIEW ${pub} AS SELECT ${select.join(", ")}, ${[...generalisedColumns, "g.cls AS __cls"].join(", ")} FROM ${raw} r ${joins.join(" ")} ` +
      `WHERE r.rowid NOT IN (SELECT r FROM ${id(`sus_${name}`)})`,
  );
  await db.run(`DROP TABLE ${subjectTable}`);
  stage("k-anonymised", read);

  if (diversity === undefined) {
    diversity = judgeDiversity(
      (
        await db.runAndReadAll(
          `SELECT __cls AS cls, ${sensitive.map((f, i) => `count(DISTINCT ${id(f)})::INTEGER AS d${i}`).join(", ")}${sensitive.length > 0 ? "," : ""} ` +
            `count(DISTINCT ${id(subject)})::INTEGER AS subjects, count(*)::INTEGER AS nrows FROM ${pub} GROUP BY __cls`,
        )
      ).getRowObjectsJS(),
      sensitive.length,
      l,
    );
    if (diversity.failing.length > 0) await db.run(`DELETE FROM ${gen} WHERE cls IN (${diversity.failing.join(", ")})`);
  }
  const { removed, smallest, rows: keptRows } = diversity;
  stage("checked l-diversity of", read);

  // 5. The published rows and the rows tables count, as `discloseRecords` gives them.
  const suppressed = { rows: read - keptRows + removed.rows, subjects: result.suppressed.subjects + removed.subjects };
  const report: DisclosureReport = {
    level,
    publish: schema.lero.publish,
    identifiersDropped: identifiers.filter((n) => !keep.has(n)),
    ...(tableOnly.size > 0 ? { linkedInTablesOnly: [...tableOnly].map(pseudonymField) } : {}),
    pseudonymised: Object.fromEntries([...keep].map((n) => [n, pseudonymField(n)])),
    freeText: [],
  };
  report.kAnonymity = {
    k: result.k,
    required: k,
    unit: "subjects",
    feasible: result.feasible && suppressed.subjects <= policy.maxSuppressionShare * units + 1e-9,
    levels: result.levels,
    suppressed,
    lDiversity: { l: Number.isFinite(smallest) ? smallest : null, required: l, sensitive, removed },
    informationLoss: result.informationLoss,
    before: result.before,
    after: result.risk,
  };
  delete result.levels[PATTERN];
  const excluded = rowLevelExcluded(schema);
  const fields = publishedFields(schema, keep, result.levels, excluded);
  const tableFields = publishedFields(schema, tableKeep, {});
  const quasiColumn = new Map(columns.map((c, i) => [c, `__g${i}`]));
  // Views: each is read once, by the COPY that writes it, so neither is a third copy of the rows.
  const microdataColumns = fields.map((f) => `CAST(${id(quasiColumn.get(f.name) ?? f.name)} AS ${loadType(f)}) AS ${id(f.name)}`);
  await db.run(`CREATE OR REPLACE VIEW ${id(`m_${name}`)} AS SELECT ${microdataColumns.join(", ")} FROM ${pub}`);
  await db.run(`CREATE OR REPLACE VIEW ${id(`t_${name}`)} AS SELECT ${tableFields.map((f) => `CAST(${id(f.name)} AS ${loadType(f)}) AS ${id(f.name)}`).join(", ")} FROM ${pub} ORDER BY __row`);
  const published = keptRows - removed.rows;
  stage("disclosed", published);
  const sortKey = schema.lero.sortKey.map((n) => (keep.has(n) ? pseudonymField(n) : n)).filter((n) => !identifiers.includes(n));
  return { records: [], tableRecords: [], fields, tableFields, sortKey, report, held: [], stored: { dir: "", microdata: "", table: "", rows: published } };
}
