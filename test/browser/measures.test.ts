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
import { measureConflicts, publishedTables, registryValues, shownInHtml, shownInModule, type ShownMeasure } from "../../scripts/measure-gate.ts";
import { PRESETS, presetText } from "../../src/components/explore/presets.ts";

/** The explorer's default view and each of its presets (views that open on a figure the report publishes). */
const EXPLORER = ["/explore", ...PRESETS.map((p) => `/explore${presetText(p).href}`)];
const PAGES = ["/", "/report", "/research", "/standards", "/workforce", "/stigma", "/outcomes", "/regions/", ...EXPLORER, ...readdirSync(join(DIST, "regions")).filter((f) => f.endsWith(".html") && f !== "index.html").map((f) => `/regions/${f}`)];
/** Pages that must show marked figures once rendered (the others may, as more figures are marked). */
const MUST_MARK = ["/", "/report", "/stigma", "/outcomes", "/workforce", "/regions/", ...EXPLORER];

/** The explorer draws its figures once DuckDB-wasm has loaded the data: wait for its first view. */
async function explorerReady(page: Page): Promise<void> {
  // The count is in the HTML from the build; wait for the script to draw the view the address asks for.
  await page.waitForSelector("#explore-main[data-view]", { timeout: 90_000 });
  await page.waitForFunction(() => document.querySelector(".explore-app")?.getAttribute("aria-busy") === null, undefined, { timeout: 30_000 });
}

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
      if (path.startsWith("/explore")) await explorerReady(page);
      const marked = await markedOnPage(page, path);
      counts[path] = marked.length;
      shown.push(...marked);
      await page.close();
    }
    for (const file of readdirSync(join(DIST, "embed")).filter((f) => f.endsWith(".html"))) shown.push(...shownInHtml(readFileSync(join(DIST, "embed", file), "utf8"), `embed/${file}`));
    // The module embeds carry their figures as HTML inside the script.
    for (const file of readdirSync(join(DIST, "embed")).filter((f) => f.endsWith(".js"))) shown.push(...shownInModule(readFileSync(join(DIST, "embed", file), "utf8"), `embed/${file}`));
    expect(shown.filter((s) => s.where === "embed/regions-map.js (uk)").length, "the map module marks its tiles").toBeGreaterThan(0);
    for (const path of MUST_MARK) expect(counts[path], path).toBeGreaterThan(0);
    // Each preset shows its own figure, marked, beside the report's (the check below compares them).
    for (const preset of PRESETS) {
      const path = `/explore${presetText(preset).href}`;
      expect(shown.some((s) => s.where === path && s.measure === preset.measure && s.key === preset.key), `${preset.id}: ${preset.measure} "${preset.key}"`).toBe(true);
    }
    expect(shown.length).toBeGreaterThan(50);
    expect(measureConflicts([...shown, ...registryValues(shown, publishedTables(DIST))]).map((c) => c.message)).toEqual([]);
  }, 420_000);
});
