/**
 * What a column looks like it holds, in words, without quoting any of its values: for messages about
 * a column nobody has classified ("looks like email addresses, 1,390 values"), which must say
 * enough to decide what to do with it while never printing personal data.
 */
import type { Cell } from "../types.ts";

const KINDS: [string, RegExp][] = [
  ["email addresses", /^[^\s@]+@[^\s@]+\.[^\s@]+$/],
  ["IP addresses", /^(\d{1,3}\.){3}\d{1,3}$|^[0-9a-f]{0,4}(:[0-9a-f]{0,4}){2,7}$/i],
  ["UK postcodes", /^[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}$/i],
  ["phone numbers", /^(\+\d{1,3}[\s-]?)?\(?\d[\d\s()-]{8,16}\d$/],
  ["web addresses", /^https?:\/\/\S+$/i],
  ["dates or times", /^(\d{4}-\d{2}-\d{2}|\d{1,2}[/.]\d{1,2}[/.]\d{2,4})([T ]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?( ?[AP]M)?)?$/i],
  ["map coordinates", /^[+-]?\d{1,3}\.\d{4,}$/],
  ["whole numbers", /^[+-]?\d+$/],
  ["numbers", /^[+-]?(\d+([.,]\d*)?|[.,]\d+)$/],
  ["yes/no answers", /^(yes|no|true|false|y|n)$/i],
];

/** Two or three capitalised words and nothing else: how a person's name usually looks. */
const NAME = /^[A-Z][a-z'’-]+( [A-Z][a-z'’-]+){1,2}$/;

export interface ColumnLook {
  /** e.g. "email addresses", "free text", "a few repeated answers"; "nothing" for an empty column. */
  kind: string;
  /** Non-empty values. */
  count: number;
}

/** Classifies a column by its non-empty values; a kind needs at least 9 in 10 values to fit it. */
export function lookOf(values: Iterable<Cell>): ColumnLook {
  const present: string[] = [];
  for (const value of values) {
    if (value === null) continue;
    const text = value.trim();
    if (text !== "") present.push(text);
  }
  const count = present.length;
  if (count === 0) return { kind: "nothing", count };
  const fits = (test: (text: string) => boolean) => present.filter(test).length >= Math.max(1, Math.ceil(count * 0.9));
  for (const [kind, pattern] of KINDS) if (fits((text) => pattern.test(text))) return { kind, count };
  if (fits((text) => NAME.test(text))) return { kind: "people's names", count };
  const distinct = new Set(present.map((text) => text.toLowerCase())).size;
  if (distinct <= 12 && count >= distinct * 2) return { kind: "a few repeated answers", count };
  const long = present.filter((text) => text.length > 40 || /\s\S+\s\S+\s/.test(text)).length;
  if (long >= count / 2) return { kind: "free text", count };
  return { kind: "short text", count };
}

/** "looks like email addresses, 1,390 values" or "is empty". */
export function describeLook(look: ColumnLook): string {
  if (look.count === 0) return "is empty";
  return `looks like ${look.kind}, ${look.count.toLocaleString("en-GB")} ${look.count === 1 ? "value" : "values"}`;
}

/** Kinds that are personal data on their own: a column like this must be left out or classified with care. */
export function isPersonalLook(look: ColumnLook): boolean {
  return ["email addresses", "IP addresses", "UK postcodes", "phone numbers", "map coordinates", "people's names"].includes(look.kind);
}
