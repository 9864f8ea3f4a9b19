import { describe, expect, it } from "vitest";
import { NARROW, reportBarsFigure } from "../../../src/components/report/bars.ts";
import { createDocument, expectSnapshot } from "../snapshot.ts";

const data = [
  { label: "Job centre or employment service", value: 64.9 },
  { label: "GP", value: 81 },
  { label: "Dentist", value: "[c]" },
];
const options = {
  id: "narrow-test",
  title: "Stigma is met most often at the GP",
  subtitle: "Percentage who met stigma, by setting",
  source: "LERO Evidence, stigma survey",
  labelHeading: "Setting",
  valueHeading: "% who met stigma",
  measure: "percent" as const,
};

describe("report bars", () => {
  it("puts labels above the bars on a narrow screen", () => {
    const element = reportBarsFigure(data, { ...options, width: 300, document: createDocument() });
    expectSnapshot("report-bars-narrow", element);
    const texts = [...element.querySelectorAll("svg text")].map((t) => t.textContent);
    expect(texts).toContain("GP");
    expect(texts).toContain("81%");
    expect(texts).toContain("[c]");
    for (const rect of element.querySelectorAll("svg rect")) expect(Number(rect.getAttribute("width"))).toBeGreaterThanOrEqual(0);
    expect(element.querySelector("table")?.textContent).toContain("Job centre or employment service");
  });

  it("uses the standard bars when there is room", () => {
    const element = reportBarsFigure(data, { ...options, width: NARROW + 100, document: createDocument() });
    expect(element.querySelector("svg")?.getAttribute("width")).toBe(String(NARROW + 100));
    expect([...element.querySelectorAll("svg text")].map((t) => t.textContent)).toContain("GP");
    // The chart is one image to assistive technology: no labels on Plot's groups.
    expect(element.querySelectorAll(".lero-chart-body [aria-label]")).toHaveLength(0);
  });
});
