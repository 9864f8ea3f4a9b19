/**
 * Global setup of the build tests: one clean build of the site from the sample with every outside
 * request blocked (a preload that makes `fetch` and outside sockets throw, and `unshare -n` where the
 * machine allows it). The tests then check its result and audit the dist/ it made; the browser tests
 * that run after them use that dist/ too.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import type { TestProject } from "vitest/node";
import { join } from "node:path";
import { PROJECT_ROOT } from "../../loaders/schema.ts";
import { run, runTs } from "../support/run.ts";

export const PRELOAD = join(PROJECT_ROOT, "scripts", "offline", "deny-network.mjs");

export interface OfflineBuildResult {
  code: number | null;
  output: string;
  attempts: string;
  unshare: boolean;
}

export function offlineEnv(log: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_OPTIONS: `--import ${PRELOAD}`, LERO_NETWORK_LOG: log };
  delete env.LERO_DATA_DIR;
  return env;
}

declare module "vitest" {
  export interface ProvidedContext {
    offlineBuild: OfflineBuildResult;
  }
}

export default async function setup(project: TestProject): Promise<void> {
  const log = join(mkdtempSync(join(tmpdir(), "lero-offline-")), "network.log");
  writeFileSync(log, "");
  const clean = await runTs("scripts/clean.ts");
  if (clean.code !== 0) throw new Error(`npm run clean failed: ${clean.stderr}`);
  const unshare = spawnSync("unshare", ["-n", "true"]).status === 0;
  const build = [process.execPath, "--import", "tsx", "scripts/build.ts"];
  const result = unshare ? await run("unshare", ["-n", "--", ...build], { env: offlineEnv(log) }) : await run(build[0]!, build.slice(1), { env: offlineEnv(log) });
  const attempts = existsSync(log) ? readFileSync(log, "utf8").trim() : "";
  project.provide("offlineBuild", { code: result.code, output: result.stdout + result.stderr, attempts, unshare });
}
