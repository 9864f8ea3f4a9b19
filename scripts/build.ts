/**
 * `npm run build`: the whole site, atomically. Seeds Framework's npm cache from node_modules, builds
 * into a temporary folder with telemetry off, and only then replaces `dist/`. If any step fails,
 * the previous `dist/` is left exactly as it was.
 */
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, rename, rm } from "node:fs/promises";
import { join } from "node:path";
import { PROJECT_ROOT } from "../loaders/schema.ts";
import { seedNpmCache } from "./seed-npm-cache.ts";

const DIST = join(PROJECT_ROOT, "dist");
const TMP = join(PROJECT_ROOT, ".tmp");

function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: PROJECT_ROOT, env, stdio: "inherit" });
    child.on("error", reject);
    child.on("exit", (code, signal) =>
      code === 0 ? resolve() : reject(new Error(`${command} ${args.join(" ")} failed (${signal ?? `exit ${code}`})`)),
    );
  });
}

export async function buildSite(): Promise<void> {
  await seedNpmCache();
  await mkdir(TMP, { recursive: true });
  const next = join(TMP, `dist-next-${process.pid}`);
  await rm(next, { recursive: true, force: true });
  const env = { ...process.env, OBSERVABLE_TELEMETRY_DISABLE: "true", LERO_BUILD_OUT: next };
  try {
    await run(process.execPath, [join(PROJECT_ROOT, "node_modules", "@observablehq", "framework", "dist", "bin", "observable.js"), "build"], env);
    const old = join(TMP, `dist-old-${process.pid}`);
    if (existsSync(DIST)) await rename(DIST, old);
    await rename(next, DIST);
    await rm(old, { recursive: true, force: true });
  } catch (error) {
    await rm(next, { recursive: true, force: true });
    throw error;
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    await buildSite();
  } catch (error) {
    process.stderr.write(`\nBuild failed: ${error instanceof Error ? error.message : String(error)}\nThe previous dist/ (if any) was left unchanged.\n`);
    process.exitCode = 1;
  }
}
