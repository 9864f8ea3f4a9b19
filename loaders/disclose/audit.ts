/**
 * The independent disclosure audit of a built site folder (`dist/`).
 *
 * It trusts nothing the pipeline wrote about itself — no "k achieved", no "suppressed" flags — and
 * recomputes from the published bytes:
 * - microdata resources in `data/datapackage.json`: no identifier-role column, no column without a
 *   role, k over the quasi-identifier columns (distinct subjects for longitudinal data, whose quasi
 *   values must not vary) at least the policy's k for the resource's level;
 * - aggregate resources: no count from 1 to the threshold, person counts multiples of the rounding
 *   base, no group (a dimension's values with the other dimensions fixed) with exactly one `[c]` while
 *   its total is published, no mean/median/percentage on a base below the minimum;
 * - every file of the site (except library folders `_npm/`, `_node/`, `_observablehq/` and binary
 *   files) for personal data: e-mail addresses other than the policy's `allowedEmails`, UK phone
 *   numbers, full UK postcodes, NHS numbers that pass the mod-11 check, National Insurance numbers;
 *   Parquet string columns included;
 * - Parquet and CSV files anywhere in the site whose bytes are not those of a checked resource (an
 *   undescribed data file was never checked).
 *
 * Roles come from the resource's schema and, where `data/schemas/<resource name>.json` exists, from the
 * source schema too: a column either marks as identifier (quasi) is treated as identifier (quasi).
 * Missing `lero.kind` or `lero.level` fall back to the strictest reading (microdata, person).
 *
 * Positions: `row` is the 1-based data row (after a CSV header; index + 1 in a JSON `rows` array or a
 * Parquet file); `line` the 1-based line of a text file; `column` the column or JSON path.
 */
import { createHash } from "node:crypto";
import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import { extname, join, relative, resolve, sep } from "node:path";
import { DuckDBInstance, type DuckDBConnection } from "@duckdb/node-api";
import { parse as parseCsv } from "csv-parse/sync";
import { isValid as isValidPostcode } from "postcode";
import { STORY_FIELDS } from "../../src/lib/published.ts";
import { quoteIdentifier, quoteLiteral } from "../publish/duckdb.ts";
import { SCHEMA_DIR, type Field, type Role, type TableSchema } from "../schema.ts";
import type { DisclosurePolicy, Level } from "./policy.ts";
import { loadPolicy, SYMBOLS } from "./policy.ts";

export type AuditCode =
  | "missing-datapackage"
  | "missing-resource"
  | "unreadable"
  | "identifier-column"
  | "unclassified-column"
  | "missing-subject"
  | "k-anonymity"
  | "varying-quasi"
  | "small-count"
  | "unrounded-count"
  | "bad-count"
  | "secondary-suppression"
  | "small-base"
  | "undescribed-data"
  | "personal-data";

export interface AuditFinding {
  code: AuditCode;
  /** Path relative to the dist folder, with forward slashes. */
  file: string;
  line?: number;
  row?: number;
  column?: string;
  reason: string;
}

export interface AuditReport {
  ok: boolean;
  findings: AuditFinding[];
  /** Files scanned for personal data. */
  filesScanned: number;
  /** Files not scanned (binary, or a format the audit cannot read), relative paths. */
  skipped: string[];
  resources: { name: string; kind: "microdata" | "aggregate" | "stories"; level: Level; k?: number }[];
}

export interface AuditOptions {
  policy?: DisclosurePolicy;
  /** Where source schemas live; null to use only the datapackage's schemas. */
  schemaDir?: string | null;
  /** At most this many findings of one kind per file (the rest are summed up in one finding). Default 50. */
  maxFindingsPerFile?: number;
}

const LIBRARY_DIRS = ["_npm", "_node", "_observablehq"];
const BINARY = new Set(
  "wasm png jpg jpeg gif webp avif ico bmp tif tiff woff woff2 ttf otf eot gz br zst zip pdf mp3 mp4 webm ogg arrow xlsx xls docx pptx".split(" "),
);
const COUNT_MEASURE = /^(count|n|people|organisations|organizations|respondents)$|_count$|^count_|_n$/i;
const STAT_MEASURE = /mean|median|average|percent|pct|share|proportion|rate/i;

