/**
 * SQL for the explorer, built from small composable parts. Identifiers go through `quoteIdentifier`,
 * values through `sqlLiteral` (both from src/lib/sql-quote.ts, shared with the build): the only two
 * places where text becomes SQL. Filters never become SQL: the cube's arrays are filtered in JavaScript
 * (`cube.ts`), on values checked against each dimension's known values (`cleanFilters`).
 *
 * The data cube (Mosaic-style pre-aggregation, built when a data set is opened or a split the cube
 * does not cover is chosen, never on a filter change):
 * - `explore_src`: one row per published row, only the columns the explorer needs, dimensions as text.
 * - A dimension is *constant* when it never varies within a person (region, age band, gender) and
 *   *varying* otherwise (assessment, setting). The distinct combinations of the cube's varying
 *   dimensions are numbered (`explore_tuples`), and each person gets a bit mask of the combinations
 *   they have rows in (63 bits per mask word, as many words as needed).
 * - `explore_people`: people grouped by constant dimensions and masks, with a head count. Each person
 *   is in exactly one row, so people can be *added up*: a filter change sums a few thousand entries
 *   instead of counting distinct pseudonyms over a million rows.
 * - `explore_rows`: rows grouped by every dimension of the cube, with the row count, the sum of the
 *   measure's value and of its squares (for means over assessments and their intervals).
 */
import { quoteIdentifier, sqlLiteral } from "../../lib/sql-quote.js";

export const SUBJECT = "__subject";
export const VALUE = "__value";
export const FLAG = "__flag";
/** The text a missing value is shown as (GSS: not available). */
export const MISSING = "[x]";
export const BITS_PER_WORD = 63;
/** Most combinations of varying dimensions the masks may hold (8 words). */
export const MAX_TUPLES = BITS_PER_WORD * 8;

export type Filters = Record<string, string[]>;

export interface SourceDimension {
  name: string;
  /** Booleans become "Yes"/"No"; everything else is cast to text. */
  type: string;
}

export interface SourceSpec {
  table: string;
  subject: string;
  dimensions: SourceDimension[];
  /** A numeric field to average (e.g. barc_total). */
  value?: string | undefined;
  /** A boolean field to share (e.g. avoided_care). */
  flag?: string | undefined;
  /** Or: the share of people with at least one of these 1–5 items at `atLeast` or more (e.g. met stigma often: 4). */
  flagItems?: { fields: readonly string[]; atLeast: number } | undefined;
  /**
   * Keep only the rows that answered the shared question (the flag field, or any of the items), so the
   * people counted are the share's base, as in the published tables: people who answered, not everyone.
   */
  answeredOnly?: boolean | undefined;
}

/** The flag of a row, and whether the row answered the question, as SQL (or null without a flag). */
function flagSql(spec: SourceSpec): { flag: string; answered: string } | null {
  if (spec.flagItems && spec.flagItems.fields.length > 0) {
    const items = spec.flagItems.fields.map(quoteIdentifier);
    const atLeast = Math.round(spec.flagItems.atLeast);
    return { flag: `coalesce(greatest(${items.join(", ")}) >= ${atLeast}, FALSE)`, answered: `coalesce(${items.join(", ")}) IS NOT NULL` };
  }
  if (spec.flag) return { flag: `coalesce(CAST(${quoteIdentifier(spec.flag)} AS BOOLEAN), FALSE)`, answered: `${quoteIdentifier(spec.flag)} IS NOT NULL` };
  return null;
}

function dimensionExpression(dimension: SourceDimension): string {
  const column = quoteIdentifier(dimension.name);
  if (dimension.type === "boolean") return `CASE WHEN ${column} THEN 'Yes' WHEN NOT ${column} THEN 'No' ELSE ${sqlLiteral(MISSING)} END`;
  return `coalesce(CAST(${column} AS VARCHAR), ${sqlLiteral(MISSING)})`;
}

