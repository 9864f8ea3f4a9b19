import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import iconv from "iconv-lite";
import { afterAll, describe, expect, it } from "vitest";
import { SAMPLE_DIR } from "../../loaders/data-dir.ts";
import { loadPolicy } from "../../loaders/disclose/policy.ts";
import { loadMapping, type ColumnMapping } from "../../loaders/read/index.ts";
import { referenceSets } from "../../loaders/reference.ts";
import { loadSchema, type Dataset } from "../../loaders/schema.ts";
import { checkExport, type ExportCheck } from "../../loaders/validate/index.ts";
import { draftMapping, readExport } from "../../loaders/read/index.ts";
import { readSource } from "../../loaders/read/source.ts";
import { resave, sampleRows, TOOLS } from "../../scripts/sample/resave.ts";

const dir = mkdtempSync(join(tmpdir(), "lero-stream-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const validate = { references: referenceSets(), maxRejectedShare: loadPolicy().maxRejectedShare };

/** What `check` reports from a result: every field but the records, which the batched path does not keep. */
function reported(result: ExportCheck) {
  const { records: _records, rows: _rows, ...validation } = result.validation;
  return { raw: { ...result.raw, rows: undefined, lines: undefined, widths: undefined }, table: { ...result.table, rows: undefined, lines: undefined, widths: undefined }, rows: result.rows, validation };
}

/** Checks `file` whole and in batches of `batchBytes`, expects the same report, and returns the batched one. */
async function bothWays(dataset: Dataset, file: string, options: { mapping?: ColumnMapping; batchBytes?: number; read?: { dictionary?: string } } = {}): Promise<ExportCheck> {
  const schema = loadSchema(dataset);
  const mapping = options.mapping ?? {};
  const read = options.read ?? {};
  const whole = await checkExport(file, schema, { mapping, validate, read, batchBytes: Number.POSITIVE_INFINITY });
  const batched = await checkExport(file, schema, { mapping, validate, read, batchBytes: options.batchBytes ?? 4096 });
  expect(whole.batches).toBe(1);
  // A workbook is read whole.
  if (!file.endsWith(".xlsx")) expect(batched.batches).toBeGreaterThan(1);
  expect(reported(batched)).toEqual(reported(whole));
  return batched;
}

function write(name: string, text: string | Buffer): string {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

const outcomes = readFileSync(join(SAMPLE_DIR, "outcomes.csv"), "utf8").split("\n");
const header = outcomes[0]!;
const body = outcomes.slice(1, 1201);

describe("checkExport: an export checked in batches reports what it does read whole", () => {
  it.each([
    ["standards", "standards.csv"],
    ["stigma", "stigma.csv"],
  ] as const)("the sample's %s export (%s)", async (dataset, name) => {
    const mappingFile = join(SAMPLE_DIR, `${dataset}.mapping.json`);
    const mapping = name === "stigma.csv" ? loadMapping(mappingFile) : {};
    const result = await bothWays(dataset, join(SAMPLE_DIR, name), { mapping, batchBytes: 16_384 });
    expect(result.validation.accepted).toBeGreaterThan(0);
  });

  it("the sample's Google Forms export (workforce.csv), its answers three times over", async () => {
    const text = readFileSync(join(SAMPLE_DIR, "workforce.csv"), "utf8");
    const answers = text.slice(text.indexOf("\n") + 1);
    const result = await bothWays("workforce", write("workforce.csv", text + answers + answers), { batchBytes: 2048 });
    expect(result.raw.format).toBe("google-forms");
    expect(result.validation.issues.some((issue) => issue.code === "duplicate-row")).toBe(true);
  });

  it("rows with problems, repeats and blank lines, wherever the batches are cut", async () => {
    const lines = [...body];
    lines[10] = lines[10]!.replace(/,Intake,/, ",Intake ,").replace(/,\d+$/, ",999");
    lines.splice(300, 0, "", ",,,,");
    lines.splice(700, 0, lines[20]!);
    // The same person and assessment as an earlier row, with a different score: a repeated key.
    lines.splice(900, 0, lines[30]!.replace(/,(\d+)$/, (_, n: string) => `,${Number(n) + 1}`));
    lines.push("", "");
    const file = write("problems.csv", [header, ...lines].join("\n"));
    for (const batchBytes of [1024, 3000, 10_000]) {
      const result = await bothWays("outcomes", file, { batchBytes });
      const codes = new Set(result.validation.issues.map((issue) => issue.code));
      expect([...codes].sort()).toEqual(["blank-row", "constraint-error", "duplicate-row", "primary-key"]);
    }
  });

  it("quoted cells with commas and line breaks, CR LF line ends and a byte order mark", async () => {
    const quoted = body.slice(0, 400).map((line, i) => (i % 7 === 3 ? line.replace(/,(Intake|3 months|6 months|12 months),/, ',"$1",').replace(/^([^,]+),/, '"$1",') : line));
    quoted[50] = quoted[50]!.replace(/,([^,]+),([^,]+),([^,]+)$/, ',"$1\r\nsplit","$2",$3');
    const file = write("quoted.csv", `\ufeff${[header, ...quoted].join("\r\n")}\r\n`);
    const result = await bothWays("outcomes", file, { batchBytes: 2048 });
    expect(result.raw.encoding).toBe("utf-8-bom");
    // The row after the answer with a line break starts a line further on.
    expect(result.validation.issues.some((issue) => issue.line === 52 && issue.code === "type-error")).toBe(true);
  });

  it("a Windows-1252 export", async () => {
    const file = write("cp1252.csv", iconv.encode([header, ...body.slice(0, 500)].join("\n").replaceAll("–", "-").replace("Intake", "Intaké"), "win1252"));
    const result = await bothWays("outcomes", file, { batchBytes: 2048 });
    expect(result.raw.encoding).toBe("windows-1252");
  });

  it("a mapping that renames, drops and adds columns: generated row IDs go on counting across batches", async () => {
    const renamed = header.replace("person_id", "Client").replace("region", "Area");
    const lines = body.slice(0, 500).map((line) => `${line},someone@example.org`);
    const file = write("mapped.csv", [`${renamed},Email`, ...lines].join("\n"));
    const mapping: ColumnMapping = { Client: "person_id", Area: "region", Email: null, assessment: "assessment" };
    const result = await bothWays("outcomes", file, { mapping, batchBytes: 2048 });
    expect(result.table.labels).toContain("person_id");
    expect(result.validation.accepted).toBe(500);
  });

  it("an unmatched column stops validation and is described from every batch", async () => {
    const lines = body.slice(0, 500).map((line, i) => `${line},person${i}@example.org`);
    const file = write("email.csv", [`${header},Contact`, ...lines].join("\n"));
    const result = await bothWays("outcomes", file, { batchBytes: 2048 });
    const extra = result.validation.issues.find((issue) => issue.code === "extra-label");
    expect(extra?.message).toContain("looks like email addresses, 500 values");
    expect(result.validation.read).toBe(0);
  });

  it("reads a file whose quotes are not where CSV puts them whole, as the reader does", async () => {
    const file = write("stray-quote.csv", [header, ...body.slice(0, 300).map((line, i) => (i === 5 ? line.replace(/,(\d+)$/, ',4"$1') : line))].join("\n"));
    const result = await checkExport(file, loadSchema("outcomes"), { validate, batchBytes: 2048 });
    expect(result.batches).toBe(1);
    expect(result.validation.read).toBe(300);
  });

  describe.each(TOOLS)("the sample re-saved as %s writes it, with the drafted mapping", (tool) => {
    it.each(["audit", "stigma", "outcomes"] as const)("%s", async (dataset) => {
      const saved = await resave(await sampleRows(dataset, 150), tool, join(dir, tool, dataset));
      const mapping = draftMapping(await readExport(saved.file), loadSchema(dataset)).mapping;
      const result = await bothWays(dataset, saved.file, { mapping, batchBytes: 1024 });
      expect(result.validation.valid).toBe(true);
    });
  });

  it("a SurveyMonkey checkbox column with another answer far down is no longer a checkbox group, as read whole", async () => {
    const saved = await resave(await sampleRows("audit", 150), "surveymonkey", join(dir, "monkey-other", "audit"));
    const { records } = await readSource(saved.file);
    const options = records[1]!;
    const last = records.length - 1;
    const column = options.findIndex((option, j) => option !== null && option.trim() !== "" && records.slice(2).some((r) => r[j] === option));
    expect(column).toBeGreaterThan(0);
    records[last]![column] = "Something else";
    const quote = (cell: string | null) => (cell === null ? "" : `"${cell.replaceAll('"', '""')}"`);
    const file = write("monkey-other.csv", `${records.map((r) => r.map(quote).join(",")).join("\n")}\n`);
    const mapping = draftMapping(await readExport(saved.file), loadSchema("audit")).mapping;
    const before = await bothWays("audit", saved.file, { mapping, batchBytes: 1024 });
    const after = await bothWays("audit", file, { mapping, batchBytes: 1024 });
    expect(after.raw.labels).not.toEqual(before.raw.labels);
  });
});
