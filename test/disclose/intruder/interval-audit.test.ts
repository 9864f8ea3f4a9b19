import { afterAll, describe, expect, it } from "vitest";
import { rmSync } from "node:fs";
import { runIntruder } from "../../../loaders/disclose/intruder/index.ts";
import { writeRelease, type FixtureTable } from "./fixture.ts";

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
async function attack(tables: FixtureTable[]) {
  const dir = writeRelease({ tables });
  dirs.push(dir);
  return runIntruder(dir);
}

const org = { dataset: "audit", level: "organisation" as const, population: "audit", counts: { count: {} } };

/** A multi-select question answered by 10 LEROs. */
const activities = (a: number | string): FixtureTable => ({
  ...org,
  id: "audit-activities",
  additive: false,
  base: 10,
  dimensions: ["activities"],
  rows: [
    { activities: "Peer support groups", count: a },
    { activities: "Recovery walks", count: 5 },
  ],
});

/** Statements within sections: a suppressed statement and its section's total. */
const statements = (s2: number | string): FixtureTable => ({
  ...org,
  dataset: "standards",
  population: "standards",
  id: "standards-statements",
  additive: true,
  dimensions: ["statement_id"],
  hierarchy: { statement_id: { parent: "section", map: { S1: "Culture", S2: "Culture", S3: "Support" } } },
  rows: [
    { statement_id: "S1", count: "[c]" },
    { statement_id: "S2", count: s2 },
    { statement_id: "S3", count: 6 },
  ],
});
const sections: FixtureTable = {
  ...org,
  dataset: "standards",
  population: "standards",
  id: "standards-sections",
  additive: true,
  dimensions: ["section"],
  rows: [
    { section: "Culture", count: 7 },
    { section: "Support", count: 6 },
  ],
};

/** LEROs by region; Northern Ireland's count is hidden here and (or not) published in another table. */
const regions: FixtureTable = {
  ...org,
  id: "audit-region",
  additive: true,
  dimensions: ["region"],
  rows: [
    { region: "North East", count: 10 },
    { region: "North West", count: "[c]" },
    { region: "Northern Ireland", count: "[c]" },
    { region: "Total", count: 16 },
  ],
};
const regionByStage = (ni: number | string): FixtureTable => ({
  ...org,
  id: "audit-region-stage",
  additive: true,
  dimensions: ["region", "stage"],
  rows: [
    ...["North East", "North West", "Northern Ireland", "Total"].flatMap((region) => {
      const emerging = { "North East": 10, "North West": "[c]", "Northern Ireland": ni, Total: 16 }[region]!;
      return [
        { region, stage: "Emerging", count: emerging },
        { region, stage: "Established", count: 0 },
        { region, stage: "Total", count: emerging },
      ];
    }),
  ],
});

describe("the interval audit", () => {
  it("finds a base minus an option count of 1 organisation", async () => {
    const { findings } = await attack([activities(9)]);
    expect(findings).toEqual([
      {
        code: "small-complement",
        message:
          'aggregates/audit-activities.json: "base (everyone who answered)" minus "activities=Peer support groups / count" is exactly 1 in the tables of population "audit" (aggregates/audit-activities.json): the organisations in the difference are singled out by subtraction; suppress the cell and another in its group, or publish the pair at a level where the difference is 0 or above 2.',
        resources: ["aggregates/audit-activities.json"],
        population: "audit",
        cell: "activities=Peer support groups / count",
        interval: [1, 1],
      },
    ]);
  });

  it("passes a base minus an option count above the threshold", async () => {
    const { findings, figures } = await attack([activities(7)]);
    expect(findings).toEqual([]);
    expect(figures.cellsAudited).toBe(0);
  });

  it("finds a suppressed statement given back by its section's total", async () => {
    const { findings } = await attack([statements(5), sections]);
    expect(findings).toEqual([
      {
        code: "narrow-interval",
        message:
          'aggregates/standards-statements.json: the suppressed cell "statement_id=S1 / count" is exactly 2 once the tables of population "standards" are combined (aggregates/standards-sections.json, aggregates/standards-statements.json); a suppressed count must stay open over at least 1–2: suppress more cells in the groups that pin it, or drop or coarsen one of these tables.',
        resources: ["aggregates/standards-sections.json", "aggregates/standards-statements.json"],
        population: "standards",
        cell: "statement_id=S1 / count",
        interval: [2, 2],
      },
      {
        code: "small-complement",
        message:
          'aggregates/standards-sections.json: "section=Culture / count" minus "statement_id=S2 / count" is exactly 2 in the tables of population "standards" (aggregates/standards-sections.json, aggregates/standards-statements.json): the organisations in the difference are singled out by subtraction; suppress the cell and another in its group, or publish the pair at a level where the difference is 0 or above 2.',
        resources: ["aggregates/standards-sections.json", "aggregates/standards-statements.json"],
        population: "standards",
        cell: "statement_id=S2 / count",
        interval: [2, 2],
      },
    ]);
  });

  it("passes a section whose statements are suppressed in pairs", async () => {
    const { findings, figures } = await attack([statements("[c]"), sections]);
    expect(findings).toEqual([]);
    expect(figures.cellsAudited).toBe(2);
  });

  it("finds a suppressed cell recovered from a margin in another table of the population", async () => {
    const { findings } = await attack([regions, regionByStage(4)]);
    expect(findings.map((f) => [f.code, f.cell, f.interval])).toEqual([
      ["narrow-interval", "region=North West, stage=Emerging / count", [2, 2]],
      ["narrow-interval", "region=North West, stage=Total / count", [2, 2]],
      ["narrow-interval", "region=Northern Ireland / count", [4, 4]],
    ]);
    expect(findings[2]).toEqual({
      code: "narrow-interval",
      message:
        'aggregates/audit-region.json: the suppressed cell "region=Northern Ireland / count" is exactly 4 once the tables of population "audit" are combined (aggregates/audit-region-stage.json, aggregates/audit-region.json); a suppressed count must stay open over at least 1–2: suppress more cells in the groups that pin it, or drop or coarsen one of these tables.',
      resources: ["aggregates/audit-region-stage.json", "aggregates/audit-region.json"],
      population: "audit",
      cell: "region=Northern Ireland / count",
      interval: [4, 4],
    });
  });

  it("passes when the other table hides the margin too", async () => {
    const { findings, figures } = await attack([regions, regionByStage("[c]")]);
    expect(findings).toEqual([]);
    expect(figures.narrowest).toEqual({
      cell: "aggregates/audit-region-stage.json: region=North West, stage=Emerging / count",
      resources: ["aggregates/audit-region-stage.json"],
      interval: [1, 5],
    });
  });
});
