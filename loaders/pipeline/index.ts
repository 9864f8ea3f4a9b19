/**
 * The whole data pipeline: every dataset read, validated and disclosure-controlled, then published
 * to one folder — Parquet and CSV for microdata, JSON for aggregates and stories, `datapackage.json`
 * with a sha256 per file, `build-report.json` reconciling every row.
 *
 * Nothing is written until every dataset has passed; output goes to a temporary folder that replaces
 * `out` in one rename, so a failed build leaves the previous output untouched. Text held back for
 * review and the detailed issue list (which quotes cell values) go to `reviewDir`, never to `out`.
 */
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { mkdir, readdir, rename, rm, writeFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { loadPolicy, type DisclosurePolicy } from "../disclose/policy.ts";
import { DEMO_PSEUDONYM_KEY, resolvePseudonymKey } from "../disclose/pseudonym.ts";
import { openRegister } from "../disclose/register.ts";
import { resolveDataSource, SAMPLE_DIR, type DataSource } from "../data-dir.ts";
import { linksOf, loadAggregateDefinitions, type AggregateContext, type PublishedAggregate } from "../aggregates/index.ts";
import { pseudonymField } from "../disclose/apply.ts";
import { PUBLISH_MEMORY_LIMIT, queryRows, quoteIdentifier, quoteLiteral, withDuckDB } from "../publish/duckdb.ts";
import { columnsOf, createSorted, loadRecords, orderedSelect, writeCsv, writeParquet } from "../publish/table.ts";
import { previousReleaseDir, savePreviousRelease, writeWhatsNew } from "../publish/changes.ts";
import { referenceSets } from "../reference.ts";
import { DATASETS, loadSchema, PROJECT_ROOT, type Dataset, type Field, type TableSchema } from "../schema.ts";
import { PipelineError, type Issue } from "../types.ts";
import { formatIssue } from "../validate/index.ts";
import { runIntruder, type IntruderFigures, type IntruderFinding, type IntruderReport } from "../disclose/intruder/index.ts";
import { processDataset, removeStored, type ProcessedDataset } from "./dataset.ts";
import { locateExports, locateStories } from "./locate.ts";
import { describeSampleFiles, findSampleFiles } from "./sample-files.ts";
import { processStories, type StoriesResult } from "./stories.ts";

export interface BuildDataOptions {
  source?: DataSource;
  out: string;
  reviewDir?: string;
  env?: NodeJS.ProcessEnv;
  /** Progress lines (stderr by default). */
  log?: (line: string) => void;
  policy?: DisclosurePolicy;
  /**
   * Datasets allowed to have fewer than half the accepted rows of the previous release (which
   * otherwise stops the build, as an export cut short or filtered by mistake would).
   */
  acceptShrink?: readonly string[];
  /** The attack run on the release before it is published (default: the built-in intruder). */
  attack?: (dir: string, options: { policy: DisclosurePolicy }) => Promise<IntruderReport>;
  /**
   * Try the DuckDB fast path for each dataset: `true` always, `false` never, `"auto"` (the default) for
   * large exports; `LERO_FAST_PATH=1` or `0` sets it too. It takes only exports it can prove it reads as
   * the JavaScript path does; the choice is logged per dataset.
   */
  fastPath?: boolean | "auto";
}

export interface BuildDataResult {
  out: string;
  report: PrivateBuildReport;
}

export interface DatasetReport {
  file: string;
  format: string;
  encoding: string;
  mapping: string | null;
  rows: { read: number; published: number; rejected: number; suppressed: number };
  rejectedByCode: Record<string, number>;
  warnings: number;
  droppedColumns: string[];
  disclosure?: unknown;
  files: string[];
}

/** The public report (`build-report.json` in the published folder): counts only. */
export interface BuildReport {
  version: string;
  /** True when the folder is the sample, says it is illustrative, or holds any of the sample's files. */
  illustrative: boolean;
  /** Datasets whose export is the bundled sample's file (all of them for the sample itself). */
  sampleDatasets: string[];
  datasets: Record<string, DatasetReport>;
  stories: { published: number };
  heldForReview: number;
  /** What the built-in intruder tried on this release and how close it came (no timings: the file is byte-identical across builds). */
  intruder: Omit<IntruderFigures, "elapsedMs">;
}

/** Thrown when the built-in intruder finds a way in: nothing is published. */
export class DisclosureError extends PipelineError {
  readonly findings: IntruderFinding[];
  constructor(findings: IntruderFinding[]) {
    const lines = findings.slice(0, 20).map((f) => `  ${f.code}: ${f.message}`);
    const more = findings.length > 20 ? [`  … and ${findings.length - 20} more`] : [];
    super("disclosure-error", [`The release was not published: the built-in intruder found ${findings.length} way(s) to learn what the disclosure rules hide.`, ...lines, ...more].join("\n"));
    this.findings = findings;
  }
}

/**
 * The private report, written to the review folder beside the issue list: what the public one says,
 * plus where the rejected rows are and what happened to each story. Row numbers and a withdrawn story
 * are facts about single people, so they never go into the published folder.
 */
export interface PrivateBuildReport extends Omit<BuildReport, "datasets" | "stories" | "intruder"> {
  datasets: Record<string, DatasetReport & { rejectedRows: { row: number; line: number; codes: string[] }[] }>;
  stories: { read: number; published: number; withdrawn: number; heldForReview: number };
  intruder: IntruderFigures;
}

/** Thrown when any dataset has table-level errors; `issues` holds every one of them. */
export class BuildDataError extends PipelineError {
  readonly issues: Issue[];
  constructor(issues: Issue[], reportFile?: string) {
    const lines = issues.slice(0, 40).map((issue) => `  ${formatIssue({ ...issue, value: undefined })}`);
    const more = issues.length > 40 ? [`  … and ${issues.length - 40} more`] : [];
    const where = reportFile ? [`The full list (with cell values) is in ${reportFile}.`] : [];
    super("source-error", [`The data could not be published: ${issues.length} problem(s) must be fixed first.`, ...lines, ...more, ...where].join("\n"));
    this.issues = issues;
  }
}

const LICENCE = { name: "OGL-UK-3.0", title: "Open Government Licence v3.0", path: "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/" };

function sha256(bytes: Buffer): string {
  return createHash("sha256").update(bytes).digest("hex");
}

function stableJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

function defaultReviewDir(source: DataSource): string {
  return source.dir === SAMPLE_DIR ? join(PROJECT_ROOT, ".tmp", "review") : join(source.dir, "review");
}

function loadAllowList(reviewDir: string): Set<string> {
  const file = join(reviewDir, "allow.json");
  if (!existsSync(file)) return new Set();
  const parsed = JSON.parse(readFileSync(file, "utf8")) as unknown;
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) {
    throw new PipelineError("format-error", `${file} must be a JSON object of reviewed phrases: { "phrase": "why it may be published" }.`, { file });
  }
  return new Set(Object.keys(parsed));
}

