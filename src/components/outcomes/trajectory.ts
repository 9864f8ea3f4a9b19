/**
 * Mean BARC-10 total at each assessment, with the number of people assessed printed beside each
 * point, and the remission-associated cut-off (from the instruments reference data) as a dashed line. Each point is a different group
 * of people (fewer at each later point), so the line joins means, not people: the title says so.
 * Each mean's 95% interval is drawn as a vertical line through its point and given in the table; the
 * title calls a later mean higher or lower only when the two intervals do not overlap.
 */
import * as Plot from "@observablehq/plot";
import { CHART_FONT_SIZE } from "../shared/bars.js";
import { chartOptions, defined, frameOptions, isNumber, type ChartFigureOptions, type ChartOptions, type Value } from "../shared/chart.js";
import { chartWidth, figure, type TableColumn } from "../shared/figure.js";
import { formatCount, formatScore } from "../shared/format.js";
import { keyOf } from "../../lib/measures.js";
import { compared, intervalColumn, intervalMarks, intervalText, meanIntervalOf, withIntervalNote } from "../shared/intervals.js";

export interface TrajectoryRow {
  assessment: string;
  /** People assessed at that point (protected: a number or a symbol). */
  count: Value;
  mean_barc: Value;
  /** The mean's 95% interval, where published. */
  mean_barc_low?: Value;
  mean_barc_high?: Value;
}

const intervalOf = (r: TrajectoryRow | undefined) => meanIntervalOf(r, "mean_barc");

export interface TrajectoryOptions extends ChartOptions {
  /** The region the rows are for (an embed narrowed to one region): table cells are keyed with it. */
  region?: string;
  /** The remission-associated cut-off, drawn as a dashed line: `barc10(instruments).cutOff`. */
  cutOff: number;
}

const people = (v: Value): string => formatCount(v);
const score = (v: Value): string => formatScore(v);

export function trajectoryTitle(rows: readonly TrajectoryRow[]): string {
  const shown = rows.filter((r) => isNumber(r.mean_barc));
  const first = shown[0];
  const last = shown.at(-1);
  if (!first || !last || first === last) return "Mean recovery capital at each assessment";
  // Higher or lower only when the intervals do not overlap; without intervals, nothing is claimed.
  const comparison = compared(intervalOf(last), intervalOf(first));
  if (comparison === "higher" || comparison === "lower") {
    return `Mean recovery capital was ${comparison} among the fewer people assessed at ${last.assessment.toLowerCase()} (${score(last.mean_barc)}) than at ${first.assessment.toLowerCase()} (${score(first.mean_barc)})`;
  }
  if (comparison === "similar") {
    return `Mean recovery capital was similar among the fewer people assessed at ${last.assessment.toLowerCase()} (${score(last.mean_barc)}) to that at ${first.assessment.toLowerCase()} (${score(first.mean_barc)})`;
  }
  return `Mean recovery capital: ${score(first.mean_barc)} at ${first.assessment.toLowerCase()}, ${score(last.mean_barc)} among the fewer people assessed at ${last.assessment.toLowerCase()}`;
}

export function describeTrajectory(rows: readonly TrajectoryRow[], cutOff: number): string {
  const parts = rows.map((r) => (isNumber(r.mean_barc) ? `${r.assessment}: mean ${score(r.mean_barc)}${intervalOf(r) ? ` (95% interval ${intervalText(intervalOf(r), "mean")})` : ""} from ${people(r.count)} people` : `${r.assessment}: mean not shown (${people(r.count)} people)`));
  return `Mean BARC-10 total by assessment. ${parts.join("; ")}. The remission-associated cut-off is ${cutOff}.`;
}

