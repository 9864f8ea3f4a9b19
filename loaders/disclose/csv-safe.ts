/**
 * CSV that is safe to open in a spreadsheet (DESIGN.md §5).
 *
 * A cell that starts with `=`, `+`, `-` or `@` (or a tab or carriage return, which some spreadsheets
 * skip before reading a formula) is run as a formula by Excel, LibreOffice and Google Sheets: a
 * published free-text answer could then fetch a URL or run a command on a reader's machine. Following
 * the OWASP and GOV.UK advice, every such text cell gets a leading `'`, which spreadsheets treat as
 * "this is text" and do not show.
 *
 * Decision: text is escaped even when it reads as a number ("-3" becomes "'-3"). Numeric columns reach
 * `toCsv` as JavaScript numbers, which are written as they are and are never formulas, so a number
 * stays a number; only text that happens to start with a minus sign gets the quote.
 */

/** Characters that make a spreadsheet read a cell as a formula, with their full-width forms. */
const FORMULA_START = new Set(["=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠"]);

/**
 * The cell text with a leading `'` when a spreadsheet would read it as a formula.
 *
 * @example
 * spreadsheetSafe("=HYPERLINK(\"http://x\")") // "'=HYPERLINK(\"http://x\")"
 * spreadsheetSafe("Peer support")             // "Peer support"
 */
export function spreadsheetSafe(cell: string): string {
  const first = cell[0];
  return first !== undefined && FORMULA_START.has(first) ? `'${cell}` : cell;
}

export interface CsvOptions {
  /** Start with a UTF-8 byte-order mark, which old versions of Excel need to read UTF-8 (default false). */
  bom?: boolean;
}

/**
 * RFC 4180 CSV of `rows`, one column per entry of `columns`, with a header row; CRLF after every
 * record; a field quoted when it holds a comma, a double quote, CR or LF.
 * Values: strings pass through `spreadsheetSafe`; finite numbers, bigints and booleans are written as
 * they are; dates as ISO 8601; arrays as their items joined with "; "; null, undefined and missing
 * columns as an empty field. Anything else (an object, NaN, Infinity) is a bug and throws.
 */
export function toCsv(rows: readonly Record<string, unknown>[], columns: readonly string[], options: CsvOptions = {}): string {
  const lines = [columns.map((column) => field(spreadsheetSafe(column)))];
  for (const [index, row] of rows.entries()) {
    lines.push(columns.map((column) => field(cellText(row[column], column, index))));
  }
  return (options.bom === true ? "\uFEFF" : "") + lines.map((cells) => `${cells.join(",")}\r\n`).join("");
}

function cellText(value: unknown, column: string, index: number): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return spreadsheetSafe(value);
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new TypeError(`toCsv: row ${index + 1}, column "${column}" is ${value}; write a missing number as null.`);
    return Object.is(value, -0) ? "0" : String(value);
  }
  if (typeof value === "bigint" || typeof value === "boolean") return String(value);
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) {
    return spreadsheetSafe(value.map((item, i) => itemText(item, column, index, i)).join("; "));
  }
  throw new TypeError(`toCsv: row ${index + 1}, column "${column}" holds ${describe(value)}, which has no CSV form.`);
}

function itemText(item: unknown, column: string, index: number, position: number): string {
  if (item === null || item === undefined) return "";
  if (typeof item === "string" || typeof item === "number" || typeof item === "bigint" || typeof item === "boolean") {
    return String(item);
  }
  if (item instanceof Date) return item.toISOString();
  throw new TypeError(`toCsv: row ${index + 1}, column "${column}", item ${position + 1} holds ${describe(item)}, which has no CSV form.`);
}

function field(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function describe(value: unknown): string {
  return Array.isArray(value) ? "an array" : typeof value === "object" ? "an object" : typeof value;
}
