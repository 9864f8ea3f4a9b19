/**
 * Sharing cards: what a link to a page shows when it is shared (Open Graph and Twitter tags), and the
 * 1200 × 630 PNG it shows, drawn at build time from the page itself.
 *
 * Each page is opened in the built site; its title, its lead finding (the first ranked finding, or the
 * title of its first chart, which says what the chart shows) and its first chart are read from what
 * the reader would see. The card is that chart under its title, with the site's name, "Illustrative
 * data" when the release is illustrative, and the chart's source; a page with no chart gets its title
 * and lead. The tags are then written into the page's `<head>`. Without Chromium there are no images,
 * and the tags say so by leaving `og:image` out (`twitter:card` is then `summary`).
 *
 * Decision: images live under `share/` (`share/report.png`, `share/regions/london.png`), a folder no
 * page is named like. `og:url` and absolute image addresses need the site's public address, which
 * only `LERO_SITE_URL` can give; without it the image's address is relative to the page (most
 * services that read these tags want it absolute, so set LERO_SITE_URL for a real release).
 */
import { mkdir, readFile, readdir, writeFile } from "node:fs/promises";
import { dirname, join, posix, relative, sep } from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import { escapeHtml } from "./html.ts";
import { eachLimited, SITE_ORIGIN } from "./print/browser.ts";
import { siteUrl } from "./print/site.ts";

export const CARD_WIDTH = 1200;
export const CARD_HEIGHT = 630;
export const SITE_NAME = "LERO Evidence";
/** Pages opened at once: enough to keep two cores busy while one waits for its data. */
const PARALLEL = 4;

export interface PageCard {
  /** The page, relative to the site's root (`regions/london.html`). */
  page: string;
  title: string;
  description: string;
  /** The card image, relative to the site's root, when one was drawn. */
  image?: string;
}

/** The site's pages a card is made for: every HTML page but the standalone chart embeds. */
export async function sharedPages(dir: string): Promise<string[]> {
  const pages: string[] = [];
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !entry.name.endsWith(".html")) continue;
    const page = relative(dir, join(entry.parentPath, entry.name)).split(sep).join("/");
    if (page.startsWith("_") || page === "404.html") continue;
    if (page.startsWith("embed/") && page !== "embed/index.html") continue;
    pages.push(page);
  }
  return pages.sort();
}

export function cardImagePath(page: string): string {
  return `share/${page.replace(/\.html$/, "")}.png`;
}

const META = /<meta name="description" content="([^"]*)">/;
const TITLE = /<title>([^<]*)<\/title>/;

/** The page's title and description as its HTML gives them (for a build without Chromium). */
export function staticCard(page: string, html: string): PageCard {
  const unescape = (text: string) => text.replace(/&quot;/g, '"').replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&#39;/g, "'").replace(/&amp;/g, "&");
  const lead = /<p class="lero-top-finding-sentence"[^>]*>([\s\S]*?)<\/p>/.exec(html) ?? /<h[23] [^>]*class="lero-chart-title"[^>]*>([\s\S]*?)<\/h[23]>/.exec(html);
  const text = (fragment: string) => unescape(fragment.replace(/<a\b[^>]*>[\s\S]*?<\/a>/g, "").replace(/<[^>]+>/g, "")).replace(/\s+/g, " ").trim();
  return { page, title: unescape(TITLE.exec(html)?.[1] ?? SITE_NAME), description: lead ? text(lead[1]!) : unescape(META.exec(html)?.[1] ?? "") };
}

/** What the card shows, read from the rendered page; runs in the browser. */
interface CardContent {
  title: string;
  lead: string | null;
  chartTitle: string | null;
  source: string | null;
}

/**
 * Opens each page, reads its lead and first chart, and screenshots a card of them into
 * `<dir>/share/…png`. Pages whose charts are drawn by scripts are given until the network is quiet.
 */
export async function renderShareCards(context: BrowserContext, dir: string, pages: readonly string[], options: { illustrative: boolean }): Promise<PageCard[]> {
  return eachLimited(pages, PARALLEL, async (path) => {
    const html = await readFile(join(dir, path), "utf8");
    const page = await context.newPage();
    try {
      const errors: string[] = [];
      page.on("pageerror", (error) => errors.push(error.message));
      await page.setViewportSize({ width: CARD_WIDTH, height: CARD_HEIGHT });
      // Charts drawn at build time are in the HTML; others are drawn once the page's data has loaded.
      const prerendered = html.includes("lero-figure-chart");
      await page.goto(`${SITE_ORIGIN}/${path}`, { waitUntil: prerendered ? "domcontentloaded" : "load" });
      if (!prerendered) await page.waitForLoadState("networkidle", { timeout: 8000 }).catch(() => undefined);
      if (errors.length > 0) throw new Error(`${path} showed an error while its sharing image was drawn: ${errors.join("; ")}`);
      return await drawCard(page, dir, path, html, options);
    } finally {
      await page.close();
    }
  });
}

