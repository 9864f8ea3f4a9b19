/**
 * The whole pipeline over the bundled sample: every dataset published, every row reconciled, output
 * byte-identical across runs and thread counts, hashes in datapackage.json true, writes atomic.
 */
import { createHash } from "node:crypto";
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { SAMPLE_DIR } from "../../loaders/data-dir.ts";
import { buildData, listPublished, type BuildReport, type PrivateBuildReport } from "../../loaders/pipeline/index.ts";
import { DATASETS } from "../../loaders/schema.ts";
import { DEMO_PSEUDONYM_KEY, pseudonym } from "../../loaders/disclose/pseudonym.ts";
import { REGISTER_FILE } from "../../loaders/disclose/register.ts";
import { PipelineError } from "../../loaders/types.ts";

const quiet = () => {};
const sampleSource = { dir: SAMPLE_DIR, illustrative: true };

function temp(): string {
  return mkdtempSync(join(tmpdir(), "lero-pipeline-"));
}

interface Resource {
  path: string;
  bytes: number;
  hash: string;
  lero: { kind: string };
}

describe("buildData over the sample", () => {
  let first: string;
  let report: PrivateBuildReport;

  beforeAll(async () => {
    first = join(temp(), "published");
    ({ report } = await buildData({ source: sampleSource, out: first, reviewDir: temp(), log: quiet, env: {} }));
  }, 240_000);

  it("publishes every dataset", async () => {
    const files = await listPublished(first);
    for (const name of ["stigma", "outcomes"]) {
      expect(files).toContain(`${name}.parquet`);
      expect(files).toContain(`${name}.csv`);
    }
    // Organisation profiles are unique by construction: the audit is published as tables only.
    expect(files).not.toContain("audit.parquet");
    expect(files).not.toContain("audit.csv");
    for (const name of DATASETS) expect(files.some((f) => f.startsWith(`aggregates/${name}-`))).toBe(true);
    expect(files).toContain("datapackage.json");
    expect(files).toContain("build-report.json");
    expect(files).toContain("stories.json");
  });

  it("reconciles every row: read = published + rejected + suppressed, and rejects the planted bad rows", () => {
    for (const name of DATASETS) {
      const d = report.datasets[name]!;
      expect(d.rows.read, name).toBe(d.rows.published + d.rows.rejected + d.rows.suppressed);
      expect(d.rows.published, name).toBeGreaterThan(0);
      expect(d.rejectedRows).toHaveLength(d.rows.rejected);
    }
    expect(report.datasets.outcomes!.rows.rejected).toBeGreaterThan(0);
    expect(report.datasets.stigma!.rejectedByCode["duplicate-row"]).toBeGreaterThan(0);
    expect(report.illustrative).toBe(true);
  });

  it("attacks the release before publishing it, and reports what the intruder tried", () => {
    const published = JSON.parse(readFileSync(join(first, "build-report.json"), "utf8")) as BuildReport;
    expect(report.intruder.cellsAudited).toBeGreaterThan(100);
    expect(report.intruder.recordsForced).toBe(0);
    expect(report.intruder.microdata.map((m) => m.dataset).sort()).toEqual(["outcomes", "stigma"]);
    expect(published.intruder).toEqual((({ elapsedMs: _, ...rest }) => rest)(report.intruder));
  });

  it("publishes nothing when the intruder finds a way in, and leaves the previous output as it was", async () => {
    const out = join(temp(), "published");
    cpSync(first, out, { recursive: true });
    const before = readFileSync(join(out, "datapackage.json"), "utf8");
    const finding = { code: "narrow-interval" as const, message: "aggregates/x.json: the suppressed cell \"region=Wales / count\" is exactly 1.", resources: ["aggregates/x.json"] };
    const attack = async () => ({ findings: [finding], figures: report.intruder });
    const failed = buildData({ source: sampleSource, out, reviewDir: temp(), log: quiet, env: {}, attack });
    await expect(failed).rejects.toThrow(/built-in intruder found 1 way\(s\)[^]*narrow-interval: aggregates\/x\.json: the suppressed cell "region=Wales \/ count" is exactly 1\./);
    await expect(failed).rejects.toMatchObject({ code: "disclosure-error" });
    expect(readFileSync(join(out, "datapackage.json"), "utf8")).toBe(before);
    expect(existsSync(`${out}.partial-${process.pid}`)).toBe(false);
  }, 240_000);

  it("publishes a report of counts only: no row numbers, nothing about a single story", () => {
    const published = JSON.parse(readFileSync(join(first, "build-report.json"), "utf8")) as BuildReport;
    expect(published.stories).toEqual({ published: report.stories.published });
    expect(report.stories.withdrawn).toBe(1);
    for (const name of DATASETS) {
      expect(published.datasets[name]!.rows).toEqual(report.datasets[name]!.rows);
      expect(published.datasets[name]).not.toHaveProperty("rejectedRows");
    }
    expect(JSON.stringify(published)).not.toMatch(/withdrawn|"line"/);
  });

  it("publishes no free text in row-level files, and counts tables from the published rows", async () => {
    const header = readFileSync(join(first, "stigma.csv"), "utf8").split("\n")[0]!;
    expect(header.split(",")).not.toContain("quote");
    expect(header.split(",")).not.toContain("quote_consent");
    const region = JSON.parse(readFileSync(join(first, "aggregates", "stigma-region.json"), "utf8")) as { rows: { region: string; count: number | string }[] };
    const people = new Set(readFileSync(join(first, "stigma.csv"), "utf8").trim().split("\n").slice(1).map((line) => line.split(",")[0]));
    const total = region.rows.find((r) => r.region === "Total")!.count as number;
    expect(Math.abs(total - people.size)).toBeLessThanOrEqual(2);
  });

  it("lists every file in datapackage.json with its true size and sha256", () => {
    const pkg = JSON.parse(readFileSync(join(first, "datapackage.json"), "utf8")) as { resources: Resource[]; lero: { illustrative: boolean } };
    expect(pkg.lero.illustrative).toBe(true);
    expect(pkg.resources.length).toBeGreaterThan(5);
    for (const resource of pkg.resources) {
      const bytes = readFileSync(join(first, resource.path));
      expect(resource.bytes, resource.path).toBe(bytes.length);
      expect(resource.hash, resource.path).toBe(`sha256:${createHash("sha256").update(bytes).digest("hex")}`);
    }
  });

  it("gives byte-identical output on a second run with another thread count", async () => {
    const second = join(temp(), "published");
    process.env.LERO_DUCKDB_THREADS = "1";
    try {
      await buildData({ source: sampleSource, out: second, reviewDir: temp(), log: quiet, env: {} });
    } finally {
      delete process.env.LERO_DUCKDB_THREADS;
    }
    for (const file of await listPublished(first)) {
      expect(readFileSync(join(second, file)).equals(readFileSync(join(first, file))), file).toBe(true);
    }
  }, 240_000);

  it("never publishes an identifier column or the pseudonym key", async () => {
    const identifiers = /^(person_id|respondent_id|lero_id|lero|trainee_id|response_id|name|email)$/;
    for (const file of await listPublished(first)) {
      const bytes = readFileSync(join(first, file));
      expect(bytes.includes(DEMO_PSEUDONYM_KEY), file).toBe(false);
      if (file.endsWith(".csv")) {
        const header = bytes.toString("utf8").split("\n")[0]!.split(",");
        expect(header.filter((column) => identifiers.test(column)), file).toEqual([]);
        expect(header.some((column) => column.endsWith("_ref")), file).toBe(true);
      }
    }
  });
});

