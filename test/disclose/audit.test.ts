import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { execFileSync } from "node:child_process";
import { DuckDBInstance, type DuckDBConnection } from "@duckdb/node-api";
import { auditDist, findPersonalData, formatFinding, passesMod11 } from "../../loaders/disclose/audit/index.ts";
import { protectCounts, toAggregateJson } from "../../loaders/disclose/cells.ts";
import { loadPolicy } from "../../loaders/disclose/policy.ts";
import { quoteLiteral } from "../../loaders/publish/duckdb.ts";

const policy = { ...loadPolicy(), allowedEmails: ["hello@clero.example"] };
let root: string;
let instance: DuckDBInstance;
let db: DuckDBConnection;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), "lero-audit-"));
  instance = await DuckDBInstance.create(":memory:");
  db = await instance.connect();
});
afterAll(() => {
  db.closeSync();
  instance.closeSync();
  rmSync(root, { recursive: true, force: true });
});

let counter = 0;
/** Ten people in one class; a formula-like cell escaped as the pipeline does. */
const CSV = "region,age_band,score\n" + [...Array(10)].map((_, i) => `North East,25-34,${i === 3 ? "'=1+1" : i}`).join("\n") + "\n";
function write(dist: string, path: string, content: string | Buffer): void {
  const file = join(dist, path);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, content);
}
/** Writes a Parquet file from a SELECT. */
async function parquet(dist: string, path: string, select: string): Promise<void> {
  const file = join(dist, path);
  mkdirSync(dirname(file), { recursive: true });
  await db.run(`COPY (${select}) TO ${quoteLiteral(file)} (FORMAT parquet)`);
}
const fields = {
  person: { name: "person", type: "string", lero: { role: "public" } },
  region: { name: "region", type: "string", lero: { role: "quasi" } },
  age: { name: "age_band", type: "string", lero: { role: "quasi" } },
  score: { name: "score", type: "integer", lero: { role: "sensitive" } },
  email: { name: "email", type: "string", lero: { role: "identifier" } },
};

/** A clean site: microdata with k = 10, an aggregate from protectCounts, a page, a CSV download, libraries and images. */
async function cleanDist(): Promise<string> {
  const dist = join(root, `dist-${++counter}`);
  // Two classes of ten people each.
  await parquet(
    dist,
    "data/stigma.parquet",
    `SELECT CASE WHEN i < 10 THEN 'North East' ELSE 'Wales' END AS region, '25-34' AS age_band, (i * 3) % 50 AS score FROM range(20) t(i)`,
  );
  const table = protectCounts(
    { rowDim: "region", colDim: "setting", rows: ["North East", "Wales"], cols: ["GP", "Hospital"], counts: [[3, 20], [12, 40]] },
    policy,
    "person",
  );
  write(dist, "data/stigma-by-region.json", JSON.stringify(toAggregateJson(table)));
  write(dist, "data/stigma.csv", CSV);
  const pkg = {
    name: "lero-evidence",
    resources: [
      { name: "demo", path: "stigma.parquet", format: "parquet", schema: { fields: [fields.region, fields.age, fields.score] }, lero: { kind: "microdata", level: "person" } },
      {
        name: "demo-by-region",
        path: "stigma-by-region.json",
        format: "json",
        schema: { fields: [] },
        lero: { kind: "aggregate", level: "person" },
      },
      { name: "demo-csv", path: "stigma.csv", format: "csv", schema: { fields: [fields.region, fields.age, fields.score] }, lero: { kind: "microdata", level: "person" } },
    ],
  };
  write(dist, "data/datapackage.json", JSON.stringify(pkg, null, 2));
  write(dist, "index.html", `<!doctype html><title>LERO Evidence</title><p>Contact <a href="mailto:hello@clero.example">hello@clero.example</a>. Published 2024. Icons <img src="logo@2x.png"> version 0.123456789</p>`);
  write(dist, "_npm/d3@7.9.2/index.js", "// Copyright Mike Bostock <mike@ocks.org>\nexport {};");
  write(dist, "_observablehq/client.js", "// contact support@example.com");
  write(dist, "logo@2x.png", Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]));
  write(dist, "_import/components/chart.js", "export const x = (d) => d.count / 100; // 07700 900 is not a whole number");
  return dist;
}

async function pkgOf(dist: string): Promise<{ resources: Record<string, unknown>[] }> {
  const { readFileSync } = await import("node:fs");
  return JSON.parse(readFileSync(join(dist, "data/datapackage.json"), "utf8"));
}
async function savePkg(dist: string, pkg: unknown): Promise<void> {
  write(dist, "data/datapackage.json", JSON.stringify(pkg));
}

