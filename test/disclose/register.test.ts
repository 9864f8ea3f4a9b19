/**
 * The pseudonym register: random IDs drawn once per identifier and kept, saved atomically, refused
 * when malformed, and never silently replaced after a real release.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { pseudonym } from "../../loaders/disclose/pseudonym.ts";
import {
  NEW_REGISTER_VARIABLE,
  openRegister,
  PseudonymRegister,
  REGISTER_FILE,
  REGISTER_VARIABLE,
  secureRandomId,
  seededRandomId,
} from "../../loaders/disclose/register.ts";
import { PipelineError } from "../../loaders/types.ts";

function temp(): string {
  return mkdtempSync(join(tmpdir(), "lero-register-"));
}

const HEADER = "kind,identifier,random_id\n";
const ID_A = "0123456789abcdef0123456789abcdef";
const ID_B = "fedcba9876543210fedcba9876543210";

describe("PseudonymRegister", () => {
  it("draws one random ID per identifier and kind, comparing identifiers trimmed and in lower case", () => {
    const register = PseudonymRegister.inMemory(secureRandomId);
    const id = register.idOf("person_ref", "L114-000001");
    expect(id).toMatch(/^[0-9a-f]{32}$/);
    expect(register.idOf("person_ref", " l114-000001 ")).toBe(id);
    expect(register.idOf("lero_ref", "L114-000001")).not.toBe(id);
    expect(register.idOf("person_ref", "L114-000002")).not.toBe(id);
    expect(register.added).toBe(3);
    expect(register.size).toBe(3);
    expect(() => register.idOf("person_ref", "  ")).toThrow(/blank identifier/);
  });

  it("makes pseudonyms that cannot be tested against a guessed identifier, even with the key", () => {
    const key = "a-secret-key-that-leaked-0123456789";
    const register = PseudonymRegister.inMemory(secureRandomId);
    const published = pseudonym(register.idOf("person_ref", "L114-000001"), key);
    expect(published).not.toBe(pseudonym("L114-000001", key));
    // Two registers started afresh give the same person different IDs: only the register links them.
    expect(PseudonymRegister.inMemory(secureRandomId).idOf("person_ref", "L114-000001")).not.toBe(register.idOf("person_ref", "L114-000001"));
  });

  it("draws again when the source gives an ID already in use, and stops if it keeps doing so", () => {
    const ids = [ID_A, ID_A, ID_B];
    const register = PseudonymRegister.inMemory(() => ids.shift()!);
    expect(register.idOf("person_ref", "one")).toBe(ID_A);
    expect(register.idOf("person_ref", "two")).toBe(ID_B);
    let draws = 0;
    const stuck = PseudonymRegister.inMemory(() => (draws++, ID_A));
    stuck.idOf("person_ref", "one");
    expect(() => stuck.idOf("person_ref", "two")).toThrow(/already in use 4 times/);
    // One draw for "one", four for "two"; nothing of "two" is kept.
    expect(draws).toBe(5);
    expect(stuck.size).toBe(1);
    expect(() => PseudonymRegister.inMemory(() => "not-hex").idOf("person_ref", "one")).toThrow(/hexadecimal/);
  });

  it("saves sorted, readable only by its owner, and gives the same IDs when loaded again", async () => {
    const file = join(temp(), "private", REGISTER_FILE);
    const register = PseudonymRegister.load(file, secureRandomId);
    expect(register.loadedFromFile).toBe(false);
    const ids = ["b-2", "a-1", "c-3"].map((value) => register.idOf("person_ref", value));
    const lero = register.idOf("lero_ref", "Skylight Recovery, Quenley");
    await register.save();
    const lines = readFileSync(file, "utf8").trim().split("\n");
    expect(lines[0]).toBe("kind,identifier,random_id");
    expect(lines.slice(1).map((line) => line.split(",")[1])).toEqual(['"skylight recovery', "a-1", "b-2", "c-3"]);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readdirSync(join(file, ".."))).toEqual([REGISTER_FILE]);

    const again = PseudonymRegister.load(file, () => {
      throw new Error("no new identifier should be drawn");
    });
    expect(again.loadedFromFile).toBe(true);
    expect(["b-2", "a-1", "c-3"].map((value) => again.idOf("person_ref", value))).toEqual(ids);
    expect(again.idOf("lero_ref", "skylight recovery, quenley")).toBe(lero);
    expect(again.added).toBe(0);
  });

  it("leaves an unchanged register file untouched", async () => {
    const file = join(temp(), REGISTER_FILE);
    writeFileSync(file, `${HEADER}person_ref,a-1,${ID_A}\n`);
    const before = statSync(file).mtimeMs;
    const register = PseudonymRegister.load(file, secureRandomId);
    register.idOf("person_ref", "A-1");
    await new Promise((resolve) => setTimeout(resolve, 20));
    await register.save();
    expect(statSync(file).mtimeMs).toBe(before);
  });

  it("refuses a malformed register with its line and column, and says to restore it rather than edit it", () => {
    const cases: [string, RegExp][] = [
      ["person,identifier,random_id\n", /line 1 must be the header/],
      [`${HEADER}person_ref,a-1\n`, /line 2 has 2 columns/],
      [`${HEADER}person_ref,A-1,${ID_A}\n`, /line 2, column 2 \(identifier\)/],
      [`${HEADER}person_ref,a-1,${ID_A.toUpperCase()}\n`, /line 2, column 3 \(random_id\)/],
      [`${HEADER},a-1,${ID_A}\n`, /line 2, column 1 \(kind\) is blank/],
      [`${HEADER}person_ref,a-1,${ID_A}\nperson_ref,a-1,${ID_B}\n`, /line 3 repeats an identifier/],
      [`${HEADER}person_ref,a-1,${ID_A}\nperson_ref,a-2,${ID_A}\n`, /line 3 gives kind "person_ref" the same random_id as line 2/],
    ];
    for (const [text, message] of cases) {
      const file = join(temp(), REGISTER_FILE);
      writeFileSync(file, text);
      let error: unknown;
      try {
        PseudonymRegister.load(file, secureRandomId);
      } catch (caught) {
        error = caught;
      }
      expect(error, text).toBeInstanceOf(PipelineError);
      expect((error as PipelineError).message, text).toMatch(message);
      expect((error as PipelineError).message).toMatch(/restore it from your backup/);
      expect((error as PipelineError).file).toBe(file);
    }
  });
});

describe("openRegister", () => {
  const seed = "the-public-demo-seed";

  it("keeps a real build's register beside the exports, or where LERO_PSEUDONYM_REGISTER says", () => {
    const dataDir = temp();
    const reviewDir = temp();
    const base = { dataDir, reviewDir, sample: false, realReleaseExists: false, sampleSeed: seed };
    expect(openRegister({ ...base, env: {} }).file).toBe(join(dataDir, REGISTER_FILE));
    const elsewhere = join(temp(), "vault", "register.csv");
    expect(openRegister({ ...base, env: { [REGISTER_VARIABLE]: elsewhere } }).file).toBe(elsewhere);
  });

  it("gives the sample reproducible IDs from the public seed and keeps its register in the review folder", () => {
    const where = { dataDir: temp(), reviewDir: temp(), sample: true, env: {}, realReleaseExists: true, sampleSeed: seed };
    const one = openRegister(where);
    const two = openRegister({ ...where, reviewDir: temp() });
    expect(one.file).toBe(join(where.reviewDir, REGISTER_FILE));
    expect(one.idOf("person_ref", "L114-000001")).toBe(two.idOf("person_ref", "L114-000001"));
    expect(one.idOf("person_ref", "L114-000001")).toBe(seededRandomId(seed)("person_ref", "l114-000001"));
    expect(seededRandomId("another seed")("person_ref", "l114-000001")).not.toBe(one.idOf("person_ref", "L114-000001"));
  });

  it("stops a real build whose register is missing after a real release, unless a new one is asked for", () => {
    const where = { dataDir: temp(), reviewDir: temp(), sample: false, realReleaseExists: true, sampleSeed: seed };
    expect(() => openRegister({ ...where, env: {} })).toThrow(PipelineError);
    expect(() => openRegister({ ...where, env: {} })).toThrow(/is missing, but a release built from real data has already been published/);
    expect(existsSync(join(where.dataDir, REGISTER_FILE))).toBe(false);
    expect(openRegister({ ...where, env: { [NEW_REGISTER_VARIABLE]: "1" } }).loadedFromFile).toBe(false);
    // With the register in place the same build goes ahead.
    writeFileSync(join(where.dataDir, REGISTER_FILE), `${HEADER}person_ref,a-1,${ID_A}\n`);
    expect(openRegister({ ...where, env: {} }).idOf("person_ref", "a-1")).toBe(ID_A);
  });
});
