import { readFile } from "node:fs/promises";
import type { Encoding } from "../types.ts";
import { parseCsv, sniffDelimiter, type Records } from "./csv.ts";
import { decodeText, fileKind } from "./decode.ts";
import { sourceError } from "./errors.ts";
import { readXlsx } from "./xlsx.ts";

/** An export as a grid of records, before a format adapter has interpreted its header rows. */
export interface Source extends Records {
  file: string;
  sheet?: string;
  encoding: Encoding;
  delimiter?: string;
  /**
   * Whether records can be shorter than the header for real. A CSV record can; a worksheet row only
   * looks short because empty cells at its end are not stored.
   */
  ragged: boolean;
}

/** Reads the bytes of `file` and turns them into records, whatever kind of file it is. */
export async function readSource(file: string, options: { sheet?: string } = {}): Promise<Source> {
  const bytes = await readBytes(file);
  const kind = fileKind(bytes);
  if (kind === "xls") {
    throw sourceError(
      file,
      "is an old-style Excel .xls workbook, which cannot be read; open it in Excel and save it as .xlsx (Excel Workbook) or CSV UTF-8.",
    );
  }
  if (kind === "xlsx") {
    const sheet = await readXlsx(bytes, file, options.sheet);
    return { file, sheet: sheet.sheet, encoding: "xlsx", records: sheet.records, lines: sheet.lines, ragged: false };
  }
  const { text, encoding } = decodeText(bytes, file);
  return readText(file, text, encoding);
}

export function readText(file: string, text: string, encoding: Exclude<Encoding, "xlsx">): Source {
  const delimiter = sniffDelimiter(text);
  const { records, lines } = parseCsv(text, delimiter, file);
  return { file, encoding, delimiter, records, lines, ragged: true };
}

async function readBytes(file: string): Promise<Uint8Array> {
  try {
    return await readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") throw sourceError(file, "no such file; check the path and the file name (including .csv or .xlsx).", error);
    if (code === "EISDIR") throw sourceError(file, "is a folder, not an export file; give the path of the .csv or .xlsx file inside it.", error);
    if (code === "EACCES" || code === "EPERM") throw sourceError(file, "cannot be read: permission denied; check the file's permissions.", error);
    throw sourceError(file, `cannot be read (${code ?? String(error)}); check the file is there and readable.`, error);
  }
}
