/**
 * The Peer research workforce page in Chromium: every chart drawn with its table and description, the
 * before → after dumbbells present, feedback shown as quotes and as text only, no errors, no outside
 * requests, no DuckDB or Parquet.
 */
import { describe, expect, it } from "vitest";
import { openPage } from "../support/browser.ts";
import { desktopPageSuite, expectChartFigures } from "../support/page-suite.ts";

describe("workforce page", () => {
  const suite = desktopPageSuite();

  it("shows every chart with its table and description, and the feedback as quotes", async () => {
    const { page, problems } = await openPage(suite.context, suite.origin);
    await page.goto(`${suite.origin}/workforce`, { waitUntil: "networkidle" });
    await expectChartFigures(page, 6);
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
