/**
 * The independent disclosure audit of a built site folder (`dist/`).
 *
 * It trusts nothing the pipeline wrote about itself — no "k achieved", no "suppressed" flags — and
 * recomputes from the published bytes:
 * - microdata resources in `data/datapackage.json` (`microdata.ts`): no identifier-role column, no
 *   column without a role, k over the quasi-identifier columns at least the policy's k for the
 *   resource's level; stories publish nothing but the story fields;
 * - aggregate resources (`aggregates.ts`): no small or unrounded count, no recoverable `[c]`, no
 *   statistic on a base below the minimum;
 * - every file of the site (except library folders `_npm/`, `_node/`, `_observablehq/` and binary
 *   files) for personal data (`personal-data.ts`);
 * - Parquet and CSV files anywhere in the site whose bytes are not those of a checked resource (an
 *   undescribed data file was never checked).
 *
 * The package is read once into a clean shape (`resources.ts`); what a finding holds and what its
 * positions mean is said in `findings.ts`.
 */
import { createHash } from "node:crypto";
import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import { extname, join, relative, resolve } from "node:path";
import { DuckDBInstance, type DuckDBConnection } from "@duckdb/node-api";
import type { ResourceKind } from "../../../src/lib/published.ts";
import { SCHEMA_DIR } from "../../schema.ts";
import type { DisclosurePolicy, Level } from "../policy.ts";
import { loadPolicy } from "../policy.ts";
import { checkAggregate } from "./aggregates.ts";
import { capped, type AuditFinding } from "./findings.ts";
import { checkMicrodata, checkStories } from "./microdata.ts";
import { scanFile, scanParquet } from "./personal-data.ts";
import { loadTable, readPackage, readParquetRows, toPosix, type AuditResource, type LoadedTable } from "./resources.ts";

export { formatFinding, type AuditCode, type AuditFinding } from "./findings.ts";
export { findPersonalData, passesMod11, type PersonalDataKind, type PersonalDataMatch } from "./personal-data.ts";

export interface AuditReport {
  ok: boolean;
  findings: AuditFinding[];
  /** Files scanned for personal data. */
  filesScanned: number;
  /** Files not scanned (binary, or a format the audit cannot read), relative paths. */
  skipped: string[];
  resources: { name: string; kind: ResourceKind; level: Level; k?: number }[];
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
    const pkg = readPackage(dist, schemaDir);
    findings.push(...pkg.findings);
    const checkedHashes = new Set<string>();
    for (const resource of pkg.resources) {
      for (const { file, rel } of resource.files) {
        checkedHashes.add(sha256(file));
        findings.push(...(await auditResourceFile(db, resource, file, rel, policy, report)));
      }
    }
    for (const file of listFiles(dist)) {
      const rel = toPosix(relative(dist, file));
      const ext = extname(file).slice(1).toLowerCase();
      if ((ext === "parquet" || ext === "csv") && !checkedHashes.has(sha256(file))) {
        findings.push({
          code: "undescribed-data",
          file: rel,
          message: "data file not described in data/datapackage.json, so it was never checked for k or small counts: publish it through the pipeline",
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

/** Checks one file of a resource by its kind; a resource that does not say is an aggregate if it looks like one. */
async function auditResourceFile(db: DuckDBConnection, resource: AuditResource, file: string, rel: string, policy: DisclosurePolicy, report: AuditReport): Promise<AuditFinding[]> {
  const { name, level } = resource;
  const format = resource.format ?? extname(file).slice(1).toLowerCase();
  let table: LoadedTable;
  try {
    table = await loadTable(db, file, format);
  } catch (error) {
    return [{ code: "unreadable", file: rel, message: `${name}: cannot read it as ${format} (${(error as Error).message})` }];
  }
  if (resource.kind === "stories") {
    report.resources.push({ name, kind: "stories", level });
    return checkStories(table).map((f) => ({ ...f, file: rel }));
  }
  const kind = resource.kind === "aggregate" || (resource.kind !== "microdata" && table.aggregate !== undefined) ? "aggregate" : "microdata";
  if (kind === "aggregate") {
    if (table.format === "parquet") await readParquetRows(db, table);
    report.resources.push({ name, kind, level });
    return checkAggregate(table, policy, level).map((f) => ({ ...f, file: rel }));
  }
  const { found, k } = await checkMicrodata(db, table, resource.roles, resource.subject, policy, level);
  report.resources.push({ name, kind, level, ...(k === undefined ? {} : { k }) });
  return capped(found.map((f) => ({ ...f, file: rel })), 50);
}

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
