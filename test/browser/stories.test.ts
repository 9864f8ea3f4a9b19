/**
 * Stories: the index filters by CHIME theme and region with a live count; every published story has
 * its own page, labelled when illustrative; a withdrawn story has no page anywhere.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIST, launch, openPage, serveSite, type PageProblems, type StaticSite } from "../support/browser.ts";

interface Story {
  slug: string;
  title: string;
  region: string | null;
  themes: string[];
  illustrative: boolean;
}


function expectClean(problems: PageProblems): void {
  expect(problems.consoleErrors).toEqual([]);
  expect(problems.failedRequests).toEqual([]);
  expect(problems.otherOrigins).toEqual([]);
  expect(problems.requests.filter((url) => /duckdb/i.test(url))).toEqual([]);
}

const WITHDRAWN = "rebuilding-trust-with-housing";

describe("stories", () => {
  let browser: Browser;
  let site: StaticSite;
  const stories = JSON.parse(readFileSync(join(DIST, "data", "stories.json"), "utf8")) as Story[];
  beforeAll(async () => {
    site = await serveSite();
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
    await site?.close();
  });

  it("publishes no page, card or link for a withdrawn story", () => {
    expect(stories.map((s) => s.slug)).not.toContain(WITHDRAWN);
    expect(existsSync(join(DIST, "stories", `${WITHDRAWN}.html`))).toBe(false);
    expect(readFileSync(join(DIST, "stories", "index.html"), "utf8")).not.toContain(WITHDRAWN);
  });

  it("filters by theme and region, and says how many stories are shown", async () => {
    const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
    const { page, problems } = await openPage(context, site.origin);
    await page.goto(`${site.origin}/stories/`, { waitUntil: "networkidle" });
    const count = page.locator(".lero-story-count");
    const cards = page.locator("li.lero-story-item");
    await expect.poll(() => cards.count(), { timeout: 20_000 }).toBe(stories.length);
    expect(await count.textContent()).toBe(`${stories.length} stories`);
    expect(await count.getAttribute("aria-live")).toBe("polite");

    const hope = stories.filter((s) => s.themes.includes("hope")).length;
    await page.getByRole("checkbox", { name: "Hope" }).check();
    await expect.poll(() => cards.count()).toBe(hope);
    expect(await count.textContent()).toBe(`${hope} of ${stories.length} stories`);

    const region = stories.find((s) => s.themes.includes("hope") && s.region)!.region!;
    await page.getByRole("combobox", { name: "Region" }).selectOption(region);
    const both = stories.filter((s) => s.themes.includes("hope") && s.region === region).length;
    await expect.poll(() => cards.count()).toBe(both);
    expect(await count.textContent()).toMatch(new RegExp(`^${both} of ${stories.length} stor`));

    await page.getByRole("checkbox", { name: "Hope" }).uncheck();
    await expect.poll(() => cards.count()).toBe(stories.filter((s) => s.region === region).length);
    expect(await page.locator(".lero-story-illustrative").count()).toBe(stories.filter((s) => s.region === region && s.illustrative).length);
    await context.close();
    expectClean(problems);
  });

  it("has a page for every published story, with its title, label and body", async () => {
    const context = await browser.newContext({ viewport: { width: 320, height: 800 }, colorScheme: "dark" });
    for (const story of stories) {
      expect(existsSync(join(DIST, "stories", `${story.slug}.html`))).toBe(true);
      const { page, problems } = await openPage(context, site.origin);
      await page.goto(`${site.origin}/stories/${story.slug}.html`, { waitUntil: "networkidle" });
      await expect.poll(() => page.locator("main h1").textContent(), { timeout: 20_000 }).toBe(story.title);
      expect(await page.locator(".lero-story-body p").count()).toBeGreaterThan(0);
      expect(await page.locator(".lero-story-illustrative").count()).toBe(story.illustrative ? 1 : 0);
      expect(await page.locator(".lero-story-body script, .lero-story-body img, .lero-story-body a").count()).toBe(0);
      await page.close();
      expectClean(problems);
    }
    await context.close();
  });
});