describe("buildData with a pseudonym register", () => {
  const env = { LERO_PSEUDONYM_KEY: "a-test-key-that-is-long-enough" };

  it("hashes each person's random ID, keeps the register beside the exports, and rebuilds byte-identically", async () => {
    const dir = temp();
    cpSync(SAMPLE_DIR, dir, { recursive: true });
    rmSync(join(dir, "ILLUSTRATIVE"));
    const out = join(temp(), "published");
    await buildData({ source: { dir, illustrative: false }, out, reviewDir: temp(), log: quiet, env });
    const register = join(dir, REGISTER_FILE);
    const lines = readFileSync(register, "utf8").trim().split("\n");
    const sourceIds = new Set(readFileSync(join(dir, "outcomes.csv"), "utf8").trim().split("\n").slice(1).map((line) => line.split(",")[0]!));
    expect(lines.filter((line) => line.startsWith("person_ref,")).length).toBe(sourceIds.size);
    expect((await listPublished(out)).some((file) => file.includes("register"))).toBe(false);

    // Someone holding the key cannot test a guessed identifier: no published pseudonym is its hash.
    const published = new Set(readFileSync(join(out, "outcomes.csv"), "utf8").trim().split("\n").slice(1).map((line) => line.split(",")[0]!));
    expect(published.size).toBeGreaterThan(100);
    expect([...sourceIds].filter((id) => published.has(pseudonym(id, env.LERO_PSEUDONYM_KEY)))).toEqual([]);

    const again = join(temp(), "published");
    await buildData({ source: { dir, illustrative: false }, out: again, reviewDir: temp(), log: quiet, env });
    for (const file of await listPublished(out)) {
      expect(readFileSync(join(again, file)).equals(readFileSync(join(out, file))), file).toBe(true);
    }

    // Without the register the next build would change every pseudonym: it stops and writes nothing.
    rmSync(register);
    const before = readFileSync(join(out, "datapackage.json"));
    await expect(buildData({ source: { dir, illustrative: false }, out, reviewDir: temp(), log: quiet, env })).rejects.toThrow(/pseudonym register .* is missing/);
    expect(readFileSync(join(out, "datapackage.json")).equals(before)).toBe(true);
    expect(existsSync(register)).toBe(false);
    rmSync(dir, { recursive: true, force: true });
  }, 240_000);
});

