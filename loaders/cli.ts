/**
 * `lero-evidence`: the pipeline from the command line, for CLERO staff checking an export before a
 * build and for scripts.
 *
 *   lero-evidence inspect FILE [--dictionary D] [--json] [--show-values]   what the file is and what its columns hold
 *   lero-evidence check DATASET FILE [--mapping M] [--dictionary D] [--json] [--all] [--show-values]   validate an export
 *   lero-evidence map DATASET FILE [--out M] [--dictionary D] [--force]   draft the column mapping for an export
 *   lero-evidence build-data [--data-dir DIR] --out OUT  the whole pipeline to a folder
 *   lero-evidence form DATASET --tool redcap|xlsform|google-forms [--out FILE] [--force]   the survey form for a dataset
 *
 * Exit codes: 0 success (or valid), 1 invalid data or a failed build, 2 a usage error.
 */
import { parseArgs } from "node:util";
import { existsSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { resolveDataSource, SAMPLE_DIR } from "./data-dir.ts";
import { loadPolicy } from "./disclose/policy.ts";
import { FORM_FILES, FORM_TOOLS, writeForm, type FormTool } from "./forms/index.ts";
import { buildData } from "./pipeline/index.ts";
import { draftMapping, formatDraft, formatInspection, inspectExport, loadMapping, matchedCount, readExport } from "./read/index.ts";
import { referenceSets } from "./reference.ts";
import { DATASETS, loadSchema, PROJECT_ROOT, type Dataset } from "./schema.ts";
import { PipelineError } from "./types.ts";
import { checkExport, formatCheckReport } from "./validate/index.ts";

const USAGE = `Usage:
  lero-evidence inspect FILE [--dictionary DICTIONARY.csv] [--json] [--show-values]
  lero-evidence check DATASET FILE [--mapping MAPPING.json] [--dictionary DICTIONARY.csv] [--json] [--all] [--show-values]
  lero-evidence map DATASET FILE [--out MAPPING.json] [--dictionary DICTIONARY.csv] [--force]
  lero-evidence build-data [--data-dir DIR] --out OUT [--accept-shrink DATASET]
  lero-evidence form DATASET --tool redcap|xlsform|google-forms [--out FILE] [--force]

DATASET is one of: ${DATASETS.join(", ")}.
--mapping      the column mapping; by default <DATASET>.mapping.json beside FILE, if there is one.
--dictionary   a REDCap data dictionary that is not beside the export under a name REDCap gives it.
--out (map)    where to write the drafted mapping; by default <DATASET>.mapping.json beside FILE.
--force        let map replace a mapping, or form a form file, that is already there.
--all          list every row of each problem, not only the first few.
--show-values  print the cells' values, which may be personal data (hidden by default).
--json         the result as JSON, for scripts.
--accept-shrink  let a dataset have fewer than half the usable rows of the previous release.
--tool         the survey tool to write the form for: a REDCap data dictionary (redcap), an XLSForm for
               ODK and KoboToolbox (xlsform), or a Google Apps Script that creates a Google Form (google-forms).`;

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
  const { positionals, values } = parseArgs({
    args,
    allowPositionals: true,
    options: { dictionary: { type: "string" }, json: { type: "boolean" }, "show-values": { type: "boolean" } },
  });
  if (positionals.length !== 1) throw new UsageError("inspect takes exactly one FILE.");
  const inspection = await inspectExport(positionals[0]!, {
    ...(values.dictionary === undefined ? {} : { dictionary: values.dictionary }),
    showValues: values["show-values"] === true,
  });
  io.out(values.json === true ? JSON.stringify(inspection, null, 2) : formatInspection(inspection));
  return 0;
}

/** Where a build from the export's folder would write its private review files (never published). */
function reviewFolder(file: string): string {
  const dir = dirname(resolve(file));
  return dir === resolve(SAMPLE_DIR) ? join(PROJECT_ROOT, ".tmp", "review") : join(dir, "review");
}

