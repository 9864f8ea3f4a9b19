import { readFileSync } from "node:fs";
import type { TableSchema } from "../schema.ts";
import type { Cell, RawTable } from "../types.ts";
import { labelKey } from "./columns.ts";
import { formatError, sourceError } from "./errors.ts";

/** A field the mapping fills with the same value on every row, e.g. `"year": {"value": 2026}`. */
export interface ConstantColumn {
  value: string | number | boolean;
}

/**
 * A field the mapping fills with an ID made from the row, for an export without a response ID:
 * `"respondent_id": {"generate": "row"}` gives `row-1`, `row-2`, … by data row, so the same file
 * always gives the same IDs. Like any identifier it is pseudonymised before anything is published.
 */
export interface GeneratedColumn {
  generate: "row";
}

/**
 * A column mapping. An entry whose value is a string or null is keyed by an export header: the
 * header's schema field, or null to leave the column out. An entry whose value is an object is keyed
 * by a schema field the export does not have: a constant (`{"value": 2026}`) or a generated row ID
 * (`{"generate": "row"}`).
 */
export type ColumnMapping = Record<string, string | null | ConstantColumn | GeneratedColumn>;

const MAPPING_EXAMPLE = '{"Export column": "field_name", "Unwanted column": null, "year": {"value": 2026}, "respondent_id": {"generate": "row"}}';

/**
 * Reads a `<dataset>.mapping.json` file.
 *
 * @example { "Q5_1": "region", "IPAddress": null, "year": { "value": 2026 } }
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
    throw formatError(path, `is not valid JSON (${(error as Error).message}); a mapping is an object such as ${MAPPING_EXAMPLE}.`, error);
  }
  if (json === null || typeof json !== "object" || Array.isArray(json)) {
    throw formatError(path, `must hold one JSON object such as ${MAPPING_EXAMPLE}.`);
  }
  const mapping: ColumnMapping = {};
  for (const [label, target] of Object.entries(json)) {
    if (target !== null && typeof target === "object" && !Array.isArray(target)) {
      mapping[label] = addedColumn(path, label, target as Record<string, unknown>);
      continue;
    }
    if (target !== null && (typeof target !== "string" || target.trim() === "")) {
      throw formatError(
        path,
        `the entry ${JSON.stringify(label)} maps to ${JSON.stringify(target)}; each entry must map an export column to a schema field name (a string) or to null to leave the column out, or give a field a constant ({"value": 2026}) or a generated row ID ({"generate": "row"}).`,
      );
    }
    mapping[label] = target === null ? null : target.trim();
  }
  return mapping;
}

function addedColumn(path: string, field: string, entry: Record<string, unknown>): ConstantColumn | GeneratedColumn {
  const keys = Object.keys(entry);
  if (keys.length === 1 && keys[0] === "value") {
    const value = entry.value;
    if (typeof value === "string" || typeof value === "boolean" || (typeof value === "number" && Number.isFinite(value))) return { value };
    throw formatError(path, `the entry ${JSON.stringify(field)} sets the constant ${JSON.stringify(value)}; a constant must be one text, number or true/false, such as {"value": 2026}.`);
  }
  if (keys.length === 1 && keys[0] === "generate") {
    if (entry.generate === "row") return { generate: "row" };
    throw formatError(path, `the entry ${JSON.stringify(field)} asks to generate ${JSON.stringify(entry.generate)}; the only ID that can be generated is {"generate": "row"} (row-1, row-2, … by the row's place in the export).`);
  }
  throw formatError(
    path,
    `the entry ${JSON.stringify(field)} is ${JSON.stringify(entry)}; an entry in braces must be either {"value": …} to give the field the same value on every row, or {"generate": "row"} to number the rows.`,
  );
}

function isAdded(target: ColumnMapping[string]): target is ConstantColumn | GeneratedColumn {
  return target !== null && typeof target === "object";
}

/** How a mapping-added column is made, in words for messages. */
function describeAdded(entry: ConstantColumn | GeneratedColumn): string {
  return "generate" in entry ? "the row ID the mapping generates (row-1, row-2, …)" : `the constant ${JSON.stringify(entry.value)} the mapping sets`;
}

/**
 * Renames export columns to schema field names and drops those mapped to null. A label is matched,
 * first to last, against the mapping, each field's name, title and `lero.aliases`, then the same
 * again with the column's question text; case and runs of spaces do not matter. Unmatched labels
 * stay as they are, for validation to report. `firstRow` is how many data rows come before `table`'s
 * when an export is mapped a batch at a time, so generated row IDs go on counting.
 */
export function applyMapping(table: RawTable, schema: TableSchema, mapping: ColumnMapping = {}, options: { firstRow?: number } = {}): RawTable {
  const firstRow = options.firstRow ?? 0;
  const fieldNames = new Set(schema.fields.map((field) => field.name));
  const explicit = new Map<string, string | null>();
  const added: [string, ConstantColumn | GeneratedColumn][] = [];
  for (const [label, target] of Object.entries(mapping)) {
    if (isAdded(target)) {
      if (!fieldNames.has(label)) {
        throw formatError(
          table.file,
          `the column mapping gives ${JSON.stringify(label)} ${describeAdded(target)}, but ${JSON.stringify(label)} is not a field of the ${schema.name} schema; use one of: ${[...fieldNames].join(", ")}.`,
        );
      }
      added.push([label, target]);
      continue;
    }
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
  const dropped = targets.flatMap((target, j) => (target === null ? [j] : []));
  const sourceColumns = table.sourceColumns ?? table.labels.map((_, j) => j);
  // Added columns come first, so a short record's missing cells are still the last ones.
  const makers = added.map(([, entry]) => ("generate" in entry ? (index: number) => `row-${firstRow + index + 1}` : () => String(entry.value)));
  const pick = (row: Cell[], index: number) => [...makers.map((make) => make(index)), ...keep.map((j) => row[j] ?? null)];
  const mapped: RawTable = {
    ...table,
    labels: [...added.map(([name]) => name), ...labels],
    sourceLabels: [...added.map(([name]) => name), ...keep.map((j) => table.sourceLabels[j] ?? table.labels[j]!)],
    sourceColumns: [...added.map(() => -1), ...keep.map((j) => sourceColumns[j] ?? j)],
    questions: [...added.map(() => null), ...keep.map((j) => table.questions[j] ?? null)],
    rows: table.rows.map(pick),
    widths: table.widths.map((width) => width + added.length - dropped.filter((j) => j < width).length),
    metadata: table.metadata.flatMap((label) => {
      const target = renamed.get(label);
      return target === null ? [] : [target ?? label];
    }),
  };
  if (added.length > 0) mapped.added = { ...table.added, ...Object.fromEntries(added.map(([name, entry]) => [name, describeAdded(entry)])) };
  return mapped;
}
