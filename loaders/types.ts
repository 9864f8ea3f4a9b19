/**
 * Shared shapes of the pipeline: what readers return, what validation reports.
 *
 * Positions, said once for the whole project:
 * - `line` is the 1-based physical line of the file where a record starts (CSV), or the 1-based
 *   worksheet row number (XLSX). It is what a person sees in a text editor or in Excel's row gutter.
 * - `row` is the 1-based index of a data record after the header rows: the first answer is row 1.
 * - `column` is the 1-based position of the column in the export file itself, as a person counts it in
 *   Excel or a text editor: columns dropped by a mapping still count. A column an adapter made from
 *   several (REDCap checkboxes, SurveyMonkey checkbox groups) is numbered by its first export column.
 */

/** A cell as read from an export: its text, or null when the cell is empty. */
export type Cell = string | null;

export type ExportFormat =
  | "qualtrics"
  | "qualtrics-legacy"
  | "surveymonkey"
  | "google-forms"
  | "microsoft-forms"
  | "surveygizmo"
  | "redcap"
  | "odk"
  | "plain";

export type Encoding = "utf-8" | "utf-8-bom" | "windows-1252" | "xlsx";

/** A table as read from one export, after the format adapter and before validation. */
export interface RawTable {
  /** The file path as given to the reader. */
  file: string;
  /** The worksheet name for XLSX input. */
  sheet?: string;
  format: ExportFormat;
  encoding: Encoding;
  /** The CSV delimiter; absent for XLSX. */
  delimiter?: string;
  /** How many physical header rows the export had (3 for Qualtrics, 2 for SurveyMonkey, …). */
  headerRows: number;
  /** Column labels, one per column, after merging header rows (and after a mapping, if applied). */
  labels: string[];
  /** The original export label of each column, before any mapping was applied. */
  sourceLabels: string[];
  /**
   * For each column, the 0-based position of its (first) column in the export file; -1 for a column
   * the mapping adds (a constant or a generated ID). Absent means column j is export column j.
   */
  sourceColumns?: number[];
  /** Columns the mapping adds, by field name: how each is made, for messages ("the constant 2026"). */
  added?: Record<string, string>;
  /** What the reader noticed that a person should know but that does not stop reading (a missing REDCap dictionary). */
  warnings?: string[];
  /** The long question text of each column where the format carries it. */
  questions: (string | null)[];
  /** Data cells, one array per record, each as long as `labels` (short records are padded with null). */
  rows: Cell[][];
  /** The `line` (see above) where each record of `rows` starts. */
  lines: number[];
  /** How many cells each record really had before padding, so validation can report missing/extra cells. */
  widths: number[];
  /** Labels the adapter recognised as the tool's own metadata (IP address, e-mail, name, location, IDs). */
  metadata: string[];
  /**
   * Labels of the tool's own columns that never hold an answer and are not personal (REDCap's form
   * status, Google Forms' Timestamp, ODK's submission UUID): validation leaves them out as it does
   * the schema's `lero.drop` list. Metadata that may be personal (e-mail, submitter) is not here.
   */
  toolColumns?: string[];
  /** How the tool joins the answers of a multi-select question inside one cell (", " for Google Forms). */
  listSeparator?: string;
}

export type Severity = "error" | "warning";

/** Frictionless-style issue codes, plus a few the pipeline adds. */
export type IssueCode =
  | "type-error"
  | "constraint-error"
  | "missing-cell"
  | "extra-cell"
  | "missing-label"
  | "extra-label"
  | "duplicate-label"
  | "blank-label"
  | "blank-row"
  | "duplicate-row"
  | "primary-key"
  | "foreign-key"
  | "unclassified-column"
  | "encoding-error"
  | "source-error"
  | "format-error"
  | "scheme-error"
  | "consent-error"
  | "schema-error"
  | "disclosure-error";

/** One problem found in the data, with where it is. Data problems are data, not exceptions. */
export interface Issue {
  code: IssueCode;
  severity: Severity;
  /** One line saying what is wrong and how to fix it. */
  message: string;
  file: string;
  sheet?: string;
  line?: number;
  row?: number;
  column?: number;
  /** The schema field name (or export label when no field matched). */
  field?: string;
  /** The column's header exactly as the export writes it (before any mapping). */
  label?: string;
  /** The offending cell text, when there is one. */
  value?: string | null;
}

export interface ValidationReport {
  valid: boolean;
  issues: Issue[];
}

/** Thrown for problems a person must fix before anything else can run (unreadable file, bad options). */
export class PipelineError extends Error {
  readonly code: IssueCode;
  readonly file?: string;
  constructor(code: IssueCode, message: string, options: { file?: string; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = "PipelineError";
    this.code = code;
    if (options.file !== undefined) this.file = options.file;
  }
}
