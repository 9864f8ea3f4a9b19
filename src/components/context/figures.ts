/**
 * Official statistics from one publisher and unit (deaths, a rate per million, people in treatment),
 * drawn as labelled horizontal bars: one bar per figure, labelled with its area, period and measure,
 * so figures from nations with different definitions are never stacked or added together.
 */
import * as Plot from "@observablehq/plot";
import { chartOptions, defined, type ChartFigureOptions, type ChartOptions } from "../shared/chart.js";
import { chartWidth, figure, type TableColumn } from "../shared/figure.js";
import { CHART_FONT_SIZE } from "../shared/bars.js";
import type { ContextFigure } from "../../lib/published.js";

export type { ContextFigure } from "../../lib/published.js";

const number = (v: number, unit = ""): string => v.toLocaleString("en-GB", { minimumFractionDigits: unit.startsWith("per ") ? 1 : 0, maximumFractionDigits: 1 });

export function figureLabel(f: ContextFigure, withMeasure: boolean): string {
  return withMeasure ? `${f.nation_or_area}, ${f.period}: ${f.measure}` : `${f.nation_or_area}, ${f.period}`;
}

function wrap(text: string, max: number): string {
  const words = text.split(" ");
  const lines: string[] = [];
  let line = "";
  for (const word of words) {
    if (line && (line + " " + word).length > max) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines.join("\n");
}

export function contextChart(figures: readonly ContextFigure[], options: ChartOptions = {}): SVGSVGElement | HTMLElement {
  const width = chartWidth(options.width);
  const withMeasure = new Set(figures.map((f) => f.measure)).size > 1;
  const labels = figures.map((f) => figureLabel(f, withMeasure));
  const narrow = width < 480;
  const max = Math.max(...figures.map((f) => f.value));
  const lines = Math.max(...labels.map((l) => wrap(l, narrow ? 44 : 34).split("\n").length));
  return Plot.plot({
    ...defined({ document: options.document }),
    width,
    style: { fontSize: `${CHART_FONT_SIZE}px` },
    height: 40 + figures.length * (narrow ? 30 + lines * 14 : Math.max(34, lines * 15 + 8)),
    marginLeft: narrow ? 8 : 230,
    marginRight: 80,
    x: { label: figures[0]?.unit ?? null, domain: [0, max * 1.05], grid: true, ticks: narrow ? 3 : 6 },
    y: { domain: labels, label: null, axis: narrow ? null : "left", tickFormat: (d: string) => wrap(d, 34), padding: narrow ? 0.55 : 0.25 },
    marks: [
      Plot.barX(figures, { x: "value", y: (_: ContextFigure, i: number) => labels[i], fill: "var(--lero-cat-1, #0072b2)" }),
      Plot.text(figures, { x: "value", y: (_: ContextFigure, i: number) => labels[i], text: (f: ContextFigure) => number(f.value, f.unit), dx: 4, textAnchor: "start", fill: "currentColor", fontWeight: "bold" }),
      ...(narrow ? [Plot.text(figures, { x: 0, y: (_: ContextFigure, i: number) => labels[i], text: (_: ContextFigure, i: number) => wrap(labels[i]!, 44), textAnchor: "start", lineAnchor: "bottom", dy: -14, fill: "currentColor", fontSize: 12 })] : []),
      Plot.ruleX([0]),
    ],
  });
}

export function describeContext(figures: readonly ContextFigure[]): string {
  return figures.map((f) => `${f.nation_or_area}, ${f.period}, ${f.measure}: ${number(f.value, f.unit)} ${f.unit} (${f.publisher}).`).join(" ");
}

/** A headline from the latest figure of the first measure: "…: 5,565 deaths in 2024 registrations". */
export function contextTitle(figures: readonly ContextFigure[]): string {
  const first = figures[0];
  if (!first) return "Official statistics";
  const same = figures.filter((f) => f.measure === first.measure && f.nation_or_area === first.nation_or_area);
  const latest = same.reduce((a, b) => (b.period > a.period ? b : a), first);
  const measure = latest.measure.charAt(0).toUpperCase() + latest.measure.slice(1);
  return `${measure}, ${latest.nation_or_area}: ${number(latest.value, latest.unit)} ${latest.unit} (${latest.period})`;
}

export const CONTEXT_COLUMNS: TableColumn[] = [
  { key: "nation_or_area", label: "Nation or area" },
  { key: "measure", label: "Measure (publisher's definition)" },
  { key: "period", label: "Period" },
  { key: "value", label: "Value", numeric: true },
  { key: "unit", label: "Unit" },
  { key: "publisher", label: "Publisher" },
  { key: "publication", label: "Publication" },
  { key: "published_date", label: "Published" },
  { key: "url", label: "Link" },
  { key: "table_or_section", label: "Where in the publication" },
  { key: "accessed", label: "Read on" },
];

export function contextFigure(
  figures: readonly ContextFigure[],
  options: Omit<ChartFigureOptions, "source"> & { subtitle: string },
): HTMLElement {
  const publishers = [...new Set(figures.map((f) => `${f.publisher}, ${f.publication}`))];
  const unchecked = figures.some((f) => !f.checked);
  return figure({
    id: options.id,
    title: options.title ?? contextTitle(figures),
    subtitle: options.subtitle,
    chart: contextChart(figures, chartOptions(options)),
    description: describeContext(figures),
    source: publishers.join("; "),
    notes: [...(options.notes ?? []), ...(unchecked ? ["Not yet checked against the primary publication: see the table of all figures."] : []), "Open Government Licence v3.0."],
    columns: CONTEXT_COLUMNS,
    rows: figures.map((f) => ({ ...f })),
    ...defined({ headingLevel: options.headingLevel, document: options.document }),
  });
}
