/**
 * Pseudonyms for identifiers (DESIGN.md §5): a keyed hash, so the same person gets the same
 * pseudonym in every dataset and every build, and nobody without the key can go back or test a guess.
 */
import { createHash, createHmac } from "node:crypto";
import { PipelineError } from "../types.ts";

/**
 * The key sample builds use. It is public (it is in this file), so it protects nothing: it only makes
 * the sample site reproducible. A real build refuses it.
 */
export const DEMO_PSEUDONYM_KEY = "lero-evidence-DEMO-ONLY-public-sample-key";

/** The environment variable that holds the secret key of a real build. */
export const PSEUDONYM_KEY_VARIABLE = "LERO_PSEUDONYM_KEY";

export const MIN_KEY_LENGTH = 16;
export const MIN_PSEUDONYM_LENGTH = 8;
/** 256 bits of HMAC-SHA256 give 51 whole base-32 characters. */
export const MAX_PSEUDONYM_LENGTH = 51;

// Crockford's base 32 in lower case: no i, l, o or u, so a pseudonym read aloud or copied by hand
// cannot be mistaken for another.
const ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz";

export interface PseudonymOptions {
  /** How many base-32 characters to keep, 8 to 51 (default 10, i.e. 50 bits). */
  length?: number;
  /** Text put in front, naming what kind of identifier it is, e.g. `"P-"` gives `"P-3f9k2m7q1x"`. */
  prefix?: string;
}

/**
 * The pseudonym of an identifier: HMAC-SHA256 under `key` of the trimmed, NFC-normalised,
 * lower-cased value, in lower-case Crockford base 32, cut to `length`, after `prefix`.
 * The prefix is not hashed: the same value gets the same code whatever prefix it is shown with.
 *
 * @example
 * pseudonym(" ID-0042 ", key) === pseudonym("id-0042", key) // true
 * pseudonym("ID-0042", key, { prefix: "P-", length: 12 })   // "P-" + 12 characters
 */
export function pseudonym(value: string, key: string, options: PseudonymOptions = {}): string {
  const { length = 10, prefix = "" } = options;
  if (!Number.isInteger(length) || length < MIN_PSEUDONYM_LENGTH || length > MAX_PSEUDONYM_LENGTH) {
    throw new RangeError(
      `A pseudonym length must be a whole number from ${MIN_PSEUDONYM_LENGTH} to ${MAX_PSEUDONYM_LENGTH}, not ${length}.`,
    );
  }
  if (key === "") throw new RangeError("A pseudonym needs a key: use resolvePseudonymKey().");
  const normalised = value.trim().normalize("NFC").toLowerCase();
  if (normalised === "") {
    // Every blank would get the same pseudonym and so link rows that have nothing in common.
    throw new RangeError("Cannot make a pseudonym of a blank value: treat a blank identifier as missing (null).");
  }
  const digest = createHmac("sha256", key).update(normalised, "utf8").digest();
  return prefix + pseudonymCode(digest, length);
}

/**
 * The first `length` base-32 characters of a digest, with one change: when the first eight characters
 * are all digits, the first digit d becomes the letter at position 10 + d of the alphabet. About one
 * ten-character code in 110,000 would otherwise be all digits, and some of those pass the NHS-number
 * check or look like a phone number, so the disclosure audit would rightly stop the build. With a
 * letter among the first eight characters, no pseudonym reads as a number of any kind, and a shorter
 * pseudonym is still the start of a longer one. (A changed code may now equal one that starts with
 * that letter; the chance is far below that of any two 50-bit codes colliding.)
 */
export function pseudonymCode(digest: Uint8Array, length: number): string {
  // Only the bytes the first `length` characters are made of are encoded (base 32 drops a last partial group).
  const code = base32(digest.subarray(0, Math.ceil((length * 5) / 8))).slice(0, length);
  return /^[0-9]+$/.test(code.slice(0, MIN_PSEUDONYM_LENGTH)) ? ALPHABET[10 + Number(code[0])]! + code.slice(1) : code;
}

/**
 * The pseudonym key for a build. Sample builds use `DEMO_PSEUDONYM_KEY`; a real build takes the
 * secret from `LERO_PSEUDONYM_KEY` and stops with a `scheme-error` when it is missing or weak.
 */
