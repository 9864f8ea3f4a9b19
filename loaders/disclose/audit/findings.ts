/**
 * What the audit reports, and where.
 *
 * A finding is shaped like an `Issue` (loaders/types.ts) and uses its words for what they share:
 * `message` says what is wrong and how to fix it; `line` is the 1-based line of a text file; `row` the
 * 1-based data row (after a CSV header; index + 1 in a JSON `rows` array or a Parquet file); `column`
 * the 1-based position of the column, where the file has positions (CSV, Parquet, a resource's columns);
 * `field` the column's name, a JSON path (`rows[3].count`), or the quasi-identifiers of a class joined by
 * "+".
 *
 * Decision: it is not an `Issue`. Its codes are the audit's own (issue codes describe input data, these
 * describe published files); every finding stops the build, so there is no severity; and it never
 * carries the offending value, which would republish in the build log what the audit found (personal
 * data is shown masked inside the message instead).
 */

export type AuditCode =
  | "missing-datapackage"
  | "missing-resource"
  | "unreadable"
  | "identifier-column"
  | "unclassified-column"
  | "missing-subject"
  | "k-anonymity"
  | "varying-quasi"
  | "small-count"
  | "unrounded-count"
  | "bad-count"
  | "secondary-suppression"
  | "small-base"
  | "undescribed-data"
  | "personal-data";

export interface AuditFinding {
  code: AuditCode;
  /** One line saying what is wrong and how to fix it. */
  message: string;
  /** Path relative to the dist folder, with forward slashes. */
  file: string;
  line?: number;
  row?: number;
  column?: number;
  field?: string;
}

/** A finding before it is given its file. */
export type Finding = Omit<AuditFinding, "file">;

/** One line per finding: `file, line 3, row 2, column email: message`. */
export function formatFinding(f: AuditFinding): string {
  const column = f.field ?? (f.column === undefined ? undefined : String(f.column));
  const at = [f.file, f.line !== undefined ? `line ${f.line}` : undefined, f.row !== undefined ? `row ${f.row}` : undefined, column !== undefined ? `column ${column}` : undefined];
  return `${at.filter((x) => x !== undefined).join(", ")}: ${f.message}`;
}

/** At most `limit` findings, the rest summed up in one more. */
export function capped(found: AuditFinding[], limit: number): AuditFinding[] {
  if (found.length <= limit) return found;
  const first = found[0]!;
  return [...found.slice(0, limit), { code: first.code, file: first.file, message: `and ${found.length - limit} more findings in this file` }];
}
