import { existsSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../../loaders/cli.ts";
import { SAMPLE_DIR } from "../../loaders/data-dir.ts";
import { PROJECT_ROOT } from "../../loaders/schema.ts";
import { run } from "../support/run.ts";

const FIXTURES = join(PROJECT_ROOT, "..", "shared", "fixtures", "exports");

function capture(): { io: { out: (t: string) => void; err: (t: string) => void }; out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (t) => out.push(t), err: (t) => err.push(t) }, out, err };
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

const exportFiles = [
  ...filesUnder(FIXTURES).filter((f) => /\.(csv|xlsx)$/.test(f) && !f.endsWith("dictionary.csv")),
  ...filesUnder(SAMPLE_DIR).filter((f) => /\.(csv|xlsx)$/.test(f)),
];

describe("lero-evidence inspect", () => {
  it.each(exportFiles)("inspects %s", async (file) => {
    const { io, out, err } = capture();
    expect(await main(["inspect", file], io), err.join("\n")).toBe(0);
    const text = out.join("\n");
    expect(text).toMatch(/qualtrics|surveymonkey|google-forms|microsoft-forms|redcap|plain/);
    expect(text.split("\n").length).toBeGreaterThan(3);
  });
});

describe("lero-evidence check", () => {
  it("accepts the sample stigma export with its planted duplicate reported, and exits 1 for rejected rows", async () => {
    const { io, out } = capture();
    const code = await main(["check", "stigma", join(SAMPLE_DIR, "stigma.csv"), "--mapping", join(SAMPLE_DIR, "stigma.mapping.json")], io);
    expect(out.join("\n")).toMatch(/duplicate-row/);
    expect([0, 1]).toContain(code);
  });

  it("prints each problem with its code and position and exits 1 on a broken file", async () => {
    const dir = mkdtempSync(join(tmpdir(), "lero-cli-"));
    const file = join(dir, "outcomes.csv");
    const header = "person_id,assessment,assessment_date,lero,region,age_band,gender,primary_substance,barc_1,barc_2,barc_3,barc_4,barc_5,barc_6,barc_7,barc_8,barc_9,barc_10,barc_total";
    writeFileSync(file, `${header}\nP1,Intake,2024-02-30,L1,North East,25–34,Woman,Alcohol,1,2,3,4,5,6,7,1,1,1,31\n`);
    const { io, out } = capture();
    expect(await main(["check", "outcomes", file], io)).toBe(1);
    const text = out.join("\n");
    expect(text).toMatch(/type-error|constraint-error/);
    expect(text).toMatch(/row 1 \(line 2\)/);
    expect(text).toContain("assessment_date");
  });

  it("reports usage errors with exit code 2", async () => {
    const { io, err } = capture();
    expect(await main(["check", "nonsense", "x.csv"], io)).toBe(2);
    expect(err.join("\n")).toContain("Unknown dataset");
    expect(await main(["frobnicate"], capture().io)).toBe(2);
    expect(await main(["check", "stigma"], capture().io)).toBe(2);
    expect(await main(["build-data"], capture().io)).toBe(2);
  });

  it("says a header-only export is not valid, as the build would stop on it", async () => {
    const dir = mkdtempSync(join(tmpdir(), "lero-cli-"));
    const header = readFileSync(join(SAMPLE_DIR, "outcomes.csv"), "utf8").split("\n")[0]!;
    writeFileSync(join(dir, "outcomes.csv"), `${header}\n`);
    const { io, out } = capture();
    expect(await main(["check", "outcomes", join(dir, "outcomes.csv")], io)).toBe(1);
    expect(out.join("\n")).toContain("has column headings but no answers");
    expect(out.join("\n")).not.toContain("Valid.");
    const json = capture();
    expect(await main(["check", "outcomes", join(dir, "outcomes.csv"), "--json"], json.io)).toBe(1);
    expect(JSON.parse(json.out.join("\n"))).toMatchObject({ valid: false, empty: true });
  });

  it("refuses to accept a shrink of a dataset that does not exist, naming the datasets", async () => {
    const { io, err } = capture();
    const out = join(mkdtempSync(join(tmpdir(), "lero-cli-")), "published");
    expect(await main(["build-data", "--out", out, "--accept-shrink", "stigma,outcome"], io)).toBe(1);
    expect(err.join("\n")).toMatch(/Cannot accept a shrink of "outcome": the datasets are audit, /);
    expect(existsSync(out)).toBe(false);
  }, 120_000);

  it("runs as the installed `lero-evidence` command", async () => {
    const result = await run(process.execPath, [join(PROJECT_ROOT, "bin", "lero-evidence.js"), "inspect", join(FIXTURES, "qualtrics", "sample.csv")]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain("qualtrics");
  });

  it("exits 1 with the reader's message for a file that does not exist", async () => {
    const { io, err } = capture();
    expect(await main(["inspect", "/no/such/file.csv"], io)).toBe(1);
    expect(err.join("\n")).toContain("/no/such/file.csv");
  });
});