export function resolvePseudonymKey(options: { sample: boolean; env?: NodeJS.ProcessEnv }): string {
  if (options.sample) return DEMO_PSEUDONYM_KEY;
  const key = (options.env ?? process.env)[PSEUDONYM_KEY_VARIABLE];
  if (key === undefined || key.trim() === "") {
    throw new PipelineError("scheme-error", `${PSEUDONYM_KEY_VARIABLE} is not set. ${HOW_TO_SET_KEY}`);
  }
  if (key === DEMO_PSEUDONYM_KEY) {
    throw new PipelineError(
      "scheme-error",
      `${PSEUDONYM_KEY_VARIABLE} is the public demo key, which protects nothing in a real build. ${HOW_TO_SET_KEY}`,
    );
  }
  if (key.length < MIN_KEY_LENGTH) {
    throw new PipelineError(
      "scheme-error",
      `${PSEUDONYM_KEY_VARIABLE} is ${key.length} characters long; it must be at least ${MIN_KEY_LENGTH}. ${HOW_TO_SET_KEY}`,
    );
  }
  return key;
}

const HOW_TO_SET_KEY =
  `A real build pseudonymises identifiers with a secret key. Make one with ` +
  `\`node -e "console.log(require('node:crypto').randomBytes(32).toString('base64url'))"\`, ` +
  `then set it before building, e.g. \`export ${PSEUDONYM_KEY_VARIABLE}=<the key>\` (or as a secret in CI). ` +
  `Keep it secret: anyone with it can test guessed identifiers against the published pseudonyms. ` +
  `Keep it stable: use the same key for every build, or every pseudonym changes and rows no longer link across builds.`;

function base32(bytes: Uint8Array): string {
  let out = "";
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      out += ALPHABET[(buffer >>> bits) & 31];
    }
    buffer &= (1 << bits) - 1;
  }
  return out;
}

/**
 * The same pseudonyms computed by DuckDB, for the fast path (`loaders/pipeline/fast.ts`), in three
 * steps (store the bits before writing the code from them: a query that nests the steps has DuckDB
 * inline the hash into every use of the bits, twenty hashes an identifier): `hmacSql` gives HMAC-SHA256 (RFC 2104) of a text under `key` as hexadecimal,
 * built from DuckDB's `sha256` over the key's inner and outer pads; `pseudonymBitsSql` takes the
 * digest's first 60 bits as a whole number; `pseudonymCodeSql` writes its first `length` base-32
 * characters with `pseudonymCode`'s change for a start of eight digits. The message must already be
 * in the form `pseudonym` hashes (trimmed, NFC, lower case), as the register's random IDs are.
 * `test/disclose/pseudonym-sql.test.ts` checks them against `pseudonym` itself.
 */
export function hmacSql(message: string, key: string): string {
  if (key === "") throw new RangeError("A pseudonym needs a key: use resolvePseudonymKey().");
  // A key longer than SHA-256's 64-byte block is hashed first; a shorter one is padded with zeros.
  let block = Buffer.from(key, "utf8");
  if (block.length > 64) block = createHash("sha256").update(block).digest();
  const padded = Buffer.concat([block, Buffer.alloc(64 - block.length)]);
  const pad = (byte: number) => Buffer.from(padded.map((b) => b ^ byte)).toString("hex");
  const inner = `sha256(unhex('${pad(0x36)}') || encode(${message}))`;
  return `sha256(unhex('${pad(0x5c)}') || unhex(${inner}))`;
}

/** The first 60 bits of a hexadecimal digest as a BIGINT (enough for 12 base-32 characters). */
export function pseudonymBitsSql(digestHex: string): string {
  return `('0x' || left(${digestHex}, 15))::BIGINT`;
}

/** The pseudonym (no prefix) from `pseudonymBitsSql`'s number, as `pseudonymCode` writes it; `length` 8 to 12. */
export function pseudonymCodeSql(bits: string, length = 10): string {
  if (!Number.isInteger(length) || length < MIN_PSEUDONYM_LENGTH || length > 12) throw new RangeError(`The SQL pseudonym takes a length from ${MIN_PSEUDONYM_LENGTH} to 12, not ${length}.`);
  const digit = (i: number) => `((${bits} >> ${55 - 5 * i}) & 31)`;
  const char = (index: string) => `substr('${ALPHABET}', (${index})::INTEGER + 1, 1)`;
  const allDigits = Array.from({ length: MIN_PSEUDONYM_LENGTH }, (_, i) => `${digit(i)} < 10`).join(" AND ");
  const first = `CASE WHEN ${allDigits} THEN ${char(`10 + ${digit(0)}`)} ELSE ${char(digit(0))} END`;
  return [first, ...Array.from({ length: length - 1 }, (_, i) => char(digit(i + 1)))].join(" || ");
}