const count = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString("en-GB")} ${n === 1 ? one : many}`;

async function check(args: string[], io: Io): Promise<number> {
  const { positionals, values } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      mapping: { type: "string" },
      dictionary: { type: "string" },
      json: { type: "boolean" },
      all: { type: "boolean" },
      "show-values": { type: "boolean" },
    },
  });
  const [dataset, file] = positionals;
  if (positionals.length !== 2 || dataset === undefined || file === undefined) throw new UsageError("check takes a DATASET and a FILE.");
  if (!(DATASETS as readonly string[]).includes(dataset)) throw new UsageError(`Unknown dataset "${dataset}".`);
  const schema = loadSchema(dataset as Dataset);
  const besideFile = join(dirname(file), `${dataset}.mapping.json`);
  const mappingFile = values.mapping ?? (existsSync(besideFile) ? besideFile : undefined);
  const checked = await checkExport(file, schema, {
    ...(mappingFile === undefined ? {} : { mapping: () => loadMapping(mappingFile) }),
    read: values.dictionary === undefined ? {} : { dictionary: values.dictionary },
    validate: { references: referenceSets(), maxRejectedShare: loadPolicy().maxRejectedShare },
  });
  const { raw, table, validation: result } = checked;
  const kept = new Set(table.sourceColumns ?? []);
  const leftOut = (raw.sourceColumns ?? raw.labels.map((_, j) => j)).flatMap((source, j) => (kept.has(source) ? [] : [raw.sourceLabels[j] ?? raw.labels[j]!]));
  const showValues = values["show-values"] === true;
  const review = reviewFolder(file);
  const columnsMatch = !result.issues.some((issue) => issue.severity === "error" && issue.row === undefined && issue.code !== "source-error");
  // A build stops on an export with headings but no answers: check says so too, rather than "Valid.".
  const empty = columnsMatch && result.read === 0;
  const valid = result.valid && !empty;
  const errors = result.issues.filter((i) => i.severity === "error").length + (empty ? 1 : 0);
  if (values.json) {
    const issues = showValues ? result.issues : result.issues.map(({ value: _value, ...issue }) => issue);
    io.out(
      JSON.stringify(
        {
          valid,
          empty,
          rows: checked.rows,
          checked: columnsMatch,
          read: result.read,
          accepted: result.accepted,
          rejected: result.rejected.length,
          mapping: mappingFile ?? null,
          leftOut,
          dropped: result.dropped,
          warnings: table.warnings ?? [],
          reviewFolder: review,
          issues,
        },
        null,
        2,
      ),
    );
    return valid ? 0 : 1;
  }
  io.out(`${file}: ${table.format} export, ${count(checked.rows, "row")}, ${count(raw.labels.length, "column")}.`);
  io.out(mappingFile === undefined ? `Mapping: none (a ${dataset}.mapping.json beside the export is used when there is one).` : `Mapping: ${mappingFile}.`);
  for (const warning of table.warnings ?? []) io.out(`Warning: ${warning}`);
  if (leftOut.length > 0) io.out(`Left out by the mapping: ${count(leftOut.length, "column")} (${leftOut.map((label) => JSON.stringify(label)).join(", ")}).`);
  if (result.dropped.length > 0) io.out(`Left out by the ${dataset} schema (tool metadata): ${result.dropped.join(", ")}.`);
  if (!columnsMatch) {
    io.out(`No row was checked: the columns do not match the ${dataset} data. Fix the column problems below, then run check again.`);
  } else if (empty) {
    io.out(`${basename(file)} has column headings but no answers, so a build would publish nothing for ${dataset} and stops. Export the responses again from the survey tool, with the data.`);
  } else {
    io.out(`${count(result.read, "row")} checked: ${count(result.accepted, "accepted", "accepted")}, ${count(result.rejected.length, "rejected", "rejected")}.`);
  }
  const report = formatCheckReport(result.issues, { all: values.all === true, showValues });
  if (report.length > 0) {
    io.out("");
    for (const line of report) io.out(line);
  }
  const unknown = result.issues.filter((issue) => issue.code === "extra-label" && issue.label !== undefined).map((issue) => issue.label!);
  if (unknown.length > 1) {
    const target = mappingFile ?? besideFile;
    io.out("");
    io.out(`To leave out all ${unknown.length} columns that no field uses, add these lines to ${basename(target)} (inside its { }):`);
    for (const label of unknown) io.out(`  ${JSON.stringify(label)}: null,`);
  }
  io.out("");
  io.out(`A build from this folder writes its private review files (every issue with its values, text held back) to ${review}; they are never published.`);
  io.out(valid ? "Valid." : `Invalid: ${count(errors, "error")}.${showValues ? "" : " Cell values are hidden; add --show-values to see them."}`);
  return valid ? 0 : 1;
}

/**
 * Drafts `<DATASET>.mapping.json` for an export and prints what it matched, what it left out and why,
 * and the questions the person must answer. Nothing is written when the export matches no field or
 * a mapping is already there (unless --force).
 */
async function mapCommand(args: string[], io: Io): Promise<number> {
  const { positionals, values } = parseArgs({
    args,
    allowPositionals: true,
    options: { out: { type: "string" }, dictionary: { type: "string" }, force: { type: "boolean" } },
  });
  const [dataset, file] = positionals;
  if (positionals.length !== 2 || dataset === undefined || file === undefined) throw new UsageError("map takes a DATASET and a FILE, e.g. lero-evidence map stigma data/stigma.csv.");
  if (!(DATASETS as readonly string[]).includes(dataset)) throw new UsageError(`Unknown dataset "${dataset}".`);
  const target = values.out ?? join(dirname(file), `${dataset}.mapping.json`);
  if (existsSync(target) && values.force !== true) {
    throw new PipelineError(
      "source-error",
      `${target}: a mapping is already there, so map leaves it as it is. Edit that file, or run map again with --force to replace it with a new draft (your edits to it are then lost).`,
      { file: target },
    );
  }
  const schema = loadSchema(dataset as Dataset);
  const table = await readExport(file, values.dictionary === undefined ? {} : { dictionary: values.dictionary });
  const draft = draftMapping(table, schema);
  if (matchedCount(draft) === 0) {
    const others = DATASETS.filter((other) => other !== dataset)
      .map((other) => ({ other, n: matchedCount(draftMapping(table, loadSchema(other))) }))
      .filter(({ n }) => n > 0)
      .sort((a, b) => b.n - a.n);
    const hint = others.length > 0 ? ` It looks more like the ${others[0]!.other} data (${count(others[0]!.n, "column")} match): try lero-evidence map ${others[0]!.other} ${file}.` : " Check that it is the right file, exported with the questions as column headings.";
    throw new PipelineError("format-error", `${file}: none of its ${count(table.labels.length, "column")} matches a field of the ${dataset} data, so no mapping was written.${hint}`, { file });
  }
  writeFileAtomic(target, `${JSON.stringify(draft.mapping, null, 2)}\n`);
  for (const line of formatDraft(draft, target)) io.out(line);
  io.out("");
  io.out(`Next: lero-evidence check ${dataset} ${file}${values.out === undefined ? "" : ` --mapping ${target}`}`);
  return 0;
}

/** Writes through a temporary file beside the target, so a failed write leaves no half-written mapping. */
function writeFileAtomic(path: string, text: string): void {
  const temporary = `${path}.${process.pid}.tmp`;
  try {
    writeFileSync(temporary, text);
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw new PipelineError("source-error", `${path}: the mapping cannot be written (${(error as NodeJS.ErrnoException).code ?? String(error)}); check that the folder exists and can be written to.`, { file: path, cause: error });
  }
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

async function formCommand(args: string[], io: Io): Promise<number> {
  const { positionals, values } = parseArgs({ args, allowPositionals: true, options: { tool: { type: "string" }, out: { type: "string" }, force: { type: "boolean" } } });
  const [dataset] = positionals;
  if (positionals.length !== 1 || dataset === undefined) throw new UsageError("form takes one DATASET.");
  if (!(DATASETS as readonly string[]).includes(dataset)) throw new UsageError(`Unknown dataset "${dataset}"; use one of: ${DATASETS.join(", ")}.`);
  if (values.tool === undefined) throw new UsageError(`form needs --tool, one of: ${FORM_TOOLS.join(", ")}.`);
  if (!(FORM_TOOLS as readonly string[]).includes(values.tool)) throw new UsageError(`Unknown tool "${values.tool}"; use one of: ${FORM_TOOLS.join(", ")}.`);
  const tool = values.tool as FormTool;
  const out = await writeForm(dataset as Dataset, tool, { ...(values.out === undefined ? {} : { out: values.out }), force: values.force === true });
  io.out(`Wrote the ${FORM_FILES[tool].what} for ${dataset} to ${out}.`);
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
      case "map":
        return await mapCommand(rest, io);
      case "build-data":
        return await buildDataCommand(rest, io);
      case "form":
        return await formCommand(rest, io);
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
