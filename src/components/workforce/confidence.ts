/**
 * Confidence in each research skill before and after the peer-research training: a dumbbell per
 * skill, from an open circle (before, looking back) to a filled diamond (after), with the change
 * printed. Several groups (cohorts) are drawn as panels one above the other. A skill whose means are
 * hidden keeps its row and shows [c]. Shape as well as colour tells before from after.
 */
import * as Plot from "@observablehq/plot";
import { CHART_FONT_SIZE, wrappedLines } from "../shared/bars.js";
import { TOTAL, defined, frameOptions, isNumber, type ChartFigureOptions, type ChartOptions, type Value } from "../shared/chart.js";
import { formatCount, formatScore } from "../shared/format.js";
import { chartWidth, figure, type TableColumn } from "../shared/figure.js";

/** A row of the `workforce-confidence` aggregate. */
export interface ConfidenceRow {
  skill: string;
  cohort: string;
  count: Value;
  mean_before: Value;
  mean_after: Value;
}

export interface ConfidenceOptions extends ChartOptions {
  /** Which groups to draw, in order (default: the all-trainee rows, "Total"). */
  cohorts?: string[];
  /** How to name a group in panels and tables ("Total" → "All trainees"). */
  cohortLabel?: (cohort: string) => string;
}

const BEFORE = "var(--lero-cat-2, #e69f00)";
const AFTER = "var(--lero-cat-1, #0072b2)";

const score = (v: Value): string => formatScore(v);
const people = (v: Value): string => formatCount(v);
const complete = (r: ConfidenceRow): boolean => isNumber(r.mean_before) && isNumber(r.mean_after);
const change = (r: ConfidenceRow): number | null => (complete(r) ? Math.round(((r.mean_after as number) - (r.mean_before as number)) * 10) / 10 : null);
const signed = (v: number | null): string =>
  v === null ? "[c]" : `${v > 0 ? "+" : v < 0 ? "−" : "±"}${Math.abs(v).toLocaleString("en-GB", { minimumFractionDigits: 1, maximumFractionDigits: 1 })}`;
const defaultLabel = (cohort: string): string => (cohort === TOTAL ? "All trainees" : cohort);

function selected(rows: readonly ConfidenceRow[], options: ConfidenceOptions): ConfidenceRow[] {
  const cohorts = options.cohorts ?? [TOTAL];
  return cohorts.flatMap((c) => rows.filter((r) => r.cohort === c));
}

