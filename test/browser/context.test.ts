/**
 * The Context page in Chromium: one chart per publisher and measure (never a UK total), each with its
 * table and description, the warning about definitions, a table of every figure with its source link.
 */
import type { Browser, BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readReferenceCsv } from "../../loaders/reference.ts";
import { launch, openPage, serveSite, type StaticSite } from "../support/browser.ts";

describe("context page", () => {
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

  it("keeps nations apart, shows every figure with its source, and loads nothing from elsewhere", async () => {
    const { page, problems } = await openPage(context, site.origin);
    await page.goto(`${site.origin}/context`, { waitUntil: "networkidle" });
    await expect.poll(() => page.locator("figure.lero-figure-chart").count()).toBe(5);
    for (const figure of await page.locator("figure.lero-figure-chart").all()) {
      expect(await figure.locator(".lero-chart-body svg").count()).toBeGreaterThan(0);
      expect(await figure.locator("table").count()).toBe(1);
      expect((await figure.locator(".lero-chart-description").textContent())?.trim().length).toBeGreaterThan(20);
    }
    expect(await page.locator(".lero-context-warning").textContent()).toContain("Never add these figures across nations");
    const figures = readReferenceCsv("context-figures.csv");
    expect(await page.locator(".lero-context-table tbody tr").count()).toBe(figures.length);
    const links = await page.locator(".lero-context-table tbody a").evaluateAll((as) => as.map((a) => a.getAttribute("href")));
    expect(links).toEqual(figures.map((f) => f.url));
    expect(await page.locator("main").textContent()).not.toMatch(/UK total of|total for the UK/i);
    await page.close();
    expect(problems.consoleErrors).toEqual([]);
    expect(problems.failedRequests).toEqual([]);
    expect(problems.otherOrigins).toEqual([]);
    expect(problems.requests.filter((url) => /duckdb|\.parquet/i.test(url))).toEqual([]);
  });
});
