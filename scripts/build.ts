/**
 * `npm run build`: the whole site, atomically.
 *
 * 1. The data pipeline publishes every dataset to `.tmp/published/` (itself atomic; it stops on any
 *    table-level error with a report naming file, row, column and rule).
 * 2. Framework builds the pages into a temporary folder (npm cache seeded from node_modules, telemetry
 *    off, its loader cache cleared so pages always use this run's data).
 * 3. The published files are copied to `data/` in that folder, under stable names for downloads.
 * 4. The independent disclosure audit reads that folder; any finding fails the build. The measure gate
 *    (`measure-gate.ts`) then fails it when one measure and key show two values in its HTML.
 * 5. The print step (`print/index.ts`) gives every page its print header and sharing tags and, with
 *    Chromium, prints the report and the regional briefings as PDFs and draws the sharing images. Without
 *    Chromium the build says once how to get them, and the pages offer "Print this page" instead.
 * 6. Only then does the folder replace `dist/`. If any step fails, the previous `dist/` stays as it was.
 */
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { cp, mkdir, readFile, readdir, rename, rm, writeFile } from "node:fs/promises";
import { join, relative, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { auditDist, formatFinding } from "../loaders/disclose/audit/index.ts";
import { buildData } from "../loaders/pipeline/index.ts";
import { PROJECT_ROOT } from "../loaders/schema.ts";
import { loadRegions, regionSlug } from "../loaders/reference.ts";
import { publishedDir } from "../loaders/site-data.ts";
import { PipelineError } from "../loaders/types.ts";
import { escapeHtml } from "./html.ts";
import { checkMeasures } from "./measure-gate.ts";
import { checkPayloads, formatPayloadFinding } from "./payload-gate.ts";
import { resolveDataSource, SAMPLE_DIR } from "../loaders/data-dir.ts";
import { withLock } from "./lock.ts";
import { seedNpmCache } from "./seed-npm-cache.ts";
import { releaseInfo } from "./pages/prerender.ts";
import { printSite } from "./print/index.ts";
import { chromiumInstalled, chromiumMissingNote, PDFS_ENV } from "./print/site.ts";

/** `LERO_DIST_DIR` builds elsewhere (benchmarks build large data without touching dist/). */
const DIST = process.env.LERO_DIST_DIR ? resolve(process.env.LERO_DIST_DIR) : join(PROJECT_ROOT, "dist");
const TMP = join(PROJECT_ROOT, ".tmp");
/**
 * Framework's cache. Data loader outputs sit in folders named like their pages (`data/`, `embed/`,
 * `regions/`) and are reused while the loader file itself is unchanged, even when a module it imports
 * (a catalogue, an aggregate) has changed; so every build drops them. Folders starting with `_` (the
 * npm packages seeded from node_modules, bundled node modules) are kept.
 */
const FRAMEWORK_CACHE = join(PROJECT_ROOT, "src", ".observablehq", "cache");

export async function dropLoaderOutputs(): Promise<void> {
  if (!existsSync(FRAMEWORK_CACHE)) return;
  for (const entry of await readdir(FRAMEWORK_CACHE)) {
    if (!entry.startsWith("_")) await rm(join(FRAMEWORK_CACHE, entry), { recursive: true, force: true });
  }
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: PROJECT_ROOT, env, stdio: ["ignore", "inherit", "inherit"] });
    child.on("error", reject);
    child.on("exit", (code, signal) =>
      code === 0 ? resolve() : reject(new Error(`${command} ${args.join(" ")} failed (${signal ?? `exit ${code}`})`)),
    );
  });
}

/**
 * Three fixes to the HTML Framework 1.13.4 writes, each caught by the quality gates:
 * - the sidebar's close `<label>` sits inside an `<ol>`, which is invalid HTML (only `<li>` may be
 *   there); we move it just before the list (it is positioned by CSS, so nothing moves on screen);
 * - `<html>` has no `lang`, so screen readers guess the language; the site is in British English;
 * - the viewport meta sets `maximum-scale=1`, which stops people zooming on phones (WCAG 1.4.4);
 * - the sidebar comes before the page in the document, so a "skip to content" link must be the very
 *   first thing in `<body>` to be the first stop for keyboard users.
 */
