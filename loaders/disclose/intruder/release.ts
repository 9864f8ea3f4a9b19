/**
 * Reads a published folder as the public gets it: every `aggregates/*.json` table, `datapackage.json`
 * and the microdata files it lists (CSV read with csv-parse; Parquet through DuckDB when a dataset has
 * no CSV). Loose input is normalised once here; the checks trust what this returns.
 *
 * Defaults for tables written before the linking metadata existed: no `population` → the table is its
 * own population (`declaredPopulation: false`); no `additive` → true unless the table has a `base`
 * (multi-select); no `counts` → `count` is the one count measure (when it is a measure).
 */
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { createReadStream } from "node:fs";
import { parse as parseCsvStream } from "csv-parse";
import { PipelineError } from "../../types.ts";
import type { DisclosurePolicy, Level } from "../policy.ts";
import { queryRows, quoteLiteral, withDuckDB } from "../../publish/duckdb.ts";
import { MicrodataColumns, type CellValue } from "./columns.ts";

export type Value = string | number | null;

export interface AggregateTable {
  id: string;
  /** `aggregates/<file>.json`. */
  resource: string;
  dataset: string;
  level: Level;
  population: string;
  declaredPopulation: boolean;
  dimensions: string[];
  totalLabel: string;
  additive: boolean;
  /** When not additive: the dimensions whose values still split the units (groups). */
  additiveDimensions: string[];
  /** Dimension values other than `totalLabel` that mean "all values" ("All sections"). */
  totals: Map<string, string>;
  /** Count measures and the extra (dimension, value) pairs each implies. */
  counts: Map<string, [string, string][]>;
  hierarchy: Map<string, { parent: string; map: Map<string, string> }>;
  base?: Value;
  rows: Record<string, Value>[];
}

export interface MicrodataField {
  name: string;
  type: string;
  role?: string;
  /** The level a generalised field is published at ("UK", "broad age band"), from its description. */
  generalisedTo?: string;
  categories?: string[];
  /** Maps of the field's hierarchy, finest first (`North East` → `England`). */
  hierarchyMaps: Map<string, string>[];
}

export interface Microdata {
  dataset: string;
  /** The file read, relative to the published folder. */
  resource: string;
  level: Level;
  /** The column naming the unit (a person's pseudonym); rows are units when absent. */
  subject?: string;
  fields: MicrodataField[];
  /** The rows, by column: list fields are arrays, every other value text or null. */
  columns: MicrodataColumns;
}

export interface Release {
  dir: string;
  tables: AggregateTable[];
  microdata: Microdata[];
}

/** Reads a published folder. Throws a `PipelineError` when it is not one (no `datapackage.json`). */
export async function readRelease(dir: string, policy: DisclosurePolicy): Promise<Release> {
  const packageFile = join(dir, "datapackage.json");
  if (!existsSync(packageFile)) {
    throw new PipelineError("source-error", `${dir}: no datapackage.json here; give the folder that "npm run build-data" writes (.tmp/published) or dist/data.`, { file: packageFile });
  }
  const pkg = readJson(packageFile) as { resources?: unknown };
  const resources = Array.isArray(pkg.resources) ? (pkg.resources as Record<string, unknown>[]) : [];
  return { dir, tables: readTables(dir), microdata: await readMicrodata(dir, resources, policy) };
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, "utf8"));
  } catch (cause) {
    throw new PipelineError("format-error", `${file}: cannot read it as JSON (${(cause as Error).message}).`, { file, cause });
  }
}

function readTables(dir: string): AggregateTable[] {
  const folder = join(dir, "aggregates");
  if (!existsSync(folder)) return [];
  const tables: AggregateTable[] = [];
  for (const name of readdirSync(folder).filter((n) => n.endsWith(".json")).sort()) {
    const table = normaliseTable(readJson(join(folder, name)), `aggregates/${name}`);
    if (table !== undefined) tables.push(table);
  }
  return tables;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : []);

