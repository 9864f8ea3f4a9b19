/**
 * The vertical slice: the explorer page draws a Plot chart from the published Parquet and shows a
 * count queried in the browser by DuckDB-wasm, read from the same file the build published.
 */
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIST, launch, openPage, serveSite, type StaticSite } from "../support/browser.ts";
import { withDuckDB, quoteLiteral } from "../../loaders/publish/duckdb.ts";
import { readdirSync } from "node:fs";
import { join } from "node:path";

describe("explorer slice", () => {
  let browser: Browser;
  let site: StaticSite;
  beforeAll(async () => {
    site = await serveSite();
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
    await site?.close();
  });

  it("shows a Plot chart and the DuckDB-wasm count of the published Parquet", async () => {
    const dataDir = join(DIST, "_file", "data");
    const parquet = readdirSync(dataDir).find((f) => f.startsWith("outcomes.") && f.endsWith(".parquet"));
    expect(parquet).toBeDefined();
    const expected = await withDuckDB(async (db) => {
      const reader = await db.runAndReadAll(`SELECT (round(count(DISTINCT person_ref) / 5) * 5)::INTEGER AS n FROM read_parquet(${quoteLiteral(join(dataDir, parquet!))})`);
      return Number(reader.getRowObjects()[0]?.n);
    });
    const context = await browser.newContext();
    const { page, problems } = await openPage(context, site.origin);
    // The explorer opens on the stigma survey; the outcomes data set is drawn by DuckDB-wasm.
    await page.goto(`${site.origin}/explore?dataset=outcomes`);
    const count = page.locator("#people-count");
    await expect.poll(async () => (await count.textContent())?.replace(/,/g, ""), { timeout: 60_000 }).toBe(String(expected));
    await expect.poll(() => page.locator("main figure svg, main svg.plot-d6a7b5").count(), { timeout: 30_000 }).toBeGreaterThan(0);
    expect(problems.requests.some((url) => url.includes("duckdb"))).toBe(true);
    expect(problems.consoleErrors).toEqual([]);
    expect(problems.failedRequests).toEqual([]);
    expect(problems.otherOrigins).toEqual([]);
    await context.close();
  });
});
