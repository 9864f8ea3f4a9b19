/**
 * The text blocks around the charts: a list of key findings, a quotation, a paragraph saying there is
 * nothing to show, a source line. Every text is set with `textContent`, so words written by the public
 * (a quotation, a note) show literally and never run as markup.
 */
import { phraseNodes, type Phrase } from "./measure-figure.js";

/** `<p class="…">text</p>` (no class when `className` is empty). */
export function paragraph(doc: Document, text: string, className = ""): HTMLParagraphElement {
  const p = doc.createElement("p");
  if (className) p.className = className;
  p.textContent = text;
  return p;
}

/**
 * `<ul class="…">` with one `<li>` a sentence: the key findings of a page. A sentence is text, or a
 * phrase whose figures are marked with their registry measure (`measure-figure.ts`).
 */
export function sentenceList(doc: Document, className: string, sentences: readonly (string | Phrase)[]): HTMLUListElement {
  const list = doc.createElement("ul");
  list.className = className;
  for (const sentence of sentences) {
    const item = doc.createElement("li");
    if (typeof sentence === "string") item.textContent = sentence;
    else item.append(...phraseNodes(doc, sentence));
    list.append(item);
  }
  return list;
}

/** `<blockquote><p>text</p></blockquote>`, exactly as written. */
export function quotation(doc: Document, text: string): HTMLQuoteElement {
  const quote = doc.createElement("blockquote");
  quote.append(paragraph(doc, text));
  return quote;
}

/** `<p class="lero-source">Source: …</p>`. */
export function sourceNote(doc: Document, source: string): HTMLParagraphElement {
  return paragraph(doc, `Source: ${source}`, "lero-source");
}
