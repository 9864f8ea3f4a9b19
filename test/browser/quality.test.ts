/**
 * Quality gates in a real browser (issue 8), over every built page in light and dark themes:
 * accessibility (axe-core, WCAG 2.2 A and AA), keyboard access (skip link first, visible focus,
 * headings in order), reflow at 320 px and at 200% zoom, no test payload in the sample's text (hostile
 * data end to end: test/build/hostile.test.ts), and no
 * requests to other origins or cookies. Each gate is first shown to catch the broken fixture.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PROJECT_ROOT } from "../../loaders/schema.ts";
import { DIST, launch, openPage, serveSite, type StaticSite } from "../support/browser.ts";
import { htmlFiles, runAxe } from "../support/quality.ts";
import { PAYLOAD_MARKERS } from "../fixtures/hostile/payloads.ts";
import { FIRST_PAINT_SCRIPT_ATTRIBUTE } from "../../src/components/explore/first-paint.ts";

const BROKEN = join(PROJECT_ROOT, "test", "fixtures", "quality", "broken-site");

/** Every built page but the 404: its path on the site, and its file in dist/. */
function builtPages(): Map<string, string> {
  const pages = htmlFiles(DIST).map((file) => [`/${file.slice(DIST.length + 1).replace(/\.html$/, "").replace(/(^|\/)index$/, "$1")}`, file] as const);
  return new Map(pages.filter(([path]) => path !== "/404").sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** Waits until the page's charts and loaded data have rendered (Framework renders after load). */
async function settle(page: Page): Promise<void> {
  await page.waitForLoadState("networkidle");
  await page.waitForFunction(() => !document.querySelector(".observablehq--loading"), undefined, { timeout: 30_000 }).catch(() => {});
  await page.waitForTimeout(200);
}

/** Headings must not skip levels (h1 → h3) and there must be exactly one h1. */
async function headingProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const headings = [...document.querySelectorAll("main h1, main h2, main h3, main h4, main h5, main h6")].filter((h) => (h as HTMLElement).offsetParent !== null || h.closest("details"));
    const problems: string[] = [];
    if (headings.filter((h) => h.tagName === "H1").length !== 1) problems.push(`${headings.filter((h) => h.tagName === "H1").length} h1 elements`);
    let previous = 1;
    for (const h of headings) {
      const level = Number(h.tagName.slice(1));
      if (level > previous + 1) problems.push(`${h.tagName} "${h.textContent?.trim().slice(0, 40)}" after h${previous}`);
      previous = level;
    }
    return problems;
  });
}

/** Content wider than the viewport (other than inside a scrollable chart or table box). */
async function overflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

