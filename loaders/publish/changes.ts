/**
 * What changed since the previous release: the "What's new" of a release.
 *
 * A release is summed up in a snapshot (`ReleaseSnapshot`): its version and date, the rows published
 * per dataset, every figure of the measures registry (overall and each published breakdown) with its
 * 95% interval, and every measure's definition. The build writes the comparison of its snapshot with the previous release's to
 * `whats-new.json` in the published folder, and after a successful build saves its snapshot as the
 * next build's "previous", outside the published folder (`LERO_PREVIOUS_RELEASE`, by default
 * `previous-release/` in the review folder).
 *
 * Decision: a figure has moved when its 95% intervals in the two releases do not overlap, the rule
 * every comparison on the site uses (`compareIntervals`): a change inside the intervals is not news.
 * Shares use the Wilson interval of the published share and base; means use the t interval the tables
 * publish beside them. Counts have no interval and are reported as rows added instead.
 *
 * Decision: the previous release is the last one with a different version. Building the same data
 * twice gives the same version, and the same "What's new" (compared with the release before it), so
 * two builds from one input stay byte-identical.
 */
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { mkdir, rename, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { compareIntervals, wilsonPercent, type Interval } from "../../src/lib/intervals.ts";
import { ALL, MEASURES, measureCells, measureSource, measureValue, type Measure, type MeasureTables } from "../../src/lib/measures.ts";
import type { PublishedAggregate, PublishedValue } from "../../src/lib/published.ts";
import { PROJECT_ROOT } from "../schema.ts";
import { PipelineError } from "../types.ts";

/** Where the previous release's snapshot is kept when `LERO_PREVIOUS_RELEASE` does not say. */
export const PREVIOUS_RELEASE_VARIABLE = "LERO_PREVIOUS_RELEASE";

export interface FigureSnapshot {
  name: string;
  format: Measure["format"];
  value: number;
  low?: number;
  high?: number;
}

export interface ReleaseSnapshot {
  version: string;
  /** The release date (CITATION.cff `date-released`, YYYY-MM-DD). */
  date: string;
  illustrative: boolean;
  /** Rows published per dataset in the release. */
  datasets: Record<string, { rows: number; title: string }>;
  /** Every figure of a measure the release publishes as a number, by `figureId`. */
  figures: Record<string, FigureSnapshot>;
  /** Each measure's definition, by id. */
  definitions: Record<string, { name: string; definition: string }>;
}

export interface FigureChange {
  id: string;
  name: string;
  format: Measure["format"];
  before: number;
  after: number;
  direction: "higher" | "lower";
  beforeInterval: [number, number];
  afterInterval: [number, number];
}

export interface WhatsNew {
  version: string;
  date: string;
  illustrative: boolean;
  /** The release compared with, or null for the first release. */
  previous: { version: string; date: string } | null;
  datasetsAdded: { dataset: string; title: string; rows: number }[];
  datasetsRemoved: { dataset: string; title: string }[];
  rows: { dataset: string; title: string; before: number; after: number; added: number }[];
  figures: FigureChange[];
  definitions: { id: string; name: string; before: string; after: string }[];
  /** The changes in plain sentences, in the order above; one sentence when there is nothing to compare. */
  summary: string[];
}

/** The release date from CITATION.cff, which every citation of the release gives. */
export function releaseDate(citation: string = join(PROJECT_ROOT, "CITATION.cff")): string {
  const match = /^date-released:\s*"?(\d{4}-\d{2}-\d{2})/m.exec(readFileSync(citation, "utf8"));
  if (!match) throw new PipelineError("format-error", `${citation} has no date-released: add one (YYYY-MM-DD), the date of the release.`, { file: citation });
  return match[1]!;
}

function isNumber(value: PublishedValue | undefined): value is number {
  return typeof value === "number" && Number.isFinite(value);
}

function intervalOf(tables: MeasureTables, m: Measure, key: string, value: number): Interval | undefined {
  if (m.format === "percent") {
    // The base measure's count, else the base the table publishes beside the share.
    const base = m.baseMeasure === undefined ? measureSource(tables, m.id, key)?.row.base_count : measureValue(tables, m.baseMeasure, key);
    return isNumber(base) ? wilsonPercent(value, base) : undefined;
  }
  if (m.format === "mean" || m.format === "change") {
    const found = measureSource(tables, m.id, key);
    const low = found?.row[`${found.column}_low`];
    const high = found?.row[`${found.column}_high`];
    return isNumber(low) && isNumber(high) ? { value, low, high } : undefined;
  }
  return undefined;
}

const round = (x: number) => Math.round(x * 100) / 100;

/** A figure's id in a snapshot: the measure's id, and its key when it is a breakdown ("stigma-met|GP"). */
export function figureId(measureId: string, key: string): string {
  return key === ALL ? measureId : `${measureId}|${key}`;
}

/** The snapshot of a release from its build figures and its published tables. */
export function snapshotRelease(release: { version: string; date: string; illustrative: boolean; datasets: Record<string, { rows: number; title: string }>; tables: MeasureTables }): ReleaseSnapshot {
  const figures: Record<string, FigureSnapshot> = {};
  for (const m of MEASURES) {
    const keys = [...new Set(measureCells(release.tables, m.id).map((cell) => cell.key))].sort();
    for (const key of keys) {
      const value = measureValue(release.tables, m.id, key);
      if (!isNumber(value)) continue;
      const interval = intervalOf(release.tables, m, key, value);
      const name = key === ALL ? m.name : `${m.name}: ${key}`;
      figures[figureId(m.id, key)] = { name, format: m.format, value, ...(interval ? { low: round(interval.low), high: round(interval.high) } : {}) };
    }
  }
  const definitions = Object.fromEntries(MEASURES.map((m) => [m.id, { name: m.name, definition: m.definition }]));
  const datasets = Object.fromEntries(Object.entries(release.datasets).sort(([a], [b]) => a.localeCompare(b)));
  return { version: release.version, date: release.date, illustrative: release.illustrative, datasets, figures, definitions };
}

const count = (n: number) => n.toLocaleString("en-GB");

function figureText(value: number, format: Measure["format"]): string {
  if (format === "percent") return `${Math.round(value)}%`;
  const text = value.toLocaleString("en-GB", { maximumFractionDigits: 1 });
  return format === "change" && value > 0 ? `+${text}` : text;
}

/** What changed from `previous` to `current`; `previous` undefined for the first release. */
export function compareReleases(current: ReleaseSnapshot, previous: ReleaseSnapshot | undefined): WhatsNew {
  const base = { version: current.version, date: current.date, illustrative: current.illustrative };
  if (previous === undefined) {
    return {
      ...base,
      previous: null,
      datasetsAdded: [],
      datasetsRemoved: [],
      rows: [],
      figures: [],
      definitions: [],
      summary: ["This is the first release, so there is no earlier release to compare it with."],
    };
  }
  const datasetsAdded = Object.entries(current.datasets)
    .filter(([name]) => previous.datasets[name] === undefined)
    .map(([dataset, d]) => ({ dataset, title: d.title, rows: d.rows }));
  const datasetsRemoved = Object.entries(previous.datasets)
    .filter(([name]) => current.datasets[name] === undefined)
    .map(([dataset, d]) => ({ dataset, title: d.title }));
  const rows = Object.entries(current.datasets).flatMap(([dataset, d]) => {
    const before = previous.datasets[dataset]?.rows;
    return before === undefined || before === d.rows ? [] : [{ dataset, title: d.title, before, after: d.rows, added: d.rows - before }];
  });
  const figures: FigureChange[] = [];
  for (const [id, after] of Object.entries(current.figures)) {
    const before = previous.figures[id];
    if (before === undefined || after.low === undefined || after.high === undefined || before.low === undefined || before.high === undefined) continue;
    const comparison = compareIntervals({ value: after.value, low: after.low, high: after.high }, { value: before.value, low: before.low, high: before.high });
    if (comparison === "similar") continue;
    figures.push({ id, name: after.name, format: after.format, before: before.value, after: after.value, direction: comparison, beforeInterval: [before.low, before.high], afterInterval: [after.low, after.high] });
  }
  const definitions = Object.entries(current.definitions).flatMap(([id, d]) => {
    const before = previous.definitions[id];
    return before === undefined || before.definition === d.definition ? [] : [{ id, name: d.name, before: before.definition, after: d.definition }];
  });
  const summary: string[] = [];
  for (const d of datasetsAdded) summary.push(`New in this release: ${d.title}, with ${count(d.rows)} rows.`);
  for (const d of datasetsRemoved) summary.push(`${d.title} is not in this release.`);
  for (const r of rows) summary.push(`${r.title}: ${count(Math.abs(r.added))} rows ${r.added > 0 ? "added" : "fewer"} (${count(r.before)} before, ${count(r.after)} now).`);
  for (const f of figures) {
    summary.push(`${f.name}: ${f.direction} than in the previous release, ${figureText(f.after, f.format)} against ${figureText(f.before, f.format)}; the two 95% intervals do not overlap.`);
  }
  for (const d of definitions) summary.push(`${d.name}: the definition has changed. It now reads: ${d.after}`);
  if (summary.length === 0) summary.push(`Nothing has changed since the previous release (version ${previous.version}) beyond what the 95% intervals allow for.`);
  return { ...base, previous: { version: previous.version, date: previous.date }, datasetsAdded, datasetsRemoved, rows, figures, definitions, summary };
}

/** The folder that holds the previous release's snapshot. */
export function previousReleaseDir(env: NodeJS.ProcessEnv, reviewDir: string): string {
  const configured = env[PREVIOUS_RELEASE_VARIABLE];
  return configured !== undefined && configured.trim() !== "" ? configured : join(reviewDir, "previous-release");
}

/** The two snapshots kept: the last release published (`latest`) and the one before it (`before`). */
const LATEST = "latest.json";
const BEFORE = "before.json";

function readSnapshot(file: string): ReleaseSnapshot | undefined {
  if (!existsSync(file)) return undefined;
  try {
    const parsed = JSON.parse(readFileSync(file, "utf8")) as ReleaseSnapshot;
    return typeof parsed.version === "string" && parsed.datasets !== undefined && parsed.figures !== undefined ? parsed : undefined;
  } catch {
    // A snapshot that cannot be read is treated as none: the release then says it has nothing to compare with.
    return undefined;
  }
}

/**
 * The release to compare a build of `version` with: the last one published, or the one before it when
 * the last one is this very version (a rebuild). A release built from other kinds of data (the
 * illustrative sample against real data) is not compared with.
 */
export function loadPreviousRelease(dir: string, version: string, illustrative: boolean): ReleaseSnapshot | undefined {
  const latest = readSnapshot(join(dir, LATEST));
  const previous = latest?.version === version ? readSnapshot(join(dir, BEFORE)) : latest;
  return previous !== undefined && previous.illustrative === illustrative ? previous : undefined;
}

/**
 * Keeps `snapshot` as the next build's previous release. Each file is written beside its name and
 * renamed into place, so a build stopped halfway leaves the old snapshots whole.
 */
export async function savePreviousRelease(dir: string, snapshot: ReleaseSnapshot): Promise<void> {
  await mkdir(dir, { recursive: true });
  const latest = readSnapshot(join(dir, LATEST));
  if (latest?.version === snapshot.version && latest.illustrative === snapshot.illustrative) return;
  const put = async (name: string, value: unknown) => {
    const partial = join(dir, `.${name}.${randomBytes(4).toString("hex")}.partial`);
    try {
      await writeFile(partial, `${JSON.stringify(value, null, 2)}\n`);
      await rename(partial, join(dir, name));
    } finally {
      await rm(partial, { force: true });
    }
  };
  if (latest !== undefined) await put(BEFORE, latest);
  await put(LATEST, snapshot);
}

/** The published tables by id, as the measures registry reads them. */
export function measureTables(aggregates: readonly PublishedAggregate[]): MeasureTables {
  return Object.fromEntries(aggregates.map((aggregate) => [aggregate.id, { rows: aggregate.rows, totalLabel: aggregate.totalLabel }]));
}

/**
 * Writes `whats-new.json` into the release folder `dir` and returns the release's snapshot, for
 * `savePreviousRelease` once the release is published.
 */
export async function writeWhatsNew(dir: string, release: { version: string; illustrative: boolean; datasets: Record<string, { rows: number; title: string }>; aggregates: readonly PublishedAggregate[]; previousDir: string }): Promise<ReleaseSnapshot> {
  const snapshot = snapshotRelease({ version: release.version, date: releaseDate(), illustrative: release.illustrative, datasets: release.datasets, tables: measureTables(release.aggregates) });
  const whatsNew = compareReleases(snapshot, loadPreviousRelease(release.previousDir, release.version, release.illustrative));
  await writeFile(join(dir, WHATS_NEW_FILE), `${JSON.stringify(whatsNew, null, 2)}\n`);
  return snapshot;
}

/** The file in the published folder. */
export const WHATS_NEW_FILE = "whats-new.json";
