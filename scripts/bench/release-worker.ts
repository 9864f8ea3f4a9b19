/**
 * One measured release, in its own process: the whole pipeline (every dataset, the protected tables,
 * the built-in intruder) over the sample with its outcomes export replaced by `--file`.
 * Prints one JSON line: { seconds, intruderSeconds, cellsAudited, tablesCompared, recordsForced, maxRssMb, stages }.
 * `stages` is each step's resident memory at its start and its peak (MB), in order, where the system lets
 * a process reset its own peak (Linux: `/proc/self/clear_refs`); elsewhere it is empty. Resetting the
 * peak also hides it from `process.resourceUsage()`, so `maxRssMb` is the largest of the steps' peaks.
 * With `--idle`, the same process's footprint before it reads anything: its modules loaded and one
 * DuckDB database opened and closed; prints { maxRssMb }.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
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

/** The process's peak resident memory (MB) since the last reset, or undefined where it cannot be reset. */
function stagePeakMb(): number | undefined {
  try {
    const kb = /VmHWM:\s+(\d+) kB/.exec(readFileSync("/proc/self/status", "utf8"))?.[1];
    writeFileSync("/proc/self/clear_refs", "5");
    return kb === undefined ? undefined : Number(kb) / 1024;
  } catch {
    return undefined;
  }
}

/** Each step's peak: a step runs from one line of the build's log to the next. */
const stages: { stage: string; startMb: number; peakMb: number }[] = [];
let stage = "";
let stageStartMb = 0;
function nextStage(name: string): void {
  const peak = stagePeakMb();
  if (peak !== undefined && stage !== "") stages.push({ stage, startMb: Math.round(stageStartMb), peakMb: Math.round(peak) });
  stage = name;
  stageStartMb = process.memoryUsage.rss() / 2 ** 20;
}
const STAGE_LINE = /^(reading \w+|publishing \w+|computing \d+ protected tables|attacking the release|pseudonym register)/;

const data = mkdtempSync(join(tmpdir(), "lero-bench-release-"));
cpSync(SAMPLE_DIR, data, { recursive: true });
cpSync(values.file, join(data, "outcomes.csv"));
let intruder: IntruderReport | undefined;
let intruderSeconds = 0;
const started = performance.now();
nextStage("start");
await buildData({
  source: { dir: data, illustrative: true },
  out: values.out,
  reviewDir: join(data, "review"),
  log: (line) => {
    const name = STAGE_LINE.exec(line)?.[1];
    if (name !== undefined) nextStage(name);
  },
  env: { LERO_PSEUDONYM_KEY: "benchmark-key-0123456789abcdef" },
  attack: async (dir, options) => {
    const attackStarted = performance.now();
    intruder = await runIntruder(dir, options);
    intruderSeconds = (performance.now() - attackStarted) / 1000;
    nextStage("after the intruder (register saved, release swapped in)");
    return intruder;
  },
});
nextStage("end");
const seconds = (performance.now() - started) / 1000;
rmSync(data, { recursive: true, force: true });
const figures = intruder!.figures;
process.stdout.write(
  `${JSON.stringify({ seconds, intruderSeconds, cellsAudited: figures.cellsAudited, tablesCompared: figures.tablesCompared, recordsForced: figures.recordsForced, maxRssMb: Math.max(process.resourceUsage().maxRSS / 1024, ...stages.map((s) => s.peakMb)), stages })}\n`,
);
