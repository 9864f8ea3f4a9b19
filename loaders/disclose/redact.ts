/**
 * Redaction of free text before it is published (DESIGN.md §5).
 *
 * Personal data the redactor is sure about is replaced by a typed placeholder ("[email]", "[name]" …).
 * Where it is unsure ("Hope" may be a person or the CHIME theme; "@jane_doe"; a long number nobody
 * recognises) it leaves the text alone and says `status: "review"`: the caller then holds the text back
 * in a review file instead of publishing it. A person who has checked a phrase adds it to
 * `review/allow.json`, and `options.allow` lets it through from then on.
 *
 * HTML is not the redactor's business: the site escapes all text it shows.
 */
import { readFileSync } from "node:fs";
import { PipelineError } from "../types.ts";
import { findEmails, findHandles, findIpAddresses, findSpelledEmails, findUrls } from "./redact/contact.ts";
import { PLACEHOLDERS, type Candidate, type Doubt, type PersonalDataKind } from "./redact/kinds.ts";
import { findNames, prepareKnownNames } from "./redact/names.ts";
import { countDigits, findDigitRuns, findNhsNumbers, findNiNumbers } from "./redact/numbers.ts";
import { findPhoneNumbers } from "./redact/phone.ts";
import { findPostcodes } from "./redact/postcode.ts";

export { PLACEHOLDERS, type PersonalDataKind } from "./redact/kinds.ts";
export { isValidNhsNumber } from "./redact/numbers.ts";

export interface RedactOptions {
  /**
   * Names known to belong to people in this export (respondents, staff, family), matched as whole
   * words whatever the context, e.g. `new Set(["Sarah Jones", "Okonkwo"])`. Each word of a full name
   * counts on its own too.
   */
  names?: ReadonlySet<string>;
  /**
   * Phrases a person has reviewed and found fine to publish, exactly as they appear, e.g.
   * `new Set(["Hope House", "Café Grace"])`. Anything found inside one is neither redacted nor doubted.
   * See `loadAllowList`.
   */
  allow?: ReadonlySet<string>;
}

/** One piece of personal data that was replaced. Offsets are UTF-16 indices into the input text. */
export interface Finding {
  kind: PersonalDataKind;
  start: number;
  end: number;
}

export interface Redaction {
  /** The text with every finding replaced by its placeholder. */
  text: string;
  /** What was replaced, in text order, never overlapping. */
  findings: Finding[];
  /** `publish` when the redactor is sure of the result; `review` when a person must look first. */
  status: "publish" | "review";
  /** Why the text needs review, one line each ("ambiguous-name: …"). Empty when `status` is `publish`. */
  reasons: string[];
}

/** Phone numbers need at least this many digits; texts with fewer skip the (slow) phone search. */
const MIN_PHONE_DIGITS = 7;

/**
 * Replaces personal data in `text` by typed placeholders and says whether the result may be published.
 *
 * @example
 * redactText("Ring Sarah on 07700 900123").text // "Ring [name] on [phone]"
 * redactText("Hope kept me going, with Grace.").status // "review": Grace may be a person
 */
