import { CsvError, parse } from "csv-parse/sync";
import type { Cell } from "../types.ts";
import { formatError } from "./errors.ts";

export const DELIMITERS = [",", ";", "\t", "|"] as const;

/** Records as parsed, before any format adapter: each record's cells and the line it starts on. */
export interface Records {
  records: Cell[][];
  lines: number[];
}

/**
 * Picks the delimiter from the first records: the candidate that appears (outside quotes) on the
 * header line and the same number of times on most of the following lines. Ties go to the order of
 * DELIMITERS, so a one-column file is read as comma-separated.
 */
export function sniffDelimiter(text: string, sampleRecords = 20): string {
  const counts = countOutsideQuotes(text, sampleRecords);
  const header = counts[0];
  if (header === undefined) return ",";
  let best: string = ",";
  let bestScore = 0;
  DELIMITERS.forEach((delimiter, d) => {
    const expected = header[d] ?? 0;
    if (expected === 0) return;
    const agreeing = counts.filter((line) => line[d] === expected).length;
    const score = agreeing * 1000 + Math.min(expected, 999);
    if (score > bestScore) {
      best = delimiter;
      bestScore = score;
    }
  });
  return best;
}

/** Per record (not per physical line: quoted line breaks are skipped), how often each delimiter occurs. */
function countOutsideQuotes(text: string, maxRecords: number): number[][] {
  const counts: number[][] = [];
  let current = DELIMITERS.map(() => 0);
  let quoted = false;
  let nonBlank = false;
  for (let i = 0; i < text.length && counts.length < maxRecords; i++) {
    const char = text[i]!;
    if (char === '"') {
      quoted = !quoted;
      nonBlank = true;
    } else if (!quoted && (char === "\n" || char === "\r")) {
      if (char === "\r" && text[i + 1] === "\n") i++;
      if (nonBlank) counts.push(current);
      current = DELIMITERS.map(() => 0);
      nonBlank = false;
    } else if (!quoted) {
      const d = (DELIMITERS as readonly string[]).indexOf(char);
      if (d >= 0) current[d]!++;
      nonBlank = true;
    }
  }
  if (nonBlank && counts.length < maxRecords) counts.push(current);
  return counts;
}

/**
 * Parses CSV text into records. Records may differ in length: validation reports that, so it is not an
 * error here. The line of each record is where it starts, counted from 1, even when earlier cells hold
 * quoted line breaks.
 */
export function parseCsv(text: string, delimiter: string, file: string): Records {
  if (!text.includes('"')) return parseUnquoted(text, delimiter);
  return parseQuoted(text, delimiter, file);
}

/**
 * Text with no quote character at all (most plain exports, and every large one we make) is a grid
 * split on line breaks and delimiters: ten times faster than a general CSV parser, and the same records.
 */
function parseUnquoted(text: string, delimiter: string): Records {
  const physical = text.split(/\r\n|\n|\r/);
  const records: Cell[][] = new Array(physical.length);
  const lines: number[] = new Array(physical.length);
  for (let i = 0; i < physical.length; i++) {
    records[i] = physical[i]!.split(delimiter).map((value) => (value === "" ? null : value));
    lines[i] = i + 1;
  }
  return dropTrailingBlank({ records, lines });
}

function dropTrailingBlank({ records, lines }: Records): Records {
  while (records.length > 0 && records[records.length - 1]!.every((cell) => cell === null)) {
    records.pop();
    lines.pop();
  }
  return { records, lines };
}

export function parseQuoted(text: string, delimiter: string, file: string): Records {
  const records: Cell[][] = [];
  const lines: number[] = [];
  // csv-parse's own line count treats a quoted CRLF as two lines, so lines are counted here: every
  // physical line belongs to exactly one record, since blank lines are kept as records.
  let line = 1;
  try {
    parse(text, {
      delimiter,
      record_delimiter: ["\r\n", "\n", "\r"],
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
      on_record: (record: string[]) => {
        let breaks = 0;
        const cells: Cell[] = record.map((value) => {
          breaks += countLineBreaks(value);
          return value === "" ? null : value;
        });
        records.push(cells);
        lines.push(line);
        line += breaks + 1;
        return null;
      },
    });
  } catch (error) {
    if (error instanceof CsvError) throw formatError(file, describeCsvError(error), error);
    throw formatError(file, `cannot be read as CSV (${String(error)}); open it in a spreadsheet and save it again as "CSV UTF-8".`, error);
  }
  return dropTrailingBlank({ records, lines });
}

function countLineBreaks(value: string): number {
  let breaks = 0;
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code === 0x0a) breaks++;
    else if (code === 0x0d) {
      breaks++;
      if (value.charCodeAt(i + 1) === 0x0a) i++;
    }
  }
  return breaks;
}

function describeCsvError(error: CsvError): string {
  const where = typeof error.lines === "number" ? ` at line ${error.lines}` : "";
  if (error.code === "CSV_QUOTE_NOT_CLOSED") {
    return `a quoted cell opened${where} is never closed, so the rest of the file would be one cell; find the unmatched double quote (") near that line and remove it or close it.`;
  }
  return `cannot be read as CSV${where} (${error.message}); open it in a spreadsheet and save it again as "CSV UTF-8".`;
}
