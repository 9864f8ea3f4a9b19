/**
 * Change in BARC-10 total for the same people between intake and a follow-up, one row per group
 * (a follow-up point, or a region): a dot at the mean at intake joined to a dot at the mean at
 * follow-up, with the change and the number of people printed. Hidden groups keep their row and show
 * [c]. The two dots differ in shape as well as colour, so colour is never the only carrier. Each mean's
 * 95% interval is a line just above (intake) or below (follow-up) its row, and the table gives the
 * intervals of the two means and of the change.
 */
import * as Plot from "@observablehq/plot";
import { CHART_FONT_SIZE } from "../shared/bars.js";
import { defined, frameOptions, isNumber, type ChartFigureOptions, type ChartOptions, type Value } from "../shared/chart.js";
import { chartWidth, figure, type TableColumn } from "../shared/figure.js";
import { formatCount, formatScore } from "../shared/format.js";
import { intervalColumn, intervalMarks, intervalText, meanIntervalOf, withIntervalNote, type IntervalDatum } from "../shared/intervals.js";

export interface ChangeRow {
  /** The group: "12 months", "North East", "All regions"… */
  label: string;
  count: Value;
  mean_intake: Value;
  mean_follow_up: Value;
  mean_change: Value;
  /** 95% intervals of the means, where published (`mean_intake_low`, …). */
  mean_intake_low?: Value;
  mean_intake_high?: Value;
  mean_follow_up_low?: Value;
  mean_follow_up_high?: Value;
  mean_change_low?: Value;
  mean_change_high?: Value;
}

export interface ChangeOptions extends ChartOptions {
  /** What the second dot is ("12 months", "follow-up"). */
  followUpLabel?: string;
  /** The heading of the group column ("Region", "Follow-up"). */
  groupHeading: string;
  /** The remission-associated cut-off, drawn as a dashed line: `barc10(instruments).cutOff`. */
  cutOff: number;
}

const score = (v: Value): string => formatScore(v);
const signed = (v: Value): string => (isNumber(v) ? `${v > 0 ? "+" : v < 0 ? "−" : "±"}${Math.abs(v).toLocaleString("en-GB", { minimumFractionDigits: 1, maximumFractionDigits: 1 })}` : v === null ? "[c]" : String(v));
const people = (v: Value): string => formatCount(v);

const INTAKE = "var(--lero-cat-1, #0072b2)";
const LATER = "var(--lero-cat-2, #e69f00)";

function complete(r: ChangeRow): boolean {
  return isNumber(r.mean_intake) && isNumber(r.mean_follow_up);
}

/** The intervals of the shown rows' means at one point, to draw. */
function intervalsAt(rows: readonly ChangeRow[], name: "mean_intake" | "mean_follow_up"): IntervalDatum[] {
  return rows.flatMap((r) => {
    const interval = complete(r) ? meanIntervalOf(r, name) : undefined;
    return interval ? [{ label: r.label, low: interval.low, high: interval.high }] : [];
  });
}

