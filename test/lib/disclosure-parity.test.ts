/**
 * The build and the explorer protect figures with one set of rules (src/lib/disclosure-rules.ts): the
 * same inputs through both call sites give the same published figure or hide it alike.
 */
import { describe, expect, it } from "vitest";
import { percent, protectCount as buildCount, safeMean } from "../../loaders/disclose/cells.ts";
import { loadPolicy } from "../../loaders/disclose/policy.ts";
import { protectCount as exploreCount, protectMean, protectShare, type ExplorePolicy } from "../../src/components/explore/disclosure.ts";
import { LEVELS } from "../../src/lib/disclosure-rules.ts";

const full = loadPolicy();
// What the explorer page gets from src/data/disclosure.json.ts.
const explore: ExplorePolicy = { person: full.person, organisation: full.organisation, symbols: full.symbols, csvEscape: full.csvEscape };
const COUNTS = [...Array.from({ length: 61 }, (_, i) => i), 97, 98, 102, 103, 1234, 7601, 1_000_003];

describe("one set of disclosure rules for the build and the explorer", () => {
  for (const level of LEVELS) {
    it(`shows or hides every count alike (${level})`, () => {
      const build = COUNTS.map((n) => {
        const cell = buildCount(n, full, level);
        return cell.value ?? cell.symbol;
      });
      expect(COUNTS.map((n) => exploreCount(n, explore, level))).toEqual(build);
    });

    it(`works every percentage out alike from the shown counts (${level})`, () => {
      for (const base of COUNTS.filter((n) => n <= 60 || n === 1234)) {
        for (const part of COUNTS.filter((n) => n <= base)) {
          const fromBuild = percent(buildCount(part, full, level), buildCount(base, full, level), full, level);
          const fromExplorer = protectShare(part, base, explore, level);
          if (fromBuild === null) expect(typeof fromExplorer, `${part} of ${base}`).toBe("string");
          else expect(fromExplorer, `${part} of ${base}`).toBe(fromBuild);
        }
      }
    });

    it(`shows a mean only on the same bases (${level})`, () => {
      for (const n of COUNTS.filter((c) => c > 0 && c <= 60)) {
        const values = Array.from({ length: n }, (_, i) => (i % 6) + 1);
        const fromBuild = safeMean(values, full, level);
        const fromExplorer = protectMean(fromBuild ?? 3.5, n, explore, level);
        expect(typeof fromExplorer === "number", `base ${n}`).toBe(fromBuild !== null);
      }
    });
  }
});
