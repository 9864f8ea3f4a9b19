/**
 * The resources of `data/datapackage.json`, read once into a clean shape, and their files read into
 * tables. The package is what the pipeline wrote about itself, so nothing in it is trusted: a missing
 * or malformed value is a finding or falls back to the strictest reading (microdata, person).
 *
 * Roles come from the resource's schema and, where `data/schemas/<resource name>.json` exists, from the
 * source schema too: a column either marks as identifier (quasi) is treated as identifier (quasi).
 */
import { existsSync, readFileSync } from "node:fs";
import { join, relative, resolve, sep } from "node:path";
import type { DuckDBConnection } from "@duckdb/node-api";
import { parse as parseCsv } from "csv-parse/sync";
import type { PackageField, ResourceKind } from "../../../src/lib/published.ts";
import { quoteLiteral } from "../../publish/duckdb.ts";
import type { Role, TableSchema } from "../../schema.ts";
import type { Level } from "../policy.ts";
import type { AuditFinding } from "./findings.ts";

export const PACKAGE_PATH = "data/datapackage.json";

/** A resource as the checks need it. */
export interface AuditResource {
  name: string;
  /** Its files that exist inside `data/`: absolute path and path relative to the dist folder. */
  files: { file: string; rel: string }[];
  /** The declared format ("parquet", "csv", "json"), lower case; undefined to go by the file extension. */
  format: string | undefined;
  /** The declared kind; undefined when the package does not say (then a table's shape decides). */
  kind: ResourceKind | undefined;
  level: Level;
  subject: string | undefined;
  /** Column → the strictest role any schema gives it. */
  roles: Map<string, Role>;
}

/** The raw JSON of a resource: anything may be missing or of the wrong type. */
interface RawResource {
  name?: unknown;
  path?: unknown;
  format?: unknown;
  schema?: unknown;
  lero?: { kind?: unknown; level?: unknown; subject?: unknown };
}

const KINDS: readonly ResourceKind[] = ["microdata", "aggregate", "stories"];

/** Reads the package of the site in `dist`: its resources, and findings for what is missing or unreadable. */
export function readPackage(dist: string, schemaDir: string | null): { resources: AuditResource[]; findings: AuditFinding[] } {
  const findings: AuditFinding[] = [];
  const dataDir = join(dist, "data");
  const packageFile = join(dist, PACKAGE_PATH);
  if (!existsSync(packageFile)) {
    findings.push({ code: "missing-datapackage", file: PACKAGE_PATH, message: `the site has no ${PACKAGE_PATH}, so its data cannot be checked` });
    return { resources: [], findings };
  }
  let pkg: { resources?: unknown };
  try {
    pkg = JSON.parse(readFileSync(packageFile, "utf8")) as { resources?: unknown };
  } catch (error) {
    findings.push({ code: "unreadable", file: PACKAGE_PATH, message: `not valid JSON (${(error as Error).message})` });
    return { resources: [], findings };
  }
  const raws = Array.isArray(pkg.resources) ? (pkg.resources as RawResource[]) : [];
  const resources: AuditResource[] = [];
  for (const [index, raw] of raws.entries()) {
    const name = typeof raw.name === "string" ? raw.name : `resource ${index + 1}`;
    const paths = typeof raw.path === "string" ? [raw.path] : Array.isArray(raw.path) ? raw.path.filter((p): p is string => typeof p === "string") : [];
    if (paths.length === 0) {
      findings.push({ code: "missing-resource", file: PACKAGE_PATH, message: `${name} has no path` });
      continue;
    }
    const files: AuditResource["files"] = [];
    for (const path of paths) {
      const file = resolve(dataDir, path);
      const rel = toPosix(relative(dist, file));
      if (!file.startsWith(dataDir + sep) || !existsSync(file)) {
        findings.push({ code: "missing-resource", file: rel, message: `${name}: the file named in ${PACKAGE_PATH} is missing or outside data/` });
      } else files.push({ file, rel });
    }
    const source = schemaDir === null ? undefined : sourceSchema(schemaDir, name);
    const kind = KINDS.find((k) => k === raw.lero?.kind);
    resources.push({
      name,
      files,
      format: typeof raw.format === "string" ? raw.format.toLowerCase() : undefined,
      kind,
      level: raw.lero?.level === "organisation" ? "organisation" : "person",
      subject: typeof raw.lero?.subject === "string" ? raw.lero.subject : source?.lero.subject,
      roles: rolesOf(resourceFields(raw, dataDir), source?.fields ?? []),
    });
  }
  return { resources, findings };
}

function resourceFields(resource: RawResource, dataDir: string): PackageField[] {
  let schema = resource.schema;
  if (typeof schema === "string") {
    try {
      schema = JSON.parse(readFileSync(resolve(dataDir, schema), "utf8"));
    } catch {
      schema = undefined;
    }
  }
  const fields = (schema as { fields?: unknown } | undefined)?.fields;
  return Array.isArray(fields) ? (fields as PackageField[]) : [];
}