/** A table in the aggregate contract, or undefined for JSON that is not a table of counts. */
export function normaliseTable(json: unknown, resource: string): AggregateTable | undefined {
  if (!isObject(json) || !Array.isArray(json["rows"])) return undefined;
  const id = typeof json["id"] === "string" ? json["id"] : resource.replace(/^aggregates\/|\.json$/g, "");
  const measures = strings(json["measures"]);
  // The build writes the metadata under `links` (src/lib/published.ts ReleaseLinks); a table may also carry it at the top.
  const meta = isObject(json["links"]) ? json["links"] : json;
  const counts = new Map<string, [string, string][]>();
  if (isObject(meta["counts"])) {
    for (const [measure, extra] of Object.entries(meta["counts"])) {
      counts.set(measure, isObject(extra) ? Object.entries(extra).map(([d, v]) => [d, String(v)] as [string, string]) : []);
    }
  } else {
    if (measures.includes("count")) counts.set("count", []);
  }
  const hierarchy = new Map<string, { parent: string; map: Map<string, string> }>();
  if (isObject(meta["hierarchy"])) {
    for (const [child, spec] of Object.entries(meta["hierarchy"])) {
      if (!isObject(spec) || typeof spec["parent"] !== "string" || !isObject(spec["map"])) continue;
      hierarchy.set(child, { parent: spec["parent"], map: new Map(Object.entries(spec["map"]).map(([c, p]) => [c, String(p)])) });
    }
  }
  const population = typeof meta["population"] === "string" ? meta["population"] : undefined;
  const totals = new Map(isObject(meta["totals"]) ? Object.entries(meta["totals"]).map(([d, v]) => [d, String(v)] as [string, string]) : []);
  const base = json["base"];
  const table: AggregateTable = {
    id,
    resource,
    dataset: typeof json["dataset"] === "string" ? json["dataset"] : id,
    level: json["level"] === "organisation" ? "organisation" : "person",
    population: population ?? `table:${id}`,
    declaredPopulation: population !== undefined,
    dimensions: strings(json["dimensions"]),
    totalLabel: typeof json["totalLabel"] === "string" ? json["totalLabel"] : "Total",
    additive: typeof meta["additive"] === "boolean" ? meta["additive"] : base === undefined,
    additiveDimensions: strings(meta["additiveDimensions"]),
    totals,
    counts,
    hierarchy,
    rows: (json["rows"] as unknown[]).filter(isObject).map((row) => {
      const out: Record<string, Value> = {};
      for (const [k, v] of Object.entries(row)) out[k] = typeof v === "number" || typeof v === "string" ? v : v === null ? null : String(v);
      return out;
    }),
  };
  if (typeof base === "number" || typeof base === "string") table.base = base;
  return table;
}

const GENERALISED = /Published at the level "([^"]+)"/;

function readField(json: Record<string, unknown>): MicrodataField {
  const lero = isObject(json["lero"]) ? json["lero"] : {};
  const description = typeof json["description"] === "string" ? json["description"] : "";
  const generalisedTo = GENERALISED.exec(description)?.[1];
  const hierarchyMaps = (Array.isArray(lero["hierarchy"]) ? lero["hierarchy"] : [])
    .filter(isObject)
    .filter((level) => isObject(level["map"]))
    .map((level) => new Map(Object.entries(level["map"] as Record<string, unknown>).map(([a, b]) => [a, String(b)])));
  const field: MicrodataField = { name: String(json["name"]), type: typeof json["type"] === "string" ? json["type"] : "string", hierarchyMaps };
  if (typeof lero["role"] === "string") field.role = lero["role"];
  if (generalisedTo !== undefined) field.generalisedTo = generalisedTo;
  const categories = strings(json["categories"]);
  if (categories.length > 0) field.categories = categories;
  return field;
}