export function confidenceChart(rows: readonly ConfidenceRow[], options: ConfidenceOptions = {}): SVGSVGElement | HTMLElement {
  const width = chartWidth(options.width);
  const narrow = width < 480;
  const label = options.cohortLabel ?? defaultLabel;
  const data = selected(rows, options).map((r) => ({ ...r, group: label(r.cohort), change: change(r) }));
  const groups = [...new Set(data.map((d) => d.group))];
  const faceted = groups.length > 1;
  const skills = [...new Set(data.map((d) => d.skill))];
  const shown = data.filter(complete);
  const hidden = data.filter((d) => !complete(d));
  const longest = Math.max(0, ...skills.map((s) => s.length));
  // On a phone each skill sits above its row, wrapped (never cut): rows grow with the longest.
  const lines = narrow ? Math.max(1, ...skills.map((s) => wrappedLines(`${s}: +0.0`, width - 24))) : 1;
  const rowHeight = narrow ? 46 + (lines - 1) * 15 : 32;
  const fy = faceted ? { fy: "group" } : {};
  return Plot.plot({
    ...defined({ document: options.document }),
    width,
    style: { fontSize: `${CHART_FONT_SIZE}px` },
    marginBottom: 44,
    height: 14 + 64 + groups.length * (skills.length * rowHeight + (faceted ? 36 : 0)),
    marginLeft: narrow ? 16 : Math.min(240, 16 + longest * 7.2),
    // Room for half of the "5.0" tick label at the right end of the axis.
    marginRight: narrow ? 20 : 56,
    marginTop: 40,
    x: { label: "Mean confidence (1 = not at all, 5 = very)", domain: [1, 5], ticks: [1, 2, 3, 4, 5], grid: true },
    y: { label: null, domain: skills, axis: narrow ? null : "left", padding: narrow ? 1 - 18 / rowHeight : 0.25 },
    ...(faceted ? { fy: { label: null, domain: groups, axis: null, padding: 0.22 } } : {}),
    marks: [
      ...(faceted ? [Plot.text(groups, { fy: (d: string) => d, frameAnchor: "top-left", dy: -8, text: (d: string) => d, fill: "currentColor", fontSize: 13, fontWeight: "bold" })] : []),
      Plot.link(shown, { x1: "mean_before", x2: "mean_after", y1: "skill", y2: "skill", ...fy, stroke: "currentColor", strokeOpacity: 0.5, strokeWidth: 2 }),
      Plot.dot(shown, { x: "mean_before", y: "skill", ...fy, r: 5, symbol: "circle", fill: "var(--theme-background, white)", stroke: BEFORE, strokeWidth: 2.5 }),
      Plot.dot(shown, { x: "mean_after", y: "skill", ...fy, r: 6, symbol: "diamond", fill: AFTER, stroke: "currentColor", strokeWidth: 0.5 }),
      narrow
        ? Plot.text(data, { x: 1, y: "skill", ...fy, dy: -10, lineAnchor: "bottom", textAnchor: "start", text: (d: (typeof data)[number]) => `${d.skill}: ${signed(d.change)}`, fill: "currentColor", lineWidth: (width - 24) / CHART_FONT_SIZE })
        : Plot.text(data, { frameAnchor: "right", y: "skill", ...fy, dx: 50, textAnchor: "end", text: (d: (typeof data)[number]) => signed(d.change), fill: "currentColor" }),
      Plot.text(hidden, { x: 1, y: "skill", ...fy, dx: 4, textAnchor: "start", text: () => "[c]", fill: "var(--lero-suppressed, #767676)", fontStyle: "italic" }),
      // The key is drawn as marks so it travels with the SVG and PNG downloads.
      Plot.dot([0], { x: 1, frameAnchor: "top", dy: -28, dx: 6, symbol: "circle", r: 5, fill: "var(--theme-background, white)", stroke: BEFORE, strokeWidth: 2.5, ...(faceted ? { fy: () => groups[0] } : {}) }),
      Plot.text([0], { x: 1, frameAnchor: "top", dy: -28, dx: 15, textAnchor: "start", text: () => "Before", fill: "currentColor", ...(faceted ? { fy: () => groups[0] } : {}) }),
      Plot.dot([0], { x: 1, frameAnchor: "top", dy: -28, dx: 76, symbol: "diamond", r: 6, fill: AFTER, stroke: "currentColor", strokeWidth: 0.5, ...(faceted ? { fy: () => groups[0] } : {}) }),
      Plot.text([0], { x: 1, frameAnchor: "top", dy: -28, dx: 86, textAnchor: "start", text: () => "After", fill: "currentColor", ...(faceted ? { fy: () => groups[0] } : {}) }),
      ...(narrow ? [] : [Plot.text([0], { frameAnchor: "top-right", dy: -28, dx: 50, textAnchor: "end", text: () => "Change", fill: "currentColor", fontWeight: "bold", ...(faceted ? { fy: () => groups[0] } : {}) })]),
    ],
  });
}

/**
 * A headline from the data: for one group, how many skills rose and which rose most; for several,
 * whether confidence rose in every skill in each of them.
 */
