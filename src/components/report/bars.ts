/**
 * The report's bar charts. On a wide screen these are the site's standard bars (`bars.ts`); on a
 * narrow one (a phone, under `NARROW` pixels) each category's label sits above its bar instead of
 * beside it, so long labels ("Job centre or employment service") never squeeze the bars to nothing.
 */
import * as Plot from "@observablehq/plot";
import { barsFigure, barsFrame, CHART_FONT_SIZE, formatValue, wrappedLines, type BarDatum, type BarsFigureOptions } from "../shared/bars.js";
import { defined, isNumber, type ChartOptions } from "../shared/chart.js";
import { chartWidth } from "../shared/figure.js";
import { intervalMarks } from "../shared/intervals.js";

export const NARROW = 520;

/** Bars with labels above them, for narrow screens. */
export function narrowBarsChart(data: readonly BarDatum[], options: ChartOptions & { width: number; measure?: "count" | "percent"; axisLabel?: string }): SVGSVGElement | HTMLElement {
  const measure = options.measure ?? "count";
  const shown = data.filter((d) => isNumber(d.value));
  const hidden = data.filter((d) => !isNumber(d.value));
  const max = Math.max(measure === "percent" ? 100 : 0, ...shown.map((d) => d.value as number));
  // Each label sits above its bar and wraps to the chart's width rather than being cut.
  const labelWidth = options.width - 24;
  const lines = Math.max(1, ...data.map((d) => wrappedLines(d.label, labelWidth)));
  const row = 34 + lines * 16;
  return Plot.plot({
    ...defined({ document: options.document }),
    width: options.width,
    height: 50 + data.length * row,
    marginLeft: 14,
    marginRight: 44,
    marginTop: 8,
    marginBottom: 44,
    style: { fontSize: `${CHART_FONT_SIZE}px` },
    x: { labelOffset: 38, label: options.axisLabel ?? (measure === "percent" ? "Percentage" : "Count"), domain: [0, max], grid: true, ticks: 4, ...(measure === "percent" ? { tickFormat: (d: number) => `${d}%` } : {}) },
    // The band keeps room above each bar for its label.
    y: { domain: data.map((d) => d.label), axis: null, paddingInner: 1 - 20 / row, paddingOuter: 0.1, align: 1 },
    marks: [
      Plot.barX(shown, { x: "value", y: "label", fill: "var(--lero-cat-1, #0072b2)" }),
      Plot.text(data, { x: 0, y: "label", text: "label", textAnchor: "start", frameAnchor: "left", lineAnchor: "bottom", dy: -15, fill: "currentColor", lineWidth: labelWidth / CHART_FONT_SIZE }),
      intervalMarks(
        shown.flatMap((d) => (d.interval ? [{ label: d.label, low: d.interval.low, high: d.interval.high }] : [])),
        { y: "label", domain: [0, max] },
      ),
      Plot.text(shown, { x: (d: BarDatum) => Math.min(max, Math.max(d.value as number, d.interval?.high ?? 0)), y: "label", text: (d: BarDatum) => formatValue(d.value, measure), textAnchor: "start", dx: 4, fill: "currentColor" }),
      Plot.text(hidden, { x: 0, y: "label", text: (d: BarDatum) => formatValue(d.value, measure), textAnchor: "start", dx: 4, fill: "var(--lero-suppressed, #767676)", fontStyle: "italic" }),
      Plot.ruleX([0]),
    ],
  });
}

/**
 * The chart is one image to assistive technology (the figure gives it `role="img"`, a name and a
 * description), so the labels Plot puts on its groups are dropped: `aria-label` is not allowed on a
 * plain `<g>`, and they would only repeat the description.
 */
function quietMarks<T extends Element>(root: T): T {
  for (const node of root.querySelectorAll(".lero-chart-body [aria-label], .lero-chart-body [aria-description]")) {
    node.removeAttribute("aria-label");
    node.removeAttribute("aria-description");
  }
  return root;
}

/** A finding's chart in its figure frame: standard bars when wide, labels above the bars when narrow. */
export function reportBarsFigure(data: readonly BarDatum[], options: BarsFigureOptions): HTMLElement {
  const width = chartWidth(options.width);
  if (width >= NARROW) return quietMarks(barsFigure(data, options));
  const measure = options.measure ?? "count";
  const chart = narrowBarsChart(data, { width, measure, ...defined({ axisLabel: options.axisLabel, document: options.document }) });
  return quietMarks(barsFrame(data, chart, options));
}
