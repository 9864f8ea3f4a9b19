/**
 * A minimal reader for the sample exports, for the sample's own tests only: it maps export columns to
 * schema fields through each field's name and `lero.aliases`, the mapping file and `lero.drop`, so the
 * tests can check the sample against the schemas without depending on the pipeline's readers.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { parse } from "csv-parse/sync";
import type { TableSchema } from "../../loaders/schema.ts";

export interface SampleTable {
  labels: string[];
  /** Field name for each column, or null when the column is dropped. */
  fields: (string | null)[];
  /** Export labels no field, alias, mapping or drop accounts for. */
  unclassified: string[];
  rows: string[][];
  /** Physical line of each row. */
  lines: number[];
}

export const FORMATS: Record<string, { file: string; headerRows: number }> = {
  audit: { file: "audit.xlsx", headerRows: 1 },
  standards: { file: "standards.csv", headerRows: 1 },
  workforce: { file: "workforce.csv", headerRows: 1 },
  stigma: { file: "stigma.csv", headerRows: 3 },
  outcomes: { file: "outcomes.csv", headerRows: 1 },
};

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "object") return "text" in value ? String(value.text) : JSON.stringify(value);
  return String(value);
}

async function records(dir: string, file: string): Promise<string[][]> {
  const path = join(dir, file);
  if (file.endsWith(".xlsx")) {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(path) as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    if (ws === undefined) throw new Error(`${file} has no worksheet`);
    const out: string[][] = [];
    const width = ws.columnCount;
    ws.eachRow({ includeEmpty: false }, (row) => {
      out.push(Array.from({ length: width }, (_, j) => cellText(row.getCell(j + 1).value)));
    });
    return out;
  }
  return parse(readFileSync(path, "utf8"), { bom: true, relax_column_count: false }) as string[][];
}

export async function readSample(dir: string, dataset: string, schema: TableSchema): Promise<SampleTable> {
  const format = FORMATS[dataset];
  if (format === undefined) throw new Error(`no sample file for ${dataset}`);
  const all = await records(dir, format.file);
  const labels = all[0] ?? [];
  const mappingFile = join(dir, `${dataset}.mapping.json`);
  const mapping: Record<string, string | null> = existsSync(mappingFile) ? (JSON.parse(readFileSync(mappingFile, "utf8")) as Record<string, string | null>) : {};
  const byLabel = new Map<string, string>();
  for (const f of schema.fields) {
    byLabel.set(f.name, f.name);
    for (const a of f.lero.aliases ?? []) byLabel.set(a, f.name);
  }
  const drops = new Set((schema.lero.drop ?? []).map((d) => d.toLowerCase()));
  const unclassified: string[] = [];
  const fields = labels.map((label) => {
    if (label in mapping) return mapping[label] ?? null;
    const f = byLabel.get(label);
    if (f !== undefined) return f;
    if (drops.has(label.toLowerCase())) return null;
    unclassified.push(label);
    return null;
  });
  const rows = all.slice(format.headerRows);
  return { labels, fields, unclassified, rows, lines: rows.map((_, i) => i + format.headerRows + 1) };
}

/** Column index of a field. */
export function columnOf(table: SampleTable, field: string): number {
  return table.fields.indexOf(field);
}
