import { describe, expect, it } from "vitest";
import { loadPolicy } from "../../../loaders/disclose/policy.ts";
import {
  classifyColumn,
  formatShown,
  plainShown,
  protectAnyCount,
  protectCount,
  protectMean,
  protectQueryResult,
  protectShare,
  type ExplorePolicy,
} from "../../../src/components/explore/disclosure.ts";

// The same policy the page gets from src/data/disclosure.json.ts.
const full = loadPolicy();
const policy: ExplorePolicy = { person: full.person, organisation: full.organisation, symbols: full.symbols, csvEscape: full.csvEscape };

describe("the explorer's disclosure rule", () => {
  it("suppresses 1–7 people and rounds the rest to the nearest 5", () => {
    expect([0, 1, 7, 8, 12, 13, 7601].map((n) => protectCount(n, policy, "person"))).toEqual([0, "[c]", "[c]", 10, 10, 15, 7600]);
    expect(() => protectCount(2.5, policy, "person")).toThrow(RangeError);
    expect(() => protectCount(-1, policy, "person")).toThrow(RangeError);
  });

  it("suppresses 1–2 organisations and does not round", () => {
    expect([0, 1, 2, 3, 13].map((n) => protectCount(n, policy, "organisation"))).toEqual([0, "[c]", "[c]", 3, 13]);
  });

  it("hides means below the minimum base", () => {
    expect(protectMean(42.25, 9, policy, "person")).toBe("[c]");
    expect(protectMean(42.25, 10, policy, "person")).toBe(42.25);
    expect(protectMean(3.5, 3, policy, "organisation")).toBe(3.5);
    expect(protectMean(null, 0, policy, "person")).toBe("[x]");
  });

  it("works percentages out from rounded counts and hides them on a small base or a hidden part", () => {
    expect(protectShare(12, 48, policy, "person")).toBe(20); // 10 of 50
    expect(protectShare(5, 48, policy, "person")).toBe("[c]");
    expect(protectShare(0, 48, policy, "person")).toBe(0);
    expect(protectShare(8, 9, policy, "person")).toBe(100); // the base rounds to 10: the policy applies the minimum after rounding
    expect(protectShare(0, 7, policy, "person")).toBe("[c]");
    expect(protectShare(0, 0, policy, "person")).toBe("[x]");
  });

  it("formats figures for the page and for downloads", () => {
    expect(formatShown(12345)).toBe("12,345");
    expect(formatShown(41.26, "mean")).toBe("41.3");
    expect(formatShown(20, "percent")).toBe("20.0%");
    expect(formatShown("[c]", "percent")).toBe("[c]");
    expect(plainShown(12345)).toBe("12345");
    expect(plainShown(41.26, "mean")).toBe("41.3");
  });

  it("treats an aggregate as a count unless proven otherwise, and a row value or grouping value as itself", () => {
    expect(classifyColumn("row", [2024])).toBe("value");
    expect(classifyColumn("key", [2024, 2025])).toBe("value");
    expect(classifyColumn("statistic", [3.5])).toBe("statistic");
    expect(classifyColumn("aggregate", [3, 12.5, "12", null])).toBe("count");
    expect(classifyColumn("aggregate", ["n=12"])).toBe("hidden");
    expect(classifyColumn("aggregate", ["[3, 4]"])).toBe("hidden");
    expect(classifyColumn("aggregate", ["{'n': 3}"])).toBe("hidden");
    expect(protectAnyCount(-3, policy)).toBe("[c]");
    expect(protectAnyCount(-13, policy)).toBe(-15);
    expect(protectAnyCount("12", policy)).toBe(10);
    expect(protectAnyCount(12.5, policy)).toBe(15);
  });

  it("protects console results, hiding statistics beside a hidden count", () => {
    const result = protectQueryResult(
      [
        { name: "setting", type: "VARCHAR" },
        { name: "n", type: "BIGINT" },
        { name: "mean_score", type: "DOUBLE" },
      ],
      [
        ["GP", 123, 3.25],
        ["Dentist", 4, 2.5],
        ["Police", 0, null],
        ["Pharmacy", 9, 1.5],
      ],
      policy,
      ["key", "aggregate", "statistic"],
    );
    expect(result.columns.map((c) => c.kind)).toEqual(["value", "count", "statistic"]);
    expect(result.rows).toEqual([
      ["GP", 125, 3.25],
      ["Dentist", "[c]", "[c]"],
      ["Police", 0, null],
      ["Pharmacy", 10, "[c]"],
    ]);
    expect(result.hidden).toBe(3);
  });
});
