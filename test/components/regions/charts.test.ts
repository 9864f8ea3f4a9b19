import { describe, expect, it } from "vitest";
import { comparisonFigure, comparisonTitle, type ComparisonMeasure } from "../../../src/components/regions/comparison.ts";
import { regionMeasures } from "../../../src/components/regions/measures.ts";
import { wilsonPercent } from "../../../src/lib/intervals.ts";
import { describeTileMap, tileMapFigure, tileMapTitle, type TileDatum, type TileRegion } from "../../../src/components/regions/tile-map.ts";
import { createDocument, expectSnapshot } from "../snapshot.ts";

const regions: TileRegion[] = [
  { name: "Scotland", slug: "scotland", tile_row: 1, tile_col: 2, short_name: "Scotland", abbreviation: "SCO" },
  { name: "North East", slug: "north-east", tile_row: 2, tile_col: 3, short_name: "North East", abbreviation: "NE" },
  { name: "Yorkshire and The Humber", slug: "yorkshire-and-the-humber", tile_row: 3, tile_col: 3, short_name: "Yorkshire & Humber", abbreviation: "YH" },
  { name: "Wales", name_cy: "Cymru", slug: "wales", tile_row: 4, tile_col: 1, short_name: "Wales", abbreviation: "WAL" },
];
const data: TileDatum[] = [
  { region: "Scotland", value: 40, base: 20 },
  { region: "North East", value: 75, base: 12 },
  { region: "Yorkshire and The Humber", value: 60, base: 10 },
  { region: "Wales", value: "[c]", base: "[c]" },
];
const measure = { label: "LEROs that evaluate their work", kind: "percent" as const, valueHeading: "% of LEROs", baseHeading: "LEROs" };

describe("regions tile map", () => {
  it("prints abbreviations and values on square tiles that link to region pages, [c] on hidden ones", () => {
    const element = tileMapFigure(regions, data, measure, { id: "regions-map", title: tileMapTitle(regions, data, measure), subtitle: "Percentage", source: "Fixture", width: 300, href: (slug) => `/regions/${slug}`, document: createDocument() });
    expectSnapshot("regions-tile-map-narrow", element);
    const links = [...element.querySelectorAll("svg a")];
    expect(links.map((a) => a.getAttribute("href"))).toEqual(["/regions/scotland", "/regions/north-east", "/regions/yorkshire-and-the-humber", "/regions/wales"]);
    // A tile is named by what it shows (WCAG 2.5.3): no aria-label that could differ from the visible text.
    expect(links[3]!.getAttribute("aria-label")).toBeNull();
    expect(links[3]!.textContent).toContain("[c]");
    const texts = [...element.querySelectorAll("svg a text")].map((t) => t.textContent);
    expect(texts).toEqual(["SCO", "40%", "NE", "75%", "YH", "60%", "WAL", "[c]"]);
    const rects = [...element.querySelectorAll("svg a rect")];
    expect(new Set(rects.map((r) => `${r.getAttribute("width")}x${r.getAttribute("height")}`)).size).toBe(1);
    expect(element.querySelector(".lero-chart-body")?.getAttribute("role")).toBe("group");
  });

  it("uses wrapped short names on wide tiles, and words its title from the data", () => {
    const element = tileMapFigure(regions, data, measure, { id: "regions-map", title: "Map", subtitle: "Percentage", source: "Fixture", width: 520, document: createDocument() });
    expectSnapshot("regions-tile-map-wide", element);
    expect([...element.querySelectorAll("svg a tspan")].map((t) => t.textContent)).toEqual(["Scotland", "North East", "Yorkshire &", "Humber", "Wales"]);
    expect(tileMapTitle(regions, data, measure)).toBe("LEROs that evaluate their work: from 40% in Scotland to 75% in North East");
    // With intervals that overlap, the regions are similar: the gap may be chance.
    const withIntervals = data.map((d) => (typeof d.value === "number" ? { ...d, interval: { value: d.value, low: d.value - 20, high: d.value + 20 } } : d));
    expect(tileMapTitle(regions, withIntervals, measure)).toBe("LEROs that evaluate their work: similar in every region shown (40% in Scotland to 75% in North East)");
    expect(describeTileMap(regions, data, measure)).toContain("1 region's value is hidden");
  });
});

