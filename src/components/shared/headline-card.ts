/**
 * A headline-figure card: the number, what it is, its base, and a link to the page with the detail.
 * A suppressed figure shows its symbol (`[c]`) and says why. Pure DOM with `textContent` only, so it
 * renders in jsdom (build-time embeds on LERO websites) as well as in the browser.
 */
import { isNumber } from "./chart.js";
import { formatHeadline, type Headline } from "./headline-figures.js";
import { markMeasure } from "./measure-figure.js";
import { ALL } from "../../lib/measures.js";

export interface HeadlineCardOptions {
  document?: Document;
  /** The address the card's relative link is resolved against (an embed on another site links back to this one: "https://…/"). */
  origin?: string;
  /** The link's visible text (default "See the evidence"). */
  linkText?: string;
}

function el<K extends keyof HTMLElementTagNameMap>(doc: Document, tag: K, className: string, text?: string): HTMLElementTagNameMap[K] {
  const node = doc.createElement(tag);
  node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

export const SUPPRESSED_NOTE = "[c] = hidden to protect confidentiality.";

/** One card, as an `<article>` whose heading is the figure and its label. */
export function headlineCard(headline: Headline, options: HeadlineCardOptions = {}): HTMLElement {
  const doc = options.document ?? document;
  const card = el(doc, "article", "lero-headline-card");
  card.id = `headline-${headline.id}`;
  const suppressed = !isNumber(headline.value);
  if (suppressed) card.classList.add("lero-headline-suppressed");
  const heading = el(doc, "h3", "lero-headline-heading");
  const value = el(doc, "span", "lero-headline-value", formatHeadline(headline.value, headline.format));
  if (headline.measure !== undefined) markMeasure(value, headline.measure, headline.key ?? ALL);
  const label = el(doc, "span", "lero-headline-label", headline.label);
  heading.append(value, " ", label);
  card.append(heading);
  card.append(el(doc, "p", "lero-headline-base", headline.base));
  if (suppressed) card.append(el(doc, "p", "lero-headline-note", SUPPRESSED_NOTE));
  const link = el(doc, "a", "lero-headline-link", options.linkText ?? "See the evidence");
  link.href = options.origin === undefined ? headline.href : new URL(headline.href, options.origin).href;
  // The visible text is the same on every card; the accessible name says which figure it is for.
  link.setAttribute("aria-label", `${options.linkText ?? "See the evidence"}: ${formatHeadline(headline.value, headline.format)} ${headline.label}`);
  card.append(link);
  return card;
}

/** The cards as a list (a grid on wide screens, a column on phones). */
export function headlineCards(headlines: readonly Headline[], options: HeadlineCardOptions = {}): HTMLElement {
  const doc = options.document ?? document;
  const list = el(doc, "ul", "lero-headline-cards");
  list.setAttribute("role", "list");
  for (const headline of headlines) {
    const item = el(doc, "li", "lero-headline-item");
    item.append(headlineCard(headline, options));
    list.append(item);
  }
  return list;
}
