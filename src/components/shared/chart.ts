/**
 * What every chart shares, as Plot's marks share `MarkOptions`: the options a chart takes (where it is
 * drawn) and the options of its figure frame (id, headline, source, notes), the shape of a published
 * value, and the few helpers every chart needs. Options are normalised here once, so the charts
 * trust what they are given.
 */
import type { PublishedValue } from "../../lib/published.js";
import type { FigureOptions } from "./figure.js";

/**
 * A published value: a number, or the symbol that stands for it when it is withheld (`"[c]"` hidden to
 * protect confidentiality, `"[x]"` not available), or null where a table has no cell.
 */
export type Value = PublishedValue;

/** The label of a published table's total row or column ("Total", for the UK or all settings). */
export const TOTAL = "Total";

/** True for a finite number: a value that is shown, not withheld (`"[c]"`) or missing. */
export function isNumber(value: unknown): value is number {
  return typeof value === "number" && Number.isFinite(value);
}

/** The heading level of a figure's title: 3 under a page's h2 sections, 2 on a page of its own. */
export type HeadingLevel = 2 | 3 | 4;

/** Where a chart is drawn. */
export interface ChartOptions {
  /** The width available in pixels, e.g. Framework's `resize((width) => …)`; never drawn below 240. */
  width?: number;
  /** The document to build in, e.g. a jsdom document in Node; defaults to the global `document`. */
  document?: Document;
}

/** A chart in its figure frame (see `figure.ts`): the options every `…Figure` function takes. */
export interface ChartFigureOptions extends ChartOptions {
  /** A stable id for the element and the download file names, e.g. "stigma-by-setting". */
  id: string;
  /** Where the numbers come from, e.g. `SOURCES.stigma.line` ("LERO Evidence survey of …"). */
  source: string;
  /** The headline, when the caller words it, e.g. "Stigma is most often met at GP surgeries". */
  title?: string;
  /** The measure and base, e.g. "Percentage of respondents, by setting; base: 1,195 people". */
  subtitle?: string;
  /** Notes under the source line, e.g. a published table's `notes`. */
  notes?: string[];
  /** The title's heading level (default 3). */
  headingLevel?: HeadingLevel;
}

/** The options without their undefined entries, so a default applies where a value is missing. */
export function defined<T extends object>(options: T): { [K in keyof T]?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined)) as { [K in keyof T]?: Exclude<T[K], undefined> };
}

/** Where to draw, picked from a figure's options for the chart inside it. */
export function chartOptions(options: ChartOptions): ChartOptions {
  return defined({ width: options.width, document: options.document });
}

/** The frame's part of a figure's options (id, source, notes, heading level, document). */
export function frameOptions(options: ChartFigureOptions): Pick<FigureOptions, "id" | "source"> & Partial<Pick<FigureOptions, "notes" | "headingLevel" | "document">> {
  return { id: options.id, source: options.source, ...defined({ notes: options.notes, headingLevel: options.headingLevel, document: options.document }) };
}
