/**
 * Every chart that compares groups (regions, settings, stages, roles, cohorts, assessments) draws the
 * 95% interval of each figure and gives it in its table, on the built pages, at desktop and phone
 * widths, in light and dark. The interval marks carry the class `lero-interval`
 * (`src/components/shared/intervals.ts`); their lines must be drawn in a colour that differs from the
 * page's background, so they show in both themes.
 */
import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { openPage } from "../support/browser.ts";
import { desktopPageSuite } from "../support/page-suite.ts";

/** The comparison charts of each page, by figure id. */
const PAGES: Record<string, string[]> = {
  report: ["report-stigma-settings"],
  stigma: ["stigma-where", "stigma-kinds", "stigma-avoided", "stigma-roles"],
  outcomes: ["outcomes-trajectory", "outcomes-share-at-cut-off", "outcomes-paired-change", "outcomes-change-by-region", "outcomes-change-by-stage"],
  research: ["research-evaluates-by-stage", "research-evaluates-by-region"],
  standards: ["standards-in-place-by-stage"],
  workforce: ["workforce-confidence-all", "workforce-confidence-cohorts", "workforce-days"],
};

/** Figures that are a grid of shares (a heatmap): the intervals are in the table's cells, "41% (30% to 55%)". */
const GRIDS = /^research-(methods|barriers|uses|innovation)-by-(stage|region)$/;

interface Drawn {
  id: string;
  marks: number;
  lines: number;
  /** Stroke colours of the interval lines that match the page's background (invisible). */
  invisible: string[];
  headers: string[];
}

async function drawn(page: Page, id: string): Promise<Drawn | undefined> {
  return page.evaluate((id) => {
    const figure = document.getElementById(id);
    if (!figure || figure.tagName !== "FIGURE") return undefined;
    const marks = [...figure.querySelectorAll(".lero-chart-body svg g.lero-interval")];
    const lines = marks.flatMap((g) => [...g.querySelectorAll(":scope > path, :scope > line")]);
    const background = getComputedStyle(document.body).backgroundColor;
    const invisible = lines.map((l) => getComputedStyle(l).stroke).filter((stroke) => stroke === "none" || stroke === background);
    const headers = [...figure.querySelectorAll("thead th")].map((th) => th.textContent ?? "");
    return { id, marks: marks.length, lines: lines.length, invisible, headers };
  }, id);
}

async function expectIntervals(page: Page, ids: readonly string[], where: string): Promise<void> {
  for (const id of ids) {
    const found = await drawn(page, id);
    // The stage breakdowns are a note, not a chart, when the data cannot be linked to the audit.
    if (found === undefined) {
      expect(await page.locator(`#${id}`).count(), `${where}: #${id} is missing`).toBe(id.endsWith("-by-stage") ? 1 : 0);
      continue;
    }
    expect(found.marks, `${where}: #${id} draws no interval marks`).toBeGreaterThan(0);
    expect(found.lines, `${where}: #${id} has interval marks with no lines`).toBeGreaterThan(0);
    expect(found.invisible, `${where}: #${id} draws interval lines in the background colour`).toEqual([]);
    expect(found.headers.some((h) => /95% interval/.test(h)), `${where}: #${id} has no interval column (${found.headers.join(" | ")})`).toBe(true);
    expect(
      await page.locator(`#${id} tbody td`).evaluateAll((cells) => cells.some((td) => / to /.test(td.textContent ?? ""))),
      `${where}: #${id} gives no interval in its table`,
    ).toBe(true);
  }
}

describe("95% intervals on comparison charts", () => {
  const suite = desktopPageSuite();

  for (const [path, ids] of Object.entries(PAGES)) {
    it(`/${path}: every comparison chart draws its intervals and tables them, wide and narrow, light and dark`, async () => {
      const { page, problems } = await openPage(suite.context, suite.origin);
      for (const [width, scheme] of [
        [1280, "light"],
        [390, "dark"],
      ] as const) {
        await page.setViewportSize({ width, height: 900 });
        await page.emulateMedia({ colorScheme: scheme });
        await page.goto(`${suite.origin}/${path}`, { waitUntil: "networkidle" });
        await expect.poll(() => page.locator("figure.lero-figure-chart g.lero-interval").count()).toBeGreaterThan(0);
        await expectIntervals(page, ids, `${width} px ${scheme}`);
        // Each chart that draws intervals says what the lines are.
        const notes = await page.locator("figure.lero-figure-chart:has(g.lero-interval) figcaption").allTextContents();
        for (const note of notes) expect(note).toContain("Lines show 95% intervals");
      }
      if (path === "research") {
        const grids = await page.locator("figure.lero-figure-chart").evaluateAll((figures) => figures.map((f) => f.id));
        const cells = await page.locator("figure.lero-figure-chart tbody td").evaluateAll((tds) =>
          tds.filter((td) => td.closest("figure")?.id.match(/^research-(methods|barriers|uses|innovation)-by-/)).map((td) => td.textContent ?? ""),
        );
        expect(grids.filter((id) => GRIDS.test(id)).length).toBeGreaterThan(0);
        expect(cells.some((text) => /^\d+(\.\d)?% \(\d+% to \d+%\)$/.test(text))).toBe(true);
      }
      await page.close();
      expect(problems.consoleErrors).toEqual([]);
      expect(problems.failedRequests).toEqual([]);
    });
  }
});
