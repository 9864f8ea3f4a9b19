import { existsSync } from "node:fs";
import { isAbsolute, join, resolve } from "node:path";
import { PROJECT_ROOT } from "./schema.ts";

export const SAMPLE_DIR = join(PROJECT_ROOT, "data", "sample");

export interface DataSource {
  /** Absolute path of the folder holding one export per dataset. */
  dir: string;
  /**
   * True when the folder is the bundled illustrative sample (or says it is illustrative). The pipeline
   * also marks a release illustrative when any export is a sample file (`pipeline/sample-files.ts`);
   * pages read the release's own marker (`lero.illustrative` in datapackage.json), never this alone.
   */
  illustrative: boolean;
}

/**
 * The folder the site is built from: `LERO_DATA_DIR` when set (real data lives outside the
 * repository), else the illustrative sample in `data/sample/`. A folder is illustrative when it
 * holds a file named `ILLUSTRATIVE`; the site then shows its notice on every page.
 */
export function resolveDataSource(env: NodeJS.ProcessEnv = process.env): DataSource {
  const configured = env.LERO_DATA_DIR?.trim();
  const dir = configured ? (isAbsolute(configured) ? configured : resolve(configured)) : SAMPLE_DIR;
  return { dir, illustrative: dir === SAMPLE_DIR || existsSync(join(dir, "ILLUSTRATIVE")) };
}
