/**
 * The DuckDB fast path (loaders/pipeline/fast.ts) against the exact JavaScript path: whole builds of
 * the sample (its planted bad rows removed, so the fast path takes outcomes) and of generated data
 * compared byte for byte, and fuzzed exports that the fast path must either publish identically or hand
 * to the JavaScript path.
 */
import { createHmac } from "node:crypto";
import { copyFileSync, cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { makeScaled } from "../../scripts/make-sample.ts";
import { SAMPLE_DIR } from "../../loaders/data-dir.ts";
import { discloseRecords } from "../../loaders/disclose/apply.ts";
import { loadPolicy } from "../../loaders/disclose/policy.ts";
import { DEMO_PSEUDONYM_KEY, pseudonym } from "../../loaders/disclose/pseudonym.ts";
import { PseudonymRegister, seededRandomId } from "../../loaders/disclose/register.ts";
import { FAST_MEMORY, fastMemoryLimit } from "../../loaders/pipeline/dataset.ts";
import { fastDataset } from "../../loaders/pipeline/fast.ts";
import { buildData, listPublished } from "../../loaders/pipeline/index.ts";
import { quoteIdentifier, quoteLiteral, withDuckDB } from "../../loaders/publish/duckdb.ts";
import { columnsOf, loadRecords, orderedSelect, writeCsv, writeParquet } from "../../loaders/publish/table.ts";
import { applyMapping, readExport } from "../../loaders/read/index.ts";
import { referenceSets } from "../../loaders/reference.ts";
import { loadSchema, type TableSchema } from "../../loaders/schema.ts";
import { validateTable } from "../../loaders/validate/index.ts";

const temp = (): string => mkdtempSync(join(tmpdir(), "lero-fast-"));
const env = { LERO_PSEUDONYM_KEY: "fast-path-test-key-0123456789" };

/** The sample's outcomes without its planted bad rows (lines 1208, 6014 and 14389). */
function cleanOutcomes(): string {
  const planted = new Set([1208, 6014, 14389]);
  return readFileSync(join(SAMPLE_DIR, "outcomes.csv"), "utf8")
    .split("\n")
    .filter((_, i) => !planted.has(i + 1))
    .join("\n");
}

/** Builds `dir` on the fast path and then on the JavaScript path; returns both folders and the logs. */
async function buildBoth(dir: string): Promise<{ dir: string; fast: string; exact: string; fastLog: string[]; exactLog: string[]; review: [string, string] }> {
  const fast = join(temp(), "published");
  const exact = join(temp(), "published");
  const review: [string, string] = [temp(), temp()];
  const fastLog: string[] = [];
  const exactLog: string[] = [];
  const source = { dir, illustrative: true };
  // The fast build saves the register; the exact build reads it, so both give the same pseudonyms.
  await buildData({ source, out: fast, reviewDir: review[0], log: (l) => fastLog.push(l), env, fastPath: true });
  await buildData({ source, out: exact, reviewDir: review[1], log: (l) => exactLog.push(l), env, fastPath: false });
  return { dir, fast, exact, fastLog, exactLog, review };
}

async function expectSameBytes(a: string, b: string): Promise<void> {
  const files = await listPublished(a);
  expect(await listPublished(b)).toEqual(files);
  for (const file of files) expect(readFileSync(join(a, file)).equals(readFileSync(join(b, file))), file).toBe(true);
}

function privateReport(dir: string): unknown {
  const report = JSON.parse(readFileSync(join(dir, "build-report.json"), "utf8")) as { intruder: Record<string, unknown> };
  delete report.intruder["elapsedMs"];
  return report;
}

describe.each([
  ["the sample without its planted bad rows", (dir: string) => writeFileSync(join(dir, "outcomes.csv"), cleanOutcomes())],
  ["generated outcomes (30,000 rows)", async (dir: string) => {
    const generated = await makeScaled(30_000, temp());
    copyFileSync(generated.file, join(dir, "outcomes.csv"));
  }],
])("a build of %s", (_, prepare) => {
  let built: Awaited<ReturnType<typeof buildBoth>>;
  beforeAll(async () => {
    const dir = temp();
    cpSync(SAMPLE_DIR, dir, { recursive: true });
    await prepare(dir);
    built = await buildBoth(dir);
  }, 300_000);

  it("takes outcomes on the fast path, and logs the choice for every dataset", () => {
    expect(built.fastLog).toContain("  outcomes: DuckDB fast path");
    expect(built.exactLog).toContain("  outcomes: JavaScript path (the fast path was turned off)");
    expect(built.fastLog.filter((l) => /^ {2}\w+: (DuckDB fast path|JavaScript path)/.test(l))).toHaveLength(5);
  });

  it("publishes the same bytes both ways: Parquet, CSV, tables, datapackage and report", async () => {
    await expectSameBytes(built.fast, built.exact);
  });

  it("writes the same private disclosure report and issue list", () => {
    expect(privateReport(built.review[0])).toEqual(privateReport(built.review[1]));
    expect(readFileSync(join(built.review[0], "issues.json"), "utf8")).toBe(readFileSync(join(built.review[1], "issues.json"), "utf8"));
  });

  it("takes the fast path with DuckDB on one thread too (a one-core machine), with the same bytes", async () => {
    const out = join(temp(), "published");
    const log: string[] = [];
    process.env.LERO_DUCKDB_THREADS = "1";
    try {
      await buildData({ source: { dir: built.dir, illustrative: true }, out, reviewDir: temp(), log: (l) => log.push(l), env, fastPath: true });
    } finally {
      delete process.env.LERO_DUCKDB_THREADS;
    }
    expect(log).toContain("  outcomes: DuckDB fast path");
    await expectSameBytes(out, built.exact);
  }, 120_000);
});

describe("the sample as it is, with its planted bad rows", () => {
  let built: Awaited<ReturnType<typeof buildBoth>>;
  beforeAll(async () => {
    const dir = temp();
    cpSync(SAMPLE_DIR, dir, { recursive: true });
    built = await buildBoth(dir);
  }, 300_000);

  it("takes outcomes on the fast path, the bad rows judged by the JavaScript validator", () => {
    expect(built.fastLog).toContain("  outcomes: DuckDB fast path");
  });

  it("publishes the same bytes both ways", async () => {
    await expectSameBytes(built.fast, built.exact);
  });

  it("reports the same rejected rows, issues and disclosure both ways", () => {
    const report = privateReport(built.review[0]) as { datasets: { outcomes: { rejectedRows: unknown[] } } };
    expect(report.datasets.outcomes.rejectedRows).toHaveLength(3);
    expect(report).toEqual(privateReport(built.review[1]));
    expect(readFileSync(join(built.review[0], "issues.json"), "utf8")).toBe(readFileSync(join(built.review[1], "issues.json"), "utf8"));
  });
});

/** One export through each path, written as the pipeline writes it; the fast path's reason when it declines. */
async function bothWays(file: string, k?: number, schema: TableSchema = loadSchema("outcomes")): Promise<{ reason?: string; fast?: string[]; exact: string[] }> {
  const loaded = loadPolicy();
  // A smaller k makes the search stop at finer levels (quarters, nations), so those are compared too.
  const policy = k === undefined ? loaded : { ...loaded, person: { ...loaded.person, k, l: Math.min(loaded.person.l, k) } };
  const references = referenceSets();
  const out = temp();
  const write = async (db: Parameters<Parameters<typeof withDuckDB>[0]>[0], prefix: string, fields: Parameters<typeof columnsOf>[0], sortKey: string[], tableFields: Parameters<typeof columnsOf>[0]) => {
    const columns = columnsOf(fields);
    await writeParquet(db, orderedSelect("m_outcomes", columns, sortKey), join(out, `${prefix}.parquet`));
    await writeCsv(db, "m_outcomes", columns, sortKey, join(out, `${prefix}.csv`), policy.csvEscape.characters.join(""), policy.csvEscape.prefix);
    await db.run(`COPY (SELECT ${columnsOf(tableFields).map((c) => quoteIdentifier(c.name)).join(", ")} FROM t_outcomes) TO ${quoteLiteral(join(out, `${prefix}-table.csv`))} (FORMAT csv, HEADER true)`);
    return [`${prefix}.parquet`, `${prefix}.csv`, `${prefix}-table.csv`].map((f) => readFileSync(join(out, f)).toString("base64"));
  };
  const table = applyMapping(await readExport(file), schema);
  const validation = validateTable(table, schema, { references, maxRejectedShare: policy.maxRejectedShare });
  const accepted = validation.read - validation.rejected.length;
  const disclosed = discloseRecords(validation.records, schema, { policy, pseudonymKey: DEMO_PSEUDONYM_KEY, register: PseudonymRegister.inMemory(seededRandomId(DEMO_PSEUDONYM_KEY)), rows: validation.rows });
  const exact = await withDuckDB(async (db) => {
    await loadRecords(db, "m_outcomes", columnsOf(disclosed.fields), disclosed.records);
    await loadRecords(db, "t_outcomes", columnsOf(disclosed.tableFields), disclosed.tableRecords);
    return [...(await write(db, "exact", disclosed.fields, disclosed.sortKey, disclosed.tableFields)), JSON.stringify([validation.read, validation.rejected, validation.issues, accepted, disclosed.report, disclosed.fields, disclosed.tableFields])];
  });
  return withDuckDB(async (db) => {
    const register = PseudonymRegister.inMemory(seededRandomId(DEMO_PSEUDONYM_KEY));
    const outcome = await fastDataset(db, { name: "outcomes", schema, file, policy, pseudonymKey: DEMO_PSEUDONYM_KEY, register, references });
    if (!outcome.ok) return { reason: outcome.reason, exact };
    const d = outcome.disclosed;
    return { fast: [...(await write(db, "fast", d.fields, d.sortKey, d.tableFields)), JSON.stringify([outcome.read, outcome.rejected.map((r) => ({ row: r.row, line: r.line, issues: outcome.issues.filter((i) => i.row === r.row) })), outcome.issues, outcome.read - outcome.rejected.length, d.report, d.fields, d.tableFields])], exact };
  });
}

describe("fuzzed exports: accepted identically or handed to the JavaScript path", () => {
  const base = cleanOutcomes().split("\n").slice(0, 1500);
  const header = base[0]!;
  const rows = base.slice(1);
  const cell = (row: string, column: number, value: string) => row.split(",").map((c, i) => (i === column ? value : c)).join(",");
  // "fast": the fast path takes the file (rows the JavaScript validator rejects on their own included)
  // and must publish the same bytes; "exact": it must hand the file to the JavaScript path.
  const cases: [string, (lines: string[]) => string, "fast" | "exact"][] = [
    ["unchanged", (l) => l.join("\n") + "\n", "fast"],
    ["without a final line break", (l) => l.join("\n"), "fast"],
    ["blank optional cells", (l) => l.map((r, i) => (i % 7 === 3 ? cell(cell(r, 5, ""), 7, "") : r)).join("\n") + "\n", "fast"],
    ["non-ASCII identifiers", (l) => l.map((r, i) => (i > 0 && i % 5 === 0 ? cell(r, 0, r.split(",")[0]!.replace("L", "Ł")) : r)).join("\n") + "\n", "fast"],
    ["identifiers differing only in case", (l) => l.map((r, i) => (i > 0 && i % 2 === 0 ? cell(r, 0, r.split(",")[0]!.toLowerCase()) : r)).join("\n") + "\n", "fast"],
    ["a padded category", (l) => l.map((r, i) => (i === 40 ? cell(r, 1, ` ${r.split(",")[1]!}`) : r)).join("\n") + "\n", "exact"],
    ["a category in lower case", (l) => l.map((r, i) => (i === 41 ? cell(r, 4, r.split(",")[4]!.toLowerCase()) : r)).join("\n") + "\n", "exact"],
    ["a padded identifier", (l) => l.map((r, i) => (i === 42 ? cell(r, 0, `${r.split(",")[0]!}\u00a0`) : r)).join("\n") + "\n", "exact"],
    ["a date without leading zeros", (l) => l.map((r, i) => (i === 43 ? cell(r, 2, r.split(",")[2]!.replace(/-0/g, "-")) : r)).join("\n") + "\n", "exact"],
    ["a day-first date", (l) => l.map((r, i) => (i === 44 ? cell(r, 2, r.split(",")[2]!.split("-").reverse().join("/")) : r)).join("\n") + "\n", "fast"],
    ["an impossible date", (l) => l.map((r, i) => (i === 45 ? cell(r, 2, "2023-02-29") : r)).join("\n") + "\n", "fast"],
    ["a number with a plus sign", (l) => l.map((r, i) => (i === 46 ? cell(r, 8, "+3") : r)).join("\n") + "\n", "exact"],
    ["a number with a leading zero", (l) => l.map((r, i) => (i === 47 ? cell(r, 9, "04") : r)).join("\n") + "\n", "exact"],
    ["a missing-value marker", (l) => l.map((r, i) => (i === 48 ? cell(r, 5, "NA") : r)).join("\n") + "\n", "exact"],
    ["a blank required cell", (l) => l.map((r, i) => (i === 49 ? cell(r, 3, "") : r)).join("\n") + "\n", "fast"],
    ["a blank person identifier", (l) => l.map((r, i) => (i === 55 ? cell(r, 0, "") : r)).join("\n") + "\n", "fast"],
    ["a blank score", (l) => l.map((r, i) => (i === 56 ? cell(r, 10, "") : r)).join("\n") + "\n", "fast"],
    ["a score out of range in a row whose region is not in the reference table", (l) => l.map((r, i) => (i === 57 ? cell(cell(r, 4, "Atlantis"), 18, "61") : r)).join("\n") + "\n", "fast"],
    ["a score out of range and another row's region not in the reference table", (l) => l.map((r, i) => (i === 58 ? cell(r, 18, "9") : i === 59 ? cell(r, 4, "Atlantis") : r)).join("\n") + "\n", "fast"],
    ["a person's assessment twice with different scores", (l) => [...l, cell(l[60]!, 8, l[60]!.split(",")[8] === "1" ? "2" : "1")].join("\n") + "\n", "exact"],
    ["a duplicate row", (l) => [...l, l[50]!].join("\n") + "\n", "exact"],
    ["a rejected row repeated", (l) => [...l.map((r, i) => (i === 49 ? cell(r, 3, "") : r)), cell(l[49]!, 3, "")].join("\n") + "\n", "exact"],
    ["a rejected row repeating an accepted row's key", (l) => [...l, cell(l[30]!, 8, "9")].join("\n") + "\n", "exact"],
    ["a rejected row before the row whose key it repeats", (l) => [...l.slice(0, 20), cell(l[30]!, 8, "9"), ...l.slice(20)].join("\n") + "\n", "fast"],
    ["several rejected rows", (l) => l.map((r, i) => (i % 97 === 5 ? cell(r, 9 + (i % 5), String(i % 3 === 0 ? 0 : 12)) : r)).join("\n") + "\n", "fast"],
    ["a blank line", (l) => [...l.slice(0, 60), "", ...l.slice(60)].join("\n") + "\n", "exact"],
    ["Windows line endings", (l) => l.join("\r\n") + "\r\n", "exact"],
    ["a byte order mark", (l) => "\ufeff" + l.join("\n") + "\n", "exact"],
    ["a quoted cell", (l) => l.map((r, i) => (i === 52 ? cell(r, 3, `"${r.split(",")[3]!}"`) : r)).join("\n") + "\n", "exact"],
    ["an extra cell", (l) => l.map((r, i) => (i === 53 ? `${r},1` : r)).join("\n") + "\n", "exact"],
    ["a region not in the reference table", (l) => l.map((r, i) => (i === 54 ? cell(r, 4, "Atlantis") : r)).join("\n") + "\n", "fast"],
    ["columns in another order", (l) => l.map((r) => { const c = r.split(","); return [c[1], c[0], ...c.slice(2)].join(","); }).join("\n") + "\n", "exact"],
  ];
  it.each([2, 3, 5])("unchanged, with k = %i (finer generalisation levels)", async (k) => {
    const file = join(temp(), "outcomes.csv");
    writeFileSync(file, [header, ...rows].join("\n") + "\n");
    const result = await bothWays(file, k);
    expect(result.reason).toBeUndefined();
    expect(result.fast).toEqual(result.exact);
    const levels = JSON.stringify(JSON.parse(result.exact[3]!)[4].kAnonymity.levels);
    expect(levels).toMatch(/"level":[01]/);
  }, 60_000);

  it("an export DuckDB reads in several pieces at once (100,000 rows), keeping the rows in order", async () => {
    const generated = await makeScaled(100_000, temp());
    const result = await bothWays(generated.file);
    expect(result.reason).toBeUndefined();
    expect(result.fast).toEqual(result.exact);
  }, 300_000);

  it("the whole sample without its bad rows, with k = 2 (dates by quarter, l-diversity removing classes)", async () => {
    const file = join(temp(), "outcomes.csv");
    writeFileSync(file, cleanOutcomes());
    const result = await bothWays(file, 2);
    expect(result.reason).toBeUndefined();
    expect(result.fast).toEqual(result.exact);
    const report = JSON.parse(result.exact[3]!)[4].kAnonymity;
    expect(report.levels.assessment_date.level).toBe(1);
    expect(report.lDiversity.removed.classes).toBeGreaterThan(0);
  }, 120_000);

  it("sensitive fields of more than 64 values (l-diversity counted over the rows, not by subject)", async () => {
    const file = join(temp(), "outcomes.csv");
    writeFileSync(file, cleanOutcomes());
    const schema = loadSchema("outcomes");
    // Free text categories and a wide range: neither fits a set of 64 bits.
    schema.fields = schema.fields.map((f) =>
      f.name === "primary_substance" ? { ...f, categories: undefined } : f.name === "barc_total" ? { ...f, constraints: { ...f.constraints, maximum: 600 } } : f,
    );
    const result = await bothWays(file, 2, schema);
    expect(result.reason).toBeUndefined();
    expect(result.fast).toEqual(result.exact);
    expect(JSON.parse(result.exact[3]!)[4].kAnonymity.lDiversity.removed.classes).toBeGreaterThan(0);
  }, 120_000);

  it("identifiers whose pseudonyms would start with eight digits (pseudonymCode's change, made in SQL)", async () => {
    // Identifiers whose seeded random ID hashes to a digest starting with a digit, yet whose pseudonym
    // starts with a letter: the change for a start of eight digits applied.
    const draw = seededRandomId(DEMO_PSEUDONYM_KEY);
    const found: string[] = [];
    for (let n = 0; found.length < 2; n++) {
      const id = draw("person_ref", `l900-${n}`);
      const code = pseudonym(id, DEMO_PSEUDONYM_KEY);
      if (createHmac("sha256", DEMO_PSEUDONYM_KEY).update(id, "utf8").digest()[0]! >> 3 < 10 && /^[a-z]/.test(code)) found.push(`L900-${n}`);
    }
    // They replace the identifiers of the two subjects with the most rows, so both are published.
    const counts = new Map<string, number>();
    for (const r of rows) counts.set(r.split(",")[0]!, (counts.get(r.split(",")[0]!) ?? 0) + 1);
    const [first, second] = [...counts].sort((a, b) => b[1] - a[1]).map(([person]) => person);
    const swap = new Map([[first!, found[0]!], [second!, found[1]!]]);
    const file = join(temp(), "outcomes.csv");
    writeFileSync(file, [header, ...rows.map((r) => cell(r, 0, swap.get(r.split(",")[0]!) ?? r.split(",")[0]!))].join("\n") + "\n");
    const result = await bothWays(file, 2);
    expect(result.reason).toBeUndefined();
    expect(result.fast).toEqual(result.exact);
    const published = Buffer.from(result.exact[1]!, "base64").toString("utf8");
    const codes = found.map((person) => pseudonym(draw("person_ref", person.toLowerCase()), DEMO_PSEUDONYM_KEY));
    expect(codes.some((code) => published.includes(code))).toBe(true);
  }, 60_000);

  it.each(cases)("%s", async (_, mutate, expected) => {
    const file = join(temp(), "outcomes.csv");
    writeFileSync(file, mutate([header, ...rows]));
    const result = await bothWays(file);
    if (expected === "fast") {
      expect(result.reason).toBeUndefined();
      expect(result.fast).toEqual(result.exact);
    } else {
      expect(result.reason).toBeDefined();
    }
  }, 60_000);
});

describe("schemas the fast path hands on", () => {
  it("hands a schema with no quasi-identifiers to the JavaScript path, with the reason", async () => {
    const schema = loadSchema("outcomes");
    for (const f of schema.fields) if (f.lero.role === "quasi") f.lero.role = "public";
    delete schema.lero.patternQuasi;
    const dir = temp();
    writeFileSync(join(dir, "outcomes.csv"), cleanOutcomes());
    const outcome = await withDuckDB((db) =>
      fastDataset(db, { name: "outcomes", schema, file: join(dir, "outcomes.csv"), policy: loadPolicy(), pseudonymKey: "k", register: PseudonymRegister.inMemory(seededRandomId("s")), references: referenceSets() }),
    );
    expect(outcome).toEqual({ ok: false, reason: "the outcomes schema is not supported: it has no quasi-identifiers" });
  });
});

describe("the fast path's memory limit", () => {
  it("follows the export's size, within a floor DuckDB can read in and a cap that keeps 1M rows under 1 GB", () => {
    expect(fastMemoryLimit(5_000_000)).toBe(`${FAST_MEMORY.floorMb}MB`);
    expect(fastMemoryLimit(126_459_139)).toBe("379MB");
    expect(fastMemoryLimit(2_000_000_000)).toBe(`${FAST_MEMORY.capMb}MB`);
  });
});

describe("the automatic choice of path", () => {
  it("keeps a small export on the JavaScript path, where DuckDB's start-up would cost more than it saves", async () => {
    const log: string[] = [];
    await buildData({ source: { dir: SAMPLE_DIR, illustrative: true }, out: join(temp(), "published"), reviewDir: temp(), log: (l) => log.push(l), env: {} });
    expect(log).toContain("  outcomes: JavaScript path (a small export (2.6 MB): the fast path pays off from 5 MB)");
    const forced: string[] = [];
    await buildData({ source: { dir: SAMPLE_DIR, illustrative: true }, out: join(temp(), "published"), reviewDir: temp(), log: (l) => forced.push(l), env: { LERO_FAST_PATH: "1" } });
    // With the planted bad rows the sample still goes to the JavaScript path, now for what it holds.
    expect(forced.find((l) => l.startsWith("  outcomes:"))).not.toMatch(/small export/);
  }, 240_000);
});
