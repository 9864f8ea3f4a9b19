/**
 * LEROs' own descriptions of their innovations, as published (consented, personal details replaced
 * by placeholders). Shown as quotations, exactly as written: text is set with `textContent`, so
 * anything that looks like markup shows literally.
 */
import { paragraph, quotation, sourceNote } from "../shared/text.js";

export interface QuotesOptions {
  id: string;
  /** A sentence under the list saying where the quotes come from. */
  source: string;
  /** Show at most this many (default: all). */
  limit?: number;
  document?: Document;
}

export function researchQuotes(rows: readonly { description?: unknown }[], options: QuotesOptions): HTMLElement {
  const doc = options.document ?? document;
  const texts = rows.map((r) => (typeof r.description === "string" ? r.description.trim() : "")).filter((t) => t !== "");
  const shown = options.limit === undefined ? texts : texts.slice(0, options.limit);
  const section = doc.createElement("section");
  section.className = "research-quotes";
  section.id = options.id;
  section.setAttribute("aria-label", "Innovations in LEROs' own words");
  if (shown.length === 0) {
    section.append(paragraph(doc, "No LERO has yet agreed to publish a description of its innovation."));
    return section;
  }
  const note = paragraph(doc, "Quotes, as said: each LERO agreed to publication; names, contact details and links are replaced by placeholders such as [name].", "research-quote-note");
  const list = doc.createElement("ul");
  list.className = "research-quote-list";
  for (const text of shown) {
    const item = doc.createElement("li");
    item.append(quotation(doc, text));
    list.append(item);
  }
  section.append(note, list, sourceNote(doc, options.source));
  return section;
}
