import { afterAll, describe, expect, it } from "vitest";
import { rmSync } from "node:fs";
import { runIntruder } from "../../../loaders/disclose/intruder/index.ts";
import { repeat, writeRelease, type FixtureMicrodata, type FixtureTable } from "./fixture.ts";

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** Nine LEROs, published with region "UK": three run A, three B, three both. */
const microdata: FixtureMicrodata = {
  dataset: "audit",
  level: "organisation",
  fields: [
    { name: "region", role: "quasi", generalisedTo: "UK" },
    { name: "activities", role: "public", type: "list" },
  ],
  rows: [...repeat(3, { region: "UK", activities: ["A"] }), ...repeat(3, { region: "UK", activities: ["B"] }), ...repeat(3, { region: "UK", activities: ["A", "B"] })],
};
const org = { dataset: "audit", level: "organisation" as const, population: "audit", counts: { count: {} } };
const byRegion: FixtureTable = {
  ...org,
  id: "audit-region",
  additive: true,
  dimensions: ["region"],
  rows: [
    { region: "North", count: 3 },
    { region: "South", count: 3 },
    { region: "East", count: 3 },
    { region: "Total", count: 9 },
  ],
};
/** Exact counts of each activity by region: each class of LEROs fits one region only. */
const activitiesByRegion: FixtureTable = {
  ...org,
  id: "audit-activities-by-region",
  additive: false,
  dimensions: ["region", "activities"],
  rows: [
    ...([
      ["North", 3, 0],
      ["South", 0, 3],
      ["East", 3, 3],
      ["Total", 6, 6],
    ] as const).flatMap(([region, a, b]) => [
      { region, activities: "A", count: a },
      { region, activities: "B", count: b },
    ]),
  ],
};

describe("re-attachment", () => {
  it("finds a region the microdata generalised put back by exact tables by region", async () => {
    const dir = writeRelease({ tables: [byRegion, activitiesByRegion], microdata: [microdata] });
    dirs.push(dir);
    const { findings, figures } = await runIntruder(dir);
    expect(findings).toEqual([
      {
        code: "re-attached",
        message:
          'audit.csv: the tables by region (aggregates/audit-activities-by-region.json, aggregates/audit-region.json) give back region for 9 of 9 organisations that the microdata publishes as "UK"; publish these tables no finer than the microdata, or suppress their cells by region.',
        resources: ["aggregates/audit-activities-by-region.json", "aggregates/audit-region.json", "audit.csv"],
        population: "audit",
        interval: [9, 9],
      },
    ]);
    expect(figures.recordsForced).toBe(9);
    expect(figures.tablesCompared).toBe(2);
  });

  it("passes when the tables by region cannot tell the LEROs apart", async () => {
    const dir = writeRelease({ tables: [byRegion], microdata: [microdata] });
    dirs.push(dir);
    const { findings, figures } = await runIntruder(dir);
    expect(findings).toEqual([]);
    expect(figures.recordsForced).toBe(0);
  });

  it("says so when its time ran out, so that the build does not pass silently", async () => {
    const dir = writeRelease({ tables: [byRegion, activitiesByRegion], microdata: [microdata] });
    dirs.push(dir);
    const { findings } = await runIntruder(dir, { timeLimit: 1e-9 });
    expect(findings).toEqual([
      {
        code: "solver-limit",
        message:
          "audit.csv: the re-attachment programme for region stopped at its time limit with 9 organisations undecided (0 forced so far); the release is not shown safe: give the intruder more time or publish the tables by region less finely.",
        resources: ["aggregates/audit-activities-by-region.json", "aggregates/audit-region.json", "audit.csv"],
        population: "audit",
      },
    ]);
  });
});
