/** `validateTable`: one pass over the rows with per-field casters compiled once. What it checks is in `index.ts`. */
import type { Field, ForeignKey, TableSchema } from "../schema.ts";
import type { Cell, Issue, IssueCode, RawTable, Severity, ValidationReport } from "../types.ts";
import { compileCaster, INVALID, type Caster } from "./cast.ts";
import { compileConstraints, type ConstraintCheck } from "./constraints.ts";
import { DuplicateRows } from "./duplicate-rows.ts";
import { KeyIndex } from "./key-index.ts";
import { matchLabels } from "./labels.ts";
import { recordFactory, type RecordFactory } from "./record.ts";
import { checkSchema, schemaFileOf } from "./schema-check.ts";
import { exportColumn, exportHeader } from "./where.ts";

export interface ValidateOptions {
  /**
   * The values each reference table holds, by resource name (`foreignKeys[].reference.resource`),
   * e.g. `{ regions: new Set(["E12000001", …]) }`. A composite key is held as its values joined
   * with `referenceKey`. A foreign key whose resource is absent here is not checked.
   */
  references?: Record<string, ReadonlySet<string>>;
  /** The largest share of rows that may be rejected before the table itself fails. Default 0.05. */
  maxRejectedShare?: number;
}

export interface RejectedRow {
  row: number;
  line: number;
  issues: Issue[];
}

export interface TableValidation extends ValidationReport {
  /** Accepted rows, typed, keyed by schema field name, with every schema field and nothing else. */
  records: Record<string, unknown>[];
  /** The `row` number of each accepted record. */
  rows: number[];
  rejected: RejectedRow[];
  /** Export labels dropped because the schema lists them in `lero.drop`. */
  dropped: string[];
  /** How many rows were accepted: `records.length`, or the count alone when the records were not kept. */
  accepted: number;
  /** Data records read: `accepted + rejected.length`. */
  read: number;
}

export const DEFAULT_MAX_REJECTED_SHARE = 0.05;

/** How a composite key's values are joined into one string, for foreign-key reference sets. */
export function referenceKey(values: readonly unknown[]): string {
  return values.map(String).join(KEY_SEPARATOR);
}

const KEY_SEPARATOR = "\u001f";

interface CompiledField {
  field: Field;
  name: string;
  /** Position in the schema, and so in the row's values. */
  position: number;
  /** 0-based column in the table, or -1 when no column matched. */
  column: number;
  required: boolean;
  caster: Caster;
  check: ConstraintCheck | undefined;
}

/** A primary key, a unique field or a unique set of fields, and the keys of the accepted rows. */
interface CompiledKey {
  kind: "primary" | "unique";
  fields: CompiledField[];
  index: KeyIndex;
}

/** A table's header: what a reader returns before its rows, so rows can be validated in batches. */
export type TableHeader = Omit<RawTable, "rows" | "lines" | "widths">;

/** Consecutive rows of a table, as `RawTable` holds them. */
export type RowBatch = Pick<RawTable, "rows" | "lines" | "widths">;

export interface BatchOptions extends ValidateOptions {
  /** How many rows are expected, to size the key and duplicate indexes once (they grow past it). */
  expectedRows?: number;
  /** Keep the accepted records (`records` and `rows`): true by default; `check` only counts them. */
  keepRecords?: boolean;
  /**
   * The cells of an earlier row, by its 0-based index in the table, for confirming a repeated
   * submission once that row's batch is gone. Needed when rows come in more than one batch.
   */
  cellsOf?: (index: number) => readonly Cell[];
  /** Every cell of a column, to say what an unmatched column looks like; by default from the table's rows. */
  columnCells?: (column: number) => Iterable<Cell>;
}

export function validateTable(table: RawTable, schema: TableSchema, options: ValidateOptions = {}): TableValidation {
  if (table.lines.length !== table.rows.length) {
    throw new Error(`${table.file}: the reader gave ${table.rows.length} rows but ${table.lines.length} line numbers; it must give one per row.`);
  }
  const validator = new TableValidator(table, schema, { ...options, expectedRows: table.rows.length, cellsOf: (index) => table.rows[index]! });
  validator.add(table);
  return validator.finish();
}

/**
 * `validateTable` a batch of rows at a time, with the same issues, positions and results: keys,
 * repeated rows and the rejected share are judged across all the batches. With `keepRecords: false`
 * it holds no accepted record, only their keys, so an export of any size is checked in bounded memory.
 */
