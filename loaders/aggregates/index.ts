/**
 * The tables that report pages and embeds draw, computed at build time by DuckDB from each dataset's
 * accepted rows and passed through the disclosure cell rules before anything is written.
 *
 * Each topic has a module in this folder (`research.ts`, `stigma.ts`, …) exporting
 * `aggregates: AggregateDefinition[]`; this file finds them, so topics never edit a shared list.
 * Every aggregate is published as `aggregates/<id>.json` and listed in `datapackage.json`; pages load
 * a topic's tables together through `src/data/aggregates/[topic].json.ts`.
 *
 * The helpers below are the only way definitions should count: they apply the rules (counts of people
 * rounded to 5 and 1–7 suppressed; organisations 1–2 suppressed; secondary suppression; means and
 * percentages only on a large enough base), so a definition cannot publish a raw count by mistake.
 */
import type { DuckDBConnection } from "@duckdb/node-api";
import { readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { AggregateJson, PublishedAggregate, PublishedValue as Published, ReleaseLinks } from "../../src/lib/published.ts";
import { percent, protectCount, protectCounts, toAggregateJson, type ProtectedCell } from "../disclose/cells.ts";
import type { DisclosurePolicy, Level } from "../disclose/policy.ts";
import { quoteIdentifier } from "../publish/duckdb.ts";
import { categoryValue, type Dataset, type Field } from "../schema.ts";
import { meanInterval } from "../../src/lib/intervals.ts";

export type { Published, PublishedAggregate };

export interface AggregateContext {
  db: DuckDBConnection;
  policy: DisclosurePolicy;
  /** True when the release has the dataset (a data folder may hold only some of them). */
  has(dataset: Dataset): boolean;
  /** The DuckDB table with the dataset's accepted rows (identifiers pseudonymised, quasi-identifiers as collected). */
  table(dataset: Dataset): string;
  fields(dataset: Dataset): Field[];
  /** A field of the dataset's table; for a dataset the release does not have, the schema's field (its categories). */
  field(dataset: Dataset, name: string): Field;
  level(dataset: Dataset): Level;
  /** The pseudonym column that identifies a person in longitudinal data, so people are counted once. */
  subject(dataset: Dataset): string | undefined;
  /** Runs SQL built from fixed text and `quoteIdentifier`; returns plain objects (BIGINT as number). */
  query(sql: string): Promise<Record<string, unknown>[]>;
}

/** What a definition builds: the table, and what it knows of its links (the rest take defaults, see `linksOf`). */
export type BuiltAggregate = Omit<PublishedAggregate, "id" | "topic" | "title" | "dataset" | "level" | "unit" | "links"> & { links?: Partial<ReleaseLinks> };

/**
 * A table's links with defaults filled in: the dataset's whole population, not additive unless the
 * table says so, and every measure named `count` or `…_count` a count with no implied pairs.
 */
export function linksOf(dataset: Dataset, built: BuiltAggregate): ReleaseLinks {
  const given = built.links ?? {};
  const counts = given.counts ?? Object.fromEntries(built.measures.filter((m) => m === "count" || m.endsWith("_count")).map((m) => [m, {}]));
  return { ...given, population: given.population ?? dataset, additive: given.additive ?? false, counts };
}

export interface AggregateDefinition {
  id: string;
  topic: string;
  dataset: Dataset;
  title: string;
  build(context: AggregateContext): Promise<BuiltAggregate>;
}

/**
 * `build` run once per aggregate context, its promise shared by every table that asks: a linked set of
 * cells that several tables print from is counted and protected once.
 */
export function oncePerContext<T>(build: (context: AggregateContext) => Promise<T>): (context: AggregateContext) => Promise<T> {
  const cache = new WeakMap<AggregateContext, Promise<T>>();
  return (context) => {
    let found = cache.get(context);
    if (!found) cache.set(context, (found = build(context)));
    return found;
  };
}

/** The value shown for a protected cell: the number, or its symbol (`[c]`, `[low]`, `[z]`). */
export function shown(cell: ProtectedCell): Published {
  return cell.value ?? cell.symbol ?? null;
}

/** The categories of a field in schema order (the order charts and tables show them in). */
export function categoriesOf(field: Field): string[] {
  return (field.categories ?? []).map(categoryValue);
}

/** SQL for "how many": distinct people for longitudinal data, else rows. */
export function countSql(context: AggregateContext, dataset: Dataset): string {
  const subject = context.subject(dataset);
  return subject ? `count(DISTINCT ${quoteIdentifier(subject)})` : "count(*)";
}

export interface CrossTabOptions {
  dataset: Dataset;
  /** SQL expression for the row dimension (a quoted column, or `unnest(col)` for a multi-select). */
  rowSql: string;
  rowDim: string;
  rows: string[];
  colSql?: string;
  colDim?: string;
  cols?: string[];
  /** Extra SQL condition (fixed text only). */
  where?: string;
  /** Options overlap (a multi-select): no totals, no secondary suppression. */
  additive?: boolean;
  /** Also publish the percentage of each row (or column) total, computed from the rounded counts. */
  percentOf?: "row" | "col";
}

/**
 * A protected count table (one or two dimensions), as aggregate JSON rows `{rowDim, colDim?, count,
 * percent?}` with totals labelled "Total". Categories with no rows are published as 0.
 */
export async function crossTab(context: AggregateContext, options: CrossTabOptions): Promise<AggregateJson & { links: Partial<ReleaseLinks> }> {
  const { dataset, rowSql, colSql } = options;
  const where = options.where ? `WHERE ${options.where}` : "";
  const select = colSql ? `${rowSql} AS r, ${colSql} AS c` : `${rowSql} AS r, NULL AS c`;
  const grouped = await context.query(
    `SELECT CAST(r AS VARCHAR) AS r, CAST(c AS VARCHAR) AS c, ${countSql(context, dataset)} AS n FROM (SELECT *, ${select} FROM ${quoteIdentifier(context.table(dataset))} ${where}) WHERE r IS NOT NULL ${colSql ? "AND c IS NOT NULL" : ""} GROUP BY ALL`,
  );
  const cols = options.cols ?? [""];
  const counts = options.rows.map((r) => cols.map((c) => Number(grouped.find((g) => g.r === r && (colSql ? g.c === c : true))?.n ?? 0)));
  const level = context.level(dataset);
  const table = protectCounts(
    {
      rowDim: options.rowDim,
      rows: options.rows,
      counts,
      additive: options.additive !== false,
      ...(options.colDim && options.cols ? { colDim: options.colDim, cols: options.cols } : {}),
    },
    context.policy,
    level,
  );
  const json = toAggregateJson(table);
  if (options.percentOf && options.colDim) {
    const totalOf = (row: Record<string, Published>): ProtectedCell | undefined => {
      const key = options.percentOf === "row" ? options.rowDim : options.colDim!;
      const otherDim = options.percentOf === "row" ? options.colDim! : options.rowDim;
      const total = json.rows.find((t) => t[key] === row[key] && t[otherDim] === json.totalLabel);
      return total ? asCell(total.count ?? null) : undefined;
    };
    for (const row of json.rows) {
      const base = totalOf(row);
      row.percent = base ? roundPercent(percent(asCell(row.count ?? null), base, context.policy, level)) : null;
    }
    json.measures.push("percent");
  }
  return { ...json, links: { additive: options.additive !== false } };
}

function asCell(value: Published): ProtectedCell {
  return typeof value === "number" ? { value } : { value: null, symbol: "[c]" };
}

/** Percentages are published to one decimal place. */
export function roundPercent(value: number | null): number | null {
  return value === null ? null : Math.round(value * 10) / 10;
}

/**
 * The SQL columns a published mean needs, for `avg` over a group: the mean, whether every answer is
 * the same (its mean would be every member's answer), the standard deviation and the answers counted.
 */
function meanColumns(name: string, sql: string): string {
  return `avg(${sql})::DOUBLE AS ${quoteIdentifier(name)}, (min(${sql}) = max(${sql})) AS ${quoteIdentifier(`${name}__uniform`)}, stddev_samp(${sql})::DOUBLE AS ${quoteIdentifier(`${name}__sd`)}, count(${sql}) AS ${quoteIdentifier(`${name}__n`)}`;
}

/**
 * Writes one mean of a group into `out` (rounded to one decimal, or null) and, with `intervalN`, its
 * 95% interval (Student's t over that many answers) as `<name>_low` and `<name>_high`. `allowed` is the
 * caller's base rule; a group with no spread is never shown, whatever its base.
 */
function publishMean(out: Record<string, Published>, name: string, found: Record<string, unknown> | undefined, allowed: boolean, intervalN?: number): void {
  const mean = found?.[name];
  const shownMean = allowed && typeof mean === "number" && found?.[`${name}__uniform`] !== true;
  out[name] = shownMean ? Math.round(mean * 10) / 10 : null;
  if (intervalN === undefined) return;
  const sd = found?.[`${name}__sd`];
  const interval = shownMean && typeof sd === "number" ? meanInterval(mean, sd, intervalN) : undefined;
  out[`${name}_low`] = interval ? Math.round(interval.low * 10) / 10 : null;
  out[`${name}_high`] = interval ? Math.round(interval.high * 10) / 10 : null;
}

/**
 * Means of numeric expressions by a dimension, each with its base count. A mean is published only
 * when its raw base reaches the level's minimum base; the base itself is protected like any count.
 */
export async function meansBy(
  context: AggregateContext,
  options: {
    dataset: Dataset;
    dimSql: string;
    dim: string;
    values: string[];
    measures: Record<string, string>;
    where?: string;
    /** Also publish each shown mean's 95% interval (Student's t) as `<mean>_low` and `<mean>_high`. */
    intervals?: boolean;
  },
): Promise<AggregateJson & { links: Partial<ReleaseLinks> }> {
  const { dataset } = options;
  const where = options.where ? `WHERE ${options.where}` : "";
  const means = Object.entries(options.measures)
    .map(([name, sql]) => meanColumns(name, sql))
    .join(", ");
  const rows = await context.query(
    `SELECT CAST(${options.dimSql} AS VARCHAR) AS d, ${countSql(context, dataset)} AS n, ${means} FROM ${quoteIdentifier(context.table(dataset))} ${where} GROUP BY 1`,
  );
  const level = context.level(dataset);
  const minimumBase = context.policy[level].minimumBase;
  const out: AggregateJson["rows"] = options.values.map((value) => {
    const found = rows.find((r) => r.d === value);
    const n = Number(found?.n ?? 0);
    const row: Record<string, Published> = { [options.dim]: value, count: shown(protectCount(n, context.policy, level)) };
    for (const name of Object.keys(options.measures)) {
      // The interval of a shown mean is over the answers it averages.
      publishMean(row, name, found, n >= minimumBase, options.intervals ? Number(found?.[`${name}__n`] ?? 0) : undefined);
    }
    return row;
  });
  const names = Object.keys(options.measures);
  const measures = options.intervals ? names.flatMap((name) => [name, `${name}_low`, `${name}_high`]) : names;
  return { dimensions: [options.dim], measures: ["count", ...measures], totalLabel: "Total", rows: out, links: { additive: false } };
}

/**
 * A consented free-text field as a plain list: its distinct texts, each with only the `keys` given
 * (a setting, a statement), sorted by key (in the order of `order`, when given) and then by text. The
 * pipeline has already dropped texts without consent and redacted the rest; the list carries no
 * pseudonym and no other answer, so no text can be joined to a person's or a LERO's row.
 */
export async function textList(
  context: AggregateContext,
  options: { dataset: Dataset; field: string; as: string; keys?: string[]; where?: string; order?: Record<string, readonly string[]> },
): Promise<Record<string, string>[]> {
  const keys = options.keys ?? [];
  const text = quoteIdentifier(options.field);
  const found = await context.query(
    `SELECT DISTINCT ${[...keys.map((k) => `CAST(${quoteIdentifier(k)} AS VARCHAR) AS ${quoteIdentifier(k)}`), `CAST(${text} AS VARCHAR) AS ${quoteIdentifier(options.as)}`].join(", ")} FROM ${quoteIdentifier(context.table(options.dataset))} WHERE ${text} IS NOT NULL AND trim(${text}) <> ''${options.where ? ` AND (${options.where})` : ""}`,
  );
  const rank = (key: string, value: string): number => options.order?.[key]?.indexOf(value) ?? 0;
  const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
  return found
    .map((row) => Object.fromEntries([...keys, options.as].map((k) => [k, String(row[k] ?? "")])))
    .sort((a, b) => keys.reduce((c, k) => c || rank(k, a[k]!) - rank(k, b[k]!) || compare(a[k]!, b[k]!), 0) || compare(a[options.as]!, b[options.as]!));
}

/** Finds every topic module in this folder and returns their definitions, checked for clashes. */
export async function loadAggregateDefinitions(dir: string = dirname(fileURLToPath(import.meta.url))): Promise<AggregateDefinition[]> {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith(".ts") && f !== "index.ts" && !f.endsWith(".test.ts"))
    .sort();
  const definitions: AggregateDefinition[] = [];
  for (const file of files) {
    const module = (await import(pathToFileURL(join(dir, file)).href)) as { aggregates?: AggregateDefinition[] };
    if (!Array.isArray(module.aggregates)) throw new Error(`${join(dir, file)} must export \`aggregates: AggregateDefinition[]\`.`);
    definitions.push(...module.aggregates);
  }
  const seen = new Set<string>();
  for (const d of definitions) {
    if (!/^[a-z0-9-]+$/.test(d.id)) throw new Error(`Aggregate id "${d.id}" must be lower-case letters, digits and hyphens.`);
    if (seen.has(d.id)) throw new Error(`Two aggregates have the id "${d.id}".`);
    seen.add(d.id);
  }
  return definitions;
}

