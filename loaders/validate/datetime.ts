/**
 * Date and date-time parsing for Table Schema `date` and `datetime` fields.
 *
 * A field's `format` is either absent or "default" (ISO 8601), "any" (ISO or a UK day-first form), or
 * a pattern with the directives %d %m %Y %y %H %I %M %S %p and %%. Patterns are compiled once per
 * field into a token list and scanned with `charCodeAt`, so parsing a million cells allocates nothing
 * but the output string.
 */

/** The parts of a date or date-time, written in place by a parser. */
export interface DateParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** Minutes east of UTC when the text carried a zone (`Z` is 0), otherwise null. */
  offset: number | null;
  /** Whether the text carried a time of day. */
  hasTime: boolean;
}

/** Parses text into `parts`; returns a reason when it cannot. */
export type DateParser = (text: string, parts: DateParts) => string | undefined;

export function emptyDateParts(): DateParts {
  return { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0, offset: null, hasTime: false };
}

export const SUPPORTED_DIRECTIVES = "%d %m %Y %y %H %I %M %S %p %%";

type Token =
  | { kind: "literal"; text: string }
  | { kind: "number"; part: "year" | "year2" | "month" | "day" | "hour" | "hour12" | "minute" | "second"; min: number; max: number }
  | { kind: "ampm" };

const DIRECTIVES: Record<string, Token> = {
  d: { kind: "number", part: "day", min: 1, max: 2 },
  m: { kind: "number", part: "month", min: 1, max: 2 },
  Y: { kind: "number", part: "year", min: 4, max: 4 },
  y: { kind: "number", part: "year2", min: 2, max: 2 },
  H: { kind: "number", part: "hour", min: 1, max: 2 },
  I: { kind: "number", part: "hour12", min: 1, max: 2 },
  M: { kind: "number", part: "minute", min: 2, max: 2 },
  S: { kind: "number", part: "second", min: 2, max: 2 },
  p: { kind: "ampm" },
};

/**
 * Compiles a strptime-style pattern. Throws an Error naming the bad directive: a schema with such a
 * format is bad configuration, reported by the schema check before any data is read.
 */
export function compileDatePattern(pattern: string): DateParser {
  const tokens: Token[] = [];
  let literal = "";
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern[i]!;
    if (char !== "%") {
      literal += char;
      continue;
    }
    const directive = pattern[++i];
    if (directive === "%") {
      literal += "%";
      continue;
    }
    const token = directive === undefined ? undefined : DIRECTIVES[directive];
    if (token === undefined) {
      throw new Error(
        `format "${pattern}" uses "%${directive ?? ""}", which is not supported; use only ${SUPPORTED_DIRECTIVES}`,
      );
    }
    if (literal !== "") tokens.push({ kind: "literal", text: literal });
    literal = "";
    tokens.push(token);
  }
  if (literal !== "") tokens.push({ kind: "literal", text: literal });
  const hasYear = tokens.some((t) => t.kind === "number" && (t.part === "year" || t.part === "year2"));
  const hasMonth = tokens.some((t) => t.kind === "number" && t.part === "month");
  const hasDay = tokens.some((t) => t.kind === "number" && t.part === "day");
  if (!hasYear || !hasMonth || !hasDay) {
    throw new Error(`format "${pattern}" must contain a year (%Y or %y), a month (%m) and a day (%d)`);
  }
  const hasTime = tokens.some((t) => t.kind === "number" && (t.part === "hour" || t.part === "hour12"));
  const twelveHour = tokens.some((t) => t.kind === "number" && t.part === "hour12");
  const expected = `a date written as ${pattern}`;

  return (text, parts) => {
    parts.year = 0;
    parts.month = 0;
    parts.day = 0;
    parts.hour = 0;
    parts.minute = 0;
    parts.second = 0;
    parts.offset = null;
    parts.hasTime = hasTime;
    let pm: boolean | undefined;
    let at = 0;
    for (const token of tokens) {
      if (token.kind === "literal") {
        if (!text.startsWith(token.text, at)) return `expected ${expected}`;
        at += token.text.length;
      } else if (token.kind === "ampm") {
        const marker = text.slice(at, at + 2).toUpperCase();
        if (marker !== "AM" && marker !== "PM") return `expected ${expected} (AM or PM after the time)`;
        pm = marker === "PM";
        at += 2;
      } else {
        let value = 0;
        let digits = 0;
        while (digits < token.max && at < text.length) {
          const code = text.charCodeAt(at);
          if (code < 48 || code > 57) break;
          value = value * 10 + (code - 48);
          digits++;
          at++;
        }
        if (digits < token.min) return `expected ${expected}`;
        switch (token.part) {
          case "year":
            parts.year = value;
            break;
          case "year2":
            // The POSIX rule: 69–99 are 1969–1999, 00–68 are 2000–2068.
            parts.year = value >= 69 ? 1900 + value : 2000 + value;
            break;
          case "month":
            parts.month = value;
            break;
          case "day":
            parts.day = value;
            break;
          case "hour":
          case "hour12":
            parts.hour = value;
            break;
          case "minute":
            parts.minute = value;
            break;
          case "second":
            parts.second = value;
            break;
        }
      }
    }
    if (at !== text.length) return `expected ${expected}, with nothing after it`;
    if (twelveHour) {
      if (parts.hour < 1 || parts.hour > 12) return `the hour ${parts.hour} is not between 1 and 12`;
      if (pm === true && parts.hour < 12) parts.hour += 12;
      if (pm === false && parts.hour === 12) parts.hour = 0;
    }
    return checkParts(parts);
  };
}

