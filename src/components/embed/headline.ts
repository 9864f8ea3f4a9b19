/**
 * A headline figure framed for an embed: the card (number, label, base), the same figure as a
 * one-row table for screen readers and readers without the card's styles, and the source line.
 * Pure DOM with `textContent` only.
 */
import { defined } from "../shared/chart.js";
import { dataTable, type CellValue } from "../shared/figure.js";
import { headlineCard } from "../shared/headline-card.js";
import { formatHeadline, type Headline } from "../shared/headline-figures.js";

export interface EmbedHeadlineOptions {
  id: string;
  source: string;
  notes?: string[];
  /** The heading of the table's value column ("% of LEROs"). */
  valueHeading: string;
  /** The table's row label ("North East"). */
  rowLabel: string;
  linkText?: string;
  document?: Document;
}

export function embedHeadlineFigure(headline: Headline, options: EmbedHeadlineOptions): HTMLElement {
  const doc = options.document ?? document;
  const root = doc.createElement("figure");
  root.className = "lero-figure-chart lero-embed-headline";
  root.id = options.id;
  root.append(headlineCard(headline, { document: doc, ...defined({ linkText: options.linkText }) }));
  const details = doc.createElement("details");
  details.className = "lero-chart-table";
  const summary = doc.createElement("summary");
  summary.textContent = "Show the figure as a table";
  const row: Record<string, CellValue> = { label: options.rowLabel, value: formatHeadline(headline.value, headline.format), base: headline.base };
  details.append(
    summary,
    dataTable(
      doc,
      [
        { key: "label", label: "Area" },
        { key: "value", label: options.valueHeading, numeric: true, ...(headline.measure === undefined ? {} : { measure: () => ({ measure: headline.measure!, key: headline.key ?? "all" }) }) },
        { key: "base", label: "Base" },
      ],
      [row],
      `${formatHeadline(headline.value, headline.format)} ${headline.label}`,
    ),
  );
  root.append(details);
  const caption = doc.createElement("figcaption");
  caption.className = "lero-source";
  const source = doc.createElement("span");
  source.textContent = `Source: ${options.source}`;
  caption.append(source);
  for (const note of options.notes ?? []) {
    const span = doc.createElement("span");
    span.textContent = note;
    caption.append(doc.createElement("br"), span);
  }
  root.append(caption);
  return root;
}
