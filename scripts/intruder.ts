/**
 * The built-in intruder on a published folder: `tsx scripts/intruder.ts <published dir> [--json]
 * [--time-limit SECONDS]`. Prints one line per finding (`code: message`) and the figures; exits 1
 * when the intruder succeeds (any finding), 0 when it does not, 2 on bad usage or a folder it cannot read.
 */
import { existsSync } from "node:fs";
import { runIntruder, type IntruderFigures } from "../loaders/disclose/intruder/index.ts";

const USAGE = "usage: tsx scripts/intruder.ts <published dir> [--json] [--time-limit SECONDS]";

function parseArgs(argv: string[]): { dir: string; json: boolean; timeLimit?: number } | string {
  let dir: string | undefined;
  let json = false;
  let timeLimit: number | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--json") json = true;
    else if (arg === "--time-limit") {
      const value = Number(argv[++i]);
      if (!Number.isFinite(value) || value <= 0) return "--time-limit needs a number of seconds above 0";
      timeLimit = value;
    } else if (arg.startsWith("-")) return `unknown option ${arg}`;
    else if (dir === undefined) dir = arg;
    else return `one folder only (found ${dir} and ${arg})`;
  }
  if (dir === undefined) return "give the published folder (.tmp/published after npm run build-data)";
  if (!existsSync(dir)) return `${dir} does not exist`;
  return { dir, json, ...(timeLimit === undefined ? {} : { timeLimit }) };
}

function formatFigures(f: IntruderFigures): string[] {
  const lines = [
    `cells audited: ${f.cellsAudited}`,
    `narrowest interval of a suppressed cell: ${f.narrowest === null ? "none" : `${f.narrowest.interval[0]}–${f.narrowest.interval[1]} (${f.narrowest.cell})`}`,
    `tables compared with microdata: ${f.tablesCompared}`,
    `means checked for hidden or uniform groups: ${f.meansAudited}`,
    `records forced by re-attachment: ${f.recordsForced}`,
  ];
  for (const m of f.microdata) lines.push(`${m.resource}: ${m.units} units, k = ${m.k ?? "–"}, l = ${m.l ?? "–"}${m.lField ? ` (${m.lField})` : ""}`);
  lines.push(`elapsed: ${(f.elapsedMs / 1000).toFixed(1)} s`);
  return lines;
}

const args = parseArgs(process.argv.slice(2));
if (typeof args === "string") {
  console.error(`${args}\n${USAGE}`);
  process.exit(2);
}
try {
  const report = await runIntruder(args.dir, args.timeLimit === undefined ? {} : { timeLimit: args.timeLimit });
  if (args.json) console.log(JSON.stringify(report, null, 2));
  else {
    for (const finding of report.findings) console.log(`${finding.code}: ${finding.message}`);
    for (const line of formatFigures(report.figures)) console.log(line);
  }
  if (report.findings.length > 0) {
    console.error(`The intruder succeeded on ${args.dir}: ${report.findings.length} finding(s).`);
    process.exit(1);
  }
  console.error(`The intruder found no way in to ${args.dir}.`);
} catch (error) {
  console.error(`The intruder could not run on ${args.dir}: ${(error as Error).message}`);
  process.exit(2);
}
