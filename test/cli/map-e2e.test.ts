/**
 * End to end: each sample dataset re-saved as Google Forms, Qualtrics, SurveyMonkey, Microsoft Forms
 * and REDCap write it; `map` drafts the mapping and `check` with it is clean, with no hand edits, and
 * accepts the same answers as the sample itself.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main } from "../../loaders/cli.ts";
import { loadPolicy } from "../../loaders/disclose/policy.ts";
import { applyMapping, loadMapping, readExport } from "../../loaders/read/index.ts";
import { referenceSets } from "../../loaders/reference.ts";
import { DATASETS, type Dataset } from "../../loaders/schema.ts";
import { validateTable } from "../../loaders/validate/index.ts";
import { resave, sampleRows, TOOLS, type SampleRows } from "../../scripts/sample/resave.ts";

const ROWS = 30;
const out = mkdtempSync(join(tmpdir(), "lero-map-e2e-"));
afterAll(() => rmSync(out, { recursive: true, force: true }));

function capture() {
  const lines: string[] = [];
  const err: string[] = [];
  return { io: { out: (t: string) => lines.push(t), err: (t: string) => err.push(t) }, lines, err };
}

const samples = new Map<Dataset, SampleRows>();
beforeAll(async () => {
  for (const dataset of DATASETS) samples.set(dataset, await sampleRows(dataset, ROWS));
}, 60_000);

/** The accepted records, without the fields a tool numbers itself (their values are the tool's, not the sample's). */
function answers(records: Record<string, unknown>[], dataset: Dataset): string[] {
  const own = dataset === "stigma" ? "respondent_id" : dataset === "audit" ? "response_id" : undefined;
  return records.map((record) => JSON.stringify(Object.entries(record).filter(([name]) => name !== own).sort(([a], [b]) => a.localeCompare(b)))).sort();
}

describe.each(TOOLS)("an export as %s writes it", (tool) => {
  it.each(DATASETS)("%s: map drafts a mapping with which check is clean and accepts the sample's answers", async (dataset) => {
    const sample = samples.get(dataset)!;
    const saved = await resave(sample, tool, join(out, tool, dataset));
    const mapped = capture();
    expect(await main(["map", dataset, saved.file], mapped.io), mapped.err.join("\n")).toBe(0);
    const mappingFile = join(out, tool, dataset, `${dataset}.mapping.json`);
    expect(existsSync(mappingFile)).toBe(true);
    // Keys are the export's headers exactly as written.
    const mapping = loadMapping(mappingFile);
    const raw = await readExport(saved.file);
    for (const label of raw.labels) expect(Object.keys(mapping)).toContain(label);
    expect(mapped.lines.join("\n")).toContain("Nothing to decide");

    const checked = capture();
    expect(await main(["check", dataset, saved.file, "--json"], checked.io)).toBe(0);
    const result = JSON.parse(checked.lines.join("")) as { valid: boolean; accepted: number; rejected: number; mapping: string };
    expect(result.valid).toBe(true);
    expect(result.mapping).toBe(mappingFile);

    // The same answers as the sample's own rows, field by field.
    const options = { references: referenceSets(), maxRejectedShare: loadPolicy().maxRejectedShare };
    const fromExport = validateTable(applyMapping(raw, sample.schema, mapping), sample.schema, options);
    const sampleTable = await sampleAsTable(sample);
    const fromSample = validateTable(sampleTable, sample.schema, options);
    expect(result.accepted).toBe(fromSample.records.length);
    expect(result.rejected).toBe(fromSample.rejected.length);
    expect(answers(fromExport.records, dataset)).toEqual(answers(fromSample.records, dataset));
  });
});

/** The sample's own rows that were re-saved, mapped as the sample is. */
async function sampleAsTable(sample: SampleRows) {
  const files: Record<Dataset, string> = { audit: "audit.xlsx", standards: "standards.csv", workforce: "workforce.csv", stigma: "stigma.csv", outcomes: "outcomes.csv" };
  const dir = join(import.meta.dirname, "..", "..", "data", "sample");
  const raw = await readExport(join(dir, files[sample.dataset]));
  const mappingFile = join(dir, `${sample.dataset}.mapping.json`);
  const table = applyMapping(raw, sample.schema, existsSync(mappingFile) ? loadMapping(mappingFile) : {});
  const keep = new Set(sample.rows);
  return {
    ...table,
    rows: table.rows.filter((_, i) => keep.has(i)),
    lines: table.lines.filter((_, i) => keep.has(i)),
    widths: table.widths.filter((_, i) => keep.has(i)),
  };
}

