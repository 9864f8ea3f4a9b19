import { describe, expect, it } from "vitest";
import { backgroundFigure, backgroundTitle, type CountTable } from "../../../src/components/workforce/background.ts";
import { createDocument, expectSnapshot } from "../snapshot.ts";
import { loadPolicy } from "../../../loaders/disclose/policy.ts";

// The cell rules for people, as the page takes them from the disclosure policy.
const RULES = loadPolicy().person;

const prior: CountTable = {
  dimensions: ["prior_research_experience"],
  totalLabel: "Total",
  base: 55,
  rows: [
    { prior_research_experience: "None of these", count: 15 },
    { prior_research_experience: "Filled in a survey or took part in a study", count: 40 },
    { prior_research_experience: "A research course or research job", count: "[c]" },
  ],
};

const education: CountTable = {
  dimensions: ["higher_education"],
  totalLabel: "Total",
  rows: [
    { higher_education: "No", count: 25 },
    { higher_education: "Yes, a degree or higher", count: 30 },
    { higher_education: "Total", count: 55 },
  ],
};

describe("workforce background", () => {
  it("draws counts of trainees with hidden counts marked, noting that answers overlap", () => {
    const element = backgroundFigure(prior, { id: "workforce-prior-research", question: "prior_research_experience", labelHeading: "Research done before", source: "Training survey (test)", rules: RULES, width: 640, document: createDocument() });
    expectSnapshot("workforce-background-prior", element);
    expect(element.querySelector("h3")?.textContent).toBe("Most trainees had filled in a survey or taken part in a study");
    expect(element.querySelector("figcaption")?.textContent).toContain("more than one answer");
    expect([...element.querySelectorAll("svg text")].map((t) => t.textContent)).toContain("[c]");
  });

  it("states the largest group without overstating it", () => {
    expect(backgroundTitle(education, "higher_education")).toBe("About half of trainees had a degree or higher");
    const narrow = backgroundFigure(education, { id: "workforce-higher-education-chart", question: "higher_education", labelHeading: "Higher education", source: "Training survey (test)", rules: RULES, width: 320, document: createDocument() });
    expectSnapshot("workforce-background-narrow", narrow);
  });
});
