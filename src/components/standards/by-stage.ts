/**
 * How much of the standards LEROs have in place, by stage of development: for each stage, the
 * average share of the statements that apply to a LERO that are in place, and partly in place, as
 * stacked bars; the table gives the same for each section. When the table is not available (the
 * standards data cannot be linked to the audit) a short explanation is returned instead of a chart.
 * The 95% interval of each stage's average share in place (Student's t, published with it) is a line
 * across the end of the "in place" segment and is in the table.
 */
import * as Plot from "@observablehq/plot";
import { defined, frameOptions, isNumber, TOTAL, type ChartFigureOptions, type ChartOptions, type Value } from "../shared/chart.js";
import { chartWidth, figure, type TableColumn } from "../shared/figure.js";
import { formatPercent } from "../shared/format.js";
import { standardsLegend } from "./legend.js";
import { stagePhrase as phrase } from "../shared/stages.js";
import type { StandardsRow } from "./status.js";
import { intervalMarks, intervalText, meanIntervalOf, withIntervalNote, type IntervalDatum } from "../shared/intervals.js";

export const ALL_SECTIONS = "All sections";
export const ALL_STAGES = "All LEROs";

export interface ByStageOptions extends ChartFigureOptions {
  /** e.g. "2025 self-assessment", for the subtitle. */
  wave?: string;
}

const show = (v: Value | undefined): string => formatPercent(v, "[x]");
const stageLabel = (stage: string) => (stage === TOTAL ? ALL_STAGES : stage);

/** Whether any stage has a published share. */
export function available(rows: readonly StandardsRow[]): boolean {
  return rows.some((r) => isNumber(r.percent_in_place));
}

function overall(rows: readonly StandardsRow[]): StandardsRow[] {
  const all = rows.filter((r) => r.section === ALL_SECTIONS);
  return [...all.filter((r) => r.stage === TOTAL), ...all.filter((r) => r.stage !== TOTAL)];
}

export function byStageTitle(rows: readonly StandardsRow[]): string {
  const stages = overall(rows).filter((r) => r.stage !== TOTAL && isNumber(r.percent_in_place));
  const total = overall(rows).find((r) => r.stage === TOTAL);
  const head = isNumber(total?.percent_in_place) ? `On average, LEROs have ${Math.round(total.percent_in_place)}% of the statements that apply to them in place` : "Statements in place, by stage of development";
  if (stages.length < 2) return head;
  const sorted = [...stages].sort((a, b) => (a.percent_in_place as number) - (b.percent_in_place as number));
  const low = sorted[0]!;
  const high = sorted[sorted.length - 1]!;
  if (low.percent_in_place === high.percent_in_place) return head;
  return `${head}: from ${Math.round(low.percent_in_place as number)}% for ${phrase(String(low.stage))} to ${Math.round(high.percent_in_place as number)}% for ${phrase(String(high.stage))}`;
}

export function describeByStage(rows: readonly StandardsRow[]): string {
  const parts = overall(rows).map((r) => `${stageLabel(String(r.stage))}: ${show(r.percent_in_place)} in place, ${show(r.percent_partly)} partly`);
  return `Average share of applicable statements in place and partly in place, by stage of development. ${parts.join("; ")}.`;
}

interface Segment {
  stage: string;
  kind: string;
  x1: number;
  x2: number;
}

const KINDS = ["In place", "Partly in place"];
const COLOURS = ["var(--lero-cat-3, #009e73)", "var(--lero-cat-5, #56b4e9)"];