export class TableValidator {
  private readonly maxShare: number;
  private readonly keepRecords: boolean;
  private readonly issues: Issue[] = [];
  private readonly records: Record<string, unknown>[] = [];
  /** The row number of each accepted row: kept either way, since a repeated key names the earlier row. */
  private readonly rowNumbers = new IntList();
  private readonly rejected: RejectedRow[] = [];
  /** The line of every row so far, for messages that point back at an earlier row. */
  private readonly lines = new IntList();
  private accepted = 0;
  private stop: TableValidation | undefined;
  private readonly fields: CompiledField[] = [];
  private readonly keys: CompiledKey[] = [];
  private readonly foreignKeys: { key: ForeignKey; references: ReadonlySet<string>; fields: CompiledField[] }[] = [];
  private readonly added: number = 0;
  private readonly duplicates: DuplicateRows | undefined;
  private readonly makeRecord: RecordFactory | undefined;
  private readonly dropped: string[] = [];

  constructor(
    private readonly table: TableHeader & { rows?: RawTable["rows"] },
    schema: TableSchema,
    options: BatchOptions = {},
  ) {
    const maxShare = options.maxRejectedShare ?? DEFAULT_MAX_REJECTED_SHARE;
    if (!(maxShare >= 0 && maxShare <= 1)) {
      throw new RangeError(`maxRejectedShare must be between 0 and 1, not ${String(options.maxRejectedShare)}.`);
    }
    this.maxShare = maxShare;
    this.keepRecords = options.keepRecords ?? true;
    const schemaFile = schemaFileOf(schema);
    const schemaIssues = checkSchema(schema, schemaFile);
    if (schemaIssues.length > 0) {
      this.stop = stopped(schemaIssues, []);
      return;
    }
    const labels = matchLabels(table, schema, schemaFile, options.columnCells);
    this.dropped = labels.dropped;
    if (labels.issues.some((issue) => issue.severity === "error")) {
      this.stop = stopped(labels.issues, labels.dropped);
      return;
    }
    const expected = options.expectedRows ?? 0;
    const keyFields = new Set(schema.primaryKey ?? []);
    const context = { listSeparator: table.listSeparator, missingValues: schema.missingValues };
    this.fields = schema.fields.map((field, index) => ({
      field,
      name: field.name,
      position: index,
      column: labels.fieldColumns[index]!,
      required: field.constraints?.required === true || keyFields.has(field.name),
      caster: compileCaster(field, context),
      check: compileConstraints(field, { schemaFile }),
    }));
    const byName = new Map(this.fields.map((f) => [f.name, f]));
    this.issues.push(...labels.issues);
    const cellsOf = options.cellsOf ?? (() => {
      throw new Error("TableValidator: rows came in more than one batch but no cellsOf was given to read an earlier row back.");
    });
    // Without the records, an accepted row's key is read again from its cells (only to confirm equal hashes).
    const keyOf = (record: number, position: number): unknown => {
      const f = this.fields[position]!;
      return f.caster.cast(cellsOf(this.rowNumbers.at(record) - 1)[f.column] ?? null);
    };
    const compileKey = (kind: CompiledKey["kind"], names: readonly string[]): CompiledKey => {
      const keyFieldList = names.map((name) => byName.get(name)!);
      const positions = keyFieldList.map((f) => f.position);
      return { kind, fields: keyFieldList, index: new KeyIndex(expected, names, positions, this.keepRecords ? this.records : keyOf) };
    };
    this.keys = [
      ...(schema.primaryKey !== undefined && schema.primaryKey.length > 0 ? [compileKey("primary", schema.primaryKey)] : []),
      ...this.fields.filter((f) => f.field.constraints?.unique === true).map((f) => compileKey("unique", [f.name])),
      ...(schema.uniqueKeys ?? []).map((names) => compileKey("unique", names)),
    ];
    this.foreignKeys = (schema.foreignKeys ?? []).flatMap((key) => {
      const references = options.references?.[key.reference.resource];
      return references === undefined ? [] : [{ key, references, fields: key.fields.map((name) => byName.get(name)!) }];
    });
    // Columns the mapping adds come first; they are not the export's, so they make no row blank or unique.
    while (table.sourceColumns !== undefined && table.sourceColumns[this.added] === -1) this.added++;
    this.duplicates = new DuplicateRows(cellsOf, expected, this.added);
    this.makeRecord = recordFactory(this.fields.map((f) => f.name));
  }