describe("auditDist", () => {
  it("passes a clean site", async () => {
    const dist = await cleanDist();
    const report = await auditDist(dist, { policy, schemaDir: null });
    expect(report.findings.map(formatFinding)).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.resources).toEqual([
      { name: "demo", kind: "microdata", level: "person", k: 10 },
      { name: "demo-by-region", kind: "aggregate", level: "person" },
      { name: "demo-csv", kind: "microdata", level: "person", k: 10 },
    ]);
  });

  it("fails an aggregate with a count of 3, a count not rounded to 5, and a lone [c] beside a published total", async () => {
    const dist = await cleanDist();
    write(
      dist,
      "data/stigma-by-region.json",
      JSON.stringify({
        dimensions: ["region"],
        measures: ["count"],
        rows: [
          { region: "North East", count: 3 },
          { region: "Wales", count: 12 },
          { region: "Scotland", count: "[c]" },
          { region: "London", count: 40 },
          { region: "Total", count: 60 },
        ],
      }),
    );
    const report = await auditDist(dist, { policy, schemaDir: null });
    const own = report.findings.filter((f) => f.file === "data/stigma-by-region.json");
    expect(own.map(formatFinding)).toEqual([
      "data/stigma-by-region.json, row 1, column count: a count of 3 people is published; counts from 1 to 7 must be shown as [c]",
      "data/stigma-by-region.json, row 2, column count: a count of 12 people is not rounded to a multiple of 5",
      "data/stigma-by-region.json, row 3, column count: the only [c] among the region values of its group while the group's Total is published: it can be worked out by subtraction",
    ]);
    expect(report.ok).toBe(false);
  });

  it("looks for a lone [c] only along dimensions whose values add up, as the table's links declare", async () => {
    const dist = await cleanDist();
    const rows = [
      { region: "North East", option: "Peer support", count: "[c]" },
      { region: "North East", option: "Total", count: 40 },
      { region: "Wales", option: "Peer support", count: 20 },
      { region: "Wales", option: "Total", count: 30 },
    ];
    const table = (links: Record<string, unknown>) => JSON.stringify({ dimensions: ["region", "option"], measures: ["count"], rows, links });
    write(dist, "data/stigma-by-region.json", table({ population: "stigma", additive: false, additiveDimensions: ["region"], counts: { count: {} } }));
    expect((await auditDist(dist, { policy, schemaDir: null })).findings.map(formatFinding)).toEqual([]);
    write(dist, "data/stigma-by-region.json", table({ population: "stigma", additive: true, counts: { count: {} } }));
    expect((await auditDist(dist, { policy, schemaDir: null })).findings.map(formatFinding)).toEqual([
      "data/stigma-by-region.json, row 1, column count: the only [c] among the option values of its group while the group's Total is published: it can be worked out by subtraction",
    ]);
  });

  it("checks a multi-select table's published base as a count", async () => {
    const dist = await cleanDist();
    write(dist, "data/stigma-by-region.json", JSON.stringify({ dimensions: ["activity"], measures: ["count"], base: 12, rows: [{ activity: "Peer support", count: 10 }] }));
    const report = await auditDist(dist, { policy, schemaDir: null });
    expect(report.findings.map(formatFinding)).toEqual(["data/stigma-by-region.json, column base: a count of 12 people is not rounded to a multiple of 5"]);
  });

  it("uses the organisation threshold for organisation aggregates", async () => {
    const dist = await cleanDist();
    write(dist, "data/stigma-by-region.json", JSON.stringify({ dimensions: ["stage"], measures: ["organisations"], rows: [{ stage: "emerging", organisations: 2 }, { stage: "mature", organisations: 4 }] }));
    const pkg = await pkgOf(dist);
    (pkg.resources[1] as { lero: { level: string } }).lero.level = "organisation";
    await savePkg(dist, pkg);
    const report = await auditDist(dist, { policy, schemaDir: null });
    expect(report.findings.map((f) => [f.code, f.row])).toEqual([["small-count", 1]]);
  });

  it("fails microdata whose smallest class has 4 people", async () => {
    const dist = await cleanDist();
    await parquet(
      dist,
      "data/stigma.parquet",
      `SELECT CASE WHEN i < 16 THEN 'North East' ELSE 'Wales' END AS region, '25-34' AS age_band, i AS score FROM range(20) t(i)`,
    );
    const report = await auditDist(dist, { policy, schemaDir: null });
    expect(report.findings.map(formatFinding)).toEqual([
      'data/stigma.parquet, row 17, column region+age_band: only 4 people share region = "Wales", age_band = "25-34"; the person threshold is k = 10',
    ]);
    expect(report.resources[0]).toMatchObject({ name: "demo", k: 4 });
  });

  it("counts people, not rows, in longitudinal microdata", async () => {
    const dist = await cleanDist();
    // 5 people × 4 assessments: 20 rows but only 5 people.
    await parquet(dist, "data/stigma.parquet", `SELECT 'p' || (i % 5) AS person, 'North East' AS region, '25-34' AS age_band, i AS score FROM range(20) t(i)`);
    const pkg = await pkgOf(dist);
    const r = pkg.resources[0] as { schema: { fields: unknown[] }; lero: Record<string, unknown> };
    r.schema.fields.unshift(fields.person);
    r.lero.subject = "person";
    await savePkg(dist, pkg);
    const report = await auditDist(dist, { policy, schemaDir: null });
    expect(report.findings.map((f) => f.message)).toEqual([
      'only 5 people share region = "North East", age_band = "25-34"; the person threshold is k = 10',
    ]);
  });

  it("fails when a subject's quasi values vary", async () => {
    const dist = await cleanDist();
    await parquet(dist, "data/stigma.parquet", `SELECT 'p' || (i % 10) AS person, CASE WHEN i < 20 THEN 'North East' ELSE 'Wales' END AS region, '25-34' AS age_band, i AS score FROM range(30) t(i)`);
    const pkg = await pkgOf(dist);
    const r = pkg.resources[0] as { schema: { fields: unknown[] }; lero: Record<string, unknown> };
    r.schema.fields.unshift(fields.person);
    r.lero.subject = "person";
    await savePkg(dist, pkg);
    const report = await auditDist(dist, { policy, schemaDir: null });
    expect(report.findings.map((f) => f.code)).toEqual(["varying-quasi"]);
  });

  it("fails an identifier column and a column without a role", async () => {
    const dist = await cleanDist();
    await parquet(
      dist,
      "data/stigma.parquet",
      `SELECT 'North East' AS region, '25-34' AS age_band, i AS score, 'x' || i AS email, 1 AS mystery FROM range(20) t(i)`,
    );
    const pkg = await pkgOf(dist);
    (pkg.resources[0] as { schema: { fields: unknown[] } }).schema.fields.push(fields.email);
    await savePkg(dist, pkg);
    const report = await auditDist(dist, { policy, schemaDir: null });
    expect(report.findings.map((f) => [f.code, f.column, f.field])).toEqual([
      ["identifier-column", 4, "email"],
      ["unclassified-column", 5, "mystery"],
    ]);
  });

  it("fails on an e-mail address in HTML and in a CSV, giving line, row and column", async () => {
    const dist = await cleanDist();
    write(dist, "index.html", "<!doctype html>\n<title>Stories</title>\n<p>Write to jo.bloggs@gmail.com or hello@clero.example</p>\n");
    write(dist, "data/stigma.csv", CSV.replace("North East,25-34,1\n", "North East,25-34,jo@example.org\n"));
    const report = await auditDist(dist, { policy, schemaDir: null });
    const personal = report.findings.filter((f) => f.code === "personal-data");
    expect(personal.map(formatFinding)).toEqual([
      'data/stigma.csv, line 3, row 2, column score: e-mail address (only the addresses in allowedEmails of data/disclosure.json may be published): "jo••••••••••••"',
      'index.html, line 3: e-mail address (only the addresses in allowedEmails of data/disclosure.json may be published): "jo••••••••••••"',
    ]);
  });

  it("scans Parquet string columns and JSON values", async () => {
    const dist = await cleanDist();
    await parquet(dist, "data/extra.parquet", `SELECT * FROM (VALUES ('fine', 1), ('call 07700 900123', 2), ('SW1A 1AA', 3)) t(note, n)`);
    write(dist, "_file/data/story.json", JSON.stringify({ title: "A story", body: "My NHS number is 943 476 5919" }));
    const pkg = await pkgOf(dist);
    pkg.resources.push({ name: "extra", path: "extra.parquet", format: "parquet", schema: { fields: [{ name: "note", lero: { role: "public" } }, { name: "n", lero: { role: "public" } }] }, lero: { kind: "microdata", level: "organisation" } });
    await savePkg(dist, pkg);
    const report = await auditDist(dist, { policy, schemaDir: null });
    expect(report.findings.filter((f) => f.code === "personal-data").map((f) => [f.file, f.row, f.column, f.field, f.message.split(":")[0]])).toEqual([
      ["_file/data/story.json", undefined, undefined, "body", "NHS number (passes the mod-11 check)"],
      ["data/extra.parquet", 2, 1, "note", "UK phone number"],
      ["data/extra.parquet", 3, 1, "note", "full UK postcode"],
    ]);
  });

  it("fails a data file that the datapackage does not describe", async () => {
    const dist = await cleanDist();
    await parquet(dist, "_file/data/secret.abc123.parquet", `SELECT 1 AS n`);
    const report = await auditDist(dist, { policy, schemaDir: null });
    expect(report.findings.map((f) => [f.code, f.file])).toEqual([["undescribed-data", "_file/data/secret.abc123.parquet"]]);
  });

  it("fails a site without a datapackage", async () => {
    const dist = join(root, "empty");
    write(dist, "index.html", "<p>Hello</p>");
    const report = await auditDist(dist, { policy, schemaDir: null });
    expect(report.findings.map((f) => f.code)).toEqual(["missing-datapackage"]);
  });

  it("runs as a script: exit 1 with one line per finding, exit 0 with a summary", async () => {
    const clean = await cleanDist();
    // The script uses the project's policy, whose allowedEmails is empty: drop the contact address.
    write(clean, "index.html", "<p>LERO Evidence</p>");
    const script = join(process.cwd(), "scripts/audit-disclosure.ts");
    const tsx = join(process.cwd(), "node_modules/.bin/tsx");
    const out = execFileSync(tsx, [script, clean], { encoding: "utf8" });
    expect(out).toMatch(/^Disclosure audit of .* passed: 3 resource\(s\) checked/);
    write(clean, "index.html", "<p>Mail jo@gmail.com</p>");
    let status = 0;
    let stdout = "";
    try {
      execFileSync(tsx, [script, clean], { encoding: "utf8", stdio: "pipe" });
    } catch (error) {
      status = (error as { status: number }).status;
      stdout = (error as { stdout: string }).stdout;
    }
    expect(status).toBe(1);
    expect(stdout.trim().split("\n")).toEqual(['index.html, line 1: e-mail address (only the addresses in allowedEmails of data/disclosure.json may be published): "jo••••••••••"']);
  }, 60_000);
});