describe("buildData failures", () => {
  it("fails without LERO_PSEUDONYM_KEY when building from another folder, and writes nothing", async () => {
    const dir = temp();
    cpSync(SAMPLE_DIR, dir, { recursive: true });
    const out = join(temp(), "published");
    await expect(buildData({ source: { dir, illustrative: true }, out, reviewDir: temp(), log: quiet, env: {} })).rejects.toThrow(/LERO_PSEUDONYM_KEY/);
    expect(existsSync(out)).toBe(false);
  });

  it("stops on a broken export, names the file and problem, and leaves the previous output as it was", async () => {
    const out = join(temp(), "published");
    await buildData({ source: sampleSource, out, reviewDir: temp(), log: quiet, env: {} });
    const before = readFileSync(join(out, "datapackage.json"));
    const dir = temp();
    cpSync(SAMPLE_DIR, dir, { recursive: true });
    writeFileSync(join(dir, "outcomes.csv"), "person,when\nx,y\n");
    const env = { LERO_PSEUDONYM_KEY: "a-test-key-that-is-long-enough" };
    const failure = buildData({ source: { dir, illustrative: false }, out, reviewDir: temp(), log: quiet, env });
    await expect(failure).rejects.toBeInstanceOf(PipelineError);
    await expect(failure).rejects.toThrow(/outcomes\.csv/);
    expect(readFileSync(join(out, "datapackage.json")).equals(before)).toBe(true);
    rmSync(dir, { recursive: true, force: true });
  }, 240_000);

  it("stops on a header-only export rather than publish a dataset of nobody", async () => {
    const dir = temp();
    cpSync(SAMPLE_DIR, dir, { recursive: true });
    const header = readFileSync(join(dir, "outcomes.csv"), "utf8").split("\n")[0]!;
    writeFileSync(join(dir, "outcomes.csv"), `${header}\n`);
    const env = { LERO_PSEUDONYM_KEY: "a-test-key-that-is-long-enough" };
    const out = join(temp(), "published");
    const failure = buildData({ source: { dir, illustrative: false }, out, reviewDir: temp(), log: quiet, env });
    await expect(failure).rejects.toThrow(/outcomes\.csv has column headings but no answers/);
    expect(existsSync(out)).toBe(false);
    rmSync(dir, { recursive: true, force: true });
  }, 240_000);

  it("stops when a dataset has fewer than half the rows of the previous release, unless the shrink is accepted", async () => {
    const dir = temp();
    cpSync(SAMPLE_DIR, dir, { recursive: true });
    rmSync(join(dir, "ILLUSTRATIVE"));
    const env = { LERO_PSEUDONYM_KEY: "a-test-key-that-is-long-enough" };
    const out = join(temp(), "published");
    const reviewDir = temp();
    await buildData({ source: { dir, illustrative: false }, out, reviewDir, log: quiet, env });
    const before = readFileSync(join(out, "datapackage.json"));

    const lines = readFileSync(join(dir, "outcomes.csv"), "utf8").trim().split("\n");
    writeFileSync(join(dir, "outcomes.csv"), `${lines.slice(0, Math.floor(lines.length * 0.4)).join("\n")}\n`);
    const shrunk = buildData({ source: { dir, illustrative: false }, out, reviewDir, log: quiet, env });
    await expect(shrunk).rejects.toThrow(/outcomes\.csv has [\d,]+ usable rows, fewer than half of the [\d,]+ in the previous release .*--accept-shrink outcomes/);
    expect(readFileSync(join(out, "datapackage.json")).equals(before)).toBe(true);

    await expect(buildData({ source: { dir, illustrative: false }, out, reviewDir, log: quiet, env: { ...env, LERO_ACCEPT_SHRINK: "outcome" } })).rejects.toThrow(/Cannot accept a shrink of "outcome"/);
    const { report } = await buildData({ source: { dir, illustrative: false }, out, reviewDir, log: quiet, env, acceptShrink: ["outcomes"] });
    expect(report.datasets.outcomes!.rows.read).toBeLessThan(lines.length * 0.4);
    rmSync(dir, { recursive: true, force: true });
  }, 240_000);
});