export function byStageChart(rows: readonly StandardsRow[], options: ChartOptions): SVGSVGElement | HTMLElement {
  const width = chartWidth(options.width);
  const list = overall(rows);
  const labels = list.map((r) => stageLabel(String(r.stage)));
  const segments: Segment[] = [];
  const hidden: { stage: string; text: string }[] = [];
  const intervals: IntervalDatum[] = [];
  for (const r of list) {
    const stage = stageLabel(String(r.stage));
    if (!isNumber(r.percent_in_place) || !isNumber(r.percent_partly)) {
      hidden.push({ stage, text: typeof r.count === "string" ? r.count : "[x]" });
      continue;
    }
    segments.push({ stage, kind: KINDS[0]!, x1: 0, x2: r.percent_in_place });
    segments.push({ stage, kind: KINDS[1]!, x1: r.percent_in_place, x2: r.percent_in_place + r.percent_partly });
    const interval = meanIntervalOf(r, "percent_in_place");
    if (interval) intervals.push({ stage, low: interval.low, high: interval.high });
  }
  const marginLeft = Math.min(140, 14 + Math.max(...labels.map((l) => l.length)) * 7);
  return Plot.plot({
    ...defined({ document: options.document }),
    width,
    height: 44 + list.length * 34,
    marginLeft,
    marginRight: 16,
    style: { fontSize: "12px" },
    x: { domain: [0, 100], label: width < 480 ? "Average percentage" : "Average percentage of applicable statements", tickFormat: (d: number) => `${d}%`, grid: true, ticks: width < 420 ? 4 : 10 },
    y: { domain: labels, label: null, tickSize: 0 },
    color: { domain: KINDS, range: COLOURS },
    marks: [
      Plot.rectX(segments, { x1: "x1", x2: "x2", y: "stage", fill: "kind", insetTop: 4, insetBottom: 4 }),
      Plot.text(
        segments.filter((s) => ((s.x2 - s.x1) / 100) * (width - marginLeft - 16) >= 34),
        { x: (s: Segment) => (s.x1 + s.x2) / 2, y: "stage", text: (s: Segment) => `${Math.round(s.x2 - s.x1)}%`, fill: "#111" },
      ),
      // Along the bar's lower edge, clear of the percentages printed in its middle.
      intervalMarks(intervals, { y: "stage", dy: 9, domain: [0, 100] }),
      Plot.text(hidden, { x: 0, y: "stage", text: "text", textAnchor: "start", dx: 4, fill: "currentColor", fontStyle: "italic" }),
      Plot.ruleX([0]),
    ],
  });
}

export function standardsByStage(rows: readonly StandardsRow[], options: ByStageOptions & { notAvailable?: string }): HTMLElement {
  const doc = options.document ?? document;
  if (!available(rows)) {
    const note = doc.createElement("p");
    note.className = "standards-unavailable";
    note.id = options.id;
    note.textContent = options.notAvailable ?? "This breakdown is not available for the current data.";
    return note;
  }
  const sections = [...new Set(rows.map((r) => String(r.section)))];
  const stages = [...new Set(overall(rows).map((r) => String(r.stage)))];
  const at = (stage: string, section: string) => rows.find((r) => r.stage === stage && r.section === section);
  const columns: TableColumn[] = [
    { key: "stage", label: "Stage of development" },
    { key: "count", label: "LEROs", numeric: true },
    { key: "interval", label: `${ALL_SECTIONS}: in place, 95% interval`, numeric: true },
    ...sections.map((section, i): TableColumn => ({ key: `c${i}`, label: `${section}: in place (partly)`, numeric: true })),
  ];
  const tableRows = stages.map((stage) =>
    Object.fromEntries([
      ["stage", stageLabel(stage)],
      ["count", at(stage, ALL_SECTIONS)?.count ?? null],
      ["interval", intervalText(meanIntervalOf(at(stage, ALL_SECTIONS), "percent_in_place"), "percent")],
      ...sections.map((section, i) => {
        const r = at(stage, section);
        return [`c${i}`, isNumber(r?.percent_in_place) ? `${show(r.percent_in_place)} (${show(r.percent_partly)})` : show(r?.count)];
      }),
    ]),
  );
  const chart = doc.createElement("div");
  chart.append(standardsLegend(doc, KINDS, COLOURS), byStageChart(rows, options));
  const total = at(TOTAL, ALL_SECTIONS)?.count;
  return figure({
    ...frameOptions(options),
    title: byStageTitle(rows),
    subtitle: `Average percentage of the statements that apply to each LERO${options.wave ? `, ${options.wave}` : ""}; base: ${isNumber(total) ? total.toLocaleString("en-GB") : show(total)} LEROs`,
    chart,
    description: describeByStage(rows),
    notes: withIntervalNote([...(options.notes ?? []), "A statement marked 'not applicable' by a LERO does not count for it. [x] = no figure: fewer than 3 LEROs, or their number is hidden."]),
    columns,
    rows: tableRows,
  });
}
