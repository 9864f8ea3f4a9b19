/**
 * CSV for the explorer's downloads: RFC 4180 quoting, CRLF line ends, and the spreadsheet rule from
 * the disclosure policy (a cell starting with =, +, -, @, tab or carriage return gets a leading
 * apostrophe, so a spreadsheet shows it as text instead of running it as a formula).
 */
import type { ExplorePolicy } from "./disclosure.js";

export function safeCell(text: string, policy: Pick<ExplorePolicy, "csvEscape">): string {
  const { characters, prefix } = policy.csvEscape;
  const safe = text !== "" && characters.includes(text[0]!) ? `${prefix}${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export function toSafeCsv(header: readonly string[], rows: readonly (readonly string[])[], policy: Pick<ExplorePolicy, "csvEscape">): string {
  return [header, ...rows].map((row) => row.map((cell) => safeCell(cell, policy)).join(",")).join("\r\n") + "\r\n";
}