describe("quality gates catch the broken fixture", () => {
  let browser: Browser;
  let site: StaticSite;
  beforeAll(async () => {
    browser = await launch();
    site = await serveSite(BROKEN);
  });
  afterAll(async () => {
    await browser?.close();
    await site?.close();
  });

  it("axe finds the missing alternative text, the low contrast and the empty button", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${site.origin}/`);
    const ids = (await runAxe(page)).map((v) => v.id);
    expect(ids).toEqual(expect.arrayContaining(["image-alt", "color-contrast", "button-name"]));
    await context.close();
  });
});

describe("every built page in Chromium", () => {
  let browser: Browser;
  let site: StaticSite;
  const pages = builtPages();
  const paths = [...pages.keys()];

  beforeAll(async () => {
    browser = await launch();
    site = await serveSite();
  });
  afterAll(async () => {
    await browser?.close();
    await site?.close();
  });

  for (const scheme of ["light", "dark"] as const) {
    describe(`${scheme} theme`, () => {
      let context: BrowserContext;
      beforeAll(async () => {
        context = await browser.newContext({ colorScheme: scheme, viewport: { width: 1200, height: 900 } });
      });
      afterAll(async () => context?.close());

      it.each(paths)(`has no WCAG 2.2 A/AA violation on %s`, async (path) => {
        const { page } = await openPage(context, site.origin);
        await page.goto(site.origin + path);
        await settle(page);
        const violations = await runAxe(page);
        await page.close();
        expect(violations).toEqual([]);
      });
    });
  }

  it.each(paths)("is keyboard-usable on %s: skip link first, visible focus, headings in order", async (path) => {
    const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
    const { page } = await openPage(context, site.origin);
    await page.goto(site.origin + path);
    await settle(page);
    // An iframe embed (/embed/<chart>) is one chart in someone else's page: no site chrome to skip.
    if (!/^\/embed\/./.test(path)) {
      await page.keyboard.press("Tab");
      const first = await page.evaluate(() => ({ text: document.activeElement?.textContent?.trim(), href: document.activeElement?.getAttribute("href") }));
      expect(first).toEqual({ text: "Skip to content", href: "#observablehq-main" });
      const skipVisible = await page.evaluate(() => {
        const box = document.activeElement!.getBoundingClientRect();
        return box.width > 0 && box.left >= 0;
      });
      expect(skipVisible).toBe(true);
    }
    // Every focus stop for the first 30 presses shows a visible focus indicator.
    for (let i = 0; i < 30; i++) {
      await page.keyboard.press("Tab");
      const focus = await page.evaluate(() => {
        let element = document.activeElement as HTMLElement | null;
        // Focus inside a same-origin iframe (the embed preview): judge the element focused in it.
        while (element instanceof HTMLIFrameElement && element.contentDocument?.activeElement) {
          const inner = element.contentDocument.activeElement as HTMLElement;
          if (inner === element.contentDocument.body) break;
          element = inner;
        }
        if (!element || element === document.body) return { ok: true, what: "body" };
        const style = (element.ownerDocument.defaultView ?? window).getComputedStyle(element);
        const ok = (style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2) || style.boxShadow !== "none";
        return { ok, what: `${element.tagName} ${element.id || element.textContent?.trim().slice(0, 30)}` };
      });
      expect(focus.ok, `no visible focus on ${focus.what}`).toBe(true);
    }
    expect(await headingProblems(page)).toEqual([]);
    await context.close();
  });

  it.each(paths)("reflows at 320 px and at 200%% zoom without losing content on %s", async (path) => {
    for (const setup of [{ viewport: { width: 320, height: 800 }, deviceScaleFactor: 1 }, { viewport: { width: 640, height: 800 }, deviceScaleFactor: 2 }]) {
      const context = await browser.newContext(setup);
      const { page } = await openPage(context, site.origin);
      await page.goto(site.origin + path);
      await settle(page);
      expect(await overflow(page), `horizontal scrolling at ${setup.viewport.width} px`).toBeLessThanOrEqual(1);
      await context.close();
    }
  });

  it("shows no test payload as text, injects nothing from the data, sets no cookie and asks no other origin", async () => {
    const context = await browser.newContext();
    const dialogs: string[] = [];
    const otherOrigins: string[] = [];
    for (const path of paths) {
      const { page, problems } = await openPage(context, site.origin);
      page.on("dialog", async (dialog) => {
        dialogs.push(`${path}: ${dialog.message()}`);
        await dialog.dismiss();
      });
      await page.goto(site.origin + path);
      await settle(page);
      const injected = await page.evaluate((own) => document.querySelectorAll(`img[src="x"], main script:not([type]):not([src]):not([${own}])`).length, FIRST_PAINT_SCRIPT_ATTRIBUTE);
      expect(injected, `an element from the data was injected on ${path}`).toBe(0);
      // The one inline script the build writes itself (the explorer's first paint) is exactly the one in the built file.
      const own = await page.evaluate((attribute) => [...document.querySelectorAll(`script[${attribute}]`)].map((script) => script.textContent ?? ""), FIRST_PAINT_SCRIPT_ATTRIBUTE);
      const built = readFileSync(pages.get(path)!, "utf8");
      expect(own.length, `inline scripts of the build's own on ${path}`).toBe(path === "/explore" ? 1 : 0);
      for (const script of own) expect(built, `the build's own inline script on ${path} is the one it wrote`).toContain(script);
      // The sample's text is what visitors read: the hostile payloads live in test fixtures only.
      const text = await page.evaluate(() => document.body.innerText);
      expect(PAYLOAD_MARKERS.filter((marker) => text.includes(marker)), `test payloads shown on ${path}`).toEqual([]);
      otherOrigins.push(...problems.otherOrigins);
      await page.close();
    }
    expect(dialogs).toEqual([]);
    expect(otherOrigins).toEqual([]);
    expect(await context.cookies()).toEqual([]);
    await context.close();
  });
});
