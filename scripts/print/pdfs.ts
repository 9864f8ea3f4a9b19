/**
 * The build's PDFs: the report and each region's briefing, printed by Chromium from the built pages
 * with their print stylesheet (src/styles/print.css) and running header and footer (head.ts), A4.
 * Pages are printed a few at a time in one browser. A page that shows an error or does not finish
 * drawing its charts fails the print, naming the page, so a build never links a PDF it could not make.
 */
import { rename, stat } from "node:fs/promises";
import { join } from "node:path";
import type { BrowserContext } from "playwright-core";
import { eachLimited, SITE_ORIGIN } from "./browser.ts";
import type { PrintedPage } from "./site.ts";

/** About the width of an A4 page's text column, so charts are drawn at the size they print. */
export const PRINT_VIEWPORT = { width: 760, height: 1100 };
const PARALLEL = 3;

export interface PrintedPdf extends PrintedPage {
  bytes: number;
  charts: number;
}

export async function printPdfs(context: BrowserContext, dir: string, pages: readonly PrintedPage[]): Promise<PrintedPdf[]> {
  return eachLimited(pages, PARALLEL, async (printed) => {
    const page = await context.newPage();
    try {
      await page.setViewportSize(PRINT_VIEWPORT);
      const errors: string[] = [];
      page.on("pageerror", (error) => errors.push(error.message));
      await page.goto(`${SITE_ORIGIN}/${printed.page}`, { waitUntil: "load" });
      await page
        .waitForFunction((min) => document.querySelectorAll("figure.lero-figure-chart .lero-chart-body svg").length >= min, printed.minCharts, { timeout: 60_000, polling: 100 })
        .catch(() => {
          throw new Error(`${printed.page} did not finish drawing its charts (${printed.minCharts} expected), so ${printed.pdf} was not printed${errors.length ? `: ${errors.join("; ")}` : "."}`);
        });
      if (errors.length > 0) throw new Error(`${printed.page} showed an error, so ${printed.pdf} was not printed: ${errors.join("; ")}`);
      await page.evaluate(() => document.fonts.ready);
      const charts = await page.locator("figure.lero-figure-chart .lero-chart-body svg").count();
      const out = join(dir, printed.pdf);
      // Written beside its name, then renamed: a PDF is either whole or absent.
      await page.pdf({ path: `${out}.part`, format: "A4", printBackground: true, preferCSSPageSize: true, tagged: true, outline: true });
      await rename(`${out}.part`, out);
      return { ...printed, bytes: (await stat(out)).size, charts };
    } finally {
      await page.close();
    }
  });
}