  /** Validates the next rows of the table. */
  add(batch: RowBatch): void {
    if (this.stop !== undefined) return;
    if (batch.lines.length !== batch.rows.length) {
      throw new Error(`${this.table.file}: the reader gave ${batch.rows.length} rows but ${batch.lines.length} line numbers; it must give one per row.`);
    }
    const { table, fields, keys, foreignKeys, added, issues, rejected, lines: lineOf } = this;
    const duplicates = this.duplicates!;
    const labelCount = table.labels.length;
    const values: unknown[] = new Array(fields.length);
    // Read once: a transpiled import can be a getter, and this runs for every cell.
    const invalid = INVALID;

    // One reporter for all rows, reading the current position, so a row costs no closure.
    let row = 0;
    let line = 0;
    const rowIssues: Issue[] = [];
    const report = (code: IssueCode, severity: Severity, message: string, column: number, field: string | undefined, value: Cell | undefined) => {
      const found: Issue = { code, severity, message, file: table.file };
      if (table.sheet !== undefined) found.sheet = table.sheet;
      found.line = line;
      found.row = row;
      if (column >= 0) {
        const number = exportColumn(table, column);
        if (number !== undefined) found.column = number;
        found.label = exportHeader(table, column);
      }
      if (field !== undefined) found.field = field;
      if (value !== undefined) found.value = value;
      rowIssues.push(found);
    };

    for (let i = 0; i < batch.rows.length; i++) {
      const cells = batch.rows[i]!;
      const index = lineOf.length;
      row = index + 1;
      line = batch.lines[i]!;
      lineOf.push(line);
      rowIssues.length = 0;

      if (isBlank(cells, added)) {
        report("blank-row", "warning", `Row ${row} is empty: it was skipped. Delete empty rows from the export to silence this.`, -1, undefined, undefined);
        rejected.push({ row, line, issues: rowIssues.slice() });
        issues.push(rowIssues[0]!);
        continue;
      }

      const width = batch.widths[i] ?? cells.length;
      if (width < labelCount) {
        const missing = labelCount - width;
        report(
          "missing-cell",
          "error",
          `Row ${row} ends early: it has no ${missing === 1 ? "cell for the last column" : `cells for the last ${missing} columns`}, so the row may be cut short or shifted (a line break inside an answer often does this). Check the row in the export.`,
          width,
          fieldOfColumn(fields, width) ?? table.labels[width],
          null,
        );
      } else if (width > labelCount) {
        report(
          "extra-cell",
          "error",
          `Row ${row} has more cells than the export has columns: a stray delimiter or an unlabelled column may have shifted the row. Check the row in the export.`,
          labelCount,
          undefined,
          cells[labelCount] ?? null,
        );
      }

      for (const f of fields) {
        if (f.column < 0 || f.column >= width) {
          values[f.position] = null;
          continue;
        }
        const cell = cells[f.column] ?? null;
        const value = f.caster.cast(cell);
        if (value === invalid) {
          report("type-error", "error", `Cannot read "${f.name}" (type ${f.field.type}): ${f.caster.reason}.`, f.column, f.name, cell);
          values[f.position] = null;
          continue;
        }
        if (value === null) {
          if (f.required) {
            report("constraint-error", "error", `"${f.name}" is required but this cell is empty: fill it in, or remove the row if it is not a real response.`, f.column, f.name, cell);
          }
          values[f.position] = null;
          continue;
        }
        if (f.check !== undefined) {
          const message = f.check(value);
          if (message !== undefined) report("constraint-error", "error", `The value ${message}.`, f.column, f.name, cell);
        }
        values[f.position] = value;
      }

      // A repeated submission would also repeat its key; report it once, as what it is.
      const earlier = duplicates.check(index, cells);
      if (earlier >= 0) {
        report(
          "duplicate-row",
          "warning",
          `Row ${row} repeats row ${earlier + 1} (line ${lineOf.at(earlier)}) cell for cell, as if submitted twice: it was skipped. Delete the repeat to silence this.`,
          -1,
          undefined,
          undefined,
        );
      } else {
        for (const key of keys) {
          const found = key.index.find(values);
          if (found < 0) continue;
          const firstRow = this.rowNumbers.at(found);
          const head = key.fields[0]!;
          const names = key.fields.map((f) => f.name);
          const value = names.length === 1 ? (cells[head.column] ?? null) : key.fields.map((f) => String(values[f.position])).join(", ");
          const earlierAt = `row ${firstRow} (line ${lineOf.at(firstRow - 1)})`;
          if (key.kind === "primary") {
            const what = names.length === 1 ? `key "${names[0]!}"` : `key (${names.join(", ")})`;
            report("primary-key", "error", `Row ${row} repeats the ${what} of ${earlierAt}: each row needs its own key. Remove the repeated response, or correct the key.`, head.column, head.name, value);
          } else if (names.length === 1) {
            report("constraint-error", "error", `"${head.name}" must be unique, but row ${row} repeats the value of ${earlierAt}: correct one of them.`, head.column, head.name, value);
          } else {
            report("constraint-error", "error", `(${names.join(", ")}) must be unique together, but row ${row} repeats the values of ${earlierAt}: correct one of them.`, head.column, head.name, value);
          }
        }
      }

      for (const { key, references, fields: keyFieldList } of foreignKeys) {
        const missing = missingReference(keyFieldList, values, references);
        if (missing === undefined) continue;
        const head = keyFieldList[0]!;
        report(
          "foreign-key",
          "error",
          `${JSON.stringify(missing)} is not a ${key.reference.fields.join(", ")} in the reference table "${key.reference.resource}": correct "${key.fields.join(", ")}", or add the value to that reference table.`,
          head.column,
          head.name,
          keyFieldList.length === 1 ? cells[head.column] ?? null : missing,
        );
      }

      if (rowIssues.length > 0) {
        rejected.push({ row, line, issues: rowIssues.slice() });
        for (const found of rowIssues) issues.push(found);
        continue;
      }
      for (const key of keys) key.index.add(this.accepted);
      this.rowNumbers.push(row);
      if (this.keepRecords) this.records.push(this.makeRecord!(values));
      this.accepted++;
    }
  }

