/**
 * Copies of the sample's CSV exports that the build takes for real data: the same file less its last
 * record, so it is no longer byte- or cell-identical to the sample (`loaders/pipeline/sample-files.ts`).
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { SAMPLE_DIR } from "../../loaders/data-dir.ts";

/** Writes `<dataset>.csv` into `dir`: the sample's export of the dataset without its last record. */
export function writeRealExport(dataset: string, dir: string): void {
  const text = readFileSync(join(SAMPLE_DIR, `${dataset}.csv`), "utf8");
  const ending = text.includes("\r\n") ? "\r\n" : "\n";
  const lines = text.split(ending).filter((line) => line !== "");
  writeFileSync(join(dir, `${dataset}.csv`), `${lines.slice(0, -1).join(ending)}${ending}`);
}
