/**
 * Every official figure with its source, as one table: area, measure, period, value, unit, a link to
 * the publication (web links only: a link to anything else would not be a source), its date, where in
 * the publication the value is and the day it was read there. Text is set with
 * `textContent`; the table scrolls sideways inside a focusable region on a narrow screen.
 */
import type { ContextFigure } from "./figures.js";
import { formatContextValue } from "./summary.js";

const HEADINGS = ["Nation or area", "Measure", "Period", "Value", "Unit", "Publisher and publication", "Published", "Where in the publication", "Read on", "Note"];

export function contextSourcesTable(figures: readonly ContextFigure[], options: { document?: Document } = {}): HTMLDivElement {
  const doc = options.document ?? document;
  const table = doc.createElement("table");
  table.className = "lero-table lero-context-table";
  const caption = doc.createElement("caption");
  caption.textContent = "Official statistics on this page, with their sources";
  table.append(caption);
  const head = table.createTHead().insertRow();
  for (const label of HEADINGS) {
    const th = doc.createElement("th");
    th.scope = "col";
    th.textContent = label;
    if (label === "Value") th.className = "num";
    head.append(th);
  }
  const body = table.createTBody();
  for (const f of figures) {
    const row = body.insertRow();
    const th = doc.createElement("th");
    th.scope = "row";
    th.textContent = f.nation_or_area;
    row.append(th);
    const cell = (text: string, className?: string): void => {
      const td = row.insertCell();
      td.textContent = text;
      if (className) td.className = className;
    };
    cell(f.measure);
    cell(f.period);
    cell(formatContextValue(f.value), "num");
    cell(f.unit);
    const source = row.insertCell();
    const link = doc.createElement("a");
    link.href = /^https:\/\//.test(f.url) ? f.url : "#";
    link.textContent = f.publication;
    link.rel = "noopener";
    source.append(`${f.publisher}: `, link);
    cell(f.published_date);
    cell(f.table_or_section ?? "");
    cell(f.accessed ?? "");
    cell(f.note ?? "");
  }
  const wrap = doc.createElement("div");
  wrap.className = "lero-table-wrap";
  wrap.tabIndex = 0;
  wrap.setAttribute("role", "region");
  wrap.setAttribute("aria-label", "Official statistics and their sources (scrolls sideways)");
  wrap.append(table);
  return wrap;
}
