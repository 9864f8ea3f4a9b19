/**
 * Every page at a phone's width (390 px) and a laptop's (1280 px): its H1 can be seen and nothing
 * covers it (the element at the H1's centre is the H1 or inside it; the fixed header once hid it).
 * Cumulative layout shift, read the same way (`test/support/layout.ts`), is asserted (≤ 0.05 at both
 * widths) on the pages drawn at build time (`prerenderedPages`); on the others, which still
 * draw their charts after load, it is a budget of `npm run bench`, reported there.
 */
import { readdirSync } from "node:fs";
import { join } from "node:path";
import type { Browser, BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIST, launch, serveSite, type StaticSite } from "../support/browser.ts";
import { CLS_BUDGET, measureLayout, prerenderedPages, type LayoutReport } from "../support/layout.ts";

const dir = (name: string) => readdirSync(join(DIST, name)).filter((f) => f.endsWith(".html") && f !== "index.html").sort();
const PAGES = [
  "/",
  "/report.html",
  "/research.html",
  "/standards.html",
  "/workforce.html",
  "/stigma.html",
  "/outcomes.html",
  "/regions/",
  `/regions/${dir("regions")[0]}`,
  "/stories/",
  `/stories/${dir("stories")[0]}`,
  "/context.html",
  "/explore.html",
  "/embed/",
  "/methods.html",
];

describe.each([
  { width: 390, height: 844 },
  { width: 1280, height: 900 },
])("layout at $width px", ({ width, height }) => {
  let site: StaticSite;
  let browser: Browser;
  let context: BrowserContext;
  beforeAll(async () => {
    site = await serveSite();
    browser = await launch();
    context = await browser.newContext({ viewport: { width, height } });
  });
  afterAll(async () => {
    await browser?.close();
    await site?.close();
  });

  // One load per page.
  const loads = new Map<string, Promise<LayoutReport>>();
  const measured = (path: string): Promise<LayoutReport> => {
    if (!loads.has(path)) {
      loads.set(path, (async () => {
        const page = await context.newPage();
        await page.goto(site.origin + path, { waitUntil: "networkidle" });
        await page.waitForTimeout(500);
        const layout = await measureLayout(page);
        await page.close();
        return layout;
      })());
    }
    return loads.get(path)!;
  };

  it.each(PAGES)("%s: the H1 shows and nothing covers it", async (path) => {
    const layout = await measured(path);
    expect(layout.h1, "the page has an H1").not.toBeNull();
    expect(layout.h1Size.height, `the H1 "${layout.h1}" has no height`).toBeGreaterThan(10);
    expect(layout.h1OnTop, `the H1 "${layout.h1}" is covered by ${layout.atCentre}`).toBe(true);
  });

  it.each(prerenderedPages(DIST))("%s: layout shift is within budget", async (path) => {
    const layout = await measured(path);
    expect(layout.cls, `layout shift ${layout.cls.toFixed(3)}: ${JSON.stringify(layout.shifts)}`).toBeLessThanOrEqual(CLS_BUDGET);
  });
});
