import { describe, expect, it } from "vitest";
import { colourFit, colourProblem, contrastRatio, DEFAULT_OPTIONS, normaliseOptions, parseHexColour, parseQuery, toQuery } from "../../src/embed/options.ts";

const REGIONS = ["north-east", "london", "wales"];

describe("embed options from the query string", () => {
  it("reads every option", () => {
    expect(parseQuery("?region=london&theme=dark&lang=cy&title=0&height=480&id=chart-1&colour=8CC4F5", REGIONS)).toEqual({
      region: "london",
      theme: "dark",
      lang: "cy",
      title: false,
      height: 480,
      id: "chart-1",
      colour: "#8cc4f5",
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
    ["colour=7b2d8e", "colour", "#7b2d8e"],
    ["colour=%237B2D8E", "colour", "#7b2d8e"],
    ["color=7b2d8e", "colour", "#7b2d8e"],
    ["colour=a3c", "colour", "#aa33cc"],
    ["colour=red", "colour", null],
    ["colour=7b2d8e;background:url(x)", "colour", null],
    ["colour=var(--x)", "colour", null],
    // Pale yellow on white, and navy on the dark background, cannot be seen: the default stays.
    ["colour=ffe680&theme=light", "colour", null],
    ["colour=1a2b4c&theme=dark", "colour", null],
    ["colour=1a2b4c&theme=light", "colour", "#1a2b4c"],
    // With the reader's theme, a colour is kept for the background it stands out from.
    ["colour=1a2b4c", "colour", "#1a2b4c"],
    [`id=${"x".repeat(65)}`, "id", null],
  ] as const)("%s gives %s = %s", (query, key, expected) => {
    expect(parseQuery(`?${query}`, REGIONS)[key]).toEqual(expected);
  });

  it("measures contrast as WCAG does and says how to fix a colour that is too faint", () => {
    expect(contrastRatio("#000000", "#ffffff")).toBeCloseTo(21, 5);
    expect(contrastRatio("#767676", "#ffffff")).toBeCloseTo(4.54, 2);
    expect(contrastRatio("#ffffff", "#767676")).toBeCloseTo(4.54, 2);
    expect(colourProblem("#0072b2", "auto")).toBeNull();
    expect(colourFit("#0072b2", "auto")).toEqual({ light: true, dark: true });
    expect(colourProblem("#ffe680", "light")).toBe(
      "#ffe680 has a contrast of 1.2:1 with the light background, and bars and lines need at least 3:1 to be seen, so the chart keeps its own colour. Pick a darker colour to use it there.",
    );
    expect(colourFit("#1a2b4c", "auto")).toEqual({ light: true, dark: false });
    expect(colourFit("#1a2b4c", "dark")).toEqual({ light: false, dark: false });
    expect(colourProblem("#1a2b4c", "auto")).toMatch(/^#1a2b4c has a contrast of 1\.\d:1 with the dark background, .* on the dark background \(for readers who use dark mode\) the chart keeps its own colour\. Pick a lighter colour to use it there\.$/);
    expect(parseHexColour("#12345")).toBeNull();
    expect(parseHexColour(0x123456)).toBeNull();
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
