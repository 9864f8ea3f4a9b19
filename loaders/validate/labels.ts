/**
 * Matches a table's column labels to schema fields. A label matches a field by its name (exactly,
 * then without regard to case) or by one of its `lero.aliases`; labels listed in `lero.drop`, and
 * the columns the reader knows as the tool's own (`table.toolColumns`) that no field claims or
 * whose field another column gives, are discarded; any other label is an `extra-label` error, because a column the schema does not
 * classify has no disclosure role (DESIGN.md §5: the world is closed).
 */
import type { TableSchema } from "../schema.ts";
import { describeLook, lookOf } from "../read/looks.ts";
import type { Cell, Issue, RawTable, Severity } from "../types.ts";
import { exportColumn, exportHeader, nameColumn } from "./where.ts";

export interface LabelMatch {
  /** For each schema field, in schema order, the 0-based column index in `table.labels`, or -1. */
  fieldColumns: number[];
  /** The labels of the columns dropped because `lero.drop` lists them, in column order. */
  dropped: string[];
  /** Label issues: blank, duplicate, extra and missing labels. */
  issues: Issue[];
}

/** The `line` reported for label issues: labels are read from the first line of the export. */
export const LABEL_LINE = 1;

/**
 * @param columnCells every cell of a column (by 0-based index), to say what an unmatched column looks
 *   like; by default from `table.rows`
 */
export function matchLabels(
  table: Omit<RawTable, "rows" | "lines" | "widths"> & { rows?: RawTable["rows"] },
  schema: TableSchema,
  schemaFile: string,
  columnCells: (column: number) => Iterable<Cell> = (column) => (table.rows ?? []).map((row) => row[column] ?? null),
): LabelMatch {
  const exact = new Map<string, number>();
  const loose = new Map<string, number>();
  schema.fields.forEach((field, index) => {
    exact.set(field.name, index);
    loose.set(field.name.trim().toLowerCase(), index);
  });
  schema.fields.forEach((field, index) => {
    for (const alias of field.lero.aliases ?? []) {
      const key = alias.trim().toLowerCase();
      if (!loose.has(key)) loose.set(key, index);
    }
  });
  const drop = new Set((schema.lero.drop ?? []).map((label) => label.trim().toLowerCase()));
  const toolColumns = new Set((table.toolColumns ?? []).map((label) => label.trim()));
  // By the export's own header: a mapping (or a field's alias) may have renamed the column.
  const isTool = (column: number) => toolColumns.has((table.sourceLabels[column] ?? table.labels[column] ?? "").trim());
  const metadata = new Set(table.metadata.map((label) => label.trim().toLowerCase()));
  const mappingFile = `${schema.name}.mapping.json`;

  const fieldColumns = schema.fields.map(() => -1);
  const dropped: string[] = [];
  const issues: Issue[] = [];
  const issue = (code: Issue["code"], severity: Severity, message: string, column: number | undefined, field: string, value?: string) => {
    const found: Issue = { code, severity, message, file: table.file };
    if (table.sheet !== undefined) found.sheet = table.sheet;
    found.line = LABEL_LINE;
    if (column !== undefined) {
      const number = exportColumn(table, column);
      if (number !== undefined) found.column = number;
      found.label = exportHeader(table, column);
    }
    found.field = field;
    if (value !== undefined) found.value = value;
    issues.push(found);
  };
  const looks = (column: number) => describeLook(lookOf(columnCells(column)));

  table.labels.forEach((label, column) => {
    const trimmed = label.trim();
    const header = exportHeader(table, column).trim();
    if (trimmed === "") {
      issue(
        "blank-label",
        "error",
        `${capital(nameColumn(table, column))} has no header, so it cannot be matched to a field (it ${looks(column)}). If it holds nothing you need, add "": null to ${mappingFile} to leave out the columns without a header; otherwise give it a header in the export and map that header to a field.`,
        column,
        label,
        label,
      );
      return;
    }
    const index = exact.get(trimmed) ?? loose.get(trimmed.toLowerCase());
    if (index === undefined) {
      if (drop.has(trimmed.toLowerCase()) || isTool(column)) {
        dropped.push(label);
        return;
      }
      const tool = metadata.has(trimmed.toLowerCase()) ? " The survey tool marks it as its own metadata, which may hold personal data." : "";
      issue(
        "extra-label",
        "error",
        `${capital(nameColumn(table, column))} is not a field of the ${schema.name} data, so nothing says whether it may be published (it ${looks(column)}).${tool} To leave it out, add ${JSON.stringify(header)}: null to ${mappingFile}. If it holds answers the release needs, map it to a field instead (${JSON.stringify(header)}: "field_name"), or ask a developer to add a field with a disclosure role to ${schemaFile}.`,
        column,
        label,
        label,
      );
      return;
    }
    const field = schema.fields[index]!;
    const earlier = fieldColumns[index]!;
    // A tool's own column that shares a field's name (ODK Central's "Status", REDCap's record_id)
    // gives way to the form's own column for that field.
    if (earlier >= 0 && isTool(column)) {
      dropped.push(exportHeader(table, column));
      return;
    }
    if (earlier >= 0 && isTool(earlier)) {
      dropped.push(exportHeader(table, earlier));
      fieldColumns[index] = column;
      return;
    }
    if (earlier >= 0) {
      issue(
        "duplicate-label",
        "error",
        `${capital(nameColumn(table, column, field.name))} and ${nameColumn(table, earlier, field.name)} both give field "${field.name}": keep one. To leave this one out, add ${JSON.stringify(header)}: null to ${mappingFile}.`,
        column,
        field.name,
        label,
      );
      return;
    }
    fieldColumns[index] = column;
  });

  const keyFields = new Set(schema.primaryKey ?? []);
  schema.fields.forEach((field, index) => {
    if (fieldColumns[index]! >= 0) return;
    const required = field.constraints?.required === true || keyFields.has(field.name);
    // Short aliases only: a question's whole text is no help in a one-line message.
    const short = (field.lero.aliases ?? []).filter((alias) => alias.length <= 30);
    const aliases = short.length > 0 ? ` (a column headed ${short.map((a) => `"${a}"`).join(" or ")} is used without one)` : "";
    issue(
      "missing-label",
      required ? "error" : "warning",
      `No column gives field "${field.name}"${required ? ", which is required" : "; its values will be empty"}. Find the export column that holds it (lero-evidence inspect lists every header) and add "<its header>": "${field.name}" to ${mappingFile}${aliases}; if every row has the same value, add "${field.name}": {"value": …} instead.`,
      undefined,
      field.name,
    );
  });
  return { fieldColumns, dropped, issues };
}

function capital(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
