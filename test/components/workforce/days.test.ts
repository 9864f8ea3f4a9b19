import { describe, expect, it } from "vitest";
import { daysFigure, daysTitle, type DayRow } from "../../../src/components/workforce/days.ts";
import { MIN_CHART_WIDTH } from "../../../src/components/shared/figure.ts";
import { createDocument, expectSnapshot } from "../snapshot.ts";

const rows: DayRow[] = [
  { day: "Day 1: What peer research is", cohort: "Total", count: 50, mean_rating: 3.8, mean_rating_low: 3.75, mean_rating_high: 3.85 },
  { day: "Day 2: Ethics, consent and safety", cohort: "Total", count: 50, mean_rating: 4.4, mean_rating_low: 4.35, mean_rating_high: 4.45 },
  { day: "Day 3: Designing questions", cohort: "Total", count: "[c]", mean_rating: null },
  { day: "Day 1: What peer research is", cohort: "Cohort 1", count: 25, mean_rating: 2.5, mean_rating_low: 2.45, mean_rating_high: 2.55 },
];

describe("workforce days", () => {
  it("draws the mean rating of each day, marking a hidden day", () => {
    const element = daysFigure(rows, { id: "workforce-days", source: "Training survey (test)", width: 640, document: createDocument() });
    expectSnapshot("workforce-days", element);
    expect(element.querySelector("h3")?.textContent).toBe("Trainees found every day useful, most of all day 2 on ethics, consent and safety (4.4 out of 5)");
    const texts = [...element.querySelectorAll("svg text")].map((t) => t.textContent);
    expect(texts).toContain("4.4");
    expect(texts).toContain("[c]");
  });

  it("draws at the narrowest width when the page reports a width of 0 (layout not settled)", () => {
    // A width of 0 once gave negative label widths, which Plot refuses.
    const element = daysFigure(rows, { id: "workforce-days-0", source: "Training survey (test)", width: 0, document: createDocument() });
    expect(element.querySelector(".lero-chart-body svg")?.getAttribute("width")).toBe(String(MIN_CHART_WIDTH));
  });

  it("says so when a day scored at or below the middle of the scale", () => {
    expect(daysTitle(rows, { cohort: "Cohort 1" })).toBe("Trainees rated day 1 on what peer research is 2.5 out of 5");
    const mixed: DayRow[] = [
      { day: "Day 1: What peer research is", cohort: "Total", count: 50, mean_rating: 2.9, mean_rating_low: 2.85, mean_rating_high: 2.95 },
      { day: "Day 2: Ethics, consent and safety", cohort: "Total", count: 50, mean_rating: 4.1, mean_rating_low: 4.05, mean_rating_high: 4.15 },
    ];
    expect(daysTitle(mixed)).toBe("Trainees rated day 1 on what peer research is lowest (2.9 out of 5) and day 2 on ethics, consent and safety highest (4.1)");
  });
});
