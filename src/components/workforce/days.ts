/**
 * How useful trainees found each training day: a lollipop per day on the 1–5 rating scale, from the
 * bottom of the scale to the mean, with the mean printed. Days whose mean is hidden keep their row and
 * show [c]. The scale starts at 1 (its lowest answer), so a stem's length is the distance above "not
 * useful", not a count. Each mean's 95% interval is a line through the dot and is in the table; the
 * headline ranks days only when their intervals do not overlap.
 */
import * as Plot from "@observablehq/plot";
import { CHART_FONT_SIZE, wrappedLines } from "../shared/bars.js";
import { defined, frameOptions, isNumber, TOTAL, type ChartFigureOptions, type ChartOptions, type Value } from "../shared/chart.js";
import { formatCount, formatScore } from "../shared/format.js";
import { chartWidth, figure, type TableColumn } from "../shared/figure.js";
import { compared, intervalColumn, intervalMarks, intervalText, meanIntervalOf, withIntervalNote } from "../shared/intervals.js";

/** A row of the `workforce-day-ratings` aggregate. */
export interface DayRow {
  day: string;
  cohort: string;
  count: Value;
  mean_rating: Value;
  /** The mean's 95% interval, where published. */
  mean_rating_low?: Value;
  mean_rating_high?: Value;
}

const intervalOf = (r: DayRow | undefined) => meanIntervalOf(r, "mean_rating");

export interface DaysOptions extends ChartOptions {
  /** Which group to draw (default "Total", all trainees). */
  cohort?: string;
}

const score = (v: Value): string => formatScore(v);
const people = (v: Value): string => formatCount(v);

function selected(rows: readonly DayRow[], options: DaysOptions): DayRow[] {
  const cohort = options.cohort ?? TOTAL;
  return rows.filter((r) => r.cohort === cohort);
}

export function daysChart(rows: readonly DayRow[], options: DaysOptions = {}): SVGSVGElement | HTMLElement {
  const width = chartWidth(options.width);
  const narrow = width < 480;
  const data = selected(rows, options);
  const shown = data.filter((d) => isNumber(d.mean_rating));
  const hidden = data.filter((d) => !isNumber(d.mean_rating));
  const longest = Math.max(0, ...data.map((d) => d.day.length));
  // On a phone each day sits above its line, wrapped (never cut): rows grow with the longest.
  const lines = narrow ? Math.max(1, ...data.map((d) => wrappedLines(d.day, width - 24))) : 1;
  const row = narrow ? 46 + (lines - 1) * 15 : 32;
  return Plot.plot({
    ...defined({ document: options.document }),
    width,
    style: { fontSize: `${CHART_FONT_SIZE}px` },
    marginBottom: 44,
    height: 14 + 48 + data.length * row,
    marginLeft: narrow ? 16 : Math.min(280, 16 + longest * 7.2),
    marginRight: 40,
    x: { label: "Mean rating (1 = not useful, 5 = very useful)", domain: [1, 5], ticks: [1, 2, 3, 4, 5], grid: true },
    y: { label: null, domain: data.map((d) => d.day), axis: narrow ? null : "left", padding: narrow ? 1 - 18 / row : 0.3 },
    marks: [
      Plot.ruleY(shown, { x1: 1, x2: "mean_rating", y: "day", stroke: "var(--lero-cat-1, #0072b2)", strokeWidth: 3 }),
      intervalMarks(
        shown.flatMap((d) => {
          const interval = intervalOf(d);
          return interval ? [{ day: d.day, low: interval.low, high: interval.high }] : [];
        }),
        { y: "day", dy: 9, domain: [1, 5] },
      ),
      Plot.dot(shown, { x: "mean_rating", y: "day", r: 6, fill: "var(--lero-cat-1, #0072b2)", stroke: "var(--theme-background, white)" }),
      Plot.text(shown, { x: "mean_rating", y: "day", dx: 10, dy: -2, textAnchor: "start", text: (d: DayRow) => score(d.mean_rating), fill: "currentColor" }),
      Plot.text(hidden, { x: 1, y: "day", dx: 4, textAnchor: "start", text: () => "[c]", fill: "var(--lero-suppressed, #767676)", fontStyle: "italic" }),
      ...(narrow ? [Plot.text(data, { x: 1, y: "day", dy: -10, lineAnchor: "bottom", textAnchor: "start", text: "day", fill: "currentColor", lineWidth: (width - 24) / CHART_FONT_SIZE })] : []),
    ],
  });
}

