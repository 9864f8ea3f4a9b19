/**
 * The release worker the memory bench runs: one whole release in its own process, reporting each
 * step's own peak (Linux lets a process reset its peak; elsewhere the steps are empty).
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { SAMPLE_DIR } from "../../loaders/data-dir.ts";
import { PROJECT_ROOT } from "../../loaders/schema.ts";

describe("release worker", () => {
  it("reports the release's peak and each step's peak, in the order the build ran them", { timeout: 180_000 }, () => {
    const out = join(mkdtempSync(join(tmpdir(), "lero-release-worker-")), "published");
    const printed = execFileSync(process.execPath, ["--import", "tsx", "scripts/bench/release-worker.ts", "--file", join(SAMPLE_DIR, "outcomes.csv"), "--out", out], { cwd: PROJECT_ROOT, encoding: "utf8" });
    rmSync(join(out, ".."), { recursive: true, force: true });
    const measure = JSON.parse(printed) as { maxRssMb: number; cellsAudited: number; stages: { stage: string; startMb: number; peakMb: number }[] };
    expect(measure.cellsAudited).toBeGreaterThan(100);
    if (!existsSync("/proc/self/clear_refs")) return expect(measure.stages).toEqual([]);
    const names = measure.stages.map((s) => s.stage);
    const order = ["start", "reading outcomes", "publishing outcomes", "computing", "attacking the release", "after the intruder"].map((name) => names.findIndex((n) => n.startsWith(name)));
    expect(order.every((at) => at >= 0)).toBe(true);
    expect(order).toEqual([...order].sort((a, b) => a - b));
    for (const s of measure.stages) expect(s.peakMb, s.stage).toBeGreaterThanOrEqual(s.startMb - 1);
    expect(measure.maxRssMb).toBeGreaterThanOrEqual(Math.max(...measure.stages.map((s) => s.peakMb)));
  });
});
