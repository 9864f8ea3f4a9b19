import { afterAll, describe, expect, it } from "vitest";
import { rmSync } from "node:fs";
import { runIntruder } from "../../../loaders/disclose/intruder/index.ts";
import { repeat, writeRelease, type FixtureMicrodata } from "./fixture.ts";

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const people = (women: Record<string, string | string[] | null>[]): FixtureMicrodata => ({
  dataset: "outcomes",
  level: "person",
  subject: "person_ref",
  fields: [
    { name: "person_ref", role: "public" },
    { name: "assessment", role: "public" },
    { name: "gender", role: "quasi" },
    { name: "primary_substance", role: "sensitive" },
  ],
  rows: [
    ...women.map((w, i) => ({ person_ref: `w${i}`, assessment: "Intake", gender: "Woman", ...w })),
    // Each man has two rows: people are counted, not rows.
    ...repeat(5, { assessment: "Intake", gender: "Man", primary_substance: "Alcohol" }, "person_ref", 0),
    ...repeat(5, { assessment: "Intake", gender: "Man", primary_substance: "Opioids" }, "person_ref", 5),
    ...repeat(10, { assessment: "12 months", gender: "Man", primary_substance: null }, "person_ref", 0),
  ],
});

describe("k and l", () => {
  it("finds a class of 3 people who all share their primary substance", async () => {
    const dir = writeRelease({ microdata: [people(repeat(3, { primary_substance: "Alcohol" }))] });
    dirs.push(dir);
    const { findings, figures } = await runIntruder(dir);
    expect(findings).toEqual([
      {
        code: "small-k",
        message:
          "outcomes.csv: 1 class of the quasi-identifiers holds fewer than k = 10 people (the smallest, gender=Woman, holds 3); generalise a quasi-identifier further or remove the class's records.",
        resources: ["outcomes.csv"],
        population: "outcomes",
        cell: "gender=Woman",
        interval: [3, 3],
      },
      {
        code: "small-l",
        message:
          "outcomes.csv: in 1 class of the quasi-identifiers every person has the same primary_substance (l = 1; e.g. gender=Woman), so knowing someone's quasi-identifiers tells their primary_substance; generalise the quasi-identifiers or the field until each class holds at least 2 values.",
        resources: ["outcomes.csv"],
        population: "outcomes",
        cell: "gender=Woman",
        interval: [1, 1],
      },
    ]);
    expect(figures.microdata).toEqual([{ dataset: "outcomes", resource: "outcomes.csv", units: 13, k: 3, l: 1, lField: "primary_substance" }]);
  });

  it("passes classes of at least 10 people with at least 2 values each", async () => {
    const women = [...repeat(6, { primary_substance: "Alcohol" }), ...repeat(4, { primary_substance: "Cannabis" })];
    const dir = writeRelease({ microdata: [people(women)] });
    dirs.push(dir);
    const { findings, figures } = await runIntruder(dir);
    expect(findings).toEqual([]);
    expect(figures.microdata).toEqual([{ dataset: "outcomes", resource: "outcomes.csv", units: 20, k: 10, l: 2, lField: "primary_substance" }]);
  });
});
