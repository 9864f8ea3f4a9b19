/**
 * Where Framework's data loaders find the pipeline's output. `npm run build` (and `npm run dev`) run
 * the pipeline first, into `.tmp/published/`; the loaders in `src/data/` only read from it.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { PROJECT_ROOT } from "./schema.ts";

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
