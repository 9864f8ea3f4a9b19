/**
 * Personal names. Three sources of certainty:
 * - a given name from the list ("Sarah", "Mohammed"), with a following surname if there is one;
 * - context that makes the next word a person ("my name is…", "Mrs…", "my keyworker…", "…said");
 * - names the caller knows are in this export (`options.names`).
 * A given name that is also an everyday word ("Hope", "Grace", "Will") needs context; without it,
 * capitalised in mid-sentence, it is a doubt. So is a capitalised word after "with" or "to see".
 */
import { PRIORITY, type Candidate, type Doubt } from "./kinds.ts";
import { GIVEN_NAMES, SENTENCE_WORDS, SURNAMES, WORD_NAMES } from "./name-lists.ts";
import {
  NOT_NAMES,
  PERSON_VERBS,
  PLACE_PREFIXES,
  PLACE_WORDS,
  RELATIONS,
  SALUTATIONS,
  SELF_DESCRIPTIONS,
  THEME_WORDS,
  THING_NOUNS,
  TIME_WORDS,
  TITLES,
} from "./words.ts";

interface Token {
  start: number;
  /** End of the name itself, without a possessive "'s". */
  end: number;
  /** Lower case, curly apostrophes straightened, possessive removed. */
  key: string;
  /** Lower case of the whole token ("i'm", "name's"). */
  word: string;
  capitalised: boolean;
  allCaps: boolean;
  sentenceStart: boolean;
  /** The characters between the previous token and this one. */
  gap: string;
}

/** Known names for one export, prepared once per `options.names` set. */
export interface KnownNames {
  single: ReadonlySet<string>;
  multi: readonly (readonly string[])[];
}

