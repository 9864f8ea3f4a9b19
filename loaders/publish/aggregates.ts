/**
 * Small published tables computed by DuckDB from the disclosed records and passed through the cell
 * rules: counts of people rounded and suppressed, counts of organisations suppressed when small.
 * Reports and embeds read these, so they never need DuckDB-wasm.
 */
import type { DuckDBConnection } from "@duckdb/node-api";
import { protectCounts, toAggregateJson, type AggregateJson } from "../disclose/cells.ts";
import type { DisclosurePolicy, Level } from "../disclose/policy.ts";
import { categoryValue, type Field } from "../schema.ts";
import { quoteIdentifier } from "./duckdb.ts";

export interface PublishedAggregate extends AggregateJson {
  id: string;
  title: string;
  dataset: string;
  level: Level;
  /** What is counted: "people", "organisations" or "rows". */
  unit: string;
  /** For multi-select questions: the base (everyone who answered), since answers do not add up. */
  base?: number | string | null;
}

function countExpression(subject: string | undefined): string {
  return subject ? `count(DISTINCT ${quoteIdentifier(subject)})` : "count(*)";
}

/**
 * One-way counts of a categorical field (each category in schema order, zeros included). For a
 * multi-select field each option is counted over the people (organisations) who chose it; the
 * options do not add up, so no total is published beside them, only the base.
 */
export async function categoryCounts(
  db: DuckDBConnection,
  table: string,
  dataset: string,
  field: Field,
  options: { subject?: string; level: Level; policy: DisclosurePolicy },
): Promise<PublishedAggregate> {
  const id = quoteIdentifier(field.name);
  const count = countExpression(options.subject);
  const isList = field.type === "list";
  const source = isList ? `(SELECT *, unnest(${id}) AS value FROM ${quoteIdentifier(table)})` : `(SELECT *, CAST(${id} AS VARCHAR) AS value FROM ${quoteIdentifier(table)})`;
  const reader = await db.runAndReadAll(`SELECT value, ${count}::BIGINT AS n FROM ${source} WHERE value IS NOT NULL GROUP BY value`);
  const counted = new Map(reader.getRowObjects().map((r) => [String(r.value), Number(r.n)]));
  const categories = (field.categories ?? []).map(categoryValue);
  const keys = [...categories, ...[...counted.keys()].filter((k) => !categories.includes(k)).sort()];
  const protectedTable = protectCounts(
    { rowDim: field.name, rows: keys, counts: keys.map((k) => [counted.get(k) ?? 0]), totals: !isList },
    options.policy,
    options.level,
  );
  const json = toAggregateJson(protectedTable);
  const aggregate: PublishedAggregate = {
    id: `${dataset}-${field.name}`,
    title: `${field.title ?? field.name}: ${options.subject || options.level === "person" ? "people" : "organisations"} by answer`,
    dataset,
    level: options.level,
    unit: options.level === "person" ? "people" : "organisations",
    ...json,
  };
  if (isList) {
    const baseReader = await db.runAndReadAll(`SELECT ${count}::BIGINT AS n FROM ${quoteIdentifier(table)} WHERE ${id} IS NOT NULL`);
    const base = protectCounts({ rowDim: "base", rows: ["base"], counts: [[Number(baseReader.getRowObjects()[0]?.n ?? 0)]], totals: false }, options.policy, options.level);
    const cell = base.cells[0]![0]!;
    aggregate.base = cell.value ?? cell.symbol ?? null;
  }
  return aggregate;
}

/** The fields that get one-way counts: categorical fields that are not identifiers or free text. */
export function countableFields(fields: readonly Field[]): Field[] {
  return fields.filter((f) => (f.categories?.length ?? 0) > 0 && (f.lero.role === "public" || f.lero.role === "quasi" || f.lero.role === "sensitive"));
}
