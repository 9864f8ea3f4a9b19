/**
 * Quality gates over the built site (issue 8): valid HTML, internal links and anchors, downloads that
 * match their hashes, a reproducible build. Each gate is first shown to fail on a deliberately broken
 * fixture (test/fixtures/quality/broken-site), so it cannot silently stop checking.
 */
import { cpSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { PROJECT_ROOT } from "../../loaders/schema.ts";
import { runTs } from "../support/run.ts";
import { checkMeasures, measureConflicts, sameValue } from "../../scripts/measure-gate.ts";
import { checkDownloads, checkLinks, checkTitles, differingFiles, htmlFiles, JAVA_MISSING, javaAvailable, validateHtml } from "../support/quality.ts";

const DIST = join(PROJECT_ROOT, "dist");
const BROKEN = join(PROJECT_ROOT, "test", "fixtures", "quality", "broken-site");
const MEASURE_CONFLICT = join(PROJECT_ROOT, "test", "fixtures", "quality", "measure-conflict");

describe("valid HTML (Nu Html Checker)", () => {
  beforeAll(() => {
    if (!javaAvailable()) throw new Error(JAVA_MISSING);
  });

  it("finds the errors in the broken fixture", () => {
    const errors = validateHtml(htmlFiles(BROKEN));
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.map((e) => e.message).join("\n")).toMatch(/not allowed as child/);
  });

  it("finds no error in any built page", () => {
    const pages = htmlFiles(DIST);
    expect(pages.length).toBeGreaterThan(2);
    expect(validateHtml(pages)).toEqual([]);
  });
});

describe("links and downloads", () => {
  it("finds the broken link, the missing anchor and the bad downloads in the fixture", () => {
    const links = checkLinks(BROKEN).map((b) => `${b.href}: ${b.reason}`);
    expect(links).toContain("/missing-page: no such file");
    expect(links).toContain('#no-such-anchor: no element with id "no-such-anchor"');
    const downloads = checkDownloads(BROKEN).map((b) => `${b.href}: ${b.reason}`);
    expect(downloads).toContain("table.csv: sha256 differs from the declared hash");
    expect(downloads).toContain("listed-but-missing.csv: listed but missing");
  });

  it("finds the pages in the fixture that share a title or have none", () => {
    expect(checkTitles(BROKEN).map((b) => `${b.href}: ${b.reason}`)).toEqual([
      "untitled.html: no title",
      'index.html: title "Deliberately broken page" is shared with 1 other page(s)',
      'same-title.html: title "Deliberately broken page" is shared with 1 other page(s)',
    ]);
  });

  it("every built page has a title of its own", () => {
    expect(checkTitles(DIST)).toEqual([]);
  });

  it("every internal link and anchor of the built site resolves", () => {
    expect(checkLinks(DIST)).toEqual([]);
  });

  it("every download listed in datapackage.json exists with its declared size and hash", () => {
    expect(checkDownloads(DIST)).toEqual([]);
  });
});

describe("one value per measure and key (the measure gate)", () => {
  it("finds a measure shown with two values, a hidden figure shown elsewhere, and an unknown id in the fixture", () => {
    const result = checkMeasures(MEASURE_CONFLICT);
    expect(result.ok).toBe(false);
    expect(result.files).toBe(3);
    expect(result.conflicts.map((c) => `${c.measure} ${c.key}`)).toEqual(["leros-evaluating all", "stigma-at-gp all", "stigma-met-sometimes GP"]);
    const gp = result.conflicts.find((c) => c.measure === "stigma-met-sometimes")!;
    expect(gp.message).toBe('Measure stigma-met-sometimes, key "GP", shows 2 different values: "81%" on index.html; "42%" on stigma.html. Take the figure from the registry (measureValue) on every page, or give the other number its own measure.');
    expect(result.conflicts.find((c) => c.measure === "leros-evaluating")!.message).toContain('"[c]" on embed/headline.html');
    expect(result.conflicts.find((c) => c.measure === "stigma-at-gp")!.message).toMatch(/is not in src\/lib\/measures.ts/);
  });

  it("reads one value written two ways as one, and a symbol beside a number as two", () => {
    expect(sameValue("42%", "42.0%")).toBe(true);
    expect(sameValue("71%", "71.4%")).toBe(true);
    expect(sameValue("1,200", "1200")).toBe(true);
    expect(sameValue("+8.6", "8.6")).toBe(true);
    expect(sameValue("−1.5", "1.5")).toBe(false);
    expect(sameValue("48%", "46.1%")).toBe(false);
    expect(sameValue("[c]", "42%")).toBe(false);
    expect(sameValue("[c]", "[c]")).toBe(true);
    expect(measureConflicts([])).toEqual([]);
  });

  it("finds every measure shown with one value per key in the built site, and agreeing with the published tables", () => {
    const result = checkMeasures(DIST);
    expect(result.shown).toBeGreaterThan(10);
    expect(result.conflicts.map((c) => c.message)).toEqual([]);
  });
});

describe("reproducible build", () => {
  it("says which file differs between two folders", () => {
    const a = mkdtempSync(join(tmpdir(), "lero-repro-"));
    const b = mkdtempSync(join(tmpdir(), "lero-repro-"));
    cpSync(join(BROKEN, "data"), a, { recursive: true });
    cpSync(join(BROKEN, "data"), b, { recursive: true });
    expect(differingFiles(a, b)).toEqual([]);
    cpSync(join(BROKEN, "index.html"), join(b, "table.csv"));
    expect(differingFiles(a, b)).toEqual(["table.csv"]);
  });

  it("two clean builds of the same input publish identical data files", async () => {
    const first = mkdtempSync(join(tmpdir(), "lero-repro-"));
    cpSync(join(DIST, "data"), join(first, "data"), { recursive: true });
    cpSync(join(DIST, "_file"), join(first, "_file"), { recursive: true });
    const clean = await runTs("scripts/clean.ts");
    expect(clean.code).toBe(0);
    const build = await runTs("scripts/build.ts");
    expect(build.code, build.stderr).toBe(0);
    expect(differingFiles(join(first, "data"), join(DIST, "data"))).toEqual([]);
    expect(differingFiles(join(first, "_file"), join(DIST, "_file"))).toEqual([]);
  });
});