function countCodes(dataset: ProcessedDataset): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const rejected of dataset.rejected) for (const code of rejected.codes) counts[code] = (counts[code] ?? 0) + 1;
  return Object.fromEntries(Object.entries(counts).sort(([a], [b]) => a.localeCompare(b)));
}

function resourceSchema(schema: TableSchema, fields: Field[]): Record<string, unknown> {
  return {
    $schema: "https://datapackage.org/profiles/2.0/tableschema.json",
    fields: fields.map((f) => ({ ...f })),
    ...(schema.missingValues ? { missingValues: schema.missingValues } : {}),
  };
}

async function publishDatasets(datasets: ProcessedDataset[], stories: StoriesResult, dir: string, policy: DisclosurePolicy, log: (line: string) => void): Promise<{ files: Map<string, string[]>; aggregates: PublishedAggregate[] }> {
  // Every table is counted from one dataset; a dataset not in the folder has no tables in the release.
  const files = new Map<string, string[]>(datasets.map((d) => [d.name, []]));
  const aggregates: PublishedAggregate[] = [];
  const byName = new Map(datasets.map((d) => [d.name, d]));
  const get = (name: Dataset): ProcessedDataset => {
    const dataset = byName.get(name);
    if (!dataset) throw new Error(`No dataset named ${name}`);
    return dataset;
  };
  await mkdir(join(dir, "aggregates"), { recursive: true });
  await withDuckDB(async (db) => {
    for (const dataset of datasets) {
      const disclosed = dataset.disclosed!;
      log(`publishing ${dataset.name}: ${(disclosed.stored?.rows ?? disclosed.records.length).toLocaleString("en-GB")} rows`);
      const stored = disclosed.stored;
      if (dataset.schema.lero.publish === "microdata") {
        const columns = columnsOf(disclosed.fields);
        const microdata = `m_${dataset.name}`;
        // Sorted once into the published order, then written as Parquet and as CSV in that order.
        if (stored) await createSorted(db, microdata, `read_parquet(${quoteLiteral(stored.microdata)})`, columns, disclosed.sortKey);
        else {
          await loadRecords(db, `${microdata}_loaded`, columns, disclosed.records);
          await createSorted(db, microdata, quoteIdentifier(`${microdata}_loaded`), columns, disclosed.sortKey);
          await db.run(`DROP TABLE ${quoteIdentifier(`${microdata}_loaded`)}`);
        }
        await writeParquet(db, orderedSelect(microdata, columns, null), join(dir, `${dataset.name}.parquet`));
        await writeCsv(db, microdata, columns, null, join(dir, `${dataset.name}.csv`), policy.csvEscape.characters.join(""), policy.csvEscape.prefix);
        files.get(dataset.name)!.push(`${dataset.name}.parquet`, `${dataset.name}.csv`);
        await db.run(`DROP TABLE ${quoteIdentifier(microdata)}`);
      }
      // Tables are counted from every accepted row (quasi-identifiers as collected) and protected by the cell rules.
      if (stored) await db.run(`CREATE OR REPLACE TABLE ${quoteIdentifier(`t_${dataset.name}`)} AS SELECT * FROM read_parquet(${quoteLiteral(stored.table)})`);
      else await loadRecords(db, `t_${dataset.name}`, columnsOf(disclosed.tableFields), disclosed.tableRecords);
    }
    const context: AggregateContext = {
      db,
      policy,
      has: (name) => byName.has(name),
      table: (name) => `t_${get(name).name}`,
      fields: (name) => get(name).disclosed!.tableFields,
      field: (name, fieldName) => {
        const fields = byName.has(name) ? get(name).disclosed!.tableFields : loadSchema(name).fields;
        const field = fields.find((f) => f.name === fieldName);
        if (!field) throw new Error(`The ${name} data has no field ${fieldName}.`);
        return field;
      },
      level: (name) => get(name).schema.lero.level,
      subject: (name) => {
        const subject = get(name).schema.lero.subject;
        return subject ? pseudonymField(subject) : undefined;
      },
      query: (sql) => queryRows(db, sql),
    };
    const definitions = (await loadAggregateDefinitions()).filter((definition) => byName.has(definition.dataset));
    log(`computing ${definitions.length} protected tables`);
    for (const definition of definitions) {
      const level = context.level(definition.dataset);
      const built = await definition.build(context);
      const aggregate: PublishedAggregate = {
        id: definition.id,
        topic: definition.topic,
        title: definition.title,
        dataset: definition.dataset,
        level,
        unit: level === "person" ? "people" : "organisations",
        ...built,
        links: linksOf(definition.dataset, built),
      };
      const name = `aggregates/${aggregate.id}.json`;
      await writeFile(join(dir, name), stableJson(aggregate));
      aggregates.push(aggregate);
      files.get(definition.dataset)!.push(name);
    }
  }, { memoryLimit: PUBLISH_MEMORY_LIMIT });
  await writeFile(join(dir, "stories.json"), stableJson(stories.stories));
  files.set("stories", ["stories.json"]);
  return { files, aggregates };
}

