/**
 * `npm run pdf`: prints the PDFs into the built site again, without rebuilding it: `dist/report.pdf`
 * and each region's briefing (`dist/regions/<slug>.pdf`), with the same code as `npm run build`'s
 * print step (scripts/print/). Builds the site first if `dist/` has no report page.
 *
 *   tsx scripts/pdf.ts [--only report.pdf]
 */
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { PROJECT_ROOT } from "../loaders/schema.ts";
import { releaseInfo } from "./pages/prerender.ts";
import { launchChromium, siteContext } from "./print/browser.ts";
import { printPdfs, type PrintedPdf } from "./print/pdfs.ts";
import { chromiumInstalled, chromiumMissingNote, printedPages } from "./print/site.ts";

const DIST = process.env.LERO_DIST_DIR ? resolve(process.env.LERO_DIST_DIR) : join(PROJECT_ROOT, "dist");

export async function printAll(dir: string = DIST, only?: string): Promise<PrintedPdf[]> {
  if (!chromiumInstalled()) throw new Error(chromiumMissingNote());
  if (!existsSync(join(dir, "report.html"))) {
    process.stderr.write("No built report in dist/: building the site first (which prints the PDFs)…\n");
    const { buildSite } = await import("./build.ts");
    await buildSite();
  }
  const pages = printedPages().filter((p) => only === undefined || p.pdf === only);
  if (pages.length === 0) throw new Error(`${only} is not one of the PDFs the site has: ${printedPages().map((p) => p.pdf).join(", ")}.`);
  const browser = await launchChromium();
  try {
    return await printPdfs(await siteContext(browser, dir), dir, pages, { date: releaseInfo().date });
  } finally {
    await browser.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { only: { type: "string" } } });
  try {
    const started = performance.now();
    const pdfs = await printAll(DIST, values.only);
    for (const pdf of pdfs) process.stderr.write(`${pdf.pdf}: ${(pdf.bytes / 1024).toFixed(0)} KB, ${pdf.charts} charts\n`);
    process.stderr.write(`Printed ${pdfs.length} PDF(s) in ${((performance.now() - started) / 1000).toFixed(1)} s.\n`);
  } catch (error) {
    process.stderr.write(`PDF failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  }
}
