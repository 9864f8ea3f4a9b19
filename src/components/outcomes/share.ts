/**
 * The share of people at or above the BARC-10 cut-off at each assessment: one horizontal bar per
 * assessment, the percentage printed at its end and the number of people assessed under its label.
 * A hidden share keeps its row and shows [c].
 */
import * as Plot from "@observablehq/plot";
import { chartWidth, figure, type TableColumn } from "../shared/figure.js";

export type Value = number | string | null;

export interface ShareRow {
  assessment: string;
  /** People assessed at that point. */
  count: Value;
  /** Percentage of them at or above the cut-off. */
  percent: Value;
}

const isNumber = (v: Value): v is number => typeof v === "number" && Number.isFinite(v);
const pct = (v: Value): string => (isNumber(v) ? `${v.toLocaleString("en-GB", { maximumFractionDigits: 1 })}%` : v === null ? "[c]" : String(v));
const people = (v: Value): string => (isNumber(v) ? v.toLocaleString("en-GB") : v === null ? "[x]" : String(v));

export function shareChart(rows: readonly ShareRow[], options: { width?: number; document?: Document } = {}): SVGSVGElement | HTMLElement {
  const width = chartWidth(options.width);
  const label = (r: ShareRow): string => `${r.assessment} (${people(r.count)} people)`;
  const shown = rows.filter((r) => isNumber(r.percent));
  const hidden = rows.filter((r) => !isNumber(r.percent));
  const narrow = width < 480;
  return Plot.plot({
    ...(options.document ? { document: options.document } : {}),
    width,
    height: 40 + rows.length * (narrow ? 48 : 32),
    marginLeft: narrow ? 8 : 170,
    marginRight: 48,
    x: { label: "Percentage of people assessed", domain: [0, 100], grid: true, tickFormat: (d: number) => `${d}%`, ticks: narrow ? 4 : 10 },
    y: { label: null, domain: rows.map(label), axis: narrow ? null : "left", padding: narrow ? 0.5 : 0.2 },
    marks: [
      Plot.barX(shown, { x: "percent", y: label, fill: "var(--lero-cat-2, #e69f00)" }),
      Plot.text(shown, { x: "percent", y: label, text: (d: ShareRow) => pct(d.percent), textAnchor: "start", dx: 4, fill: "currentColor", fontWeight: "bold" }),
      Plot.text(hidden, { x: 0, y: label, text: () => "[c]", textAnchor: "start", dx: 4, fill: "var(--lero-suppressed, #767676)", fontStyle: "italic" }),
      ...(narrow ? [Plot.text(rows, { x: 0, y: label, text: label, textAnchor: "start", dy: -16, fill: "currentColor", fontSize: 11 })] : []),
      Plot.ruleX([0]),
    ],
  });
}

export function describeShare(rows: readonly ShareRow[], cutOff = 47): string {
  return `Percentage of people scoring ${cutOff} or more on BARC-10. ${rows.map((r) => `${r.assessment}: ${pct(r.percent)} of ${people(r.count)} people`).join("; ")}.`;
}

export function shareFigure(
  rows: readonly ShareRow[],
  options: { id: string; title: string; subtitle: string; source: string; notes?: string[]; cutOff?: number; width?: number; headingLevel?: 2 | 3 | 4; document?: Document },
): HTMLElement {
  const cutOff = options.cutOff ?? 47;
  const columns: TableColumn[] = [
    { key: "assessment", label: "Assessment" },
    { key: "count", label: "People assessed", numeric: true, format: (v) => people(v as Value) },
    { key: "percent", label: `% scoring ${cutOff} or more`, numeric: true, format: (v) => pct(v as Value) },
  ];
  return figure({
    id: options.id,
    title: options.title,
    subtitle: options.subtitle,
    chart: shareChart(rows, { ...(options.width ? { width: options.width } : {}), ...(options.document ? { document: options.document } : {}) }),
    description: describeShare(rows, cutOff),
    source: options.source,
    ...(options.notes ? { notes: options.notes } : {}),
    columns,
    rows: rows.map((r) => ({ ...r })),
    ...(options.headingLevel ? { headingLevel: options.headingLevel } : {}),
    ...(options.document ? { document: options.document } : {}),
  });
}
