/**
 * One measured run, in its own process so its peak memory is its own:
 *   pipeline  the pipeline's automatic choice: the DuckDB fast path (loaders/pipeline/fast.ts) when the
 *             export qualifies, else the exact path below; the path taken is in the output line
 *   exact     read → map → validate → disclose → publish Parquet in JavaScript, for one outcomes export
 *             (or, with `--dataset`, another dataset's export, its mapping file beside it)
 *   baseline  DuckDB's own COPY (SELECT * FROM read_csv(…)) TO '….parquet' (ZSTD) on the same file
 * `--seed` draws the register's random IDs from a seed, so the pipeline's and the exact path's Parquet
 * can be compared byte for byte. Prints one JSON line: { seconds, cpuSeconds, rows, bytes, maxRssMb, path }.
 */
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { parseArgs } from "node:util";
import { discloseRecords } from "../../loaders/disclose/apply.ts";
import { loadPolicy } from "../../loaders/disclose/policy.ts";
import { DEMO_PSEUDONYM_KEY } from "../../loaders/disclose/pseudonym.ts";
import { PseudonymRegister, secureRandomId, seededRandomId } from "../../loaders/disclose/register.ts";
import type { DuckDBConnection } from "@duckdb/node-api";
import { quoteLiteral, withDuckDB } from "../../loaders/publish/duckdb.ts";
import { columnsOf, loadRecords, orderedSelect, writeParquet } from "../../loaders/publish/table.ts";
import { fastMemoryLimit } from "../../loaders/pipeline/dataset.ts";
import { fastDataset } from "../../loaders/pipeline/fast.ts";
import { locateMapping } from "../../loaders/pipeline/locate.ts";
import { applyMapping, loadMapping, readExport } from "../../loaders/read/index.ts";
import { referenceSets } from "../../loaders/reference.ts";
import { loadSchema } from "../../loaders/schema.ts";
import { validateTable } from "../../loaders/validate/index.ts";

const { values } = parseArgs({ options: { mode: { type: "string" }, file: { type: "string" }, out: { type: "string" }, seed: { type: "string" }, dataset: { type: "string" } } });
const { mode, file, out, seed, dataset = "outcomes" } = values;
if ((mode !== "pipeline" && mode !== "exact" && mode !== "baseline") || !file || !out || (dataset !== "outcomes" && mode !== "exact")) {
  process.stderr.write("usage: pipeline-worker --mode pipeline|exact|baseline --file outcomes.csv --out DIR [--seed TEXT]\n       pipeline-worker --mode exact --dataset NAME --file EXPORT --out DIR (its mapping file beside it, if any)\n");
  process.exit(2);
}
const target = join(out, `${mode}.parquet`);
const started = performance.now();
let rows = 0;
let path = mode === "baseline" ? "baseline" : "javascript";
if (mode === "baseline") {
  await withDuckDB(async (db) => {
    await db.run(`COPY (SELECT * FROM read_csv(${quoteLiteral(file)})) TO ${quoteLiteral(target)} (FORMAT parquet, COMPRESSION zstd)`);
    const count = await db.runAndReadAll(`SELECT count(*)::INTEGER AS n FROM read_parquet(${quoteLiteral(target)})`);
    rows = Number(count.getRowObjects()[0]?.n ?? 0);
  });
} else {
  const schema = loadSchema(dataset);
  const policy = loadPolicy();
  // A first build from new data: every identifier draws a new random ID, as in a real build; with
  // --seed, IDs drawn from the seed (as the sample's are), so two runs can be compared byte for byte.
  const register = PseudonymRegister.inMemory(seed === undefined ? secureRandomId : seededRandomId(seed));
  if (mode === "pipeline") {
    const spill = mkdtempSync(join(tmpdir(), "lero-duckdb-"));
    await withDuckDB(async (connection) => {
      const db = process.env["LERO_SQL_TIMING"] === "1" || process.env["LERO_SQL_PROFILE"] === "1" ? timed(connection) : connection;
      await db.run(`SET memory_limit = ${quoteLiteral(fastMemoryLimit(statSync(file).size))}`);
      await db.run(`SET temp_directory = ${quoteLiteral(spill)}`);
      const progress = process.stderr.isTTY ? (line: string) => process.stderr.write(`${line}\n`) : undefined;
      const outcome = await fastDataset(db, { name: "outcomes", schema, file, policy, pseudonymKey: DEMO_PSEUDONYM_KEY, register, references: referenceSets(), ...(progress ? { progress } : {}) });
      if (outcome.ok) {
        path = "duckdb";
        rows = outcome.read;
        await writeParquet(db, orderedSelect(outcome.microdata, columnsOf(outcome.disclosed.fields), outcome.disclosed.sortKey), target);
      } else process.stderr.write(`fast path declined: ${outcome.reason}\n`);
    });
    rmSync(spill, { recursive: true, force: true });
  }
  if (path !== "duckdb") {
    const mapping = locateMapping(dirname(file), dataset);
    const table = applyMapping(await readExport(file), schema, mapping ? loadMapping(mapping) : {});
    const validation = validateTable(table, schema, { references: referenceSets(), maxRejectedShare: policy.maxRejectedShare });
    const disclosed = discloseRecords(validation.records, schema, { policy, pseudonymKey: DEMO_PSEUDONYM_KEY, register, rows: validation.rows });
    const columns = columnsOf(disclosed.fields);
    await withDuckDB(async (db) => {
      await loadRecords(db, "m", columns, disclosed.records);
      await writeParquet(db, orderedSelect("m", columns, disclosed.sortKey), target);
    });
    rows = validation.read;
  }
}
const seconds = (performance.now() - started) / 1000;
const usage = process.resourceUsage();
// CPU time (every thread's, user and system) as well as wall time: on a shared machine it varies far less.
const cpuSeconds = (usage.userCPUTime + usage.systemCPUTime) / 1e6;
process.stdout.write(`${JSON.stringify({ seconds, cpuSeconds, rows, bytes: statSync(target).size, maxRssMb: usage.maxRSS / 1024, path })}\n`);

