/**
 * The build's print step (scripts/build.ts), run on the built folder before it replaces dist/:
 * every page gets its print header and footer and its sharing tags; with Chromium, the PDFs
 * (pdfs.ts) and the sharing images (../share-cards.ts) are drawn in one browser, at the same time.
 * Without Chromium the pages were built offering "Print this page" instead of PDFs, and the
 * sharing tags have no image.
 */
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { launchChromium, siteContext } from "./browser.ts";
import { printHeaderCss, printHeaderLink, type Release } from "./head.ts";
import { printPdfs, type PrintedPdf } from "./pdfs.ts";
import { printedPages, type PrintedPage } from "./site.ts";
import type { Page } from "playwright-core";
import { drawCard, renderShareCards, shareTags, sharedPages, staticCard, type PageCard } from "../share-cards.ts";

export interface PrintSummary {
  pdfs: PrintedPdf[];
  cards: PageCard[];
  seconds: number;
}

const HEAD_END = "</head>";

async function addToHead(file: string, tags: string): Promise<void> {
  const html = await readFile(file, "utf8");
  const at = html.indexOf(HEAD_END);
  if (at < 0) throw new Error(`${file} has no </head>, so its print header and sharing tags could not be added.`);
  await writeFile(file, `${html.slice(0, at)}${tags}\n${html.slice(at)}`);
}

export async function printSite(dir: string, release: Release, options: { chromium: boolean }): Promise<PrintSummary> {
  const started = performance.now();
  const pages = await sharedPages(dir);
  for (const page of pages) {
    const file = join(dir, page);
    await addToHead(file, printHeaderLink(printHeaderCss(page, staticCard(page, await readFile(file, "utf8")).title, release)));
  }
  let pdfs: PrintedPdf[] = [];
  let cards: PageCard[];
  if (options.chromium) {
    const browser = await launchChromium();
    try {
      const context = await siteContext(browser, dir);
      // The printed pages' cards are drawn from the pages opened for their PDFs; the rest meanwhile.
      const printed = printedPages();
      const options_ = { illustrative: release.illustrative };
      const printedCards: PageCard[] = [];
      const drawn = async (page: Page, p: PrintedPage) => void printedCards.push(await drawCard(page, dir, p.page, await readFile(join(dir, p.page), "utf8"), options_));
      const others = pages.filter((page) => !printed.some((p) => p.page === page));
      let otherCards: PageCard[];
      [pdfs, otherCards] = await Promise.all([printPdfs(context, dir, printed, { date: release.date, after: drawn }), renderShareCards(context, dir, others, options_)]);
      cards = [...printedCards, ...otherCards];
      await context.close();
    } finally {
      await browser.close();
    }
  } else {
    cards = await Promise.all(pages.map(async (page) => staticCard(page, await readFile(join(dir, page), "utf8"))));
  }
  for (const card of cards) await addToHead(join(dir, card.page), shareTags(card));
  return { pdfs, cards, seconds: (performance.now() - started) / 1000 };
}
