/**
 * `npm run check:hosting`: does the built site work on any static host, under a sub-path?
 *
 * Serves `dist/` under `/some/sub/path/` from the plainest static server there is: a URL is answered
 * with the exact file, or with a folder's `index.html` when the URL ends in `/`, and with 404 otherwise
 * (no clean URLs, no redirects, no rewrites; what S3, nginx's defaults or GitHub Pages guarantee at
 * least). Then crawls from the home page over HTTP, following on every page each internal reference
 * written in its HTML: `href`, `src`, `srcset`, CSS `url()` and `@import` (in the page and in its
 * stylesheets), module imports and preloads, and the data files a page registers to fetch
 * (`registerFile(…, {"path": …})`). Pages reached only through links built by scripts (a region's page
 * from the map) are then visited too, from the list of HTML files, so their own references are checked.
 * Exits non-zero listing each 404 with the page it came from.
 *
 *   tsx scripts/check-hosting.ts [--dir dist] [--base /some/sub/path/]
 */
import { createReadStream, existsSync, readdirSync, statSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join, normalize, relative, resolve, sep } from "node:path";
import { PROJECT_ROOT } from "../loaders/schema.ts";

export const DEFAULT_BASE = "/some/sub/path/";

export interface Broken {
  /** The URL path that answered 404. */
  url: string;
  /** The page (or stylesheet) that referred to it, as a URL path. */
  from: string;
  /** The reference as written. */
  ref: string;
}

export interface HostingReport {
  ok: boolean;
  base: string;
  pages: number;
  /** Pages no HTML links to (reached by script-built links only), visited from the file list. */
  unlinked: string[];
  fetched: number;
  broken: Broken[];
}

/** The plain server: exact files under `base`, or a folder's index.html for a URL ending in `/`. */
export function plainServer(dir: string, base: string): Server {
  const root = resolve(dir);
  return createServer((request, response) => {
    const url = new URL(request.url ?? "/", "http://host");
    let path: string;
    try {
      path = decodeURIComponent(url.pathname);
    } catch {
      path = "\0";
    }
    const notFound = () => response.writeHead(404, { "Content-Type": "text/plain" }).end("Not found");
    if (!path.startsWith(base) || path.includes("\0")) return notFound();
    const full = normalize(join(root, path.slice(base.length)));
    if (full !== root && !full.startsWith(root + sep)) return notFound();
    const file = path.endsWith("/") ? join(full, "index.html") : full;
    if (!existsSync(file) || !statSync(file).isFile()) return notFound();
    response.writeHead(200, { "Content-Type": file.endsWith(".html") ? "text/html; charset=utf-8" : file.endsWith(".css") ? "text/css" : "application/octet-stream" });
    if (request.method === "HEAD") return response.end();
    createReadStream(file).pipe(response);
  });
}

const ATTRIBUTE = /\s(?:href|src|xlink:href|poster|data)\s*=\s*(?:"([^"]*)"|'([^']*)')/gi;
const SRCSET = /\s(?:srcset|imagesrcset)\s*=\s*(?:"([^"]*)"|'([^']*)')/gi;
const CSS_URL = /url\(\s*(?:"([^"]*)"|'([^']*)'|([^)"'\s]*))\s*\)/gi;
const CSS_IMPORT = /@import\s+(?:"([^"]*)"|'([^']*)')/gi;
const SCRIPT = /<script\b([^>]*)>([\s\S]*?)<\/script>/gi;
const STYLE = /<style\b[^>]*>([\s\S]*?)<\/style>/gi;
const MODULE_IMPORT = /(?:\bimport\s*(?:[\w*{}\s,$]+from\s*)?|\bimport\s*\(\s*)(["'])([^"']+)\1/g;
const REGISTERED_FILE = /"path"\s*:\s*"([^"]+)"/g;

function firstGroup(match: RegExpMatchArray): string {
  return match.slice(1).find((group) => group !== undefined) ?? "";
}

function decodeEntities(value: string): string {
  return value.replace(/&amp;/g, "&").replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, "<").replace(/&gt;/g, ">");
}

/** Every reference a stylesheet makes: `url()` and `@import`. */
export function cssReferences(css: string): string[] {
  return [...css.matchAll(CSS_URL), ...css.matchAll(CSS_IMPORT)].map(firstGroup);
}

