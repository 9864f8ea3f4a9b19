/**
 * Good practice in LEROs' own words: the consented, redacted notes published with the standards
 * tables, grouped by section and statement, each shown as a quotation exactly as written (text is set
 * with `textContent`, so anything that looks like markup shows literally).
 */
import type { Statement } from "./status.js";
import { paragraph, quotation, sourceNote } from "../shared/text.js";

export interface NotesOptions {
  id: string;
  source: string;
  /** Open the first section's list (default true). */
  openFirst?: boolean;
  document?: Document;
}

export function standardsNotes(notes: readonly { statement_id?: unknown; note?: unknown }[], statements: readonly Statement[], options: NotesOptions): HTMLElement {
  const doc = options.document ?? document;
  const root = doc.createElement("section");
  root.className = "standards-notes";
  root.id = options.id;
  root.setAttribute("aria-label", "Good practice in LEROs' own words");
  const clean = notes.filter((n): n is { statement_id: string; note: string } => typeof n.statement_id === "string" && typeof n.note === "string" && n.note.trim() !== "");
  if (clean.length === 0) {
    root.append(paragraph(doc, "No LERO has yet agreed to publish a good-practice note."));
    return root;
  }
  root.append(paragraph(doc, "Quotes, as said: each LERO agreed to publication; names, contact details and links are replaced by placeholders such as [name]. Notes are not linked to any LERO.", "standards-quote-note"));
  const sections = [...new Set(statements.map((s) => s.section))];
  let first = options.openFirst !== false;
  for (const section of sections) {
    const inSection = statements.filter((s) => s.section === section && clean.some((n) => n.statement_id === s.statement_id));
    if (inSection.length === 0) continue;
    const count = clean.filter((n) => inSection.some((s) => s.statement_id === n.statement_id)).length;
    const details = doc.createElement("details");
    if (first) details.open = true;
    first = false;
    const summary = doc.createElement("summary");
    summary.textContent = `${section} (${count} note${count === 1 ? "" : "s"})`;
    details.append(summary);
    for (const statement of inSection) {
      const figure = doc.createElement("figure");
      figure.className = "standards-note-group";
      const caption = doc.createElement("figcaption");
      caption.textContent = `${statement.statement_id} ${statement.label}`;
      figure.append(caption);
      for (const note of clean.filter((n) => n.statement_id === statement.statement_id)) figure.append(quotation(doc, note.note));
      details.append(figure);
    }
    root.append(details);
  }
  root.append(sourceNote(doc, options.source));
  return root;
}
