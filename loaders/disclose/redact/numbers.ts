/**
 * NHS numbers, National Insurance numbers and long runs of digits nobody recognised.
 */
import { PRIORITY, type Candidate, type Doubt } from "./kinds.ts";

// Ten digits, optionally grouped 3-3-4 with the same separator; not part of a longer number.
const NHS_CANDIDATE = /(?<![\d+])(?<!\d[ -])(\d{3})([ -]?)(\d{3})\2(\d{4})(?![ -]?\d)/g;

// HMRC: no D, F, I, Q, U or V in either prefix letter, no O as the second; six digits; suffix A–D.
const NI_CANDIDATE =
  /(?<![\p{L}\p{N}])([A-CEGHJ-PR-TW-Z])([A-CEGHJ-NPR-TW-Z])[ -]?(\d{2})[ -]?(\d{2})[ -]?(\d{2})(?:[ -]?([A-D]))?(?![\p{L}\p{N}])/giu;
const NI_EXCLUDED_PREFIXES = new Set(["BG", "GB", "KN", "NK", "NT", "TN", "ZZ"]);

const DIGIT_RUN = /(?<!\d)\d(?: ?\d){7,}(?!\d)/g;
// "2019 2020": years side by side, not an identifier.
const YEARS = /^(?:(?:19|20)\d\d ?)+$/;

/** True when ten digits pass the NHS number modulus-11 check. */
export function isValidNhsNumber(digits: string): boolean {
  if (!/^\d{10}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(digits[i]) * (10 - i);
  const check = 11 - (sum % 11);
  if (check === 10) return false;
  return (check === 11 ? 0 : check) === Number(digits[9]);
}

export function findNhsNumbers(text: string, out: Candidate[]): void {
  for (const m of text.matchAll(NHS_CANDIDATE)) {
    const digits = `${m[1]}${m[3]}${m[4]}`;
    if (!isValidNhsNumber(digits)) continue;
    // A number starting 0 that is also a phone number reads as the phone number.
    const priority = digits.startsWith("0") ? PRIORITY.phone + 0.5 : PRIORITY["nhs-number"];
    out.push({ kind: "nhs-number", start: m.index, end: m.index + m[0].length, priority });
  }
}

export function findNiNumbers(text: string, out: Candidate[], doubts: Doubt[]): void {
  for (const m of text.matchAll(NI_CANDIDATE)) {
    const prefix = `${m[1]}${m[2]}`.toUpperCase();
    if (NI_EXCLUDED_PREFIXES.has(prefix)) continue;
    const start = m.index;
    const end = start + m[0].length;
    if (m[6] !== undefined) {
      out.push({ kind: "ni-number", start, end, priority: PRIORITY["ni-number"] });
    } else if (m[0].toUpperCase() === m[0]) {
      doubts.push({ code: "possible-ni-number", start, end, message: `"${m[0]}" may be a National Insurance number without its letter` });
    }
  }
}

/** Eight or more digits (single spaces allowed) that no rule took: an ID, a card, a number mistyped. */
export function findDigitRuns(text: string, doubts: Doubt[]): void {
  for (const m of text.matchAll(DIGIT_RUN)) {
    if (YEARS.test(m[0])) continue;
    doubts.push({ code: "digit-run", start: m.index, end: m.index + m[0].length, message: `"${m[0]}" is a long number that may identify someone` });
  }
}

/** How many ASCII digits the text has: a cheap test before the costly phone search. */
export function countDigits(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) count++;
  }
  return count;
}
