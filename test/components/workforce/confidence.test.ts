import { describe, expect, it } from "vitest";
import { confidenceFigure, confidenceTitle, describeConfidence, type ConfidenceRow } from "../../../src/components/workforce/confidence.ts";
import { createDocument, expectSnapshot } from "../snapshot.ts";

const rows: ConfidenceRow[] = [
  { skill: "Research ethics and consent", cohort: "Cohort 1", count: 30, mean_before: 2.4, mean_before_low: 2.35, mean_before_high: 2.45, mean_after: 3.8, mean_after_low: 3.75, mean_after_high: 3.85 },
  { skill: "Research ethics and consent", cohort: "Cohort 2", count: "[c]", mean_before: null, mean_after: null },
  { skill: "Research ethics and consent", cohort: "Total", count: 35, mean_before: 2.4, mean_before_low: 2.35, mean_before_high: 2.45, mean_after: 3.9, mean_after_low: 3.85, mean_after_high: 3.95 },
  { skill: "Analysing data", cohort: "Cohort 1", count: 30, mean_before: 1.9, mean_before_low: 1.85, mean_before_high: 1.95, mean_after: 3.1, mean_after_low: 3.05, mean_after_high: 3.15 },
  { skill: "Analysing data", cohort: "Cohort 2", count: "[c]", mean_before: null, mean_after: null },
  { skill: "Analysing data", cohort: "Total", count: 35, mean_before: 2, mean_before_low: 1.95, mean_before_high: 2.05, mean_after: 3.8, mean_after_low: 3.75, mean_after_high: 3.85 },
  { skill: "Writing up and sharing findings", cohort: "Cohort 1", count: 30, mean_before: 3, mean_before_low: 2.95, mean_before_high: 3.05, mean_after: 2.8, mean_after_low: 2.75, mean_after_high: 2.85 },
  { skill: "Writing up and sharing findings", cohort: "Cohort 2", count: "[c]", mean_before: null, mean_after: null },
  { skill: "Writing up and sharing findings", cohort: "Total", count: 35, mean_before: 2.6, mean_before_low: 2.55, mean_before_high: 2.65, mean_after: 3.9, mean_after_low: 3.85, mean_after_high: 3.95 },
];

describe("workforce confidence", () => {
  it("draws before and after for all trainees, with a headline from the data", () => {
    const element = confidenceFigure(rows, { id: "workforce-confidence-all", source: "Training survey (test)", width: 640, document: createDocument() });
    expectSnapshot("workforce-confidence-all", element);
    expect(element.querySelector("h3")?.textContent).toBe("Confidence rose in all 3 research skills, most in analysing data (2.0 to 3.8 out of 5)");
    expect(element.querySelector(".lero-chart-subtitle")?.textContent).toContain("base: 35 trainees");
    expect(element.querySelectorAll("svg path, svg line").length).toBeGreaterThan(0);
  });

  it("draws cohorts as panels and keeps a hidden cohort's rows as [c]", () => {
    const element = confidenceFigure(rows, { id: "workforce-confidence-cohorts", cohorts: ["Cohort 1", "Cohort 2"], source: "Training survey (test)", width: 320, document: createDocument() });
    expectSnapshot("workforce-confidence-cohorts", element);
    const texts = [...element.querySelectorAll("svg text")].map((t) => t.textContent);
    expect(texts).toContain("[c]");
    expect(texts).toContain("Cohort 2");
    expect(element.querySelector("h3")?.textContent).toBe("Confidence rose in 2 of 3 skills in Cohort 1");
  });

  it("describes every skill, saying which are hidden", () => {
    expect(describeConfidence(rows, { cohorts: ["Cohort 2"] })).toContain("Analysing data: hidden to protect confidentiality");
    expect(confidenceTitle(rows, { cohorts: ["Cohort 2"] })).toBe("Confidence before and after the training cannot be shown for this group");
  });
});
