/**
 * `checkExport`: an export file read, mapped and validated a batch of records at a time, so checking a
 * large export holds its text and one batch, never every row as JavaScript objects. The result —
 * issues, positions, counts — is exactly what `readExport` → `applyMapping` → `validateTable` give
 * (`test/validate/stream.test.ts` compares the two on every fixture export).
 *
 * How a CSV export is cut into batches (the file is read from disk a piece at a time, never whole):
 * 1. One pass over the bytes finds where to cut: at line feeds that end a record, about `batchBytes`
 *    apart. Quotes, delimiters and line breaks are ASCII, whose bytes mean the same in UTF-8 and
 *    Windows-1252, so no decoding is needed to find them. A file with a double quote is cut only when
 *    every quote is where CSV puts one (opening a cell, doubled inside it, closing it before a
 *    delimiter or line break), so the line breaks inside quoted answers are known. The same pass
 *    decides the encoding as `decodeText` does (UTF-8 when every byte is valid UTF-8, else
 *    Windows-1252). A file `decodeText` might refuse (UTF-16, a NUL byte, control characters near its
 *    start) or whose quotes are irregular is read whole, so its error or its reading is the reader's.
 * 2. Each piece is decoded and parsed on its own. A piece that is not the last gets a one-cell line
 *    after it, taken off again once parsed, so blank lines at its end are kept as the rows they are.
 * 3. The format adapter decides the columns from the header rows and a profile of the data rows: for
 *    each column, its first answer and one answer that differs from it. That is all an adapter asks of
 *    the data (whether a column holds any answer; whether a SurveyMonkey checkbox column holds only
 *    its option's text), so it decides as it would over every row.
 * 4. Each batch is built into a table, mapped (generated row IDs go on counting) and handed to
 *    `TableValidator`, which keeps only the keys of accepted rows. A repeated submission is confirmed
 *    against the earlier row by parsing that row's piece again.
 *
 * A workbook (XLSX) or a file that fits in one batch is read whole, as before.
 */
import { closeSync, openSync, readSync } from "node:fs";
import iconv from "iconv-lite";
import { parseCsv, parseQuoted, sniffDelimiter, type Records } from "../read/csv.ts";
import { buildTable, type Adapted } from "../read/columns.ts";
import { adapt, readExport, type ReadOptions } from "../read/read.ts";
import { applyMapping, type ColumnMapping } from "../read/mapping.ts";
import type { Source } from "../read/source.ts";
import type { TableSchema } from "../schema.ts";
import type { Cell, RawTable } from "../types.ts";
import { collectGarbage } from "../memory.ts";
import { TableValidator, validateTable, type TableHeader, type TableValidation, type ValidateOptions } from "./table.ts";

/** About how many bytes of an export are parsed and validated at a time. */
export const BATCH_BYTES = 256_000;

/**
 * Bytes of an export parsed between two garbage collections. Each batch leaves its text, cells and
 * records behind, and V8 collects lazily: left to itself it lets that garbage reach about 190 MB on a
 * 50 MB export (the peak `check` reached, above the idle process), where issue 18 allows 150. Measured
 * on a 50 MB outcomes export (400,000 rows), with the idle process at 137 MB: a full collection every
 * 5 MB, peak 205 MB and 5.9 s; every 8 MB, 214–217 MB and 6.0 s; every 10 MB, 221 MB and 5.4 s; every
 * 16 MB, 248 MB and 5.5 s; never, 319–335 MB and 5.1–5.4 s. Every 8 MB keeps the peak about 80 MB above
 * idle (1.6× the export) for about a seventh more time.
 */
export const COLLECT_EVERY_BYTES = 8_000_000;

export interface CheckExportOptions {
  /** The column mapping, or a function that loads it (called once the export has been read, so a file that cannot be read is reported first). */
  mapping?: ColumnMapping | (() => ColumnMapping);
  read?: ReadOptions;
  validate?: ValidateOptions;
  /** Bytes per batch (tests make it small to cut a small file into many batches). */
  batchBytes?: number;
  /** Bytes parsed between two garbage collections (`COLLECT_EVERY_BYTES`). */
  collectEveryBytes?: number;
}

