/**
 * The Context page in Chromium: one chart per publisher and measure (never a UK total), each with its
 * table and description, the warning about definitions, a table of every figure with its source link.
 */
import { describe, expect, it } from "vitest";
import { readReferenceCsv } from "../../loaders/reference.ts";
import { openPage } from "../support/browser.ts";
import { desktopPageSuite, expectChartFigures } from "../support/page-suite.ts";

describe("context page", () => {
  const suite = desktopPageSuite();

  it("keeps nations apart, shows every figure with its source, and loads nothing from elsewhere", async () => {
    const { page, problems } = await openPage(suite.context, suite.origin);
    await page.goto(`${suite.origin}/context`, { waitUntil: "networkidle" });
    await expectChartFigures(page, 5);
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
