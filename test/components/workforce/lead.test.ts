import { describe, expect, it } from "vitest";
import { cohortsOf, traineesPhrase, traineesSentence } from "../../../src/components/workforce/lead.ts";

const table = (total: number | string) => ({
  dimensions: ["cohort"],
  rows: [
    { cohort: "Cohort 1", count: 40 },
    { cohort: "Cohort 2", count: 45 },
    { cohort: "Total", count: total },
  ],
});

describe("workforce page lead", () => {
  it("lists the cohorts without the Total row and counts the trainees", () => {
    expect(cohortsOf(table(85))).toEqual(["Cohort 1", "Cohort 2"]);
    expect(traineesSentence(table(85))).toBe("85 trainees in 2 cohorts rated their confidence at the end of the training, looking back to before it and as it stood then.");
  });

  it("shows a hidden count as [c]", () => {
    expect(traineesSentence(table("[c]"))).toMatch(/^\[c\] trainees in 2 cohorts/);
  });

  it("marks the count as the registry's trainees, all cohorts", () => {
    expect(traineesPhrase(table(85))[0]).toEqual({ measure: "trainees", key: "all", value: 85, text: "85" });
    expect(traineesPhrase(table("[c]"))[0]).toEqual({ measure: "trainees", key: "all", value: "[c]", text: "[c]" });
  });
});
