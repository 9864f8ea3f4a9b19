import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  DEMO_PSEUDONYM_KEY,
  MAX_PSEUDONYM_LENGTH,
  pseudonym,
  pseudonymCode,
  resolvePseudonymKey,
} from "../../loaders/disclose/pseudonym.ts";
import { PipelineError } from "../../loaders/types.ts";

const KEY = "test-key-0123456789abcdef";

describe("pseudonym", () => {
  it("is stable: a fixed value and key always give the same pseudonym", () => {
    expect(pseudonym("R_0042", KEY)).toBe(pseudonym("R_0042", KEY));
    // Pinned so that a change of algorithm, alphabet or normalisation cannot go unnoticed:
    // it would change every published pseudonym.
    expect(pseudonym("R_0042", KEY)).toMatchInlineSnapshot(`"x5emtnwydw"`);
    expect(pseudonym("R_0042", DEMO_PSEUDONYM_KEY, { length: 16 })).toMatchInlineSnapshot(`"8s3yj3z12satmrb8"`);
  });

  it("trims and case-folds the value first", () => {
    expect(pseudonym("  r_0042\t", KEY)).toBe(pseudonym("R_0042", KEY));
    // Composed and decomposed "é" are one value.
    expect(pseudonym("Zo\u00e9", KEY)).toBe(pseudonym("zoe\u0301", KEY));
  });

  it("depends on the key and on the value", () => {
    expect(pseudonym("R_0042", KEY)).not.toBe(pseudonym("R_0042", `${KEY}!`));
    expect(pseudonym("R_0042", KEY)).not.toBe(pseudonym("R_0043", KEY));
  });

  it("is the HMAC-SHA256 of the normalised value, read 5 bits at a time", () => {
    const digest = createHmac("sha256", KEY).update("r_0042").digest();
    const bits = [...digest].map((byte) => byte.toString(2).padStart(8, "0")).join("");
    const alphabet = "0123456789abcdefghjkmnpqrstvwxyz";
    const expected = Array.from({ length: 12 }, (_, i) => alphabet[parseInt(bits.slice(i * 5, i * 5 + 5), 2)]).join("");
    expect(pseudonym("R_0042", KEY, { length: 12 })).toBe(expected);
  });

  it("has the requested length, 10 by default, in lower-case Crockford base 32", () => {
    expect(pseudonym("x", KEY)).toMatch(/^[0-9a-hjkmnp-tv-z]{10}$/);
    for (const length of [8, 12, 26, MAX_PSEUDONYM_LENGTH]) {
      expect(pseudonym("x", KEY, { length })).toMatch(new RegExp(`^[0-9a-hjkmnp-tv-z]{${length}}$`));
    }
    // A shorter pseudonym is the start of a longer one: lengths can be raised without re-keying.
    expect(pseudonym("x", KEY, { length: 20 }).startsWith(pseudonym("x", KEY))).toBe(true);
  });

  it("never gives a code that reads as a number: eight leading digits get a letter first", () => {
    expect(pseudonymCode(new Uint8Array(32), 10)).toBe("a000000000");
    // 0x4a 0x52 0x94 0xa5 … is 01001 01001 01001 … in bits: "9999…", whose first digit becomes "k".
    const nines = Uint8Array.from({ length: 32 }, (_, i) => [0x4a, 0x52, 0x94, 0xa5, 0x29][i % 5]!);
    expect(pseudonymCode(nines, 12)).toBe("k99999999999");
    expect(pseudonymCode(nines, 8)).toBe("k9999999");
    // A letter as the eighth character (bits 35–39 = 01010) is enough: nothing changes.
    const eighth = new Uint8Array(32);
    eighth[4] = 0x0a;
    expect(pseudonymCode(eighth, 10)).toBe("0000000a00");
    // A letter only as the ninth (bits 40–44) is not: the code would start with eight digits.
    const ninth = new Uint8Array(32);
    ninth[5] = 0x50;
    expect(pseudonymCode(ninth, 10)).toBe("a0000000a0");
    for (let i = 0; i < 5_000; i++) expect(pseudonym(`p${i}`, KEY).slice(0, 8)).toMatch(/[a-z]/);
  });

  it("puts a prefix in front without hashing it", () => {
    expect(pseudonym("R_0042", KEY, { prefix: "P-" })).toBe(`P-${pseudonym("R_0042", KEY)}`);
  });

  it("gives different values different pseudonyms (no collisions in 20,000)", () => {
    const seen = new Set<string>();
    for (let i = 0; i < 20_000; i++) seen.add(pseudonym(`person-${i}`, KEY));
    expect(seen.size).toBe(20_000);
  });

  it.each([7, 52, 9.5, 0])("refuses a length of %s", (length) => {
    expect(() => pseudonym("x", KEY, { length })).toThrow(RangeError);
    expect(() => pseudonym("x", KEY, { length })).toThrow(/from 8 to 51/);
  });

  it("refuses a blank value and an empty key", () => {
    expect(() => pseudonym("   ", KEY)).toThrow(/blank value/);
    expect(() => pseudonym("x", "")).toThrow(/needs a key/);
  });
});