/**
 * With LERO_SQL_TIMING=1, each statement's time, the process's memory after it and its first words on
 * stderr: where the DuckDB time and memory go. The memory is the resident size, its peak so far, and of
 * it JavaScript's heap in use (js), memory outside the heap that JavaScript holds (ext) and what DuckDB
 * counts as its own (ddb, `duckdb_memory()`): what is left is freed memory the allocators keep.
 * With LERO_SQL_PROFILE=1 as well, each statement that writes a table or a file is run under EXPLAIN
 * ANALYZE (which runs it) and its plan, with each operator's time and rows, follows when it took over a second.
 */
function timed(db: DuckDBConnection): DuckDBConnection {
  const profile = process.env["LERO_SQL_PROFILE"] === "1";
  return new Proxy(db, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver) as unknown;
      if ((property !== "run" && property !== "runAndReadAll") || typeof value !== "function") return typeof value === "function" ? value.bind(target) : value;
      return async (sql: string) => {
        const at = performance.now();
        if (profile && property === "run" && /^(CREATE OR REPLACE TABLE \S+ AS|COPY) /.test(sql)) {
          const plan = await target.runAndReadAll(`EXPLAIN ANALYZE ${sql}`);
          const seconds = (performance.now() - at) / 1000;
          process.stderr.write(`${seconds.toFixed(3).padStart(7)} s  ${sql.replace(/\s+/g, " ").slice(0, 110)}\n`);
          if (seconds > 1) process.stderr.write(`${String(plan.getRows()[0]?.[1] ?? "")}\n`);
          return undefined;
        }
        const result = await (value as (sql: string) => Promise<unknown>).call(target, sql);
        const memory = process.memoryUsage();
        const duckdbBytes = Number((await target.runAndReadAll("SELECT sum(memory_usage_bytes)::BIGINT AS b FROM duckdb_memory()")).getRowObjectsJS()[0]?.["b"] ?? 0);
        const mb = (bytes: number) => Math.round(bytes / 2 ** 20);
        const held = `${mb(memory.rss)} MB (peak ${Math.round(process.resourceUsage().maxRSS / 1024)}, js ${mb(memory.heapUsed)}, ext ${mb(memory.external)}, ddb ${mb(duckdbBytes)})`;
        process.stderr.write(`${((performance.now() - at) / 1000).toFixed(3).padStart(7)} s ${held.padStart(44)}  ${sql.replace(/\s+/g, " ").slice(0, 100)}\n`);
        return result;
      };
    },
  });
}
