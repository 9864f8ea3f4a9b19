/**
 * The quality gates as functions, so each can be run on the built site and, in its own test, on a
 * deliberately broken fixture (a gate that cannot fail is not a gate).
 */
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { join, relative, resolve } from "node:path";
import { JSDOM } from "jsdom";
import type { Page } from "playwright-core";

const require = createRequire(import.meta.url);

export function* walk(dir: string): Generator<string> {
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) yield* walk(path);
    else yield path;
  }
}

/** Built pages (not Framework's own assets). */
export function htmlFiles(dist: string): string[] {
  return [...walk(dist)].filter((f) => f.endsWith(".html") && !relative(dist, f).startsWith("_")).sort();
}

// ─── Accessibility (axe-core) ─────────────────────────────────────────────────────────────────────

export const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

/** Runs axe-core's WCAG 2.2 A and AA rules on the page as it is now. */
export async function runAxe(page: Page): Promise<AxeViolation[]> {
  const source = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
  await page.addScriptTag({ content: source });
  return page.evaluate(async (tags) => {
    const axe = (window as unknown as { axe: { run: (context: unknown, options: unknown) => Promise<{ violations: { id: string; impact: string | null; help: string; nodes: { target: unknown[] }[] }[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: "tag", values: tags }, resultTypes: ["violations"] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 5).map((n) => JSON.stringify(n.target)) }));
  }, AXE_TAGS);
}

// ─── HTML validity (Nu Html Checker) ───────────────────────────────────────────────────────────────

export interface HtmlError {
  file: string;
  line?: number;
  message: string;
}

export const JAVA_MISSING = "The Nu Html Checker needs a Java runtime: sudo apt-get install -y default-jre-headless";

export function javaAvailable(): boolean {
  return spawnSync("java", ["-version"]).status === 0;
}

/** Validates HTML files with the Nu Html Checker (vnu-jar) and returns its errors. */
export function validateHtml(files: string[]): HtmlError[] {
  if (files.length === 0) return [];
  const jar = (require("vnu-jar") as string).toString();
  const result = spawnSync("java", ["-jar", jar, "--errors-only", "--format", "json", ...files], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  if (result.error) throw result.error;
  const report = JSON.parse(result.stderr || result.stdout || '{"messages":[]}') as { messages: { url: string; lastLine?: number; message: string; type: string }[] };
  return report.messages
    .filter((m) => m.type === "error")
    // The checker's CSS grammar predates container queries (CSS Containment 3, in every current browser).
    .filter((m) => !/^CSS: (“container(-type|-name)?”|Unrecognized at-rule “@container”)/.test(m.message))
    // Nor does it know the link type "expect" (HTML Standard; Chrome 124, Safari 18.2), whose
    // blocking="render" makes the first paint wait for a page's first chart.
    .filter((m) => !/^A “link” element with a “blocking” attribute must have a “rel” attribute whose value is “stylesheet”/.test(m.message))
    .map((m) => ({ file: decodeURI(m.url.replace(/^file:/, "")), ...(m.lastLine ? { line: m.lastLine } : {}), message: m.message }));
}

// ─── Links and downloads ───────────────────────────────────────────────────────────────────────────

export interface BrokenLink {
  file: string;
  href: string;
  reason: string;
}

/** The file a site-relative URL path is served from (clean URLs: /x → x.html, /x/ → x/index.html). */
export function fileForPath(dist: string, path: string): string | undefined {
  const full = resolve(dist, `.${decodeURIComponent(path)}`);
  const candidates = path.endsWith("/") ? [join(full, "index.html")] : [full, `${full}.html`, join(full, "index.html")];
  return candidates.find((f) => existsSync(f) && statSync(f).isFile());
}

const idCache = new Map<string, Set<string>>();
function idsOf(file: string): Set<string> {
  let ids = idCache.get(file);
  if (!ids) {
    const html = readFileSync(file, "utf8");
    ids = new Set([...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]!));
    idCache.set(file, ids);
  }
  return ids;
}

