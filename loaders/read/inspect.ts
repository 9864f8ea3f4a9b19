import type { Cell, Encoding, ExportFormat } from "../types.ts";
import { describeLook, isPersonalLook, lookOf } from "./looks.ts";
import { readExport, type ReadOptions } from "./read.ts";

export interface InspectOptions extends ReadOptions {
  /** Show examples from columns that look like personal data (email addresses, phone numbers, names…). Off by default. */
  showValues?: boolean;
}

export type InferredType = "integer" | "number" | "boolean" | "date" | "datetime" | "string" | "empty";

export interface ColumnInspection {
  /** 1-based position in the normalised table. */
  index: number;
  /** 1-based column of the export file it comes from (its first, for a merged column). */
  exportColumn: number;
  label: string;
  question: string | null;
  inferredType: InferredType;
  /** Up to 3 distinct non-empty values, each cut to 40 characters; none when the column looks personal (unless asked). */
  examples: string[];
  /** What the column looks like it holds: "email addresses, 1,390 values". */
  looks: string;
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
  /** What the reader noticed that does not stop it, such as a REDCap export without its dictionary. */
  warnings: string[];
}

/**
 * What a person needs to write a column mapping for an export: its format and every column with
 * examples. A REDCap export whose dictionary is missing is still described, with a warning.
 */
export async function inspectExport(file: string, options: InspectOptions = {}): Promise<Inspection> {
  const table = await readExport(file, { withoutDictionary: true, ...options });
  const columns = table.labels.map((label, j): ColumnInspection => {
    const values = table.rows.map((row) => row[j] ?? null);
    const look = lookOf(values);
    const hide = options.showValues !== true && isPersonalLook(look);
    return {
      index: j + 1,
      exportColumn: (table.sourceColumns?.[j] ?? j) + 1,
      label,
      question: table.questions[j] ?? null,
      inferredType: inferType(values),
      examples: hide ? [] : examplesOf(values),
      looks: describeLook(look),
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
    warnings: table.warnings ?? [],
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
    ...inspection.warnings.map((warning) => `warning: ${warning}`),
    "",
  ];
  // Headers are printed whole: a mapping must repeat them exactly. "#" is the column of the export file.
  const header = ["#", "header", "type", "empty", "examples", "question"];
  const body = inspection.columns.map((column) => [
    String(column.exportColumn),
    column.label,
    column.inferredType,
    String(column.empty),
    column.examples.length > 0 ? column.examples.map((example) => JSON.stringify(example)).join(", ") : column.inferredType === "empty" ? "" : `(${column.looks.replace(/^looks like /, "")}; hidden)`,
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
