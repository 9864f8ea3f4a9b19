/** Snapshot of an embed variant as the build writes it (wide and narrow chart, table, source, link back). */
import { describe, expect, it } from "vitest";
import { renderVariant } from "../../../scripts/embed/render.ts";
import { findChart, type EmbedRegion, type Tables } from "../../../src/embed/catalogue.ts";
import { createDocument, expectSnapshot } from "../snapshot.ts";

const REGIONS: EmbedRegion[] = [
  { name: "North East", name_cy: "Gogledd Ddwyrain Lloegr", slug: "north-east", tile_row: 2, tile_col: 3, short_name: "North East", abbreviation: "NE" },
  { name: "Wales", name_cy: "Cymru", slug: "wales", tile_row: 4, tile_col: 1, short_name: "Wales", abbreviation: "WAL" },
];

const settings = ["GP", "Pharmacy", "Police"];
const TABLES: Tables = {
  "embed-stigma-enacted-by-region": {
    id: "embed-stigma-enacted-by-region",
    title: "People who met enacted stigma, by setting and region",
    level: "person",
    unit: "people",
    dimensions: ["region", "setting"],
    measures: ["count", "enacted_count", "percent"],
    totalLabel: "Total",
    rows: [
      ...settings.map((setting, i) => ({ region: "North East", setting, count: 40 - i * 10, enacted_count: i === 2 ? "[c]" : 20 - i * 5, percent: i === 2 ? null : Math.round((1000 * (20 - i * 5)) / (40 - i * 10)) / 10 })),
      ...settings.map((setting) => ({ region: "Wales", setting, count: 50, enacted_count: 25, percent: 50 })),
      ...settings.map((setting) => ({ region: "Total", setting, count: 90, enacted_count: 45, percent: 50 })),
    ],
    notes: ["Enacted stigma: a fixture note."],
  },
  "embed-barc-mean-by-region": {
    id: "embed-barc-mean-by-region",
    title: "Mean BARC-10 total at each assessment, by region",
    level: "person",
    unit: "people",
    dimensions: ["region", "assessment"],
    measures: ["count", "mean_barc"],
    totalLabel: "Total",
    rows: ["Intake", "3 months", "6 months", "12 months"].flatMap((assessment, i) => [
      { region: "Wales", assessment, count: i === 3 ? "[c]" : 100 - i * 20, mean_barc: i === 3 ? null : 34 + i * 3 },
      { region: "Total", assessment, count: 500 - i * 100, mean_barc: 35 + i * 3 },
    ]),
  },
};

describe("embed variants", () => {
  it("stigma by setting for one region", () => {
    const variant = renderVariant(findChart("stigma-by-setting")!, TABLES, REGIONS, REGIONS[0]!, true);
    const doc = createDocument();
    const box = doc.createElement("div");
    box.innerHTML = variant.html;
    expectSnapshot("embed-stigma-north-east", box);
    expect(box.querySelectorAll(".lero-embed-wide svg, .lero-embed-narrow svg")).toHaveLength(2);
    expect([...box.querySelectorAll("tbody th")].map((th) => th.textContent).sort()).toEqual([...settings].sort());
    expect(box.textContent).toContain("[c]");
    expect(box.querySelector(".lero-embed-footer a")!.getAttribute("target")).toBe("_top");
    expect(box.textContent).toContain("Illustrative data");
    // The narrow chart's ids do not clash with the wide one's.
    const ids = [...box.querySelectorAll("[id]")].map((el) => el.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("outcomes over time for one region, with a hidden last point", () => {
    const variant = renderVariant(findChart("outcomes-over-time")!, TABLES, REGIONS, REGIONS[1]!, false);
    const doc = createDocument();
    const box = doc.createElement("div");
    box.innerHTML = variant.html;
    expectSnapshot("embed-outcomes-wales", box);
    expect(box.textContent).toContain("people assessed in Wales");
    expect(box.textContent).not.toContain("Illustrative data");
    expect(variant.svg).toMatch(/^<svg[^>]+xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  });
});
