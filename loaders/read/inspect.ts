import type { Cell, Encoding, ExportFormat } from "../types.ts";
import { readExport, type ReadOptions } from "./read.ts";

export type InferredType = "integer" | "number" | "boolean" | "date" | "datetime" | "string" | "empty";

export interface ColumnInspection {
  /** 1-based position in the normalised table. */
  index: number;
  label: string;
  question: string | null;
  inferredType: InferredType;
  /** Up to 3 distinct non-empty values, each cut to 40 characters. */
  examples: string[];
  /** How many records have no value in this column. */
  empty: number;
}

export interface Inspection {
  file: string;
  format: ExportFormat;
  encoding: Encoding;
  delimiter?: string;
  headerRows: number;
  rowCount: number;
  metadata: string[];
  columns: ColumnInspection[];
}

/** What a person needs to write a column mapping for an export: its format and every column with examples. */
export async function inspectExport(file: string, options: ReadOptions = {}): Promise<Inspection> {
  const table = await readExport(file, options);
  const columns = table.labels.map((label, j): ColumnInspection => {
    const values = table.rows.map((row) => row[j] ?? null);
    return {
      index: j + 1,
      label,
      question: table.questions[j] ?? null,
      inferredType: inferType(values),
      examples: examplesOf(values),
      empty: values.filter(isEmpty).length,
    };
  });
  const inspection: Inspection = {
    file: table.file,
    format: table.format,
    encoding: table.encoding,
    headerRows: table.headerRows,
    rowCount: table.rows.length,
    metadata: table.metadata,
    columns,
  };
  if (table.delimiter !== undefined) inspection.delimiter = table.delimiter;
  return inspection;
}

function isEmpty(cell: Cell): cell is null {
  return cell === null || cell.trim() === "";
}

const TYPE_TESTS: [Exclude<InferredType, "string" | "empty">, RegExp][] = [
  ["integer", /^[+-]?\d+$/],
  ["number", /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/],
  ["boolean", /^(true|false)$/i],
  ["date", /^(\d{4}-\d{2}-\d{2}|\d{1,2}\/\d{1,2}\/\d{4})$/],
  ["datetime", /^(\d{4}-\d{2}-\d{2}[T ]|\d{1,2}\/\d{1,2}\/\d{4} )\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/],
];

/** The narrowest type every non-empty value fits; a mixture of dates and date-times is a date-time. */
export function inferType(values: readonly Cell[]): InferredType {
  const present = values.filter((value): value is string => !isEmpty(value)).map((value) => value.trim());
  if (present.length === 0) return "empty";
  for (const [type, pattern] of TYPE_TESTS) {
    if (present.every((value) => pattern.test(value))) return type;
  }
  const [, date] = TYPE_TESTS[3]!;
  const [, datetime] = TYPE_TESTS[4]!;
  if (present.every((value) => date.test(value) || datetime.test(value))) return "datetime";
  return "string";
}

function examplesOf(values: readonly Cell[]): string[] {
  const examples = new Set<string>();
  for (const value of values) {
    if (isEmpty(value)) continue;
    examples.add(cut(value.replace(/\s+/g, " ").trim(), 40));
    if (examples.size === 3) break;
  }
  return [...examples];
}

function cut(text: string, length: number): string {
  return text.length <= length ? text : `${text.slice(0, length - 1)}…`;
}

/** The inspection as a text table for the command line. */
export function formatInspection(inspection: Inspection): string {
  const delimiter = inspection.delimiter === undefined ? "" : `, delimiter ${JSON.stringify(inspection.delimiter)}`;
  const lines = [
    `${inspection.file}`,
    `format ${inspection.format} (${inspection.headerRows} header row${inspection.headerRows === 1 ? "" : "s"}), encoding ${inspection.encoding}${delimiter}`,
    `${inspection.rowCount} row${inspection.rowCount === 1 ? "" : "s"}, ${inspection.columns.length} column${inspection.columns.length === 1 ? "" : "s"}`,
    `tool metadata (personal or technical, not survey answers): ${inspection.metadata.length === 0 ? "none" : inspection.metadata.join(", ")}`,
    "",
  ];
  const header = ["#", "label", "type", "empty", "examples", "question"];
  const body = inspection.columns.map((column) => [
    String(column.index),
    cut(column.label, 32),
    column.inferredType,
    String(column.empty),
    column.examples.map((example) => JSON.stringify(example)).join(", "),
    column.question === null || column.question === column.label ? "" : cut(column.question.replace(/\s+/g, " "), 60),
  ]);
  const widths = header.map((title, k) => Math.max(title.length, ...body.map((cells) => cells[k]!.length)));
  const render = (cells: string[]) =>
    cells
      .map((cell, k) => (k === 0 || k === 3 ? cell.padStart(widths[k]!) : cell.padEnd(widths[k]!)))
      .join("  ")
      .trimEnd();
  lines.push(render(header), render(widths.map((width) => "-".repeat(width))), ...body.map(render));
  return `${lines.join("\n")}\n`;
}
