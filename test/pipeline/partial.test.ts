/**
 * A data folder with only some of the datasets: the ones present are published, the absent ones are
 * left out of every file of the release (no microdata, no tables, not in datapackage.json), and a
 * folder with none of them stops with a message naming the files looked for. Sample files copied in
 * beside real exports mark the release illustrative and the build says which files they are.
 */
import { copyFileSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { SAMPLE_DIR } from "../../loaders/data-dir.ts";
import { buildData, listPublished, summarise, type BuildReport, type PrivateBuildReport } from "../../loaders/pipeline/index.ts";
import { PipelineError } from "../../loaders/types.ts";

const env = { LERO_PSEUDONYM_KEY: "a-test-key-that-is-long-enough" };

function temp(): string {
  return mkdtempSync(join(tmpdir(), "lero-partial-"));
}

/** The sample's export with its last record left out: no longer the sample's file, as a real export would be. */
function realExport(dataset: string, dir: string): void {
  const text = readFileSync(join(SAMPLE_DIR, `${dataset}.csv`), "utf8");
  const ending = text.includes("\r\n") ? "\r\n" : "\n";
  const lines = text.split(ending);
  while (lines.at(-1) === "") lines.pop();
  writeFileSync(join(dir, `${dataset}.csv`), `${lines.slice(0, -1).join(ending)}${ending}`);
}

function copySample(dataset: string, dir: string): void {
  copyFileSync(join(SAMPLE_DIR, `${dataset}.csv`), join(dir, `${dataset}.csv`));
}

interface Package {
  resources: { path: string; lero: { dataset: string } }[];
  lero: { illustrative: boolean; datasets: string[]; sampleDatasets: string[] };
}

const datapackage = (out: string): Package => JSON.parse(readFileSync(join(out, "datapackage.json"), "utf8")) as Package;

describe("a data folder with only the stigma survey", () => {
  let out: string;
  let report: PrivateBuildReport;
  const logged: string[] = [];

  beforeAll(async () => {
    const dir = temp();
    realExport("stigma", dir);
    copyFileSync(join(SAMPLE_DIR, "stigma.mapping.json"), join(dir, "stigma.mapping.json"));
    out = join(temp(), "published");
    ({ report } = await buildData({ source: { dir, illustrative: false }, out, reviewDir: temp(), log: (line) => logged.push(line), env }));
  }, 240_000);

  it("publishes stigma alone: its microdata and tables, nothing from another dataset", async () => {
    const files = await listPublished(out);
    expect(files).toContain("stigma.parquet");
    expect(files).toContain("stigma.csv");
    for (const absent of ["outcomes", "audit", "standards", "workforce"]) {
      expect(files.filter((f) => f.startsWith(`${absent}.`) || f.startsWith(`aggregates/${absent}-`)), absent).toEqual([]);
    }
    const tables = files.filter((f) => f.startsWith("aggregates/")).map((f) => JSON.parse(readFileSync(join(out, f), "utf8")) as { dataset: string });
    expect(tables.length).toBeGreaterThan(5);
    expect(new Set(tables.map((t) => t.dataset))).toEqual(new Set(["stigma"]));
    expect(files).toContain("stories.json");
  });

  it("lists only stigma in datapackage.json and the build report, marked as real data", () => {
    const pkg = datapackage(out);
    expect(pkg.lero).toMatchObject({ illustrative: false, datasets: ["stigma"], sampleDatasets: [] });
    expect(new Set(pkg.resources.map((r) => r.lero.dataset))).toEqual(new Set(["stigma", "stories"]));
    const published = JSON.parse(readFileSync(join(out, "build-report.json"), "utf8")) as BuildReport;
    expect(Object.keys(published.datasets)).toEqual(["stigma"]);
    expect(published.illustrative).toBe(false);
    expect(report.intruder.microdata.map((m) => m.dataset)).toEqual(["stigma"]);
  });

  it("says which datasets were left out, and why", () => {
    expect(logged.join("\n")).toMatch(/so left out of the release .*: audit, standards, workforce, outcomes/);
    expect(summarise(report)).toMatch(/not yet collected \(left out\): audit, standards, workforce, outcomes/);
    expect(logged.join("\n")).not.toMatch(/sample/i);
  });
});

describe("a data folder with stigma and outcomes, stigma copied from the sample", () => {
  let out: string;
  let report: PrivateBuildReport;
  const logged: string[] = [];

  beforeAll(async () => {
    const dir = temp();
    copySample("stigma", dir);
    copyFileSync(join(SAMPLE_DIR, "stigma.mapping.json"), join(dir, "stigma.mapping.json"));
    realExport("outcomes", dir);
    out = join(temp(), "published");
    ({ report } = await buildData({ source: { dir, illustrative: false }, out, reviewDir: temp(), log: (line) => logged.push(line), env }));
  }, 240_000);

  it("publishes the two datasets and no other", async () => {
    const files = await listPublished(out);
    for (const name of ["stigma", "outcomes"]) expect(files).toContain(`${name}.parquet`);
    expect(datapackage(out).lero.datasets).toEqual(["stigma", "outcomes"]);
    expect(Object.keys(report.datasets)).toEqual(["stigma", "outcomes"]);
    expect(files.some((f) => /^aggregates\/(audit|standards|workforce)-/.test(f))).toBe(false);
  });

  it("marks the release illustrative, names the sample file and warns that real and sample data are mixed", () => {
    expect(datapackage(out).lero).toMatchObject({ illustrative: true, sampleDatasets: ["stigma"] });
    expect(report.illustrative).toBe(true);
    const text = logged.join("\n");
    expect(text).toMatch(/the bundled illustrative sample, not collected data: stigma\.csv \(stigma\)/);
    expect(text).toMatch(/WARNING: the folder mixes real exports \(outcomes\) with sample files/);
    expect(summarise(report)).toMatch(/WARNING: sample files published beside real data.*: stigma/);
    const pkg = JSON.parse(readFileSync(join(out, "datapackage.json"), "utf8")) as { description: string };
    expect(pkg.description).toMatch(/^ILLUSTRATIVE SAMPLE DATA/);
  });
});

describe("a data folder with no dataset", () => {
  it("stops with a message naming every file looked for, and writes nothing", async () => {
    const dir = temp();
    writeFileSync(join(dir, "notes.txt.bak"), "not an export");
    const out = join(temp(), "published");
    const failure = buildData({ source: { dir, illustrative: false }, out, reviewDir: temp(), log: () => {}, env });
    await expect(failure).rejects.toBeInstanceOf(PipelineError);
    await expect(failure).rejects.toThrow(/holds no export of any dataset, so there is nothing to publish[^]*audit: audit\.xlsx, audit\.csv[^]*outcomes: outcomes\.xlsx/);
    expect(existsSync(out)).toBe(false);
  });
});
