import { describe, expect, it } from "vitest";
import { DEFAULT_OPTIONS, normaliseOptions, parseQuery, toQuery } from "../../src/embed/options.ts";

const REGIONS = ["north-east", "london", "wales"];

describe("embed options from the query string", () => {
  it("reads every option", () => {
    expect(parseQuery("?region=london&theme=dark&lang=cy&title=0&height=480&id=chart-1", REGIONS)).toEqual({
      region: "london",
      theme: "dark",
      lang: "cy",
      title: false,
      height: 480,
      id: "chart-1",
    });
  });

  it("falls back to the defaults with no query", () => {
    expect(parseQuery("", REGIONS)).toEqual(DEFAULT_OPTIONS);
  });

  it.each([
    ["region=atlantis", "region", null],
    ["region=London", "region", "london"],
    ["region=%3Cscript%3Ealert(1)%3C%2Fscript%3E", "region", null],
    ["region=london%22%20onload%3D%22x", "region", null],
    ["region=../../etc/passwd", "region", null],
    ["theme=purple", "theme", "auto"],
    ["theme=DARK", "theme", "dark"],
    ["lang=fr", "lang", "en"],
    ["title=1", "title", true],
    ["title=false", "title", false],
    ["height=abc", "height", null],
    ["height=-5", "height", null],
    ["height=50", "height", null],
    ["height=99999", "height", null],
    ["height=1e3", "height", null],
    ["height=600px", "height", 600],
    ["id=<b>", "id", null],
    [`id=${"x".repeat(65)}`, "id", null],
  ] as const)("%s gives %s = %s", (query, key, expected) => {
    expect(parseQuery(`?${query}`, REGIONS)[key]).toEqual(expected);
  });

  it("ignores a region on a chart that has none", () => {
    expect(parseQuery("?region=london", []).region).toBeNull();
  });

  it("takes the first of repeated keys", () => {
    expect(parseQuery("?region=wales&region=london", REGIONS).region).toBe("wales");
  });

  it("normalises loose module options (wrong types become defaults)", () => {
    expect(normaliseOptions({ region: 42, theme: null, title: false, height: 300 }, REGIONS)).toEqual({ ...DEFAULT_OPTIONS, title: false, height: 300 });
    expect(normaliseOptions({ region: { toString: () => "london" } }, REGIONS).region).toBeNull();
  });

  it("writes a query string with only the options that differ from the defaults", () => {
    expect(toQuery(DEFAULT_OPTIONS)).toBe("");
    expect(toQuery({ region: "london", theme: "dark", lang: "cy", title: false })).toBe("?region=london&theme=dark&lang=cy&title=0");
    const round = parseQuery(toQuery({ region: "wales", theme: "light", height: 500 }), REGIONS);
    expect(round).toEqual({ ...DEFAULT_OPTIONS, region: "wales", theme: "light", height: 500 });
  });
});
