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
  it("opens with three ranked findings whose figures equal the ones on the report they link to, each with a press box", async () => {
    const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
    const { page, problems } = await openPage(context, site.origin);
    await page.goto(`${site.origin}/`, { waitUntil: "networkidle" });
    const items = page.locator(".lero-top-findings > li");
    expect(await items.count()).toBe(3);
    const findings = await items.evaluateAll((lis) =>
      lis.map((li) => {
        const figure = li.querySelector(".lero-top-finding-sentence [data-measure]")!;
        return { measure: figure.getAttribute("data-measure")!, key: figure.getAttribute("data-key")!, text: figure.textContent!, href: li.querySelector(".lero-top-finding-sentence a")!.getAttribute("href")!, boxes: li.querySelectorAll("details.lero-press-box dt").length };
      }),
    );
    expect(findings.map((f) => f.measure)).toEqual(["stigma-met-sometimes", "avoided-care", "people-assessed-paired"]);
    for (const finding of findings) {
      expect(finding.boxes).toBe(7);
      const target = new URL(finding.href, `${site.origin}/`);
      const report = await context.newPage();
      await report.goto(target.href, { waitUntil: "networkidle" });
      const shown = await report.locator(`#${target.hash.slice(1)} [data-measure="${finding.measure}"][data-key="${finding.key}"]`).first().textContent();
      expect(shown, `${finding.measure} / ${finding.key} on ${target.pathname}${target.hash}`).toBe(finding.text);
      await report.close();
    }
    // The press box's citation names the data version published in datapackage.json.
    const version = ((await (await page.request.get(`${site.origin}/data/datapackage.json`)).json()) as { version: string }).version;
    expect(await page.locator(".lero-press-box").first().textContent()).toContain(`Data version ${version}`);
    expectClean(problems);
    await context.close();
  });
});