/**
 * Every internal link (`href`, `src`) of every built page resolves to a file, and every `#anchor` to an
 * element id in its target page. Links to other sites are not followed (the site makes no requests to
 * them; the third-party gate checks that). Links that scripts build at run time are not seen here.
 */
export function checkLinks(dist: string): BrokenLink[] {
  idCache.clear();
  const broken: BrokenLink[] = [];
  for (const file of htmlFiles(dist)) {
    const document = new JSDOM(readFileSync(file, "utf8")).window.document;
    const base = new URL(`http://site/${relative(dist, file).replace(/(^|\/)index\.html$/, "$1").replace(/\.html$/, "")}`);
    for (const element of document.querySelectorAll("[href], [src]")) {
      const href = element.getAttribute("href") ?? element.getAttribute("src") ?? "";
      if (href === "" || /^(data|mailto|tel|javascript|blob):/i.test(href)) continue;
      const url = new URL(href, base);
      if (url.origin !== "http://site") continue;
      const target = fileForPath(dist, url.pathname);
      if (!target) {
        broken.push({ file: relative(dist, file), href, reason: "no such file" });
        continue;
      }
      if (url.hash.length > 1 && target.endsWith(".html") && !idsOf(target).has(decodeURIComponent(url.hash.slice(1)))) {
        broken.push({ file: relative(dist, file), href, reason: `no element with id "${url.hash.slice(1)}"` });
      }
    }
  }
  return broken;
}

/**
 * Every built page has its own non-empty `<title>` (WCAG 2.4.2): pages made from one template, such as
 * a page per region, must not all be called "Region". Embeds are pages too.
 */
export function checkTitles(dist: string): BrokenLink[] {
  const problems: BrokenLink[] = [];
  const byTitle = new Map<string, string[]>();
  for (const file of htmlFiles(dist)) {
    const title = new JSDOM(readFileSync(file, "utf8")).window.document.title.trim();
    const page = relative(dist, file);
    if (title === "") problems.push({ file: page, href: page, reason: "no title" });
    else byTitle.set(title, [...(byTitle.get(title) ?? []), page]);
  }
  for (const [title, pages] of byTitle) {
    if (pages.length > 1) for (const page of pages) problems.push({ file: page, href: page, reason: `title "${title}" is shared with ${pages.length - 1} other page(s)` });
  }
  return problems;
}

/** Every resource in `data/datapackage.json` exists with the size and sha256 it declares. */
export function checkDownloads(dist: string): BrokenLink[] {
  const file = join(dist, "data", "datapackage.json");
  if (!existsSync(file)) return [{ file: "data/datapackage.json", href: "", reason: "missing" }];
  const pkg = JSON.parse(readFileSync(file, "utf8")) as { resources: { path: string; bytes: number; hash: string }[] };
  const problems: BrokenLink[] = [];
  for (const resource of pkg.resources) {
    const path = join(dist, "data", resource.path);
    if (!existsSync(path)) {
      problems.push({ file: "data/datapackage.json", href: resource.path, reason: "listed but missing" });
      continue;
    }
    const bytes = readFileSync(path);
    const hash = `sha256:${createHash("sha256").update(bytes).digest("hex")}`;
    if (bytes.length !== resource.bytes) problems.push({ file: "data/datapackage.json", href: resource.path, reason: `size ${bytes.length} ≠ declared ${resource.bytes}` });
    if (hash !== resource.hash) problems.push({ file: "data/datapackage.json", href: resource.path, reason: `sha256 differs from the declared hash` });
  }
  return problems;
}

// ─── Reproducibility ───────────────────────────────────────────────────────────────────────────────

/** Files under `a` and `b` (relative paths) that differ or exist in only one of them. */
export function differingFiles(a: string, b: string): string[] {
  const list = (dir: string) => new Set([...walk(dir)].map((f) => relative(dir, f)));
  const left = list(a);
  const right = list(b);
  const names = [...new Set([...left, ...right])].sort();
  return names.filter((name) => !left.has(name) || !right.has(name) || !readFileSync(join(a, name)).equals(readFileSync(join(b, name))));
}
