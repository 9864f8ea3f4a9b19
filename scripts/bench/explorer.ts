/**
 * The explorer's part of `npm run bench` (issue 17): at each size of the outcomes data, a site built
 * from it, then in Chromium with a cold cache:
 * - first chart: the default view and the outcomes data set's first view (`?dataset=outcomes`), both
 *   drawn into the page's HTML at build time (the second shown by the page's inline script, before any
 *   module loads), unthrottled and at 10 Mbps / 40 ms (the DevTools protocol's network emulation); the
 *   time is that of the first frame in which a chart of the view is on screen (laid out, not hidden);
 * - bytes on the wire before the first chart;
 * - filter-to-chart latency (clicks on bars) and data set / split change latency (the selects), once
 *   DuckDB-wasm has taken over, as the explorer times them (`window.__exploreTimings`): from the start of
 *   the click's handler to the end of the explorer's work on the page (cube sums, the changed charts,
 *   figures and results table in the DOM, the URL). The browser's style, layout and paint after that
 *   are not in it; they are in "filter to painted frame", timed to a task after the next animation
 *   frame (reported beside it, without a budget).
 * Figures are as measured on this machine in this run; the budgets are the issue's.
 */
import type { Browser, CDPSession, Page } from "playwright-core";
import { serveSite } from "../../test/support/browser.ts";

export const EXPLORER_BUDGET = { firstChartMs: 1000, throttledFirstChartMs: 2000, filterP95Ms: 50, changeP95Ms: 300, bytesBeforeChartKb: 300 };
/** 10 Mbps down and up, 40 ms latency. */
const THROTTLE = { offline: false, latency: 40, downloadThroughput: 10_000_000 / 8, uploadThroughput: 10_000_000 / 8 };

interface ExploreTiming {
  action: string;
  ms: number;
}

export interface FirstChart {
  /** From navigation start to the chart on screen, ms. */
  ms: number | null;
  /** Bytes on the wire (compressed) finished before the chart was on screen. */
  bytes: number;
}

export interface ExplorerFigures {
  rows: number;
  /** The default view (stigma headline chart, in the HTML). */
  headline: FirstChart;
  headlineThrottled: FirstChart;
  /** The outcomes data set's first view (drawn at build time, shown by the page's inline script). */
  outcomes: FirstChart;
  outcomesThrottled: FirstChart;
  engineReadyMs: number | null;
  filterMedianMs: number | null;
  filterP95Ms: number | null;
  /** The same clicks, until a task after the next animation frame (style, layout and paint included). */
  filterPaintedP95Ms: number | null;
  changeMedianMs: number | null;
  changeP95Ms: number | null;
  interactions: number;
}

export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return Math.round((sorted[index] ?? NaN) * 10) / 10;
}

const timings = (page: Page, action: string) => page.evaluate((a) => ((window as unknown as { __exploreTimings?: ExploreTiming[] }).__exploreTimings ?? []).filter((t) => t.action === a).map((t) => t.ms), action);

/**
 * Opens `path` in a fresh context with the cache off (and the network throttled when asked) and
 * measures when `selector` is on screen. The time is the page's own clock (navigation start = 0),
 * taken in the frame the element first appears; bytes are those whose loading finished by then.
 */
async function firstChart(browser: Browser, origin: string, path: string, selector: string, throttled: boolean): Promise<FirstChart> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const cdp: CDPSession = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
  if (throttled) await cdp.send("Network.emulateNetworkConditions", THROTTLE);
  const finished: { at: number; bytes: number }[] = [];
  cdp.on("Network.loadingFinished", (event: { timestamp: number; encodedDataLength: number }) => finished.push({ at: event.timestamp, bytes: event.encodedDataLength }));
  let navigationStarted = 0;
  cdp.on("Network.requestWillBeSent", (event: { timestamp: number; type?: string }) => {
    if (event.type === "Document" && navigationStarted === 0) navigationStarted = event.timestamp;
  });
  // The page records, in its own clock, the frame the chart appears in (a script as text: no
  // compiler helper reaches the page).
  await page.addInitScript(`(() => {
    const look = () => {
      const shown = [...document.querySelectorAll(${JSON.stringify(selector)})].some((node) => node.getClientRects().length > 0);
      if (shown) window.__chartAt = performance.now();
      else requestAnimationFrame(look);
    };
    requestAnimationFrame(look);
  })()`);
  let result: FirstChart = { ms: null, bytes: 0 };
  try {
    await page.goto(origin + path, { waitUntil: "commit" });
    await page.waitForFunction(() => (window as unknown as { __chartAt?: number }).__chartAt !== undefined, undefined, { timeout: 60_000, polling: 50 });
    const ms = await page.evaluate(() => (window as unknown as { __chartAt: number }).__chartAt);
    // Network timestamps are in seconds on a monotonic clock; the chart's time is from navigation start.
    const cutoff = navigationStarted + ms / 1000;
    result = { ms: Math.round(ms), bytes: finished.filter((f) => f.at <= cutoff).reduce((sum, f) => sum + f.bytes, 0) };
  } catch (error) {
    // No chart within a minute: reported as none, with why on stderr (the bench's log).
    process.stderr.write(`explorer first chart of ${path}${throttled ? " (throttled)" : ""}: none: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}\n`);
  }
  await context.close();
  return result;
}

