import { afterAll, describe, expect, it } from "vitest";
import { rmSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { writeRelease } from "./fixture.ts";

const ROOT = join(import.meta.dirname, "..", "..", "..");
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function run(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(join(ROOT, "node_modules", ".bin", "tsx"), [join(ROOT, "scripts", "intruder.ts"), ...args], { encoding: "utf8", cwd: ROOT });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("scripts/intruder.ts", () => {
  it("exits 1 and prints each finding when the intruder succeeds", () => {
    const dir = writeRelease({
      tables: [{ id: "audit-activities", dataset: "audit", level: "organisation", population: "audit", counts: { count: {} }, additive: false, base: 4, dimensions: ["activities"], rows: [{ activities: "A", count: 3 }] }],
    });
    dirs.push(dir);
    const r = run(dir);
    expect(r.status).toBe(1);
    expect(r.stdout.split("\n")[0]).toBe(
      'small-complement: aggregates/audit-activities.json: "base (everyone who answered)" minus "activities=A / count" is exactly 1 in the tables of population "audit" (aggregates/audit-activities.json): the organisations in the difference are singled out by subtraction; suppress the cell and another in its group, or publish the pair at a level where the difference is 0 or above 2.',
    );
    expect(r.stdout).toContain("\ncells audited: 0\n");
    expect(r.stderr).toBe(`The intruder succeeded on ${dir}: 1 finding(s).\n`);
  });

  it("exits 0 when it finds no way in, and 2 on bad usage", () => {
    const dir = writeRelease({});
    dirs.push(dir);
    expect(run(dir).status).toBe(0);
    const usage = run();
    expect(usage.status).toBe(2);
    expect(usage.stderr).toBe("give the published folder (.tmp/published after npm run build-data)\nusage: tsx scripts/intruder.ts <published dir> [--json] [--time-limit SECONDS]\n");
    expect(run(dir, "--time-limit", "soon").status).toBe(2);
  });
});
