/**
 * The build's PDFs: the report and each region's briefing, printed by Chromium from the built pages
 * with their print stylesheet (src/styles/print.css) and running header and footer (head.ts), A4.
 * Pages are printed a few at a time in one browser. A page that shows an error or does not finish
 * drawing its charts fails the print, naming the page, so a build never links a PDF it could not make.
 */
import { readFile, rename, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import { eachLimited, SITE_ORIGIN } from "./browser.ts";
import type { PrintedPage } from "./site.ts";

/** About the width of an A4 page's text column, so charts are drawn at the size they print. */
export const PRINT_VIEWPORT = { width: 760, height: 1100 };
const PARALLEL = 3;

export interface PrintedPdf extends PrintedPage {
  bytes: number;
  charts: number;
}

/**
 * The PDF with its creation and modification dates set to the release's date (YYYY-MM-DD), so two
 * builds of the same release print the same bytes. The dates keep their length: the file's
 * cross-reference offsets stay right.
 */
export function releaseDated(pdf: Buffer, date: string): Buffer {
  const stamp = `${date.replace(/-/g, "")}000000`;
  return Buffer.from(pdf.toString("latin1").replace(/(\/(?:CreationDate|ModDate) \(D:)\d{14}/g, `$1${stamp}`), "latin1");
}

/** Charts drawn into a built page's HTML: chart bodies with an SVG in them. */
export function chartsInHtml(html: string): number {
  return html
    .split('class="lero-chart-body')
    .slice(1)
    .filter((part) => part.split("</figure>")[0]!.includes("<svg"))
    .length;
}

export interface PrintOptions {
  /** The release date (YYYY-MM-DD), written into the PDFs as their date. */
  date: string;
  /** Runs on each page once its PDF is written, while it is still open (the build draws its sharing image). */
  after?: (page: Page, printed: PrintedPage) => Promise<void>;
}

export async function printPdfs(context: BrowserContext, dir: string, pages: readonly PrintedPage[], options: PrintOptions): Promise<PrintedPdf[]> {
  return eachLimited(pages, PARALLEL, async (printed) => {
    const page = await context.newPage();
    try {
      await page.setViewportSize(PRINT_VIEWPORT);
      const errors: string[] = [];
      page.on("pageerror", (error) => errors.push(error.message));
      // A release without some datasets draws fewer charts: expect those its built HTML holds, at most the full page's.
      const expected = Math.min(printed.minCharts, chartsInHtml(await readFile(join(dir, printed.page), "utf8")));
      await page.goto(`${SITE_ORIGIN}/${printed.page}`, { waitUntil: "load" });
      await page
        .waitForFunction((min) => document.querySelectorAll("figure.lero-figure-chart .lero-chart-body svg").length >= min, expected, { timeout: 60_000, polling: 100 })
        .catch(() => {
          throw new Error(`${printed.page} did not finish drawing its charts (${expected} expected), so ${printed.pdf} was not printed${errors.length ? `: ${errors.join("; ")}` : "."}`);
        });
      if (errors.length > 0) throw new Error(`${printed.page} showed an error, so ${printed.pdf} was not printed: ${errors.join("; ")}`);
      await page.evaluate(() => document.fonts.ready);
      // Press boxes print open, so the exact wording, base and caveat travel with the figure.
      await page.evaluate(() => document.querySelectorAll("details.lero-press-box").forEach((d) => ((d as HTMLDetailsElement).open = true)));
      const charts = await page.locator("figure.lero-figure-chart .lero-chart-body svg").count();
      const out = join(dir, printed.pdf);
      // Written beside its name, then renamed: a PDF is either whole or absent.
      await page.pdf({ path: `${out}.part`, format: "A4", printBackground: true, preferCSSPageSize: true, tagged: true, outline: true });
      await writeFile(`${out}.part`, releaseDated(await readFile(`${out}.part`), options.date));
      await rename(`${out}.part`, out);
      await options.after?.(page, printed);
      return { ...printed, bytes: (await stat(out)).size, charts };
    } finally {
      await page.close();
    }
  });
}