function sourceSchema(dir: string, name: string): TableSchema | undefined {
  const file = join(dir, `${name}.json`);
  if (!/^[\w-]+$/.test(name) || !existsSync(file)) return undefined;
  try {
    return JSON.parse(readFileSync(file, "utf8")) as TableSchema;
  } catch {
    return undefined;
  }
}

const ROLE_STRENGTH: Role[] = ["identifier", "quasi", "free-text", "sensitive", "public"];

function isRole(value: unknown): value is Role {
  return ROLE_STRENGTH.includes(value as Role);
}

function rolesOf(...fieldLists: (readonly PackageField[])[]): Map<string, Role> {
  const roles = new Map<string, Role>();
  for (const fields of fieldLists) {
    for (const field of fields) {
      const role = field?.lero?.role;
      if (typeof field?.name !== "string" || !isRole(role)) continue;
      const previous = roles.get(field.name);
      if (previous === undefined || ROLE_STRENGTH.indexOf(role) < ROLE_STRENGTH.indexOf(previous)) roles.set(field.name, role);
    }
  }
  return roles;
}

/** A resource's rows: in memory for JSON and CSV, left in the file for Parquet. */
export interface LoadedTable {
  format: "parquet" | "rows";
  file: string;
  columns: string[];
  rows?: Record<string, unknown>[];
  aggregate?: { dimensions?: string[]; measures?: string[]; totalLabel: string; base?: unknown; links?: { additive?: boolean; additiveDimensions?: string[] } };
}

export async function loadTable(db: DuckDBConnection, file: string, format: string): Promise<LoadedTable> {
  if (format === "parquet") {
    const described = await db.runAndReadAll(`DESCRIBE SELECT * FROM read_parquet(${quoteLiteral(file)})`);
    const columns = described.getRowObjectsJson().map((r) => String(r["column_name"]));
    return { format: "parquet", file, columns };
  }
  if (format === "csv") {
    const records = parseCsv(readFileSync(file, "utf8"), { bom: true, relax_column_count: true }) as string[][];
    const [header = [], ...body] = records;
    const rows = body.map((cells) => Object.fromEntries(header.map((h, i) => [h, cells[i] === "" ? null : (cells[i] ?? null)])));
    return { format: "rows", file, columns: header, rows };
  }
  if (format === "json") {
    const json = JSON.parse(readFileSync(file, "utf8")) as unknown;
    if (Array.isArray(json)) return { format: "rows", file, columns: columnsOf(json as Record<string, unknown>[]), rows: json as Record<string, unknown>[] };
    const obj = json as { rows?: unknown; dimensions?: unknown; measures?: unknown; totalLabel?: unknown; data?: unknown; base?: unknown; links?: unknown };
    const rows = (Array.isArray(obj.rows) ? obj.rows : Array.isArray(obj.data) ? obj.data : []) as Record<string, unknown>[];
    const strings = (v: unknown): string[] | undefined => (Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : undefined);
    const dimensions = strings(obj.dimensions);
    const measures = strings(obj.measures);
    const aggregate =
      dimensions !== undefined || measures !== undefined
        ? {
            ...(dimensions === undefined ? {} : { dimensions }),
            ...(measures === undefined ? {} : { measures }),
            totalLabel: typeof obj.totalLabel === "string" ? obj.totalLabel : "Total",
            ...(obj.base === undefined ? {} : { base: obj.base }),
            ...(typeof obj.links === "object" && obj.links !== null ? { links: readLinks(obj.links as Record<string, unknown>) } : {}),
          }
        : undefined;
    return { format: "rows", file, columns: columnsOf(rows), rows, ...(aggregate ? { aggregate } : {}) };
  }
  throw new Error(`unknown format "${format}"`);
}

function columnsOf(rows: Record<string, unknown>[]): string[] {
  const columns = new Set<string>();
  for (const row of rows) if (row && typeof row === "object") for (const key of Object.keys(row)) columns.add(key);
  return [...columns];
}

/** The part of a table's links the audit uses: along which dimensions its cells add up. */
function readLinks(links: Record<string, unknown>): { additive?: boolean; additiveDimensions?: string[] } {
  const dims = Array.isArray(links.additiveDimensions) ? links.additiveDimensions.filter((d): d is string => typeof d === "string") : undefined;
  return { ...(typeof links.additive === "boolean" ? { additive: links.additive } : {}), ...(dims ? { additiveDimensions: dims } : {}) };
}

/** Reads a Parquet resource's rows into memory (aggregates are small). */
export async function readParquetRows(db: DuckDBConnection, table: LoadedTable): Promise<void> {
  table.rows = (await db.runAndReadAll(`SELECT * FROM read_parquet(${quoteLiteral(table.file)})`)).getRowObjectsJson();
}

export function toPosix(path: string): string {
  return path.split(sep).join("/");
}