describe("resolvePseudonymKey", () => {
  it("gives sample builds the demo key, whatever the environment says", () => {
    expect(resolvePseudonymKey({ sample: true, env: {} })).toBe(DEMO_PSEUDONYM_KEY);
    expect(resolvePseudonymKey({ sample: true, env: { LERO_PSEUDONYM_KEY: KEY } })).toBe(DEMO_PSEUDONYM_KEY);
  });

  it("gives a real build the key from LERO_PSEUDONYM_KEY", () => {
    expect(resolvePseudonymKey({ sample: false, env: { LERO_PSEUDONYM_KEY: KEY } })).toBe(KEY);
  });

  function failure(env: Record<string, string | undefined>): PipelineError {
    try {
      resolvePseudonymKey({ sample: false, env });
    } catch (error) {
      return error as PipelineError;
    }
    throw new Error("expected resolvePseudonymKey to throw");
  }

  it("stops a real build without the key, saying how to set it", () => {
    for (const env of [{}, { LERO_PSEUDONYM_KEY: "" }, { LERO_PSEUDONYM_KEY: "   " }]) {
      const error = failure(env);
      expect(error).toBeInstanceOf(PipelineError);
      expect(error.code).toBe("scheme-error");
      expect(error.message).toMatch(/^LERO_PSEUDONYM_KEY is not set\./);
      expect(error.message).toContain("export LERO_PSEUDONYM_KEY=<the key>");
      expect(error.message).toContain("randomBytes(32)");
      expect(error.message).toContain("Keep it secret");
      expect(error.message).toContain("same key for every build");
    }
  });

  it("refuses a key shorter than 16 characters", () => {
    const error = failure({ LERO_PSEUDONYM_KEY: "short-key-15chr" });
    expect(error.code).toBe("scheme-error");
    expect(error.message).toMatch(/^LERO_PSEUDONYM_KEY is 15 characters long; it must be at least 16\./);
    expect(resolvePseudonymKey({ sample: false, env: { LERO_PSEUDONYM_KEY: "sixteen-chars-ok" } })).toBe("sixteen-chars-ok");
  });

  it("refuses the public demo key in a real build", () => {
    const error = failure({ LERO_PSEUDONYM_KEY: DEMO_PSEUDONYM_KEY });
    expect(error.code).toBe("scheme-error");
    expect(error.message).toMatch(/public demo key/);
  });

  it("reads process.env when no environment is given", () => {
    const saved = process.env.LERO_PSEUDONYM_KEY;
    process.env.LERO_PSEUDONYM_KEY = KEY;
    try {
      expect(resolvePseudonymKey({ sample: false })).toBe(KEY);
    } finally {
      if (saved === undefined) delete process.env.LERO_PSEUDONYM_KEY;
      else process.env.LERO_PSEUDONYM_KEY = saved;
    }
  });
});
