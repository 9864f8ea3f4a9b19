import { describe, expect, it } from "vitest";
import { scalesFigure, scalesTitle, type ScalesRow } from "../../../src/components/stigma/scales.ts";
import { createDocument, expectSnapshot } from "../snapshot.ts";

const rows: ScalesRow[] = [
  { setting: "GP", count: 1000, mean_enacted: 2.6, mean_enacted_low: 2.55, mean_enacted_high: 2.65, mean_anticipated: 3.1, mean_anticipated_low: 3.05, mean_anticipated_high: 3.15, mean_internalised: 2.3, mean_internalised_low: 2.25, mean_internalised_high: 2.35 },
  { setting: "Pharmacy", count: 680, mean_enacted: 1.8, mean_enacted_low: 1.75, mean_enacted_high: 1.85, mean_anticipated: 2, mean_anticipated_low: 1.95, mean_anticipated_high: 2.05, mean_internalised: 2.3, mean_internalised_low: 2.25, mean_internalised_high: 2.35 },
  { setting: "Police", count: "[c]", mean_enacted: null, mean_anticipated: null, mean_internalised: null },
];

describe("stigma scales by setting", () => {
  it("draws three kinds of stigma per setting, with a hidden setting listed as [c]", () => {
    const element = scalesFigure(rows, { id: "stigma-kinds", source: "Stigma survey (test)", width: 640, document: createDocument() });
    expectSnapshot("stigma-scales", element);
    expect(element.querySelector("h3")?.textContent).toBe("People expect stigma even more than they meet it: anticipated stigma is higher than enacted in both settings");
    const texts = [...element.querySelectorAll("svg text")].map((t) => t.textContent);
    expect(texts).toContain("Enacted (met)");
    expect(texts.some((t) => t?.endsWith("[c]"))).toBe(true);
    expect(element.querySelector(".lero-chart-description")?.textContent).toContain("GP: enacted 2.6, anticipated 3.1, internalised 2.3");
  });

  it("says when people meet more stigma than they expect", () => {
    expect(scalesTitle([{ setting: "GP", count: 100, mean_enacted: 3, mean_enacted_low: 2.95, mean_enacted_high: 3.05, mean_anticipated: 2, mean_anticipated_low: 1.95, mean_anticipated_high: 2.05, mean_internalised: 2, mean_internalised_low: 1.95, mean_internalised_high: 2.05 }])).toBe("People meet more stigma than they expect in 1 of 1 settings");
  });
});
