import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "csv-parse/sync";
import { loadPolicy } from "../../loaders/disclose/policy.ts";
import { quoteIdentifier, withDuckDB } from "../../loaders/publish/duckdb.ts";
import { createSorted, loadRecords, orderedSelect, writeCsv, writeParquet, type Column } from "../../loaders/publish/table.ts";
import { formulaStarts, spreadsheetSafe } from "../../src/lib/csv-safe.ts";

const columns: Column[] = [
  { name: "id", type: "string" },
  { name: "score", type: "integer" },
  { name: "when", type: "date" },
  { name: "tags", type: "list", itemType: "string" },
  { name: "note", type: "string" },
];
const records = [
  { id: "b", score: -3, when: "2024-02-29", tags: ["x", "y, z"], note: "=HYPERLINK(\"http://x\")" },
  { id: "a", score: 40, when: null, tags: [], note: "+44 is fine?" },
  { id: "c", score: null, when: "2023-12-01", tags: null, note: "plain, with \"quotes\"\nand a newline" },
];

async function publish(dir: string): Promise<{ parquet: Buffer; csv: string }> {
  await withDuckDB(async (db) => {
    await loadRecords(db, "t", columns, records);
    await writeParquet(db, orderedSelect("t", columns, ["id"]), join(dir, "t.parquet"));
    await writeCsv(db, "t", columns, ["id"], join(dir, "t.csv"), "=+-@\t\r");
  });
  return { parquet: readFileSync(join(dir, "t.parquet")), csv: readFileSync(join(dir, "t.csv"), "utf8") };
}

describe("publishing a table", () => {
  it("writes byte-identical Parquet for the same records", async () => {
    const first = await publish(mkdtempSync(join(tmpdir(), "lero-t-")));
    const second = await publish(mkdtempSync(join(tmpdir(), "lero-t-")));
    expect(first.parquet.equals(second.parquet)).toBe(true);
    expect(first.parquet.subarray(0, 4).toString()).toBe("PAR1");
  });

  it("writes rows sorted on the key, types kept, and spreadsheet formulas escaped in CSV", async () => {
    const dir = mkdtempSync(join(tmpdir(), "lero-t-"));
    const { csv } = await publish(dir);
    expect(csv.split("\n")[0]).toBe("id,score,when,tags,note");
    // An empty list is an empty quoted cell; a missing list is an empty cell.
    expect(csv).toContain(`a,40,,"",'+44 is fine?`);
    expect(csv).toContain(`b,-3,2024-02-29,"x; y, z",`);
    expect(csv).toContain(`c,,2023-12-01,,"plain, with ""quotes""\nand a newline"`);
    expect(csv).toContain(`'=HYPERLINK(""http://x"")`);
    expect(csv).not.toMatch(/(^|,)=HYPERLINK/m);
    const rows = await withDuckDB(async (db) =>
      (await db.runAndReadAll(`SELECT id, score, "when"::VARCHAR AS w, tags FROM read_parquet('${join(dir, "t.parquet")}')`)).getRowObjectsJson(),
    );
    expect(rows).toEqual([
      { id: "a", score: 40, w: null, tags: [] },
      { id: "b", score: -3, w: "2024-02-29", tags: ["x", "y, z"] },
      { id: "c", score: null, w: "2023-12-01", tags: null },
    ]);
  });

  it("escapes exactly the cells src/lib/csv-safe.ts escapes, full-width ＝＋－＠ included, in text and list columns", async () => {
    const policy = loadPolicy();
    const texts = [...formulaStarts(policy.csvEscape.characters).map((c) => `${c}1+1`), "plain", "a=b", " =1", "'quoted", "－3", "£-3", "[c]"];
    const dir = mkdtempSync(join(tmpdir(), "lero-t-"));
    const cols: Column[] = [
      { name: "id", type: "string" },
      { name: "text", type: "string" },
      { name: "tags", type: "list", itemType: "string" },
    ];
    await withDuckDB(async (db) => {
      await loadRecords(db, "h", cols, texts.map((text, i) => ({ id: `r${String(i).padStart(2, "0")}`, text, tags: [text, "x"] })));
      await writeCsv(db, "h", cols, ["id"], join(dir, "h.csv"), policy.csvEscape.characters.join(""), policy.csvEscape.prefix);
    });
    const parsed = parse(readFileSync(join(dir, "h.csv"), "utf8"), { columns: true }) as Record<string, string>[];
    expect(parsed.map((r) => r.text)).toEqual(texts.map((t) => spreadsheetSafe(t, policy.csvEscape)));
    expect(parsed.map((r) => r.tags)).toEqual(texts.map((t) => spreadsheetSafe(`${t}; x`, policy.csvEscape)));
    expect(parsed.map((r) => r.text)).toContain("'＝1+1");
  });
});

describe("sorting once for both files", () => {
  it("gives the same Parquet and CSV bytes as sorting each file, over row groups, threads and spilling", async () => {
    // 300,000 rows in an order far from the published one, many sharing the sort key; lists and nulls too.
    const many = Array.from({ length: 300_000 }, (_, i) => {
      const j = (i * 7919) % 300_000;
      return { id: `p${j % 5000}`, score: j % 3 === 0 ? null : j % 41, when: j % 11 === 0 ? null : `2024-0${1 + (j % 9)}-1${j % 10}`, tags: j % 13 === 0 ? null : [`t${j % 4}`, `u${j % 3}`], note: `n${j}` };
    });
    const dir = mkdtempSync(join(tmpdir(), "lero-sorted-"));
    await withDuckDB(
      async (db) => {
        await loadRecords(db, "loaded", columns, many);
        await writeParquet(db, orderedSelect("loaded", columns, ["id", "when"]), join(dir, "each.parquet"));
        await writeCsv(db, "loaded", columns, ["id", "when"], join(dir, "each.csv"), "=+-@");
        await createSorted(db, "sorted", quoteIdentifier("loaded"), columns, ["id", "when"]);
        await writeParquet(db, orderedSelect("sorted", columns, null), join(dir, "once.parquet"));
        await writeCsv(db, "sorted", columns, null, join(dir, "once.csv"), "=+-@");
      },
      { memoryLimit: "60MB" },
    );
    expect(readFileSync(join(dir, "once.parquet")).equals(readFileSync(join(dir, "each.parquet")))).toBe(true);
    const csv = readFileSync(join(dir, "once.csv"), "utf8");
    expect(csv).toBe(readFileSync(join(dir, "each.csv"), "utf8"));
    // The order really is the published one: by id, then date, then the other columns.
    const ids = (parse(csv, { columns: true }) as { id: string }[]).map((r) => r.id);
    expect(ids).toEqual([...ids].sort());
    expect(ids).toHaveLength(300_000);
  }, 60_000);
});
