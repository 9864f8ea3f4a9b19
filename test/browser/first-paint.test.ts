/**
 * Pages whose charts are drawn at build time (Framework page loaders, scripts/pages/prerender.ts):
 * with scripts off every chart and table is still there (as many SVGs as with scripts on); chart text
 * is at least 12 px at a phone's width and a laptop's; the page loads no charting library; each chart
 * fills its column; and the first chart is in the page by its first contentful paint.
 */
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIST, launch, serveSite, type StaticSite } from "../support/browser.ts";
import { firstChartAtPaint, hasCharts, prerenderedPages, watchFirstChart } from "../support/layout.ts";

const PAGES = prerenderedPages(DIST);
const CHARTED = PAGES.filter(hasCharts);

interface Counts {
  svgs: number;
  tables: number;
  figures: number;
  /** Tables anywhere in the page's main part (the Methods page's are not in figures). */
  allTables: number;
  /** Headings in the main part. */
  headings: number;
}

const COUNT = `(() => ({
  svgs: document.querySelectorAll("main figure svg").length,
  tables: document.querySelectorAll("main figure table").length,
  figures: document.querySelectorAll("main figure.lero-figure-chart").length,
  allTables: document.querySelectorAll("main table").length,
  headings: document.querySelectorAll("main h1, main h2, main h3").length,
}))()`;

/** The computed font sizes of the chart text the reader can see, and how much of its column each chart fills. */
const LOOK = `(() => {
  const shown = [...document.querySelectorAll("main figure .lero-chart-body svg")].filter((svg) => svg.getBoundingClientRect().width > 0);
  const sizes = shown.flatMap((svg) => [...svg.querySelectorAll("text")].map((t) => parseFloat(getComputedStyle(t).fontSize)));
  const fill = shown.map((svg) => svg.getBoundingClientRect().width / svg.closest(".lero-chart-body").getBoundingClientRect().width);
  return { charts: shown.length, smallest: Math.min(...sizes), fill: Math.min(...fill) };
})()`;

describe("charts at first paint", () => {
  let browser: Browser;
  let site: StaticSite;
  beforeAll(async () => {
    site = await serveSite();
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
    await site?.close();
  });

  it.each(PAGES)("%s shows every chart, table and heading with scripts off", async (path) => {
    const counts: Counts[] = [];
    for (const javaScriptEnabled of [true, false]) {
      const context = await browser.newContext({ javaScriptEnabled, viewport: { width: 390, height: 844 } });
      const page = await context.newPage();
      await page.goto(site.origin + path, { waitUntil: "networkidle" });
      counts.push((await page.evaluate(COUNT)) as Counts);
      await context.close();
    }
    const [on, off] = counts as [Counts, Counts];
    if (hasCharts(path)) expect(on.figures).toBeGreaterThan(0);
    expect(on.headings).toBeGreaterThan(0);
    expect(off).toEqual(on);
  });

  it.each(PAGES)("%s loads no charting library", async (path) => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const requests: string[] = [];
    page.on("request", (request) => requests.push(request.url()));
    await page.goto(site.origin + path, { waitUntil: "networkidle" });
    await context.close();
    expect(requests.filter((url) => /@observablehq\/plot|\/d3[@-]|duckdb/i.test(url))).toEqual([]);
  });

  it.each(CHARTED)("%s has its first chart in the page by the first contentful paint", async (path) => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    await watchFirstChart(page, "main .lero-chart-body svg");
    await page.goto(site.origin + path, { waitUntil: "networkidle" });
    const paint = await firstChartAtPaint(page);
    await context.close();
    expect(paint.chartMs).not.toBeNull();
    expect(paint.fcpMs).not.toBeNull();
    expect(paint.atFirstPaint).toBe(true);
  });

  for (const width of [390, 1280]) {
    it.each(CHARTED)(`%s at ${width} px: chart text is at least 12 px and charts fill their column`, async (path) => {
      const context = await browser.newContext({ viewport: { width, height: 900 } });
      const page = await context.newPage();
      await page.goto(site.origin + path, { waitUntil: "networkidle" });
      const look = (await page.evaluate(LOOK)) as { charts: number; smallest: number; fill: number };
      await context.close();
      expect(look.charts).toBeGreaterThan(0);
      expect(look.smallest).toBeGreaterThanOrEqual(12);
      expect(look.fill).toBeGreaterThan(0.98);
    });
  }
});
