/**
 * Personal data anywhere in the site (except library folders and binary files): e-mail addresses other
 * than the policy's `allowedEmails`, UK phone numbers, full UK postcodes, NHS numbers that pass the
 * mod-11 check, National Insurance numbers; Parquet string columns included.
 */
import { readFileSync } from "node:fs";
import type { DuckDBConnection } from "@duckdb/node-api";
import { parse as parseCsv } from "csv-parse/sync";
import { isValid as isValidPostcode } from "postcode";
import { quoteIdentifier, quoteLiteral } from "../../publish/duckdb.ts";
import type { DisclosurePolicy } from "../policy.ts";
import type { Finding } from "./findings.ts";

export type PersonalDataKind = "email" | "phone" | "postcode" | "nhs-number" | "ni-number";

export interface PersonalDataMatch {
  kind: PersonalDataKind;
  /** Offset of the match in the text. */
  index: number;
  text: string;
}

const EMAIL = /(?<![\w.%+-])[\w.%+-]+@(?:[A-Za-z0-9-]+\.)+([A-Za-z]{2,})(?![\w-])/g;
/** File types that look like top-level domains in `icon@2x.png` or `d3@7.min.js`. */
const FILE_EXTENSIONS = new Set("png jpg jpeg gif svg webp avif js mjs cjs css json html htm csv parquet wasm map ts txt md xml woff woff2".split(" "));
const PHONE = /(?<![\w.+/])(?:(?:\+|00)44[ -]?(?:\(0\)[ -]?)?\(?|\(?0)\d{1,5}\)?(?:[ -]?\d){5,9}(?![\w.])/g;
const NHS = /(?<![\w.+-])(\d{3})([ -]?)(\d{3})\2(\d{4})(?![\w]|\.\d)/g;
const NI = /(?<![A-Za-z0-9])(?!BG|GB|NK|KN|TN|NT|ZZ)[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z] ?\d{2} ?\d{2} ?\d{2} ?[A-D](?![A-Za-z0-9])/g;
const POSTCODE_UPPER = /(?<![A-Za-z0-9])[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}(?![A-Za-z0-9])/g;
const POSTCODE_SPACED = /(?<![A-Za-z0-9])[A-Za-z]{1,2}\d[A-Za-z\d]? \d[A-Za-z]{2}(?![A-Za-z0-9])/g;

/**
 * Finds personal-data patterns in a text. Independent of the pipeline's redaction on purpose: two
 * different implementations are less likely to share a blind spot.
 */
export function findPersonalData(text: string, allowedEmails: readonly string[] = [], options: { code?: boolean } = {}): PersonalDataMatch[] {
  const matches: PersonalDataMatch[] = [];
  const allowed = new Set(allowedEmails.map((e) => e.toLowerCase()));
  const quick = /[@\d]/.test(text);
  if (!quick) return matches;
  for (const m of text.matchAll(EMAIL)) {
    if (FILE_EXTENSIONS.has(m[1]!.toLowerCase()) || allowed.has(m[0].toLowerCase())) continue;
    matches.push({ kind: "email", index: m.index, text: m[0] });
  }
  for (const m of text.matchAll(PHONE)) if (isUkPhone(m[0])) matches.push({ kind: "phone", index: m.index, text: m[0] });
  for (const m of text.matchAll(NHS)) {
    const digits = `${m[1]}${m[3]}${m[4]}`;
    // In script and style files a bare ten-digit number is a constant (2147483648), not an NHS number.
    if ((options.code && m[2] === "") || /^(\d)\1{9}$/.test(digits) || !passesMod11(digits)) continue;
    matches.push({ kind: "nhs-number", index: m.index, text: m[0] });
  }
  for (const m of text.matchAll(NI)) matches.push({ kind: "ni-number", index: m.index, text: m[0] });
  const postcodes = new Set<number>();
  for (const re of [POSTCODE_UPPER, POSTCODE_SPACED]) {
    for (const m of text.matchAll(re)) {
      if (postcodes.has(m.index) || !isValidPostcode(m[0])) continue;
      postcodes.add(m.index);
      matches.push({ kind: "postcode", index: m.index, text: m[0] });
    }
  }
  return matches.sort((a, b) => a.index - b.index);
}

/** UK numbers: 0 + 9 or 10 digits (+44 without the 0); 02, 03, 07 numbers have 10 after the 0. */
function isUkPhone(candidate: string): boolean {
  let digits = candidate.replace(/\(0\)/, "").replace(/\D/g, "");
  if (digits.startsWith("0044")) digits = digits.slice(4);
  else if (candidate.trimStart().startsWith("+44")) digits = digits.slice(2);
  else digits = digits.slice(1);
  if (!/^[1235789]/.test(digits)) return false;
  if (/^[237]/.test(digits)) return digits.length === 10;
  return digits.length === 9 || digits.length === 10;
}

/** NHS number check digit: weights 10..2 on the first nine digits; 11 − (sum mod 11), 11 → 0, 10 → invalid. */
export function passesMod11(digits: string): boolean {
  if (!/^\d{10}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(digits[i]) * (10 - i);
  let check = 11 - (sum % 11);
  if (check === 11) check = 0;
  if (check === 10) return false;
  return check === Number(digits[9]);
}

const REASONS: Record<PersonalDataKind, string> = {
  email: "e-mail address (only the addresses in allowedEmails of data/disclosure.json may be published)",
  phone: "UK phone number",
  postcode: "full UK postcode",
  "nhs-number": "NHS number (passes the mod-11 check)",
  "ni-number": "National Insurance number",
};

function messageFor(match: PersonalDataMatch): string {
  return `${REASONS[match.kind]}: "${mask(match.text)}"`;
}

/** Enough to find it in the file, not enough to read it in a build log. */
function mask(text: string): string {
  return text.length <= 3 ? "…" : `${text.slice(0, 2)}${"•".repeat(Math.min(text.length - 2, 12))}`;
}

export function scanFile(file: string, ext: string, policy: DisclosurePolicy): Finding[] | undefined {
  const buffer = readFileSync(file);
  if (buffer.subarray(0, 8192).includes(0)) return undefined; // binary
  const text = buffer.toString("utf8");
  if (ext === "csv") {
    try {
      return scanCsv(text, policy);
    } catch {
      // not well-formed CSV: fall back to lines
    }
  }
  if (ext === "json") {
    try {
      return scanJson(JSON.parse(text) as unknown, policy);
    } catch {
      // not JSON after all: fall back to lines
    }
  }
  return scanLines(decodeEscapes(text, ext), policy, CODE_FILES.has(ext));
}

const CODE_FILES = new Set(["js", "mjs", "cjs", "css", "map"]);

/** Undo escapes that would hide a pattern from the scan, keeping every character on its line. */
function decodeEscapes(text: string, ext: string): string {
  let out = text.replace(/\\[nrt]/g, "  ").replace(/\\u([0-9a-fA-F]{4})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  if (["html", "htm", "svg", "xml", "md"].includes(ext)) {
    out = out
      .replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(Number(d)))
      .replace(/&#x([0-9a-f]+);/gi, (_, h: string) => String.fromCodePoint(parseInt(h, 16)))
      .replace(/&(commat|nbsp|period|amp);/g, (_, n: string) => ({ commat: "@", nbsp: " ", period: ".", amp: "&" })[n] ?? "");
  }
  return out;
}

function scanLines(text: string, policy: DisclosurePolicy, code: boolean): Finding[] {
  const found: Finding[] = [];
  text.split(/\r\n|\n|\r/).forEach((line, i) => {
    for (const m of findPersonalData(line, policy.allowedEmails, { code })) found.push({ code: "personal-data", line: i + 1, message: messageFor(m) });
  });
  return found;
}

function scanCsv(text: string, policy: DisclosurePolicy): Finding[] {
  const records = parseCsv(text, { bom: true, relax_column_count: true, relax_quotes: true, info: true }) as unknown as { record: string[]; info: { lines: number } }[];
  const header = records[0]?.record ?? [];
  const found: Finding[] = [];
  records.forEach(({ record, info }, r) => {
    record.forEach((cell, c) => {
      for (const m of findPersonalData(cell, policy.allowedEmails)) {
        found.push({
          code: "personal-data",
          line: info.lines,
          ...(r === 0 ? {} : { row: r }),
          column: c + 1,
          field: r === 0 ? `header ${c + 1}` : (header[c] ?? `${c + 1}`),
          message: messageFor(m),
        });
      }
    });
  });
  return found;
}

function scanJson(json: unknown, policy: DisclosurePolicy): Finding[] {
  const found: Finding[] = [];
  const visit = (value: unknown, path: string, row: number | undefined): void => {
    if (typeof value === "string") {
      for (const m of findPersonalData(value, policy.allowedEmails)) {
        found.push({ code: "personal-data", ...(row === undefined ? {} : { row }), field: path || "(value)", message: messageFor(m) });
      }
    } else if (typeof value === "number" && Number.isInteger(value) && value >= 1e9 && value < 1e10) {
      // A ten-digit number can be an NHS number stored as a number.
      for (const m of findPersonalData(String(value), policy.allowedEmails)) {
        if (m.kind === "nhs-number") found.push({ code: "personal-data", ...(row === undefined ? {} : { row }), field: path, message: messageFor(m) });
      }
    } else if (Array.isArray(value)) {
      const isRows = path === "rows" || path === "data" || path === "";
      value.forEach((v, i) => visit(v, `${path}[${i}]`, isRows && row === undefined ? i + 1 : row));
    } else if (value !== null && typeof value === "object") {
      for (const [key, v] of Object.entries(value)) {
        for (const m of findPersonalData(key, policy.allowedEmails)) found.push({ code: "personal-data", field: `${path}${path ? "." : ""}(key)`, message: messageFor(m) });
        visit(v, path ? `${path}.${key}` : key, row);
      }
    }
  };
  visit(json, "", undefined);
  return found;
}

export async function scanParquet(db: DuckDBConnection, file: string, policy: DisclosurePolicy): Promise<Finding[] | undefined> {
  const source = `read_parquet(${quoteLiteral(file)}, file_row_number = true)`;
  let columns: { name: string; type: string }[];
  try {
    columns = (await db.runAndReadAll(`DESCRIBE SELECT * FROM ${source}`))
      .getRowObjectsJson()
      .map((r) => ({ name: String(r["column_name"]), type: String(r["column_type"]) }))
      .filter((c) => c.name !== "file_row_number");
  } catch {
    return undefined;
  }
  const found: Finding[] = [];
  for (const [index, column] of columns.entries()) {
    const c = quoteIdentifier(column.name);
    for (const m of findPersonalData(column.name, policy.allowedEmails)) found.push({ code: "personal-data", column: index + 1, field: `${column.name} (name)`, message: messageFor(m) });
    const textual = /VARCHAR|JSON|STRUCT|MAP|\[\]/.test(column.type);
    const bigNumber = /^(BIGINT|UBIGINT|HUGEINT|DECIMAL)/.test(column.type);
    if (!textual && !bigNumber) continue;
    // Only values with a digit or an @ can match: let DuckDB skip the rest.
    const value = `CAST(${c} AS VARCHAR)`;
    const sql = `SELECT file_row_number + 1 AS __row, ${value} AS __value FROM ${source} WHERE regexp_matches(${value}, '[0-9@]') ORDER BY file_row_number`;
    const reader = await db.runAndReadAll(sql);
    for (const r of reader.getRowObjectsJson()) {
      const text = String(r["__value"] ?? "");
      for (const m of findPersonalData(text, policy.allowedEmails)) {
        if (bigNumber && m.kind !== "nhs-number") continue;
        found.push({ code: "personal-data", row: Number(r["__row"]), column: index + 1, field: column.name, message: messageFor(m) });
      }
    }
  }
  return found;
}