async function describeFile(dir: string, path: string): Promise<{ bytes: number; hash: string }> {
  const bytes = readFileSync(join(dir, path));
  return { bytes: bytes.length, hash: `sha256:${sha256(bytes)}` };
}

function formatOf(path: string): { format: string; mediatype: string } {
  if (path.endsWith(".parquet")) return { format: "parquet", mediatype: "application/vnd.apache.parquet" };
  if (path.endsWith(".csv")) return { format: "csv", mediatype: "text/csv" };
  return { format: "json", mediatype: "application/json" };
}

async function writeDatapackage(dir: string, datasets: ProcessedDataset[], files: Map<string, string[]>, aggregates: PublishedAggregate[], source: DataSource, sampleDatasets: string[]): Promise<string> {
  const resources: Record<string, unknown>[] = [];
  const hashes: string[] = [];
  for (const dataset of datasets) {
    const disclosed = dataset.disclosed!;
    for (const path of files.get(dataset.name) ?? []) {
      const { bytes, hash } = await describeFile(dir, path);
      hashes.push(`${path} ${hash}`);
      const aggregate = aggregates.find((a) => `aggregates/${a.id}.json` === path);
      const kind = aggregate ? "aggregate" : "microdata";
      const subject = dataset.schema.lero.subject ? disclosed.fields.find((f) => f.name.endsWith("_ref"))?.name : undefined;
      resources.push({
        name: aggregate ? aggregate.id : `${dataset.name}-${formatOf(path).format}`,
        title: aggregate ? aggregate.title : `${dataset.schema.title} (${formatOf(path).format.toUpperCase()})`,
        description: aggregate ? `A table from the ${dataset.name} data (topic: ${aggregate.topic}), after disclosure control.` : dataset.schema.description,
        path,
        ...formatOf(path),
        encoding: "utf-8",
        bytes,
        hash,
        licenses: [LICENCE],
        sources: [{ title: source.illustrative ? "Illustrative sample data generated for LERO Evidence" : "CLERO surveys and audits, anonymised by LERO Evidence" }],
        ...(kind === "microdata" ? { schema: resourceSchema(dataset.schema, disclosed.fields) } : {}),
        lero: { kind, dataset: dataset.name, level: dataset.schema.lero.level, ...(subject ? { subject } : {}) },
      });
    }
  }
  for (const path of files.get("stories") ?? []) {
    const { bytes, hash } = await describeFile(dir, path);
    hashes.push(`${path} ${hash}`);
    resources.push({ name: "stories", title: "Consented impact stories", path, format: "json", mediatype: "application/json", encoding: "utf-8", bytes, hash, licenses: [LICENCE], lero: { kind: "stories", dataset: "stories", level: "person" } });
  }
  const version = sha256(Buffer.from(hashes.join("\n"))).slice(0, 12);
  const datapackage = {
    $schema: "https://datapackage.org/profiles/2.0/datapackage.json",
    name: "lero-evidence",
    title: "LERO Evidence: anonymised data on Lived Experience Recovery Organisations",
    description: source.illustrative
      ? "ILLUSTRATIVE SAMPLE DATA: generated, not collected from real people or organisations."
      : "Anonymised, disclosure-controlled data from CLERO's audits and surveys of LEROs.",
    version,
    licenses: [LICENCE],
    resources,
    lero: { illustrative: source.illustrative, version, datasets: datasets.map((d) => d.name), sampleDatasets },
  };
  await writeFile(join(dir, "datapackage.json"), stableJson(datapackage));
  return version;
}

