/**
 * People's own words about a setting, as said: each consented, redacted quote in a blockquote with the
 * setting it is about. Text is set with `textContent`, so markup, script or formula-like text written
 * by a respondent shows literally and never runs; placeholders such as [name] stay as they are.
 */
import { paragraph, quotation } from "../shared/text.js";

/** A row of the `stigma-quotes` aggregate. */
export interface QuoteRow {
  setting: string;
  quote: string;
}

export interface QuotesOptions {
  /** Only quotes about this setting (default: all). */
  setting?: string | null;
  /** Show at most this many. */
  limit?: number;
  /** Show at most this many per setting (for an overview of all settings). */
  perSetting?: number;
  document?: Document;
}

export function quotesList(rows: readonly QuoteRow[], options: QuotesOptions = {}): HTMLElement {
  const doc = options.document ?? document;
  const root = doc.createElement("section");
  root.className = "stigma-quotes";
  root.setAttribute("aria-label", "Quotes from respondents, as said");
  const perSetting = new Map<string, number>();
  const shownTexts = new Set<string>();
  const chosen = rows.filter((r) => {
    if (typeof r.quote !== "string" || r.quote.trim() === "" || (options.setting && r.setting !== options.setting)) return false;
    if (options.perSetting === undefined) return true;
    // An overview shows different words for each setting, not the same sentence again.
    const n = perSetting.get(r.setting) ?? 0;
    if (n >= options.perSetting || shownTexts.has(r.quote)) return false;
    perSetting.set(r.setting, n + 1);
    shownTexts.add(r.quote);
    return true;
  });
  if (chosen.length === 0) {
    root.append(paragraph(doc, options.setting ? `No quotes about ${options.setting} can be published.` : "No quotes can be published."));
    return root;
  }
  const list = doc.createElement("ul");
  list.className = "lero-quote-list stigma-quotes-list";
  for (const row of chosen.slice(0, options.limit ?? chosen.length)) {
    const item = doc.createElement("li");
    item.append(quotation(doc, row.quote), paragraph(doc, `Quote, as said · about: ${row.setting}`, "stigma-quote-note"));
    list.append(item);
  }
  root.append(list);
  return root;
}
