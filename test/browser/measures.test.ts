/**
 * The measure gate over the rendered pages. Framework draws most figures in the browser, so they are
 * not in `dist/` HTML where the build's gate (`scripts/measure-gate.ts`) looks; here every page is
 * rendered in Chromium, every element marked `data-measure` is read from the DOM, and the same check
 * runs over all of them together, with the embeds' static HTML and the published tables: one measure
 * and key show one value on every page.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { DIST, openPage } from "../support/browser.ts";
import { desktopPageSuite } from "../support/page-suite.ts";
import { measureConflicts, publishedTables, registryValues, shownInHtml, type ShownMeasure } from "../../scripts/measure-gate.ts";

const PAGES = ["/", "/report", "/research", "/standards", "/workforce", "/stigma", "/outcomes", "/regions/", ...readdirSync(join(DIST, "regions")).filter((f) => f.endsWith(".html") && f !== "index.html").map((f) => `/regions/${f}`)];
/** Pages that must show marked figures once rendered (the others may, as more figures are marked). */
const MUST_MARK = ["/", "/report", "/stigma", "/outcomes"];

async function markedOnPage(page: Page, path: string): Promise<ShownMeasure[]> {
  const read = () =>
    page.$$eval("[data-measure]", (els) => els.map((el) => ({ measure: el.getAttribute("data-measure") ?? "", key: el.getAttribute("data-key") ?? "", text: el.textContent ?? "" })));
  // Framework renders cells as their data arrives: read until two readings agree.
  let last = -1;
  let shown = await read();
  for (let i = 0; i < 20 && shown.length !== last; i++) {
    last = shown.length;
    await page.waitForTimeout(250);
    shown = await read();
  }
  return shown.map((s) => ({ ...s, where: path }));
}

describe("one value per measure and key on the rendered pages", () => {
  const suite = desktopPageSuite();

  it("every page, embed and published table agrees on every marked figure", async () => {
    const shown: ShownMeasure[] = [];
    const counts: Record<string, number> = {};
    for (const path of PAGES) {
      const { page } = await openPage(suite.context, suite.origin);
      await page.goto(`${suite.origin}${path}`, { waitUntil: "networkidle" });
      const marked = await markedOnPage(page, path);
      counts[path] = marked.length;
      shown.push(...marked);
      await page.close();
    }
    for (const file of readdirSync(join(DIST, "embed")).filter((f) => f.endsWith(".html"))) shown.push(...shownInHtml(readFileSync(join(DIST, "embed", file), "utf8"), `embed/${file}`));
    for (const path of MUST_MARK) expect(counts[path], path).toBeGreaterThan(0);
    expect(shown.length).toBeGreaterThan(50);
    expect(measureConflicts([...shown, ...registryValues(shown, publishedTables(DIST))]).map((c) => c.message)).toEqual([]);
  }, 240_000);
});
