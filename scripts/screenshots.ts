/**
 * `npm run screenshots`: what the site looks like, for the README. Screenshots of Home, the Report,
 * one region's briefing and Methods at a laptop's width (1280 px) and a phone's (390 px), light theme,
 * from the built site, into `docs/screenshots/<page>-<width>.png`. Each is the first two screens of
 * the page, which shows what a reader meets first and keeps the files small.
 *
 *   tsx scripts/screenshots.ts [--dir dist] [--out docs/screenshots] [--region london]
 */
import { existsSync } from "node:fs";
import { mkdir, stat } from "node:fs/promises";
import { join, relative, resolve } from "node:path";
import { parseArgs } from "node:util";
import { PROJECT_ROOT } from "../loaders/schema.ts";
import { loadRegions, regionSlug } from "../loaders/reference.ts";
import { launchChromium, siteContext, SITE_ORIGIN } from "./print/browser.ts";
import { chromiumInstalled, chromiumMissingNote } from "./print/site.ts";

export const WIDTHS = [
  { width: 1280, height: 800 },
  { width: 390, height: 844 },
] as const;
/** How many screens of each page are kept. */
const SCREENS = 2;

export interface Shot {
  name: string;
  page: string;
}

export function shots(region: string): Shot[] {
  const slugs = loadRegions().map((r) => regionSlug(r.name));
  if (!slugs.includes(region)) throw new Error(`--region ${region} is not a region; use one of ${slugs.join(", ")}.`);
  return [
    { name: "home", page: "index.html" },
    { name: "report", page: "report.html" },
    { name: `region-${region}`, page: `regions/${region}.html` },
    { name: "methods", page: "methods.html" },
  ];
}

export async function takeScreenshots(options: { dir: string; out: string; region: string }): Promise<{ file: string; bytes: number }[]> {
  if (!chromiumInstalled()) throw new Error(chromiumMissingNote());
  if (!existsSync(join(options.dir, "index.html"))) throw new Error(`${options.dir} has no built site: run npm run build first.`);
  const list = shots(options.region);
  await mkdir(options.out, { recursive: true });
  const browser = await launchChromium();
  const written: { file: string; bytes: number }[] = [];
  try {
    for (const viewport of WIDTHS) {
      const context = await siteContext(browser, options.dir, { viewport, deviceScaleFactor: 1, colorScheme: "light", reducedMotion: "reduce" });
      for (const shot of list) {
        const page = await context.newPage();
        await page.goto(`${SITE_ORIGIN}/${shot.page}`, { waitUntil: "load" });
        await page.waitForLoadState("networkidle", { timeout: 15_000 }).catch(() => undefined);
        await page.evaluate(() => document.fonts.ready);
        const height = await page.evaluate(() => document.documentElement.scrollHeight);
        const file = join(options.out, `${shot.name}-${viewport.width}.png`);
        await page.screenshot({ path: file, fullPage: true, clip: { x: 0, y: 0, width: viewport.width, height: Math.min(height, viewport.height * SCREENS) }, animations: "disabled" });
        written.push({ file, bytes: (await stat(file)).size });
        await page.close();
      }
      await context.close();
    }
  } finally {
    await browser.close();
  }
  return written;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { dir: { type: "string" }, out: { type: "string" }, region: { type: "string" } } });
  try {
    const written = await takeScreenshots({
      dir: resolve(values.dir ?? join(PROJECT_ROOT, "dist")),
      out: resolve(values.out ?? join(PROJECT_ROOT, "docs", "screenshots")),
      region: values.region ?? "north-east",
    });
    for (const { file, bytes } of written) process.stderr.write(`${relative(process.cwd(), file)}: ${(bytes / 1024).toFixed(0)} KB\n`);
  } catch (error) {
    process.stderr.write(`Screenshots failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  }
}