/** ISO 8601: `YYYY-MM-DD`, optionally followed by `T` or a space, `HH:MM[:SS[.fff]]` and `Z` or `±HH[:]MM`. */
export const parseIsoDateTime: DateParser = (text, parts) => {
  const expected = "expected an ISO date such as 2024-03-31 or date-time such as 2024-03-31T14:05:00Z";
  parts.hour = 0;
  parts.minute = 0;
  parts.second = 0;
  parts.offset = null;
  parts.hasTime = false;
  if (text.length < 10) return expected;
  const year = digitsAt(text, 0, 4);
  const month = digitsAt(text, 5, 2);
  const day = digitsAt(text, 8, 2);
  if (year < 0 || month < 0 || day < 0 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45) return expected;
  parts.year = year;
  parts.month = month;
  parts.day = day;
  let at = 10;
  if (at < text.length) {
    const separator = text[at];
    if (separator !== "T" && separator !== " ") return expected;
    const hour = digitsAt(text, at + 1, 2);
    const minute = digitsAt(text, at + 4, 2);
    if (hour < 0 || minute < 0 || text.charCodeAt(at + 3) !== 58) return expected;
    parts.hour = hour;
    parts.minute = minute;
    parts.hasTime = true;
    at += 6;
    if (text.charCodeAt(at) === 58) {
      const second = digitsAt(text, at + 1, 2);
      if (second < 0) return expected;
      parts.second = second;
      at += 3;
      if (text.charCodeAt(at) === 46) {
        at++;
        const start = at;
        while (at < text.length && isDigit(text.charCodeAt(at))) at++;
        if (at === start) return expected;
      }
    }
    if (at < text.length) {
      const sign = text[at];
      if (sign === "Z" && at + 1 === text.length) {
        parts.offset = 0;
        at++;
      } else if (sign === "+" || sign === "-") {
        const hours = digitsAt(text, at + 1, 2);
        const colon = text.charCodeAt(at + 3) === 58 ? 1 : 0;
        const minutes = digitsAt(text, at + 3 + colon, 2);
        if (hours < 0 || minutes < 0 || hours > 23 || minutes > 59) return expected;
        parts.offset = (sign === "-" ? -1 : 1) * (hours * 60 + minutes);
        at += 5 + colon;
      }
      if (at !== text.length) return expected;
    }
  }
  return checkParts(parts);
};

/** A UK export writes dates day first; "any" tries ISO, then these. */
const UK_DATE_PATTERNS = ["%d/%m/%Y", "%d/%m/%y", "%d-%m-%Y", "%d.%m.%Y"];
const UK_TIME_SUFFIXES = ["", " %H:%M", " %H:%M:%S"];

/** Parses ISO first, then common UK day-first forms, with or without a time. */
export function anyDateParser(): DateParser {
  const parsers: DateParser[] = [parseIsoDateTime];
  for (const date of UK_DATE_PATTERNS) {
    for (const time of UK_TIME_SUFFIXES) parsers.push(compileDatePattern(date + time));
  }
  return (text, parts) => {
    let reason: string | undefined;
    for (const parse of parsers) {
      reason = parse(text, parts);
      if (reason === undefined) return undefined;
      // A form that recognised the date but found it impossible says more than "expected …".
      if (!reason.startsWith("expected")) return reason;
    }
    return "expected a date such as 2024-03-31 or 31/03/2024";
  };
}

/** The parser for a date or datetime field's `format`. Throws for an unsupported pattern. */
export function dateParserFor(format: string | undefined): DateParser {
  if (format === undefined || format === "default") return parseIsoDateTime;
  if (format === "any") return anyDateParser();
  return compileDatePattern(format);
}

export function formatIsoDate(parts: DateParts): string {
  return `${pad(parts.year, 4)}-${pad(parts.month, 2)}-${pad(parts.day, 2)}`;
}

/** ISO date-time without milliseconds: in UTC with `Z` when the text gave a zone, as written otherwise. */
export function formatIsoDateTime(parts: DateParts): string {
  if (parts.offset === null) {
    return `${formatIsoDate(parts)}T${pad(parts.hour, 2)}:${pad(parts.minute, 2)}:${pad(parts.second, 2)}`;
  }
  const utc = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second) - parts.offset * 60_000;
  const iso = new Date(utc).toISOString();
  return `${iso.slice(0, 19)}Z`;
}

function checkParts(parts: DateParts): string | undefined {
  if (parts.month < 1 || parts.month > 12) return `there is no month ${parts.month}`;
  const days = daysInMonth(parts.year, parts.month);
  if (parts.day < 1 || parts.day > days) {
    return `${formatIsoDate(parts)} is not a calendar date: month ${parts.month} of ${parts.year} has ${days} days`;
  }
  if (parts.hour > 23 || parts.minute > 59 || parts.second > 59) {
    return `${pad(parts.hour, 2)}:${pad(parts.minute, 2)}:${pad(parts.second, 2)} is not a time of day`;
  }
  return undefined;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** The number written by exactly `count` digits at `at`, or -1. */
function digitsAt(text: string, at: number, count: number): number {
  if (at + count > text.length) return -1;
  let value = 0;
  for (let i = at; i < at + count; i++) {
    const code = text.charCodeAt(i);
    if (!isDigit(code)) return -1;
    value = value * 10 + (code - 48);
  }
  return value;
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, "0");
}
