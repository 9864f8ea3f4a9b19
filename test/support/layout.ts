/**
 * Layout measurements for the browser tests: whether a page's H1 can be seen (not hidden, not under
 * the fixed header) and its cumulative layout shift, read from a buffered `layout-shift`
 * PerformanceObserver after the page has loaded and settled.
 */
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { loadRegions, regionSlug } from "../../loaders/reference.ts";

/**
 * Pages whose charts are drawn at build time (Framework page loaders, scripts/pages/prerender.ts):
 * their layout shift is asserted (≤ CLS_BUDGET) and they must read the same with scripts off. One
 * region briefing stands for the twelve (they are one loader); `prerenderedPages` adds a story's page.
 */
export const PRERENDERED = [
  "/",
  "/report.html",
  "/standards.html",
  "/outcomes.html",
  "/research.html",
  "/workforce.html",
  "/stigma.html",
  "/regions/",
  `/regions/${regionSlug(loadRegions()[0]!.name)}.html`,
  "/context.html",
  "/methods.html",
  "/stories/",
];

/** Pages drawn at build time that have no chart (text, lists and tables only). */
export const WITHOUT_CHARTS: ReadonlySet<string> = new Set(["/methods.html", "/stories/"]);

/** Every page drawn at build time in a built site: `PRERENDERED` and the first story's page in `dist`. */
export function prerenderedPages(dist: string): string[] {
  const stories = existsSync(join(dist, "stories")) ? readdirSync(join(dist, "stories")).filter((f) => f.endsWith(".html") && f !== "index.html").sort() : [];
  return [...PRERENDERED, ...stories.slice(0, 1).map((f) => `/stories/${f}`)];
}

/** Whether a page drawn at build time has charts (a story's page has none). */
export function hasCharts(path: string): boolean {
  return !WITHOUT_CHARTS.has(path) && !/^\/stories\/.+\.html$/.test(path);
}

/** The layout-shift budget of a page at first paint, at 390 and 1280 px (as `npm run bench`). */
export const CLS_BUDGET = 0.05;

export interface LayoutReport {
  /** The H1's text, or null when the page has none. */
  h1: string | null;
  /** Width and height of the H1's box, in CSS px. */
  h1Size: { width: number; height: number };
  /** The element found at the H1's centre is the H1 or inside it (nothing covers it). */
  h1OnTop: boolean;
  /** What is at the H1's centre when it is not the H1 (for messages). */
  atCentre: string;
  /** Sum of every layout shift not caused by input, since navigation. */
  cls: number;
  /** The biggest shifts: their value and the elements that moved. */
  shifts: { value: number; sources: string[] }[];
}

/**
 * The measuring script, as text: passed to the page as a string so that no compiler helper (tsx's
 * `__name`) is needed inside the browser.
 */
const MEASURE = `(async () => {
  const describe = (el) => {
    if (!el) return "nothing";
    const id = el.id ? "#" + el.id : "";
    const cls = typeof el.className === "string" && el.className.trim() ? "." + el.className.trim().split(/\\s+/).join(".") : "";
    return el.tagName.toLowerCase() + id + cls;
  };
  window.scrollTo(0, 0);
  const h1 = document.querySelector("main h1") ?? document.querySelector("h1");
  const rect = h1 ? h1.getBoundingClientRect() : null;
  const at = rect ? document.elementFromPoint(rect.left + rect.width / 2, rect.top + rect.height / 2) : null;
  const entries = await new Promise((resolve) => {
    const seen = [];
    new PerformanceObserver((list) => seen.push(...list.getEntries())).observe({ type: "layout-shift", buffered: true });
    setTimeout(() => resolve(seen), 100);
  });
  const shifts = entries.filter((e) => !e.hadRecentInput);
  return {
    h1: h1 ? h1.textContent.trim() : null,
    h1Size: { width: rect ? rect.width : 0, height: rect ? rect.height : 0 },
    h1OnTop: !!(h1 && at && (at === h1 || h1.contains(at))),
    atCentre: describe(at),
    cls: shifts.reduce((sum, e) => sum + e.value, 0),
    shifts: shifts
      .sort((a, b) => b.value - a.value)
      .slice(0, 5)
      .map((e) => ({ value: e.value, sources: (e.sources || []).map((s) => (s.node instanceof Element ? describe(s.node) : s.node ? s.node.nodeName : "?")) })),
  };
})()`;

/** Reads the page's H1 and layout shifts (scrolled to the top); call after the page has loaded and settled. */
export async function measureLayout(page: Page): Promise<LayoutReport> {
  return (await page.evaluate(MEASURE)) as LayoutReport;
}

/**
 * Records when an element matching `selector` first enters the document (call before `goto`). One
 * parsed from the page's HTML is there before the first paint; one drawn by a script comes later.
 */
export async function watchFirstChart(page: Page, selector: string): Promise<void> {
  await page.addInitScript((wanted: string) => {
    const w = window as unknown as { leroChartAt?: number };
    new MutationObserver((_, observer) => {
      if (!document.querySelector(wanted)) return;
      w.leroChartAt = performance.now();
      observer.disconnect();
    }).observe(document, { childList: true, subtree: true });
  }, selector);
}

/** After load: the first contentful paint, when the watched element arrived, and whether it was by then. */
export async function firstChartAtPaint(page: Page): Promise<{ fcpMs: number | null; chartMs: number | null; atFirstPaint: boolean }> {
  const { fcp, chart } = await page.evaluate(() => ({
    fcp: performance.getEntriesByName("first-contentful-paint")[0]?.startTime ?? null,
    chart: (window as unknown as { leroChartAt?: number }).leroChartAt ?? null,
  }));
  return { fcpMs: fcp === null ? null : Math.round(fcp), chartMs: chart === null ? null : Math.round(chart), atFirstPaint: fcp !== null && chart !== null && chart <= fcp };
}
