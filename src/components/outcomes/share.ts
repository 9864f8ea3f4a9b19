/**
 * The share of people at or above the BARC-10 cut-off at each assessment: one horizontal bar per
 * assessment, the percentage printed at its end and the number of people assessed under its label.
 * A hidden share keeps its row and shows [c]. Each share's 95% interval (Wilson, from the published
 * share and the published number assessed) is a line across the bar's end, and is in the table.
 */
import * as Plot from "@observablehq/plot";
import { CHART_FONT_SIZE } from "../shared/bars.js";
import { chartOptions, defined, frameOptions, isNumber, type ChartFigureOptions, type ChartOptions, type Value } from "../shared/chart.js";
import { chartWidth, figure, type TableColumn } from "../shared/figure.js";
import { formatCount, formatPercent } from "../shared/format.js";
import { intervalColumn, intervalMarks, intervalText, shareInterval, withIntervalNote } from "../shared/intervals.js";

export interface ShareRow {
  assessment: string;
  /** People assessed at that point. */
  count: Value;
  /** Percentage of them at or above the cut-off. */
  percent: Value;
}

const pct = (v: Value): string => formatPercent(v);
const people = (v: Value): string => formatCount(v);

export function shareChart(rows: readonly ShareRow[], options: ChartOptions = {}): SVGSVGElement | HTMLElement {
  const width = chartWidth(options.width);
  const label = (r: ShareRow): string => `${r.assessment} (${people(r.count)} people)`;
  const shown = rows.filter((r) => isNumber(r.percent));
  const hidden = rows.filter((r) => !isNumber(r.percent));
  const narrow = width < 480;
  const intervals = shown.flatMap((r) => {
    const interval = shareInterval(r.percent, r.count);
    return interval ? [{ label: label(r), low: interval.low, high: interval.high }] : [];
  });
  const labelAt = (r: ShareRow): number => Math.max(r.percent as number, intervals.find((i) => i.label === label(r))?.high ?? 0);
  return Plot.plot({
    ...defined({ document: options.document }),
    width,
    style: { fontSize: `${CHART_FONT_SIZE}px` },
    marginBottom: 44,
    height: 14 + 40 + rows.length * (narrow ? 48 : 32),
    marginLeft: narrow ? 16 : 170,
    marginRight: 48,
    x: { label: "Percentage of people assessed", domain: [0, 100], grid: true, tickFormat: (d: number) => `${d}%`, ticks: narrow ? 4 : 10 },
    y: { label: null, domain: rows.map(label), axis: narrow ? null : "left", padding: narrow ? 0.5 : 0.2 },
    marks: [
      Plot.barX(shown, { x: "percent", y: label, fill: "var(--lero-cat-2, #e69f00)" }),
      intervalMarks(intervals, { y: "label" }),
      Plot.text(shown, { x: labelAt, y: label, text: (d: ShareRow) => pct(d.percent), textAnchor: "start", dx: 4, fill: "currentColor", fontWeight: "bold" }),
      Plot.text(hidden, { x: 0, y: label, text: () => "[c]", textAnchor: "start", dx: 4, fill: "var(--lero-suppressed, #767676)", fontStyle: "italic" }),
      ...(narrow ? [Plot.text(rows, { x: 0, y: label, text: label, textAnchor: "start", dy: -16, fill: "currentColor" })] : []),
      Plot.ruleX([0]),
    ],
  });
}

export function describeShare(rows: readonly ShareRow[], cutOff: number): string {
  return `Percentage of people scoring ${cutOff} or more on BARC-10. ${rows.map((r) => `${r.assessment}: ${pct(r.percent)} of ${people(r.count)} people`).join("; ")}.`;
}

export function shareFigure(
  rows: readonly ShareRow[],
  options: ChartFigureOptions & { title: string; subtitle: string; /** `barc10(instruments).cutOff` */ cutOff: number },
): HTMLElement {
  const cutOff = options.cutOff;
  const columns: TableColumn[] = [
    { key: "assessment", label: "Assessment" },
    // Everyone assessed at each point: the registry's barc-cutoff-assessed, not the same people's barc-cutoff-paired.
    { key: "count", label: "People assessed", numeric: true, format: (v) => people(v as Value), measure: (row) => ({ measure: "people-assessed", key: String(row.assessment) }) },
    { key: "percent", label: `% scoring ${cutOff} or more`, numeric: true, format: (v) => pct(v as Value), measure: (row) => ({ measure: "barc-cutoff-assessed", key: String(row.assessment) }) },
    intervalColumn("interval"),
  ];
  return figure({
    ...frameOptions(options),
    title: options.title,
    subtitle: options.subtitle,
    chart: shareChart(rows, chartOptions(options)),
    notes: withIntervalNote(options.notes),
    description: describeShare(rows, cutOff),
    columns,
    rows: rows.map((r) => ({ ...r, interval: intervalText(shareInterval(r.percent, r.count), "percent") })),
  });
}
