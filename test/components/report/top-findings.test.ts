import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildData } from "../../../loaders/pipeline/index.ts";
import { citations, topFindings, topFindingsBlock } from "../../../src/components/report/top-findings.ts";
import { measureValue } from "../../../src/lib/measures.ts";
import type { PublishedAggregate } from "../../../src/lib/published.ts";
import { createDocument } from "../snapshot.ts";

let work = "";
const tables: Record<string, PublishedAggregate> = {};
beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), "lero-top-findings-"));
  const out = join(work, "published");
  await buildData({ out, log: () => {} });
  for (const file of readdirSync(join(out, "aggregates"))) {
    const table = JSON.parse(readFileSync(join(out, "aggregates", file), "utf8")) as PublishedAggregate;
    tables[table.id] = table;
  }
}, 180_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

const release = { version: "abc123def456", year: "2026", illustrative: false };

describe("what matters first", () => {
  it("ranks three findings, each a sentence from the registry's figure with its definition, base and caveat", () => {
    const findings = topFindings(tables);
    expect(findings.map((f) => [f.rank, f.measure, f.key])).toEqual([
      [1, "stigma-met-sometimes", "GP"],
      [2, "avoided-care", "Any setting"],
      [3, "barc-change", "12 months"],
    ]);
    const gp = findings[0]!;
    const value = measureValue(tables, "stigma-met-sometimes", "GP") as number;
    expect(gp.parts[0]).toMatchObject({ measure: "stigma-met-sometimes", key: "GP", text: `${value.toLocaleString("en-GB", { maximumFractionDigits: 0 })}%` });
    expect(gp.base).toMatch(/^[\d,]+ people \(people who answered about the setting\)$/);
    expect(gp.href).toBe("report.html#report-stigma-settings-finding");
    // The change reads "rose by 8.6", the sentence carrying the sign, and stays marked as the measure.
    const change = findings[2]!.parts.find((p) => typeof p !== "string" && p.measure === "barc-change");
    expect(change).toMatchObject({ key: "12 months" });
    expect(typeof change === "object" && change.text.startsWith("+")).toBe(false);
  });

  it("draws the list with a press box per finding: quote, definition, base, period, caveat and two citations to copy", () => {
    const block = topFindingsBlock(topFindings(tables), release, { document: createDocument(), root: "../" });
    const items = [...block.querySelectorAll("li")];
    expect(items).toHaveLength(3);
    expect(items[0]!.querySelector("a")?.getAttribute("href")).toBe("../report.html#report-stigma-settings-finding");
    expect([...items[0]!.querySelectorAll("dt")].map((dt) => dt.textContent)).toEqual(["Quote", "Definition", "Base", "Period", "Caveat", "Cite (APA)", "Cite (plain text)"]);
    const copies = [...items[0]!.querySelectorAll("button[data-copy]")].map((b) => b.getAttribute("data-copy"));
    expect(copies[0]).toBe(items[0]!.querySelector(".lero-top-finding-sentence")!.textContent!.replace(/ See it in the report$/, ""));
    expect(copies.slice(1)).toEqual([citations(release).apa, citations(release).plain]);
  });

  it("cites the release by its data version and year, saying when the data is illustrative", () => {
    expect(citations(release).apa).toBe("College of Lived Experience Recovery Organisations. (2026). LERO Evidence: Data on Lived Experience Recovery Organisations (Data version abc123def456) [Data set]. Open Government Licence v3.0.");
    expect(citations({ ...release, illustrative: true }).plain).toMatch(/data version abc123def456, Open Government Licence v3\.0\. Illustrative sample data\.$/);
  });
});
