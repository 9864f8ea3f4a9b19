/**
 * What the build prints and how a printed page names itself: the PDFs (the report and one briefing
 * per region), whether this build makes them, and each page's public address.
 *
 * Decision: the PDFs sit beside their pages (`report.pdf`, `regions/<slug>.pdf`), never in a folder
 * named like a page, so the static-hosting rules hold (README "Deploying"), and every link to them is
 * relative (`report.pdf` from the report, `london.pdf` from `regions/london.html`).
 */
import { existsSync } from "node:fs";
import { posix } from "node:path";
import { loadRegions, regionSlug } from "../../loaders/reference.ts";

/** Set by `npm run build` for Framework's page loaders: "1" when this build prints the PDFs. */
export const PDFS_ENV = "LERO_PDFS";

/** Where the build finds Chromium (Debian's package, or `CHROME_PATH`). */
export function chromePath(env: NodeJS.ProcessEnv = process.env): string {
  return env.CHROME_PATH ?? "/usr/bin/chromium";
}

export function chromiumInstalled(env: NodeJS.ProcessEnv = process.env): boolean {
  return existsSync(chromePath(env));
}

/** Said once by a build without Chromium: the site is complete, with "Print this page" in place of PDFs. */
export function chromiumMissingNote(env: NodeJS.ProcessEnv = process.env): string {
  return `Chromium was not found at ${chromePath(env)}, so this build has no PDFs and no sharing images; the pages offer "Print this page" instead. To get them: sudo apt-get install -y chromium (Debian/Ubuntu), or set CHROME_PATH to a Chromium or Chrome binary, then run npm run build again.`;
}

/** True inside a build that prints the PDFs (page loaders ask this to link them). */
export function pdfsBuilt(env: NodeJS.ProcessEnv = process.env): boolean {
  return env[PDFS_ENV] === "1";
}

export interface PrintedPage {
  /** The page, relative to the site's root (`regions/london.html`). */
  page: string;
  /** Its PDF, relative to the site's root (`regions/london.pdf`). */
  pdf: string;
  /** What the PDF is, for messages. */
  title: string;
  /** Charts the page draws when it has finished rendering; fewer means it did not. */
  minCharts: number;
}

/** Every PDF the build prints: the report, then each region's briefing. */
export function printedPages(): PrintedPage[] {
  return [
    { page: "report.html", pdf: "report.pdf", title: "The evidence report", minCharts: 10 },
    ...loadRegions().map((region) => {
      const slug = regionSlug(region.name);
      return { page: `regions/${slug}.html`, pdf: `regions/${slug}.pdf`, title: `${region.name}: regional briefing`, minCharts: 3 };
    }),
  ];
}

/**
 * The site's public address, from `LERO_SITE_URL` (e.g. `https://evidence.example.org/lero/`), with a
 * trailing slash; undefined when not set. Checked once here: anything but an http(s) URL is an error.
 */
export function siteUrl(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const value = env.LERO_SITE_URL?.trim();
  if (!value) return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`LERO_SITE_URL is "${value}", which is not a web address. Set it to the address the site is published at, such as https://evidence.example.org/, or leave it unset.`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") throw new Error(`LERO_SITE_URL is "${value}": it must start with https:// (or http://).`);
  return url.href.endsWith("/") ? url.href : `${url.href}/`;
}

/** A page's address as printed on it: the full URL when the site's address is known, else its path. */
export function pageAddress(page: string, env: NodeJS.ProcessEnv = process.env): string {
  const base = siteUrl(env);
  const path = page === "index.html" ? "" : page.replace(/(^|\/)index\.html$/, "$1");
  return base ? new URL(path, base).href : path === "" ? "the home page" : path;
}

/**
 * The link from `fromPage` to the PDF of `printedPage` (`report.pdf` from the home page, `london.pdf`
 * from `regions/london.html`) when this build prints it; undefined otherwise, so no page links a PDF
 * that is not there.
 */
export function pdfHref(fromPage: string, printedPage: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (!pdfsBuilt(env)) return undefined;
  const printed = printedPages().find((p) => p.page === printedPage);
  if (!printed) throw new Error(`${printedPage} is not one of the pages the build prints (scripts/print/site.ts printedPages).`);
  return posix.relative(posix.dirname(fromPage), printed.pdf);
}