/** The explorer's copy of a published table, with only the columns it needs. */
export function sourceSql(spec: SourceSpec): string {
  const flag = flagSql(spec);
  const columns = [
    `CAST(${quoteIdentifier(spec.subject)} AS VARCHAR) AS ${quoteIdentifier(SUBJECT)}`,
    ...spec.dimensions.map((d) => `${dimensionExpression(d)} AS ${quoteIdentifier(d.name)}`),
    spec.value ? `CAST(${quoteIdentifier(spec.value)} AS DOUBLE) AS ${quoteIdentifier(VALUE)}` : `NULL::DOUBLE AS ${quoteIdentifier(VALUE)}`,
    `${flag ? flag.flag : "FALSE"} AS ${quoteIdentifier(FLAG)}`,
  ];
  const where = spec.answeredOnly && flag ? ` WHERE ${flag.answered}` : "";
  return `CREATE OR REPLACE TEMP TABLE explore_src AS SELECT ${columns.join(", ")} FROM ${quoteIdentifier(spec.table)}${where}`;
}

/** Every value of every dimension, with its row count: `dim`, `value`, `n`. */
export function knownValuesSql(dimensions: readonly string[]): string {
  if (dimensions.length === 0) return "SELECT NULL::VARCHAR AS dim, NULL::VARCHAR AS value, 0 AS n WHERE FALSE";
  return dimensions
    .map((d) => `SELECT ${sqlLiteral(d)} AS dim, ${quoteIdentifier(d)} AS value, count(*)::INTEGER AS n FROM explore_src GROUP BY ${quoteIdentifier(d)}`)
    .join(" UNION ALL ");
}

/** Which dimensions vary within a person: one row, a boolean per dimension (named as the dimension). */
export function varyingSql(dimensions: readonly string[]): string {
  if (dimensions.length === 0) return "SELECT 1 AS none";
  const inner = dimensions.map((d, i) => `count(DISTINCT ${quoteIdentifier(d)}) AS ${quoteIdentifier(`n${i}`)}`).join(", ");
  const outer = dimensions.map((d, i) => `coalesce(max(${quoteIdentifier(`n${i}`)}), 0) > 1 AS ${quoteIdentifier(d)}`).join(", ");
  return `SELECT ${outer} FROM (SELECT ${inner} FROM explore_src GROUP BY ${quoteIdentifier(SUBJECT)})`;
}

/** Numbers the distinct combinations of the varying dimensions (one empty combination when there are none). */
export function tuplesSql(varying: readonly string[]): string {
  if (varying.length === 0) return "CREATE OR REPLACE TEMP TABLE explore_tuples AS SELECT 0 AS idx";
  const columns = varying.map(quoteIdentifier).join(", ");
  return `CREATE OR REPLACE TEMP TABLE explore_tuples AS SELECT (row_number() OVER (ORDER BY ${columns}) - 1)::INTEGER AS idx, ${columns} FROM (SELECT DISTINCT ${columns} FROM explore_src)`;
}

export function wordCount(tuples: number): number {
  return Math.max(1, Math.ceil(tuples / BITS_PER_WORD));
}

function bitOfWord(idx: string, word: number): string {
  return `CASE WHEN ${idx} >= ${word * BITS_PER_WORD} AND ${idx} < ${(word + 1) * BITS_PER_WORD} THEN (1::BIGINT << (${idx} - ${word * BITS_PER_WORD})) ELSE 0::BIGINT END`;
}

/** People grouped by constant dimensions and masks (`m0…`, and `a0…` for rows with the flag set). */
export function peopleCubeSql(constant: readonly string[], varying: readonly string[], words: number): string {
  const c = constant.map((d) => `s.${quoteIdentifier(d)}`);
  const join = varying.length === 0 ? "ON TRUE" : `ON ${varying.map((d) => `s.${quoteIdentifier(d)} = t.${quoteIdentifier(d)}`).join(" AND ")}`;
  const masks: string[] = [];
  for (let w = 0; w < words; w++) {
    masks.push(`bit_or(${bitOfWord("t.idx", w)}) AS m${w}`);
    masks.push(`bit_or(CASE WHEN s.${quoteIdentifier(FLAG)} THEN ${bitOfWord("t.idx", w)} ELSE 0::BIGINT END) AS a${w}`);
  }
  const perPerson = `SELECT ${[`s.${quoteIdentifier(SUBJECT)}`, ...c, ...masks].join(", ")} FROM explore_src s JOIN explore_tuples t ${join} GROUP BY ${[`s.${quoteIdentifier(SUBJECT)}`, ...c].join(", ")}`;
  const keys = [...constant.map(quoteIdentifier), ...Array.from({ length: words }, (_, w) => [`m${w}`, `a${w}`]).flat()];
  return `CREATE OR REPLACE TEMP TABLE explore_people AS SELECT ${keys.join(", ")}, count(*)::INTEGER AS people FROM (${perPerson}) GROUP BY ${keys.join(", ")}`;
}