/** Draws the card of a page already open in `page` (as the PDFs' pages are) and saves its image. */
export async function drawCard(page: Page, dir: string, path: string, html: string, options: { illustrative: boolean }): Promise<PageCard> {
  await page.setViewportSize({ width: CARD_WIDTH, height: CARD_HEIGHT });
  await page.evaluate(() => document.fonts.ready);
  const content = await page.evaluate(
    ({ site, illustrative, width, height }): CardContent => {
      const main = document.getElementById("observablehq-main") ?? document.body;
      const text = (el: Element | null | undefined) => el?.textContent?.replace(/\s+/g, " ").trim() || null;
      const figure = main.querySelector("figure.lero-figure-chart");
      const svg = figure?.querySelector(".lero-chart-wide svg") ?? figure?.querySelector(".lero-chart-body svg");
      const h1 = text(main.querySelector("h1")) ?? document.title;
      // The lead: the first ranked finding, else the page's opening paragraph (a story's first lines).
      const opening = [...main.querySelectorAll("p:not([class])")].find((p) => !p.closest("figure, nav, header, .lero-notice") && (p.textContent ?? "").trim().length >= 60);
      // The finding's sentence without its "See it in the report" link.
      const sentence = main.querySelector(".lero-top-finding-sentence")?.cloneNode(true) as Element | undefined;
      sentence?.querySelectorAll("a").forEach((a) => a.remove());
      const lead = text(sentence) ?? (figure ? null : text(opening));
      const chartTitle = figure ? text(figure.querySelector(".lero-chart-title")) : null;
      // The source line's first line: the notes after it are too long for a card.
      const sourceLine = figure?.querySelector<HTMLElement>(".lero-source")?.innerText.split("\n").find((line) => line.trim() !== "");
      const source = sourceLine?.trim() ?? null;
      const card = document.createElement("div");
      card.id = "lero-share-card";
      card.setAttribute("style", `position:fixed;inset:0 auto auto 0;width:${width}px;height:${height}px;box-sizing:border-box;padding:40px 56px 32px;background:#fff;color:#111;z-index:2147483647;display:flex;flex-direction:column;gap:12px;font-family:system-ui,sans-serif;border-top:12px solid #1d5c96`);
      const top = document.createElement("div");
      top.setAttribute("style", "display:flex;justify-content:space-between;align-items:center;font-size:26px;font-weight:700;color:#1d5c96");
      top.append(site);
      if (illustrative) {
        const flag = document.createElement("span");
        flag.setAttribute("style", "font-size:20px;font-weight:600;color:#3d2e00;background:#fff4d6;border-left:6px solid #b58100;padding:4px 12px");
        flag.textContent = "Illustrative data";
        top.append(flag);
      }
      const heading = document.createElement("div");
      const big = svg ? chartTitle ?? h1 : h1;
      heading.setAttribute("style", `font-size:${big.length > 110 ? 30 : 38}px;font-weight:700;line-height:1.2;display:-webkit-box;-webkit-line-clamp:3;-webkit-box-orient:vertical;overflow:hidden`);
      heading.textContent = big;
      card.append(top, heading);
      if (svg) {
        const holder = document.createElement("div");
        holder.setAttribute("style", "flex:1;min-height:0;display:flex;justify-content:center");
        const copy = svg.cloneNode(true) as SVGSVGElement;
        copy.removeAttribute("width");
        copy.removeAttribute("height");
        copy.setAttribute("style", "width:100%;height:100%;max-width:100%;font-size:12px");
        copy.setAttribute("preserveAspectRatio", "xMidYMid meet");
        holder.append(copy);
        card.append(holder);
      } else {
        const sub = document.createElement("div");
        sub.setAttribute("style", "flex:1;min-height:0;overflow:hidden;font-size:28px;line-height:1.35;color:#333;display:-webkit-box;-webkit-line-clamp:7;-webkit-box-orient:vertical");
        sub.textContent = lead ?? "";
        card.append(sub);
      }
      const foot = document.createElement("div");
      foot.setAttribute("style", "font-size:18px;color:#444;white-space:nowrap;overflow:hidden;text-overflow:ellipsis");
      foot.textContent = svg && source ? source : "";
      card.append(foot);
      document.body.append(card);
      return { title: h1, lead, chartTitle, source };
    },
    { site: SITE_NAME, illustrative: options.illustrative, width: CARD_WIDTH, height: CARD_HEIGHT },
  );
  const image = cardImagePath(path);
  await mkdir(dirname(join(dir, image)), { recursive: true });
  await writeFile(join(dir, image), await page.locator("#lero-share-card").screenshot({ type: "png", animations: "disabled" }));
  await page.evaluate(() => document.getElementById("lero-share-card")?.remove());
  const fallback = staticCard(path, html);
  return { page: path, title: fallback.title, description: content.lead ?? content.chartTitle ?? fallback.description, image };
}

/** A description trimmed to what sharing previews show (about 200 characters), at a word. */
function clip(text: string, max = 200): string {
  if (text.length <= max) return text;
  return `${text.slice(0, text.lastIndexOf(" ", max - 1))}…`;
}

/** The sharing tags for one page. */
export function shareTags(card: PageCard, env: NodeJS.ProcessEnv = process.env): string {
  const base = siteUrl(env);
  const fromPage = (target: string) => posix.relative(posix.dirname(card.page), target);
  const address = (target: string) => (base ? new URL(target, base).href : fromPage(target));
  const page = card.page.replace(/(^|\/)index\.html$/, "$1");
  const tags: [string, string, string][] = [
    ["property", "og:type", "website"],
    ["property", "og:site_name", SITE_NAME],
    ["property", "og:title", card.title],
    ["property", "og:description", clip(card.description)],
  ];
  if (base) tags.push(["property", "og:url", new URL(page, base).href]);
  if (card.image) {
    tags.push(["property", "og:image", address(card.image)], ["property", "og:image:type", "image/png"], ["property", "og:image:width", String(CARD_WIDTH)], ["property", "og:image:height", String(CARD_HEIGHT)], ["property", "og:image:alt", `${card.title}: ${clip(card.description, 300)}`]);
  }
  tags.push(["name", "twitter:card", card.image ? "summary_large_image" : "summary"]);
  return tags.map(([attribute, name, content]) => `<meta ${attribute}="${name}" content="${escapeHtml(content)}">`).join("\n");
}
