/** The home page: the headline cards render from the published tables and link to their pages. */
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launch, openPage, serveSite, type PageProblems, type StaticSite } from "../support/browser.ts";

function expectClean(problems: PageProblems): void {
  expect(problems.consoleErrors).toEqual([]);
  expect(problems.failedRequests).toEqual([]);
  expect(problems.otherOrigins).toEqual([]);
  expect(problems.requests.filter((url) => /duckdb/i.test(url))).toEqual([]);
}

describe("the home page", () => {
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

  for (const [width, scheme] of [
    [1200, "light"],
    [320, "dark"],
  ] as const) {
    it(`shows five to seven headline figures, each linking to its page, at ${width} px (${scheme})`, async () => {
      const context = await browser.newContext({ viewport: { width, height: 900 }, colorScheme: scheme });
      const { page, problems } = await openPage(context, site.origin);
      await page.goto(`${site.origin}/`, { waitUntil: "networkidle" });
      await expect.poll(() => page.locator("article.lero-headline-card").count(), { timeout: 20_000 }).toBeGreaterThanOrEqual(5);
      const cards = await page.$$eval("article.lero-headline-card", (els) =>
        els.map((el) => ({
          value: el.querySelector(".lero-headline-value")?.textContent ?? "",
          label: el.querySelector(".lero-headline-label")?.textContent ?? "",
          base: el.querySelector(".lero-headline-base")?.textContent ?? "",
          href: el.querySelector("a")?.getAttribute("href") ?? "",
        })),
      );
      expect(cards.length).toBeLessThanOrEqual(7);
      for (const card of cards) {
        expect(card.value).toMatch(/^([+−]?[0-9][0-9,.]*%?|\[c\])$/);
        expect(card.label.length).toBeGreaterThan(5);
        expect(card.base.length).toBeGreaterThan(5);
        expect(card.href).toMatch(/^\.\/(research|standards|workforce|stigma|outcomes)\.html$/);
      }
      expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
      await context.close();
      expectClean(problems);
    });
  }
});
