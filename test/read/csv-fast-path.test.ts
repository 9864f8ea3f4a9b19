import { describe, expect, it } from "vitest";
import { parseCsv, parseQuoted } from "../../loaders/read/csv.ts";

/** A tiny seeded generator, so a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

describe("the unquoted fast path", () => {
  it("gives exactly the records and lines of the general parser for 300 quote-free texts", () => {
    const next = random(42);
    const alphabet = ["a", "b", "é", " ", ",", ";", "\t", "\n", "\r\n", "\r", "1", "-", "="];
    for (let n = 0; n < 300; n++) {
      const length = Math.floor(next() * 200);
      let text = "";
      for (let i = 0; i < length; i++) text += alphabet[Math.floor(next() * alphabet.length)];
      for (const delimiter of [",", ";", "\t"]) {
        expect(parseCsv(text, delimiter, "x.csv"), JSON.stringify(text)).toEqual(parseQuoted(text, delimiter, "x.csv"));
      }
    }
  });
});