export async function auditDist(distDir: string, options: AuditOptions = {}): Promise<AuditReport> {
  const dist = resolve(distDir);
  const policy = options.policy ?? loadPolicy();
  const schemaDir = options.schemaDir === undefined ? SCHEMA_DIR : options.schemaDir;
  const limit = options.maxFindingsPerFile ?? 50;
  const findings: AuditFinding[] = [];
  const report: AuditReport = { ok: true, findings, filesScanned: 0, skipped: [], resources: [] };
  const instance = await DuckDBInstance.create(":memory:");
  const db = await instance.connect();
  try {
    const checkedHashes = await auditResources(dist, policy, schemaDir, db, findings, report);
    const files = listFiles(dist);
    for (const file of files) {
      const rel = toPosix(relative(dist, file));
      const ext = extname(file).slice(1).toLowerCase();
      if ((ext === "parquet" || ext === "csv") && !checkedHashes.has(sha256(file))) {
        findings.push({
          code: "undescribed-data",
          file: rel,
          reason: "data file not described in data/datapackage.json, so it was never checked for k or small counts: publish it through the pipeline",
        });
      }
      if (BINARY.has(ext)) {
        report.skipped.push(rel);
        continue;
      }
      const found = ext === "parquet" ? await scanParquet(db, file, policy) : scanFile(file, ext, policy);
      if (found === undefined) {
        report.skipped.push(rel);
        continue;
      }
      report.filesScanned++;
      findings.push(...capped(found.map((f) => ({ ...f, file: rel })), limit));
    }
  } finally {
    db.closeSync();
    instance.closeSync();
  }
  report.ok = findings.length === 0;
  return report;
}

/** One line per finding: `file, line 3, column email: reason`. */
export function formatFinding(f: AuditFinding): string {
  const at = [f.file, f.line !== undefined ? `line ${f.line}` : undefined, f.row !== undefined ? `row ${f.row}` : undefined, f.column !== undefined ? `column ${f.column}` : undefined];
  return `${at.filter((x) => x !== undefined).join(", ")}: ${f.reason}`;
}

function capped(found: AuditFinding[], limit: number): AuditFinding[] {
  if (found.length <= limit) return found;
  const first = found[0]!;
  return [...found.slice(0, limit), { code: first.code, file: first.file, reason: `and ${found.length - limit} more findings in this file` }];
}

// ─── Resources ───────────────────────────────────────────────────────────────────────────────────────

interface Resource {
  name?: unknown;
  path?: unknown;
  format?: unknown;
  schema?: unknown;
  lero?: { kind?: unknown; level?: unknown; subject?: unknown };
}

async function auditResources(
  dist: string,
  policy: DisclosurePolicy,
  schemaDir: string | null,
  db: DuckDBConnection,
  findings: AuditFinding[],
  report: AuditReport,
): Promise<Set<string>> {
  const hashes = new Set<string>();
  const dataDir = join(dist, "data");
  const packageFile = join(dataDir, "datapackage.json");
  const packageRel = "data/datapackage.json";
  if (!existsSync(packageFile)) {
    findings.push({ code: "missing-datapackage", file: packageRel, reason: "the site has no data/datapackage.json, so its data cannot be checked" });
    return hashes;
  }
  let pkg: { resources?: unknown };
  try {
    pkg = JSON.parse(readFileSync(packageFile, "utf8")) as { resources?: unknown };
  } catch (error) {
    findings.push({ code: "unreadable", file: packageRel, reason: `not valid JSON (${(error as Error).message})` });
    return hashes;
  }
  const resources = Array.isArray(pkg.resources) ? (pkg.resources as Resource[]) : [];
  for (const [index, resource] of resources.entries()) {
    const name = typeof resource.name === "string" ? resource.name : `resource ${index + 1}`;
    const paths = typeof resource.path === "string" ? [resource.path] : Array.isArray(resource.path) ? resource.path.filter((p): p is string => typeof p === "string") : [];
    if (paths.length === 0) {
      findings.push({ code: "missing-resource", file: packageRel, reason: `${name} has no path` });
      continue;
    }
    const fields = resourceFields(resource, dataDir);
    const source = schemaDir === null ? undefined : sourceSchema(schemaDir, name);
    const roles = rolesOf(fields, source?.fields ?? []);
    const level: Level = resource.lero?.level === "organisation" ? "organisation" : "person";
    const subjectName = typeof resource.lero?.subject === "string" ? resource.lero.subject : source?.lero.subject;
    for (const path of paths) {
      const file = resolve(dataDir, path);
      const rel = toPosix(relative(dist, file));
      if (!file.startsWith(dataDir + sep) || !existsSync(file)) {
        findings.push({ code: "missing-resource", file: rel, reason: `${name}: the file named in data/datapackage.json is missing or outside data/` });
        continue;
      }
      hashes.add(sha256(file));
      const format = (typeof resource.format === "string" ? resource.format : extname(file).slice(1)).toLowerCase();
      let table: LoadedTable;
      try {
        table = await loadTable(db, file, format);
      } catch (error) {
        findings.push({ code: "unreadable", file: rel, reason: `${name}: cannot read it as ${format} (${(error as Error).message})` });
        continue;
      }
      const declaredKind = resource.lero?.kind;
      if (declaredKind === "stories") {
        // Each story is published on its storyteller's recorded consent, so k does not apply; the text
        // is still scanned for personal data below, and nothing but the story's own fields may appear.
        findings.push(...checkStories(table).map((f) => ({ ...f, file: rel })));
        report.resources.push({ name, kind: "stories", level });
        continue;
      }
      const kind = declaredKind === "aggregate" || (declaredKind !== "microdata" && table.aggregate !== undefined) ? "aggregate" : "microdata";
      if (kind === "aggregate") {
        if (table.format === "parquet") {
          table.rows = (await db.runAndReadAll(`SELECT * FROM read_parquet(${quoteLiteral(file)})`)).getRowObjectsJson();
        }
        findings.push(...checkAggregate(table, policy, level).map((f) => ({ ...f, file: rel })));
        report.resources.push({ name, kind, level });
      } else {
        const { found, k } = await checkMicrodata(db, table, roles, subjectName, policy, level);
        findings.push(...capped(found.map((f) => ({ ...f, file: rel })), 50));
        report.resources.push({ name, kind, level, ...(k === undefined ? {} : { k }) });
      }
    }
  }
  return hashes;
}

