/**
 * The Quality standards page in Chromium: one status chart per section, each with a table and a
 * description; the stage breakdown as a chart or, when the data cannot be linked, a note saying so;
 * good-practice notes as quotations; and only the page's own files loaded (no DuckDB).
 */
import { describe, expect, it } from "vitest";
import { openPage } from "../support/browser.ts";
import { desktopPageSuite } from "../support/page-suite.ts";

describe("standards page", () => {
  const suite = desktopPageSuite();

  it("draws each section's statements, the stage breakdown and the notes", async () => {
    const { page, problems } = await openPage(suite.context, suite.origin);
    await page.goto(`${suite.origin}/standards`, { waitUntil: "networkidle" });
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