/** Rows grouped by every chosen dimension, with the row count, the sum of the value and the sum of its squares. */
export function rowsCubeSql(dimensions: readonly string[]): string {
  const keys = dimensions.map(quoteIdentifier);
  const value = quoteIdentifier(VALUE);
  // The sum of squares too: a mean's 95% interval needs its standard deviation.
  const select = [...keys, "count(*)::INTEGER AS n", `sum(${value})::DOUBLE AS total`, `sum(${value} * ${value})::DOUBLE AS squares`, `count(${value})::INTEGER AS valued`];
  return `CREATE OR REPLACE TEMP TABLE explore_rows AS SELECT ${select.join(", ")} FROM explore_src${keys.length ? ` GROUP BY ${keys.join(", ")}` : ""}`;
}

// ---------------------------------------------------------------------------------------------------
// Filters and masks

/** Keeps only filters on chosen dimensions with known values (in the known order, no duplicates). */
export function cleanFilters(filters: Filters, known: ReadonlyMap<string, readonly string[]>, dimensions: readonly string[]): Filters {
  const clean: Filters = {};
  for (const dimension of dimensions) {
    const values = known.get(dimension);
    const wanted = filters[dimension];
    if (!values || !wanted || wanted.length === 0) continue;
    const kept = values.filter((v) => wanted.includes(v));
    if (kept.length > 0) clean[dimension] = kept;
  }
  return clean;
}

export interface Tuple {
  idx: number;
  values: Record<string, string>;
}

/** The mask (one bigint per word) of the tuples that pass `test`. */
export function maskOf(tuples: readonly Tuple[], words: number, test: (tuple: Tuple) => boolean): bigint[] {
  const mask = Array.from({ length: words }, () => 0n);
  for (const tuple of tuples) {
    if (!test(tuple)) continue;
    const word = Math.floor(tuple.idx / BITS_PER_WORD);
    mask[word] = mask[word]! | (1n << BigInt(tuple.idx % BITS_PER_WORD));
  }
  return mask;
}

/** The tuples that pass the filters on the varying dimensions, leaving out `except`. */
export function tupleTest(filters: Filters, varying: readonly string[], except?: string): (tuple: Tuple) => boolean {
  const active = varying.filter((d) => d !== except && filters[d]?.length);
  return (tuple) => active.every((d) => filters[d]!.includes(tuple.values[d]!));
}

/** Reads the people table for the browser's arrays: constant dimensions, each mask word as two 32-bit halves (`m0_lo`, `m0_hi`, …), people. */
export function peopleReadSql(constant: readonly string[], words: number): string {
  const halves = Array.from({ length: words }, (_, w) => [`m${w}`, `a${w}`])
    .flat()
    .flatMap((m) => [`(${m} & 4294967295)::DOUBLE AS ${m}_lo`, `(${m} >> 32)::DOUBLE AS ${m}_hi`]);
  return `SELECT ${[...constant.map(quoteIdentifier), ...halves, "people::DOUBLE AS people"].join(", ")} FROM explore_people`;
}

/** Reads the rows table for the browser's arrays. */
export function rowsReadSql(dimensions: readonly string[]): string {
  return `SELECT ${[...dimensions.map(quoteIdentifier), "n::DOUBLE AS n", "valued::DOUBLE AS valued", "total", "squares"].join(", ")} FROM explore_rows`;
}

/** Copies protected rows into a Parquet file (the only COPY the explorer runs: literals only). */
export function exportParquetSql(file: string, columns: readonly { name: string; type: "VARCHAR" | "INTEGER" | "DOUBLE" }[], rows: readonly (string | number | null)[][]): string {
  const names = columns.map((c) => quoteIdentifier(c.name));
  const typed = (value: string | number | null, type: string) => `CAST(${sqlLiteral(value)} AS ${type})`;
  const body = rows.length
    ? `SELECT * FROM (VALUES ${rows.map((row) => `(${columns.map((c, i) => typed(row[i] ?? null, c.type)).join(", ")})`).join(", ")}) AS t(${names.join(", ")})`
    : `SELECT ${columns.map((c, i) => `CAST(NULL AS ${c.type}) AS ${names[i]}`).join(", ")} WHERE FALSE`;
  return `COPY (${body}) TO ${sqlLiteral(file)} (FORMAT PARQUET)`;
}
