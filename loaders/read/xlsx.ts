import ExcelJS from "exceljs";
import type { Cell } from "../types.ts";
import type { Records } from "./csv.ts";
import { sourceError } from "./errors.ts";

export interface Sheet extends Records {
  sheet: string;
}

/**
 * Reads one worksheet (the first unless `sheet` names another) as records of cell text. A record's
 * line is its worksheet row number. Cells covered by a merge, other than the top-left one, read as
 * empty, which is how the same export looks when saved as CSV.
 */
export async function readXlsx(bytes: Uint8Array, file: string, sheet?: string): Promise<Sheet> {
  const workbook = new ExcelJS.Workbook();
  try {
    // exceljs declares its own `Buffer` type as an ArrayBuffer, yet reads a Node Buffer at run time.
    await workbook.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ArrayBuffer);
  } catch (error) {
    throw sourceError(
      file,
      `cannot be opened as an Excel workbook (${describe(error)}); it may be damaged or not really .xlsx. Open it in Excel and save it again as .xlsx, or export the survey as CSV.`,
      error,
    );
  }
  const worksheets = workbook.worksheets;
  const worksheet = sheet === undefined ? worksheets[0] : worksheets.find((w) => w.name === sheet);
  if (worksheet === undefined) {
    const names = worksheets.map((w) => `"${w.name}"`).join(", ");
    throw sourceError(
      file,
      sheet === undefined
        ? "the workbook has no worksheets; export the survey again."
        : `has no worksheet called "${sheet}"; its worksheets are ${names || "(none)"}. Give one of those names as the sheet option.`,
    );
  }
  try {
    return { sheet: worksheet.name, ...worksheetRecords(worksheet) };
  } catch (error) {
    throw sourceError(file, `worksheet "${worksheet.name}" cannot be read (${describe(error)}); open the workbook in Excel and save it again as .xlsx.`, error);
  }
}

function worksheetRecords(worksheet: ExcelJS.Worksheet): Records {
  const records: Cell[][] = [];
  const lines: number[] = [];
  for (let r = 1; r <= worksheet.rowCount; r++) {
    const row = worksheet.getRow(r);
    const cells: Cell[] = [];
    for (let c = 1; c <= row.cellCount; c++) {
      const cell = row.getCell(c);
      cells.push(cell.type === ExcelJS.ValueType.Merge ? null : cellText(cell.value));
    }
    while (cells.length > 0 && cells[cells.length - 1] === null) cells.pop();
    records.push(cells);
    lines.push(r);
  }
  while (records.length > 0 && records[records.length - 1]!.length === 0) {
    records.pop();
    lines.pop();
  }
  return { records, lines };
}

/** The text a person would read in the cell: dates as ISO 8601, numbers without exponents, formulas as their last result. */
export function cellText(value: ExcelJS.CellValue): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === "string") return value === "" ? null : value;
  if (typeof value === "number") return plainNumber(value);
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  if (value instanceof Date) return isoDate(value);
  if ("richText" in value) return cellText(value.richText.map((run) => run.text).join(""));
  if ("hyperlink" in value) return cellText(value.text as ExcelJS.CellValue);
  if ("formula" in value || "sharedFormula" in value) return cellText(value.result ?? null);
  if ("error" in value) return value.error;
  return null;
}

/** Dates without a time of day as `YYYY-MM-DD`; times alone (Excel's day 0) as `HH:mm:ss`. */
export function isoDate(date: Date): Cell {
  if (Number.isNaN(date.getTime())) return null;
  const iso = date.toISOString();
  const day = iso.slice(0, 10);
  const time = iso.slice(11, 19);
  if (day === "1899-12-30" || day === "1899-12-31") return time;
  return time === "00:00:00" ? day : `${day}T${time}`;
}

/** Numbers as plain decimals: Excel holds 0.000001 and 1e21 as numbers, people expect no exponent. */
export function plainNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const text = String(value);
  const match = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(text);
  if (match === null) return text;
  const [, sign, lead, fraction = "", exponentText] = match;
  const digits = `${lead}${fraction}`;
  const exponent = Number(exponentText);
  if (exponent < 0) return `${sign}0.${"0".repeat(-exponent - 1)}${digits}`;
  return `${sign}${digits.padEnd(exponent + 1, "0")}`;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