export function changeChart(rows: readonly ChangeRow[], options: ChangeOptions): SVGSVGElement | HTMLElement {
  const width = chartWidth(options.width);
  const narrow = width < 480;
  const shown = rows.filter(complete);
  const hidden = rows.filter((r) => !complete(r));
  const later = options.followUpLabel ?? "follow-up";
  const longest = Math.max(0, ...rows.map((r) => r.label.length));
  const cutOff = options.cutOff;
  const intake = intervalsAt(shown, "mean_intake");
  const followUp = intervalsAt(shown, "mean_follow_up");
  const values = [...shown.flatMap((r) => [r.mean_intake as number, r.mean_follow_up as number]), ...[...intake, ...followUp].flatMap((i) => [i.low, i.high])];
  const lo = Math.max(10, Math.floor((Math.min(cutOff, ...values) - 3) / 5) * 5);
  const hi = Math.min(60, Math.ceil((Math.max(cutOff, ...values) + 2) / 5) * 5);
  return Plot.plot({
    ...defined({ document: options.document }),
    width,
    style: { fontSize: `${CHART_FONT_SIZE}px` },
    marginBottom: 44,
    height: 14 + 70 + rows.length * (narrow ? 44 : 30),
    marginLeft: narrow ? 16 : Math.min(200, 14 + longest * 7.2),
    marginRight: narrow ? 12 : 124,
    marginTop: 40,
    x: { label: "Mean BARC-10 total", domain: [lo, hi], grid: true },
    y: { label: null, domain: rows.map((r) => r.label), axis: narrow ? null : "left", padding: narrow ? 0.55 : 0.2 },
    marks: [
      Plot.ruleX([cutOff], { stroke: "var(--lero-cat-6, #d55e00)", strokeDasharray: "5,4" }),
      Plot.text([cutOff], { x: (d: number) => d, frameAnchor: "top", dy: -8, text: () => `${cutOff}+`, fill: "var(--lero-cat-6, #d55e00)" }),
      Plot.link(shown, { x1: "mean_intake", x2: "mean_follow_up", y1: "label", y2: "label", stroke: "currentColor", strokeOpacity: 0.5, strokeWidth: 2 }),
      intervalMarks(intake, { y: "label", dy: -7, domain: [lo, hi] }),
      intervalMarks(followUp, { y: "label", dy: 7, domain: [lo, hi] }),
      Plot.dot(shown, { x: "mean_intake", y: "label", r: 5, symbol: "circle", fill: INTAKE, stroke: "var(--theme-background, white)" }),
      Plot.dot(shown, { x: "mean_follow_up", y: "label", r: 6, symbol: "diamond", fill: LATER, stroke: "currentColor", strokeWidth: 0.5 }),
      narrow
        ? Plot.text(rows, { x: lo, y: "label", dy: -15, frameAnchor: "left", textAnchor: "start", text: (d: ChangeRow) => `${d.label}: ${complete(d) ? signed(d.mean_change) : "[c]"} (${people(d.count)})`, fill: "currentColor" })
        : Plot.text(rows, { frameAnchor: "right", y: "label", dx: 118, textAnchor: "end", text: (d: ChangeRow) => (complete(d) ? `${signed(d.mean_change)}  (${people(d.count)})` : `[c]  (${people(d.count)})`), fill: "currentColor" }),
      Plot.text(hidden, { x: lo, y: "label", dx: 4, textAnchor: "start", text: () => "[c]", fill: "var(--lero-suppressed, #767676)", fontStyle: "italic" }),
      // Legend as marks, so it travels with the SVG download.
      Plot.dot([0], { x: lo, frameAnchor: "top", dy: -26, dx: 6, symbol: "circle", r: 5, fill: INTAKE }),
      Plot.text([0], { x: lo, frameAnchor: "top", dy: -26, dx: 15, textAnchor: "start", text: () => "Intake", fill: "currentColor" }),
      Plot.dot([0], { x: lo, frameAnchor: "top", dy: -26, dx: 76, symbol: "diamond", r: 6, fill: LATER, stroke: "currentColor", strokeWidth: 0.5 }),
      Plot.text([0], { x: lo, frameAnchor: "top", dy: -26, dx: 86, textAnchor: "start", text: () => later.charAt(0).toUpperCase() + later.slice(1), fill: "currentColor" }),
      Plot.text([0], { frameAnchor: "top-right", dy: -26, dx: narrow ? 0 : 118, textAnchor: "end", text: () => "Change  (people)", fill: "currentColor", fontWeight: "bold" }),
    ],
  });
}

export function describeChange(rows: readonly ChangeRow[], followUpLabel = "follow-up"): string {
  const shown = rows.filter(complete);
  const hidden = rows.length - shown.length;
  if (shown.length === 0) return "All values are hidden to protect confidentiality.";
  const parts = shown.map((r) => `${r.label}: ${score(r.mean_intake)} at intake, ${score(r.mean_follow_up)} at ${followUpLabel} (${signed(r.mean_change)}, ${people(r.count)} people)`);
  return `Mean BARC-10 total at intake and at ${followUpLabel} for the same people. ${parts.join("; ")}.${hidden ? ` ${hidden} ${hidden === 1 ? "group is" : "groups are"} hidden to protect confidentiality.` : ""}`;
}

export function changeFigure(rows: readonly ChangeRow[], options: ChangeOptions & ChartFigureOptions & { title: string; subtitle: string }): HTMLElement {
  const later = options.followUpLabel ?? "follow-up";
  const columns: TableColumn[] = [
    { key: "label", label: options.groupHeading },
    { key: "count", label: "People assessed at both points", numeric: true, format: (v) => people(v as Value) },
    { key: "mean_intake", label: "Mean at intake", numeric: true, format: (v) => score(v as Value) },
    intervalColumn("intake_interval", "95% interval at intake"),
    { key: "mean_follow_up", label: `Mean at ${later}`, numeric: true, format: (v) => score(v as Value) },
    intervalColumn("follow_up_interval", `95% interval at ${later}`),
    { key: "mean_change", label: "Mean change", numeric: true, format: (v) => signed(v as Value) },
    intervalColumn("change_interval", "95% interval of the change"),
  ];
  const interval = (r: ChangeRow, name: string): string => intervalText(meanIntervalOf(r, name), "mean");
  return figure({
    ...frameOptions(options),
    title: options.title,
    subtitle: options.subtitle,
    chart: changeChart(rows, options),
    notes: withIntervalNote(options.notes),
    description: describeChange(rows, later),
    columns,
    rows: rows.map((r) => ({
      label: r.label,
      count: r.count,
      mean_intake: r.mean_intake,
      intake_interval: interval(r, "mean_intake"),
      mean_follow_up: r.mean_follow_up,
      follow_up_interval: interval(r, "mean_follow_up"),
      mean_change: r.mean_change,
      change_interval: interval(r, "mean_change"),
    })),
  });
}
