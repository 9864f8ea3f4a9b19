/**
 * Naming a column the way the export does: its number in the file as a person counts it (columns a
 * mapping leaves out still count) and its header as the export writes it, with the schema field it
 * gives in brackets when that differs.
 */
import type { RawTable } from "../types.ts";

/** What naming a column needs of a table: its header, not its rows. */
type Header = Pick<RawTable, "labels" | "sourceLabels" | "sourceColumns" | "added">;

/** The 1-based column of the export file that column `j` of the table comes from; undefined for a column the mapping adds. */
export function exportColumn(table: Header, j: number): number | undefined {
  const source = table.sourceColumns === undefined ? j : (table.sourceColumns[j] ?? j);
  return source < 0 ? undefined : source + 1;
}

/** The header of column `j` as the export writes it (before any mapping). */
export function exportHeader(table: Header, j: number): string {
  return table.sourceLabels[j] ?? table.labels[j] ?? "";
}

/**
 * `column 23 "Q5_1" (enacted_1)`; `column 7 "Region"` when the header is the field's name but for
 * case; `"year" (the constant 2026 the mapping sets)` for a column the mapping adds.
 */
export function nameColumn(table: Header, j: number, field?: string): string {
  const header = exportHeader(table, j).trim();
  const number = exportColumn(table, j);
  if (number === undefined) return `"${header}" (${table.added?.[header] ?? "added by the mapping"})`;
  const target = field ?? table.labels[j]?.trim();
  const bracket = target !== undefined && target !== "" && target.toLowerCase() !== header.toLowerCase() ? ` (${target})` : "";
  return `column ${number} ${header === "" ? "(no header)" : `"${header}"`}${bracket}`;
}
