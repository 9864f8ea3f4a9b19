/**
 * LEROs' own descriptions of their innovations, as published (consented, personal details replaced
 * by placeholders). Shown as quotations, exactly as written: text is set with `textContent`, so
 * anything that looks like markup shows literally.
 */

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
    const empty = doc.createElement("p");
    empty.textContent = "No LERO has yet agreed to publish a description of its innovation.";
    section.append(empty);
    return section;
  }
  const note = doc.createElement("p");
  note.className = "research-quote-note";
  note.textContent = "Quotes, as said: each LERO agreed to publication; names, contact details and links are replaced by placeholders such as [name].";
  const list = doc.createElement("ul");
  list.className = "research-quote-list";
  for (const text of shown) {
    const item = doc.createElement("li");
    const quote = doc.createElement("blockquote");
    const paragraph = doc.createElement("p");
    paragraph.textContent = text;
    quote.append(paragraph);
    item.append(quote);
    list.append(item);
  }
  const source = doc.createElement("p");
  source.className = "lero-source";
  source.textContent = `Source: ${options.source}`;
  section.append(note, list, source);
  return section;
}