/** "Day 4: Interviewing and listening" → "day 4 on interviewing and listening", for headlines. */
function dayPhrase(label: string): string {
  const match = /^Day (\d+): (.+)$/.exec(label);
  return match ? `day ${match[1]} on ${match[2]!.charAt(0).toLowerCase()}${match[2]!.slice(1)}` : label;
}

/** A headline from the data: whether every day was rated above the middle of the scale, and which most. */
export function daysTitle(rows: readonly DayRow[], options: DaysOptions = {}): string {
  const shown = selected(rows, options).filter((d) => isNumber(d.mean_rating));
  if (shown.length === 0) return "Ratings of the training days cannot be shown for this group";
  const sorted = [...shown].sort((a, b) => (b.mean_rating as number) - (a.mean_rating as number));
  const top = sorted[0]!;
  const low = sorted[sorted.length - 1]!;
  // A day is "most of all" or "lowest" only when its interval clears the others'; otherwise they tie.
  const tied = sorted.slice(1).some((d) => compared(intervalOf(top), intervalOf(d)) !== "higher");
  const lowTied = sorted.slice(0, -1).some((d) => compared(intervalOf(low), intervalOf(d)) !== "lower");
  if ((low.mean_rating as number) > 3) {
    return tied
      ? `Trainees found every day useful: the top rating was ${score(top.mean_rating)} out of 5`
      : `Trainees found every day useful, most of all ${dayPhrase(top.day)} (${score(top.mean_rating)} out of 5)`;
  }
  if (shown.length === 1) return `Trainees rated ${dayPhrase(top.day)} ${score(top.mean_rating)} out of 5`;
  if (compared(intervalOf(top), intervalOf(low)) !== "higher") return `Trainees rated the days similarly, from ${score(low.mean_rating)} to ${score(top.mean_rating)} out of 5 (the 95% intervals overlap)`;
  return `Trainees rated ${lowTied ? "several days" : dayPhrase(low.day)} lowest (${score(low.mean_rating)} out of 5) and ${tied ? "several days" : dayPhrase(top.day)} highest (${score(top.mean_rating)})`;
}

export function describeDays(rows: readonly DayRow[], options: DaysOptions = {}): string {
  const items = selected(rows, options).map((d) => `${d.day}: ${isNumber(d.mean_rating) ? `${score(d.mean_rating)} out of 5 (${people(d.count)} trainees)` : "hidden to protect confidentiality"}`);
  return `Mean rating of how useful each training day was, from 1 (not useful) to 5 (very useful). ${items.join("; ")}.`;
}

export interface DaysFigureOptions extends DaysOptions, ChartFigureOptions {}

export function daysFigure(rows: readonly DayRow[], options: DaysFigureOptions): HTMLElement {
  const data = selected(rows, options);
  const counts = data.map((d) => d.count).filter(isNumber);
  const base = counts.length === 0 ? "hidden" : Math.min(...counts) === Math.max(...counts) ? `${people(counts[0]!)} trainees` : `${people(Math.min(...counts))} to ${people(Math.max(...counts))} trainees who attended each day`;
  const columns: TableColumn[] = [
    { key: "day", label: "Training day" },
    { key: "count", label: "Trainees who rated it (base)", numeric: true, format: (v) => people(v as Value) },
    { key: "mean_rating", label: "Mean rating (1–5)", numeric: true, format: (v) => score(v as Value) },
    intervalColumn("interval"),
  ];
  return figure({
    ...frameOptions(options),
    title: options.title ?? daysTitle(rows, options),
    subtitle: options.subtitle ?? `Mean rating of how useful each day was, from 1 (not useful) to 5 (very useful); base: ${base}`,
    chart: daysChart(rows, options),
    notes: withIntervalNote(options.notes),
    description: describeDays(rows, options),
    columns,
    rows: data.map((d) => ({ day: d.day, count: d.count, mean_rating: d.mean_rating, interval: intervalText(intervalOf(d), "mean") })),
  });
}
