/**
 * Mean BARC-10 total at each assessment, with the number of people assessed printed beside each
 * point, and the remission-associated cut-off (47) as a dashed line. Each point is a different group
 * of people (fewer at each later point), so the line joins means, not people: the title says so.
 */
import * as Plot from "@observablehq/plot";
import { chartWidth, figure, type TableColumn } from "../shared/figure.js";

export type Value = number | string | null;

export interface TrajectoryRow {
  assessment: string;
  /** People assessed at that point (protected: a number or a symbol). */
  count: Value;
  mean_barc: Value;
}

export interface TrajectoryOptions {
  width?: number;
  cutOff?: number;
  source: string;
  notes?: string[];
  headingLevel?: 2 | 3 | 4;
  document?: Document;
}

const isNumber = (v: Value): v is number => typeof v === "number" && Number.isFinite(v);
const people = (v: Value): string => (isNumber(v) ? v.toLocaleString("en-GB") : v === null ? "[x]" : String(v));
const score = (v: Value): string => (isNumber(v) ? v.toLocaleString("en-GB", { minimumFractionDigits: 1, maximumFractionDigits: 1 }) : v === null ? "[c]" : String(v));

export function trajectoryTitle(rows: readonly TrajectoryRow[]): string {
  const shown = rows.filter((r) => isNumber(r.mean_barc));
  const first = shown[0];
  const last = shown.at(-1);
  if (!first || !last || first === last) return "Mean recovery capital at each assessment";
  const direction = (last.mean_barc as number) > (first.mean_barc as number) ? "higher" : (last.mean_barc as number) < (first.mean_barc as number) ? "lower" : "the same";
  return `Mean recovery capital was ${direction} among the fewer people assessed at ${last.assessment.toLowerCase()} (${score(last.mean_barc)}) than at ${first.assessment.toLowerCase()} (${score(first.mean_barc)})`;
}

export function describeTrajectory(rows: readonly TrajectoryRow[], cutOff = 47): string {
  const parts = rows.map((r) => (isNumber(r.mean_barc) ? `${r.assessment}: mean ${score(r.mean_barc)} from ${people(r.count)} people` : `${r.assessment}: mean not shown (${people(r.count)} people)`));
  return `Mean BARC-10 total by assessment. ${parts.join("; ")}. The remission-associated cut-off is ${cutOff}.`;
}

export function trajectoryChart(rows: readonly TrajectoryRow[], options: { width?: number; cutOff?: number; document?: Document } = {}): SVGSVGElement | HTMLElement {
  const cutOff = options.cutOff ?? 47;
  const width = chartWidth(options.width);
  const shown = rows.filter((r) => isNumber(r.mean_barc));
  const hidden = rows.filter((r) => !isNumber(r.mean_barc));
  const narrow = width < 480;
  return Plot.plot({
    ...(options.document ? { document: options.document } : {}),
    width,
    height: narrow ? 300 : 340,
    marginLeft: 44,
    marginRight: narrow ? 16 : 28,
    marginBottom: 52,
    x: { label: null, domain: rows.map((r) => r.assessment), padding: 0.3, tickFormat: (d: string) => d },
    y: { label: "Mean BARC-10 total", domain: [10, 60], grid: true, ticks: [10, 20, 30, 40, 47, 50, 60] },
    marks: [
      Plot.ruleY([cutOff], { stroke: "var(--lero-cat-6, #d55e00)", strokeDasharray: "5,4", strokeWidth: 1.5 }),
      Plot.text([cutOff], { y: (d: number) => d, x: rows[0]?.assessment, text: () => `${cutOff}+: remission-associated`, dy: -8, textAnchor: "start", dx: -28, fill: "var(--lero-cat-6, #d55e00)", fontSize: 11 }),
      Plot.line(shown, { x: "assessment", y: "mean_barc", stroke: "var(--lero-cat-1, #0072b2)", strokeWidth: 2 }),
      Plot.dot(shown, { x: "assessment", y: "mean_barc", r: 5, fill: "var(--lero-cat-1, #0072b2)", stroke: "var(--theme-background, white)" }),
      Plot.text(shown, { x: "assessment", y: "mean_barc", text: (d: TrajectoryRow) => score(d.mean_barc), dy: 16, fontWeight: "bold", fill: "currentColor", fontSize: 12 }),
      Plot.text(rows, { x: "assessment", frameAnchor: "bottom", dy: 34, text: (d: TrajectoryRow) => `${people(d.count)} people`, fill: "currentColor", fontSize: 11 }),
      Plot.text(hidden, { x: "assessment", y: 12, text: () => "[c]", fill: "var(--lero-suppressed, #767676)", fontStyle: "italic" }),
    ],
  });
}

export function trajectoryFigure(rows: readonly TrajectoryRow[], options: TrajectoryOptions & { id: string }): HTMLElement {
  const cutOff = options.cutOff ?? 47;
  const columns: TableColumn[] = [
    { key: "assessment", label: "Assessment" },
    { key: "count", label: "People assessed", numeric: true, format: (v) => people(v as Value) },
    { key: "mean_barc", label: "Mean BARC-10 total", numeric: true, format: (v) => score(v as Value) },
  ];
  const first = rows[0];
  const last = rows.at(-1);
  return figure({
    id: options.id,
    title: trajectoryTitle(rows),
    subtitle: `Mean BARC-10 total (10 to 60; higher is more recovery capital) of everyone assessed at each point; base: ${people(first?.count ?? null)} people at ${first?.assessment.toLowerCase() ?? "intake"}, ${people(last?.count ?? null)} at ${last?.assessment.toLowerCase() ?? "the last point"}. Not the same people at each point.`,
    chart: trajectoryChart(rows, { cutOff, ...(options.width ? { width: options.width } : {}), ...(options.document ? { document: options.document } : {}) }),
    description: describeTrajectory(rows, cutOff),
    source: options.source,
    ...(options.notes ? { notes: options.notes } : {}),
    columns,
    rows: rows.map((r) => ({ ...r })),
    ...(options.headingLevel ? { headingLevel: options.headingLevel } : {}),
    ...(options.document ? { document: options.document } : {}),
  });
}