const SIDEBAR_CLOSE = /<ol>(\s*)(<label id="observablehq-sidebar-close" for="observablehq-sidebar-toggle"><\/label>)/;
const HTML_OPEN = /<html>/;
const NO_ZOOM = /, maximum-scale=1(?=")/;
const BODY_OPEN = /<body>/;
/** Headings made from data on dynamic pages (`# ${name}`) get an empty anchor id, which is invalid. */
const EMPTY_ID = / id=""/g;
const SKIP_LINK = '<body>\n<a class="lero-skip" href="#observablehq-main">Skip to content</a>';

const TITLE = /<title>[^<]*<\/title>/;

/**
 * Titles of the pages Framework builds from one template (`[region].md`, `[slug].md`), whose front
 * matter can only say "Region" or "Story": each page's own name, so tabs, bookmarks, search results
 * and screen readers tell them apart (WCAG 2.4.2). Keyed by path under dist/.
 */
async function pageTitles(published: string): Promise<Map<string, string>> {
  const titles = new Map<string, string>();
  for (const region of loadRegions()) titles.set(join("regions", `${regionSlug(region.name)}.html`), region.name);
  const stories = join(published, "stories.json");
  if (existsSync(stories)) for (const story of JSON.parse(await readFile(stories, "utf8")) as { slug: string; title: string }[]) titles.set(join("stories", `${story.slug}.html`), story.title);
  return titles;
}

async function fixFrameworkHtml(dir: string, titles: ReadonlyMap<string, string>): Promise<void> {
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !entry.name.endsWith(".html")) continue;
    const file = join(entry.parentPath, entry.name);
    const html = await readFile(file, "utf8");
    const title = titles.get(relative(dir, file));
    const fixed = html
      .replace(SIDEBAR_CLOSE, "$2$1<ol>")
      .replace(HTML_OPEN, '<html lang="en-GB">')
      .replace(NO_ZOOM, "")
      .replace(BODY_OPEN, SKIP_LINK)
      .replace(EMPTY_ID, "")
      .replace(TITLE, (tag) => (title === undefined ? tag : `<title>${escapeHtml(title)} | LERO Evidence</title>`));
    if (fixed !== html) await writeFile(file, fixed);
  }
}

export const FRAMEWORK_BIN = join(PROJECT_ROOT, "node_modules", "@observablehq", "framework", "dist", "bin", "observable.js");

export async function buildSite(): Promise<void> {
  await mkdir(TMP, { recursive: true });
  await withLock(join(TMP, "build.lock"), buildUnlocked);
}

async function buildUnlocked(): Promise<void> {
  const started = performance.now();
  const published = publishedDir();
  await buildData({ out: published });
  await seedNpmCache();
  await dropLoaderOutputs();
  await mkdir(TMP, { recursive: true });
  const next = join(TMP, `dist-next-${process.pid}`);
  await rm(next, { recursive: true, force: true });
  // Pages link the PDFs only when this build can print them (scripts/print/site.ts).
  const chromium = chromiumInstalled();
  if (!chromium) process.stderr.write(`${chromiumMissingNote()}\n`);
  const env = { ...process.env, OBSERVABLE_TELEMETRY_DISABLE: "true", LERO_BUILD_OUT: next, LERO_PUBLISHED_DIR: published, [PDFS_ENV]: chromium ? "1" : "0" };
  try {
    await run(process.execPath, [FRAMEWORK_BIN, "build"], env);
    await cp(published, join(next, "data"), { recursive: true });
    await fixFrameworkHtml(next, await pageTitles(published));
    // Embeddable charts are rendered to static HTML and SVG after Framework, from the same published data.
    const embeds = join(PROJECT_ROOT, "scripts", "embed", "render.ts");
    if (existsSync(embeds)) {
      const { renderEmbeds } = (await import(pathToFileURL(embeds).href)) as { renderEmbeds(options: { dist: string; published: string }): Promise<void> };
      await renderEmbeds({ dist: next, published });
    }
    const printed = await printSite(next, releaseInfo(), { chromium });
    process.stderr.write(
      chromium
        ? `Printed ${printed.pdfs.length} PDFs (${(printed.pdfs.reduce((n, p) => n + p.bytes, 0) / 1024).toFixed(0)} KB) and ${printed.cards.length} sharing images in ${printed.seconds.toFixed(1)} s.\n`
        : `Added print headers and sharing tags (no images) to ${printed.cards.length} pages.\n`,
    );
    const audit = await auditDist(next);
    if (!audit.ok) {
      throw new PipelineError("source-error", [`The disclosure audit found ${audit.findings.length} problem(s) in the built site:`, ...audit.findings.slice(0, 50).map((f) => `  ${formatFinding(f)}`)].join("\n"));
    }
    process.stderr.write(`Disclosure audit passed: ${audit.resources.length} resources checked, ${audit.filesScanned} files scanned.\n`);
    const measures = checkMeasures(next);
    if (!measures.ok) {
      throw new PipelineError("source-error", [`The measure gate found ${measures.conflicts.length} measure(s) shown with more than one value:`, ...measures.conflicts.slice(0, 50).map((c) => `  ${c.message}`)].join("\n"));
    }
    process.stderr.write(`Measure gate passed: ${measures.shown} marked figures in ${measures.files} HTML files, one value per measure and key.\n`);
    if (resolveDataSource().dir === SAMPLE_DIR) {
      const payloads = checkPayloads(next);
      if (!payloads.ok) {
        throw new PipelineError("source-error", [`The payload gate found ${payloads.findings.length} test payload(s) in the sample site:`, ...payloads.findings.slice(0, 50).map((f) => `  ${formatPayloadFinding(f)}`)].join("\n"));
      }
      process.stderr.write(`Payload gate passed: no test payload in ${payloads.files} pages and data files of the sample site.\n`);
    }
    const old = join(TMP, `dist-old-${process.pid}`);
    if (existsSync(DIST)) await rename(DIST, old);
    await rename(next, DIST);
    await rm(old, { recursive: true, force: true });
    process.stderr.write(`Site built in ${((performance.now() - started) / 1000).toFixed(1)} s → ${DIST}\n`);
  } finally {
    await rm(next, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    await buildSite();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`\nBuild failed.\n${message}\nThe previous dist/ (if any) was left unchanged.\n`);
    process.exitCode = 1;
  }
}
