/**
 * A number shown for a registry measure (`src/lib/measures.ts`), marked in the HTML with its measure id
 * and key (`data-measure`, `data-key`) so the build's measure gate can find every place a measure is
 * shown and check they agree. Sentences that carry such numbers are phrases: text and figures in order,
 * rendered with `textContent` only.
 */
import { ALL, formatMeasureValue, measure, measureValue, type MeasureTables } from "../../lib/measures.js";
import type { PublishedValue } from "../../lib/published.js";

/** A measure's figure for a key, as shown: "68%", "[c]". */
export interface ShownFigure {
  measure: string;
  key: string;
  value: PublishedValue;
  text: string;
}

/** Text and figures in reading order. */
export type Phrase = readonly (string | ShownFigure)[];

/** The figure of a measure for a key, read from the tables and formatted as the registry says. */
export function shownFigure(tables: MeasureTables, id: string, key: string = ALL): ShownFigure {
  return figureOf(id, key, measureValue(tables, id, key));
}

/** A figure for a value already read (a chart's row). */
export function figureOf(id: string, key: string, value: PublishedValue | undefined): ShownFigure {
  const v = value === undefined ? null : value;
  return { measure: id, key, value: v, text: formatMeasureValue(v, measure(id).format) };
}

/** Marks an element as showing a measure's figure for a key. */
export function markMeasure(element: Element, id: string, key: string): void {
  element.setAttribute("data-measure", id);
  element.setAttribute("data-key", key);
}

/** A `<span>` holding the figure's text, marked with its measure and key. */
export function figureSpan(doc: Document, figure: ShownFigure, className?: string): HTMLSpanElement {
  const span = doc.createElement("span");
  if (className) span.className = className;
  markMeasure(span, figure.measure, figure.key);
  span.textContent = figure.text;
  return span;
}

/** A phrase as plain text. */
export function phraseText(phrase: Phrase): string {
  return phrase.map((part) => (typeof part === "string" ? part : part.text)).join("");
}

/** A phrase as nodes to append: strings as text, figures as marked spans. */
export function phraseNodes(doc: Document, phrase: Phrase): (string | Node)[] {
  return phrase.map((part) => (typeof part === "string" ? part : figureSpan(doc, part)));
}

/** A phrase as one `<span>`, for a page's inline expression (`${phraseElement(lead.parts)}`). */
export function phraseElement(phrase: Phrase, options: { document?: Document } = {}): HTMLSpanElement {
  const doc = options.document ?? document;
  const span = doc.createElement("span");
  span.append(...phraseNodes(doc, phrase));
  return span;
}
