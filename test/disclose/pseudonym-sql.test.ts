import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { VARCHAR } from "@duckdb/node-api";
import { DEMO_PSEUDONYM_KEY, hmacSql, MIN_PSEUDONYM_LENGTH, pseudonym, pseudonymBitsSql, pseudonymCodeSql } from "../../loaders/disclose/pseudonym.ts";
import { secureRandomId } from "../../loaders/disclose/register.ts";
import { withDuckDB } from "../../loaders/publish/duckdb.ts";

/** Pseudonyms of `values` computed by DuckDB with the SQL the fast path uses. */
async function sqlPseudonyms(values: string[], key: string, length: number): Promise<string[]> {
  return withDuckDB(async (db) => {
    await db.run("CREATE TABLE v (i INTEGER, v VARCHAR)");
    const appender = await db.createAppender("v");
    values.forEach((value, i) => {
      appender.appendInteger(i);
      appender.appendValue(value, VARCHAR);
      appender.endRow();
    });
    appender.closeSync();
    const result = await db.runAndReadAll(`SELECT ${pseudonymCodeSql("x", length)} AS p FROM (SELECT i, ${pseudonymBitsSql("h")} AS x FROM (SELECT i, ${hmacSql("v", key)} AS h FROM v)) ORDER BY i`);
    return result.getColumnsJS()[0] as string[];
  });
}

/** Random IDs whose pseudonym would start with eight digits, so `pseudonymCode` changes its first character. */
function digitStarts(key: string, count: number): string[] {
  const found: string[] = [];
  while (found.length < count) {
    const id = secureRandomId("person_ref", "");
    // The digest's first five bits are the first character: a digit there, yet a letter in the code, is the change.
    const first = createHmac("sha256", key).update(id, "utf8").digest()[0]! >> 3;
    if (first < 10 && /^[a-z]/.test(pseudonym(id, key))) found.push(id);
  }
  return found;
}

describe("pseudonyms in SQL", () => {
  const ids = Array.from({ length: 3000 }, () => secureRandomId("person_ref", ""));

  it("equal pseudonym() for random IDs under the demo key, a long key and a non-ASCII key, at lengths 8 to 12", async () => {
    const keys = [DEMO_PSEUDONYM_KEY, "k".repeat(65) + "é".repeat(40), "clé secrète — ünïcode 🔑 key"];
    for (const key of keys) {
      for (let length = MIN_PSEUDONYM_LENGTH; length <= 12; length++) {
        expect(await sqlPseudonyms(ids.slice(0, 300), key, length)).toEqual(ids.slice(0, 300).map((id) => pseudonym(id, key, { length })));
      }
    }
    expect(await sqlPseudonyms(ids, DEMO_PSEUDONYM_KEY, 10)).toEqual(ids.map((id) => pseudonym(id, DEMO_PSEUDONYM_KEY)));
  });

  it("apply the change for a start of eight digits as pseudonymCode does", async () => {
    const special = digitStarts(DEMO_PSEUDONYM_KEY, 3);
    const expected = special.map((id) => pseudonym(id, DEMO_PSEUDONYM_KEY));
    // The JavaScript codes here start with the replacement letter and seven digits.
    for (const code of expected) expect(code).toMatch(/^[a-k][0-9]{7}/);
    expect(await sqlPseudonyms(special, DEMO_PSEUDONYM_KEY, 10)).toEqual(expected);
  }, 60_000);

  it("hash non-ASCII text as UTF-8 bytes", async () => {
    const values = ["zoë", "ärger", "日本", "a\u00a0b"];
    expect(await sqlPseudonyms(values, DEMO_PSEUDONYM_KEY, 10)).toEqual(values.map((v) => pseudonym(v, DEMO_PSEUDONYM_KEY)));
  });

  it("refuse lengths they cannot write and an empty key", () => {
    expect(() => pseudonymCodeSql("x", 13)).toThrow(RangeError);
    expect(() => pseudonymCodeSql("x", 7)).toThrow(RangeError);
    expect(() => hmacSql("v", "")).toThrow(RangeError);
  });
});
