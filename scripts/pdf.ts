/**
 * `npm run pdf`: the evidence report as an A4 PDF, `dist/report.pdf`, printed by headless Chromium
 * from the built site with the report's print stylesheet (src/styles/report.css). Builds the site
 * first if `dist/` has no report page.
 *
 *   tsx scripts/pdf.ts [--out dist/report.pdf]
 */
import { existsSync, statSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { join, relative, resolve } from "node:path";
import { parseArgs } from "node:util";
import { chromium } from "playwright-core";
import { PROJECT_ROOT } from "../loaders/schema.ts";
import { serve } from "./serve.ts";

const CHROME_PATH = process.env.CHROME_PATH ?? "/usr/bin/chromium";
const DIST = process.env.LERO_DIST_DIR ? resolve(process.env.LERO_DIST_DIR) : join(PROJECT_ROOT, "dist");
/** The report has one chart per finding; fewer than this means the page did not finish rendering. */
const MIN_CHARTS = 5;

export async function printReport(out: string = join(DIST, "report.pdf")): Promise<{ file: string; bytes: number; charts: number }> {
  if (!existsSync(join(DIST, "report.html"))) {
    process.stderr.write("No built report in dist/: building the site first…\n");
    const { buildSite } = await import("./build.ts");
    await buildSite();
  }
  if (!existsSync(CHROME_PATH)) throw new Error(`Chromium was not found at ${CHROME_PATH}: sudo apt-get install -y chromium, or set CHROME_PATH.`);
  const server = await serve({ dir: DIST, port: 0, host: "127.0.0.1" });
  const { port } = server.address() as AddressInfo;
  const browser = await chromium.launch({
    executablePath: CHROME_PATH,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"],
  });
  try {
    // About the width of an A4 page's text column, so charts are drawn at the size they print.
    const context = await browser.newContext({ viewport: { width: 760, height: 1100 }, colorScheme: "light" });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(error.message));
    await page.goto(`http://127.0.0.1:${port}/report.html`, { waitUntil: "networkidle" });
    await page.waitForFunction((min) => document.querySelectorAll("figure.lero-figure-chart svg").length >= min, MIN_CHARTS, { timeout: 30_000 }).catch(() => {
      throw new Error(`The report's charts did not render${errors.length ? `: ${errors.join("; ")}` : ""}.`);
    });
    await page.evaluate(() => document.fonts.ready);
    const charts = await page.locator("figure.lero-figure-chart svg").count();
    await page.pdf({ path: out, format: "A4", printBackground: true, displayHeaderFooter: false, preferCSSPageSize: true });
    await context.close();
    return { file: out, bytes: statSync(out).size, charts };
  } finally {
    await browser.close();
    await new Promise<void>((done) => server.close(() => done()));
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { out: { type: "string" } } });
  try {
    const { file, bytes, charts } = await printReport(values.out ? resolve(values.out) : undefined);
    process.stderr.write(`Report printed: ${relative(process.cwd(), file)} (${(bytes / 1024).toFixed(0)} KB, ${charts} charts).\n`);
  } catch (error) {
    process.stderr.write(`PDF failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  }
}
