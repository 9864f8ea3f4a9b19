/**
 * Bad input end to end: for each broken data folder, `npm run build` with LERO_DATA_DIR fails with a
 * message naming the file and the problem, exits non-zero, and leaves the previous dist/ untouched.
 */
import { cpSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { SAMPLE_DIR } from "../../loaders/data-dir.ts";
import { PROJECT_ROOT } from "../../loaders/schema.ts";
import { BAD_INPUT_CASES } from "../fixtures/bad-input/cases.ts";
import { runTs } from "../support/run.ts";

const DIST = join(PROJECT_ROOT, "dist");

describe("bad input stops the build and keeps the previous site", () => {
  it.each(BAD_INPUT_CASES)("$name", async (badCase) => {
    const before = { page: readFileSync(join(DIST, "index.html")), data: readFileSync(join(DIST, "data", "datapackage.json")) };
    const dir = mkdtempSync(join(tmpdir(), "lero-bad-input-"));
    cpSync(SAMPLE_DIR, dir, { recursive: true });
    badCase.break(dir);
    const env = { ...process.env, LERO_DATA_DIR: dir, LERO_PSEUDONYM_KEY: "bad-input-test-key-0123456789" };
    const result = await runTs("scripts/build.ts", [], { env });
    expect(result.code, result.stderr).not.toBe(0);
    for (const pattern of badCase.expect) expect(result.stderr).toMatch(pattern);
    expect(result.stderr).toContain("The previous dist/ (if any) was left unchanged.");
    expect(readFileSync(join(DIST, "index.html")).equals(before.page)).toBe(true);
    expect(readFileSync(join(DIST, "data", "datapackage.json")).equals(before.data)).toBe(true);
  });
});