export interface ExportCheck {
  /** The export's header as read, before the mapping. */
  raw: TableHeader;
  /** The header after the mapping: what validation reads. */
  table: TableHeader;
  /** Data rows read. */
  rows: number;
  /** The validation; `records` is empty when the export was read in batches (`accepted` counts them). */
  validation: TableValidation;
  /** How many batches the rows were read in (1 when the file was read whole). */
  batches: number;
}

/** Reads, maps and validates an export in batches; see the file header. */
export async function checkExport(file: string, schema: TableSchema, options: CheckExportOptions = {}): Promise<ExportCheck> {
  const readOptions = options.read ?? {};
  let loaded: ColumnMapping | undefined;
  const mapping = (): ColumnMapping => (loaded ??= typeof options.mapping === "function" ? options.mapping() : (options.mapping ?? {}));
  const whole = async (): Promise<ExportCheck> => {
    const raw = await readExport(file, readOptions);
    const table = applyMapping(raw, schema, mapping());
    return { raw, table, rows: table.rows.length, validation: validateTable(table, schema, options.validate), batches: 1 };
  };
  if (readOptions.sheet !== undefined) return whole();
  let fd: number;
  try {
    fd = openSync(file, "r");
  } catch {
    // The reader says what is wrong with a file that cannot be opened.
    return whole();
  }
  try {
    return (await inBatches(fd)) ?? (await whole());
  } finally {
    closeSync(fd);
  }

  async function inBatches(fd: number): Promise<ExportCheck | undefined> {
    const scan = scanBytes(fd, options.batchBytes ?? BATCH_BYTES);
    if (scan === undefined || scan.starts.length < 2) return undefined;
    const { starts, breaks, end, encoding, quoted } = scan;
    const count = starts.length;
    const textOf = (c: number): string => {
      const bytes = Buffer.alloc((c === count - 1 ? end : starts[c + 1]!) - starts[c]!);
      readSync(fd, bytes, 0, bytes.length, starts[c]!);
      return encoding === "windows-1252" ? iconv.decode(bytes, "win1252") : new TextDecoder("utf-8").decode(bytes);
    };
    const firstText = textOf(0);
    const delimiter = sniffDelimiter(firstText);
    if (delimiter.charCodeAt(0) !== scan.separator) return undefined;
    const parse = (c: number): Records => {
      const last = c === count - 1;
      const piece = c === 0 ? firstText : textOf(c);
      const parsed = (quoted ? parseQuoted : parseCsv)(last ? piece : `${piece}x`, delimiter, file);
      if (!last) {
        parsed.records.pop();
        parsed.lines.pop();
      }
      const offset = breaks[c]!;
      for (let i = 0; i < parsed.lines.length; i++) parsed.lines[i] = parsed.lines[i]! + offset;
      return parsed;
    };
    const sourceOf = (records: Cell[][], lines: number[]): Source => ({ file, encoding, delimiter, records, lines, ragged: true });

    // The header rows and the format, from the first piece as the whole file would give them.
    const first = parse(0);
    const firstAdapted = await adapt(sourceOf(first.records, first.lines), readOptions);
    const headerRows = firstAdapted.headerRows;
    if (first.records.length <= headerRows) return undefined;
    const header = { records: first.records.slice(0, headerRows), lines: first.lines.slice(0, headerRows) };

    // The garbage of the pieces parsed, collected every `COLLECT_EVERY_BYTES` of them.
    const everyPieces = Math.max(1, Math.round((options.collectEveryBytes ?? COLLECT_EVERY_BYTES) / (options.batchBytes ?? BATCH_BYTES)));
    const collectAfter = (c: number): void => {
      if ((c + 1) % everyPieces === 0 && c < count - 1) collectGarbage();
    };

    // Pass 1: rows per piece and the profile of each column's answers.
    const profile = new ColumnProfile();
    const firstRowOf: number[] = [];
    let rows = 0;
    for (let c = 0; c < count; c++) {
      const records = c === 0 ? first.records.slice(headerRows) : parse(c).records;
      firstRowOf.push(rows);
      rows += records.length;
      for (const record of records) profile.add(record);
      collectAfter(c);
    }
    const adapted: Adapted = await adapt(sourceOf([...header.records, ...profile.rows()], [...header.lines, 0, 0]), { ...readOptions, format: firstAdapted.format });

    const batchOf = (c: number): RawTable => {
      const parsed = parse(c);
      const records = c === 0 ? parsed.records.slice(headerRows) : parsed.records;
      const lines = c === 0 ? parsed.lines.slice(headerRows) : parsed.lines;
      const built = buildTable(sourceOf(header.records.concat(records), header.lines.concat(lines)), adapted);
      return applyMapping(built, schema, mapping(), { firstRow: firstRowOf[c]! });
    };
    // Earlier rows are read back only to confirm a repeated submission: the batch being validated and
    // the last piece read again are kept.
    let current = { piece: 0, batch: batchOf(0) };
    let reread = current;
    const cellsOf = (index: number): readonly Cell[] => {
      let c = firstRowOf.length - 1;
      while (firstRowOf[c]! > index) c--;
      if (c !== current.piece && c !== reread.piece) reread = { piece: c, batch: batchOf(c) };
      return (c === current.piece ? current : reread).batch.rows[index - firstRowOf[c]!]!;
    };
    // Read again only when a column matches no field, to say what it holds.
    const columnCells = function* (column: number): Iterable<Cell> {
      for (let c = 0; c < count; c++) for (const row of batchOf(c).rows) yield row[column] ?? null;
    };

    const table = headerOf(current.batch);
    const raw = headerOf(buildTable(sourceOf(header.records, header.lines), adapted));
    const validator = new TableValidator(table, schema, { ...options.validate, expectedRows: rows, keepRecords: false, cellsOf, columnCells });
    for (let c = 0; c < count; c++) {
      if (c > 0) current = { piece: c, batch: batchOf(c) };
      validator.add(current.batch);
      collectAfter(c);
    }
    return { raw, table, rows, validation: validator.finish(), batches: count };
  }
}

