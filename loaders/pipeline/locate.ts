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
  if (found.length === 0) {
    const names = [...EXTENSIONS.map((ext) => `${dataset}${ext}`), `${dataset}_DATA_<date>_<time>.csv (a REDCap download)`].join(", ");
    throw new PipelineError("source-error", `No export for the "${dataset}" dataset in ${dir}: expected one of ${names}. Add the export under one of those names.`, { file: join(dir, dataset) });
  }
  if (found.length > 1) {
    throw new PipelineError("source-error", `More than one export for the "${dataset}" dataset in ${dir}: ${found.join(", ")}. Keep only the one to publish.`, { file: found[0]! });
  }
  return found[0]!;
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
