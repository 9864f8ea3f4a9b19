import type { Field, TableSchema } from "../../loaders/schema.ts";
import type { Cell, RawTable } from "../../loaders/types.ts";

/**
 * A RawTable built by hand: labels on line 1, one record per line from line 2. A record shorter
 * than the labels is padded with null and keeps its real width, as readers do.
 */
export function table(labels: string[], records: Cell[][], extra: Partial<RawTable> = {}): RawTable {
  return {
    file: "audit.csv",
    format: "plain",
    encoding: "utf-8",
    delimiter: ",",
    headerRows: 1,
    labels,
    sourceLabels: labels,
    questions: labels.map(() => null),
    rows: records.map((cells) => (cells.length < labels.length ? [...cells, ...Array<Cell>(labels.length - cells.length).fill(null)] : cells)),
    lines: records.map((_, i) => i + 2),
    widths: records.map((cells) => cells.length),
    metadata: [],
    ...extra,
  };
}

export function field(name: string, type: Field["type"], more: Partial<Field> = {}): Field {
  return { name, type, lero: { role: "public" }, ...more };
}

export function schema(fields: Field[], more: Partial<TableSchema> = {}): TableSchema {
  return {
    name: "audit",
    title: "Audit",
    description: "Test schema",
    fields,
    lero: { unit: "a LERO in an audit wave", level: "organisation", publish: "microdata", sortKey: [] },
    ...more,
  };
}
