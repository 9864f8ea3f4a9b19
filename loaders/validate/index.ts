/**
 * Table Schema validation that returns problems as data.
 *
 * `validateTable(table, schema, options)` checks a RawTable (what a reader returns) against the
 * dataset's Table Schema and returns `{ valid, issues, records, rows, rejected, dropped, read }`.
 * Positions (`line`, `row`, `column`) mean what `loaders/types.ts` says; `column` counts every
 * column of `table.labels`, dropped ones included.
 *
 * 1. The schema is checked first (`schema-error`): unknown types, a field without a disclosure role
 *    (the world is closed), keys naming missing fields, bad patterns or date formats, a `lero.drop`
 *    label that is also a field. Any schema error stops validation: no row is read (`read` is 0).
 * 2. Labels are matched to fields by name (exactly, then ignoring case) or by `lero.aliases`.
 *    Labels listed in `lero.drop` (ignoring case) are removed and reported in `dropped`. Errors that
 *    stop validation, like schema errors: `blank-label`; `duplicate-label` (two columns match one
 *    field; two identical dropped labels are fine, since both are discarded); `extra-label` (a column that is neither a field nor dropped has no disclosure role);
 *    `missing-label` for a required field (`constraints.required` or in the primary key). For a field
 *    that is not required, `missing-label` is a warning and its values are null.
 * 3. Each row is checked, and a row with any issue is rejected (listed in `rejected` with all its
 *    issues, never silently dropped):
 *    - `blank-row` (warning): every cell is empty; nothing else is checked.
 *    - `missing-cell` / `extra-cell` (error): `table.widths` says the record had fewer or more cells
 *      than there are labels. Cells past the record's end are not checked again.
 *    - `type-error` (error): a cell cannot be cast to its field's type (see `cast.ts`).
 *    - `constraint-error` (error): required, enum, categories, minimum/maximum, minLength/maxLength
 *      (characters, or answers for a list), pattern (anchored), unique, and `uniqueKeys`.
 *    - `duplicate-row` (warning): every cell equals an earlier row's, as when a form is submitted
 *      twice. Checked before keys, so a repeat submission is not also reported as `primary-key`.
 *    - `primary-key` (error): the row repeats an accepted earlier row's primary key.
 *    - `foreign-key` (error): a value is not in `options.references[resource]`; foreign keys whose
 *      resource is not given are not checked. Empty values are not checked.
 *    Keys and unique values are compared as cast values ("01" and "1" are one integer) and with
 *    accepted rows only: a row rejected for another reason does not make a later, correct row a
 *    repeat.
 * 4. If more than `maxRejectedShare` (default 0.05) of the rows read are rejected, one table-level
 *    `source-error` says so: so many bad rows usually mean a wrong export or mapping.
 *
 * `valid` is true when no issue has severity `error`. `read = records.length + rejected.length`.
 *
 * Casting follows Frictionless v2 (see `compileCaster`): text is trimmed; a blank cell or a missing
 * value (the field's `missingValues`, else the schema's) is null; a cell matching a category's value
 * or label, ignoring case, becomes the category value; dates come out as `YYYY-MM-DD`, date-times
 * as ISO without milliseconds (in UTC with `Z` when the text gave a zone); lists as arrays split with
 * `splitMultiSelect` using `table.listSeparator ?? field.delimiter ?? ","`.
 */
export {
  validateTable,
  TableValidator,
  referenceKey,
  DEFAULT_MAX_REJECTED_SHARE,
  type ValidateOptions,
  type TableValidation,
  type RejectedRow,
  type TableHeader,
  type RowBatch,
  type BatchOptions,
} from "./table.ts";
export { checkExport, BATCH_BYTES, type CheckExportOptions, type ExportCheck } from "./stream.ts";
export {
  castValue,
  compileCaster,
  INVALID,
  DEFAULT_TRUE_VALUES,
  DEFAULT_FALSE_VALUES,
  type Caster,
  type CastContext,
  type CastResult,
} from "./cast.ts";
export { compileConstraints, type ConstraintCheck } from "./constraints.ts";
export { checkSchema, schemaFileOf } from "./schema-check.ts";
export { matchLabels, LABEL_LINE, type LabelMatch } from "./labels.ts";
export { formatIssue, formatCheckReport, columnText, groupIssues, summariseIssues, type CheckReportOptions, type IssueGroup, type SummaryOptions } from "./report.ts";