export function confidenceTitle(rows: readonly ConfidenceRow[], options: ConfidenceOptions = {}): string {
  const cohorts = options.cohorts ?? [TOTAL];
  const label = options.cohortLabel ?? defaultLabel;
  const tally = cohorts.map((cohort) => {
    const data = rows.filter((r) => r.cohort === cohort && complete(r));
    return { cohort, data, rose: data.filter((r) => (change(r) ?? 0) > 0) };
  });
  const usable = tally.filter((t) => t.data.length > 0);
  if (usable.length === 0) return "Confidence before and after the training cannot be shown for this group";
  if (cohorts.length > 1) {
    const everyone = usable.every((t) => t.rose.length === t.data.length);
    const groups = usable.length === 2 ? "both" : `all ${usable.length}`;
    return everyone
      ? `Confidence rose in every research skill in ${groups} ${usable.length === cohorts.length ? "cohorts" : "cohorts that can be shown"}`
      : `Confidence rose in ${usable.map((t) => `${t.rose.length} of ${t.data.length} skills in ${label(t.cohort)}`).join(", and ")}`;
  }
  const { data, rose } = usable[0]!;
  if (rose.length === 0) return `Confidence did not rise in any of the ${data.length} research skills`;
  const top = [...data].sort((a, b) => (change(b) ?? 0) - (change(a) ?? 0))[0]!;
  const lead = rose.length === data.length ? `Confidence rose in all ${data.length} research skills` : `Confidence rose in ${rose.length} of ${data.length} research skills`;
  return `${lead}, most in ${top.skill.toLowerCase()} (${score(top.mean_before)} to ${score(top.mean_after)} out of 5)`;
}

/** The base of the rows drawn, as text: "55 trainees" or "45 to 55 trainees". */
export function confidenceBase(rows: readonly ConfidenceRow[], options: ConfidenceOptions = {}): string {
  const counts = selected(rows, options).map((r) => r.count).filter(isNumber);
  if (counts.length === 0) return "hidden";
  const lo = Math.min(...counts);
  const hi = Math.max(...counts);
  return lo === hi ? `${people(lo)} trainees` : `${people(lo)} to ${people(hi)} trainees`;
}

export function describeConfidence(rows: readonly ConfidenceRow[], options: ConfidenceOptions = {}): string {
  const label = options.cohortLabel ?? defaultLabel;
  const data = selected(rows, options);
  const groups = [...new Set(data.map((r) => r.cohort))];
  const parts = groups.map((g) => {
    const items = data
      .filter((r) => r.cohort === g)
      .map((r) => (complete(r) ? `${r.skill}: ${score(r.mean_before)} before, ${score(r.mean_after)} after (${signed(change(r))})` : `${r.skill}: hidden to protect confidentiality`));
    return `${label(g)}. ${items.join("; ")}.`;
  });
  return `Mean self-rated confidence from 1 (not at all) to 5 (very), before and after the training. ${parts.join(" ")}`;
}

/** `title` defaults to a headline generated from the data. */
export interface ConfidenceFigureOptions extends ConfidenceOptions, ChartFigureOptions {}

export function confidenceFigure(rows: readonly ConfidenceRow[], options: ConfidenceFigureOptions): HTMLElement {
  const label = options.cohortLabel ?? defaultLabel;
  const data = selected(rows, options);
  const several = new Set(data.map((r) => r.cohort)).size > 1;
  const columns: TableColumn[] = [
    ...(several ? [{ key: "group", label: "Group" }] : []),
    { key: "skill", label: "Research skill" },
    { key: "count", label: "Trainees (base)", numeric: true, format: (v) => people(v as Value) },
    { key: "mean_before", label: "Mean before", numeric: true, format: (v) => score(v as Value) },
    { key: "mean_after", label: "Mean after", numeric: true, format: (v) => score(v as Value) },
    { key: "change", label: "Change", numeric: true, format: (v) => signed(isNumber(v as Value) ? (v as number) : null) },
  ];
  return figure({
    ...frameOptions(options),
    title: options.title ?? confidenceTitle(rows, options),
    subtitle:
      options.subtitle ??
      `Mean self-rated confidence in each skill, from 1 (not at all) to 5 (very), before and after the training; base: ${confidenceBase(rows, options)}${several ? " per group" : ""}`,
    chart: confidenceChart(rows, options),
    description: describeConfidence(rows, options),
    columns,
    rows: data.map((r) => ({ group: label(r.cohort), skill: r.skill, count: r.count, mean_before: r.mean_before, mean_after: r.mean_after, change: change(r) })),
  });
}