/** Every measurement at one size, on a site already built into `dist`. */
export async function benchExplorerSite(browser: Browser, dist: string, rows: number, interactions: number): Promise<ExplorerFigures> {
  const site = await serveSite(dist);
  // The outcomes view, as the build drew it (shown by the inline script) or as the explorer draws it.
  const live = '[data-view*="dataset=outcomes"] figure[data-dim] svg';
  const headline = await firstChart(browser, site.origin, "/explore", "figure[data-dim] svg", false);
  const headlineThrottled = await firstChart(browser, site.origin, "/explore", "figure[data-dim] svg", true);
  const outcomes = await firstChart(browser, site.origin, "/explore?dataset=outcomes", live, false);
  const outcomesThrottled = await firstChart(browser, site.origin, "/explore?dataset=outcomes", live, true);

  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(`${site.origin}/explore?dataset=outcomes`);
  // Interactions are timed once the engine has taken over (its download is not a filter's latency).
  await page.waitForSelector("#explore-main[data-engine=ready]", { timeout: 300_000 });
  const engineReadyMs = (await timings(page, "engine"))[0] ?? null;
  await page.waitForFunction(() => !document.querySelector(".explore-app[aria-busy]"), undefined, { timeout: 300_000 });

  const waitFor = async (action: string, before: number) => {
    await page.waitForFunction(
      ([a, n]) => ((window as unknown as { __exploreTimings?: ExploreTiming[] }).__exploreTimings ?? []).filter((t) => t.action === a).length > (n as number),
      [action, before] as const,
      { timeout: 120_000 },
    );
    const all = await timings(page, action);
    return all[all.length - 1]!;
  };

  // Filters: click bars in turn (each click adds or removes a filter).
  const filters: number[] = [];
  for (let i = 0; i < interactions; i++) {
    const count = await page.locator("rect.explore-hit").count();
    if (count === 0) break;
    const before = (await timings(page, "filter")).length;
    await page.locator("rect.explore-hit").nth(i % count).click({ force: true });
    filters.push(await waitFor("filter", before));
  }

  // Each click's time to its painted frame (recorded a frame after its own timing).
  await page.waitForFunction((n) => ((window as unknown as { __exploreTimings?: ExploreTiming[] }).__exploreTimings ?? []).filter((t) => t.action === "filter-painted").length >= n, filters.length, { timeout: 30_000 }).catch(() => undefined);
  const painted = await timings(page, "filter-painted");

  // Split and data set changes: the second chart's split, then the data set, back and forth.
  const changes: number[] = [];
  for (let i = 0; i < Math.max(4, Math.floor(interactions / 2)); i++) {
    const options = await page.locator("#explore-dim-1 option").evaluateAll((nodes) => nodes.map((n) => (n as HTMLOptionElement).value).filter((v) => v !== ""));
    const current = await page.locator("#explore-dim-1").inputValue();
    const next = options.filter((o) => o !== current)[i % Math.max(1, options.length - 1)];
    if (next === undefined) break;
    const before = (await timings(page, "dimensions")).length;
    await page.locator("#explore-dim-1").selectOption(next);
    changes.push(await waitFor("dimensions", before));
  }
  for (let i = 0; i < 4; i++) {
    const target = i % 2 === 0 ? "stigma" : "outcomes";
    const before = (await timings(page, "dataset")).length;
    await page.locator("#explore-dataset").selectOption(target);
    changes.push(await waitFor("dataset", before));
  }
  await context.close();
  await site.close();
  return {
    rows,
    headline,
    headlineThrottled,
    outcomes,
    outcomesThrottled,
    engineReadyMs: engineReadyMs === null ? null : Math.round(engineReadyMs),
    filterMedianMs: filters.length ? percentile(filters, 50) : null,
    filterP95Ms: filters.length ? percentile(filters, 95) : null,
    filterPaintedP95Ms: painted.length ? percentile(painted, 95) : null,
    changeMedianMs: changes.length ? percentile(changes, 50) : null,
    changeP95Ms: changes.length ? percentile(changes, 95) : null,
    interactions: filters.length + changes.length,
  };
}

