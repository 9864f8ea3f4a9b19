/**
 * The built site works unchanged on any static host and under a sub-path: `npm run check:hosting` on
 * the dist/ that setup.ts built serves it under /some/sub/path/ with no rewrites and finds no 404.
 */
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, inject, it } from "vitest";
import { PROJECT_ROOT } from "../../loaders/schema.ts";
import { checkHosting, formatReport } from "../../scripts/check-hosting.ts";

const DIST = join(PROJECT_ROOT, "dist");
const result = inject("offlineBuild");

describe("any static host", () => {
  it("has no page beside a folder of the same name", () => {
    expect(result.code, result.output).toBe(0);
    const clashes = readdirSync(DIST).filter((name) => name.endsWith(".html") && existsSync(join(DIST, name.replace(/\.html$/, ""))));
    expect(clashes).toEqual([]);
  });

  it("finds every page, asset and data file under a sub-path with no clean URLs", async () => {
    const report = await checkHosting({ dir: DIST });
    expect(report.broken, formatReport(report)).toEqual([]);
    expect(report.pages).toBeGreaterThan(30);
  });
});
