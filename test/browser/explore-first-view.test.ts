/**
 * The explorer's first view in Chromium: the stigma survey's headline chart drawn from the build's
 * pre-computed file before DuckDB-wasm loads (and even when it cannot load), the same view when the
 * engine takes over (nothing redrawn), permalinks to pre-computed views, 95% intervals as marks and in
 * the tables, and no split by a column the release publishes with one value.
 */
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { encodeState } from "../../src/components/explore/state.ts";
import { DEFAULT_VIEW, PRESETS } from "../../src/components/explore/presets.ts";
import type { ViewData } from "../../src/components/explore/compute.ts";
import { DIST, launch, openPage, serveSite, type StaticSite } from "../support/browser.ts";
import { CLS_BUDGET, measureLayout } from "../support/layout.ts";

const viewsFile = readdirSync(join(DIST, "_file", "data")).find((f) => /^explore-views\.[0-9a-f]+\.json$/.test(f));
const prepared = JSON.parse(readFileSync(join(DIST, "_file", "data", viewsFile!), "utf8")) as { views: ViewData[] };

/** Blocks DuckDB-wasm's engine (its WebAssembly and worker, the megabytes), as a network that never delivers them would. */
async function blockEngine(page: Page): Promise<string[]> {
  const blocked: string[] = [];
  await page.route(/duckdb[^/]*\.(wasm|worker\.([0-9a-f]+\.)?js)(\?|$)/i, (route) => {
    blocked.push(route.request().url());
    return route.abort();
  });
  return blocked;
}

/** The explorer's own drawing: the page's script has mounted it over the build's, and says which view it drew. */
const LIVE = "#explore-main[data-view]";

async function barLabels(page: Page, dim: string, within = ""): Promise<Record<string, string>> {
  const labels = await page.locator(`${within} figure[data-dim="${dim}"] rect.explore-hit`.trim()).evaluateAll((nodes) => nodes.map((n) => n.getAttribute("aria-label") ?? ""));
  return Object.fromEntries(labels.map((l) => [l.slice(0, l.lastIndexOf(": ")), l.slice(l.lastIndexOf(": ") + 2)]));
}

