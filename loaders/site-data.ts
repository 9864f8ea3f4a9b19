/**
 * Where Framework's data loaders find the pipeline's output. `npm run build` (and `npm run dev`) run
 * the pipeline first, into `.tmp/published/`; the loaders in `src/data/` only read from it.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { DATASETS, PROJECT_ROOT, type Dataset } from "./schema.ts";

export const PUBLISHED_DIR = join(PROJECT_ROOT, ".tmp", "published");

export function publishedDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.LERO_PUBLISHED_DIR ?? PUBLISHED_DIR;
}

/** The bytes of a published file; a clear error when the pipeline has not run. */
export function readPublished(path: string, env: NodeJS.ProcessEnv = process.env): Buffer {
  const file = join(publishedDir(env), path);
  if (!existsSync(file)) {
    throw new Error(`${file} does not exist: the data pipeline has not published it. Run \`npm run build\` (or \`npm run dev\`), which runs the pipeline first.`);
  }
  return readFileSync(file);
}

/** A published JSON file, parsed. */
export function readPublishedJson<T>(path: string, env: NodeJS.ProcessEnv = process.env): T {
  return JSON.parse(readPublished(path, env).toString("utf8")) as T;
}

/**
 * The datasets the published release has, in schema order: a data folder may hold only some of them,
 * and pages, menus and headlines leave the others out (or say they are not yet collected).
 */
export function publishedDatasets(env: NodeJS.ProcessEnv = process.env): Dataset[] {
  const { lero } = readPublishedJson<{ lero?: { datasets?: string[] } }>("datapackage.json", env);
  if (!Array.isArray(lero?.datasets)) throw new Error(`${join(publishedDir(env), "datapackage.json")} does not list its datasets: it was published by an older pipeline. Run \`npm run build\` again.`);
  return DATASETS.filter((name) => lero.datasets!.includes(name));
}

/** True when the published release is marked illustrative (the bundled sample, or sample files among the exports). */
export function publishedIllustrative(env: NodeJS.ProcessEnv = process.env): boolean {
  return readPublishedJson<{ lero?: { illustrative?: boolean } }>("datapackage.json", env).lero?.illustrative === true;
}
