/**
 * Matches a table's column labels to schema fields. A label matches a field by its name (exactly,
 * then without regard to case) or by one of its `lero.aliases`; labels listed in `lero.drop` are
 * discarded; any other label is an `extra-label` error, because a column the schema does not
 * classify has no disclosure role (DESIGN.md §5: the world is closed).
 */
import type { TableSchema } from "../schema.ts";
import type { Issue, RawTable, Severity } from "../types.ts";

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

export function matchLabels(table: RawTable, schema: TableSchema, schemaFile: string): LabelMatch {
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
  const metadata = new Set(table.metadata.map((label) => label.trim().toLowerCase()));
  const mappingFile = `${schema.name}.mapping.json`;

  const fieldColumns = schema.fields.map(() => -1);
  const dropped: string[] = [];
  const issues: Issue[] = [];
  const issue = (code: Issue["code"], severity: Severity, message: string, column: number | undefined, field: string, value?: string) => {
    const found: Issue = { code, severity, message, file: table.file };
    if (table.sheet !== undefined) found.sheet = table.sheet;
    found.line = LABEL_LINE;
    if (column !== undefined) found.column = column + 1;
    found.field = field;
    if (value !== undefined) found.value = value;
    issues.push(found);
  };

  table.labels.forEach((label, column) => {
    const trimmed = label.trim();
    if (trimmed === "") {
      issue(
        "blank-label",
        "error",
        `Column ${column + 1} has no label, so it cannot be matched to a field: give it a header, or delete the column if it holds nothing.`,
        column,
        label,
        label,
      );
      return;
    }
    const index = exact.get(trimmed) ?? loose.get(trimmed.toLowerCase());
    if (index === undefined) {
      if (drop.has(trimmed.toLowerCase())) {
        dropped.push(label);
        return;
      }
      const tool = metadata.has(trimmed.toLowerCase()) ? " The export tool marks it as its own metadata, which may hold personal data." : "";
      issue(
        "extra-label",
        "error",
        `Column ${column + 1} "${trimmed}" has no disclosure role: it is neither a field of schema "${schema.name}" nor listed in its lero.drop.${tool} Add it to ${schemaFile} as a field with a lero.role, list it in lero.drop to discard it, or map it to a field in ${mappingFile}.`,
        column,
        label,
        label,
      );
      return;
    }
    const field = schema.fields[index]!;
    const earlier = fieldColumns[index]!;
    if (earlier >= 0) {
      issue(
        "duplicate-label",
        "error",
        `Column ${column + 1} "${trimmed}" and column ${earlier + 1} "${table.labels[earlier]!.trim()}" both match field "${field.name}": remove or rename one of them (or fix ${mappingFile}).`,
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
    const aliases = field.lero.aliases?.length ? ` (or one of its aliases: ${field.lero.aliases.map((a) => `"${a}"`).join(", ")})` : "";
    issue(
      "missing-label",
      required ? "error" : "warning",
      `No column matches field "${field.name}"${required ? ", which is required" : "; its values will be empty"}: add a column labelled "${field.name}"${aliases}, or map an export column to it in ${mappingFile}.`,
      undefined,
      field.name,
    );
  });
  return { fieldColumns, dropped, issues };
}
