/**
 * CSV that is safe to open in a spreadsheet (DESIGN.md §5), the one rule every CSV writer uses: the
 * pipeline's downloads (written by DuckDB, with the predicate from `formulaStartRegex`), the
 * explorer's downloads and every figure's download. Browser-safe: it imports nothing.
 *
 * A cell that starts with `=`, `+`, `-` or `@` (or a tab or carriage return, which some spreadsheets
 * skip before reading a formula) is run as a formula by Excel, LibreOffice and Google Sheets: a
 * published free-text answer could then fetch a URL or run a command on a reader's machine. Following
 * the OWASP and GOV.UK advice, every such text cell gets a leading `'`, which spreadsheets treat as
 * "this is text" and do not show. The full-width forms (`＝＋－＠`, which a Japanese or Chinese input
 * method types) count too: spreadsheets read them as the ASCII characters.
 *
 * The characters and the prefix are settings in data/disclosure.json (`csvEscape`, printed on the
 * Methods page); `CSV_ESCAPE` repeats them for writers that have no policy at hand (figure downloads),
 * and a test keeps the two equal. The full-width forms are added here, from whatever the policy lists.
 *
 * Decision: text is escaped even when it reads as a number ("-3" becomes "'-3"). Numeric columns reach
 * `toCsv` as JavaScript numbers, which are written as they are and are never formulas, so a number
 * stays a number; only text that happens to start with a minus sign gets the quote.
 */

export interface CsvEscape {
  /** A text cell starting with one of these (or its full-width form) is escaped. */
  characters: readonly string[];
  /** What goes in front of such a cell. */
  prefix: string;
}

/** The rule as data/disclosure.json states it. */
export const CSV_ESCAPE: CsvEscape = { characters: ["=", "+", "-", "@", "\t", "\r"], prefix: "'" };

/** Printable ASCII U+0021–U+007E has full-width forms at U+FF01–U+FF5E. */
const FULL_WIDTH_OFFSET = 0xfee0;

/** The characters with their full-width forms: ["=", "+"] → ["=", "+", "＝", "＋"]. */
export function formulaStarts(characters: readonly string[] = CSV_ESCAPE.characters): string[] {
  const wide = characters.filter((c) => c.length === 1 && c >= "!" && c <= "~").map((c) => String.fromCharCode(c.charCodeAt(0) + FULL_WIDTH_OFFSET));
  return [...new Set([...characters, ...wide])];
}

/**
 * A regular expression (JavaScript and DuckDB/RE2 alike) matching text that starts with one of the
 * characters or its full-width form, for writers that escape in SQL.
 */
export function formulaStartRegex(characters: readonly string[] = CSV_ESCAPE.characters): string {
  return `^[${formulaStarts(characters).map((c) => c.replace(/[\]\\^-]/g, "\\$&")).join("")}]`;
}

/**
 * The cell text with the prefix in front when a spreadsheet would read it as a formula.
 *
 * @example
 * spreadsheetSafe("=HYPERLINK(\"http://x\")") // "'=HYPERLINK(\"http://x\")"
 * spreadsheetSafe("＝1+1")                    // "'＝1+1"
 * spreadsheetSafe("Peer support")             // "Peer support"
 */
export function spreadsheetSafe(cell: string, escape: CsvEscape = CSV_ESCAPE): string {
  const first = cell[0];
  if (first === undefined) return cell;
  const starts = escape === CSV_ESCAPE ? DEFAULT_STARTS : formulaStarts(escape.characters);
  return starts.includes(first) ? `${escape.prefix}${cell}` : cell;
}

const DEFAULT_STARTS = formulaStarts();

/** One CSV record of text cells, each made spreadsheet-safe and quoted as RFC 4180 needs, ending in CRLF. */
export function csvLine(cells: readonly string[], escape: CsvEscape = CSV_ESCAPE): string {
  return `${cells.map((cell) => field(spreadsheetSafe(cell, escape))).join(",")}\r\n`;
}

export interface CsvOptions {
  /** Start with a UTF-8 byte-order mark, which old versions of Excel need to read UTF-8 (default false). */
  bom?: boolean;
  /** The escaping rule (default `CSV_ESCAPE`); pass the policy's `csvEscape` where it is at hand. */
  escape?: CsvEscape;
}

/**
 * RFC 4180 CSV of `rows`, one column per entry of `columns`, with a header row; CRLF after every
 * record; a field quoted when it holds a comma, a double quote, CR or LF.
 * Values: strings pass through `spreadsheetSafe`; finite numbers, bigints and booleans are written as
 * they are; dates as ISO 8601; arrays as their items joined with "; "; null, undefined and missing
 * columns as an empty field. Anything else (an object, NaN, Infinity) is a bug and throws.
 */
export function toCsv(rows: readonly Record<string, unknown>[], columns: readonly string[], options: CsvOptions = {}): string {
  const escape = options.escape ?? CSV_ESCAPE;
  const lines = [columns.map((column) => field(spreadsheetSafe(column, escape)))];
  for (const [index, row] of rows.entries()) {
    lines.push(columns.map((column) => field(cellText(row[column], column, index, escape))));
  }
  return (options.bom === true ? "\uFEFF" : "") + lines.map((cells) => `${cells.join(",")}\r\n`).join("");
}

function cellText(value: unknown, column: string, index: number, escape: CsvEscape): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return spreadsheetSafe(value, escape);
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new TypeError(`toCsv: row ${index + 1}, column "${column}" is ${value}; write a missing number as null.`);
    return Object.is(value, -0) ? "0" : String(value);
  }
  if (typeof value === "bigint" || typeof value === "boolean") return String(value);
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) {
    return spreadsheetSafe(value.map((item, i) => itemText(item, column, index, i)).join("; "), escape);
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