/** Runs the pipeline over the data folder and publishes it to `out` (replaced atomically). */
export async function buildData(options: BuildDataOptions): Promise<BuildDataResult> {
  const env = options.env ?? process.env;
  const source = options.source ?? resolveDataSource(env);
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const policy = options.policy ?? loadPolicy();
  const reviewDir = options.reviewDir ?? defaultReviewDir(source);
  const sample = source.dir === SAMPLE_DIR;
  const pseudonymKey = resolvePseudonymKey({ sample, env });
  const register = openRegister({ dataDir: source.dir, reviewDir, sample, env, realReleaseExists: holdsRealRelease(options.out), sampleSeed: DEMO_PSEUDONYM_KEY });
  const references = referenceSets();
  const allow = loadAllowList(reviewDir);

  const setting = env[FAST_PATH_VARIABLE];
  const fast = options.fastPath ?? (setting === "0" ? false : setting === "1" ? true : "auto");
  const datasets: ProcessedDataset[] = [];
  try {
    return await buildFrom(datasets);
  } finally {
    await removeStored(datasets);
  }

  async function buildFrom(datasets: ProcessedDataset[]): Promise<BuildDataResult> {
    const exports = locateExports(source.dir, DATASETS);
    const missing = DATASETS.filter((name) => !exports.has(name));
    if (missing.length > 0) log(`not in ${source.dir}, so left out of the release (their pages say the data is not yet collected): ${missing.join(", ")}`);
    // The sample folder is all sample; any other folder is checked file by file.
    const found = sample ? [] : await findSampleFiles(exports);
    for (const line of describeSampleFiles(found, exports)) log(line);
    const sampleDatasets = sample ? [...exports.keys()] : found.map((f) => f.dataset);
    const release: DataSource = { ...source, illustrative: source.illustrative || sampleDatasets.length > 0 };
    for (const name of exports.keys()) {
      const started = performance.now();
      log(`reading ${name}…`);
      const processed = await processDataset({ name, schema: loadSchema(name), dir: source.dir, policy, pseudonymKey, register, references, allow, fast, ...(process.stderr.isTTY ? { progress: log } : {}) });
      log(`  ${name}: ${processed.path.kind === "duckdb" ? "DuckDB fast path" : `JavaScript path (${processed.path.reason})`}`);
      log(`  ${basename(processed.file)} (${processed.format}): ${processed.read.toLocaleString("en-GB")} rows read, ${processed.rejected.length} rejected, ${((performance.now() - started) / 1000).toFixed(1)} s`);
      datasets.push(processed);
    }
    const stories = processStories(locateStories(source.dir), loadSchema("stories"), references, allow);

    await mkdir(reviewDir, { recursive: true });
    const issueFile = join(reviewDir, "issues.json");
    const allIssues = [...datasets.flatMap((d) => d.issues), ...stories.issues, ...stories.fatal.filter((i) => i.code === "consent-error")];
    await writeFile(issueFile, stableJson(allIssues));
    const held = [...datasets.flatMap((d) => d.held), ...stories.held];
    await writeFile(join(reviewDir, "held-for-review.json"), stableJson(held));

    const fatal = [...datasets.flatMap((d) => d.fatal), ...stories.fatal, ...implausible(datasets, previousRelease(options.out, release.illustrative), acceptedShrinks(options.acceptShrink, env), reviewDir)];
    const infeasible = datasets.filter((d) => d.disclosed?.report.kAnonymity && !d.disclosed.report.kAnonymity.feasible);
    for (const d of infeasible) {
      fatal.push({ code: "source-error", severity: "error", file: d.file, message: `k-anonymity (k = ${policy[d.schema.lero.level].k}) cannot be reached for ${d.name} within the allowed suppression of ${policy.maxSuppressionShare * 100}%: too few people or organisations for row-level publication.` });
    }
    if (fatal.length > 0) throw new BuildDataError(fatal, issueFile);

    const partial = `${options.out}.partial-${process.pid}`;
    await rm(partial, { recursive: true, force: true });
    await mkdir(partial, { recursive: true });
    try {
      const { files, aggregates } = await publishDatasets(datasets, stories, partial, policy, log);
      const version = await writeDatapackage(partial, datasets, files, aggregates, release, sampleDatasets);
      log("attacking the release with the built-in intruder…");
      const intruder = await (options.attack ?? runIntruder)(partial, { policy });
      log(`  ${intruder.figures.cellsAudited} hidden cells audited, ${intruder.figures.tablesCompared} tables compared with the microdata, ${(intruder.figures.elapsedMs / 1000).toFixed(1)} s`);
      if (intruder.findings.length > 0) throw new DisclosureError(intruder.findings);
      // Saved before the release is swapped in: a register with entries no release uses is harmless,
      // a release whose pseudonyms the register cannot give again is not.
      await register.save();
      if (register.file !== undefined && register.added > 0) {
        log(`pseudonym register: ${register.added.toLocaleString("en-GB")} new of ${register.size.toLocaleString("en-GB")} identifiers, saved to ${register.file}${sample ? "" : " (back it up with the key: without it, pseudonyms change)"}`);
      }
      const report: PrivateBuildReport = {
        version,
        illustrative: release.illustrative,
        sampleDatasets,
        datasets: Object.fromEntries(
          datasets.map((d) => {
            const published = d.disclosed!.stored?.rows ?? d.disclosed!.records.length;
            const suppressed = d.disclosed!.report.kAnonymity?.suppressed.rows ?? 0;
            return [
              d.name,
              {
                file: basename(d.file),
                format: d.format,
                encoding: d.encoding,
                mapping: d.mapping ? basename(d.mapping) : null,
                rows: { read: d.read, published, rejected: d.rejected.length, suppressed },
                rejectedByCode: countCodes(d),
                rejectedRows: d.rejected,
                warnings: d.issues.filter((i) => i.severity === "warning").length,
                droppedColumns: d.dropped,
                disclosure: d.disclosed!.report,
                files: files.get(d.name) ?? [],
              },
            ];
          }),
        ),
        stories: { read: stories.read, published: stories.stories.length, withdrawn: stories.withdrawn, heldForReview: stories.held.length },
        heldForReview: held.length,
        intruder: intruder.figures,
      };
      for (const [name, d] of Object.entries(report.datasets)) {
        if (d.rows.read !== d.rows.published + d.rows.rejected + d.rows.suppressed) {
          throw new Error(`Row reconciliation failed for ${name}: read ${d.rows.read} ≠ published ${d.rows.published} + rejected ${d.rows.rejected} + suppressed ${d.rows.suppressed}`);
        }
      }
      await writeFile(join(reviewDir, "build-report.json"), stableJson(report));
      await writeFile(join(partial, "build-report.json"), stableJson(publicReport(report)));
      const previousDir = previousReleaseDir(env, reviewDir);
      const published = Object.fromEntries(Object.entries(report.datasets).map(([name, d]) => [name, { rows: d.rows.published, title: loadSchema(name).title }]));
      const snapshot = await writeWhatsNew(partial, { version, illustrative: release.illustrative, datasets: published, aggregates, previousDir });
      await mkdir(dirname(options.out), { recursive: true });
      const old = `${options.out}.old-${process.pid}`;
      if (existsSync(options.out)) await rename(options.out, old);
      await rename(partial, options.out);
      await rm(old, { recursive: true, force: true });
      // The release is out by now; a snapshot that cannot be kept only costs the next "What's new".
      await savePreviousRelease(previousDir, snapshot).catch((error: unknown) => log(`Warning: the release was published, but it could not be kept in ${previousDir} for the next build to compare with (${String(error)}).`));
      log(summarise(report));
      return { out: options.out, report };
    } catch (error) {
      await rm(partial, { recursive: true, force: true });
      throw error;
    }
  }
}

