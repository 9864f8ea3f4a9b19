/**
 * The Context page in Chromium: one chart per publisher and measure that has a checked figure (never a
 * UK total), each with its table and description, the warning about definitions, a table of every
 * shown figure with its source link, and the figures still to be checked listed without their values.
 */
import { describe, expect, it } from "vitest";
import { loadContextFigures } from "../../loaders/context-figures.ts";
import { openPage } from "../support/browser.ts";
import { desktopPageSuite, expectChartFigures } from "../support/page-suite.ts";

describe("context page", () => {
  const suite = desktopPageSuite();

  it("keeps nations apart, shows every figure with its source, and loads nothing from elsewhere", async () => {
    const { page, problems } = await openPage(suite.context, suite.origin);
    await page.goto(`${suite.origin}/context`, { waitUntil: "networkidle" });
    const { shown, pending } = loadContextFigures();
    // Only checked figures are drawn: today the OHID treatment figures, in one chart.
    await expectChartFigures(page, 1);
    expect(await page.locator(".lero-context-warning").textContent()).toContain("Never add these figures across nations");
    expect(await page.locator(".lero-context-table tbody tr").count()).toBe(shown.length);
    const links = await page.locator(".lero-context-table tbody a").evaluateAll((as) => as.map((a) => a.getAttribute("href")));
    expect(links).toEqual(shown.map((f) => f.url));
    const notice = await page.locator(".lero-context-pending").textContent();
    expect(notice).toContain(`${pending.length} more official figures are not shown yet`);
    // An unchecked value never reaches the page (5,448 deaths and 1,017 are two of them).
    expect(await page.locator("main").textContent()).not.toMatch(/5,448|5448|1,017|174\.3/);
    expect(await page.locator("main").textContent()).not.toMatch(/UK total of|total for the UK/i);
    await page.close();
    expect(problems.consoleErrors).toEqual([]);
    expect(problems.failedRequests).toEqual([]);
    expect(problems.otherOrigins).toEqual([]);
    expect(problems.requests.filter((url) => /duckdb|\.parquet/i.test(url))).toEqual([]);
  });
});
