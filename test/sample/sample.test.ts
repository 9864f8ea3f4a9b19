import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { parse } from "csv-parse/sync";
import { parse as parseYaml } from "yaml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { splitMultiSelect } from "../../loaders/read/multiselect.ts";
import { categoryValue, loadSchema, type TableSchema } from "../../loaders/schema.ts";
import { makeSample, makeScaled, SAMPLE_DIR } from "../../scripts/make-sample.ts";
import { OUTCOME_TRAPS } from "../../scripts/sample/outcomes.ts";
import { columnOf, FORMATS, readSample } from "./read-sample.ts";
import { ARITHMETIC_PAYLOAD, FORMULA_PAYLOAD, HOSTILE, IMAGE_PAYLOAD, JAVASCRIPT_URL_PAYLOAD, PAYLOAD_MARKERS, SCRIPT_PAYLOAD } from "../fixtures/hostile/payloads.ts";

function listFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((f) => statSync(join(dir, f)).isFile())
    .sort();
}

const dirs: string[] = [];
beforeAll(async () => {
  for (let i = 0; i < 2; i++) {
    const dir = mkdtempSync(join(tmpdir(), "lero-sample-"));
    dirs.push(dir);
    await makeSample(dir);
  }
}, 60_000);
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe("make-sample", () => {
  it("writes byte-identical files on every run, XLSX included", () => {
    const [a, b] = dirs as [string, string];
    const files = listFiles(a);
    expect(files).toEqual(listFiles(b));
    expect(files).toContain("audit.xlsx");
    for (const f of files) expect(readFileSync(join(a, f)).equals(readFileSync(join(b, f))), f).toBe(true);
  });

  it("matches the committed data/sample/ (run `npx tsx scripts/make-sample.ts` after changing the generator)", () => {
    const fresh = dirs[0] as string;
    const files = listFiles(fresh);
    expect(listFiles(SAMPLE_DIR)).toEqual(files);
    for (const f of files) expect(readFileSync(join(SAMPLE_DIR, f)).equals(readFileSync(join(fresh, f))), f).toBe(true);
  });

  it("marks the folder illustrative in one line", () => {
    const text = readFileSync(join(SAMPLE_DIR, "ILLUSTRATIVE"), "utf8");
    expect(text.trim().split("\n")).toHaveLength(1);
    expect(text.toLowerCase()).toContain("illustrative");
  });
});

