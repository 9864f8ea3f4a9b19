/**
 * The Research and evaluation page in Chromium: every chart drawn with its table and description, the
 * breakdown switch shows the grids by region, quotes are text (hostile text: test/build/hostile.test.ts), and the page loads
 * only its own files (no DuckDB, nothing from another origin).
 */
import { describe, expect, it } from "vitest";
import { openPage } from "../support/browser.ts";
import { desktopPageSuite } from "../support/page-suite.ts";

describe("research page", () => {
  const suite = desktopPageSuite();

  it("draws every chart with a table and a description, and switches grids to regions", async () => {
    const { page, problems } = await openPage(suite.context, suite.origin);
    await page.goto(`${suite.origin}/research`, { waitUntil: "networkidle" });
    // Each grid is in the page by stage and by region (drawn at build time); the switch shows one, so
    // 10 charts show and 14 are in the page.
    const figures = page.locator("figure.lero-figure-chart");
    await expect.poll(() => page.locator("figure.lero-figure-chart:visible").count()).toBe(10);
    expect(await figures.count()).toBe(14);
    for (const figure of await figures.all()) {
      expect(await figure.locator("svg").count()).toBeGreaterThan(0);
      expect(await figure.locator("table").count()).toBe(1);
      expect((await figure.locator(".lero-chart-description").textContent())?.trim()).not.toBe("");
      expect((await figure.locator(".lero-chart-title").textContent())?.trim()).not.toBe("");
    }
    expect(await page.locator(".research-key-findings li").count()).toBeGreaterThanOrEqual(4);

    await page.locator("form").filter({ hasText: "Break down by" }).first().getByLabel("Region").check();
    await expect.poll(() => page.locator("#research-methods-by-region").isVisible()).toBe(true);
    expect(await page.locator("#research-methods-by-stage").isVisible()).toBe(false);
    // The switch is per grid: the others still show stages.
    expect(await page.locator("#research-barriers-by-stage").isVisible()).toBe(true);
    expect(await page.locator("#research-barriers-by-region").isVisible()).toBe(false);
    expect(await page.locator("#research-methods-by-region thead th").count()).toBe(14);

    const quotes = page.locator(".research-quote-list blockquote");
    expect(await quotes.count()).toBeGreaterThan(0);
    expect(await page.locator(".research-quotes img, .research-quotes script").count()).toBe(0);

    await page.close();
    expect(problems.consoleErrors).toEqual([]);
    expect(problems.failedRequests).toEqual([]);
    expect(problems.otherOrigins).toEqual([]);
    expect(problems.requests.filter((url) => /duckdb|\.parquet/i.test(url))).toEqual([]);
  });
});
