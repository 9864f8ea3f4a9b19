/**
 * The site must build with no network: CI runs behind firewalls and a publication must be
 * reproducible. This builds from clean with every outside request blocked (a preload that makes
 * `fetch` and outside sockets throw, and, where the machine allows it, `unshare -n` so there is no
 * network at all), then checks that nothing was attempted and nothing in dist/ points at a CDN.
 * The browser tests that follow use the dist/ this test builds.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { PROJECT_ROOT } from "../../loaders/schema.ts";
import { run, runTs, type RunResult } from "../support/run.ts";

const PRELOAD = join(PROJECT_ROOT, "scripts", "offline", "deny-network.mjs");
const DIST = join(PROJECT_ROOT, "dist");
const canUnshare = spawnSync("unshare", ["-n", "true"]).status === 0;

function offlineEnv(log: string): NodeJS.ProcessEnv {
  return { ...process.env, NODE_OPTIONS: `--import ${PRELOAD}`, LERO_NETWORK_LOG: log, OBSERVABLE_TELEMETRY_DISABLE: "" };
}

function* files(dir: string): Generator<string> {
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) yield* files(path);
    else yield path;
  }
}

describe("offline build", () => {
  const log = join(mkdtempSync(join(tmpdir(), "lero-offline-")), "network.log");
  let result: RunResult;

  beforeAll(async () => {
    const clean = await runTs("scripts/clean.ts");
    expect(clean.code).toBe(0);
    const build = [process.execPath, "--import", "tsx", "scripts/build.ts"];
    result = canUnshare ? await run("unshare", ["-n", "--", ...build], { env: offlineEnv(log) }) : await run(build[0]!, build.slice(1), { env: offlineEnv(log) });
  }, 600_000);

  it("succeeds from clean", () => {
    expect(result.code, result.stderr + result.stdout).toBe(0);
    expect(existsSync(join(DIST, "index.html"))).toBe(true);
  });

  it("attempts no outside request", () => {
    const attempts = existsSync(log) ? readFileSync(log, "utf8").trim() : "";
    expect(attempts).toBe("");
  });

  it("leaves no reference to a CDN, a font service or DuckDB's extension server in dist/", () => {
    const outside = /cdn\.jsdelivr|fonts\.googleapis|fonts\.gstatic|extensions\.duckdb|registry\.npmjs/;
    const offending = [...files(DIST)].filter((file) => /\.(html|js|css|json)$/.test(file) && outside.test(readFileSync(file, "utf8")));
    expect(offending).toEqual([]);
  });

  it("reports an attempted request (the guard itself can fail)", async () => {
    const probeLog = join(mkdtempSync(join(tmpdir(), "lero-offline-")), "network.log");
    const probe = await run(process.execPath, ["-e", "fetch('https://example.org/').catch(() => process.exit(3))"], { env: offlineEnv(probeLog) });
    expect(probe.code).toBe(3);
    expect(readFileSync(probeLog, "utf8")).toContain("fetch https://example.org/");
  });
});
