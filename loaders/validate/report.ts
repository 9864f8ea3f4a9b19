/**
 * Issues as text for people: one line per issue, and a summary that folds repeats together so a
 * report on 10,000 bad rows stays short enough to read.
 */
import type { Issue, IssueCode, Severity } from "../types.ts";

const MAX_VALUE_LENGTH = 60;

/**
 * One line: `file:line [sheet] row R column C (field): code — message (value "…")`. Parts that the
 * issue lacks are left out; the value is quoted as JSON (so line breaks stay on one line) and cut
 * to 60 characters.
 */
export function formatIssue(issue: Issue): string {
  let where = issue.file;
  if (issue.line !== undefined) where += `:${issue.line}`;
  if (issue.sheet !== undefined) where += ` [${issue.sheet}]`;
  if (issue.row !== undefined) where += ` row ${issue.row}`;
  const column = columnText(issue);
  if (column !== "") where += ` ${column}`;
  return `${where}: ${issue.code} — ${issue.message}${formatValue(issue.value)}`;
}

/**
 * Where an issue is, in the export's words: `column 23 "Q5_1" (enacted_1)`; the field alone, in
 * brackets, when the issue has no column (a missing field); "" when it has neither.
 */
export function columnText(issue: Issue): string {
  const parts: string[] = [];
  if (issue.column !== undefined) parts.push(`column ${issue.column}`);
  if (issue.label !== undefined) parts.push(issue.label.trim() === "" ? "(no header)" : JSON.stringify(issue.label.trim()));
  const field = issue.field?.trim();
  if (field !== undefined && field !== "" && (issue.label === undefined || field.toLowerCase() !== issue.label.trim().toLowerCase())) parts.push(`(${field})`);
  return parts.join(" ");
}

function formatValue(value: string | null | undefined): string {
  if (value === undefined) return "";
  if (value === null || value === "") return " (value empty)";
  const cut = value.length > MAX_VALUE_LENGTH ? `${value.slice(0, MAX_VALUE_LENGTH - 1)}…` : value;
  return ` (value ${JSON.stringify(cut)})`;
}

/** Issues that share a file, code, severity and field. */
export interface IssueGroup {
  code: IssueCode;
  severity: Severity;
  file: string;
  field: string | undefined;
  count: number;
  /** The first issue of the group, as an example. */
  first: Issue;
  /** The rows of the group's issues, in order (rows may repeat when one row has several). */
  rows: number[];
}

/** Groups issues by file, code, severity and field, errors first, otherwise in order of first appearance. */
export function groupIssues(issues: readonly Issue[]): IssueGroup[] {
  const groups = new Map<string, IssueGroup>();
  for (const issue of issues) {
    const key = `${issue.severity}\u0000${issue.file}\u0000${issue.code}\u0000${issue.field ?? ""}`;
    let group = groups.get(key);
    if (group === undefined) {
      group = { code: issue.code, severity: issue.severity, file: issue.file, field: issue.field, count: 0, first: issue, rows: [] };
      groups.set(key, group);
    }
    group.count++;
    if (issue.row !== undefined) group.rows.push(issue.row);
  }
  const all = [...groups.values()];
  return [...all.filter((g) => g.severity === "error"), ...all.filter((g) => g.severity !== "error")];
}

export interface SummaryOptions {
  /** At most this many groups are shown; the rest are counted in a last line. Default 20. */
  max?: number;
  /** At most this many row numbers are listed per group. Default 10. */
  rows?: number;
}

/**
 * A readable summary: one line per group of alike issues (see `groupIssues`), each the first issue
 * formatted in full, then how many more there are and in which rows.
 */
