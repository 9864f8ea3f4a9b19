/**
 * The site must build with no network: CI runs behind firewalls and a publication must be
 * reproducible. `setup.ts` built it from clean with outside requests blocked; here we check that it
 * succeeded, that nothing was attempted, and that nothing in dist/ points at a CDN.
 */
import { existsSync, readFileSync } from "node:fs";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, inject, it } from "vitest";
import { PROJECT_ROOT } from "../../loaders/schema.ts";
import { run } from "../support/run.ts";
import { walk } from "../support/quality.ts";
import { offlineEnv } from "./setup.ts";

const DIST = join(PROJECT_ROOT, "dist");
const result = inject("offlineBuild");

describe("offline build", () => {
  it("succeeds from clean", () => {
    expect(result.code, result.output).toBe(0);
    expect(existsSync(join(DIST, "index.html"))).toBe(true);
    expect(result.output).toContain("Disclosure audit passed");
  });

  it("attempts no outside request", () => {
    expect(result.attempts).toBe("");
  });

  it("leaves no reference to a CDN, a font service or DuckDB's extension server in dist/", () => {
    const outside = /cdn\.jsdelivr|fonts\.googleapis|fonts\.gstatic|extensions\.duckdb|registry\.npmjs/;
    const offending = [...walk(DIST)].filter((file) => /\.(html|js|css|json)$/.test(file) && outside.test(readFileSync(file, "utf8")));
    expect(offending).toEqual([]);
  });

  it("reports an attempted request (the guard itself can fail)", async () => {
    const probeLog = join(mkdtempSync(join(tmpdir(), "lero-offline-")), "network.log");
    const probe = await run(process.execPath, ["-e", "fetch('https://example.org/').catch(() => process.exit(3))"], { env: offlineEnv(probeLog) });
    expect(probe.code).toBe(3);
    expect(readFileSync(probeLog, "utf8")).toContain("fetch https://example.org/");
  });
});
