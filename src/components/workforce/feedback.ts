/**
 * Trainees' consented feedback, as said: each text in its own blockquote, set with `textContent` so
 * that markup or formula-like text written by a trainee shows literally and never runs.
 */

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
    const none = doc.createElement("p");
    none.textContent = "No trainee has agreed to have their feedback quoted yet.";
    root.append(none);
    return root;
  }
  const list = doc.createElement("ul");
  list.className = "lero-quote-list workforce-feedback-list";
  for (const text of texts.slice(0, options.limit ?? texts.length)) {
    const item = doc.createElement("li");
    const quote = doc.createElement("blockquote");
    const p = doc.createElement("p");
    p.textContent = text;
    quote.append(p);
    const note = doc.createElement("p");
    note.className = "workforce-feedback-note";
    note.textContent = "Quote, as said";
    item.append(quote, note);
    list.append(item);
  }
  root.append(list);
  return root;
}