export function summariseIssues(issues: readonly Issue[], options: SummaryOptions = {}): string {
  const max = options.max ?? 20;
  const maxRows = options.rows ?? 10;
  const groups = groupIssues(issues);
  const lines = groups.slice(0, max).map((group) => {
    let line = `${group.severity}: ${formatIssue(group.first)}`;
    if (group.count > 1) {
      const rows = [...new Set(group.rows)].slice(1);
      const listed = rows.slice(0, maxRows).join(", ");
      const more = rows.length > maxRows ? ` and ${rows.length - maxRows} more` : "";
      line += ` — and ${group.count - 1} more like it${rows.length > 0 ? ` (rows ${listed}${more})` : ""}`;
    }
    return line;
  });
  if (groups.length > max) {
    const hidden = groups.slice(max);
    const count = hidden.reduce((sum, group) => sum + group.count, 0);
    lines.push(`… and ${count} more ${count === 1 ? "issue" : "issues"} of ${hidden.length} other ${hidden.length === 1 ? "kind" : "kinds"}`);
  }
  return lines.join("\n");
}

export interface CheckReportOptions {
  /** List every row of each group, not only the first few. */
  all?: boolean;
  /** Print the cells' values (which may be personal data). Off by default. */
  showValues?: boolean;
  /** How many rows to name per group when `all` is off. Default 5. */
  rows?: number;
}

/**
 * The issues of one check, for a person: alike issues (same rule, same column) folded into one entry
 * that says how many rows have it, the first message in full and the first few rows (every row with
 * `all`). Values are left out unless `showValues`, since a cell may hold personal data.
 */
export function formatCheckReport(issues: readonly Issue[], options: CheckReportOptions = {}): string[] {
  const limit = options.all === true ? Number.POSITIVE_INFINITY : (options.rows ?? 5);
  const groups = new Map<string, Issue[]>();
  for (const issue of issues) {
    const key = [issue.severity, issue.file, issue.code, issue.column ?? "", issue.label ?? "", issue.field ?? ""].join("\u0000");
    const group = groups.get(key);
    if (group === undefined) groups.set(key, [issue]);
    else group.push(issue);
  }
  const ordered = [...groups.values()].sort((a, b) => Number(a[0]!.severity !== "error") - Number(b[0]!.severity !== "error"));
  const lines: string[] = [];
  // Optional fields without a column are one warning, not one each: a survey often asks only some questions.
  const optional = ordered.filter((group) => group[0]!.code === "missing-label" && group[0]!.severity === "warning");
  for (const group of ordered) {
    if (optional.length > 1 && optional.includes(group)) {
      if (group !== optional[0]) continue;
      const names = optional.map((g) => g[0]!.field ?? "?");
      const file = /to (\S+\.mapping\.json)/.exec(group[0]!.message)?.[1] ?? "the mapping";
      lines.push(`warning: missing-label — ${optional.length} optional fields have no column, so their values will be empty: ${names.join(", ")}`);
      lines.push(`  If the export has one of them, add "<its header>": "<field>" to ${file} (lero-evidence inspect lists every header).`);
      continue;
    }
    const first = group[0]!;
    const where = columnText(first);
    const withRows = group.filter((issue) => issue.row !== undefined);
    const count = withRows.length > 0 ? ` in ${withRows.length.toLocaleString("en-GB")} ${withRows.length === 1 ? "row" : "rows"}` : "";
    lines.push(`${first.severity}: ${first.code}${where === "" ? "" : ` — ${where}`}${count}`);
    const value = options.showValues === true ? formatValue(first.value) : "";
    const prefix = withRows.length > 1 && !/^Row \d/.test(first.message) ? `first, row ${first.row}: ` : "";
    lines.push(`  ${prefix}${first.message}${value}`);
    if (withRows.length > 0) {
      const shown = withRows.slice(0, limit);
      const listed = shown
        .map((issue) => `${issue.row} (line ${issue.line ?? "?"}${options.showValues === true && issue.value !== undefined ? `, value ${issue.value === null || issue.value === "" ? "empty" : JSON.stringify(cut(issue.value))}` : ""})`)
        .join(", ");
      const more = withRows.length - shown.length;
      lines.push(`  ${withRows.length === 1 ? "row" : "rows"} ${listed}${more > 0 ? ` and ${more.toLocaleString("en-GB")} more (add --all to list every row)` : ""}`);
    }
  }
  return lines;
}

function cut(value: string): string {
  return value.length > MAX_VALUE_LENGTH ? `${value.slice(0, MAX_VALUE_LENGTH - 1)}…` : value;
}