describe("sample exports against the schemas", () => {
  for (const dataset of Object.keys(FORMATS)) {
    describe(dataset, () => {
      const schema: TableSchema = loadSchema(dataset);
      it("has every column matched by a field name, alias or mapping, or dropped as tool metadata", async () => {
        const table = await readSample(SAMPLE_DIR, dataset, schema);
        expect(table.unclassified).toEqual([]);
        const mapped = table.fields.filter((f): f is string => f !== null);
        for (const f of schema.fields) expect(mapped, `${dataset}.${f.name}`).toContain(f.name);
        expect(new Set(mapped).size).toBe(mapped.length);
      });

      it("uses only categories the schema lists", async () => {
        const table = await readSample(SAMPLE_DIR, dataset, schema);
        for (const f of schema.fields) {
          if (f.categories === undefined) continue;
          const allowed = new Set(f.categories.map(categoryValue));
          const j = columnOf(table, f.name);
          const used = new Set<string>();
          for (const row of table.rows) {
            const cell = (row[j] ?? "").trim();
            if (cell === "") continue;
            const items = f.type === "list" ? splitMultiSelect(cell, f.delimiter ?? ",", [...allowed]) : [cell];
            for (const item of items) used.add(item);
          }
          expect([...used].filter((v) => !allowed.has(v)), `${dataset}.${f.name}`).toEqual([]);
          expect(used.size, `${dataset}.${f.name} is used`).toBeGreaterThan(0);
        }
      });

      it("covers all 12 regions where there is a region", async () => {
        const j = (await readSample(SAMPLE_DIR, dataset, schema)).fields.indexOf("region");
        if (j < 0) return;
        const table = await readSample(SAMPLE_DIR, dataset, schema);
        expect(new Set(table.rows.map((r) => r[j])).size).toBe(12);
      });
    });
  }

  it("has about the sizes asked for", async () => {
    const size = async (d: string) => (await readSample(SAMPLE_DIR, d, loadSchema(d))).rows.length;
    expect(await size("audit")).toBe(150);
    expect(await size("standards")).toBe(150 * 33);
    expect(await size("workforce")).toBe(55);
    const stigma = await readSample(SAMPLE_DIR, "stigma", loadSchema("stigma"));
    expect(new Set(stigma.rows.map((r) => r[columnOf(stigma, "respondent_id")])).size).toBe(1200);
    const outcomes = await readSample(SAMPLE_DIR, "outcomes", loadSchema("outcomes"));
    const people = new Set(outcomes.rows.map((r) => r[0]));
    expect(people.size).toBe(8000);
  });

  it("shows BARC-10 totals rising and attrition from intake to 12 months", async () => {
    const t = await readSample(SAMPLE_DIR, "outcomes", loadSchema("outcomes"));
    const a = columnOf(t, "assessment");
    const total = columnOf(t, "barc_total");
    const stats = new Map<string, { n: number; sum: number }>();
    for (const r of t.rows) {
      const v = Number(r[total]);
      if (r[total] === "" || !Number.isFinite(v)) continue;
      const s = stats.get(r[a] ?? "") ?? { n: 0, sum: 0 };
      s.n++;
      s.sum += v;
      stats.set(r[a] ?? "", s);
    }
    const order = ["Intake", "3 months", "6 months", "12 months"].map((k) => stats.get(k) ?? { n: 0, sum: 0 });
    for (let i = 1; i < order.length; i++) {
      expect(order[i]!.n).toBeLessThan(order[i - 1]!.n);
      expect(order[i]!.sum / order[i]!.n).toBeGreaterThan(order[i - 1]!.sum / order[i - 1]!.n);
    }
  });

  it("plants the listed invalid outcomes rows, well under 1% of the file, and lists them in the README", () => {
    const records = parse(readFileSync(join(SAMPLE_DIR, "outcomes.csv"), "utf8")) as string[][];
    const header = records[0] ?? [];
    const readme = readFileSync(join(SAMPLE_DIR, "README.md"), "utf8");
    for (const trap of OUTCOME_TRAPS) {
      expect(records[trap.row]?.[header.indexOf(trap.column)], trap.what).toBe(trap.value);
      expect(readme).toContain(`| \`outcomes.csv\` | ${trap.row} | ${trap.row + 1} | \`${trap.column}\` |`);
    }
    expect(OUTCOME_TRAPS.length / (records.length - 1)).toBeLessThan(0.01);
  });

  it("has one exact duplicate row in stigma and the listed free-text traps", async () => {
    const t = await readSample(SAMPLE_DIR, "stigma", loadSchema("stigma"));
    const seen = new Set<string>();
    let duplicates = 0;
    for (const r of t.rows) {
      const key = JSON.stringify(r);
      if (seen.has(key)) duplicates++;
      seen.add(key);
    }
    expect(duplicates).toBe(1);
    const quotes = t.rows.map((r) => r[columnOf(t, "quote")] ?? "").join("\n");
    for (const needle of ["@example.org", "020 7946", "LS1 4DY", "943 476 5919", "AB 12 34 56 C", "https://www.example.org"]) {
      expect(quotes, needle).toContain(needle);
    }
  });

  it("holds no test payload in what visitors read, and answers that are not one template repeated", async () => {
    const texts: string[] = [];
    const stigma = await readSample(SAMPLE_DIR, "stigma", loadSchema("stigma"));
    const quotes = stigma.rows.map((r) => r[columnOf(stigma, "quote")] ?? "").filter((q) => q !== "");
    const audit = await readSample(SAMPLE_DIR, "audit", loadSchema("audit"));
    const wf = await readSample(SAMPLE_DIR, "workforce", loadSchema("workforce"));
    texts.push(...quotes, ...audit.rows.map((r) => r[columnOf(audit, "innovation_description")] ?? ""), ...wf.rows.map((r) => r[columnOf(wf, "feedback")] ?? ""));
    texts.push(readFileSync(join(SAMPLE_DIR, "standards.csv"), "utf8"));
    for (const marker of PAYLOAD_MARKERS) expect(texts.filter((t) => t.includes(marker)), marker).toEqual([]);
    // Quotes are composed from fragments: nearly every one differs, and none opens half of them.
    expect(new Set(quotes).size).toBeGreaterThan(quotes.length * 0.95);
    const openings = new Map<string, number>();
    for (const q of quotes) openings.set(q.split(" ").slice(0, 4).join(" "), (openings.get(q.split(" ").slice(0, 4).join(" ")) ?? 0) + 1);
    expect(Math.max(...openings.values())).toBeLessThan(quotes.length * 0.1);
  });

  it("plants the quality gates' payloads only in a hostile copy, leaving every other value as in the sample", async () => {
    const dir = mkdtempSync(join(tmpdir(), "lero-hostile-"));
    dirs.push(dir);
    await makeSample(dir, () => {}, HOSTILE);
    const stigma = await readSample(dir, "stigma", loadSchema("stigma"));
    const quotes = stigma.rows.map((r) => r[columnOf(stigma, "quote")] ?? "");
    expect(quotes).toContain(SCRIPT_PAYLOAD);
    expect(quotes).toContain(FORMULA_PAYLOAD);
    const audit = await readSample(dir, "audit", loadSchema("audit"));
    expect(audit.rows.some((r) => r[columnOf(audit, "innovation_description")] === IMAGE_PAYLOAD)).toBe(true);
    const wf = await readSample(dir, "workforce", loadSchema("workforce"));
    expect(wf.rows.map((r) => r[columnOf(wf, "feedback")])).toEqual(expect.arrayContaining([JAVASCRIPT_URL_PAYLOAD, ARITHMETIC_PAYLOAD]));
    // Only the planted cells differ: every number, category and date is the sample's.
    for (const file of ["outcomes.csv", "standards.csv"]) expect(readFileSync(join(dir, file)).equals(readFileSync(join(SAMPLE_DIR, file))), file).toBe(true);
    const plain = await readSample(SAMPLE_DIR, "stigma", loadSchema("stigma"));
    const quoteColumn = columnOf(plain, "quote");
    const consentColumn = columnOf(plain, "quote_consent");
    const differing = plain.rows.flatMap((row, i) => row.map((cell, j) => (cell === stigma.rows[i]![j] ? null : j)).filter((j) => j !== null));
    expect(new Set(differing)).toEqual(new Set([quoteColumn, consentColumn].filter((j) => differing.includes(j))));
    expect(differing.length).toBeGreaterThan(0);
    await expect(makeSample(join(SAMPLE_DIR, "nested"), () => {}, HOSTILE)).rejects.toThrow(/refusing to plant hostile text/);
  });
});

