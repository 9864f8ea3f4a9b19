import { afterAll, describe, expect, it } from "vitest";
import { rmSync } from "node:fs";
import { runIntruder } from "../../../loaders/disclose/intruder/index.ts";
import { repeat, writeRelease, type FixtureTable } from "./fixture.ts";

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** Twenty people in the microdata, ten of each gender, two substances in each class. */
const microdata = {
  dataset: "stigma",
  level: "person" as const,
  subject: "respondent_ref",
  fields: [
    { name: "respondent_ref", role: "public" as const },
    { name: "gender", role: "quasi" as const },
    { name: "substance", role: "sensitive" as const },
  ],
  rows: [
    ...repeat(5, { gender: "Woman", substance: "Alcohol" }, "respondent_ref", 0),
    ...repeat(5, { gender: "Woman", substance: "Opioids" }, "respondent_ref", 5),
    ...repeat(5, { gender: "Man", substance: "Alcohol" }, "respondent_ref", 10),
    ...repeat(5, { gender: "Man", substance: "Opioids" }, "respondent_ref", 15),
  ],
};
const genderTable = (woman: number, total: number): FixtureTable => ({
  id: "stigma-gender",
  dataset: "stigma",
  level: "person",
  population: "stigma",
  additive: true,
  counts: { count: {} },
  dimensions: ["gender"],
  rows: [
    { gender: "Woman", count: woman },
    { gender: "Man", count: 10 },
    { gender: "Total", count: total },
  ],
});

describe("differencing against microdata", () => {
  it("finds a table counted from more people than the microdata holds", async () => {
    const dir = writeRelease({ tables: [genderTable(15, 25)], microdata: [microdata] });
    dirs.push(dir);
    const { findings, figures } = await runIntruder(dir);
    expect(findings).toEqual([
      {
        code: "microdata-difference",
        message:
          'aggregates/stigma-gender.json: 2 of 3 cells do not match stigma.csv (e.g. "gender=Woman / count" counts 13–17 people but the microdata holds 10): tables minus microdata give back removed records; count every published figure from the records the release publishes.',
        resources: ["aggregates/stigma-gender.json", "stigma.csv"],
        population: "stigma",
        cell: "gender=Woman / count",
      },
    ]);
    expect(figures.tablesCompared).toBe(1);
  });

  it("passes tables counted from the records the microdata holds", async () => {
    const dir = writeRelease({ tables: [genderTable(10, 20)], microdata: [microdata] });
    dirs.push(dir);
    const { findings, figures } = await runIntruder(dir);
    expect(findings).toEqual([]);
    expect(figures.tablesCompared).toBe(1);
    expect(figures.microdata).toEqual([{ dataset: "stigma", resource: "stigma.csv", units: 20, k: 10, l: 2, lField: "substance" }]);
  });

  it("does not hold a smaller population against the microdata", async () => {
    const subset = { ...genderTable(0, 10), id: "stigma-gender-answered", population: "stigma-answered" };
    const dir = writeRelease({ tables: [subset], microdata: [microdata] });
    dirs.push(dir);
    expect((await runIntruder(dir)).findings).toEqual([]);
  });
});
