/**
 * Shared pieces of the page tests: a describe block's served site and browser context, and the check
 * that every chart figure on a page is complete.
 */
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, expect } from "vitest";
import { launch, serveSite, type StaticSite } from "./browser.ts";

export interface PageSuite {
  readonly context: BrowserContext;
  readonly origin: string;
}

/** Serves dist/ on a free port and opens Chromium with a 1200 × 900 context before the block's tests; closes both after. */
export function desktopPageSuite(): PageSuite {
  let site: StaticSite | undefined;
  let browser: Browser | undefined;
  let context: BrowserContext | undefined;
  beforeAll(async () => {
    site = await serveSite();
    browser = await launch();
    context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
  });
  afterAll(async () => {
    await browser?.close();
    await site?.close();
  });
  const ready = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error("The page suite is not started: use it inside a test of its describe block.");
    return value;
  };
  return {
    get context() {
      return ready(context);
    },
    get origin() {
      return ready(site).origin;
    },
  };
}

/**
 * The page shows `count` chart figures, each complete: a drawn chart, exactly one data table and a
 * text description of more than a few words.
 */
export async function expectChartFigures(page: Page, count: number): Promise<void> {
  const figures = page.locator("figure.lero-figure-chart");
  await expect.poll(() => figures.count()).toBe(count);
  for (const figure of await figures.all()) {
    expect(await figure.locator(".lero-chart-body svg").count()).toBeGreaterThan(0);
    expect(await figure.locator("table").count()).toBe(1);
    expect((await figure.locator(".lero-chart-description").textContent())?.trim().length).toBeGreaterThan(20);
  }
}
