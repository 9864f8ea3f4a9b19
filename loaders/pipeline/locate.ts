import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { PipelineError } from "../types.ts";

/** Export file types the readers understand, in the order a folder is searched. */
const EXTENSIONS = [".xlsx", ".csv", ".tsv", ".txt"];

/**
 * The export of one dataset in a data folder: `<dataset>.xlsx`, `.csv`, `.tsv` or `.txt`, or a REDCap
 * data export as REDCap names it when the REDCap project's name is the dataset's,
 * `<dataset>_DATA_<yyyy-mm-dd>_<hhmm>.csv` (any case: `Stigma_DATA_2026-03-01_1402.csv`). Exactly one
 * must exist; the error says which names were looked for or which files clash.
 */
export function locateExport(dir: string, dataset: string): string {
  const found = findExport(dir, dataset);
  if (found === undefined) {
    throw new PipelineError("source-error", `No export for the "${dataset}" dataset in ${dir}: expected one of ${exportNames(dataset)}. Add the export under one of those names.`, { file: join(dir, dataset) });
  }
  return found;
}

/** The file names an export of `dataset` may have, for messages. */
export function exportNames(dataset: string): string {
  return [...EXTENSIONS.map((ext) => `${dataset}${ext}`), `${dataset}_DATA_<date>_<time>.csv (a REDCap download)`].join(", ");
}

/**
 * The export of one dataset, or `undefined` when the folder has none (a dataset not collected yet is
 * left out of the release). Two candidate files for one dataset are still an error: which to publish
 * is a person's choice.
 */
export function findExport(dir: string, dataset: string): string | undefined {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new PipelineError("source-error", `The data folder ${dir} does not exist or is not a folder. Set LERO_DATA_DIR to the folder that holds the exports.`, { file: dir });
  }
  const redcap = new RegExp(`^${dataset.replace(/[^a-z0-9]/gi, "\\$&")}_DATA_\\d{4}-\\d{2}-\\d{2}_\\d{4}\\.csv$`, "i");
  const found = [
    ...EXTENSIONS.map((ext) => join(dir, `${dataset}${ext}`)).filter((file) => existsSync(file)),
    ...readdirSync(dir)
      .filter((name) => redcap.test(name))
      .sort()
      .map((name) => join(dir, name)),
  ];
  if (found.length > 1) {
    throw new PipelineError("source-error", `More than one export for the "${dataset}" dataset in ${dir}: ${found.join(", ")}. Keep only the one to publish.`, { file: found[0]! });
  }
  return found[0];
}

/**
 * The export of every dataset the folder holds, in `datasets` order; datasets with no export are left
 * out. A folder with none of them is an error that names every file name looked for.
 */
export function locateExports<D extends string>(dir: string, datasets: readonly D[]): Map<D, string> {
  const exports = new Map<D, string>();
  for (const dataset of datasets) {
    const file = findExport(dir, dataset);
    if (file !== undefined) exports.set(dataset, file);
  }
  if (exports.size === 0) {
    const expected = datasets.map((d) => `  ${d}: ${exportNames(d)}`);
    throw new PipelineError(
      "source-error",
      [`The data folder ${dir} holds no export of any dataset, so there is nothing to publish. Put at least one export in it, named after its dataset:`, ...expected].join("\n"),
      { file: dir },
    );
  }
  return exports;
}

/** The optional column mapping of a dataset: `<dataset>.mapping.json` beside its export. */
export function locateMapping(dir: string, dataset: string): string | undefined {
  const file = join(dir, `${dataset}.mapping.json`);
  return existsSync(file) ? file : undefined;
}

/** Story files: `stories/*.md` in the data folder (none is fine: the Stories page then says so). */
export function locateStories(dir: string): string[] {
  const folder = join(dir, "stories");
  if (!existsSync(folder)) return [];
  return readdirSync(folder)
    .filter((name) => name.endsWith(".md") && !name.startsWith("."))
    .sort()
    .map((name) => join(folder, name));
}
