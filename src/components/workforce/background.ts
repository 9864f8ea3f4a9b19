/**
 * Who the trainees were: counts of trainees by one background question (how they attended, higher
 * education, research done before), as horizontal bars with hidden counts marked [c]. The headline
 * names the largest group in words from the data.
 */
import type { CellRules } from "../../lib/disclosure-rules.js";
import * as Plot from "@observablehq/plot";
import { CHART_FONT_SIZE, wrappedLines } from "../shared/bars.js";
import { chartOptions, defined, frameOptions, isNumber, TOTAL, type ChartFigureOptions, type ChartOptions, type Value } from "../shared/chart.js";
import { formatCount } from "../shared/format.js";
import type { BarDatum } from "../shared/bars.js";
import { chartWidth, figure, type TableColumn } from "../shared/figure.js";

/** A published one-way aggregate (`workforce-attendance`, `workforce-higher-education`, …). */
export interface CountTable {
  dimensions: string[];
  totalLabel?: string;
  /** For questions with several answers each: the trainees who answered. */
  base?: Value;
  rows: Record<string, Value>[];
}


export type BackgroundQuestion = "attendance" | "higher_education" | "prior_research_experience";

/** How each answer reads in a sentence about trainees ("… attended mostly online"). */
const PHRASES: Record<BackgroundQuestion, Record<string, string>> = {
  attendance: { "In person": "attended mostly in person", Online: "attended mostly online" },
  higher_education: {
    No: "had not studied at college or university level",
    "Started but did not finish": "had started higher education but not finished",
    "Yes, a degree or higher": "had a degree or higher",
  },
  prior_research_experience: {
    "None of these": "had done no research of any kind before",
    "Filled in a survey or took part in a study": "had filled in a survey or taken part in a study",
    "Helped run a survey, focus group or consultation": "had helped run a survey, focus group or consultation",
    "Peer research or peer evaluation": "had done peer research or peer evaluation",
    "A research course or research job": "had done a research course or research job",
  },
};

const people = (v: Value): string => formatCount(v);

/** Count bars, one per answer; on narrow screens each answer sits above its bar. Hidden counts show [c]. */
export function backgroundChart(bars: readonly BarDatum[], options: ChartOptions = {}): SVGSVGElement | HTMLElement {
  const width = chartWidth(options.width);
  const narrow = width < 560;
  const shown = bars.filter((d) => isNumber(d.value));
  const hidden = bars.filter((d) => !isNumber(d.value));
  const longest = Math.max(0, ...bars.map((d) => d.label.length));
  const max = Math.max(10, ...shown.map((d) => d.value as number));
  // On a phone each answer sits above its bar, wrapped (never cut): rows grow with the longest.
  const lines = narrow ? Math.max(1, ...bars.map((d) => wrappedLines(d.label, width - 24))) : 1;
  return Plot.plot({
    ...defined({ document: options.document }),
    width,
    style: { fontSize: `${CHART_FONT_SIZE}px` },
    marginBottom: 44,
    height: 14 + 44 + bars.length * (narrow ? 46 + (lines - 1) * 15 : 30),
    marginLeft: narrow ? 8 : Math.min(330, 16 + longest * 7.2),
    marginRight: 40,
    x: { label: "Trainees", domain: [0, max], grid: true, ticks: Math.min(6, Math.ceil(max / 5)) },
    y: { label: null, domain: bars.map((d) => d.label), axis: narrow ? null : "left", padding: narrow ? 1 - 23 / (46 + (lines - 1) * 15) : 0.2 },
    marks: [
      Plot.barX(shown, { x: "value", y: "label", fill: "var(--lero-cat-3, #009e73)" }),
      Plot.text(shown, { x: "value", y: "label", dx: 4, textAnchor: "start", text: (d: BarDatum) => people(d.value), fill: "currentColor" }),
      Plot.text(hidden, { x: 0, y: "label", dx: 4, textAnchor: "start", text: () => "[c]", fill: "var(--lero-suppressed, #767676)", fontStyle: "italic" }),
      ...(narrow ? [Plot.text(bars, { x: 0, y: "label", dy: -14, lineAnchor: "bottom", textAnchor: "start", text: "label", fill: "currentColor", lineWidth: (width - 24) / CHART_FONT_SIZE })] : []),
      Plot.ruleX([0]),
    ],
  });
}

