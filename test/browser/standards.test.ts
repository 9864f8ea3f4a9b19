/**
 * The Quality standards page in Chromium: one status chart per section, each with a table and a
 * description; the stage breakdown as a chart or, when the data cannot be linked, a note saying so;
 * good-practice notes as quotations; and only the page's own files loaded (no DuckDB).
 */
import type { Browser, BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launch, openPage, serveSite, type StaticSite } from "../support/browser.ts";

describe("standards page", () => {
  let browser: Browser;
  let context: BrowserContext;
  let site: StaticSite;

  beforeAll(async () => {
    site = await serveSite();
    browser = await launch();
    context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
  });
  afterAll(async () => {
    await browser?.close();
    await site?.close();
  });

  it("draws each section's statements, the stage breakdown and the notes", async () => {
    const { page, problems } = await openPage(context, site.origin);
    await page.goto(`${site.origin}/standards`, { waitUntil: "networkidle" });
    await expect.poll(() => page.locator("figure.lero-figure-chart[id^=standards-status-]").count()).toBe(4);
    for (const figure of await page.locator("figure.lero-figure-chart").all()) {
      expect(await figure.locator("svg").count()).toBeGreaterThan(0);
      expect(await figure.locator("table").count()).toBe(1);
      expect((await figure.locator(".lero-chart-description").textContent())?.trim()).not.toBe("");
    }
    const byStage = page.locator("#standards-in-place-by-stage");
    expect(await byStage.count()).toBe(1);
    const tag = await byStage.evaluate((element) => element.tagName);
    if (tag === "P") expect(await byStage.textContent()).toMatch(/^Not available/);
    else expect(await byStage.locator("svg").count()).toBeGreaterThan(0);

    expect(await page.locator(".standards-key-findings li").count()).toBeGreaterThanOrEqual(2);
    expect(await page.locator(".standards-notes blockquote").count()).toBeGreaterThan(0);
    expect(await page.locator(".standards-notes script, .standards-notes img").count()).toBe(0);

    await page.close();
    expect(problems.consoleErrors).toEqual([]);
    expect(problems.failedRequests).toEqual([]);
    expect(problems.otherOrigins).toEqual([]);
    expect(problems.requests.filter((url) => /duckdb|\.parquet/i.test(url))).toEqual([]);
  });
});