describe("findPersonalData", () => {
  const kinds = (text: string): string[] => findPersonalData(text, ["hello@clero.example"]).map((m) => `${m.kind}:${m.text}`);
  it("finds the patterns", () => {
    expect(kinds("mail Jo.Bloggs+x@nhs.net now")).toEqual(["email:Jo.Bloggs+x@nhs.net"]);
    expect(kinds("ring 07700 900123 or +44 20 7946 0000 or (020) 7946 0000 or 0044 1632 960983")).toEqual([
      "phone:07700 900123",
      "phone:+44 20 7946 0000",
      "phone:(020) 7946 0000",
      "phone:0044 1632 960983",
    ]);
    expect(kinds("at SW1A 1AA, sw1a 1aa and M11AE")).toEqual(["postcode:SW1A 1AA", "postcode:sw1a 1aa", "postcode:M11AE"]);
    expect(kinds("NHS 943 476 5919 and 9434765919")).toEqual(["nhs-number:943 476 5919", "nhs-number:9434765919"]);
    expect(kinds("NI AB 12 34 56 C and AB123456D")).toEqual(["ni-number:AB 12 34 56 C", "ni-number:AB123456D"]);
  });
  it("leaves alone what only looks like them", () => {
    expect(
      kinds(
        "hello@clero.example icon@2x.png d3@7.9.2 @observablehq/plot 0.123456789 year 2024 " +
          "943 476 5918 1700000000 GB123456A QQ123456C ab12cd 1.07700900123 E12000001 rgb(12, 34, 56)",
      ),
    ).toEqual([]);
  });
  it("does not take a bare ten-digit constant in script for an NHS number", () => {
    expect(findPersonalData("const max = 2147483648;").map((m) => m.kind)).toEqual(["nhs-number"]);
    expect(findPersonalData("const max = 2147483648;", [], { code: true })).toEqual([]);
    expect(findPersonalData("// 943 476 5919", [], { code: true }).map((m) => m.kind)).toEqual(["nhs-number"]);
    expect(findPersonalData("0000000000")).toEqual([]);
  });
  it("checks NHS numbers with mod 11", () => {
    expect(passesMod11("9434765919")).toBe(true);
    expect(passesMod11("9434765918")).toBe(false);
    expect(passesMod11("123")).toBe(false);
  });
});
