/**
 * One dataset through the pipeline: read → map columns → validate → disclose. Publishing is separate
 * (`publish.ts`), so a build can check every dataset before it writes anything.
 */
import { discloseRecords, type DisclosedDataset, type HeldText } from "../disclose/apply.ts";
import type { DisclosurePolicy } from "../disclose/policy.ts";
import type { PseudonymRegister } from "../disclose/register.ts";
import { applyMapping, loadMapping, readExport } from "../read/index.ts";
import type { TableSchema } from "../schema.ts";
import type { ExportFormat, Issue } from "../types.ts";
import { validateTable } from "../validate/index.ts";
import { statSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { quoteIdentifier, quoteLiteral, withDuckDB } from "../publish/duckdb.ts";
import { fastDataset } from "./fast.ts";
import { locateExport, locateMapping } from "./locate.ts";

export interface DatasetInput {
  name: string;
  schema: TableSchema;
  dir: string;
  policy: DisclosurePolicy;
  pseudonymKey: string;
  register: PseudonymRegister;
  references: Record<string, ReadonlySet<string>>;
  allow?: ReadonlySet<string>;
  /**
   * Try the DuckDB fast path first: `true` always, `"auto"` (the default) for exports of at least
   * `FAST_PATH_MIN_BYTES`, where it pays for DuckDB's start-up; it hands a file to the JavaScript path
   * when it must.
   */
  fast?: boolean | "auto";
  /** Progress lines of the fast path, one per stage. */
  progress?: (line: string) => void;
}

export interface RejectionSummary {
  row: number;
  line: number;
  codes: string[];
}

export interface ProcessedDataset {
  name: string;
  schema: TableSchema;
  file: string;
  mapping?: string;
  format: ExportFormat;
  encoding: string;
  read: number;
  accepted: number;
  rejected: RejectionSummary[];
  /** Every issue, with positions; values are kept for the private report only. */
  issues: Issue[];
  /** Table-level errors: these stop the build. */
  fatal: Issue[];
  dropped: string[];
  disclosed?: DisclosedDataset;
  held: HeldText[];
  /** Which path built it: the DuckDB fast path, or the exact JavaScript path and why. */
  path: { kind: "duckdb" } | { kind: "javascript"; reason: string };
}

/**
 * The export size from which the fast path is tried by default: below it DuckDB's start-up costs more
 * than the JavaScript path (the 20,548-row sample, 2.6 MB, takes 2.4 s against 0.6 s; at 100,000 rows
 * the fast path is ahead).
 */
export const FAST_PATH_MIN_BYTES = 5_000_000;

/** A table-level error is one that is not about a single row (labels, schema, too many bad rows). */
export function isFatal(issue: Issue): boolean {
  return issue.severity === "error" && issue.row === undefined;
}

export async function processDataset(input: DatasetInput): Promise<ProcessedDataset> {
  const { name, schema, dir } = input;
  const file = locateExport(dir, name);
  const mappingFile = locateMapping(dir, name);
  let reason = "the fast path was turned off";
  const fast = input.fast ?? "auto";
  const bytes = statSync(file).size;
  if (fast === "auto" && bytes < FAST_PATH_MIN_BYTES) {
    reason = `a small export (${(bytes / 1e6).toFixed(1)} MB): the fast path pays off from ${FAST_PATH_MIN_BYTES / 1e6} MB`;
  } else if (fast !== false) {
    const fast = await processFast(input, file, mappingFile);
    if ("reason" in fast) reason = fast.reason;
    else return fast;
  }
  let started = performance.now();
  const stage = (what: string, rows: number) => {
    const seconds = (performance.now() - started) / 1000;
    input.progress?.(`  ${name}: ${what} ${rows.toLocaleString("en-GB")} rows in ${seconds.toFixed(2)} s (${Math.round(rows / Math.max(seconds, 1e-6)).toLocaleString("en-GB")} rows/s)`);
    started = performance.now();
  };
  const raw = await readExport(file);
  const table = applyMapping(raw, schema, mappingFile ? loadMapping(mappingFile) : {});
  stage("read", table.rows.length);
  const validation = validateTable(table, schema, { references: input.references, maxRejectedShare: input.policy.maxRejectedShare });
  stage("validated", validation.read);
  const fatal = validation.issues.filter(isFatal);
  const processed: ProcessedDataset = {
    name,
    schema,
    file,
    ...(mappingFile ? { mapping: mappingFile } : {}),
    format: table.format,
    encoding: table.encoding,
    read: validation.read,
    accepted: validation.records.length,
    rejected: validation.rejected.map((r) => ({ row: r.row, line: r.line, codes: [...new Set(r.issues.map((i) => i.code))] })),
    issues: validation.issues,
    fatal,
    dropped: validation.dropped,
    held: [],
    path: { kind: "javascript", reason },
  };
  if (fatal.length > 0) return processed;
  const disclosed = discloseRecords(validation.records, schema, {
    policy: input.policy,
    pseudonymKey: input.pseudonymKey,
    register: input.register,
    rows: validation.rows,
    ...(input.allow ? { allow: input.allow } : {}),
  });
  stage("disclosed", validation.records.length);
  processed.disclosed = disclosed;
  processed.held = disclosed.held;
  return processed;
}

/**
 * Memory DuckDB may use on the fast path before it spills to disk, in MB: three times the export's
 * size, at least `floorMb` and at most `capMb`.
 *
 * Decision: the limit follows the export, because it is the part of the build's memory that can. The
 * export's table takes about 1.7 times the file in DuckDB, and reading needs room for its buffers
 * besides: reading the 50 MB export with 8 MiB buffers (`CSV_BUFFER_BYTES` in fast.ts) worked at
 * 150 MB and ran out of memory at 100 MB (with DuckDB's default buffers, even at 180 MB), hence the
 * floor. Measured with `scripts/bench/pipeline-worker.ts` at 1M rows (126 MB) on two shared cores:
 * at 3× (379 MB) 11.2–11.8 s, 12.7–12.9 s of CPU, peak 861–868 MB; at 2.5× (316 MB) 13.2 s, 14.5 s
 * of CPU, 786 MB; at 2× (253 MB) 11.9 s, 15.9 s of CPU, 769 MB, where reading the export spills (2.0 s
 * against 1.1 s). 3× is the fastest that leaves the 1M-row run well under 1 GB; the cap keeps a larger
 * export from taking more (it spills instead). Should a limit be too small (more threads need more
 * read buffers), the fast path is tried once more at the cap (`processFast`).
 */
export const FAST_MEMORY = { perExportByte: 3, floorMb: 160, capMb: 400 } as const;

/** `FAST_MEMORY`'s limit for an export of `bytes`, as DuckDB's `memory_limit` setting ("252MB"). */
export function fastMemoryLimit(bytes: number): string {
  return `${Math.round(Math.min(FAST_MEMORY.capMb, Math.max(FAST_MEMORY.floorMb, (FAST_MEMORY.perExportByte * bytes) / 1e6)))}MB`;
}

/**
 * The DuckDB fast path (`fast.ts`): on success the published rows and the rows tables count are left in
 * Parquet files in a temporary folder (`disclosed.stored`), which publishing reads and then removes.
 */
async function processFast(input: DatasetInput, file: string, mapping: string | undefined): Promise<ProcessedDataset | { reason: string }> {
  const limit = fastMemoryLimit(statSync(file).size);
  const first = await processFastWithin(input, file, mapping, limit);
  const cap = `${FAST_MEMORY.capMb}MB`;
  return "reason" in first && /Out of Memory/i.test(first.reason) && limit !== cap ? processFastWithin(input, file, mapping, cap) : first;
}

async function processFastWithin(input: DatasetInput, file: string, mapping: string | undefined, memoryLimit: string): Promise<ProcessedDataset | { reason: string }> {
  const { name, schema } = input;
  const spill = await mkdtemp(join(tmpdir(), "lero-duckdb-"));
  try {
    return await withDuckDB(async (db) => {
      await db.run(`SET memory_limit = ${quoteLiteral(memoryLimit)}`);
      await db.run(`SET temp_directory = ${quoteLiteral(spill)}`);
      await db.run("SET preserve_insertion_order = true");
      let outcome: Awaited<ReturnType<typeof fastDataset>>;
      try {
        outcome = await fastDataset(db, {
          name,
          schema,
          file,
          ...(mapping ? { mapping } : {}),
          policy: input.policy,
          pseudonymKey: input.pseudonymKey,
          register: input.register,
          references: input.references,
          ...(input.progress ? { progress: input.progress } : {}),
        });
      } catch (error) {
        // The JavaScript path is the reference: a fast path that stops hands the file over (and says why).
        return { reason: `the fast path stopped: ${String((error as Error).message ?? error).split("\n")[0]}` };
      }
      if (!outcome.ok) return { reason: outcome.reason };
      const dir = await mkdtemp(join(tmpdir(), "lero-fast-"));
      const microdata = join(dir, "microdata.parquet");
      const table = join(dir, "table.parquet");
      const started = performance.now();
      await db.run(`COPY ${quoteIdentifier(outcome.microdata)} TO ${quoteLiteral(microdata)} (FORMAT parquet)`);
      await db.run(`COPY ${quoteIdentifier(outcome.table)} TO ${quoteLiteral(table)} (FORMAT parquet)`);
      const disclosed = outcome.disclosed;
      const seconds = (performance.now() - started) / 1000;
      const rows = disclosed.stored?.rows ?? 0;
      input.progress?.(`  ${name}: stored ${rows.toLocaleString("en-GB")} rows in ${seconds.toFixed(2)} s (${Math.round(rows / Math.max(seconds, 1e-6)).toLocaleString("en-GB")} rows/s)`);
      disclosed.stored = { dir, microdata, table, rows: disclosed.stored?.rows ?? 0 };
      const processed: ProcessedDataset = {
        name,
        schema,
        file,
        format: "plain",
        encoding: "utf-8",
        read: outcome.read,
        accepted: outcome.read - outcome.rejected.length,
        rejected: outcome.rejected,
        issues: outcome.issues,
        fatal: [],
        dropped: [],
        disclosed,
        held: [],
        path: { kind: "duckdb" },
      };
      return processed;
    });
  } finally {
    await rm(spill, { recursive: true, force: true });
  }
}

/** Removes the temporary files of datasets built on the fast path. */
export async function removeStored(datasets: readonly ProcessedDataset[]): Promise<void> {
  for (const d of datasets) if (d.disclosed?.stored?.dir) await rm(d.disclosed.stored.dir, { recursive: true, force: true });
}
