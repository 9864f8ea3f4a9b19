/**
 * "What's new" through the real build: the sample published twice, the second time after an earlier
 * (smaller) release, with the previous release kept where LERO_PREVIOUS_RELEASE says and never in
 * the published folder.
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { SAMPLE_DIR } from "../../loaders/data-dir.ts";
import { buildData, listPublished } from "../../loaders/pipeline/index.ts";
import type { ReleaseSnapshot, WhatsNew } from "../../loaders/publish/changes.ts";

const quiet = () => {};
const temp = () => mkdtempSync(join(tmpdir(), "lero-whats-new-"));
const readJson = <T>(file: string) => JSON.parse(readFileSync(file, "utf8")) as T;

describe("whats-new.json from the build", () => {
  it("says the first release has nothing to compare with, then lists what changed since an earlier release", async () => {
    const previous = join(temp(), "previous");
    const env = { LERO_PREVIOUS_RELEASE: previous };
    const first = join(temp(), "published");
    const { report } = await buildData({ source: { dir: SAMPLE_DIR, illustrative: true }, out: first, reviewDir: temp(), log: quiet, env });
    const news = readJson<WhatsNew>(join(first, "whats-new.json"));
    expect(news).toMatchObject({ version: report.version, date: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/), illustrative: true, previous: null });
    expect(news.summary).toEqual(["This is the first release, so there is no earlier release to compare it with."]);
    expect((await listPublished(first)).filter((file) => file.includes("previous") || file.includes("latest"))).toEqual([]);
    const kept = readJson<ReleaseSnapshot>(join(previous, "latest.json"));
    expect(kept.version).toBe(report.version);
    expect(kept.datasets.audit!.rows).toBe(report.datasets.audit!.rows.published);

    // An earlier release: 30 fewer audit rows, no workforce data, a lower share of LEROs evaluating.
    const earlier: ReleaseSnapshot = structuredClone(kept);
    earlier.version = "earlier00000";
    earlier.datasets.audit!.rows -= 30;
    delete earlier.datasets.workforce;
    const evaluating = earlier.figures["leros-evaluating"]!;
    Object.assign(evaluating, { value: evaluating.value - 30, low: evaluating.low! - 30, high: evaluating.high! - 30 });
    writeFileSync(join(previous, "latest.json"), JSON.stringify(earlier));

    const second = join(temp(), "published");
    await buildData({ source: { dir: SAMPLE_DIR, illustrative: true }, out: second, reviewDir: temp(), log: quiet, env });
    const changed = readJson<WhatsNew>(join(second, "whats-new.json"));
    expect(changed.previous).toEqual({ version: "earlier00000", date: kept.date });
    expect(changed.datasetsAdded.map((d) => d.dataset)).toEqual(["workforce"]);
    expect(changed.rows).toEqual([expect.objectContaining({ dataset: "audit", added: 30 })]);
    expect(changed.figures.map((f) => [f.id, f.direction])).toEqual([["leros-evaluating", "higher"]]);
    expect(changed.definitions).toEqual([]);
    // The earlier release is now the one before, and a rebuild of this data still compares with it.
    expect(readJson<ReleaseSnapshot>(join(previous, "before.json")).version).toBe("earlier00000");
    expect(existsSync(join(second, "whats-new.json"))).toBe(true);
  }, 480_000);
});
