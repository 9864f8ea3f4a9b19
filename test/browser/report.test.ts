/**
 * The evidence report in Chromium: every finding has its sentence and its chart (an SVG, a data table
 * and a description), the page loads cleanly, and it never loads DuckDB.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIST, launch, openPage, serveSite, type PageProblems, type StaticSite } from "../support/browser.ts";

async function chartsOf(page: Page): Promise<{ svg: boolean; table: boolean; description: string }[]> {
  return page.$$eval("figure.lero-figure-chart", (figures) =>
    figures.map((f) => ({
      svg: f.querySelector("svg") !== null,
      table: f.querySelector("table") !== null,
      description: (f.querySelector(".lero-chart-description")?.textContent ?? "").trim(),
    })),
  );
}

function expectClean(problems: PageProblems): void {
  expect(problems.consoleErrors).toEqual([]);
  expect(problems.failedRequests).toEqual([]);
  expect(problems.otherOrigins).toEqual([]);
  expect(problems.requests.filter((url) => /duckdb/i.test(url))).toEqual([]);
}

describe("the report page", () => {
  let browser: Browser;
  let site: StaticSite;
  let context: BrowserContext;
  beforeAll(async () => {
    site = await serveSite();
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
    await site?.close();
  });

  for (const [width, scheme] of [
    [1200, "light"],
    [320, "dark"],
  ] as const) {
    it(`shows every finding with its chart at ${width} px (${scheme})`, async () => {
      context = await browser.newContext({ viewport: { width, height: 900 }, colorScheme: scheme });
      const { page, problems } = await openPage(context, site.origin);
      await page.goto(`${site.origin}/report`, { waitUntil: "networkidle" });
      await expect.poll(() => page.locator("figure.lero-figure-chart svg").count(), { timeout: 20_000 }).toBeGreaterThanOrEqual(10);
      const findings = await page.locator("p.lero-finding").allTextContents();
      const charts = await chartsOf(page);
      expect(charts.length).toBe(findings.length);
      for (const chart of charts) expect(chart).toMatchObject({ svg: true, table: true });
      for (const chart of charts) expect(chart.description.length).toBeGreaterThan(10);
      for (const sentence of findings) expect(sentence).not.toMatch(/undefined|NaN|null|\[x\]/);
      expect(await page.locator("ol.lero-key-findings li").count()).toBe(findings.length);
      // Each section links to its full page.
      const links = await page.$$eval("p.lero-more a", (as) => as.map((a) => a.getAttribute("href")));
      expect(links.map((l) => l?.replace(/^\.\//, "/"))).toEqual(["/research.html", "/standards.html", "/workforce.html", "/stigma.html", "/outcomes.html"]);
      // No chart is wider than the screen.
      expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
      await page.close();
      await context.close();
      expectClean(problems);
    });
  }

  it("states the figures published in the headline tables", async () => {
    const evaluates = JSON.parse(readFileSync(join(DIST, "data", "aggregates", "headlines-audit-evaluates.json"), "utf8")) as { rows: Record<string, unknown>[] };
    const waves = evaluates.rows.map((r) => Number(r.wave));
    const total = evaluates.rows.find((r) => r.wave === String(Math.max(...waves)) && r.evaluates === "Total")?.count as number;
    context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
    const { page } = await openPage(context, site.origin);
    await page.goto(`${site.origin}/report`, { waitUntil: "networkidle" });
    await expect.poll(() => page.locator("#report-evaluates-finding").textContent()).toContain(`${total.toLocaleString("en-GB")} LEROs audited`);
    await context.close();
  });
});
