/**
 * Every built page, loaded from the static server in headless Chromium: no console error, no failed
 * request, no request to another origin. A screenshot of each goes to test/screenshots/ (gitignored).
 */
import { mkdirSync, readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import type { Browser, BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PROJECT_ROOT } from "../../loaders/schema.ts";
import { DIST, launch, openPage, serveSite, type StaticSite } from "../support/browser.ts";

const SHOTS = join(PROJECT_ROOT, "test", "screenshots");

function builtPages(dir: string = DIST): string[] {
  const pages: string[] = [];
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (entry.startsWith("_")) continue;
    if (statSync(path).isDirectory()) pages.push(...builtPages(path));
    else if (entry.endsWith(".html") && entry !== "404.html") pages.push("/" + relative(DIST, path).replace(/\.html$/, "").replace(/(^|\/)index$/, "$1"));
  }
  return pages.sort();
}

describe("every built page in Chromium", () => {
  let browser: Browser;
  let context: BrowserContext;
  let site: StaticSite;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    site = await serveSite();
    browser = await launch();
    context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
  });
  afterAll(async () => {
    await browser?.close();
    await site?.close();
  });

  const pages = builtPages();
  it("finds the built pages", () => {
    expect(pages).toContain("/");
    expect(pages).toContain("/explore");
  });

  for (const path of pages) {
    it(`loads ${path} cleanly`, async () => {
      const { page, problems } = await openPage(context, site.origin);
      await page.goto(site.origin + path, { waitUntil: "networkidle" });
      await expect.poll(() => page.locator("main h1").count()).toBeGreaterThan(0);
      await page.screenshot({ path: join(SHOTS, `${path === "/" ? "index" : path.slice(1).replaceAll("/", "--")}.png`), fullPage: true });
      await page.close();
      expect(problems.consoleErrors).toEqual([]);
      expect(problems.failedRequests).toEqual([]);
      expect(problems.otherOrigins).toEqual([]);
    });
  }
});