const TOKEN = /\p{L}[\p{L}\p{M}]*(?:['’-]\p{L}[\p{L}\p{M}]*)*/gu;
const COMBINING_MARKS = /\p{M}/gu;
const UPPER_START = /^\p{Lu}/u;
const HAS_LOWER = /\p{Ll}/u;
const SENTENCE_END = /[.!?:;\n]|^\s*[-*•]\s/;
const GLUED_BEFORE = /[@_/\\.#\d]/;
const GLUED_AFTER = /^(?:[@_\d]|\.[\p{L}\d])/u;
const SPACE_ONLY = /^[ \t]+$/;
const LIST_GAP = /^\s*(?:[,&/]\s*)?$/;
const CONTEXT_GAP = /^[\s,:–—-]*$/;
const TITLE_GAP = /^\.?\s+$/;

const ADJECTIVE_ENDING = /(?:ful|ed|ing|ous|ive|able|ible|al|less|ly|ish|ic|ent|ant|ary|er|est)$/;
const MONTHS = new Set(["april", "may", "june", "august"]);

const knownCache = new WeakMap<ReadonlySet<string>, KnownNames>();

export function prepareKnownNames(names: ReadonlySet<string>): KnownNames {
  const cached = knownCache.get(names);
  if (cached !== undefined) return cached;
  const single = new Set<string>();
  const multi: string[][] = [];
  for (const name of names) {
    const parts = [...name.matchAll(TOKEN)].map((m) => keyOf(m[0]));
    if (parts.length === 1 && parts[0] !== undefined) single.add(parts[0]);
    if (parts.length > 1) multi.push(parts);
    // Each part of a known full name is a name on its own too ("Jones" when "Sarah Jones" is known).
    for (const part of parts) if (part.length > 1 && !NOT_NAMES.has(part)) single.add(part);
  }
  const prepared = { single, multi };
  knownCache.set(names, prepared);
  return prepared;
}

export function findNames(text: string, known: KnownNames | undefined, out: Candidate[], doubts: Doubt[]): void {
  const tokens = tokenize(text);
  if (tokens.length === 0) return;
  const names: [number, number][] = [];
  const confirmed = new Set<string>();
  const unsure: { index: number; doubt: Doubt }[] = [];

  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (known !== undefined) {
      const length = knownMatch(tokens, i, known);
      if (length > 0) {
        names.push([i, i + length - 1]);
        for (let j = i; j < i + length; j++) confirmed.add(tokens[j]!.key);
        i += length - 1;
        continue;
      }
    }
    const verdict = judge(tokens, i);
    if (verdict === "name") {
      const last = surnameEnd(tokens, i);
      names.push([i, last]);
      confirmed.add(token.key);
      i = last;
    } else if (verdict === "ambiguous" || verdict === "after-with") {
      const code = verdict === "ambiguous" ? "ambiguous-name" : "possible-name";
      const message =
        verdict === "ambiguous"
          ? `"${text.slice(token.start, token.end)}" may be a person's name or an everyday word`
          : `"${text.slice(token.start, token.end)}" may be a person's name from the words around it`;
      unsure.push({ index: i, doubt: { code, start: token.start, end: token.end, message } });
    }
  }

  // A word confirmed as a name anywhere in the text is a name everywhere in it.
  if (confirmed.size > 0) {
    const taken = new Set<number>();
    for (const [from, to] of names) for (let j = from; j <= to; j++) taken.add(j);
    for (let i = 0; i < tokens.length; i++) {
      const token = tokens[i]!;
      if (taken.has(i) || !confirmed.has(token.key)) continue;
      if (!token.capitalised && !(isGivenName(token.key) && !WORD_NAMES.has(token.key))) continue;
      names.push([i, i]);
      taken.add(i);
    }
    for (const u of unsure) if (!taken.has(u.index)) doubts.push(u.doubt);
  } else {
    for (const u of unsure) doubts.push(u.doubt);
  }

  for (const [from, to] of names) {
    out.push({ kind: "name", start: tokens[from]!.start, end: tokens[to]!.end, priority: PRIORITY.name });
  }
}

type Verdict = "name" | "ambiguous" | "after-with" | "none";

function judge(tokens: readonly Token[], i: number): Verdict {
  const token = tokens[i]!;
  const { key } = token;
  if ((NOT_NAMES.has(key) || TITLES.has(key)) && !GIVEN_NAMES.has(key)) return "none";
  const isGiven = isGivenName(key);
  const isWordName = WORD_NAMES.has(key);
  const next = tokens[i + 1];
  const prev = tokens[i - 1];

  if (isGiven && prev !== undefined && PLACE_PREFIXES.has(prev.word) && SPACE_ONLY.test(token.gap)) return "none";
  if (isGiven && next !== undefined && next.capitalised && PLACE_WORDS.has(next.key) && SPACE_ONLY.test(next.gap)) {
    return "none";
  }

  const context = contextBefore(tokens, i);
  const properNoun = token.capitalised && !NOT_NAMES.has(key) && !isAcronym(token);
  // Lower case only for given names that are no everyday word: "a feeling called hope" is no person.
  if (context === "strong" && (properNoun || (isGiven && !isWordName))) return "name";
  if (context === "capitalised" && properNoun) return "name";
  if (context === "introduction" && properNoun && (isGiven || (afterIAm(tokens, i) && !looksLikeAdjective(key)))) return "name";

  if (isGiven && !isWordName) return "name";

  if (isWordName) {
    if (!token.capitalised) return "none";
    const followedByCapital = next !== undefined && next.capitalised && SPACE_ONLY.test(next.gap);
    if (followedByCapital && SURNAMES.has(next.key)) return "name";
    if (contextAfter(tokens, i)) return "name";
    // "Grace Adebisi" could be a person even at the start of a sentence; "Grace Period" is not.
    if (followedByCapital && !NOT_NAMES.has(next.key) && !THEME_WORDS.has(next.key) && !isAcronym(next)) return "ambiguous";
    if (token.allCaps) return "none";
    if (token.sentenceStart) return SENTENCE_WORDS.has(key) ? "none" : "ambiguous";
    if (MONTHS.has(key) && isDate(tokens, i)) return "none";
    if (inCapitalisedList(tokens, i)) return "none";
    return "ambiguous";
  }

  if ((context === "weak" || context === "introduction") && properNoun && !token.sentenceStart) return "after-with";
  // "Sarah, Jo, Mo and Kez": an unknown word listed with given names may be a name too.
  if (properNoun && !token.sentenceStart && !token.allCaps && listedWithGivenName(tokens, i)) return "after-with";
  return "none";
}

/**
 * What the words before token i say about it:
 * - "strong" (my name is, called, named): a name, even a listed given name in lower case;
 * - "capitalised" (a title, "my keyworker"): a name when capitalised;
 * - "introduction" ("I'm", a greeting): a listed given name is a name, even "Grace"; another
 *   capitalised word is a name unless it reads as a description ("I'm Grateful"), then a doubt;
 * - "weak" ("with", "to see"): a capitalised word that is no plain given name is a doubt.
 */
type Context = "strong" | "capitalised" | "introduction" | "weak" | "none";

function contextBefore(tokens: readonly Token[], i: number): Context {
  const token = tokens[i]!;
  const p1 = tokens[i - 1];
  if (p1 === undefined) return "none";
  if (TITLES.has(p1.word) && p1.capitalised && TITLE_GAP.test(token.gap)) return "capitalised";
  if (!CONTEXT_GAP.test(token.gap)) return "none";
  const p2 = tokens[i - 2];
  const p3 = tokens[i - 3];
  const w1 = p1.word;
  const w2 = p2?.word;
  const w3 = p3?.word;

  if (w1 === "is" && w2 === "name" && (w3 === "my" || w3 === "her" || w3 === "his" || w3 === "their")) return "strong";
  if (w1 === "name's" || (w1 === "me" && w2 === "call") || (w1 === "as" && w2 === "known")) return "strong";
  if ((w1 === "called" || w1 === "named") && !thingBefore(tokens, i - 1)) return "strong";
  if (relationBefore(tokens, i)) return "capitalised";
  if (w1 === "i'm" || w1 === "im" || (w1 === "am" && w2 === "i")) return "introduction";
  if (SALUTATIONS.has(w1) || (w1 === "you" && w2 === "thank")) return "introduction";
  if (w1 === "with" || (w1 === "see" && w2 === "to")) return "weak";
  return "none";
}

function afterIAm(tokens: readonly Token[], i: number): boolean {
  const w1 = tokens[i - 1]?.word;
  return w1 === "i'm" || w1 === "im" || (w1 === "am" && tokens[i - 2]?.word === "i");
}

/** "I'm Grateful", "I'm Proud": how people describe themselves, so a doubt rather than a name. */
function looksLikeAdjective(key: string): boolean {
  return ADJECTIVE_ENDING.test(key) || SELF_DESCRIPTIONS.has(key);
}

/** "my keyworker", "my support worker", "our peer mentor": up to three relation words after my/our. */
function relationBefore(tokens: readonly Token[], i: number): boolean {
  for (let back = 1; back <= 3; back++) {
    const owner = tokens[i - back - 1];
    if (owner === undefined) return false;
    const words = tokens.slice(i - back, i);
    if (!words.every((w) => RELATIONS.has(w.word))) return false;
    if (owner.word === "my" || owner.word === "our") return true;
  }
  return false;
}

/** "a group called", "the project named": what follows names a thing. */
function thingBefore(tokens: readonly Token[], calledIndex: number): boolean {
  for (let back = 1; back <= 3; back++) {
    const t = tokens[calledIndex - back];
    if (t === undefined) return false;
    if (THING_NOUNS.has(t.key)) return true;
  }
  return false;
}

/** "Hope said", "Grace from Newcastle": what follows token i makes it a person. */
function contextAfter(tokens: readonly Token[], i: number): boolean {
  const next = tokens[i + 1];
  if (next === undefined || !SPACE_ONLY.test(next.gap)) return false;
  if (PERSON_VERBS.has(next.word)) return true;
  if (next.word === "from") {
    const after = tokens[i + 2];
    return after !== undefined && (after.capitalised || after.word === "the") && SPACE_ONLY.test(after.gap);
  }
  return false;
}

/** "Connectedness, Hope, Identity", "Café Hope": a capitalised phrase or list, not a person. */
function inCapitalisedList(tokens: readonly Token[], i: number): boolean {
  const token = tokens[i]!;
  const neighbours: (Token | undefined)[] = [];
  if (LIST_GAP.test(token.gap)) neighbours.push(skipConjunction(tokens, i - 1, -1));
  const next = tokens[i + 1];
  if (next !== undefined && LIST_GAP.test(next.gap)) neighbours.push(skipConjunction(tokens, i + 1, +1));
  return neighbours.some(
    (n) => n !== undefined && n.capitalised && !GIVEN_NAMES.has(n.key) && (THEME_WORDS.has(n.key) || !NOT_NAMES.has(n.key)),
  );
}

function listedWithGivenName(tokens: readonly Token[], i: number): boolean {
  if (PLACE_WORDS.has(tokens[i]!.key)) return false;
  return [listNeighbour(tokens, i, -1), listNeighbour(tokens, i, +1)].some(
    (n) => n !== undefined && n.capitalised && isGivenName(n.key) && !WORD_NAMES.has(n.key),
  );
}

/** The item before or after token i in a list ("A, B and C"); undefined when i is not in a list. */
function listNeighbour(tokens: readonly Token[], i: number, step: -1 | 1): Token | undefined {
  const gapOwner = step < 0 ? tokens[i] : tokens[i + 1];
  const near = tokens[i + step];
  if (gapOwner === undefined || near === undefined) return undefined;
  if (/[,&/]/.test(gapOwner.gap) && LIST_GAP.test(gapOwner.gap)) return near;
  if (SPACE_ONLY.test(gapOwner.gap) && (near.word === "and" || near.word === "or")) {
    const far = tokens[i + 2 * step];
    const farGap = step < 0 ? near.gap : far?.gap;
    return far !== undefined && farGap !== undefined && SPACE_ONLY.test(farGap) ? far : undefined;
  }
  return undefined;
}

function skipConjunction(tokens: readonly Token[], index: number, step: number): Token | undefined {
  const t = tokens[index];
  if (t !== undefined && (t.word === "and" || t.word === "or")) return tokens[index + step];
  return t;
}

/** The last token of a name starting at i: up to two capitalised words that follow directly. */
function surnameEnd(tokens: readonly Token[], i: number): number {
  let last = i;
  for (let j = i + 1; j <= i + 2; j++) {
    const t = tokens[j];
    if (t === undefined || !t.capitalised || !SPACE_ONLY.test(t.gap)) break;
    if (NOT_NAMES.has(t.key) || PLACE_WORDS.has(t.key) || PERSON_VERBS.has(t.key) || isAcronym(t)) break;
    if (WORD_NAMES.has(t.key) && !SURNAMES.has(t.key)) break;
    last = j;
    // A second word after the first only when the first was a given name ("Mary Ann Smith").
    if (!GIVEN_NAMES.has(t.key)) break;
  }
  return last;
}

function knownMatch(tokens: readonly Token[], i: number, known: KnownNames): number {
  const token = tokens[i]!;
  for (const parts of known.multi) {
    if (parts[0] !== token.key) continue;
    let ok = true;
    for (let k = 1; k < parts.length && ok; k++) {
      const t = tokens[i + k];
      ok = t !== undefined && t.key === parts[k] && /^\s+$/.test(t.gap);
    }
    if (ok) return parts.length;
  }
  // Lower case only for given names that are no everyday word: a known "Wood" is not "the wood".
  const lowerCaseOk = isGivenName(token.key) && !WORD_NAMES.has(token.key);
  if (known.single.has(token.key) && (token.capitalised || lowerCaseOk)) return 1;
  return 0;
}

/** "in June", "since April", "5 May", "May 2024": a month, not a person. */
function isDate(tokens: readonly Token[], i: number): boolean {
  const prev = tokens[i - 1];
  const next = tokens[i + 1];
  if (/\d\s*$/.test(tokens[i]!.gap)) return true;
  if (next !== undefined && /^\s*\d/.test(next.gap)) return true;
  return prev !== undefined && SPACE_ONLY.test(tokens[i]!.gap) && TIME_WORDS.has(prev.word);
}

function isGivenName(key: string): boolean {
  if (GIVEN_NAMES.has(key)) return true;
  return key.includes("-") && key.split("-").every((part) => GIVEN_NAMES.has(part));
}

function isAcronym(token: Token): boolean {
  return token.allCaps && token.end - token.start <= 4 && !GIVEN_NAMES.has(token.key);
}

/** Lower case, accents folded ("Zoë" is "zoe"), curly apostrophe straightened, possessive dropped. */
function keyOf(word: string): string {
  const folded = fold(word);
  return folded.length > 2 ? folded.replace(/'s$/, "") : folded;
}

function fold(word: string): string {
  return word.normalize("NFD").replace(COMBINING_MARKS, "").toLowerCase().replace(/’/g, "'");
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let previousEnd = 0;
  for (const m of text.matchAll(TOKEN)) {
    const raw = m[0];
    // Part of a handle, address or code ("@jane_doe", "jane.doe", "x2jane"): other rules see to those.
    if (GLUED_BEFORE.test(text[m.index - 1] ?? "") || GLUED_AFTER.test(text.slice(m.index + raw.length, m.index + raw.length + 2))) {
      continue;
    }
    const word = fold(raw);
    const key = keyOf(raw);
    const start = m.index;
    const gap = text.slice(previousEnd, start);
    tokens.push({
      start,
      end: start + (key.length < word.length && /['’]s$/.test(raw) ? raw.length - 2 : raw.length),
      key,
      word,
      capitalised: UPPER_START.test(raw),
      allCaps: raw.length > 1 && !HAS_LOWER.test(raw),
      sentenceStart: tokens.length === 0 || SENTENCE_END.test(gap),
      gap,
    });
    previousEnd = start + raw.length;
  }
  return tokens;
}