describe("region beside the UK", () => {
  const measures: ComparisonMeasure[] = [
    { label: "LEROs in the audit", kind: "count", region: 14, uk: 150 },
    { label: "LEROs that evaluate their work", kind: "percent", region: 71.4, uk: 68, regionBase: "14 leros", ukBase: "150 leros" },
    { label: "Respondents who met stigma at their GP", kind: "percent", region: "[c]", uk: 81 },
    { label: "Mean BARC-10 total at intake", kind: "mean", region: 34.9, uk: 34.6 },
    { label: "Mean change in BARC-10, intake to 12 months", kind: "change", region: 8.6, uk: 8.7 },
  ];

  it("draws region and UK bars per measure, with [c] for hidden values", () => {
    const element = comparisonFigure(measures, { id: "region-comparison", regionName: "North East", subtitle: "Each measure on its own scale", source: "Fixture", width: 640, document: createDocument() });
    expectSnapshot("regions-comparison", element);
    expect(element.querySelector("h3")?.textContent).toBe("North East: LEROs that evaluate their work, 71.4% against 68% for the UK");
    const texts = [...element.querySelectorAll("svg text")].map((t) => t.textContent);
    expect(texts).toEqual(expect.arrayContaining(["[c]", "+8.6", "34.9"]));
    expect(comparisonTitle([{ label: "X", kind: "percent", region: "[c]", uk: 5 }], "Wales")).toBe("Wales: most figures are hidden to protect confidentiality");
  });

  it("draws 95% intervals, gives them in the table, and calls a gap higher or lower only when they do not overlap", () => {
    const close: ComparisonMeasure = { label: "Respondents who met stigma at their GP", kind: "percent", region: 68, uk: 65, regionInterval: wilsonPercent(68, 40)!, ukInterval: wilsonPercent(65, 4000)! };
    const far: ComparisonMeasure = { ...close, region: 85, regionInterval: wilsonPercent(85, 400)! };
    expect(comparisonTitle([close], "North East")).toBe("North East: respondents who met stigma at their GP, 68%, similar to the UK's 65%");
    expect(comparisonTitle([far], "North East")).toBe("North East: respondents who met stigma at their GP, 85%, higher than the UK's 65%");
    const element = comparisonFigure([close], { id: "region-intervals", regionName: "North East", subtitle: "Share", source: "Fixture", width: 640, document: createDocument() });
    // One rule and two end ticks per interval, for the region and the UK: six lines more than without.
    const bare = comparisonFigure([{ ...close, regionInterval: undefined, ukInterval: undefined } as ComparisonMeasure], { id: "region-bare", regionName: "North East", subtitle: "Share", source: "Fixture", width: 640, document: createDocument() });
    expect(element.querySelectorAll("svg line").length - bare.querySelectorAll("svg line").length).toBe(6);
    const cells = [...element.querySelectorAll("tbody td")].map((td) => td.textContent);
    expect(cells).toEqual(["68%", "53% to 80%", "", "65%", "64% to 66%", "", "similar to"]);
    expect(element.querySelector(".lero-chart-body")?.getAttribute("aria-label") ?? element.textContent).toContain("similar to the UK");
  });

  it("reads measures from the published tables, UK from the Total row", () => {
    const tables = {
      "regions-audit-evaluates": {
        rows: [
          { region: "Wales", evaluates: "Evaluates its work", count: "[c]", percent: null },
          { region: "Wales", evaluates: "Total", count: 4, percent: 100 },
          { region: "Total", evaluates: "Evaluates its work", count: 30, percent: 60 },
          { region: "Total", evaluates: "Total", count: 50, percent: 100 },
        ],
      },
    };
    const [leros, evaluates, stigma] = regionMeasures({ ...tables, "regions-stigma-gp": { rows: [] } }, {});
    expect(leros!.at("Wales")).toEqual({ value: 4, base: null });
    expect(evaluates!.at("Wales")).toEqual({ value: null, base: 4 });
    const total = evaluates!.at("Total");
    expect(total).toMatchObject({ value: 60, base: 50 });
    // The Wilson interval of 60% of 50 LEROs.
    expect(total.interval!.low).toBeCloseTo(46.2, 1);
    expect(total.interval!.high).toBeCloseTo(72.4, 1);
    expect(stigma!.at("Wales")).toEqual({ value: null, base: null });
    // A measure whose table is not published (its data is not yet collected) is left out.
    expect(regionMeasures(tables, {}).map((m) => m.id)).toEqual(["leros", "evaluates"]);
    const [intake] = regionMeasures({ "regions-barc-intake": { rows: [{ region: "Total", count: 40, mean_barc: 30.2, mean_barc_low: 28.1, mean_barc_high: 32.3 }] } }, {});
    expect(intake!.at("Total")).toEqual({ value: 30.2, base: 40, interval: { value: 30.2, low: 28.1, high: 32.3 } });
  });
});
