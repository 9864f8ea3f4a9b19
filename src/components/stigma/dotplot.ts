/**
 * The dot plot behind the stigma comparisons: one row per setting, one dot per series (a kind of
 * stigma, or a role), joined by a faint line so the spread in each setting is easy to see. Series
 * differ in shape as well as colour. A hidden value is not drawn; the row then lists it as [c]. Where
 * values have 95% intervals, each series takes its own line within the row (a few pixels apart), with
 * its interval drawn through its dot.
 */
import * as Plot from "@observablehq/plot";
import { CHART_FONT_SIZE, wrappedLines } from "../shared/bars.js";
import { defined, isNumber, type ChartOptions, type Value } from "../shared/chart.js";
import { chartWidth } from "../shared/figure.js";
import { intervalMarks } from "../shared/intervals.js";

export interface DotDatum {
  row: string;
  series: string;
  value: Value;
  /** The value's 95% interval, where it has one. */
  low?: number;
  high?: number;
}

export interface DotPlotOptions extends ChartOptions {
  rows: string[];
  series: string[];
  domain: [number, number];
  axisLabel: string;
  tickFormat?: (d: number) => string;
}

const COLOURS = ["var(--lero-cat-6, #d55e00)", "var(--lero-cat-1, #0072b2)", "var(--lero-cat-3, #009e73)", "var(--lero-cat-4, #cc79a7)"];
const SYMBOLS = ["circle", "diamond", "square", "triangle"];

export function dotPlot(data: readonly DotDatum[], options: DotPlotOptions): SVGSVGElement | HTMLElement {
  const width = chartWidth(options.width);
  const narrow = width < 480;
  const shown = data.filter((d) => isNumber(d.value));
  const hiddenRows = options.rows
    .map((row) => ({ row, missing: data.filter((d) => d.row === row && !isNumber(d.value)).map((d) => d.series) }))
    .filter((r) => r.missing.length > 0);
  const longest = Math.max(0, ...options.rows.map((r) => r.length));
  const style = (series: string): { fill: string; symbol: string } => {
    const i = Math.max(0, options.series.indexOf(series));
    return { fill: COLOURS[i % COLOURS.length]!, symbol: SYMBOLS[i % SYMBOLS.length]! };
  };
  const marginLeft = narrow ? 16 : Math.min(250, 16 + longest * 7.2);
  // The key, wrapped onto lines in the top margin; drawn as marks so it travels with SVG and PNG downloads.
  const key: { series: string; x: number; line: number }[] = [];
  let x = 0;
  let line = 0;
  for (const series of options.series) {
    const size = 30 + series.length * 7;
    if (x > 0 && x + size > width - marginLeft - 16) {
      x = 0;
      line++;
    }
    key.push({ series, x, line });
    x += size;
  }
  const keyHeight = (line + 1) * 20;
  const ranges = options.rows.flatMap((row) => {
    const values = shown.filter((d) => d.row === row).map((d) => d.value as number);
    return values.length > 1 ? [{ row, lo: Math.min(...values), hi: Math.max(...values) }] : [];
  });
  // On a phone each row's name sits above its dots, wrapped (never cut): rows grow with the longest.
  const lines = narrow ? Math.max(1, ...options.rows.map((r) => wrappedLines(r, width - 24))) : 1;
  const withIntervals = shown.filter((d) => isNumber(d.low) && isNumber(d.high));
  // With intervals, each series is drawn a few pixels off the row's centre so the lines do not overlap.
  const spacing = withIntervals.length > 0 ? Math.min(7, 20 / Math.max(1, options.series.length - 1)) : 0;
  const offset = (series: string): number => (Math.max(0, options.series.indexOf(series)) - (options.series.length - 1) / 2) * spacing;
  const row = narrow ? 48 + (lines - 1) * 15 : 32 + (spacing > 0 ? Math.max(0, options.series.length - 2) * 4 : 0);
  return Plot.plot({
    ...defined({ document: options.document }),
    width,
    style: { fontSize: `${CHART_FONT_SIZE}px` },
    marginBottom: 44,
    height: 14 + 48 + keyHeight + options.rows.length * row,
    marginLeft,
    marginRight: 16,
    marginTop: 16 + keyHeight,
    x: { label: options.axisLabel, domain: options.domain, grid: true, ...defined({ tickFormat: options.tickFormat }) },
    y: { label: null, domain: options.rows, axis: narrow ? null : "left", padding: narrow ? 1 - 17 / row : 0.3 },
    marks: [
      Plot.link(ranges, { x1: "lo", x2: "hi", y1: "row", y2: "row", stroke: "currentColor", strokeOpacity: 0.35, strokeWidth: 2 }),
      ...options.series.map((series) =>
        intervalMarks(
          withIntervals.filter((d) => d.series === series).map((d) => ({ row: d.row, low: d.low!, high: d.high! })),
          { y: "row", dy: offset(series), domain: options.domain },
        ),
      ),
      ...options.series.map((series) =>
        Plot.dot(
          shown.filter((d) => d.series === series),
          { x: "value", y: "row", dy: offset(series), r: 5.5, ...style(series), stroke: "var(--theme-background, white)", strokeWidth: 0.75 },
        ),
      ),
      ...(narrow ? [Plot.text(options.rows, { x: options.domain[0], y: (d: string) => d, dy: -10, lineAnchor: "bottom", textAnchor: "start", text: (d: string) => d, fill: "currentColor", lineWidth: (width - 24) / CHART_FONT_SIZE })] : []),
      // On a narrow screen the row's name takes the line above the dots, so hidden values go below them.
      Plot.text(hiddenRows, {
        ...(narrow ? { x: options.domain[0], textAnchor: "start" as const, dy: 15 } : { frameAnchor: "right" as const, textAnchor: "end" as const }),
        y: "row",
        text: (d: { missing: string[] }) => `${d.missing.join(", ")}: [c]`,
        fill: "var(--lero-suppressed, #767676)",
        fontStyle: "italic",
      }),
      ...key.flatMap((k) => {
        const dy = -keyHeight - 8 + k.line * 20;
        return [
          Plot.dot([k], { frameAnchor: "top-left", dx: k.x + 6, dy, r: 5.5, ...style(k.series) }),
          Plot.text([k], { frameAnchor: "top-left", dx: k.x + 15, dy, textAnchor: "start", text: () => k.series, fill: "currentColor" }),
        ];
      }),
    ],
  });
}