export interface GroupMeansOptions {
  dataset: Dataset;
  /** SQL expression for the group (each counted person or organisation must fall in one group only). */
  dimSql: string;
  dim: string;
  values: string[];
  /** Mean name → SQL expression. */
  measures: Record<string, string>;
  where?: string;
  /**
   * What to read from, as fixed SQL text (a quoted table or a subquery with an alias). Defaults to the
   * dataset's table. It must keep the dataset's subject column, so people are still counted once.
   */
  fromSql?: string;
  /** Groups to hide whatever their count (see `CountTable.withhold`); their means are hidden with them. */
  withhold?: ReadonlySet<string>;
}

/**
 * Means by a dimension whose groups split the counted people (or organisations) with no overlap, each
 * with its base count, and a row for all groups together (labelled "Total"). Unlike `meansBy`, the
 * bases are protected as one additive table, with secondary suppression: the total is published, so a
 * single hidden base could otherwise be worked out from it. A mean is published only when its raw base
 * reaches the minimum base and the base itself is published.
 */
export async function groupMeans(context: AggregateContext, options: GroupMeansOptions): Promise<AggregateJson & { links: Partial<ReleaseLinks> }> {
  const { dataset } = options;
  const where = options.where ? `WHERE ${options.where}` : "";
  const from = options.fromSql ?? quoteIdentifier(context.table(dataset));
  const names = Object.keys(options.measures);
  const means = names
    .map((name) => meanColumns(name, options.measures[name]!))
    .join(", ");
  const grouped = await context.query(
    `SELECT CAST(${options.dimSql} AS VARCHAR) AS d, ${countSql(context, dataset)} AS n, ${means} FROM ${from} ${where} GROUP BY 1`,
  );
  const [overall] = await context.query(`SELECT ${countSql(context, dataset)} AS n, ${means} FROM ${from} ${where ? `${where} AND` : "WHERE"} ${options.dimSql} IS NOT NULL`);
  const level = context.level(dataset);
  const minimumBase = context.policy[level].minimumBase;
  const raw = options.values.map((value) => grouped.find((g) => g.d === value));
  const table = protectCounts(
    {
      rowDim: options.dim,
      rows: options.values,
      counts: raw.map((found) => [Number(found?.n ?? 0)]),
      ...(options.withhold ? { withhold: options.values.map((value) => [options.withhold!.has(value)]) } : {}),
    },
    context.policy,
    level,
  );
  const row = (label: string, found: Record<string, unknown> | undefined, cell: ProtectedCell): Record<string, Published> => {
    const n = Number(found?.n ?? 0);
    const out: Record<string, Published> = { [options.dim]: label, count: shown(cell) };
    // A mean only beside its published base, with its 95% interval over the group's people.
    for (const name of names) publishMean(out, name, found, cell.value !== null && n >= minimumBase, n);
    return out;
  };
  const rows = options.values.map((value, i) => row(value, raw[i], table.cells[i]![0]!));
  rows.push(row("Total", overall, table.total!));
  return { dimensions: [options.dim], measures: ["count", ...names.flatMap((name) => [name, `${name}_low`, `${name}_high`])], totalLabel: "Total", rows, links: { additive: true } };
}