describe("the explorer's first view", () => {
  let browser: Browser;
  let site: StaticSite;
  let context: BrowserContext;
  beforeAll(async () => {
    site = await serveSite();
    browser = await launch();
    context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
  });
  afterAll(async () => {
    await browser?.close();
    await site?.close();
  });

  it("draws the headline chart with intervals from the build when the engine cannot load, and says so", async () => {
    const { page, problems } = await openPage(context, site.origin);
    const blocked = await blockEngine(page);
    await page.goto(`${site.origin}/explore`);
    await page.waitForSelector(`${LIVE} figure[data-dim="setting"] svg`, { timeout: 30_000 });
    expect(await page.locator("#explore-dataset").inputValue()).toBe("stigma");
    expect(await page.locator("#explore-measure").inputValue()).toBe(DEFAULT_VIEW.measure);
    expect(page.url()).toContain(encodeState(DEFAULT_VIEW));
    // The figures are the build's, and the setting bars are marked as the registry measure.
    const head = prepared.views.find((v) => v.key === encodeState(DEFAULT_VIEW))!;
    const bars = await barLabels(page, "setting");
    for (const bar of head.bars.find((b) => b.dim === "setting")!.bars) expect(bars[bar.value]).toBe(typeof bar.shown === "number" ? `${bar.shown.toFixed(1)}%` : bar.shown);
    expect(await page.locator(`figure[data-dim="setting"] [data-measure="stigma-met-sometimes"][data-key="GP"]`).count()).toBeGreaterThan(0);
    // 95% intervals: drawn across the bars, and in the chart's table and the results table.
    expect(await page.locator(`figure[data-dim="setting"] svg .explore-interval line`).count()).toBeGreaterThanOrEqual(head.bars[0]!.bars.filter((b) => b.interval).length);
    expect(await page.locator(`figure[data-dim="setting"] table thead th`).allTextContents()).toContain("95% interval");
    expect(await page.locator("#explore-results-table thead th").allTextContents()).toEqual(expect.arrayContaining(["95% interval, low", "95% interval, high"]));
    expect(await page.locator("#explore-figure").textContent()).toMatch(/95% interval \d+% to \d+%/);
    // No words call a bar highest or higher where the intervals overlap (the build's own comparison).
    for (const title of await page.locator("figure.explore-chart h3").allTextContents()) expect(title).not.toMatch(/highest for .* similar|similar .* highest/);
    // The engine could not load: the page says so, and the view stays.
    await expect.poll(() => page.locator("#explore-main").getAttribute("data-engine"), { timeout: 60_000 }).toBe("failed");
    expect(await page.locator("#explore-engine").textContent()).toContain("The data engine could not start");
    expect(await page.locator(`figure[data-dim="setting"] svg`).count()).toBe(1);
    expect(blocked.length).toBeGreaterThan(0);
    expect(problems.consoleErrors.filter((e) => !/duckdb|Failed to load|ERR_FAILED/i.test(e))).toEqual([]);
    await page.close();
  });

  it("opens a preset's permalink from the build too, without the engine", async () => {
    const preset = PRESETS.find((p) => p.state.dataset === "stigma" && Object.keys(p.state.filters).length)!;
    const { page } = await openPage(context, site.origin);
    await blockEngine(page);
    // The parameters in another order are the same view.
    const params = new URLSearchParams(encodeState(preset.state));
    const reversed = new URLSearchParams([...params].reverse());
    await page.goto(`${site.origin}/explore?${reversed}`);
    await page.waitForSelector(`${LIVE} figure[data-dim="setting"] svg`, { timeout: 30_000 });
    expect(await page.locator(`figure[data-dim="setting"] rect.explore-hit[data-value="${preset.state.filters.setting![0]}"]`).getAttribute("aria-pressed")).toBe("true");
    expect(await page.locator(`[data-measure="${preset.measure}"][data-key="${preset.key}"]`).count()).toBeGreaterThan(0);
    // A view the build did not make waits for the engine, and says why it cannot be drawn.
    await page.goto(`${site.origin}/explore?dataset=stigma&dims=age_band&measure=count&chart=bars`);
    await expect.poll(() => page.locator("[data-explore-loading]").textContent(), { timeout: 60_000 }).toContain("The data engine could not start");
    expect(await page.locator("figure.explore-chart").count()).toBe(0);
    await page.close();
  });

  it("shows each preset's view from its link with JavaScript off, and opens it from its anchor with JavaScript on", async () => {
    const off = await browser.newContext({ viewport: { width: 390, height: 844 }, javaScriptEnabled: false });
    const page = await off.newPage();
    await page.goto(`${site.origin}/explore`);
    const links = await page.locator(".explore-presets li[data-preset] a").evaluateAll((nodes) => nodes.map((n) => n.getAttribute("href") ?? ""));
    expect(links.length).toBe(PRESETS.length);
    for (const preset of PRESETS) {
      const link = links.find((l) => l.endsWith(`#view-${preset.id}`))!;
      expect(link).toBe(`#view-${preset.id}`);
      await page.goto(`${site.origin}/explore${link}`);
      const view = page.locator(`#view-${preset.id}`);
      await expect.poll(() => view.isVisible()).toBe(true);
      // In place of the first view, with its charts and its headline figure, marked as the registry's.
      expect(await page.locator(".explore-app > .explore-view").isVisible()).toBe(false);
      expect(await view.locator("figure[data-dim] svg").count()).toBe(preset.state.dims.length);
      expect(await view.locator(`[data-measure="${preset.measure}"][data-key="${preset.key}"]`).first().isVisible()).toBe(true);
      for (const [dim, values] of Object.entries(preset.state.filters)) {
        expect(await view.locator(`figure[data-dim="${dim}"] rect.explore-hit[data-value="${values[0]}"]`).getAttribute("aria-pressed")).toBe("true");
      }
      // The other presets' views stay hidden.
      expect(await page.locator(".explore-static-view:visible").count()).toBe(1);
    }
    await off.close();
    // With scripts on, the anchor alone opens the preset (before the engine), and the build's copies are gone.
    const preset = PRESETS.find((p) => p.state.dataset === "stigma" && Object.keys(p.state.filters).length)!;
    const { page: on } = await openPage(context, site.origin);
    await blockEngine(on);
    await on.goto(`${site.origin}/explore#view-${preset.id}`);
    await on.waitForSelector(`${LIVE} figure[data-dim="setting"] svg`, { timeout: 30_000 });
    expect(await on.locator("#explore-main").getAttribute("data-view")).toBe(encodeState(preset.state));
    expect(on.url()).toContain(`?${encodeState(preset.state)}#view-${preset.id}`);
    expect(await on.locator(".explore-static-view").count()).toBe(0);
    await on.close();
  });

  it("shows a data set's own first view (?dataset=outcomes) at first paint, before any module or the engine, and takes over without a jump", async () => {
    const outcomes = prepared.views.find((v) => v.state.dataset === "outcomes" && Object.keys(v.state.filters).length === 0)!;
    for (const [width, height] of [[390, 844], [1280, 900]] as const) {
      const sized = await browser.newContext({ viewport: { width, height } });
      // No JavaScript file at all (no module, no engine): only the page's HTML and its inline script.
      const page = await sized.newPage();
      await page.route(/\.(js|wasm)(\?|$)/, (route) => route.abort());
      await page.goto(`${site.origin}/explore?dataset=outcomes`);
      const box = page.locator("#view-dataset-outcomes");
      expect(await box.isVisible()).toBe(true);
      expect(await box.getAttribute("data-view")).toBe(outcomes.key);
      expect(await page.locator(".explore-app > .explore-view").isVisible()).toBe(false);
      expect(await page.locator(".explore-static-view:visible").count()).toBe(1);
      for (const { dim, bars } of outcomes.bars) {
        const labels = await barLabels(page, dim, "#view-dataset-outcomes");
        for (const bar of bars) expect(labels[bar.value], `${dim} ${bar.value}`).toBe(typeof bar.shown === "number" ? bar.shown.toLocaleString("en-GB") : bar.shown);
      }
      // The note for readers without scripts is not shown, nor the first view's choices and table.
      expect(await box.locator(".explore-static-note").isVisible()).toBe(false);
      expect(await page.locator(".explore-app[data-prerendered] > .explore-choose").evaluate((n) => getComputedStyle(n).visibility)).toBe("hidden");
      const chart = (await box.locator("figure[data-dim] svg").first().boundingBox())!;
      expect(chart.y, `chart top at ${width} px`).toBeLessThan(height - 100);
      await page.close();
      // With the modules (the engine still blocked): the explorer draws the same view in the same place.
      const live = await sized.newPage();
      await blockEngine(live);
      await live.goto(`${site.origin}/explore?dataset=outcomes`);
      await live.waitForSelector(`${LIVE} figure[data-dim] svg`, { timeout: 30_000 });
      expect(await live.locator("#explore-main").getAttribute("data-view")).toBe(outcomes.key);
      expect(await live.locator("#explore-dataset").inputValue()).toBe("outcomes");
      expect(await live.locator(".explore-static-view").count()).toBe(0);
      expect(await live.evaluate(() => document.documentElement.hasAttribute("data-explore-view"))).toBe(false);
      await live.waitForTimeout(300);
      const report = await measureLayout(live);
      expect(report.cls, `layout shift at ${width} px: ${JSON.stringify(report.shifts)}`).toBeLessThanOrEqual(CLS_BUDGET);
      await sized.close();
    }
  }, 180_000);

  it("lets the engine take over without redrawing, offers no one-value split, and says why", async () => {
    const { page, problems } = await openPage(context, site.origin);
    await page.goto(`${site.origin}/explore`);
    await page.waitForSelector(`${LIVE} figure[data-dim="setting"] svg`, { timeout: 30_000 });
    const svg = await page.locator(`figure[data-dim="setting"] svg`).elementHandle();
    const before = await page.locator(".explore-charts").innerHTML();
    await page.waitForSelector("#explore-main[data-engine=ready]", { timeout: 90_000 });
    // Let the take-over finish: the status line is the view's, and nothing is busy.
    await expect.poll(() => page.locator(".explore-app").getAttribute("aria-busy"), { timeout: 30_000 }).toBeNull();
    await expect.poll(() => page.locator("#explore-status").textContent(), { timeout: 30_000 }).toMatch(/people match/);
    expect(await page.locator(".explore-charts").innerHTML()).toBe(before);
    // The engine's download was counted (the bytes the progress line reported).
    expect(Number(await page.locator("#explore-main").getAttribute("data-bytes-loaded"))).toBeGreaterThan(1_000_000);
    expect(await svg!.evaluate((node) => node.isConnected)).toBe(true);
    expect(await page.evaluate(() => (window.__exploreTimings ?? []).map((t) => t.action))).toEqual(expect.arrayContaining(["first-chart", "engine"]));

    // Region has one value in the published rows: not a choice for any chart, and the page says why.
    const choices = await page.locator("#explore-dim-0 option").evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value));
    expect(choices).toContain("setting");
    expect(choices).not.toContain("region");
    expect(await page.locator(`[data-not-offered="region"]`).textContent()).toContain("every published row says “UK”");
    expect(await page.locator("#explore-split-notes").textContent()).toContain("Geography is published as region only where");
    // The other data set loads in the background once the engine is up: let it finish before leaving the page.
    await page.waitForSelector("#explore-main[data-prefetched]", { state: "attached", timeout: 90_000 });
    // A link asking for region gets no region chart.
    await page.goto(`${site.origin}/explore?dataset=stigma&dims=region,setting&measure=count&chart=bars`);
    await page.waitForSelector("#explore-main[data-engine=ready]", { timeout: 90_000 });
    await page.waitForSelector(`figure[data-dim="setting"] svg`, { timeout: 30_000 });
    expect(await page.locator(`figure[data-dim="region"]`).count()).toBe(0);
    expect(page.url()).not.toContain("region");
    // And a click still filters, through the engine.
    const status = await page.locator("#explore-status").textContent();
    const settingSvg = await page.locator(`figure[data-dim="setting"] svg`).elementHandle();
    await page.locator(`figure[data-dim="setting"] rect.explore-hit[data-value="GP"]`).click();
    await expect.poll(() => page.locator("#explore-status").textContent(), { timeout: 30_000 }).not.toBe(status);
    await expect.poll(() => page.url(), { timeout: 30_000 }).toContain("f.setting=GP");
    await expect.poll(() => page.locator("#explore-status").textContent(), { timeout: 30_000 }).toContain("(Setting: GP)");
    // The clicked chart is repainted in place: the same SVG, its GP bar chosen, the focus still on it.
    expect(await settingSvg!.evaluate((node) => node.isConnected)).toBe(true);
    expect(await page.locator(`figure[data-dim="setting"] rect.explore-hit[data-value="GP"]`).getAttribute("aria-pressed")).toBe("true");
    expect(await page.locator(`figure[data-dim="setting"] rect.explore-hit[data-value="GP"]`).getAttribute("tabindex")).toBe("0");
    expect(await page.evaluate(() => document.activeElement?.getAttribute("data-value"))).toBe("GP");
    expect(problems.consoleErrors).toEqual([]);
    expect(problems.failedRequests, problems.failedRequests.join("\n")).toEqual([]);
    await page.close();
  });

  it("is in the page's HTML: the headline chart, its counts and its table show with scripts off", async () => {
    const off = await browser.newContext({ viewport: { width: 1280, height: 900 }, javaScriptEnabled: false });
    const page = await off.newPage();
    await page.goto(`${site.origin}/explore`);
    const head = prepared.views.find((v) => v.key === encodeState(DEFAULT_VIEW))!;
    // The first view (the presets' views are in the HTML too, hidden until their anchor is the URL's).
    const first = ".explore-app > .explore-view";
    expect(await page.locator(".explore-static-view:visible").count()).toBe(0);
    for (const { dim, bars } of head.bars) expect(await page.locator(`${first} figure[data-dim="${dim}"] svg rect.explore-hit`).count(), dim).toBe(bars.length);
    const labels = await barLabels(page, "setting", first);
    for (const bar of head.bars.find((b) => b.dim === "setting")!.bars) expect(labels[bar.value]).toBe(typeof bar.shown === "number" ? `${bar.shown.toFixed(1)}%` : bar.shown);
    expect(await page.locator(`${first} figure[data-dim="setting"] svg .explore-interval line`).count()).toBeGreaterThan(0);
    expect(await page.locator("#people-count").textContent()).toBe(typeof head.summary.count === "number" ? head.summary.count.toLocaleString("en-GB") : head.summary.count);
    expect(await page.locator("#explore-results-table tbody tr").count()).toBe(head.rows.length);
    expect(await page.locator("#explore-measure").inputValue()).toBe(DEFAULT_VIEW.measure);
    await off.close();
  });

  it("shows the headline chart in the first screen and moves nothing when the script and the engine take over", async () => {
    for (const [width, height] of [[390, 844], [1280, 900]] as const) {
      const sized = await browser.newContext({ viewport: { width, height } });
      const page = await sized.newPage();
      await page.goto(`${site.origin}/explore`);
      // The chart's top is in the first screen; at a laptop's width the whole chart is.
      // The module redraws the chart in place as it takes over; the box is read once the chart is on
      // screen (a locator resolved to the drawing it replaces has no box).
      const chart = page.locator(`.explore-app > .explore-view figure[data-dim="setting"] svg`);
      const box = await (async () => {
        for (const until = Date.now() + 30_000; Date.now() < until; await page.waitForTimeout(50)) {
          const found = await chart.boundingBox();
          if (found !== null) return found;
        }
        throw new Error(`the chart was never on screen at ${width} px`);
      })();
      expect(box.y, `chart top at ${width} px`).toBeLessThan(height - 100);
      if (width >= 1000) expect(box.y + box.height, `chart bottom at ${width} px`).toBeLessThanOrEqual(height);
      await page.waitForSelector("#explore-main[data-engine=ready]", { timeout: 90_000 });
      await expect.poll(() => page.locator(".explore-app").getAttribute("aria-busy"), { timeout: 30_000 }).toBeNull();
      await page.waitForTimeout(500);
      const report = await measureLayout(page);
      expect(report.cls, `layout shift at ${width} px: ${JSON.stringify(report.shifts)}`).toBeLessThanOrEqual(CLS_BUDGET);
      await sized.close();
    }
  }, 240_000);

  it("shows values in the console as they are, and charts the figure the query names", async () => {
    const { page, problems } = await openPage(context, site.origin);
    await page.goto(`${site.origin}/explore`);
    await page.waitForSelector("#explore-sql", { timeout: 30_000 });
    const run = async (sql: string) => {
      await page.locator("#explore-sql").fill(sql);
      await page.locator("#explore-sql-run").click();
      await expect.poll(() => page.locator("#explore-sql-message").textContent(), { timeout: 120_000 }).toMatch(/\d+ rows?/);
    };
    await run("SELECT year, count(*) AS n FROM stigma GROUP BY year ORDER BY year");
    const years = await page.locator("#explore-sql-table tbody tr td:first-child, #explore-sql-table tbody tr th:first-child").allTextContents();
    expect(years.length).toBeGreaterThan(0);
    for (const year of years) expect(year.trim()).toMatch(/^20\d\d$/);
    // A count and a mean by setting: the chart is of the mean (the figure the query asked for), not the count.
    await run("SELECT setting, count(DISTINCT respondent_ref) AS people, avg(enacted_1) AS mean_enacted FROM stigma GROUP BY setting ORDER BY setting");
    await expect.poll(() => page.locator("#explore-sql-chart-title").textContent(), { timeout: 30_000 }).toBe("mean_enacted by setting");
    const means = await page.locator("#explore-sql-table tbody tr").evaluateAll((rows) => rows.map((r) => r.lastElementChild?.textContent ?? ""));
    for (const mean of means) expect(mean).toMatch(/^(\d+(\.\d+)?|\[c\]|\[x\])$/);
    expect(problems.consoleErrors).toEqual([]);
    await page.close();
  }, 180_000);
});
