import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "csv-parse/sync";
import { loadPolicy } from "../../loaders/disclose/policy.ts";
import { withDuckDB } from "../../loaders/publish/duckdb.ts";
import { loadRecords, orderedSelect, writeCsv, writeParquet, type Column } from "../../loaders/publish/table.ts";
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