export function trajectoryChart(rows: readonly TrajectoryRow[], options: TrajectoryOptions): SVGSVGElement | HTMLElement {
  const cutOff = options.cutOff;
  const width = chartWidth(options.width);
  const shown = rows.filter((r) => isNumber(r.mean_barc));
  const hidden = rows.filter((r) => !isNumber(r.mean_barc));
  const narrow = width < 480;
  return Plot.plot({
    ...defined({ document: options.document }),
    width,
    style: { fontSize: `${CHART_FONT_SIZE}px` },
    height: narrow ? 300 : 340,
    marginLeft: 44,
    marginRight: narrow ? 16 : 28,
    marginBottom: 52,
    x: { label: null, domain: rows.map((r) => r.assessment), padding: 0.3, tickFormat: (d: string) => d },
    y: { label: "Mean BARC-10 total", domain: [10, 60], grid: true, ticks: [...new Set([10, 20, 30, 40, 50, 60, cutOff])].sort((a, b) => a - b) },
    marks: [
      Plot.ruleY([cutOff], { stroke: "var(--lero-cat-6, #d55e00)", strokeDasharray: "5,4", strokeWidth: 1.5 }),
      // x as a function: a plain string would be read as a field name, and the label would not be drawn.
      Plot.text([cutOff], { y: (d: number) => d, x: () => rows[0]?.assessment, text: () => `${cutOff}+: remission-associated`, dy: -8, textAnchor: "start", dx: -28, fill: "var(--lero-cat-6, #d55e00)" }),
      Plot.line(shown, { x: "assessment", y: "mean_barc", stroke: "var(--lero-cat-1, #0072b2)", strokeWidth: 2 }),
      intervalMarks(
        shown.flatMap((r) => {
          const interval = intervalOf(r);
          return interval ? [{ assessment: r.assessment, low: interval.low, high: interval.high }] : [];
        }),
        { x: "assessment", domain: [10, 60] },
      ),
      Plot.dot(shown, { x: "assessment", y: "mean_barc", r: 5, fill: "var(--lero-cat-1, #0072b2)", stroke: "var(--theme-background, white)" }),
      Plot.text(shown, { x: "assessment", y: "mean_barc", text: (d: TrajectoryRow) => score(d.mean_barc), dy: 16, fontWeight: "bold", fill: "currentColor" }),
      Plot.text(rows, { x: "assessment", frameAnchor: "bottom", dy: 34, text: (d: TrajectoryRow) => `${people(d.count)} people`, fill: "currentColor" }),
      Plot.text(hidden, { x: "assessment", y: 12, text: () => "[c]", fill: "var(--lero-suppressed, #767676)", fontStyle: "italic" }),
    ],
  });
}

/** Marks a cell with a registry measure, keyed by the row's assessment (and the region the rows are for). */
const keyed =
  (id: string, region: string | undefined) =>
  (row: Record<string, unknown>): { measure: string; key: string } => ({ measure: id, key: keyOf(id, { assessment: String(row.assessment), region }) });

export function trajectoryFigure(rows: readonly TrajectoryRow[], options: TrajectoryOptions & ChartFigureOptions): HTMLElement {
  const cutOff = options.cutOff;
  const columns: TableColumn[] = [
    { key: "assessment", label: "Assessment" },
    { key: "count", label: "People assessed", numeric: true, format: (v) => people(v as Value), measure: keyed("people-assessed", options.region) },
    { key: "mean_barc", label: "Mean BARC-10 total", numeric: true, format: (v) => score(v as Value), measure: keyed("barc-mean", options.region) },
    intervalColumn("interval"),
  ];
  const first = rows[0];
  const last = rows.at(-1);
  return figure({
    ...frameOptions(options),
    title: trajectoryTitle(rows),
    subtitle: `Mean BARC-10 total (10 to 60; higher is more recovery capital) of everyone assessed at each point; base: ${people(first?.count ?? null)} people at ${first?.assessment.toLowerCase() ?? "intake"}, ${people(last?.count ?? null)} at ${last?.assessment.toLowerCase() ?? "the last point"}. Not the same people at each point.`,
    chart: trajectoryChart(rows, { cutOff, ...chartOptions(options) }),
    notes: withIntervalNote(options.notes),
    description: describeTrajectory(rows, cutOff),
    columns,
    rows: rows.map((r) => ({ assessment: r.assessment, count: r.count, mean_barc: r.mean_barc, interval: intervalText(intervalOf(r), "mean") })),
  });
}
