/**
 * The Outcomes page in Chromium: every chart drawn with its table and description, the caveat about
 * attrition and the missing comparison group near the top, no errors, no outside requests, no DuckDB.
 */
import type { Browser, BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launch, openPage, serveSite, type StaticSite } from "../support/browser.ts";

describe("outcomes page", () => {
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

  it("shows the charts, the caveat first, and loads only its own small files", async () => {
    const { page, problems } = await openPage(context, site.origin);
    await page.goto(`${site.origin}/outcomes`, { waitUntil: "networkidle" });
    await expect.poll(() => page.locator("figure.lero-figure-chart").count()).toBe(6);
    for (const figure of await page.locator("figure.lero-figure-chart").all()) {
      expect(await figure.locator(".lero-chart-body svg").count()).toBeGreaterThan(0);
      expect(await figure.locator("table").count()).toBe(1);
      expect((await figure.locator(".lero-chart-description").textContent())?.trim().length).toBeGreaterThan(20);
    }
    const caveat = page.locator(".lero-outcomes-caveat");
    await expect.poll(() => caveat.textContent()).toContain("not a controlled comparison");
    const caveatTop = (await caveat.boundingBox())!.y;
    const firstChartTop = (await page.locator("figure.lero-figure-chart").first().boundingBox())!.y;
    expect(caveatTop).toBeLessThan(firstChartTop);
    // Change by the LERO's stage: every stage of the audit is a row of its table, and the page says how
    // the link is made without publishing it.
    const byStage = page.locator("figure#outcomes-change-by-stage");
    const stageRows = await byStage.locator("tbody tr th, tbody tr td:first-child").allTextContents();
    for (const stage of ["Informal group", "Emerging", "Established", "Mature"]) expect(stageRows.join("|")).toContain(stage);
    expect(await page.locator("main").textContent()).toContain("never published");
    await page.close();
    expect(problems.consoleErrors).toEqual([]);
    expect(problems.failedRequests).toEqual([]);
    expect(problems.otherOrigins).toEqual([]);
    expect(problems.requests.filter((url) => /duckdb|\.parquet/i.test(url))).toEqual([]);
  });
});