function checkStories(table: LoadedTable): Omit<AuditFinding, "file">[] {
  const found: Omit<AuditFinding, "file">[] = [];
  (table.rows ?? []).forEach((row, index) => {
    for (const key of Object.keys(row)) {
      if (!(STORY_FIELDS as string[]).includes(key)) found.push({ code: "unclassified-column", row: index + 1, column: key, reason: `a story may only publish ${STORY_FIELDS.join(", ")}` });
    }
  });
  return found;
}

function resourceFields(resource: Resource, dataDir: string): Field[] {
  let schema = resource.schema;
  if (typeof schema === "string") {
    try {
      schema = JSON.parse(readFileSync(resolve(dataDir, schema), "utf8"));
    } catch {
      schema = undefined;
    }
  }
  const fields = (schema as { fields?: unknown } | undefined)?.fields;
  return Array.isArray(fields) ? (fields as Field[]) : [];
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

/** Column → the strictest role any schema gives it. */
function rolesOf(...fieldLists: Field[][]): Map<string, Role> {
  const roles = new Map<string, Role>();
  for (const fields of fieldLists) {
    for (const field of fields) {
      const role = field?.lero?.role;
      if (typeof field?.name !== "string" || !ROLE_STRENGTH.includes(role)) continue;
      const previous = roles.get(field.name);
      if (previous === undefined || ROLE_STRENGTH.indexOf(role) < ROLE_STRENGTH.indexOf(previous)) roles.set(field.name, role);
    }
  }
  return roles;
}

/** A resource's rows: in memory for JSON and CSV, left in the file for Parquet. */
interface LoadedTable {
  format: "parquet" | "rows";
  file: string;
  columns: string[];
  rows?: Record<string, unknown>[];
  aggregate?: { dimensions?: string[]; measures?: string[]; totalLabel: string; base?: unknown };
}

async function loadTable(db: DuckDBConnection, file: string, format: string): Promise<LoadedTable> {
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
    const obj = json as { rows?: unknown; dimensions?: unknown; measures?: unknown; totalLabel?: unknown; data?: unknown; base?: unknown };
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

// ─── Microdata ───────────────────────────────────────────────────────────────────────────────────────

type Finding = Omit<AuditFinding, "file">;

async function checkMicrodata(
  db: DuckDBConnection,
  table: LoadedTable,
  roles: Map<string, Role>,
  subject: string | undefined,
  policy: DisclosurePolicy,
  level: Level,
): Promise<{ found: Finding[]; k?: number }> {
  const found: Finding[] = [];
  const k = policy[level].k;
  for (const column of table.columns) {
    const role = roles.get(column);
    if (role === "identifier") found.push({ code: "identifier-column", column, reason: `identifier column "${column}" must never be published` });
    else if (role === undefined) found.push({ code: "unclassified-column", column, reason: `column "${column}" has no disclosure role in any schema, so it cannot be judged safe` });
  }
  const quasi = table.columns.filter((c) => roles.get(c) === "quasi");
  if (subject !== undefined && !table.columns.includes(subject)) {
    found.push({ code: "missing-subject", column: subject, reason: `the subject column "${subject}" is declared but not published, so people cannot be counted for k` });
    return { found };
  }
  const { classes, smallest, small, varying } =
    table.format === "parquet" ? await parquetClasses(db, table.file, quasi, subject, k) : rowClasses(table.rows ?? [], quasi, subject, k);
  if (classes === 0) return { found };
  const unit = subject === undefined ? (level === "person" ? "people" : "organisations") : "people";
  for (const cls of small) {
    found.push({
      code: "k-anonymity",
      row: cls.firstRow,
      column: quasi.join("+") || "(all rows)",
      reason: `only ${cls.size} ${unit} share ${describe(quasi, cls.values)}; the ${level} threshold is k = ${k}`,
    });
  }
  if (varying > 0) {
    found.push({
      code: "varying-quasi",
      column: subject,
      reason: `${varying} subject(s) have more than one combination of ${quasi.join(", ")}: rows of one person can be linked across groups`,
    });
  }
  return { found, k: smallest };
}

interface ClassSummary {
  classes: number;
  smallest: number;
  small: { size: number; firstRow: number; values: unknown[] }[];
  varying: number;
}

const MAX_CLASS_FINDINGS = 20;

function rowClasses(rows: Record<string, unknown>[], quasi: string[], subject: string | undefined, k: number): ClassSummary {
  const classes = new Map<string, { subjects: Set<string>; firstRow: number; values: unknown[] }>();
  const combinationOf = new Map<string, string>();
  const varying = new Set<string>();
  rows.forEach((row, i) => {
    const values = quasi.map((q) => row[q] ?? null);
    const key = JSON.stringify(values.map((v) => (v === null ? null : String(v))));
    const s = subject === undefined || row[subject] === null || row[subject] === undefined ? `\u0000row ${i}` : String(row[subject]);
    let cls = classes.get(key);
    if (cls === undefined) classes.set(key, (cls = { subjects: new Set(), firstRow: i + 1, values }));
    cls.subjects.add(s);
    if (subject !== undefined) {
      const previous = combinationOf.get(s);
      if (previous === undefined) combinationOf.set(s, key);
      else if (previous !== key) varying.add(s);
    }
  });
  const all = [...classes.values()];
  const small = all.filter((c) => c.subjects.size < k).map((c) => ({ size: c.subjects.size, firstRow: c.firstRow, values: c.values }));
  return {
    classes: all.length,
    smallest: all.length === 0 ? 0 : Math.min(...all.map((c) => c.subjects.size)),
    small: small.slice(0, MAX_CLASS_FINDINGS),
    varying: varying.size,
  };
}

async function parquetClasses(db: DuckDBConnection, file: string, quasi: string[], subject: string | undefined, k: number): Promise<ClassSummary> {
  const source = `read_parquet(${quoteLiteral(file)}, file_row_number = true)`;
  const q = quasi.map(quoteIdentifier);
  const size = subject === undefined ? "count(*)" : `count(DISTINCT ${quoteIdentifier(subject)}) + count(*) FILTER (WHERE ${quoteIdentifier(subject)} IS NULL)`;
  const grouped = `SELECT ${[...q, `${size} AS __size`, "min(file_row_number) + 1 AS __first"].join(", ")} FROM ${source}${q.length ? ` GROUP BY ${q.join(", ")}` : ""}`;
  const summary = (await db.runAndReadAll(`SELECT count(*) AS classes, min(__size) AS smallest FROM (${grouped})`)).getRowObjectsJson()[0] ?? {};
  const smallRows = (
    await db.runAndReadAll(`SELECT * FROM (${grouped}) WHERE __size < ${Math.floor(k)} ORDER BY __first LIMIT ${MAX_CLASS_FINDINGS}`)
  ).getRowObjectsJson();
  let varying = 0;
  if (subject !== undefined && q.length > 0) {
    const s = quoteIdentifier(subject);
    const result = await db.runAndReadAll(
      `SELECT count(*) AS n FROM (SELECT ${s} FROM ${source} WHERE ${s} IS NOT NULL GROUP BY ${s} HAVING count(DISTINCT row(${q.join(", ")})) > 1)`,
    );
    varying = Number(result.getRowObjectsJson()[0]?.["n"] ?? 0);
  }
  return {
    classes: Number(summary["classes"] ?? 0),
    smallest: Number(summary["smallest"] ?? 0),
    small: smallRows.map((r) => ({ size: Number(r["__size"]), firstRow: Number(r["__first"]), values: quasi.map((c) => r[c] ?? null) })),
    varying,
  };
}

function describe(quasi: string[], values: unknown[]): string {
  if (quasi.length === 0) return "the whole file";
  return quasi.map((q, i) => `${q} = ${values[i] === null ? "(blank)" : JSON.stringify(values[i])}`).join(", ");
}

// ─── Aggregates ──────────────────────────────────────────────────────────────────────────────────────

type CountValue = { kind: "number"; value: number } | { kind: "hidden" } | { kind: "unavailable" } | { kind: "bad"; text: string };

function countValue(value: unknown): CountValue {
  if (value === null || value === undefined || value === "") return { kind: "unavailable" };
  if (typeof value === "number") return { kind: "number", value };
  if (typeof value === "bigint") return { kind: "number", value: Number(value) };
  if (typeof value === "string") {
    const text = value.trim();
    if (text === SYMBOLS.confidential || text === SYMBOLS.low) return { kind: "hidden" };
    if (text === SYMBOLS.notAvailable || text === SYMBOLS.notApplicable) return { kind: "unavailable" };
    if (/^-?\d+(\.\d+)?$/.test(text)) return { kind: "number", value: Number(text) };
    return { kind: "bad", text };
  }
  return { kind: "bad", text: JSON.stringify(value) };
}

function checkAggregate(table: LoadedTable, policy: DisclosurePolicy, level: Level): Finding[] {
  const rules = policy[level];
  const rows = table.rows ?? [];
  const found: Finding[] = [];
  const declared = table.aggregate?.measures ?? [];
  const counts = table.columns.filter((c) => COUNT_MEASURE.test(c));
  const stats = table.columns.filter((c) => !COUNT_MEASURE.test(c) && STAT_MEASURE.test(c));
  const dimensions = table.aggregate?.dimensions ?? table.columns.filter((c) => !counts.includes(c) && !stats.includes(c) && !declared.includes(c));
  const totalLabel = table.aggregate?.totalLabel ?? "Total";
  const unit = level === "person" ? "people" : "organisations";

  // A top-level `base` (the people who answered a multi-select question) is a published count too.
  const cells: { at: { row?: number; column: string }; value: unknown }[] = [];
  if (table.aggregate?.base !== undefined) cells.push({ at: { column: "base" }, value: table.aggregate.base });
  rows.forEach((row, i) => {
    for (const measure of counts) cells.push({ at: { row: i + 1, column: measure }, value: row[measure] });
  });
  for (const { at, value } of cells) {
    const v = countValue(value);
    if (v.kind === "bad") found.push({ code: "bad-count", ...at, reason: `"${v.text}" is neither a count nor a symbol (${SYMBOLS.confidential}, ${SYMBOLS.notAvailable}, ${SYMBOLS.notApplicable}, ${SYMBOLS.low})` });
    if (v.kind !== "number") continue;
    if (!Number.isInteger(v.value) || v.value < 0) found.push({ code: "bad-count", ...at, reason: `${v.value} is not a whole number of ${unit}` });
    else if (v.value >= 1 && v.value <= rules.threshold) {
      found.push({ code: "small-count", ...at, reason: `a count of ${v.value} ${unit} is published; counts from 1 to ${rules.threshold} must be shown as ${SYMBOLS.confidential}` });
    } else if (rules.rounding > 1 && v.value % rules.rounding !== 0) {
      found.push({ code: "unrounded-count", ...at, reason: `a count of ${v.value} ${unit} is not rounded to a multiple of ${rules.rounding}` });
    }
  }
  rows.forEach((row, i) => {
    if (stats.length > 0 && counts.length > 0) {
      const base = countValue(row[counts[0]!]);
      const small = base.kind === "hidden" || (base.kind === "number" && base.value > 0 && base.value < rules.minimumBase);
      for (const stat of stats) {
        if (small && countValue(row[stat]).kind === "number") {
          found.push({
            code: "small-base",
            row: i + 1,
            column: stat,
            reason: `${stat} is published for a row whose ${counts[0]} is below the minimum base of ${rules.minimumBase} ${unit} (or suppressed)`,
          });
        }
      }
    }
  });

  // Secondary suppression: a group with one hidden cell and a published total gives the cell away.
  for (const dim of dimensions) {
    const others = dimensions.filter((d) => d !== dim);
    const groups = new Map<string, { members: number[]; totals: number[] }>();
    rows.forEach((row, i) => {
      const key = JSON.stringify(others.map((d) => row[d] ?? null));
      let group = groups.get(key);
      if (group === undefined) groups.set(key, (group = { members: [], totals: [] }));
      (row[dim] === totalLabel ? group.totals : group.members).push(i);
    });
    for (const group of groups.values()) {
      if (group.totals.length === 0) continue;
      for (const measure of counts) {
        const totalPublished = group.totals.some((i) => countValue(rows[i]![measure]).kind === "number");
        const hidden = group.members.filter((i) => countValue(rows[i]![measure]).kind === "hidden");
        if (!totalPublished || hidden.length !== 1) continue;
        found.push({
          code: "secondary-suppression",
          row: hidden[0]! + 1,
          column: measure,
          reason: `the only ${SYMBOLS.confidential} among the ${dim} values of its group while the group's ${totalLabel} is published: it can be worked out by subtraction`,
        });
      }
    }
  }
  return found;
}

// ─── Personal data ───────────────────────────────────────────────────────────────────────────────────

export type PersonalDataKind = "email" | "phone" | "postcode" | "nhs-number" | "ni-number";

export interface PersonalDataMatch {
  kind: PersonalDataKind;
  /** Offset of the match in the text. */
  index: number;
  text: string;
}

const EMAIL = /(?<![\w.%+-])[\w.%+-]+@(?:[A-Za-z0-9-]+\.)+([A-Za-z]{2,})(?![\w-])/g;
/** File types that look like top-level domains in `icon@2x.png` or `d3@7.min.js`. */
const FILE_EXTENSIONS = new Set("png jpg jpeg gif svg webp avif js mjs cjs css json html htm csv parquet wasm map ts txt md xml woff woff2".split(" "));
const PHONE = /(?<![\w.+/])(?:(?:\+|00)44[ -]?(?:\(0\)[ -]?)?\(?|\(?0)\d{1,5}\)?(?:[ -]?\d){5,9}(?![\w.])/g;
const NHS = /(?<![\w.+-])(\d{3})([ -]?)(\d{3})\2(\d{4})(?![\w]|\.\d)/g;
const NI = /(?<![A-Za-z0-9])(?!BG|GB|NK|KN|TN|NT|ZZ)[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z] ?\d{2} ?\d{2} ?\d{2} ?[A-D](?![A-Za-z0-9])/g;
const POSTCODE_UPPER = /(?<![A-Za-z0-9])[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}(?![A-Za-z0-9])/g;
const POSTCODE_SPACED = /(?<![A-Za-z0-9])[A-Za-z]{1,2}\d[A-Za-z\d]? \d[A-Za-z]{2}(?![A-Za-z0-9])/g;

/**
 * Finds personal-data patterns in a text. Independent of the pipeline's redaction on purpose: two
 * different implementations are less likely to share a blind spot.
 */
export function findPersonalData(text: string, allowedEmails: readonly string[] = [], options: { code?: boolean } = {}): PersonalDataMatch[] {
  const matches: PersonalDataMatch[] = [];
  const allowed = new Set(allowedEmails.map((e) => e.toLowerCase()));
  const quick = /[@\d]/.test(text);
  if (!quick) return matches;
  for (const m of text.matchAll(EMAIL)) {
    if (FILE_EXTENSIONS.has(m[1]!.toLowerCase()) || allowed.has(m[0].toLowerCase())) continue;
    matches.push({ kind: "email", index: m.index, text: m[0] });
  }
  for (const m of text.matchAll(PHONE)) if (isUkPhone(m[0])) matches.push({ kind: "phone", index: m.index, text: m[0] });
  for (const m of text.matchAll(NHS)) {
    const digits = `${m[1]}${m[3]}${m[4]}`;
    // In script and style files a bare ten-digit number is a constant (2147483648), not an NHS number.
    if ((options.code && m[2] === "") || /^(\d)\1{9}$/.test(digits) || !passesMod11(digits)) continue;
    matches.push({ kind: "nhs-number", index: m.index, text: m[0] });
  }
  for (const m of text.matchAll(NI)) matches.push({ kind: "ni-number", index: m.index, text: m[0] });
  const postcodes = new Set<number>();
  for (const re of [POSTCODE_UPPER, POSTCODE_SPACED]) {
    for (const m of text.matchAll(re)) {
      if (postcodes.has(m.index) || !isValidPostcode(m[0])) continue;
      postcodes.add(m.index);
      matches.push({ kind: "postcode", index: m.index, text: m[0] });
    }
  }
  return matches.sort((a, b) => a.index - b.index);
}

/** UK numbers: 0 + 9 or 10 digits (+44 without the 0); 02, 03, 07 numbers have 10 after the 0. */
function isUkPhone(candidate: string): boolean {
  let digits = candidate.replace(/\(0\)/, "").replace(/\D/g, "");
  if (digits.startsWith("0044")) digits = digits.slice(4);
  else if (candidate.trimStart().startsWith("+44")) digits = digits.slice(2);
  else digits = digits.slice(1);
  if (!/^[1235789]/.test(digits)) return false;
  if (/^[237]/.test(digits)) return digits.length === 10;
  return digits.length === 9 || digits.length === 10;
}

/** NHS number check digit: weights 10..2 on the first nine digits; 11 − (sum mod 11), 11 → 0, 10 → invalid. */
export function passesMod11(digits: string): boolean {
  if (!/^\d{10}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(digits[i]) * (10 - i);
  let check = 11 - (sum % 11);
  if (check === 11) check = 0;
  if (check === 10) return false;
  return check === Number(digits[9]);
}

const REASONS: Record<PersonalDataKind, string> = {
  email: "e-mail address (only the addresses in allowedEmails of data/disclosure.json may be published)",
  phone: "UK phone number",
  postcode: "full UK postcode",
  "nhs-number": "NHS number (passes the mod-11 check)",
  "ni-number": "National Insurance number",
};

function reasonFor(match: PersonalDataMatch): string {
  return `${REASONS[match.kind]}: "${mask(match.text)}"`;
}

/** Enough to find it in the file, not enough to read it in a build log. */
function mask(text: string): string {
  return text.length <= 3 ? "…" : `${text.slice(0, 2)}${"•".repeat(Math.min(text.length - 2, 12))}`;
}

function scanFile(file: string, ext: string, policy: DisclosurePolicy): Finding[] | undefined {
  const buffer = readFileSync(file);
  if (buffer.subarray(0, 8192).includes(0)) return undefined; // binary
  const text = buffer.toString("utf8");
  if (ext === "csv") {
    try {
      return scanCsv(text, policy);
    } catch {
      // not well-formed CSV: fall back to lines
    }
  }
  if (ext === "json") {
    try {
      return scanJson(JSON.parse(text) as unknown, policy);
    } catch {
      // not JSON after all: fall back to lines
    }
  }
  return scanLines(decodeEscapes(text, ext), policy, CODE_FILES.has(ext));
}

const CODE_FILES = new Set(["js", "mjs", "cjs", "css", "map"]);

/** Undo escapes that would hide a pattern from the scan, keeping every character on its line. */
function decodeEscapes(text: string, ext: string): string {
  let out = text.replace(/\\[nrt]/g, "  ").replace(/\\u([0-9a-fA-F]{4})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  if (["html", "htm", "svg", "xml", "md"].includes(ext)) {
    out = out
      .replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(Number(d)))
      .replace(/&#x([0-9a-f]+);/gi, (_, h: string) => String.fromCodePoint(parseInt(h, 16)))
      .replace(/&(commat|nbsp|period|amp);/g, (_, n: string) => ({ commat: "@", nbsp: " ", period: ".", amp: "&" })[n] ?? "");
  }
  return out;
}

function scanLines(text: string, policy: DisclosurePolicy, code: boolean): Finding[] {
  const found: Finding[] = [];
  text.split(/\r\n|\n|\r/).forEach((line, i) => {
    for (const m of findPersonalData(line, policy.allowedEmails, { code })) found.push({ code: "personal-data", line: i + 1, reason: reasonFor(m) });
  });
  return found;
}

function scanCsv(text: string, policy: DisclosurePolicy): Finding[] {
  const records = parseCsv(text, { bom: true, relax_column_count: true, relax_quotes: true, info: true }) as unknown as { record: string[]; info: { lines: number } }[];
  const header = records[0]?.record ?? [];
  const found: Finding[] = [];
  records.forEach(({ record, info }, r) => {
    record.forEach((cell, c) => {
      for (const m of findPersonalData(cell, policy.allowedEmails)) {
        found.push({
          code: "personal-data",
          line: info.lines,
          ...(r === 0 ? {} : { row: r }),
          column: r === 0 ? `header ${c + 1}` : (header[c] ?? `${c + 1}`),
          reason: reasonFor(m),
        });
      }
    });
  });
  return found;
}

function scanJson(json: unknown, policy: DisclosurePolicy): Finding[] {
  const found: Finding[] = [];
  const visit = (value: unknown, path: string, row: number | undefined): void => {
    if (typeof value === "string") {
      for (const m of findPersonalData(value, policy.allowedEmails)) {
        found.push({ code: "personal-data", ...(row === undefined ? {} : { row }), column: path || "(value)", reason: reasonFor(m) });
      }
    } else if (typeof value === "number" && Number.isInteger(value) && value >= 1e9 && value < 1e10) {
      // A ten-digit number can be an NHS number stored as a number.
      for (const m of findPersonalData(String(value), policy.allowedEmails)) {
        if (m.kind === "nhs-number") found.push({ code: "personal-data", ...(row === undefined ? {} : { row }), column: path, reason: reasonFor(m) });
      }
    } else if (Array.isArray(value)) {
      const isRows = path === "rows" || path === "data" || path === "";
      value.forEach((v, i) => visit(v, `${path}[${i}]`, isRows && row === undefined ? i + 1 : row));
    } else if (value !== null && typeof value === "object") {
      for (const [key, v] of Object.entries(value)) {
        for (const m of findPersonalData(key, policy.allowedEmails)) found.push({ code: "personal-data", column: `${path}${path ? "." : ""}(key)`, reason: reasonFor(m) });
        visit(v, path ? `${path}.${key}` : key, row);
      }
    }
  };
  visit(json, "", undefined);
  return found;
}

async function scanParquet(db: DuckDBConnection, file: string, policy: DisclosurePolicy): Promise<Finding[] | undefined> {
  const source = `read_parquet(${quoteLiteral(file)}, file_row_number = true)`;
  let columns: { name: string; type: string }[];
  try {
    columns = (await db.runAndReadAll(`DESCRIBE SELECT * FROM ${source}`))
      .getRowObjectsJson()
      .map((r) => ({ name: String(r["column_name"]), type: String(r["column_type"]) }))
      .filter((c) => c.name !== "file_row_number");
  } catch {
    return undefined;
  }
  const found: Finding[] = [];
  for (const column of columns) {
    const c = quoteIdentifier(column.name);
    for (const m of findPersonalData(column.name, policy.allowedEmails)) found.push({ code: "personal-data", column: `${column.name} (name)`, reason: reasonFor(m) });
    const textual = /VARCHAR|JSON|STRUCT|MAP|\[\]/.test(column.type);
    const bigNumber = /^(BIGINT|UBIGINT|HUGEINT|DECIMAL)/.test(column.type);
    if (!textual && !bigNumber) continue;
    // Only values with a digit or an @ can match: let DuckDB skip the rest.
    const value = `CAST(${c} AS VARCHAR)`;
    const sql = `SELECT file_row_number + 1 AS __row, ${value} AS __value FROM ${source} WHERE regexp_matches(${value}, '[0-9@]') ORDER BY file_row_number`;
    const reader = await db.runAndReadAll(sql);
    for (const r of reader.getRowObjectsJson()) {
      const text = String(r["__value"] ?? "");
      for (const m of findPersonalData(text, policy.allowedEmails)) {
        if (bigNumber && m.kind !== "nhs-number") continue;
        found.push({ code: "personal-data", row: Number(r["__row"]), column: column.name, reason: reasonFor(m) });
      }
    }
  }
  return found;
}

// ─── Helpers ─────────────────────────────────────────────────────────────────────────────────────────

function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string, top: boolean): void => {
    for (const entry of readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const path = join(d, entry.name);
      if (entry.isDirectory()) {
        if (top && LIBRARY_DIRS.includes(entry.name)) continue;
        walk(path, false);
      } else if (entry.isFile() || (entry.isSymbolicLink() && statSync(path).isFile())) out.push(path);
    }
  };
  if (existsSync(dir)) walk(dir, true);
  return out;
}

function sha256(file: string): string {
  return createHash("sha256").update(readFileSync(file)).digest("hex");
}

function toPosix(path: string): string {
  return path.split(sep).join("/");
}
