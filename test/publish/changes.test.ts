import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { compareReleases, figureId, loadPreviousRelease, previousReleaseDir, releaseDate, savePreviousRelease, snapshotRelease, type ReleaseSnapshot } from "../../loaders/publish/changes.ts";
import type { MeasureTables } from "../../src/lib/measures.ts";

const folder = mkdtempSync(join(tmpdir(), "lero-changes-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

/** The two tables the "LEROs that evaluate their work" share and its base are read from. */
function evaluates(percent: number, base: number): MeasureTables {
  return {
    "headlines-audit-evaluates": {
      totalLabel: "Total",
      rows: [
        { wave: "2025", evaluates: "Evaluates its work", count: Math.round((percent * base) / 100), percent },
        { wave: "2025", evaluates: "Total", count: base, percent: 100 },
      ],
    },
  };
}

function release(version: string, options: { percent?: number; base?: number; datasets?: Record<string, number>; tables?: MeasureTables } = {}): ReleaseSnapshot {
  const datasets = Object.fromEntries(Object.entries(options.datasets ?? { audit: 150 }).map(([name, rows]) => [name, { rows, title: `The ${name} data` }]));
  return snapshotRelease({ version, date: "2026-11-25", illustrative: false, datasets, tables: options.tables ?? evaluates(options.percent ?? 68, options.base ?? 150) });
}

describe("snapshotRelease", () => {
  it("keeps each figure with its 95% interval (Wilson for a share, from its base measure) and every definition", () => {
    const snapshot = release("a");
    expect(snapshot.figures["leros-evaluating"]).toEqual({ name: "LEROs that evaluate their work", format: "percent", value: 68, low: 60.17, high: 74.94 });
    expect(snapshot.figures["leros-audited"]).toEqual({ name: "LEROs audited", format: "count", value: 150 });
    expect(snapshot.definitions["leros-evaluating"]!.definition).toMatch(/^The percentage of LEROs/);
  });

  it("takes a mean's interval from the columns the table publishes beside it", () => {
    const tables: MeasureTables = {
      "outcomes-barc-mean": { totalLabel: "Total", rows: [{ assessment: "Intake", count: 100, mean_barc: 34.6, mean_barc_low: 33.1, mean_barc_high: 36.1 }] },
    };
    const figures = Object.entries(snapshotRelease({ version: "m", date: "2026-11-25", illustrative: false, datasets: {}, tables }).figures).filter(([, f]) => f.format === "mean");
    expect(figures.length).toBeGreaterThan(0);
    for (const [, f] of figures) expect(f).toMatchObject({ value: 34.6, low: 33.1, high: 36.1 });
  });
});

describe("compareReleases", () => {
  it("says plainly that a first release has nothing to compare with", () => {
    const news = compareReleases(release("a"), undefined);
    expect(news).toMatchObject({ version: "a", date: "2026-11-25", previous: null, datasetsAdded: [], rows: [], figures: [], definitions: [] });
    expect(news.summary).toEqual(["This is the first release, so there is no earlier release to compare it with."]);
  });

  it("lists a dataset added and one left out", () => {
    const news = compareReleases(release("b", { datasets: { audit: 150, stigma: 4041 } }), release("a", { datasets: { audit: 150, outcomes: 10 } }));
    expect(news.datasetsAdded).toEqual([{ dataset: "stigma", title: "The stigma data", rows: 4041 }]);
    expect(news.datasetsRemoved).toEqual([{ dataset: "outcomes", title: "The outcomes data" }]);
    expect(news.summary).toContain("New in this release: The stigma data, with 4,041 rows.");
    expect(news.summary).toContain("The outcomes data is not in this release.");
  });

  it("counts the rows added to a dataset, and says nothing of one that did not change", () => {
    const news = compareReleases(release("b", { datasets: { audit: 180, standards: 10 } }), release("a", { datasets: { audit: 150, standards: 10 } }));
    expect(news.rows).toEqual([{ dataset: "audit", title: "The audit data", before: 150, after: 180, added: 30 }]);
    expect(news.summary).toContain("The audit data: 30 rows added (150 before, 180 now).");
  });

  it("lists a figure whose 95% intervals no longer overlap, and not one that moved within them", () => {
    const moved = compareReleases(release("b", { percent: 90, base: 150 }), release("a", { percent: 68, base: 150 }));
    expect(moved.figures).toEqual([
      expect.objectContaining({ id: "leros-evaluating", before: 68, after: 90, direction: "higher", beforeInterval: [60.17, 74.94] }),
    ]);
    expect(moved.summary).toContain("LEROs that evaluate their work: higher than in the previous release, 90% against 68%; the two 95% intervals do not overlap.");
    const within = compareReleases(release("b", { percent: 72, base: 150 }), release("a", { percent: 68, base: 150 }));
    expect(within.figures).toEqual([]);
    expect(within.summary).toEqual(["Nothing has changed since the previous release (version a) beyond what the 95% intervals allow for."]);
    const lower = compareReleases(release("b", { percent: 40, base: 150 }), release("a", { percent: 68, base: 150 }));
    expect(lower.figures.map((f) => [f.id, f.direction])).toEqual([["leros-evaluating", "lower"]]);
  });

  it("lists a measure whose definition changed, with the new wording", () => {
    const before = release("a");
    before.definitions["leros-evaluating"] = { name: "LEROs that evaluate their work", definition: "An older definition." };
    const news = compareReleases(release("b"), before);
    expect(news.definitions).toEqual([{ id: "leros-evaluating", name: "LEROs that evaluate their work", before: "An older definition.", after: release("b").definitions["leros-evaluating"]!.definition }]);
    expect(news.summary[0]).toMatch(/^LEROs that evaluate their work: the definition has changed\. It now reads: The percentage of LEROs/);
  });
});

describe("the previous release", () => {
  it("is kept outside the published folder, where LERO_PREVIOUS_RELEASE says or in the review folder", () => {
    expect(previousReleaseDir({ LERO_PREVIOUS_RELEASE: "/srv/lero/previous" }, "/data/review")).toBe("/srv/lero/previous");
    expect(previousReleaseDir({}, "/data/review")).toBe(join("/data/review", "previous-release"));
  });

  it("is the last release with another version, so a rebuild of the same data compares with the same release", async () => {
    const dir = join(folder, "previous");
    expect(loadPreviousRelease(dir, "a", false)).toBeUndefined();
    await savePreviousRelease(dir, release("a"));
    expect(loadPreviousRelease(dir, "b", false)?.version).toBe("a");
    await savePreviousRelease(dir, release("b"));
    expect(loadPreviousRelease(dir, "c", false)?.version).toBe("b");
    // Building "b" again compares with "a", as the first build of "b" did.
    expect(loadPreviousRelease(dir, "b", false)?.version).toBe("a");
    await savePreviousRelease(dir, release("b"));
    expect(loadPreviousRelease(dir, "b", false)?.version).toBe("a");
    expect(JSON.parse(readFileSync(join(dir, "latest.json"), "utf8")).version).toBe("b");
  });

  it("is not compared with across illustrative and real data, and an unreadable snapshot counts as none", async () => {
    const dir = join(folder, "kinds");
    await savePreviousRelease(dir, release("a"));
    expect(loadPreviousRelease(dir, "b", true)).toBeUndefined();
    writeFileSync(join(dir, "latest.json"), "{ not json");
    expect(loadPreviousRelease(dir, "b", false)).toBeUndefined();
  });

  it("has the date of CITATION.cff's date-released, and a clear error without one", () => {
    expect(releaseDate()).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const file = join(folder, "CITATION.cff");
    writeFileSync(file, "cff-version: 1.2.0\n");
    expect(() => releaseDate(file)).toThrow(/has no date-released: add one \(YYYY-MM-DD\)/);
  });
});

describe("figureId", () => {
  it("is the measure id overall, and the id and key for a breakdown", () => {
    expect(figureId("stigma-met", "all")).toBe("stigma-met");
    expect(figureId("stigma-met", "GP")).toBe("stigma-met|GP");
  });
});
