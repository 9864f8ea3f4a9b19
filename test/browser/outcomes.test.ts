/**
 * The Outcomes page in Chromium: every chart drawn with its table and description, the caveat about
 * attrition and the missing comparison group near the top, no errors, no outside requests, no DuckDB.
 */
import { describe, expect, it } from "vitest";
import { openPage } from "../support/browser.ts";
import { desktopPageSuite, expectChartFigures } from "../support/page-suite.ts";

describe("outcomes page", () => {
  const suite = desktopPageSuite();

  it("shows the charts, the caveat first, and loads only its own small files", async () => {
    const { page, problems } = await openPage(suite.context, suite.origin);
    await page.goto(`${suite.origin}/outcomes`, { waitUntil: "networkidle" });
    await expectChartFigures(page, 6);
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
