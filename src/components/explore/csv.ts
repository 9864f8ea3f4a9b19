/**
 * CSV for the explorer's downloads: RFC 4180 quoting, CRLF line ends, and the spreadsheet rule of
 * src/lib/csv-safe.ts with the disclosure policy's characters and prefix (a cell starting with =, +,
 * -, @, tab, carriage return or a full-width ＝＋－＠ gets a leading apostrophe, so a spreadsheet shows
 * it as text instead of running it as a formula).
 */
import { csvLine } from "../../lib/csv-safe.js";
import type { ExplorePolicy } from "./disclosure.js";

export function toSafeCsv(header: readonly string[], rows: readonly (readonly string[])[], policy: Pick<ExplorePolicy, "csvEscape">): string {
  return [header, ...rows].map((row) => csvLine(row, policy.csvEscape)).join("");
}