export function redactText(text: string, options: RedactOptions = {}): Redaction {
  const candidates: Candidate[] = [];
  const doubts: Doubt[] = [];

  findEmails(text, candidates);
  findSpelledEmails(text, candidates);
  findUrls(text, candidates);
  findIpAddresses(text, candidates);
  findHandles(text, doubts);
  const digits = countDigits(text);
  if (digits >= 6) findNiNumbers(text, candidates, doubts);
  if (digits >= 10) findNhsNumbers(text, candidates);
  if (digits >= MIN_PHONE_DIGITS) findPhoneNumbers(text, candidates);
  if (digits >= 1) findPostcodes(text, candidates, doubts);
  const known = options.names !== undefined && options.names.size > 0 ? prepareKnownNames(options.names) : undefined;
  findNames(text, known, candidates, doubts);

  let findings = resolveOverlaps(candidates);
  if (digits >= 8) findDigitRuns(text, doubts);
  let open = doubts.filter((d) => !findings.some((f) => overlaps(f, d)));

  if (options.allow !== undefined && options.allow.size > 0 && (findings.length > 0 || open.length > 0)) {
    const allowed = allowedRanges(text, options.allow);
    if (allowed.length > 0) {
      findings = findings.filter((f) => !allowed.some((a) => within(f, a)));
      open = open.filter((d) => !allowed.some((a) => within(d, a)));
    }
  }

  open.sort((a, b) => a.start - b.start || a.end - b.end);
  const reasons = [...new Set(open.map((d) => `${d.code}: ${d.message}`))];
  return {
    text: applyFindings(text, findings),
    findings,
    status: reasons.length > 0 ? "review" : "publish",
    reasons,
  };
}

/**
 * Reads a reviewed allow-list: a JSON object from each exact phrase to the reason it is fine,
 * e.g. `{ "Hope House": "a recovery café, not a person" }`. A missing file is an empty list.
 */
export function loadAllowList(file: string): ReadonlySet<string> {
  let source: string;
  try {
    source = readFileSync(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return new Set();
    throw new PipelineError("source-error", `Cannot read the allow-list ${file}: ${(error as Error).message}`, {
      file,
      cause: error,
    });
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(source);
  } catch (error) {
    throw new PipelineError(
      "format-error",
      `The allow-list ${file} is not valid JSON (${(error as Error).message}); it must be an object like { "Hope House": "a café, not a person" }.`,
      { file, cause: error },
    );
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw new PipelineError(
      "format-error",
      `The allow-list ${file} must be a JSON object from each allowed phrase to the reason it is fine, like { "Hope House": "a café, not a person" }.`,
      { file },
    );
  }
  const phrases = new Set<string>();
  for (const [phrase, reason] of Object.entries(parsed)) {
    if (typeof reason !== "string" || reason.trim() === "") {
      throw new PipelineError(
        "format-error",
        `The allow-list ${file} gives no reason for ${JSON.stringify(phrase)}: write why it is fine to publish, as a string.`,
        { file },
      );
    }
    if (phrase.trim() !== "") phrases.add(phrase);
  }
  return phrases;
}

/** Keeps the most specific candidate where candidates overlap, then sorts by position. */
function resolveOverlaps(candidates: Candidate[]): Finding[] {
  const ranked = [...candidates].sort(
    (a, b) => a.priority - b.priority || a.start - b.start || b.end - b.start - (a.end - a.start),
  );
  const kept: Finding[] = [];
  for (const c of ranked) {
    if (!kept.some((k) => overlaps(k, c))) kept.push({ kind: c.kind, start: c.start, end: c.end });
  }
  return kept.sort((a, b) => a.start - b.start);
}

function applyFindings(text: string, findings: readonly Finding[]): string {
  if (findings.length === 0) return text;
  let result = "";
  let at = 0;
  for (const f of findings) {
    result += text.slice(at, f.start) + PLACEHOLDERS[f.kind];
    at = f.end;
  }
  return result + text.slice(at);
}

function allowedRanges(text: string, allow: ReadonlySet<string>): { start: number; end: number }[] {
  const ranges: { start: number; end: number }[] = [];
  for (const phrase of allow) {
    if (phrase === "") continue;
    for (let at = text.indexOf(phrase); at >= 0; at = text.indexOf(phrase, at + 1)) {
      ranges.push({ start: at, end: at + phrase.length });
    }
  }
  return ranges;
}

function overlaps(a: { start: number; end: number }, b: { start: number; end: number }): boolean {
  return a.start < b.end && b.start < a.end;
}

function within(inner: { start: number; end: number }, outer: { start: number; end: number }): boolean {
  return inner.start >= outer.start && inner.end <= outer.end;
}