/** Set to `0` to build every dataset on the exact JavaScript path (the fast path is tried by default). */
export const FAST_PATH_VARIABLE = "LERO_FAST_PATH";

/** The report without row numbers or what happened to single stories. */
export function publicReport(report: PrivateBuildReport): BuildReport {
  const datasets = Object.fromEntries(Object.entries(report.datasets).map(([name, { rejectedRows: _, ...d }]) => [name, d]));
  const { elapsedMs: _elapsed, ...intruder } = report.intruder;
  return { version: report.version, illustrative: report.illustrative, sampleDatasets: report.sampleDatasets, datasets, stories: { published: report.stories.published }, heldForReview: report.heldForReview, intruder };
}

/** The environment variable that lists datasets allowed to shrink, e.g. `stigma,outcomes`. */
export const ACCEPT_SHRINK_VARIABLE = "LERO_ACCEPT_SHRINK";

function acceptedShrinks(option: readonly string[] | undefined, env: NodeJS.ProcessEnv): readonly string[] {
  const names = option ?? (env[ACCEPT_SHRINK_VARIABLE] ?? "").split(",").map((name) => name.trim()).filter((name) => name !== "");
  const unknown = names.filter((name) => !(DATASETS as readonly string[]).includes(name));
  if (unknown.length > 0) {
    throw new PipelineError("scheme-error", `Cannot accept a shrink of ${unknown.map((n) => `"${n}"`).join(", ")}: the datasets are ${DATASETS.join(", ")}.`);
  }
  return names;
}

