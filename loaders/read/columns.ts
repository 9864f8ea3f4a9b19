import type { Cell, ExportFormat, RawTable } from "../types.ts";
import type { Source } from "./source.ts";

/** One column of the normalised table and the physical export columns it is made from. */
export interface ColumnSpec {
  label: string;
  question: string | null;
  /** 0-based indices of the export's own columns, in order; most columns have exactly one. */
  sources: number[];
  /** Makes the cell from the source cells (in `sources` order); absent means "the one source cell". */
  merge?: (cells: Cell[]) => Cell;
}

/** What a format adapter decides about an export: how many header rows, and what each column is. */
export interface Adapted {
  format: ExportFormat;
  headerRows: number;
  columns: ColumnSpec[];
  metadata: string[];
  /** The tool's own columns that never hold an answer and are not personal (see `RawTable.toolColumns`). */
  toolColumns?: string[];
  listSeparator?: string;
  /** What a person should know about the export that does not stop it being read. */
  warnings?: string[];
}

/** Header text as a label: trimmed, with an empty cell as "". */
export function headerText(cell: Cell | undefined): string {
  return cell?.trim() ?? "";
}

/** Case and spacing do not matter when recognising a tool's own column names. */
export function labelKey(text: string): string {
  return text.trim().replace(/\s+/g, " ").toLowerCase();
}

/**
 * How many physical columns the export uses: the widest header row, less trailing columns that have
 * no header text and no data (what a trailing comma on every line leaves behind).
 */
export function usedColumns(records: readonly Cell[][], headerRows: number): number {
  const header = records.slice(0, headerRows);
  let count = Math.max(0, ...header.map((record) => record.length));
  const isBlankColumn = (j: number) => records.every((record) => isBlank(record[j]));
  while (count > 0 && isBlankColumn(count - 1)) count--;
  return count;
}

function isBlank(cell: Cell | undefined): boolean {
  return cell === undefined || cell === null || cell.trim() === "";
}

/** One column per physical column, labelled by the first header row, with question text from `questionRow`. */
export function oneToOneColumns(records: readonly Cell[][], headerRows = 1, questionRow?: number): ColumnSpec[] {
  const header = records[0] ?? [];
  const questions = questionRow === undefined ? undefined : records[questionRow];
  const count = usedColumns(records, headerRows);
  return Array.from({ length: count }, (_, j) => {
    const question = questions === undefined ? null : headerText(questions[j]);
    return { label: headerText(header[j]), question: question === "" ? null : question, sources: [j] };
  });
}

/** Turns the adapter's decisions and the source's data records into the shared RawTable. */
export function buildTable(source: Source, adapted: Adapted): RawTable {
  const { columns, headerRows } = adapted;
  const headerWidth = Math.max(0, ...source.records.slice(0, headerRows).map((record) => record.length));
  const firstSources = columns.map((column) => column.sources[0] ?? Number.POSITIVE_INFINITY);
  const rows: Cell[][] = [];
  const widths: number[] = [];
  // Most exports map column j to column j; their full-width records are then used as they are,
  // which halves the memory a million-row export needs.
  const identity = columns.every((column, j) => column.merge === undefined && column.sources.length === 1 && column.sources[0] === j);
  for (let i = headerRows; i < source.records.length; i++) {
    const record = source.records[i]!;
    rows.push(identity && record.length === columns.length ? record : columns.map((column) => cellOf(record, column)));
    widths.push(normalisedWidth(record, headerWidth, firstSources, source.ragged));
  }
  const labels = columns.map((column) => column.label);
  const table: RawTable = {
    file: source.file,
    format: adapted.format,
    encoding: source.encoding,
    headerRows,
    labels,
    sourceLabels: [...labels],
    sourceColumns: columns.map((column) => column.sources[0] ?? -1),
    questions: columns.map((column) => column.question),
    rows,
    lines: source.lines.slice(headerRows),
    widths,
    metadata: adapted.metadata,
  };
  if (source.sheet !== undefined) table.sheet = source.sheet;
  if (source.delimiter !== undefined) table.delimiter = source.delimiter;
  if (adapted.toolColumns !== undefined && adapted.toolColumns.length > 0) table.toolColumns = adapted.toolColumns;
  if (adapted.listSeparator !== undefined) table.listSeparator = adapted.listSeparator;
  if (adapted.warnings !== undefined && adapted.warnings.length > 0) table.warnings = adapted.warnings;
  return table;
}

function cellOf(record: readonly Cell[], column: ColumnSpec): Cell {
  if (column.merge === undefined) return record[column.sources[0] ?? -1] ?? null;
  return column.merge(column.sources.map((j) => record[j] ?? null));
}

/**
 * How many normalised cells the record really had. Empty cells beyond the header (a trailing comma)
 * and a wholly empty line do not count as short or long records: validation reports the latter as a
 * blank row instead.
 */
function normalisedWidth(record: readonly Cell[], headerWidth: number, firstSources: readonly number[], ragged: boolean): number {
  let width = record.length;
  while (width > headerWidth && record[width - 1] === null) width--;
  const blankLine = record.length <= 1 && (record[0] ?? null) === null;
  if (!ragged || blankLine) width = Math.max(width, headerWidth);
  const covered = Math.min(width, headerWidth);
  return firstSources.filter((first) => first < covered).length + Math.max(0, width - headerWidth);
}