export function backgroundBars(table: CountTable, question: BackgroundQuestion): BarDatum[] {
  const dim = table.dimensions[0] ?? question;
  const total = table.totalLabel ?? TOTAL;
  return table.rows.filter((r) => r[dim] !== total).map((r) => ({ label: String(r[dim]), value: r.count ?? null }));
}

/** The number of trainees the question is about: the multi-answer base, or the published total. */
export function backgroundBase(table: CountTable): Value {
  if (table.base !== undefined) return table.base;
  const dim = table.dimensions[0] ?? "";
  return table.rows.find((r) => r[dim] === (table.totalLabel ?? TOTAL))?.count ?? null;
}

export function backgroundTitle(table: CountTable, question: BackgroundQuestion): string {
  const bars = backgroundBars(table, question).filter((d) => isNumber(d.value));
  const base = backgroundBase(table);
  if (bars.length === 0 || !isNumber(base) || base === 0) return "Trainees' answers are hidden to protect confidentiality";
  const top = [...bars].sort((a, b) => (b.value as number) - (a.value as number))[0]!;
  const phrase = PHRASES[question][top.label] ?? `answered “${top.label}”`;
  const share = (top.value as number) / base;
  const who = share > 0.6 ? "Most trainees" : share >= 0.45 ? "About half of trainees" : `${top.value} of ${base} trainees`;
  return `${who} ${phrase}`;
}

export interface BackgroundFigureOptions extends ChartFigureOptions {
  question: BackgroundQuestion;
  /** The cell rules for counts of people (from the disclosure policy), for the subtitle. */
  rules: CellRules;
  /** The heading of the answer column in the table. */
  labelHeading: string;
  /** Bars from the most trainees down, for answers with no order of their own (default: as published). */
  sort?: boolean;
}

export function backgroundFigure(table: CountTable, options: BackgroundFigureOptions): HTMLElement {
  const base = backgroundBase(table);
  const several = table.base !== undefined;
  const baseText = isNumber(base) ? `${base.toLocaleString("en-GB")} trainees` : "hidden";
  const notes = [...(options.notes ?? [])];
  if (several) notes.unshift("Trainees could give more than one answer, so the counts add up to more than the base.");
  const published = backgroundBars(table, options.question);
  const bars = options.sort ? [...published].sort((a, b) => (isNumber(b.value) ? b.value : -1) - (isNumber(a.value) ? a.value : -1)) : published;
  const columns: TableColumn[] = [
    { key: "label", label: options.labelHeading },
    { key: "value", label: "Trainees", numeric: true, format: (v) => people(v as Value) },
  ];
  const shown = bars.filter((d) => isNumber(d.value));
  const hiddenCount = bars.length - shown.length;
  const description = `Number of trainees by answer (base ${baseText}). ${bars.map((d) => `${d.label}: ${isNumber(d.value) ? people(d.value) : "hidden"}`).join("; ")}.${hiddenCount ? ` ${hiddenCount} ${hiddenCount === 1 ? "count is" : "counts are"} hidden to protect confidentiality.` : ""}`;
  return figure({
    ...frameOptions(options),
    title: options.title ?? backgroundTitle(table, options.question),
    subtitle: options.subtitle ?? `Number of trainees${options.rules.rounding > 1 ? `, rounded to the nearest ${options.rules.rounding}` : ""}; base: ${baseText}`,
    chart: backgroundChart(bars, { ...chartOptions(options) }),
    description,
    notes,
    columns,
    rows: bars.map((d) => ({ label: d.label, value: d.value })),
  });
}
