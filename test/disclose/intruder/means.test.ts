import { afterAll, describe, expect, it } from "vitest";
import { rmSync } from "node:fs";
import { runIntruder } from "../../../loaders/disclose/intruder/index.ts";
import { provesAllEqual } from "../../../loaders/disclose/intruder/means.ts";
import { meanInterval } from "../../../src/lib/intervals.ts";
import { writeRelease, type FixtureTable } from "./fixture.ts";

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const MEASURES = ["count", "mean_score", "mean_score_low", "mean_score_high"];

/** Mean scores by region, people level (threshold 7, rounding 5). */
const byRegion = (rows: FixtureTable["rows"], extra: Partial<FixtureTable> = {}): FixtureTable => ({
  id: "outcomes-score-by-region",
  dataset: "outcomes",
  level: "person",
  population: "outcomes",
  additive: true,
  counts: { count: {} },
  dimensions: ["region"],
  measures: MEASURES,
  rows,
  ...extra,
});

async function findingsOf(tables: FixtureTable[]) {
  const dir = writeRelease({ tables });
  dirs.push(dir);
  return runIntruder(dir);
}

describe("means and their intervals", () => {
  it("finds a mean shown beside a hidden count", async () => {
    const { findings, figures } = await findingsOf([
      byRegion([
        { region: "Wales", count: "[c]", mean_score: 41.5, mean_score_low: 30.2, mean_score_high: 52.8 },
        { region: "Scotland", count: 40, mean_score: 38, mean_score_low: 35.1, mean_score_high: 40.9 },
        { region: "Total", count: 45, mean_score: 38.4, mean_score_low: 35.8, mean_score_high: 41 },
      ]),
    ]);
    expect(findings.map((f) => [f.code, f.cell])).toEqual([["mean-small-group", "region=Wales / mean_score"]]);
    expect(findings[0]!.message).toContain("aggregates/outcomes-score-by-region.json: 1 mean is shown for a group whose size the release hides");
    expect(figures.meansAudited).toBe(3);
  });

  it("sizes a table with no count from another table of its population, and finds a mean no table sizes", async () => {
    const counts: FixtureTable = {
      id: "outcomes-region",
      dataset: "outcomes",
      level: "person",
      population: "outcomes",
      additive: true,
      counts: { count: {} },
      dimensions: ["region"],
      rows: [
        { region: "Wales", count: 20 },
        { region: "Total", count: 20 },
      ],
    };
    const means: FixtureTable = {
      id: "outcomes-mean",
      dataset: "outcomes",
      level: "person",
      population: "outcomes",
      counts: {},
      dimensions: ["region"],
      measures: ["mean_score"],
      rows: [{ region: "Wales", mean_score: 40.1 }],
    };
    expect((await findingsOf([counts, means])).findings).toEqual([]);
    const alone = await findingsOf([means]);
    expect(alone.findings.map((f) => f.code)).toEqual(["mean-small-group"]);
    expect(alone.findings[0]!.resources).toEqual(["aggregates/outcomes-mean.json"]);
  });

  it("finds an interval that proves a small group all gave the same answer", async () => {
    // Ten people who all scored 4: sd 0, so the interval is 4.0 to 4.0.
    const { findings } = await findingsOf([
      byRegion([
        { region: "Wales", count: 10, mean_score: 4, mean_score_low: 4, mean_score_high: 4 },
        { region: "Scotland", count: 30, mean_score: 3.2, mean_score_low: 2.9, mean_score_high: 3.5 },
        { region: "Total", count: 40, mean_score: 3.4, mean_score_low: 3.1, mean_score_high: 3.7 },
      ]),
    ]);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ code: "mean-homogeneous", cell: "region=Wales / mean_score", interval: [4, 4] });
    expect(findings[0]!.message).toContain("at most 12 people, all 4");
  });

  it("passes a narrow interval when the group is large enough for it to hide a spread", async () => {
    // 400 people: one answer differing by one gives a half-width of about 0.005, below the rounding.
    const { findings } = await findingsOf([
      byRegion([
        { region: "Wales", count: 400, mean_score: 4, mean_score_low: 4, mean_score_high: 4 },
        { region: "Total", count: 400, mean_score: 4, mean_score_low: 4, mean_score_high: 4 },
      ]),
    ]);
    expect(findings).toEqual([]);
  });

  it("never claims a group is uniform when its whole-number answers differ (every n from 2 to 80, rounded as published)", () => {
    const round = (x: number): number => Math.round(x * 10) / 10;
    for (let n = 2; n <= 80; n++) {
      for (const [lowValue, spread] of [[1, 1], [10, 1], [40, 3], [5, 50]] as const) {
        // The least spread a non-uniform group can have: everyone alike but one, one point away; and wider ones.
        const answers = Array.from({ length: n }, (_, i) => (i === 0 ? lowValue + spread : lowValue));
        const mean = answers.reduce((a, b) => a + b, 0) / n;
        const sd = Math.sqrt(answers.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1));
        const interval = meanInterval(mean, sd, n)!;
        // The published count of n people is within 2 of n (rounding to 5): try the largest n it allows.
        expect(provesAllEqual(round(interval.low), round(interval.high), n + 2), `n = ${n}, ${lowValue}+${spread}`).toBe(false);
      }
    }
  });

  it("proves uniform groups of up to forty from an interval of zero width (t/n above the rounding's 0.05)", () => {
    expect(provesAllEqual(7, 7, 10)).toBe(true);
    expect(provesAllEqual(7, 7, 40)).toBe(true);
    expect(provesAllEqual(7, 7, 41)).toBe(false);
    expect(provesAllEqual(6.9, 7.1, 10)).toBe(true);
    expect(provesAllEqual(6.8, 7.2, 10)).toBe(false);
    expect(provesAllEqual(7, 7, 1)).toBe(false);
  });
});
