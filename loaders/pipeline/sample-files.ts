/**
 * Finds exports in a data folder that are the bundled illustrative sample's files, so a release built
 * from them is marked illustrative rather than published as collected data (copying a sample file in
 * to get past a missing dataset must never pass generated rows off as real ones).
 *
 * An export is a sample file when its bytes are the sample's file for the same dataset, or when both
 * read to the same labels and cells (the sample re-saved: another line ending, a byte-order mark, CSV
 * saved from the XLSX). Reading is tried only when the sizes are close enough for the contents to
 * match, so a large real export is never read twice.
 */
import { readFileSync, statSync } from "node:fs";
import { basename } from "node:path";
import { SAMPLE_DIR } from "../data-dir.ts";
import { readExport } from "../read/index.ts";
import type { RawTable } from "../types.ts";
import { findExport } from "./locate.ts";

export interface SampleFile {
  dataset: string;
  /** The export in the data folder. */
  file: string;
  /** The bundled sample file it matches. */
  sample: string;
  /** "bytes": the same file; "content": the same labels and cells once read. */
  match: "bytes" | "content";
}

/** Sizes further apart than this factor cannot hold the same cells in any format the readers take. */
const CONTENT_SIZE_FACTOR = 4;

function sameBytes(a: string, b: string): boolean {
  if (statSync(a).size !== statSync(b).size) return false;
  return readFileSync(a).equals(readFileSync(b));
}

function cellsOf(table: RawTable): string[][] {
  const text = (cell: unknown): string => (cell === null || cell === undefined ? "" : cell instanceof Date ? cell.toISOString() : String(cell).trim());
  return [table.labels.map(text), ...table.rows.map((row) => row.map(text))];
}

async function sameContent(a: string, b: string): Promise<boolean> {
  const [sizeA, sizeB] = [statSync(a).size, statSync(b).size];
  if (sizeA > sizeB * CONTENT_SIZE_FACTOR || sizeB > sizeA * CONTENT_SIZE_FACTOR) return false;
  let tables: [RawTable, RawTable];
  try {
    tables = [await readExport(a), await readExport(b)];
  } catch {
    // An export the readers refuse is not the sample; the pipeline reports why when it reads it.
    return false;
  }
  const [x, y] = tables.map(cellsOf) as [string[][], string[][]];
  if (x.length !== y.length) return false;
  return x.every((row, i) => {
    const other = y[i]!;
    // Readers pad short records; trailing empty cells are not content.
    const trim = (cells: string[]) => cells.slice(0, cells.findLastIndex((c) => c !== "") + 1);
    const [p, q] = [trim(row), trim(other)];
    return p.length === q.length && p.every((cell, j) => cell === q[j]);
  });
}

/**
 * The exports in `exports` (dataset → file) that are the sample's files for their dataset, in the
 * order given. `sampleDir` is the bundled sample (`data/sample/`); a folder that is the sample itself
 * is all sample.
 */
export async function findSampleFiles(exports: ReadonlyMap<string, string>, sampleDir: string = SAMPLE_DIR): Promise<SampleFile[]> {
  const found: SampleFile[] = [];
  for (const [dataset, file] of exports) {
    const sample = findExport(sampleDir, dataset);
    if (sample === undefined) continue;
    if (sameBytes(file, sample)) found.push({ dataset, file, sample, match: "bytes" });
    else if (await sameContent(file, sample)) found.push({ dataset, file, sample, match: "content" });
  }
  return found;
}

/**
 * What a build says about sample files it found: which files, that the release is marked illustrative,
 * and, when real exports sit beside them, that the two are mixed and how to publish real data only.
 */
export function describeSampleFiles(found: readonly SampleFile[], exports: ReadonlyMap<string, string>): string[] {
  if (found.length === 0) return [];
  const names = found.map((f) => `${basename(f.file)} (${f.dataset}${f.match === "bytes" ? "" : ", the same rows as the sample's file"})`);
  const real = [...exports.keys()].filter((dataset) => !found.some((f) => f.dataset === dataset));
  const lines = [`${found.length === 1 ? "This file is" : "These files are"} the bundled illustrative sample, not collected data: ${names.join(", ")}.`];
  if (real.length > 0) {
    lines.push(
      `WARNING: the folder mixes real exports (${real.join(", ")}) with sample files. The whole release is marked illustrative, and every page says so. ` +
        `To publish real data only, remove the sample file${found.length === 1 ? "" : "s"}: a dataset with no export is left out of the release and its page says the data is not yet collected.`,
    );
  } else {
    lines.push("The release is marked illustrative, and every page says so.");
  }
  return lines;
}