function headerOf(table: RawTable): TableHeader {
  const { rows: _rows, lines: _lines, widths: _widths, ...header } = table;
  return header;
}

interface ByteScan {
  /** Byte offset where each piece starts (after a byte order mark for the first). */
  starts: number[];
  /** Line breaks before each piece, so its lines can be numbered as the file's. */
  breaks: number[];
  end: number;
  encoding: "utf-8" | "utf-8-bom" | "windows-1252";
  /** Whether the file has a double quote anywhere (the reader then parses it as quoted CSV). */
  quoted: boolean;
  /** The delimiter sniffed from the first block, as a character code. */
  separator: number;
}

/** Bytes read from disk at a time while scanning. */
const BLOCK = 1 << 20;

/** Records the first piece holds at least: more than the header rows and the 20 `sniffDelimiter` reads. */
const FIRST_RECORDS = 64;

/** `decodeText` looks for control characters in the first 65,536 characters: at most four bytes each. */
const CONTROL_WINDOW = 4 * 65536;

/**
 * Where the file can be cut into pieces of whole records about `size` bytes long, and its encoding.
 * The first piece holds at least `FIRST_RECORDS` records, so every header row and every record the
 * delimiter is sniffed from are in it. Undefined when the file
 * must be read whole: a byte `decodeText` may refuse (a UTF-16 byte order mark, a NUL, an ASCII control
 * character in the first 64 KB other than tab and line breaks), or a quote that is not where CSV puts
 * one, so the line breaks inside answers cannot be told for sure.
 */