/** Every reference an HTML page makes, as written (see the file's comment for which). */
export function htmlReferences(html: string): string[] {
  const refs: string[] = [];
  const scripts = [...html.matchAll(SCRIPT)];
  // Attributes are read from the markup outside scripts (a script's code may build HTML in strings).
  const markup = html.replace(SCRIPT, (_all, attributes: string) => `<script${attributes}></script>`);
  for (const match of markup.matchAll(ATTRIBUTE)) refs.push(firstGroup(match));
  for (const match of markup.matchAll(SRCSET)) for (const candidate of firstGroup(match).split(",")) refs.push(candidate.trim().split(/\s+/)[0] ?? "");
  for (const match of markup.matchAll(/\sstyle\s*=\s*"([^"]*)"/gi)) refs.push(...cssReferences(decodeEntities(match[1] ?? "")));
  for (const match of markup.matchAll(STYLE)) refs.push(...cssReferences(match[1] ?? ""));
  for (const [, attributes = "", code = ""] of scripts) {
    if (!/type\s*=\s*["']?module/i.test(attributes)) continue;
    for (const match of code.matchAll(MODULE_IMPORT)) refs.push(match[2] ?? "");
    for (const match of code.matchAll(REGISTERED_FILE)) refs.push(match[1] ?? "");
  }
  return refs.map((ref) => decodeEntities(ref.trim())).filter((ref) => ref !== "" && !ref.includes("${"));
}

/** The site's HTML pages as URL paths under `base` (`regions/index.html` is `base + "regions/"`). */
export function htmlPages(dir: string, base: string): string[] {
  const pages: string[] = [];
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !entry.name.endsWith(".html")) continue;
    const path = relative(dir, join(entry.parentPath, entry.name)).split(sep).join("/");
    if (path.startsWith("_")) continue;
    pages.push(base + path.replace(/(^|\/)index\.html$/, "$1"));
  }
  return pages.sort();
}

/**
 * Crawls a running site from `start`; every URL outside its origin is ignored. `also` are pages to
 * visit after the crawl if it did not reach them; those it had to visit so are returned as `unlinked`.
 */
export async function crawl(start: URL, also: readonly string[] = []): Promise<{ pages: number; unlinked: string[]; fetched: number; broken: Broken[] }> {
  const seen = new Set<string>();
  const broken: Broken[] = [];
  const unlinked: string[] = [];
  const queue: { url: URL; from: string; ref: string }[] = [{ url: start, from: "(start)", ref: start.pathname }];
  const extra = [...also];
  let pages = 0;
  while (queue.length > 0 || extra.length > 0) {
    if (queue.length === 0) {
      const path = extra.shift()!;
      if (seen.has(path)) continue;
      unlinked.push(path);
      queue.push({ url: new URL(path, start), from: "(file list)", ref: path });
    }
    const { url, from, ref } = queue.shift()!;
    const key = url.pathname;
    if (seen.has(key)) continue;
    seen.add(key);
    const response = await fetch(url, { redirect: "manual" });
    if (response.status !== 200) {
      broken.push({ url: key, from, ref });
      await response.body?.cancel();
      continue;
    }
    const type = response.headers.get("content-type") ?? "";
    const follow = (refs: string[]) => {
      for (const written of refs) {
        if (/^(?:[a-z][a-z0-9+.-]*:|#|\/\/)/i.test(written) && !written.startsWith(start.origin)) continue;
        const next = new URL(written, url);
        if (next.origin !== start.origin) continue;
        next.hash = "";
        next.search = "";
        if (!seen.has(next.pathname)) queue.push({ url: next, from: key, ref: written });
      }
    };
    if (type.startsWith("text/html")) {
      pages++;
      follow(htmlReferences(await response.text()));
    } else if (type.startsWith("text/css")) {
      follow(cssReferences(await response.text()));
    } else {
      await response.body?.cancel();
    }
  }
  return { pages, unlinked, fetched: seen.size, broken };
}

/** Serves `dir` under `base` on a free loopback port and crawls it from the home page. */
export async function checkHosting(options: { dir?: string; base?: string } = {}): Promise<HostingReport> {
  const dir = options.dir ?? join(PROJECT_ROOT, "dist");
  const base = `/${(options.base ?? DEFAULT_BASE).replace(/^\/+|\/+$/g, "")}/`.replace(/^\/\/$/, "/");
  if (!existsSync(join(dir, "index.html"))) throw new Error(`No built site in ${dir} (no index.html). Run \`npm run build\` first.`);
  const server = plainServer(dir, base);
  await new Promise<void>((ready) => server.listen(0, "127.0.0.1", ready));
  try {
    const { port } = server.address() as AddressInfo;
    const result = await crawl(new URL(base, `http://127.0.0.1:${port}`), htmlPages(dir, base));
    return { ok: result.broken.length === 0, base, ...result };
  } finally {
    await new Promise<void>((done) => server.close(() => done()));
  }
}

export function formatReport(report: HostingReport): string {
  const lines = [
    `Served under ${report.base} with no rewrites: ${report.pages} pages (${report.unlinked.length} reached only by script-built links, visited from the file list), ${report.fetched} URLs fetched, ${report.broken.length} not found.`,
  ];
  for (const b of report.broken) lines.push(`  404 ${b.url}  (from ${b.from}, written "${b.ref}")`);
  return lines.join("\n");
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const option = (name: string) => {
    const at = args.indexOf(name);
    return at >= 0 ? args[at + 1] : undefined;
  };
  try {
    const report = await checkHosting({ dir: resolve(option("--dir") ?? join(PROJECT_ROOT, "dist")), base: option("--base") ?? DEFAULT_BASE });
    process.stdout.write(`${formatReport(report)}\n`);
    if (!report.ok) process.exitCode = 1;
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  }
}
