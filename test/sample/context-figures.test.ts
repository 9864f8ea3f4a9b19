import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CONTEXT_FILE, ContextFigureError, loadContextFigures } from "../../loaders/context-figures.ts";
import { REFERENCE_DIR } from "../../loaders/schema.ts";

/** A copy of the reference folder whose context file has one row changed. */
function withRow(id: string, change: (row: Record<string, string>) => void): string {
  const dir = mkdtempSync(join(tmpdir(), "lero-context-"));
  cpSync(REFERENCE_DIR, dir, { recursive: true });
  const [header, ...lines] = readFileSync(join(dir, CONTEXT_FILE), "utf8").trim().split("\n");
  const columns = header!.split(",");
  // The rows edited here have no commas inside quotes, so a plain split is enough.
  const edited = lines.map((line) => {
    if (!line.startsWith(`${id},`)) return line;
    const cells = line.split(",");
    const row = Object.fromEntries(columns.map((c, i) => [c, cells[i] ?? ""]));
    change(row);
    return columns.map((c) => row[c]).join(",");
  });
  writeFileSync(join(dir, CONTEXT_FILE), `${[header, ...edited].join("\n")}\n`);
  return dir;
}

function failure(dir: string): ContextFigureError {
  try {
    loadContextFigures(dir);
  } catch (error) {
    if (error instanceof ContextFigureError) return error;
    throw error;
  }
  throw new Error("expected the context figures to be refused");
}

describe("context figures", () => {
  it("shows only figures checked against their primary publication, each with where and when", () => {
    const { shown, pending } = loadContextFigures();
    expect(shown.map((f) => f.id)).toEqual(["CF17", "CF18"]);
    for (const f of shown) {
      expect(f.url).toMatch(/^https:\/\/www\.gov\.uk\//);
      expect(f.table_or_section).toBe("Summary");
      expect(f.accessed).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
    expect(pending).toHaveLength(16);
    expect(pending.every((p) => !("value" in p))).toBe(true);
  });

  it("refuses a figure marked checked without its place in the publication, naming line and column", () => {
    const error = failure(withRow("CF18", (row) => (row.table_or_section = "")));
    expect(error.message).toMatch(/context-figures\.csv:19 column "table_or_section": is empty, but the figure is marked checked: say where in the publication the value is/);
    expect(error.line).toBe(19);
  });

  it("refuses a figure marked checked that was read in the news", () => {
    const error = failure(withRow("CF14", (row) => {
      row.checked_against_primary = "yes";
      row.table_or_section = "Table 1";
      row.accessed = "2026-12-04";
    }));
    expect(error.message).toMatch(/:15 column "reached_via": says "news reports of the release": a figure read in the news is not checked/);
  });

  it("refuses a link that is not the publisher's own, a date in another form and an unknown check value", () => {
    expect(failure(withRow("CF17", (row) => (row.url = "https://www.bbc.co.uk/news/x"))).message).toMatch(/column "url": .* is not a page of ONS, NRS, NISRA or GOV\.UK/);
    expect(failure(withRow("CF17", (row) => (row.accessed = "4 Dec 2026"))).message).toMatch(/column "accessed": "4 Dec 2026" is not a date written as YYYY-MM-DD/);
    expect(failure(withRow("CF17", (row) => (row.checked_against_primary = "maybe"))).message).toMatch(/column "checked_against_primary": must be "yes" or "no"/);
    expect(failure(withRow("CF17", (row) => (row.value = "310863 people"))).message).toMatch(/column "value"/);
  });
});