  /** The result once every batch has been added. */
  finish(): TableValidation {
    if (this.stop !== undefined) return this.stop;
    const { table, issues, rejected } = this;
    const read = this.accepted + rejected.length;
    if (read > 0 && rejected.length / read > this.maxShare) {
      const share = (rejected.length / read) * 100;
      const issue: Issue = {
        code: "source-error",
        severity: "error",
        message: `${rejected.length} of ${read} rows (${share.toFixed(1)}%) were rejected, more than the ${this.maxShare * 100}% allowed: so many usually mean the export or its mapping does not match the schema. Check the mapping first (a column sent to the wrong field rejects every row); if it is right, correct the rejected rows in the export.`,
        file: table.file,
      };
      if (table.sheet !== undefined) issue.sheet = table.sheet;
      issues.push(issue);
    }
    return {
      valid: !issues.some((i) => i.severity === "error"),
      issues,
      records: this.records,
      rows: this.keepRecords ? this.rowNumbers.toArray() : [],
      accepted: this.accepted,
      rejected,
      dropped: this.dropped,
      read,
    };
  }
}

/** A growing list of whole numbers in a typed array: 4 bytes each rather than 8 in an array. */
class IntList {
  private data = new Int32Array(1024);
  length = 0;

  push(value: number): void {
    if (this.length === this.data.length) {
      const grown = new Int32Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length++] = value;
  }

  at(index: number): number {
    return this.data[index]!;
  }

  toArray(): number[] {
    return Array.from(this.data.subarray(0, this.length));
  }
}

/** When the schema or the labels are wrong no row is read, so nothing is accepted or rejected. */
function stopped(issues: Issue[], dropped: string[]): TableValidation {
  return { valid: !issues.some((i) => i.severity === "error"), issues, records: [], rows: [], accepted: 0, rejected: [], dropped, read: 0 };
}

function isBlank(cells: readonly Cell[], from: number): boolean {
  for (let j = from; j < cells.length; j++) {
    const cell = cells[j];
    if (cell !== null && cell !== undefined && cell.trim() !== "") return false;
  }
  return true;
}

function fieldOfColumn(fields: readonly CompiledField[], column: number): string | undefined {
  for (const f of fields) if (f.column === column) return f.name;
  return undefined;
}

/** The first value (or joined key) absent from the reference set, or undefined when all are present or a part is empty. */
function missingReference(fields: readonly CompiledField[], row: readonly unknown[], values: ReadonlySet<string>): string | undefined {
  if (fields.length === 1) {
    const value = row[fields[0]!.position];
    if (value === null || value === undefined) return undefined;
    if (Array.isArray(value)) {
      for (const item of value) if (!values.has(String(item))) return String(item);
      return undefined;
    }
    return values.has(String(value)) ? undefined : String(value);
  }
  const parts: unknown[] = [];
  for (const f of fields) {
    const value = row[f.position];
    if (value === null || value === undefined) return undefined;
    parts.push(value);
  }
  const joined = referenceKey(parts);
  return values.has(joined) ? undefined : parts.map(String).join(", ");
}
