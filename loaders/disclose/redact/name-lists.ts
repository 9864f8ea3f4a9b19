/**
 * The reference lists behind name detection, read once from `data/reference/names/`.
 * All sets hold lower-case words so lookups need no case handling.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { REFERENCE_DIR } from "../../schema.ts";

const NAMES_DIR = join(REFERENCE_DIR, "names");

function readList(file: string): Set<string> {
  const words = new Set<string>();
  for (const line of readFileSync(join(NAMES_DIR, file), "utf8").split(/\r?\n/)) {
    const word = line.trim();
    if (word !== "" && !word.startsWith("#")) words.add(word.toLowerCase());
  }
  return words;
}

/** Common UK given names. */
export const GIVEN_NAMES: ReadonlySet<string> = readList("given-names.txt");
/** Given names that are also everyday words or places: redacted only with context. */
export const WORD_NAMES: ReadonlySet<string> = readList("word-names.txt");
/** Common UK surnames: a word-name followed by one of these is a person ("Hope Williams"). */
export const SURNAMES: ReadonlySet<string> = readList("surnames.txt");
/** Word-names that mean the word when they start a sentence ("Hope is…", "Will I…"). */
export const SENTENCE_WORDS: ReadonlySet<string> = readList("sentence-words.txt");
