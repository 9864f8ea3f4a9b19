/**
 * Telephone numbers: UK numbers in any spacing, and international numbers with + or 00.
 * libphonenumber-js finds them; we keep only what starts like a number someone would dial,
 * so a bare ten-digit ID is left to the NHS number and digit-run rules.
 */
import { findPhoneNumbersInText } from "libphonenumber-js/max";
import { PRIORITY, type Candidate } from "./kinds.ts";

const DIALLED = /^(?:\+|00|0|\(\s*(?:\+|0))/;
// The finder's "possible" mode reads across punctuation ("07700 900123, 0770…" becomes one number,
// and a time before a number hides it), so it searches each stretch between separators on its own.
const SEGMENT = /[^,;:|/\n\r]+/g;
const MIN_DIGITS = 7;
const DIAL_START = /(?<![\d+(])(?:\+|\(\s*[+0]|0)(?=\d|\s*\d)/g;

export function findPhoneNumbers(text: string, out: Candidate[]): void {
  for (const segment of text.matchAll(SEGMENT)) {
    const stretch = segment[0];
    if ((stretch.match(/\d/g)?.length ?? 0) < MIN_DIGITS) continue;
    const found: { start: number; end: number }[] = [];
    search(stretch, 0, found);
    // Digits just before a number ("at 12 30 07700 900123") can hide it: search again from each
    // place a number could start that no number found so far covers.
    for (const dial of stretch.matchAll(DIAL_START)) {
      if (!found.some((f) => dial.index >= f.start && dial.index < f.end)) search(stretch, dial.index, found);
    }
    for (const f of found) {
      out.push({ kind: "phone", start: segment.index + f.start, end: segment.index + f.end, priority: PRIORITY.phone });
    }
  }
}

function search(stretch: string, from: number, found: { start: number; end: number }[]): void {
  const part = from === 0 ? stretch : stretch.slice(from);
  // "Possible" numbers (extended), not only numbers in allocated ranges: Ofcom's drama numbers
  // (07700 900xxx) and newly allocated ranges are still someone's number.
  for (const number of findPhoneNumbersInText(part, { defaultCountry: "GB", extended: true })) {
    const raw = part.slice(number.startsAt, number.endsAt);
    const start = from + number.startsAt;
    const end = from + number.endsAt;
    if (DIALLED.test(raw) && !found.some((f) => start < f.end && f.start < end)) found.push({ start, end });
  }
}
