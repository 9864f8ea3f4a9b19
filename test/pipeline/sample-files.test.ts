/**
 * Sample files in a data folder: the bundled sample's file copied in (the same bytes) or re-saved (the
 * same cells, another line ending or another format) is found; a real export is not, even one that
 * differs from the sample by a single row.
 */
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { SAMPLE_DIR } from "../../loaders/data-dir.ts";
import { locateExports } from "../../loaders/pipeline/locate.ts";
import { describeSampleFiles, findSampleFiles } from "../../loaders/pipeline/sample-files.ts";
import { DATASETS } from "../../loaders/schema.ts";

function temp(): string {
  return mkdtempSync(join(tmpdir(), "lero-sample-files-"));
}

describe("findSampleFiles", () => {
  it("finds a sample file copied in byte for byte", async () => {
    const dir = temp();
    copyFileSync(join(SAMPLE_DIR, "workforce.csv"), join(dir, "workforce.csv"));
    const exports = locateExports(dir, DATASETS);
    expect(await findSampleFiles(exports)).toEqual([{ dataset: "workforce", file: join(dir, "workforce.csv"), sample: join(SAMPLE_DIR, "workforce.csv"), match: "bytes" }]);
  });

  it("finds a sample file re-saved with other line endings and a byte-order mark", async () => {
    const dir = temp();
    const text = readFileSync(join(SAMPLE_DIR, "workforce.csv"), "utf8").replace(/\r?\n/g, "\r\n");
    writeFileSync(join(dir, "workforce.csv"), `\uFEFF${text}`);
    const found = await findSampleFiles(locateExports(dir, DATASETS));
    expect(found.map((f) => [f.dataset, f.match])).toEqual([["workforce", "content"]]);
  });

  it("finds the XLSX sample saved as CSV under the dataset's name", async () => {
    const dir = temp();
    const { readExport } = await import("../../loaders/read/index.ts");
    const table = await readExport(join(SAMPLE_DIR, "audit.xlsx"));
    const quote = (cell: unknown) => `"${(cell === null || cell === undefined ? "" : cell instanceof Date ? cell.toISOString() : String(cell)).replace(/"/g, '""')}"`;
    writeFileSync(join(dir, "audit.csv"), `${[table.labels, ...table.rows].map((row) => row.map(quote).join(",")).join("\n")}\n`);
    const found = await findSampleFiles(locateExports(dir, DATASETS));
    expect(found.map((f) => [f.dataset, f.match])).toEqual([["audit", "content"]]);
  });

  it("does not take a real export for the sample, even one row apart", async () => {
    const dir = temp();
    const lines = readFileSync(join(SAMPLE_DIR, "workforce.csv"), "utf8").trimEnd().split(/\r?\n/);
    writeFileSync(join(dir, "workforce.csv"), `${lines.slice(0, -1).join("\n")}\n`);
    writeFileSync(join(dir, "outcomes.csv"), "person_id,assessment\nA1,Intake\n");
    expect(await findSampleFiles(locateExports(dir, DATASETS))).toEqual([]);
  });

  it("describes what it found: the files, and a warning when real exports sit beside them", async () => {
    const dir = temp();
    copyFileSync(join(SAMPLE_DIR, "workforce.csv"), join(dir, "workforce.csv"));
    const alone = locateExports(dir, DATASETS);
    const onlySample = describeSampleFiles(await findSampleFiles(alone), alone);
    expect(onlySample).toEqual(["This file is the bundled illustrative sample, not collected data: workforce.csv (workforce).", "The release is marked illustrative, and every page says so."]);
    writeFileSync(join(dir, "outcomes.csv"), "person_id,assessment\nA1,Intake\n");
    const mixed = locateExports(dir, DATASETS);
    const lines = describeSampleFiles(await findSampleFiles(mixed), mixed);
    expect(lines[1]).toMatch(/^WARNING: the folder mixes real exports \(outcomes\) with sample files\. The whole release is marked illustrative/);
    expect(lines[1]).toMatch(/remove the sample file: a dataset with no export is left out/);
    expect(describeSampleFiles([], mixed)).toEqual([]);
  });
});