interface PreviousRelease {
  version: string;
  accepted: Record<string, number>;
}

/** The accepted rows per dataset of the release in `out`, when it was built from the same kind of data. */
function previousRelease(out: string, illustrative: boolean): PreviousRelease | undefined {
  const file = join(out, "build-report.json");
  if (!existsSync(file)) return undefined;
  try {
    const report = JSON.parse(readFileSync(file, "utf8")) as BuildReport;
    if (report.illustrative !== illustrative) return undefined;
    const accepted = Object.fromEntries(Object.entries(report.datasets).map(([name, d]) => [name, d.rows.read - d.rows.rejected]));
    return { version: report.version, accepted };
  } catch {
    return undefined;
  }
}

/**
 * Datasets no sentence could honestly be written from: none of their rows accepted (a header-only
 * export), or fewer than half the rows the previous release accepted, unless that shrink is accepted.
 */
export function implausible(datasets: readonly ProcessedDataset[], previous: PreviousRelease | undefined, acceptShrink: readonly string[], reviewDir: string): Issue[] {
  const issues: Issue[] = [];
  for (const d of datasets) {
    if (d.fatal.length > 0) continue;
    const file = basename(d.file);
    if (d.accepted === 0) {
      issues.push({
        code: "source-error",
        severity: "error",
        file: d.file,
        message:
          d.read === 0
            ? `${file} has column headings but no answers, so nothing can be published for "${d.name}". Export the responses again from the survey tool, with the data, and put the new file in place of this one.`
            : `None of the ${d.read.toLocaleString("en-GB")} rows of ${file} could be accepted, so nothing can be published for "${d.name}". The rows and what is wrong with them are listed in ${join(reviewDir, "issues.json")}.`,
      });
      continue;
    }
    const before = previous?.accepted[d.name];
    if (before !== undefined && d.accepted * 2 < before && !acceptShrink.includes(d.name)) {
      issues.push({
        code: "source-error",
        severity: "error",
        file: d.file,
        message:
          `${file} has ${d.accepted.toLocaleString("en-GB")} usable rows, fewer than half of the ${before.toLocaleString("en-GB")} in the previous release (version ${previous!.version}). ` +
          `An export cut short, filtered or taken from the wrong survey looks like this: check it is the full export. ` +
          `If the data really is smaller, build again with \`--accept-shrink ${d.name}\` (or \`${ACCEPT_SHRINK_VARIABLE}=${d.name} npm run build\`).`,
      });
    }
  }
  return issues;
}

