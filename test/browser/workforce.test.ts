/**
 * The Peer research workforce page in Chromium: every chart drawn with its table and description, the
 * before → after dumbbells present, feedback shown as quotes and as text only, no errors, no outside
 * requests, no DuckDB or Parquet.
 */
import type { Browser, BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launch, openPage, serveSite, type StaticSite } from "../support/browser.ts";

describe("workforce page", () => {
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

  it("shows every chart with its table and description, and the feedback as quotes", async () => {
    const { page, problems } = await openPage(context, site.origin);
    await page.goto(`${site.origin}/workforce`, { waitUntil: "networkidle" });
    await expect.poll(() => page.locator("figure.lero-figure-chart").count()).toBe(6);
    for (const figure of await page.locator("figure.lero-figure-chart").all()) {
      expect(await figure.locator(".lero-chart-body svg").count()).toBeGreaterThan(0);
      expect(await figure.locator("table").count()).toBe(1);
      expect((await figure.locator(".lero-chart-description").textContent())?.trim().length).toBeGreaterThan(20);
    }
    expect(await page.locator("#workforce-confidence-all-title").textContent()).toMatch(/^Confidence (rose|did not rise)/);
    expect(await page.locator("#workforce-confidence-cohorts svg text", { hasText: "Cohort 2" }).count()).toBeGreaterThan(0);
    const quotes = page.locator(".workforce-feedback blockquote");
    expect(await quotes.count()).toBeGreaterThan(0);
    expect(await page.locator(".workforce-feedback").textContent()).toContain("Quote, as said");
    expect(await page.locator(".workforce-feedback img, .workforce-feedback script, .workforce-feedback a").count()).toBe(0);
    await page.close();
    expect(problems.consoleErrors).toEqual([]);
    expect(problems.failedRequests).toEqual([]);
    expect(problems.otherOrigins).toEqual([]);
    expect(problems.requests.filter((url) => /duckdb|\.parquet/i.test(url))).toEqual([]);
  });
});
