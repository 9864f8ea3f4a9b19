/**
 * `lero-evidence`: the pipeline from the command line, for CLERO staff checking an export before a
 * build and for scripts.
 *
 *   lero-evidence inspect FILE                          what the file is and what its columns hold
 *   lero-evidence check DATASET FILE [--mapping M] [--json]   validate an export against a schema
 *   lero-evidence build-data [--data-dir DIR] --out OUT  the whole pipeline to a folder
 *
 * Exit codes: 0 success (or valid), 1 invalid data or a failed build, 2 a usage error.
 */
import { parseArgs } from "node:util";
import { resolve } from "node:path";
import { resolveDataSource } from "./data-dir.ts";
import { loadPolicy } from "./disclose/policy.ts";
import { buildData } from "./pipeline/index.ts";
import { applyMapping, formatInspection, inspectExport, loadMapping, readExport } from "./read/index.ts";
import { referenceSets } from "./reference.ts";
import { DATASETS, loadSchema, type Dataset } from "./schema.ts";
import { PipelineError } from "./types.ts";
import { formatIssue, validateTable } from "./validate/index.ts";

const USAGE = `Usage:
  lero-evidence inspect FILE
  lero-evidence check DATASET FILE [--mapping MAPPING.json] [--json]
  lero-evidence build-data [--data-dir DIR] --out OUT [--accept-shrink DATASET]

DATASET is one of: ${DATASETS.join(", ")}.`;

class UsageError extends Error {}

interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
}

const stdio: Io = {
  out: (text) => process.stdout.write(text.endsWith("\n") ? text : `${text}\n`),
  err: (text) => process.stderr.write(text.endsWith("\n") ? text : `${text}\n`),
};

async function inspect(args: string[], io: Io): Promise<number> {
  const { positionals } = parseArgs({ args, allowPositionals: true, options: {} });
  if (positionals.length !== 1) throw new UsageError("inspect takes exactly one FILE.");
  io.out(formatInspection(await inspectExport(positionals[0]!)));
  return 0;
}

async function check(args: string[], io: Io): Promise<number> {
  const { positionals, values } = parseArgs({ args, allowPositionals: true, options: { mapping: { type: "string" }, json: { type: "boolean" } } });
  const [dataset, file] = positionals;
  if (positionals.length !== 2 || dataset === undefined || file === undefined) throw new UsageError("check takes a DATASET and a FILE.");
  if (!(DATASETS as readonly string[]).includes(dataset)) throw new UsageError(`Unknown dataset "${dataset}".`);
  const schema = loadSchema(dataset as Dataset);
  const table = applyMapping(await readExport(file), schema, values.mapping ? loadMapping(values.mapping) : {});
  const result = validateTable(table, schema, { references: referenceSets(), maxRejectedShare: loadPolicy().maxRejectedShare });
  if (values.json) {
    io.out(JSON.stringify({ valid: result.valid, read: result.read, accepted: result.records.length, rejected: result.rejected.length, dropped: result.dropped, issues: result.issues }, null, 2));
  } else {
    io.out(`${file}: ${table.format} export, ${result.read} rows read, ${result.records.length} accepted, ${result.rejected.length} rejected.`);
    if (result.dropped.length > 0) io.out(`Dropped tool metadata columns: ${result.dropped.join(", ")}.`);
    for (const issue of result.issues) io.out(formatIssue(issue));
    io.out(result.valid ? "Valid." : `Invalid: ${result.issues.filter((i) => i.severity === "error").length} error(s).`);
  }
  return result.valid ? 0 : 1;
}

async function buildDataCommand(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { "data-dir": { type: "string" }, out: { type: "string" }, "accept-shrink": { type: "string", multiple: true } } });
  if (positionals.length > 0) throw new UsageError(`build-data takes no positional arguments (got ${positionals.join(" ")}).`);
  if (!values.out) throw new UsageError("build-data needs --out OUT, the folder to publish to.");
  const env = values["data-dir"] ? { ...process.env, LERO_DATA_DIR: values["data-dir"] } : process.env;
  const acceptShrink = values["accept-shrink"]?.flatMap((list) => list.split(",").map((name) => name.trim()));
  await buildData({ source: resolveDataSource(env), out: resolve(values.out), env, log: io.err, ...(acceptShrink ? { acceptShrink } : {}) });
  return 0;
}

export async function main(argv: string[], io: Io = stdio): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case "inspect":
        return await inspect(rest, io);
      case "check":
        return await check(rest, io);
      case "build-data":
        return await buildDataCommand(rest, io);
      case "--help":
      case "-h":
      case "help":
        io.out(USAGE);
        return 0;
      default:
        throw new UsageError(command === undefined ? "No command given." : `Unknown command "${command}".`);
    }
  } catch (error) {
    if (error instanceof UsageError || (error instanceof TypeError && "code" in error && String(error.code).startsWith("ERR_PARSE_ARGS"))) {
      io.err(`${error.message}\n\n${USAGE}`);
      return 2;
    }
    if (error instanceof PipelineError) {
      io.err(error.message);
      return 1;
    }
    throw error;
  }
}