async function readMicrodata(dir: string, resources: Record<string, unknown>[], policy: DisclosurePolicy): Promise<Microdata[]> {
  const byDataset = new Map<string, Record<string, unknown>[]>();
  for (const r of resources) {
    const lero = isObject(r["lero"]) ? r["lero"] : {};
    if (lero["kind"] !== "microdata" || (r["format"] !== "csv" && r["format"] !== "parquet")) continue;
    const dataset = typeof lero["dataset"] === "string" ? lero["dataset"] : String(r["name"]);
    byDataset.set(dataset, [...(byDataset.get(dataset) ?? []), r]);
  }
  const out: Microdata[] = [];
  for (const [dataset, list] of [...byDataset].sort(([a], [b]) => a.localeCompare(b))) {
    const resource = list.find((r) => r["format"] === "csv") ?? list[0]!;
    const lero = resource["lero"] as Record<string, unknown>;
    const schema = isObject(resource["schema"]) ? resource["schema"] : {};
    const fields = (Array.isArray(schema["fields"]) ? schema["fields"] : []).filter(isObject).map(readField);
    const path = String(resource["path"]);
    const file = join(dir, path);
    const lists = fields.filter((f) => f.type === "list").map((f) => f.name);
    const columns = new MicrodataColumns(lists);
    const listed = new Set(lists);
    // Each row is converted and stored by column as it is parsed: no row is held as an object.
    const convert = (row: Record<string, unknown>): void => {
      const out: Record<string, CellValue> = {};
      for (const [k, v] of Object.entries(row)) {
        if (listed.has(k)) out[k] = v === null ? [] : Array.isArray(v) ? v.map((item) => String(item)) : String(v).split(";").map((s) => s.trim()).filter((s) => s !== "");
        else out[k] = v === null || v === undefined || v === "" ? null : Array.isArray(v) ? v.join("; ") : String(v);
      }
      columns.append(out);
    };
    if (resource["format"] === "csv") await readCsv(file, policy, convert);
    else await readParquet(file, convert);
    columns.finish();
    const micro: Microdata = { dataset, resource: path, level: lero["level"] === "organisation" ? "organisation" : "person", fields, columns };
    if (typeof lero["subject"] === "string") micro.subject = lero["subject"];
    out.push(micro);
  }
  return out;
}

/** Parsed as the file is read, so the text is never held whole; each row is handed on as it is parsed. */
async function readCsv(file: string, policy: DisclosurePolicy, take: (row: Record<string, unknown>) => void): Promise<void> {
  const { prefix, characters } = policy.csvEscape;
  const unescape = (v: string): string | null => {
    if (v === "" || v === "NA" || v === "N/A") return null;
    return v.startsWith(prefix) && characters.includes(v.charAt(prefix.length)) ? v.slice(prefix.length) : v;
  };
  for await (const record of createReadStream(file).pipe(parseCsvStream({ bom: true, columns: true, relax_column_count: true })) as AsyncIterable<Record<string, string>>) {
    const row: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(record)) row[k] = unescape(v);
    take(row);
  }
}

/** Read in batches of rows, so a large file is never held as objects whole. */
const PARQUET_BATCH_ROWS = 50_000;

async function readParquet(file: string, take: (row: Record<string, unknown>) => void): Promise<void> {
  await withDuckDB(async (db) => {
    // The file's own row order (file_row_number), so the rows come back as they were written.
    const source = `read_parquet(${quoteLiteral(file)}, file_row_number = true)`;
    const [{ n } = { n: 0 }] = (await queryRows(db, `SELECT count(*) AS n FROM ${source}`)) as { n: number }[];
    for (let from = 0; from < n; from += PARQUET_BATCH_ROWS) {
      const rows = await queryRows(db, `SELECT * EXCLUDE (file_row_number) FROM ${source} WHERE file_row_number >= ${from} AND file_row_number < ${from + PARQUET_BATCH_ROWS} ORDER BY file_row_number`);
      for (const row of rows) take(row);
    }
  });
}
