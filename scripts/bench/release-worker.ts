/**
 * One measured release, in its own process: the whole pipeline (every dataset, the protected tables,
 * the built-in intruder) over the sample with its outcomes export replaced by `--file`.
 * Prints one JSON line: { seconds, intruderSeconds, cellsAudited, tablesCompared, recordsForced, maxRssMb }.
 * With `--idle`, the same process's footprint before it reads anything: its modules loaded and one
 * DuckDB database opened and closed; prints { maxRssMb }.
 */
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { SAMPLE_DIR } from "../../loaders/data-dir.ts";
import { runIntruder, type IntruderReport } from "../../loaders/disclose/intruder/index.ts";
import { buildData } from "../../loaders/pipeline/index.ts";
import { withDuckDB } from "../../loaders/publish/duckdb.ts";

const { values } = parseArgs({ options: { file: { type: "string" }, out: { type: "string" }, idle: { type: "boolean" } } });
if (values.idle) {
  await withDuckDB((db) => db.run("SELECT 1"));
  process.stdout.write(`${JSON.stringify({ maxRssMb: process.resourceUsage().maxRSS / 1024 })}\n`);
  process.exit(0);
}
if (!values.file || !values.out) {
  process.stderr.write("usage: release-worker --file outcomes.csv --out DIR\n");
  process.exit(2);
}
const data = mkdtempSync(join(tmpdir(), "lero-bench-release-"));
cpSync(SAMPLE_DIR, data, { recursive: true });
cpSync(values.file, join(data, "outcomes.csv"));
let intruder: IntruderReport | undefined;
let intruderSeconds = 0;
const started = performance.now();
await buildData({
  source: { dir: data, illustrative: true },
  out: values.out,
  reviewDir: join(data, "review"),
  log: () => {},
  env: { LERO_PSEUDONYM_KEY: "benchmark-key-0123456789abcdef" },
  attack: async (dir, options) => {
    const attackStarted = performance.now();
    intruder = await runIntruder(dir, options);
    intruderSeconds = (performance.now() - attackStarted) / 1000;
    return intruder;
  },
});
const seconds = (performance.now() - started) / 1000;
rmSync(data, { recursive: true, force: true });
const figures = intruder!.figures;
process.stdout.write(
  `${JSON.stringify({ seconds, intruderSeconds, cellsAudited: figures.cellsAudited, tablesCompared: figures.tablesCompared, recordsForced: figures.recordsForced, maxRssMb: process.resourceUsage().maxRSS / 1024 })}\n`,
);