/** The explorer's budgets, met or not, at the largest size measured. */
export function explorerBudgets(figures: readonly ExplorerFigures[]): Record<string, boolean> {
  const last = figures[figures.length - 1];
  if (!last) return {};
  const at = `at ${last.rows.toLocaleString("en-GB")} rows`;
  const b = EXPLORER_BUDGET;
  const within = (value: number | null, budget: number) => value !== null && value <= budget;
  return {
    [`explorer first chart ≤ ${b.firstChartMs} ms (cold cache; headline and outcomes views) at every size`]: figures.every((f) => within(f.headline.ms, b.firstChartMs) && within(f.outcomes.ms, b.firstChartMs)),
    [`explorer first chart at 10 Mbps / 40 ms ≤ ${b.throttledFirstChartMs} ms at every size`]: figures.every((f) => within(f.headlineThrottled.ms, b.throttledFirstChartMs) && within(f.outcomesThrottled.ms, b.throttledFirstChartMs)),
    [`explorer bytes before the first chart ≤ ${b.bytesBeforeChartKb} KB (headline and outcomes views)`]: figures.every((f) => f.headline.bytes <= b.bytesBeforeChartKb * 1024 && f.outcomes.bytes <= b.bytesBeforeChartKb * 1024),
    [`explorer filter p95 ≤ ${b.filterP95Ms} ms ${at}`]: within(last.filterP95Ms, b.filterP95Ms),
    [`explorer data set / split change p95 ≤ ${b.changeP95Ms} ms ${at}`]: within(last.changeP95Ms, b.changeP95Ms),
  };
}

/** One size's figures against the budgets, in a line (printed as each size finishes). */
export function explorerSizeLine(f: ExplorerFigures): string {
  const b = EXPLORER_BUDGET;
  const check = (value: number | null, budget: number, unit: string) => `${value ?? "none"} ${unit} (budget ${budget} ${unit}: ${value !== null && value <= budget ? "met" : "NOT MET"})`;
  return [
    `explorer at ${f.rows.toLocaleString("en-GB")} rows:`,
    `first chart ${check(f.headline.ms, b.firstChartMs, "ms")}, outcomes view ${check(f.outcomes.ms, b.firstChartMs, "ms")};`,
    `at 10 Mbps / 40 ms ${check(f.headlineThrottled.ms, b.throttledFirstChartMs, "ms")}, outcomes view ${check(f.outcomesThrottled.ms, b.throttledFirstChartMs, "ms")};`,
    `before the first chart ${check(Math.round(f.headline.bytes / 1024), b.bytesBeforeChartKb, "KB")}, outcomes view ${check(Math.round(f.outcomes.bytes / 1024), b.bytesBeforeChartKb, "KB")};`,
    `filter p95 ${check(f.filterP95Ms, b.filterP95Ms, "ms")} (to the painted frame ${f.filterPaintedP95Ms ?? "none"} ms); data set or split change p95 ${check(f.changeP95Ms, b.changeP95Ms, "ms")}`,
    `(the filter and change budgets are for 1,000,000 rows; figures as measured on a shared machine).`,
  ].join(" ");
}

/** The explorer's table, in Markdown. */
export function explorerLines(figures: readonly ExplorerFigures[]): string[] {
  const kb = (bytes: number) => Math.round(bytes / 102.4) / 10;
  const lines = [
    "| explorer rows | headline chart ms (KB before) | at 10 Mbps / 40 ms | outcomes view ms (KB before) | at 10 Mbps / 40 ms | engine ready ms | filter p50 / p95 ms | filter to painted frame p95 ms | data set or split change p50 / p95 ms | interactions |",
    "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
  ];
  for (const f of figures) {
    const chart = (c: FirstChart) => `${c.ms ?? "none"} (${kb(c.bytes)})`;
    lines.push(
      `| ${f.rows.toLocaleString("en-GB")} | ${chart(f.headline)} | ${chart(f.headlineThrottled)} | ${chart(f.outcomes)} | ${chart(f.outcomesThrottled)} | ${f.engineReadyMs ?? "n/a"} | ${f.filterMedianMs ?? "n/a"} / ${f.filterP95Ms ?? "n/a"} | ${f.filterPaintedP95Ms ?? "n/a"} | ${f.changeMedianMs ?? "n/a"} / ${f.changeP95Ms ?? "n/a"} | ${f.interactions} |`,
    );
  }
  return lines;
}
