/**
 * Trainees' consented feedback, as said: each text in its own blockquote, set with `textContent` so
 * that markup or formula-like text written by a trainee shows literally and never runs.
 */
import { paragraph, quotation } from "../shared/text.js";

/** A row of the `workforce-feedback` aggregate. */
export interface FeedbackRow {
  feedback: string;
}

export interface FeedbackOptions {
  /** Show at most this many (default: all). */
  limit?: number;
  document?: Document;
}

export function feedbackList(rows: readonly FeedbackRow[], options: FeedbackOptions = {}): HTMLElement {
  const doc = options.document ?? document;
  const root = doc.createElement("section");
  root.className = "workforce-feedback";
  root.setAttribute("aria-label", "Trainees' feedback, as said");
  const texts = rows.map((r) => r.feedback).filter((t) => typeof t === "string" && t.trim() !== "");
  if (texts.length === 0) {
    root.append(paragraph(doc, "No trainee has agreed to have their feedback quoted yet."));
    return root;
  }
  const list = doc.createElement("ul");
  list.className = "lero-quote-list workforce-feedback-list";
  for (const text of texts.slice(0, options.limit ?? texts.length)) {
    const item = doc.createElement("li");
    item.append(quotation(doc, text), paragraph(doc, "Quote, as said", "workforce-feedback-note"));
    list.append(item);
  }
  root.append(list);
  return root;
}
