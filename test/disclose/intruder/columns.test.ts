import { afterAll, describe, expect, it } from "vitest";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { MicrodataColumns } from "../../../loaders/disclose/intruder/columns.ts";
import { runIntruder } from "../../../loaders/disclose/intruder/index.ts";
import { quoteLiteral, withDuckDB } from "../../../loaders/publish/duckdb.ts";
import { repeat, writeRelease } from "./fixture.ts";

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe("microdata held by column", () => {
  const columns = new MicrodataColumns(["barriers"]);
  columns.append({ region: "Wales", barriers: ["Cost", "Time"], note: null });
  columns.append({ region: "Wales", barriers: [] });
  columns.append({ region: "Scotland", barriers: ["Time"], note: "x" });

  it("gives back each row's values, null where a row had no such column", () => {
    expect(columns.length).toBe(3);
    expect(columns.names).toEqual(["region", "barriers", "note"]);
    expect([0, 1, 2].map((row) => columns.value(row, "region"))).toEqual(["Wales", "Wales", "Scotland"]);
    expect([0, 1, 2].map((row) => columns.value(row, "barriers"))).toEqual([["Cost", "Time"], [], ["Time"]]);
    expect([0, 1, 2].map((row) => columns.value(row, "note"))).toEqual([null, null, "x"]);
    expect(columns.value(0, "absent")).toBeNull();
  });

  it("gives equal codes to equal values only", () => {
    expect(columns.code(0, "region")).toBe(columns.code(1, "region"));
    expect(columns.code(0, "region")).not.toBe(columns.code(2, "region"));
    expect(columns.code(0, "note")).toBe(0);
  });

  it("tests rows for a value, an option of a list, and an answer", () => {
    const rows = (test: (row: number) => boolean) => [0, 1, 2].filter(test);
    expect(rows(columns.equals("region", "Wales"))).toEqual([0, 1]);
    expect(rows(columns.equals("region", "England"))).toEqual([]);
    expect(rows(columns.equals("barriers", "Time"))).toEqual([0, 2]);
    expect(rows(columns.equals("absent", "Time"))).toEqual([]);
    expect(rows(columns.answered("barriers"))).toEqual([0, 2]);
    expect(rows(columns.answered("note"))).toEqual([2]);
    expect([...columns.distinct("barriers")].sort()).toEqual(["Cost", "Time"]);
  });

  it("answers the same once finished, and takes no more rows", () => {
    const finished = new MicrodataColumns(["barriers"]);
    finished.append({ region: "Wales", barriers: ["Cost"] });
    finished.append({ region: "Scotland", barriers: [] });
    finished.append({ region: "Wales", barriers: ["Time"] });
    finished.finish();
    expect(finished.size("region")).toBe(2);
    expect([0, 1, 2].filter(finished.equals("region", "Wales"))).toEqual([0, 2]);
    expect([0, 1, 2].filter(finished.equals("region", "England"))).toEqual([]);
    expect([0, 1, 2].filter(finished.equals("barriers", "Time"))).toEqual([2]);
    expect([0, 1, 2].map((row) => finished.value(row, "region"))).toEqual(["Wales", "Scotland", "Wales"]);
    expect(() => finished.append({ region: "Wales" })).toThrow(/finished/);
  });

  it("keeps its rows when it grows past its first capacity", () => {
    const many = new MicrodataColumns([]);
    for (let i = 0; i < 5000; i++) many.append({ id: `p${i % 7}`, ...(i % 2 === 0 ? { odd: null } : { odd: "yes" }) });
    expect(many.length).toBe(5000);
    expect(many.value(4999, "id")).toBe(`p${4999 % 7}`);
    expect(many.value(4999, "odd")).toBe("yes");
    expect(many.value(1, "odd")).toBe("yes");
    expect(many.value(4998, "odd")).toBeNull();
  });

  it("keeps every code when a column outgrows one and then two bytes per code", () => {
    const wide = new MicrodataColumns([]);
    for (let i = 0; i < 70_000; i++) wide.append({ id: `p${i}`, half: `h${i >> 1}` });
    expect([0, 255, 256, 65_535, 65_536, 69_999].map((row) => wide.value(row, "id"))).toEqual(["p0", "p255", "p256", "p65535", "p65536", "p69999"]);
    expect(wide.code(69_998, "half")).toBe(wide.code(69_999, "half"));
    expect(wide.code(69_997, "half")).not.toBe(wide.code(69_998, "half"));
    expect([0, 1, 69_999].filter(wide.equals("id", "p69999"))).toEqual([69_999]);
  });
});

describe("microdata published as Parquet only", () => {
  it("is attacked as its CSV is, read in batches in the file's order", { timeout: 60_000 }, async () => {
    // More rows than one batch (50,000), with a class too small in the last one.
    const rows = [
      ...repeat(60_000, { gender: "Man", substance: "Alcohol" }, "person_ref"),
      ...repeat(10, { gender: "Woman", substance: "Opioids" }, "person_ref", 60_000),
      ...repeat(3, { gender: "Non-binary", substance: "Alcohol" }, "person_ref", 60_010),
    ];
    const dir = writeRelease({
      microdata: [{ dataset: "outcomes", level: "person", subject: "person_ref", fields: [{ name: "person_ref", role: "public" }, { name: "gender", role: "quasi" }, { name: "substance", role: "sensitive" }], rows }],
    });
    dirs.push(dir);
    const fromCsv = await runIntruder(dir);
    expect(fromCsv.findings.map((f) => [f.code, f.cell])).toEqual([
      ["small-k", "gender=Non-binary"],
      ["small-l", "gender=Man"],
    ]);

    await withDuckDB((db) => db.run(`COPY (SELECT * FROM read_csv(${quoteLiteral(join(dir, "outcomes.csv"))}, all_varchar = true)) TO ${quoteLiteral(join(dir, "outcomes.parquet"))} (FORMAT parquet, ROW_GROUP_SIZE 20000)`));
    const packageFile = join(dir, "datapackage.json");
    writeFileSync(packageFile, readFileSync(packageFile, "utf8").replace('"path": "outcomes.csv"', '"path": "outcomes.parquet"').replace('"format": "csv"', '"format": "parquet"'));
    rmSync(join(dir, "outcomes.csv"));
    const fromParquet = await runIntruder(dir);
    const same = (report: typeof fromCsv) => JSON.parse(JSON.stringify({ findings: report.findings, ...report.figures, elapsedMs: 0 }).replaceAll("outcomes.csv", "outcomes.parquet"));
    expect(same(fromParquet)).toEqual(same(fromCsv));
    expect(fromParquet.figures.microdata[0]).toMatchObject({ resource: "outcomes.parquet", units: 60_013, k: 3 });
  });
});
