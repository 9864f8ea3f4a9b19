import iconv from "iconv-lite";
import type { Encoding } from "../types.ts";
import { encodingError } from "./errors.ts";

export type FileKind = "xlsx" | "xls" | "text";

export interface DecodedText {
  text: string;
  encoding: Exclude<Encoding, "xlsx">;
}

/** Tells a spreadsheet from text by its first bytes, whatever the file is called. */
export function fileKind(bytes: Uint8Array): FileKind {
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) return "xlsx";
  if (bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0) return "xls";
  return "text";
}

const utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/**
 * Decodes an export as UTF-8 (with or without a byte order mark) when the bytes are valid UTF-8, and
 * otherwise as Windows-1252, which is what Excel on Windows writes for "CSV (Comma delimited)".
 */
export function decodeText(bytes: Uint8Array, file: string): DecodedText {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    throw encodingError(
      file,
      "the file is saved as UTF-16 (Excel's \"Unicode Text\"); save it again as \"CSV UTF-8 (Comma delimited)\".",
    );
  }
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const body = bom ? bytes.subarray(3) : bytes;
  const nul = body.indexOf(0);
  if (nul >= 0) {
    throw encodingError(
      file,
      `byte ${nul + (bom ? 3 : 0) + 1} is a NUL byte, so this is not a text export (or it is damaged); export the survey again as CSV or XLSX.`,
    );
  }
  let decoded: DecodedText;
  try {
    decoded = { text: utf8.decode(body), encoding: bom ? "utf-8-bom" : "utf-8" };
  } catch {
    decoded = { text: iconv.decode(Buffer.from(body.buffer, body.byteOffset, body.byteLength), "win1252"), encoding: "windows-1252" };
  }
  if (looksBinary(decoded.text)) {
    throw encodingError(
      file,
      "the file contains control characters that text exports never have, so it is not a CSV file; export the survey again as CSV or XLSX.",
    );
  }
  return decoded;
}

/** More than 1 in 100 characters being C0 controls (other than tab and line breaks) means binary data. */
function looksBinary(text: string): boolean {
  const sample = text.length > 65536 ? text.slice(0, 65536) : text;
  let controls = 0;
  for (let i = 0; i < sample.length; i++) {
    const code = sample.charCodeAt(i);
    if (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) controls++;
  }
  return controls > 0 && controls * 100 > sample.length;
}