describe("stories", () => {
  const dir = join(SAMPLE_DIR, "stories");
  const schema = loadSchema("stories");
  const stories = readdirSync(dir)
    .filter((f) => f.endsWith(".md"))
    .map((f) => {
      const text = readFileSync(join(dir, f), "utf8");
      const m = /^---\n([\s\S]*?)\n---\n/.exec(text);
      return { file: f, text, front: parseYaml(m?.[1] ?? "") as Record<string, unknown> };
    });

  it("has about 12 illustrative stories with front matter fields from the schema", () => {
    expect(stories.length).toBeGreaterThanOrEqual(10);
    const names = schema.fields.map((f) => f.name);
    for (const s of stories) {
      for (const key of Object.keys(s.front)) expect(names, `${s.file}: ${key}`).toContain(key);
      expect(s.front.illustrative, s.file).toBe(true);
      expect(s.text.toLowerCase(), s.file).toContain("illustrative story");
      expect(`${String(s.front.slug)}.md`).toBe(s.file);
    }
  });

  it("covers every CHIME theme, several regions, and has exactly one withdrawn story", () => {
    const themes = new Set(stories.flatMap((s) => s.front.themes as string[]));
    expect([...themes].sort()).toEqual(["connectedness", "empowerment", "hope", "identity", "meaning"]);
    expect(new Set(stories.map((s) => s.front.region)).size).toBeGreaterThanOrEqual(6);
    expect(stories.filter((s) => s.front.withdrawn !== undefined)).toHaveLength(1);
  });
});

describe("--scale", () => {
  it("streams an outcomes file of about N rows", async () => {
    const dir = mkdtempSync(join(tmpdir(), "lero-scale-"));
    try {
      const result = await makeScaled(5000, dir);
      const rows = readFileSync(result.file, "utf8").trimEnd().split("\n").length - 1;
      expect(rows).toBe(result.rows);
      expect(rows).toBeGreaterThanOrEqual(5000);
      expect(rows).toBeLessThan(5004);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("refuses to write inside data/sample/", async () => {
    await expect(makeScaled(10, join(SAMPLE_DIR, "big"))).rejects.toThrow(/refusing/);
    expect(relative(SAMPLE_DIR, join(SAMPLE_DIR, "big"))).toBe("big");
    expect(() => statSync(join(SAMPLE_DIR, "big"))).toThrow();
  });
});
