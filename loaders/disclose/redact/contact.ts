/**
 * E-mail addresses (plain and spelled out), web addresses, IP addresses and social-media handles.
 */
import { isIPv4, isIPv6 } from "node:net";
import { PRIORITY, type Candidate, type Doubt } from "./kinds.ts";

const TLDS =
  "com|org|net|uk|io|info|biz|me|co|gov|ac|nhs|edu|eu|ie|us|tv|app|dev|online|site|xyz|ly|gl|be|to|ai|scot|wales|cymru|london|fm|de|fr";

const EMAIL = /[\p{L}\p{N}._%+'-]+\s?@\s?[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.[a-z]{2,}/giu;

// "jane at gmail dot com", "jane [at] example [dot] org", "jane(at)example.co.uk".
const AT = String.raw`(?:\s*[\[({]\s*at\s*[\])}]\s*|\s+at\s+)`;
const DOT = String.raw`(?:\s*[\[({]\s*dot\s*[\])}]\s*|\s+dot\s+|\.)`;
const SPELLED_EMAIL = new RegExp(
  String.raw`(?<![\p{L}\p{N}._'’-])([\p{L}\p{N}][\p{L}\p{N}._%+-]*(?:${DOT}[\p{L}\p{N}_%+-]+)*)${AT}([\p{L}\p{N}-]+(?:${DOT}[\p{L}\p{N}-]+)*)`,
  "giu",
);
const MAY_SPELL_AT = /(?:^|[\s\[({])at(?:$|[\s\])}])/i;
const BRACKETED_AT = /[\[({]\s*at\s*[\])}]/i;
const SPELLED_DOT_WORD = /[\s\[({]dot[\s\])}]/i;
const SPELLED_DOT = new RegExp(String.raw`${DOT}`, "gi");
const ENDS_WITH_TLD = new RegExp(String.raw`${DOT}(?:${TLDS})$`, "i");
const MAIL_PROVIDERS = new Set(
  "gmail googlemail hotmail outlook live yahoo icloud me aol btinternet sky virginmedia talktalk protonmail proton ntlworld msn mail".split(
    " ",
  ),
);

const URL_SCHEME = /\b(?:https?|ftp):\/\/[^\s<>"'`]+/gi;
const URL_WWW = /\bwww\.[^\s<>"'`]+/gi;
// Case-sensitive top-level domain, so a missing space after a full stop ("clean.Me and…") is no URL.
const URL_BARE = new RegExp(
  String.raw`(?<![\p{L}\p{N}@.-])(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+(?:${TLDS}|${TLDS.toUpperCase()})(?![\p{L}\p{N}-])(?:\/[^\s<>"'\x60]*)?`,
  "gu",
);
const URL_SPELLED = new RegExp(
  String.raw`(?<![\p{L}\p{N}-])(?:www\s+dot\s+)?[a-z0-9-]+(?:\s+dot\s+[a-z0-9-]+)*\s+dot\s+(?:${TLDS})\b`,
  "gi",
);
const JAVASCRIPT_URL = /\bjavascript\s*:\s*[^\s"<>\x60]+/gi;
const TRAILING_PUNCTUATION = new Set([...".,;:!?'\"’”"]);
const CLOSING = new Map([[")", "("], ["]", "["], ["}", "{"]]);

const IPV4 = /(?<![\d.])(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?!\.?\d)/g;
const IPV6_CANDIDATE = /(?<![\w:.])[0-9a-f]{0,4}(?::[0-9a-f]{0,4}){2,7}(?:(?<=:)(?:\d{1,3}\.){3}\d{1,3})?(?![\w:])/gi;
const CLOCK_TIME = /^\d{1,2}(?::\d{1,2}){1,2}$/;

const HANDLE = /(?<![\p{L}\p{N}._@-])@[A-Za-z0-9_](?:[A-Za-z0-9_.]{0,29}[A-Za-z0-9_])?/gu;

export function findEmails(text: string, out: Candidate[]): void {
  if (!text.includes("@")) return;
  for (const m of text.matchAll(EMAIL)) push(out, "email", m.index, m.index + m[0].length);
}

export function findSpelledEmails(text: string, out: Candidate[]): void {
  if (!MAY_SPELL_AT.test(text)) return;
  for (const m of text.matchAll(SPELLED_EMAIL)) {
    const local = m[1] ?? "";
    const domain = m[2] ?? "";
    const firstLabel = domain.split(SPELLED_DOT)[0]?.toLowerCase() ?? "";
    const spelled = m[0];
    // "working at Sky" and "I write at janedoe.me" are no addresses (the URL rule takes the domain);
    // "jane.doe at gmail", "jane at example dot com" and "jane[at]example" are.
    const addressLike = /[._\d+]/.test(local);
    const confident =
      (BRACKETED_AT.test(spelled) && domain.length > 1) ||
      (ENDS_WITH_TLD.test(domain) && (addressLike || SPELLED_DOT_WORD.test(domain))) ||
      (MAIL_PROVIDERS.has(firstLabel) && (addressLike || SPELLED_DOT_WORD.test(domain)));
    if (confident) push(out, "email", m.index, m.index + trimPunctuation(spelled).length);
  }
}

export function findUrls(text: string, out: Candidate[]): void {
  for (const pattern of [URL_SCHEME, URL_WWW, URL_BARE, JAVASCRIPT_URL]) {
    for (const m of text.matchAll(pattern)) push(out, "url", m.index, m.index + trimPunctuation(m[0]).length);
  }
  if (/\sdot\s/i.test(text)) {
    for (const m of text.matchAll(URL_SPELLED)) push(out, "url", m.index, m.index + m[0].length);
  }
}

export function findIpAddresses(text: string, out: Candidate[]): void {
  if (text.includes(".")) {
    for (const m of text.matchAll(IPV4)) if (isIPv4(m[0])) push(out, "ip-address", m.index, m.index + m[0].length);
  }
  if (text.includes(":")) {
    for (const m of text.matchAll(IPV6_CANDIDATE)) {
      if (isIPv6(m[0]) && !CLOCK_TIME.test(m[0])) push(out, "ip-address", m.index, m.index + m[0].length);
    }
  }
}

export function findHandles(text: string, out: Doubt[]): void {
  if (!text.includes("@")) return;
  for (const m of text.matchAll(HANDLE)) {
    out.push({
      code: "handle",
      start: m.index,
      end: m.index + m[0].length,
      message: `"${m[0]}" looks like a social-media handle`,
    });
  }
}

/** Drops sentence punctuation after an address, keeping a closing bracket that has its opening one. */
function trimPunctuation(match: string): string {
  let end = match.length;
  while (end > 0) {
    const c = match[end - 1]!;
    const open = CLOSING.get(c);
    if (open !== undefined) {
      const body = match.slice(0, end);
      if (count(body, open) >= count(body, c)) break;
    } else if (!TRAILING_PUNCTUATION.has(c)) {
      break;
    }
    end--;
  }
  return match.slice(0, end);
}

function count(text: string, char: string): number {
  return text.split(char).length - 1;
}

function push(out: Candidate[], kind: Candidate["kind"], start: number, end: number): void {
  if (end > start) out.push({ kind, start, end, priority: PRIORITY[kind] });
}
