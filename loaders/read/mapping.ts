import { readFileSync } from "node:fs";
import type { TableSchema } from "../schema.ts";
import type { Cell, RawTable } from "../types.ts";
import { labelKey } from "./columns.ts";
import { formatError, sourceError } from "./errors.ts";

/** Export label → schema field name, or null to drop the column (tool metadata nobody needs). */
export type ColumnMapping = Record<string, string | null>;

/**
 * Reads a `<dataset>.mapping.json` file.
 *
 * @example { "Q5_1": "region", "IPAddress": null }
 */
export function loadMapping(path: string): ColumnMapping {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    throw sourceError(path, "the column mapping file cannot be read; check the path.", error);
  }
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (error) {
    throw formatError(path, `is not valid JSON (${(error as Error).message}); a mapping is an object such as {"Export column": "field_name", "Unwanted column": null}.`, error);
  }
  if (json === null || typeof json !== "object" || Array.isArray(json)) {
    throw formatError(path, 'must hold one JSON object such as {"Export column": "field_name", "Unwanted column": null}.');
  }
  const mapping: ColumnMapping = {};
  for (const [label, target] of Object.entries(json)) {
    if (target !== null && (typeof target !== "string" || target.trim() === "")) {
      throw formatError(
        path,
        `the entry ${JSON.stringify(label)} maps to ${JSON.stringify(target)}; each entry must map to a schema field name (a string) or to null to drop the column.`,
      );
    }
    mapping[label] = target === null ? null : target.trim();
  }
  return mapping;
}

/**
 * Renames export columns to schema field names and drops those mapped to null. A label is matched,
 * first to last, against the mapping, each field's name, title and `lero.aliases`, then the same
 * again with the column's question text; case and runs of spaces do not matter. Unmatched labels
 * stay as they are, for validation to report.
 */
export function applyMapping(table: RawTable, schema: TableSchema, mapping: ColumnMapping = {}): RawTable {
  const fieldNames = new Set(schema.fields.map((field) => field.name));
  const explicit = new Map<string, string | null>();
  for (const [label, target] of Object.entries(mapping)) {
    if (target !== null && !fieldNames.has(target)) {
      throw formatError(
        table.file,
        `the column mapping sends ${JSON.stringify(label)} to ${JSON.stringify(target)}, which is not a field of the ${schema.name} schema; use one of: ${[...fieldNames].join(", ")}.`,
      );
    }
    explicit.set(labelKey(label), target);
  }
  const known = new Map<string, string>();
  const remember = (text: string | undefined, name: string) => {
    if (text !== undefined && !known.has(labelKey(text))) known.set(labelKey(text), name);
  };
  for (const field of schema.fields) remember(field.name, field.name);
  for (const field of schema.fields) remember(field.title, field.name);
  for (const field of schema.fields) for (const alias of field.lero.aliases ?? []) remember(alias, field.name);

  const resolve = (text: string | null): string | null | undefined => {
    if (text === null) return undefined;
    const key = labelKey(text);
    if (explicit.has(key)) return explicit.get(key);
    return known.get(key);
  };
  const targets = table.labels.map((label, j) => {
    const byLabel = resolve(label);
    return byLabel !== undefined ? byLabel : resolve(table.questions[j] ?? null);
  });
  const keep = targets.flatMap((target, j) => (target === null ? [] : [j]));
  const labels = keep.map((j) => targets[j] ?? table.labels[j]!);
  const renamed = new Map(table.labels.map((label, j) => [label, targets[j]]));
  const pick = (row: Cell[]) => keep.map((j) => row[j] ?? null);
  const dropped = targets.flatMap((target, j) => (target === null ? [j] : []));
  return {
    ...table,
    labels,
    sourceLabels: keep.map((j) => table.sourceLabels[j] ?? table.labels[j]!),
    questions: keep.map((j) => table.questions[j] ?? null),
    rows: table.rows.map(pick),
    widths: table.widths.map((width) => width - dropped.filter((j) => j < width).length),
    metadata: table.metadata.flatMap((label) => {
      const target = renamed.get(label);
      return target === null ? [] : [target ?? label];
    }),
  };
}