describe("what map says about the columns", () => {
  it("names a column of e-mail addresses as such, without printing any of them", async () => {
    const saved = await resave(samples.get("stigma")!, "google-forms", join(out, "named", "stigma"));
    const run = capture();
    expect(await main(["map", "stigma", saved.file], run.io)).toBe(0);
    const text = run.lines.join("\n");
    expect(text).toMatch(/"Email address" → left out: Google Forms metadata, not an answer; looks like email addresses, 30 values/);
    expect(text).not.toMatch(/@example\.org/);
    // No response ID in a Google Forms export, and no year column: a row ID and the year of its timestamps.
    const mapping = JSON.parse(readFileSync(join(out, "named", "stigma", "stigma.mapping.json"), "utf8"));
    expect(mapping.respondent_id).toEqual({ generate: "row" });
    expect(mapping.year).toEqual({ value: samples.get("stigma")!.year });
    expect(mapping["Email address"]).toBeNull();
    expect(text).toMatch(new RegExp(`year = \\{"value":${samples.get("stigma")!.year}\\}: the export has no year column; every date in "Timestamp" is in ${samples.get("stigma")!.year}`));
  });

  it("uses the tool's own response ID where there is one, and maps SurveyMonkey's spread multi-select question whole", async () => {
    const saved = await resave(samples.get("workforce")!, "surveymonkey", join(out, "monkey", "workforce"));
    expect(await main(["map", "workforce", saved.file], capture().io)).toBe(0);
    const mapping = JSON.parse(readFileSync(join(out, "monkey", "workforce", "workforce.mapping.json"), "utf8"));
    expect(mapping["Before this training, which of these had you done? (tick all that apply)"]).toBe("prior_research_experience");
    const stigma = await resave(samples.get("stigma")!, "surveymonkey", join(out, "monkey", "stigma"));
    expect(await main(["map", "stigma", stigma.file], capture().io)).toBe(0);
    const stigmaMapping = JSON.parse(readFileSync(join(out, "monkey", "stigma", "stigma.mapping.json"), "utf8"));
    expect(stigmaMapping["Respondent ID"]).toBe("respondent_id");
    expect(stigmaMapping["IP Address"]).toBeNull();
    expect(stigmaMapping.respondent_id).toBeUndefined();
  });

  it("asks where a column could be one of several fields, or none", async () => {
    const file = join(out, "ambiguous.csv");
    writeFileSync(
      file,
      "Response ID,Which part of the UK do you live in?,Which service is this about?,Enacted stigma,Age,Favourite colour,Survey year\nR1,London,GP,2,25–34,blue,2025\nR2,Wales,Police,3,35–44,green,2025\n",
    );
    const run = capture();
    expect(await main(["map", "stigma", file], run.io)).toBe(0);
    const text = run.lines.join("\n");
    expect(text).toMatch(/Questions for you \(\d+\)/);
    expect(text).toMatch(/Column 4 "Enacted stigma" could be enacted_1 \(score 0\.\d\d\) or enacted_2 \(score 0\.\d\d\) or enacted_3/);
    expect(text).toMatch(/Column 5 "Age" could be age_band \(score 0\.\d\d\)/);
    expect(text).toMatch(/Column 6 "Favourite colour" looks like short text, 2 values and matches no stigma field, so the draft leaves it out \(null\)/);
    const mapping = JSON.parse(readFileSync(join(out, "stigma.mapping.json"), "utf8"));
    expect(mapping["Survey year"]).toBe("year");
    expect(mapping["Favourite colour"]).toBeNull();
  });
});

describe("map refuses what it cannot do, writing nothing", () => {
  const folder = join(out, "bad");
  beforeAll(async () => {
    await resave(samples.get("workforce")!, "google-forms", folder);
  });
  const exportFile = () => join(folder, readdirSync(folder).find((name) => name.endsWith(".csv"))!);

  it("an unknown dataset", async () => {
    const run = capture();
    expect(await main(["map", "stigmas", exportFile()], run.io)).toBe(2);
    expect(run.err.join("\n")).toMatch(/Unknown dataset "stigmas"/);
    expect(existsSync(join(folder, "stigmas.mapping.json"))).toBe(false);
  });

  it("a file that is not there", async () => {
    const run = capture();
    expect(await main(["map", "workforce", join(folder, "missing.csv")], run.io)).toBe(1);
    expect(run.err.join("\n")).toMatch(/missing\.csv: no such file; check the path/);
    expect(readdirSync(folder).some((name) => name.endsWith(".mapping.json"))).toBe(false);
  });

  it("a mapping that is already there, unless --force", async () => {
    const target = join(folder, "workforce.mapping.json");
    writeFileSync(target, '{"kept": null}\n');
    const run = capture();
    expect(await main(["map", "workforce", exportFile()], run.io)).toBe(1);
    expect(run.err.join("\n")).toMatch(/workforce\.mapping\.json: a mapping is already there.*--force/);
    expect(readFileSync(target, "utf8")).toBe('{"kept": null}\n');
    expect(await main(["map", "workforce", exportFile(), "--force"], capture().io)).toBe(0);
    expect(JSON.parse(readFileSync(target, "utf8"))["Which training cohort were you in?"]).toBe("cohort");
    rmSync(target);
  });

  it("an export that matches nothing, naming the dataset it looks like", async () => {
    const run = capture();
    expect(await main(["map", "outcomes", exportFile()], run.io)).toBe(1);
    expect(run.err.join("\n")).toMatch(/none of its 27 columns matches a field of the outcomes data, so no mapping was written\. It looks more like the workforce data/);
    expect(existsSync(join(folder, "outcomes.mapping.json"))).toBe(false);
  });

  it("writes to --out when given", async () => {
    const target = join(out, "elsewhere.json");
    const run = capture();
    expect(await main(["map", "workforce", exportFile(), "--out", target], run.io)).toBe(0);
    expect(run.lines.join("\n")).toContain(`--mapping ${target}`);
    expect(existsSync(target)).toBe(true);
  });
});
