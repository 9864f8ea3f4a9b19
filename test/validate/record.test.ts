import { describe, expect, it } from "vitest";
import { recordFactory } from "../../loaders/validate/record.ts";

describe("recordFactory", () => {
  it("builds records with the names in order, whatever characters they hold", () => {
    const make = recordFactory(["id", 'a "quoted" name', "line\nbreak", "x}); throw 1; ({"]);
    const record = make([1, 2, 3, 4]);
    expect(Object.keys(record)).toEqual(["id", 'a "quoted" name', "line\nbreak", "x}); throw 1; ({"]);
    expect(Object.values(record)).toEqual([1, 2, 3, 4]);
  });

  it("keeps __proto__ as an ordinary field", () => {
    const record = recordFactory(["id", "__proto__"])(["a", "b"]);
    expect(Object.getPrototypeOf(record)).toBe(Object.prototype);
    expect(Object.entries(record)).toEqual([["id", "a"], ["__proto__", "b"]]);
  });
});
