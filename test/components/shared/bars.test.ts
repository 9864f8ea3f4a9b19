import { describe, expect, it } from "vitest";
import { barsFigure, describeBars, type BarDatum } from "../../../src/components/shared/bars.ts";
import { createDocument, expectSnapshot } from "../snapshot.ts";

const settings: BarDatum[] = [
  { label: "GP", value: 62.5 },
  { label: "Hospital or A&E", value: 58 },
  { label: "Pharmacy", value: 21.3 },
  { label: "Dentist", value: "[c]" },
];

describe("bars", () => {
  it("draws percentages with suppressed values marked, in a figure", () => {
    const element = barsFigure(settings, {
      id: "stigma-by-setting",
      title: "Stigma is met most often at GP surgeries",
      subtitle: "Percentage of respondents who met enacted stigma, by setting",
      source: "LERO Evidence stigma survey (illustrative)",
      labelHeading: "Setting",
      valueHeading: "% of respondents",
      measure: "percent",
      width: 600,
      document: createDocument(),
    });
    expectSnapshot("bars-percent", element);
    const texts = [...element.querySelectorAll("svg text")].map((t) => t.textContent);
    expect(texts).toContain("62.5%");
    expect(texts).toContain("[c]");
    expect(element.querySelectorAll("svg rect").length).toBeGreaterThanOrEqual(3);
  });

  it("describes the largest and smallest values and how many are hidden", () => {
    expect(describeBars(settings, "percent")).toBe("Highest: GP, 62.5%. Lowest: Pharmacy, 21.3%. 1 value is hidden to protect confidentiality.");
    expect(describeBars([{ label: "A", value: "[c]" }])).toBe("All values are hidden to protect confidentiality.");
  });
});
