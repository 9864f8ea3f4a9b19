/**
 * How BARC-10 totals are spread at each assessment: one 100% bar per assessment split into score
 * bands, the band at or above the remission-associated cut-off drawn in a contrasting colour. Hidden
 * bands are left out of the bar and named after it as [c], so the bar never pretends to be complete.
 */
import * as Plot from "@observablehq/plot";
import { CHART_FONT_SIZE } from "../shared/bars.js";
import { chartOptions, defined, frameOptions, isNumber, TOTAL, type ChartFigureOptions, type ChartOptions, type Value } from "../shared/chart.js";
import { chartWidth, figure, type TableColumn } from "../shared/figure.js";
import { formatCount, formatPercent } from "../shared/format.js";

export interface BandRow {
  assessment: string;
  /** A band label such as "30–39", or "Total" for the people assessed at that point. */
  band: string;
  count: Value;
  percent: Value;
}

export interface BandsOptions extends ChartOptions {
  /** The label of the band at or above the cut-off (default: the last band). */
  highlight?: string;
}

const pct = (v: Value): string => formatPercent(v);
const num = (v: Value): string => formatCount(v);

/** Blues for the bands below the cut-off (light to dark), orange for the band at or above it. */
const BELOW = ["#c6dbef", "#9ecae1", "#6baed6", "#3182bd", "#08519c"];
const ABOVE = "var(--lero-cat-2, #e69f00)";

function bandsOf(rows: readonly BandRow[]): string[] {
  return [...new Set(rows.filter((r) => r.band !== TOTAL).map((r) => r.band))];
}
function assessmentsOf(rows: readonly BandRow[]): string[] {
  return [...new Set(rows.map((r) => r.assessment))];
}

export function bandsChart(rows: readonly BandRow[], options: BandsOptions = {}): SVGSVGElement | HTMLElement {
  const bands = bandsOf(rows);
  const highlight = options.highlight ?? bands.at(-1);
  const below = bands.filter((b) => b !== highlight);
  const colours = bands.map((b) => (b === highlight ? ABOVE : BELOW[Math.min(BELOW.length - 1, Math.round((below.indexOf(b) * (BELOW.length - 1)) / Math.max(1, below.length - 1)))]!));
  const width = chartWidth(options.width);
  const assessments = assessmentsOf(rows);
  const segments = rows.filter((r) => r.band !== TOTAL && isNumber(r.percent));
  const hiddenNote = (assessment: string): string => {
    const hidden = rows.filter((r) => r.assessment === assessment && r.band !== TOTAL && !isNumber(r.percent)).map((r) => r.band);
    return hidden.length ? `[c] ${hidden.join(", ")}` : "";
  };
  const people = (assessment: string): string => `${num(rows.find((r) => r.assessment === assessment && r.band === TOTAL)?.count ?? null)} people`;
  const narrow = width < 480;
  return Plot.plot({
    ...defined({ document: options.document }),
    width,
    style: { fontSize: `${CHART_FONT_SIZE}px` },
    marginBottom: 44,
    height: 14 + 60 + assessments.length * (narrow ? 62 : 58),
    marginLeft: narrow ? 16 : 84,
    marginRight: narrow ? 20 : 16,
    marginTop: 36,
    x: { label: "Percentage of people assessed", domain: [0, 100], tickFormat: (d: number) => `${d}%`, ticks: narrow ? 4 : 10, grid: false },
    y: { label: null, domain: assessments, axis: narrow ? null : "left", padding: narrow ? 0.45 : 0.4 },
    color: { domain: bands, range: colours, legend: false },
    marks: [
      Plot.barX(segments, Plot.stackX({ x: "percent", y: "assessment", fill: "band", order: bands, stroke: "var(--theme-background, white)", strokeWidth: 1 })),
      Plot.text(
        // Every segment is stacked (so each label sits on its own segment); only those wide enough get text.
        segments,
        Plot.stackX({ x: "percent", y: "assessment", order: bands, z: "band", text: (d: BandRow) => ((d.percent as number) >= (narrow ? 16 : 6) ? pct(d.percent) : ""), fill: (d: BandRow) => (d.band === highlight || below.indexOf(d.band) < 2 ? "black" : "white") }),
      ),
      Plot.text(assessments, { x: 0, y: (d: string) => d, text: (d: string) => `${narrow ? `${d}: ` : ""}${people(d)}${hiddenNote(d) ? `; ${hiddenNote(d)}` : ""}`, frameAnchor: "left", textAnchor: "start", dy: narrow ? -22 : -22, fill: "currentColor" }),
      // Legend as marks, so it is in the downloaded SVG too.
      Plot.dot(bands, { x: (_: string, i: number) => (i * 100) / bands.length, frameAnchor: "top", dy: -26, dx: 6, symbol: "square", r: narrow ? 5 : 6, fill: (d: string) => colours[bands.indexOf(d)], stroke: "currentColor", strokeWidth: 0.5 }),
      Plot.text(bands, { x: (_: string, i: number) => (i * 100) / bands.length, frameAnchor: "top", dy: -26, dx: narrow ? 13 : 16, text: (d: string) => d, fill: "currentColor", textAnchor: "start" }),
    ],
  });
}

export function describeBands(rows: readonly BandRow[], highlight?: string): string {
  const bands = bandsOf(rows);
  const top = highlight ?? bands.at(-1) ?? "";
  const parts = assessmentsOf(rows).map((a) => {
    const row = rows.find((r) => r.assessment === a && r.band === top);
    return `${a}: ${pct(row?.percent ?? null)} scored ${top}`;
  });
  return `Share of people in each BARC-10 band at each assessment. ${parts.join("; ")}.`;
}

export function bandsFigure(rows: readonly BandRow[], options: BandsOptions & ChartFigureOptions & { title: string; subtitle: string }): HTMLElement {
  const columns: TableColumn[] = [
    { key: "assessment", label: "Assessment" },
    { key: "band", label: "BARC-10 total" },
    { key: "count", label: "People", numeric: true, format: (v) => num(v as Value) },
    { key: "percent", label: "% of people assessed", numeric: true, format: (v) => pct(v as Value) },
  ];
  return figure({
    ...frameOptions(options),
    title: options.title,
    subtitle: options.subtitle,
    chart: bandsChart(rows, { ...chartOptions(options), ...defined({ highlight: options.highlight }) }),
    description: describeBands(rows, options.highlight),
    columns,
    rows: rows.map((r) => ({ ...r, band: r.band === TOTAL ? "All people assessed" : r.band })),
  });
}