/** True when `out` holds a published release that was built from real (not illustrative) data. */
function holdsRealRelease(out: string): boolean {
  const file = join(out, "datapackage.json");
  if (!existsSync(file)) return false;
  try {
    const datapackage = JSON.parse(readFileSync(file, "utf8")) as { lero?: { illustrative?: boolean } };
    return datapackage.lero?.illustrative === false;
  } catch {
    return false;
  }
}

/** The readable summary printed at the end of a build. */
export function summarise(report: PrivateBuildReport): string {
  const lines = [`Published data version ${report.version}${report.illustrative ? " (illustrative sample)" : ""}:`];
  const missing = DATASETS.filter((name) => !(name in report.datasets));
  if (missing.length > 0) lines.push(`  not yet collected (left out): ${missing.join(", ")}`);
  if (report.illustrative && report.sampleDatasets.length > 0 && report.sampleDatasets.length < Object.keys(report.datasets).length) {
    lines.push(`  WARNING: sample files published beside real data, so the release is marked illustrative: ${report.sampleDatasets.join(", ")}`);
  }
  for (const [name, d] of Object.entries(report.datasets)) {
    const k = (d.disclosure as { kAnonymity?: { k: number; required: number } } | undefined)?.kAnonymity;
    lines.push(
      `  ${name.padEnd(10)} read ${String(d.rows.read).padStart(8)} = published ${String(d.rows.published).padStart(8)} + rejected ${String(d.rows.rejected).padStart(5)} + suppressed ${String(d.rows.suppressed).padStart(5)}` +
        (k ? `   k = ${k.k} (≥ ${k.required})` : ""),
    );
  }
  const i = report.intruder;
  lines.push(`  intruder   no way in: ${i.cellsAudited} hidden cells audited (narrowest ${i.narrowest ? `${i.narrowest.interval[0]}–${i.narrowest.interval[1]}` : "none"}), ${i.tablesCompared} tables against the microdata, ${i.recordsForced} records re-attached, ${i.meansAudited} means checked`);
  lines.push(`  stories    read ${report.stories.read}, published ${report.stories.published}, withdrawn ${report.stories.withdrawn}, held for review ${report.stories.heldForReview}`);
  if (report.heldForReview > 0) lines.push(`  ${report.heldForReview} free-text answer(s) held back for review (see the review folder; never published).`);
  return lines.join("\n");
}

/** Lists a published folder's files (for tests and the build script). */
export async function listPublished(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) out.push(...(await listPublished(join(dir, entry.name))).map((p) => `${entry.name}/${p}`));
    else out.push(entry.name);
  }
  return out.sort();
}