function scanBytes(fd: number, size: number): ByteScan | undefined {
  const block = Buffer.alloc(BLOCK);
  const utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
  let valid = true;
  let position = 0;
  let bom = false;
  const starts: number[] = [];
  const breaks: number[] = [];
  let inside = false;
  let cellStart = true;
  let quoted = false;
  let lineBreaks = 0;
  let records = 0;
  // A CR at the end of one block whose LF may start the next; a quote at the end whose next byte decides.
  let pendingCr = false;
  let pendingQuote = false;
  let separator = -1;
  for (;;) {
    const read = readSync(fd, block, 0, BLOCK, position);
    if (read === 0) break;
    const bytes = block.subarray(0, read);
    if (position === 0) {
      if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) return undefined;
      bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
      starts.push(bom ? 3 : 0);
      breaks.push(0);
      for (let i = 0; i < Math.min(read, CONTROL_WINDOW); i++) {
        const b = bytes[i]!;
        if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d) return undefined;
      }
      // The delimiter, as the reader sniffs it, decides where a quoted cell may close.
      separator = sniffDelimiter(new TextDecoder("utf-8").decode(bytes.subarray(bom ? 3 : 0))).charCodeAt(0);
    }
    if (bytes.indexOf(0) >= 0) return undefined;
    if (valid) {
      try {
        utf8.decode(position === 0 && bom ? bytes.subarray(3) : bytes, { stream: true });
      } catch {
        valid = false;
      }
    }
    for (let i = position === 0 && bom ? 3 : 0; i < read; i++) {
      const b = bytes[i]!;
      if (pendingCr) {
        pendingCr = false;
        if (b === 0x0a) continue;
      }
      if (pendingQuote) {
        pendingQuote = false;
        if (b === 0x22) continue;
        if (!(b === separator || b === 0x0a || b === 0x0d)) return undefined;
        inside = false;
        cellStart = false;
      }
      if (b === 0x22) {
        quoted = true;
        if (inside) {
          pendingQuote = true;
          continue;
        }
        if (!cellStart) return undefined;
        inside = true;
        cellStart = false;
        continue;
      }
      if (b === 0x0a || b === 0x0d) {
        lineBreaks++;
        if (b === 0x0d) {
          if (i + 1 < read) {
            if (bytes[i + 1] === 0x0a) i++;
          } else pendingCr = true;
        }
        if (inside) continue;
        cellStart = true;
        records++;
        // Cut after a line feed only, so a CR LF pair is never split.
        const at = position + i + 1;
        if (bytes[i] === 0x0a && at - starts[starts.length - 1]! >= size && (starts.length > 1 || records >= FIRST_RECORDS)) {
          starts.push(at);
          breaks.push(lineBreaks);
        }
        continue;
      }
      if (!inside) cellStart = b === separator;
    }
    position += read;
  }
  if (pendingQuote) inside = false;
  if (inside || starts.length === 0) return undefined;
  if (valid) {
    try {
      utf8.decode();
    } catch {
      valid = false;
    }
  }
  // A cut at the very end leaves an empty last piece: the piece before it is then the last.
  if (starts[starts.length - 1] === position) {
    starts.pop();
    breaks.pop();
  }
  return { starts, breaks, end: position, encoding: valid ? (bom ? "utf-8-bom" : "utf-8") : "windows-1252", quoted, separator };
}
/**
 * What the format adapters may ask of the data rows, in two rows: each column's first answer, and an
 * answer that differs from it (trimmed) if there is one, else the first again.
 */
class ColumnProfile {
  private readonly firsts: Cell[] = [];
  private readonly others: Cell[] = [];

  add(record: readonly Cell[]): void {
    for (let j = 0; j < record.length; j++) {
      const cell = record[j];
      if (cell === null || cell === undefined) continue;
      const trimmed = cell.trim();
      if (trimmed === "") continue;
      const first = this.firsts[j];
      if (first === undefined || first === null) {
        this.firsts[j] = cell;
        this.others[j] = cell;
      } else if (this.others[j]!.trim() === first.trim() && trimmed !== first.trim()) {
        this.others[j] = cell;
      }
    }
  }

  rows(): Cell[][] {
    const width = this.firsts.length;
    const pad = (row: Cell[]) => Array.from({ length: width }, (_, j) => row[j] ?? null);
    return [pad(this.firsts), pad(this.others)];
  }
}
