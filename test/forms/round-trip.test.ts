/**
 * Round trip: for each dataset and tool, the form `lero-evidence form` writes, filled in with the
 * sample's answers and exported as the tool exports it, passes `check` with no mapping file.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { main } from "../../loaders/cli.ts";
import { DATASETS, loadSchema, type Dataset } from "../../loaders/schema.ts";
import { planForm } from "../../loaders/forms/index.ts";
import { googleFormsExport, koboExport, odkCentralExport, readXlsForm, redcapExport, runFormScript, sampleRecords } from "./exports.ts";

const folder = mkdtempSync(join(tmpdir(), "lero-forms-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const ROWS = 40;

interface CheckResult {
  valid: boolean;
  format: string;
  accepted: number;
  rejected: number;
  mapping: string | null;
  leftOut: string[];
  dropped: string[];
  issues: { severity: string; code: string; message: string }[];
}

async function run(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

async function checkJson(dataset: Dataset, file: string): Promise<CheckResult> {
  const { out } = await run(["check", dataset, file, "--json"]);
  return JSON.parse(out) as CheckResult;
}

async function writeFormFile(dataset: Dataset, tool: string, name: string): Promise<string> {
  const dir = mkdtempSync(join(folder, `${dataset}-${tool}-`));
  const out = join(dir, name);
  const result = await run(["form", dataset, "--tool", tool, "--out", out]);
  expect(result.code, result.err).toBe(0);
  return out;
}

function expectClean(result: CheckResult, format: string) {
  const errors = result.issues.filter((issue) => issue.severity === "error");
  expect(errors.map((issue) => issue.message)).toEqual([]);
  expect(result.issues.map((issue) => issue.message)).toEqual([]);
  expect(result.mapping).toBeNull();
  expect(result).toMatchObject({ valid: true, accepted: ROWS, rejected: 0, leftOut: [] });
  expect(format).toBeTruthy();
}

describe.each(DATASETS.map((dataset) => [dataset]))("%s", (dataset) => {
  it("REDCap: the raw data export and the generated dictionary, under REDCap's own file names", async () => {
    const records = await sampleRecords(dataset, ROWS);
    const project = `Lero${dataset[0]!.toUpperCase()}${dataset.slice(1)}`;
    const dictionaryFile = await writeFormFile(dataset, "redcap", `${project}_DataDictionary_2026-03-01.csv`);
    const data = join(dictionaryFile, "..", `${project}_DATA_2026-03-01_1205.csv`);
    writeFileSync(data, redcapExport(readFileSync(dictionaryFile, "utf8"), records));
    const result = await checkJson(dataset, data);
    expectClean(result, "redcap");
    expect(result.dropped).toContain(`${dataset}_complete`);
  });

  it("XLSForm: ODK Central's CSV and KoboToolbox's XLSX of the form's submissions", async () => {
    const records = await sampleRecords(dataset, ROWS);
    const formFile = await writeFormFile(dataset, "xlsform", `${dataset}.xlsx`);
    const form = await readXlsForm(readFileSync(formFile));
    const central = join(formFile, "..", `lero_${dataset}.csv`);
    writeFileSync(central, odkCentralExport(form, records));
    const fromCentral = await checkJson(dataset, central);
    expectClean(fromCentral, "odk");
    expect(fromCentral.dropped).toEqual(expect.arrayContaining(["SubmissionDate", "start", "end", "meta-instanceID", "KEY"]));

    const kobo = join(formFile, "..", `lero_${dataset}_-_all_versions_-_False_-_2026-03-01-12-05-00.xlsx`);
    writeFileSync(kobo, await koboExport(form, records));
    const fromKobo = await checkJson(dataset, kobo);
    expectClean(fromKobo, "odk");
    expect(fromKobo.dropped).toEqual(expect.arrayContaining(["start", "end", "_uuid", "_submission_time", "_index"]));
  });

  it("Google Forms: the response sheet's CSV, with Timestamp, the question titles and the script's formula columns", async () => {
    const records = await sampleRecords(dataset, ROWS);
    const plan = planForm(loadSchema(dataset));
    const scriptFile = await writeFormFile(dataset, "google-forms", `${dataset}.gs`);
    const form = runFormScript(readFileSync(scriptFile, "utf8"));
    expect(form.items.map((item) => item.title)).toEqual(plan.questions.filter((q) => q.source === "answer").map((q) => q.title));
    const titles = new Map(plan.questions.map((question) => [question.title, question.name]));
    const computed = (title: string, record: Record<string, unknown>, row: number) => {
      const question = plan.questions.find((q) => q.title === title)!;
      return question.source === "record-id" ? `20260301120000-${row - 1}` : String(record[question.name]);
    };
    const file = join(scriptFile, "..", `${plan.title} (Responses) - Form responses 1.csv`);
    writeFileSync(file, googleFormsExport(form, titles, computed, records));
    const result = await checkJson(dataset, file);
    expectClean(result, "google-forms");
    expect(result.dropped).toContain("Timestamp");
  });
});
