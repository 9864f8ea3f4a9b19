import { readFileSync } from "node:fs";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { readExport } from "../../loaders/read/index.ts";
import { PipelineError, type RawTable } from "../../loaders/types.ts";
import { EXPORTS, tempFolder } from "./helpers.ts";

/** mulberry32: a small seeded generator, so a failing case can be replayed from its number. */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const folder = tempFolder("fuzz");
const CSV_FIXTURES = [
  "qualtrics/sample.csv",
  "qualtrics/sample_legacy.csv",
  "surveymonkey/synthetic-two-header.csv",
  "google-forms/jupyter-2016-education-survey.csv",
  "redcap/simple/data.csv",
].map((path) => readFileSync(join(EXPORTS, path)));

async function workbookBytes(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("Sheet1");
  sheet.addRow(["ID", "Start time", "Completion time", "Email", "Name", "Question"]);
  for (let i = 1; i <= 20; i++) sheet.addRow([i, new Date(Date.UTC(2025, 0, i)), new Date(Date.UTC(2025, 0, i, 1)), "anonymous", null, `answer ${i};`]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

type Generator = (random: () => number, xlsx: Buffer) => { name: string; bytes: Uint8Array };

const pick = <T>(random: () => number, items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
const int = (random: () => number, max: number) => Math.floor(random() * max);
const randomBytes = (random: () => number, length: number) => Uint8Array.from({ length }, () => int(random, 256));

function mutateText(random: () => number, text: string, alphabet: readonly string[], times: number): string {
  let out = text;
  for (let k = 0; k < times; k++) {
    const at = int(random, out.length + 1);
    const choice = random();
    if (choice < 0.4) out = out.slice(0, at) + pick(random, alphabet) + out.slice(at);
    else if (choice < 0.7) out = out.slice(0, at) + out.slice(at + 1 + int(random, 5));
    else out = out.slice(0, at) + pick(random, alphabet) + out.slice(at + 1);
  }
  return out;
}

function randomCsv(random: () => number): string {
  const delimiter = pick(random, [",", ";", "\t", "|"]);
  const columns = 1 + int(random, 8);
  const rows = int(random, 12);
  const cell = () => pick(random, ["", "x", "1", "2.5", '"quoted, cell"', '"multi\nline"', '"a ""quote"""', "café", "  ", "=1+1", "a;b", "Timestamp", "record_id", "x___1"]);
  const lines = Array.from({ length: rows + 1 }, () => Array.from({ length: Math.max(1, columns + int(random, 3) - 1) }, cell).join(delimiter));
  return lines.join(pick(random, ["\n", "\r\n", "\r"]));
}

const generators: Generator[] = [
  (random) => {
    const source = pick(random, CSV_FIXTURES);
    return { name: "truncated fixture", bytes: source.subarray(0, int(random, source.length + 1)) };
  },
  (random) => ({ name: "random bytes", bytes: randomBytes(random, int(random, 2000)) }),
  (random) => {
    const text = pick(random, CSV_FIXTURES).toString("utf8");
    const to = pick(random, [";", "\t", "|"]);
    return { name: "wrong delimiter on some lines", bytes: Buffer.from(text.split("\n").map((line) => (random() < 0.5 ? line.replaceAll(",", to) : line)).join("\n")) };
  },
  (random) => ({ name: "unbalanced quotes", bytes: Buffer.from(mutateText(random, pick(random, CSV_FIXTURES).toString("utf8"), ['"'], 1 + int(random, 4))) }),
  (random) => {
    const [header = "", ...rest] = pick(random, CSV_FIXTURES).toString("utf8").split("\n");
    const cells = header.split(",");
    const variant = random();
    const changed = variant < 0.33 ? [...cells, ...cells.slice(0, 3)] : variant < 0.66 ? cells.map((c) => (random() < 0.3 ? "" : c)) : cells.slice(0, int(random, cells.length));
    return { name: "duplicated or missing headers", bytes: Buffer.from([changed.join(","), ...rest].join("\n")) };
  },
  (random) => {
    const huge = pick(random, ["x", "é", "a,b", '"']).repeat(1 << 20);
    const quoted = `"${huge.replaceAll('"', '""')}"`;
    return { name: "1 MB cell", bytes: Buffer.from(`id,text\n1,${random() < 0.5 ? quoted : huge}\n2,short\n`) };
  },
  (random) => {
    const bytes = Buffer.from(pick(random, CSV_FIXTURES));
    for (let k = 0; k < 1 + int(random, 3); k++) bytes[int(random, bytes.length)] = 0;
    return { name: "NUL bytes", bytes };
  },
  (random) => {
    const text = pick(random, CSV_FIXTURES);
    const parts: Buffer[] = [];
    let at = 0;
    while (at < text.length) {
      const next = Math.min(text.length, at + 1 + int(random, 300));
      parts.push(text.subarray(at, next), Buffer.from([pick(random, [0xe9, 0x80, 0xa3, 0xc3, 0xff])]));
      at = next;
    }
    return { name: "mixed encodings", bytes: Buffer.concat(parts) };
  },
  (random) => ({ name: "zip-looking junk", bytes: Buffer.concat([Buffer.from("PK\x03\x04"), randomBytes(random, int(random, 3000))]) }),
  (random, xlsx) => {
    const bytes = Buffer.from(xlsx);
    for (let k = 0; k < 1 + int(random, 20); k++) bytes[int(random, bytes.length)] = int(random, 256);
    return { name: "damaged workbook", bytes };
  },
  (random, xlsx) => ({ name: "truncated workbook", bytes: xlsx.subarray(0, int(random, xlsx.length)) }),
  (random) => ({ name: "random CSV", bytes: Buffer.from(randomCsv(random)) }),
  (random) => ({
    name: "mutated fixture",
    bytes: Buffer.from(mutateText(random, pick(random, CSV_FIXTURES).toString("utf8"), [",", ";", "\t", '"', "\n", "\r", "\r\n", "x", "\u00e9", "\uFEFF", "\u0001"], 1 + int(random, 30))),
  }),
];

function checkTable(table: RawTable): string | undefined {
  const width = table.labels.length;
  if (table.sourceLabels.length !== width || table.questions.length !== width) return "labels, sourceLabels and questions differ in length";
  if (table.lines.length !== table.rows.length || table.widths.length !== table.rows.length) return "lines or widths do not match rows";
  const bad = table.rows.findIndex((row) => row.length !== width);
  if (bad >= 0) return `row ${bad + 1} has ${table.rows[bad]!.length} cells, not ${width}`;
  if (!table.rows.every((row) => row.every((cell) => cell === null || typeof cell === "string"))) return "a cell is not text or null";
  if (!table.lines.every((line, i) => Number.isInteger(line) && line >= 1 && (i === 0 || line > table.lines[i - 1]!))) return "lines do not increase";
  return undefined;
}

describe("fuzzing the readers with malformed exports", () => {
  it("returns a well-formed table or throws a PipelineError that names the file, for 260 inputs", { timeout: 120_000 }, async () => {
    const xlsx = await workbookBytes();
    const random = prng(20250311);
    const failures: string[] = [];
    const outcomes = { table: 0, error: 0 };
    for (let n = 0; n < 260; n++) {
      const generator = generators[n % generators.length]!;
      const { name, bytes } = generator(random, xlsx);
      const file = folder.write(`case-${n}${random() < 0.5 ? ".csv" : ".xlsx"}`, bytes);
      try {
        const problem = checkTable(await readExport(file));
        if (problem !== undefined) failures.push(`case ${n} (${name}): ${problem}`);
        outcomes.table++;
      } catch (error) {
        outcomes.error++;
        if (!(error instanceof PipelineError)) failures.push(`case ${n} (${name}): threw ${String(error)}`);
        else if (error.message.trim() === "" || !error.message.includes(file)) failures.push(`case ${n} (${name}): message does not name the file: ${error.message}`);
      }
    }
    expect(failures).toEqual([]);
    expect(outcomes.table).toBeGreaterThan(50);
    expect(outcomes.error).toBeGreaterThan(50);
  });
});
