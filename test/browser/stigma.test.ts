/**
 * The Stigma page in Chromium: every chart drawn with its table and description, quotes shown as text
 * (hostile markup in a quote: test/build/hostile.test.ts), the setting filter works, no errors,
 * no outside requests, no DuckDB or Parquet.
 */
import { describe, expect, it } from "vitest";
import { openPage } from "../support/browser.ts";
import { desktopPageSuite, expectChartFigures } from "../support/page-suite.ts";

describe("stigma page", () => {
  const suite = desktopPageSuite();

  it("shows every chart with its table and description, and the quotes as text", async () => {
    const { page, problems } = await openPage(suite.context, suite.origin);
    let dialogs = 0;
    page.on("dialog", async (dialog) => {
      dialogs++;
      await dialog.dismiss();
    });
    await page.goto(`${suite.origin}/stigma`, { waitUntil: "networkidle" });
    await expectChartFigures(page, 4);
    expect(await page.locator("main").textContent()).toContain("adapted from the Substance Use Stigma Mechanisms Scale (Smith et al., 2016)");

    const quotes = page.locator(".stigma-quotes");
    expect(await quotes.locator("blockquote").count()).toBeGreaterThan(0);
    expect(await quotes.textContent()).toContain("Quote, as said");
    expect(await quotes.locator("script, img, a").count()).toBe(0);

    await page.locator("main select").selectOption("Pharmacy");
    await expect.poll(() => page.locator(".stigma-quote-note").first().textContent()).toContain("about: Pharmacy");
    const notes = await page.locator(".stigma-quote-note").allTextContents();
    expect(notes.every((n) => n.endsWith("about: Pharmacy"))).toBe(true);
    expect(dialogs).toBe(0);

    await page.close();
    expect(problems.consoleErrors).toEqual([]);
    expect(problems.failedRequests).toEqual([]);
    expect(problems.otherOrigins).toEqual([]);
    expect(problems.requests.filter((url) => /duckdb|\.parquet/i.test(url))).toEqual([]);
  });
});
