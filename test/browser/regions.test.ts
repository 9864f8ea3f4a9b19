/**
 * The Regions page and every region page in Chromium: the tile map with a tile per region that links
 * to its page and can be reached with Tab, the measure control redrawing the map, each region page
 * (even where figures are hidden) with its comparison chart; no errors, outside requests or DuckDB.
 */
import { describe, expect, it } from "vitest";
import { loadRegions } from "../../loaders/reference.ts";
import { regionSlug } from "../../observablehq.config.ts";
import { openPage, type PageProblems } from "../support/browser.ts";
import { desktopPageSuite } from "../support/page-suite.ts";

function expectClean(problems: PageProblems): void {
  expect(problems.consoleErrors).toEqual([]);
  expect(problems.failedRequests).toEqual([]);
  expect(problems.otherOrigins).toEqual([]);
  expect(problems.requests.filter((url) => /duckdb|\.parquet/i.test(url))).toEqual([]);
}

describe("regions pages", () => {
  const suite = desktopPageSuite();

  it("draws a tile map whose tiles link to region pages, change with the measure, and take keyboard focus", async () => {
    const { page, problems } = await openPage(suite.context, suite.origin);
    await page.goto(`${suite.origin}/regions/`, { waitUntil: "networkidle" });
    // The map is drawn at build time at a phone's width and a laptop's; the CSS shows the one that fits.
    const tiles = page.locator("svg.lero-tile-map a.lero-tile:visible");
    await expect.poll(() => tiles.count()).toBe(12);
    const figure = page.locator("figure.lero-figure-chart");
    expect(await figure.locator("table").count()).toBe(1);
    expect((await figure.locator(".lero-chart-description").textContent())?.trim().length).toBeGreaterThan(20);
    const hrefs = await tiles.evaluateAll((links) => links.map((a) => a.getAttribute("href")));
    expect(hrefs.sort()).toEqual(loadRegions().map((r) => `./${regionSlug(r.name)}.html`).sort());

    const before = await figure.locator("h3").textContent();
    await page.getByLabel("Mean BARC-10 total at intake").check();
    await expect.poll(() => figure.locator("h3").textContent()).not.toBe(before);
    expect(await page.locator("figure.lero-figure-chart h3").textContent()).toContain("Mean BARC-10 total at intake");

    await tiles.first().focus();
    expect(await page.evaluate(() => document.activeElement?.classList.contains("lero-tile"))).toBe(true);
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.classList.contains("lero-tile"))).toBe(true);
    await page.close();
    expectClean(problems);
  });

  for (const region of loadRegions()) {
    it(`shows ${region.name} beside the UK`, async () => {
      const { page, problems } = await openPage(suite.context, suite.origin);
      await page.goto(`${suite.origin}/regions/${regionSlug(region.name)}.html`, { waitUntil: "networkidle" });
      await expect.poll(() => page.locator("main h1").textContent()).toBe(region.name);
      // A briefing: the region beside the UK on the headline measures, stigma setting by setting and
      // recovery capital at each assessment, each a chart with its table (six or more in all).
      const figures = page.locator("figure.lero-figure-chart");
      await expect.poll(() => figures.count()).toBe(3);
      expect((await figures.locator("svg").count()) + (await figures.locator("table").count())).toBeGreaterThanOrEqual(6);
      for (const description of await figures.locator(".lero-chart-description").allTextContents()) expect(description.trim().length).toBeGreaterThan(20);
      const figure = figures.first();
      expect(await page.getByRole("button", { name: "Print this page" }).count()).toBe(1);
      expect(await page.getByRole("link", { name: "Download this briefing (PDF)" }).getAttribute("href")).toBe(`./${regionSlug(region.name)}.pdf`);
      expect(await page.getByRole("heading", { name: `Stories from ${region.name}` }).count()).toBe(1);
      // Wales alone is named in Welsh; English regions have no official Welsh names on this site.
      if (region.nation === "Wales") expect(await page.locator('[lang="cy"]').first().textContent()).toBe(region.name_cy);
      else expect(await page.locator('[lang="cy"]').count()).toBe(0);
      // A plain first screen: the codes are in a line at the foot, and the official figures are there or
      // it says plainly that none is checked for this region.
      const firstScreen = await page.evaluate(() => [...document.querySelectorAll("main > *")].filter((e) => e.getBoundingClientRect().top < window.innerHeight).map((e) => (e as HTMLElement).innerText).join(" "));
      expect(firstScreen).not.toMatch(/ITL|GSS|E1200|TL[C-N]\b/);
      expect(await page.locator(".lero-region-codes").textContent()).toMatch(/^Codes: ITL1 TL[C-N]; GSS [ENSW]\d{8}\.$/);
      await expect.poll(() => page.locator("main").textContent()).toMatch(/Official statistics for this region/);
      // Every comparison draws its 95% intervals: the table gives them for the region and the UK.
      expect(await figure.locator("thead th").allTextContents()).toEqual(expect.arrayContaining([`95% interval (${region.name})`, "95% interval (UK)", "Against the UK"]));
      expect(await page.locator('a[href="./"]').count()).toBeGreaterThan(0);
      await page.close();
      expectClean(problems);
    });
  }
});
