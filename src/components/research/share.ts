/**
 * The share of LEROs in each group (stage of development or region) that do one thing — evaluate
 * their work, say — as horizontal bars, with all LEROs first. Bases are in the table; groups whose
 * share is hidden or cannot be worked out keep their row and show the symbol. Each share's 95%
 * interval (Wilson, from the published share and the published number of LEROs in the group) is a
 * line across the bar's end and is in the table.
 */
import { chartOptions, defined, frameOptions, isNumber, TOTAL, type ChartFigureOptions } from "../shared/chart.js";
import { formatCount, formatPercent } from "../shared/format.js";
import { figure, type TableColumn } from "../shared/figure.js";
import { optionsChart, type Bar } from "./options.js";
import { groupLabel, groupPhrase, roundedPercent, type ResearchRow } from "./text.js";
import { keyOf, measure } from "../../lib/measures.js";
import { intervalColumn, intervalText, shareInterval, withIntervalNote } from "../shared/intervals.js";

export interface ShareOptions extends ChartFigureOptions {
  /** The dimension the rows are grouped by: "stage" or "region". */
  groupDim: string;
  /** What the LEROs counted do, to finish "68% of LEROs …": "evaluate their work". */
  doing: string;
  /** The column heading for the counted LEROs: "Evaluate their work". */
  countHeading: string;
  /** The column heading for the groups: "Stage of development". */
  groupHeading: string;
  /** e.g. "2025 audit": used in the subtitle. */
  wave?: string;
  /** The registry measure the percentages are (`leros-evaluating`): their cells, and the bases', are marked with it. */
  measure?: string;
}

function groupsOf(rows: readonly ResearchRow[], groupDim: string): ResearchRow[] {
  const total = rows.filter((r) => r[groupDim] === TOTAL);
  return [...total, ...rows.filter((r) => r[groupDim] !== TOTAL)];
}

/** "68% of LEROs evaluate their work: from 41% of informal groups to 100% of mature LEROs". */
export function shareTitle(rows: readonly ResearchRow[], options: Pick<ShareOptions, "groupDim" | "doing">): string {
  const total = rows.find((r) => r[options.groupDim] === TOTAL);
  const groups = rows.filter((r) => r[options.groupDim] !== TOTAL && isNumber(r.percent));
  const head = isNumber(total?.percent) ? `${roundedPercent(total.percent)} of LEROs ${options.doing}` : `How many LEROs ${options.doing}`;
  if (groups.length < 2) return head;
  const sorted = [...groups].sort((a, b) => (a.percent as number) - (b.percent as number));
  const low = sorted[0]!;
  const high = sorted[sorted.length - 1]!;
  if (low.percent === high.percent) return `${head}, in every group shown alike`;
  const name = (r: ResearchRow) => groupPhrase(options.groupDim, String(r[options.groupDim]));
  return `${head}: from ${roundedPercent(low.percent as number)} of ${name(low)} to ${roundedPercent(high.percent as number)} of ${name(high)}`;
}

export function describeShare(rows: readonly ResearchRow[], options: Pick<ShareOptions, "groupDim" | "doing">): string {
  const ordered = groupsOf(rows, options.groupDim);
  const parts = ordered.map((r) => `${groupLabel(String(r[options.groupDim]))}: ${formatPercent(r.percent ?? null, "[x]")}`);
  const hidden = ordered.filter((r) => !isNumber(r.percent)).length;
  return `Percentage of LEROs that ${options.doing}, by group. ${parts.join("; ")}.${hidden > 0 ? ` ${hidden} group${hidden === 1 ? "'s share is" : "s' shares are"} hidden or based on too few LEROs.` : ""}`;
}

export function researchShare(rows: readonly ResearchRow[], options: ShareOptions): HTMLElement {
  const ordered = groupsOf(rows, options.groupDim);
  const intervalOf = (r: ResearchRow) => shareInterval(r.percent, r.base_count);
  const bars: Bar[] = ordered.map((r) => {
    const interval = intervalOf(r);
    return {
      label: groupLabel(String(r[options.groupDim])),
      percent: isNumber(r.percent) ? r.percent : null,
      text: isNumber(r.percent) ? formatPercent(r.percent) : typeof r.count === "string" || typeof r.base_count === "string" ? "[c]" : "[x]",
      ...(interval ? { interval } : {}),
    };
  });
  const total = rows.find((r) => r[options.groupDim] === TOTAL);
  const id = options.measure;
  const baseId = id === undefined ? undefined : measure(id).baseMeasure;
  const keyed = (measureId: string | undefined) =>
    measureId === undefined ? undefined : (row: Record<string, unknown>) => ({ measure: measureId, key: keyOf(measureId, { [options.groupDim]: row.dim === TOTAL ? undefined : String(row.dim) }) });
  const columns: TableColumn[] = [
    { key: "group", label: options.groupHeading },
    { key: "base", label: "LEROs", numeric: true, format: (v) => formatCount(v as string | number | null), ...defined({ measure: keyed(baseId) }) },
    { key: "count", label: options.countHeading, numeric: true, format: (v) => formatCount(v as string | number | null) },
    { key: "percent", label: "Percentage", numeric: true, format: (v) => formatPercent(v as string | number | null, "[x]"), ...defined({ measure: keyed(id) }) },
    intervalColumn("interval"),
  ];
  return figure({
    ...frameOptions(options),
    title: shareTitle(rows, options),
    subtitle: `Percentage of LEROs in each group${options.wave ? `, ${options.wave}` : ""}; base: ${formatCount(total?.base_count ?? null)} LEROs`,
    chart: optionsChart(bars, chartOptions(options)),
    description: describeShare(rows, options),
    notes: withIntervalNote([...(options.notes ?? []), ...(bars.some((b) => b.text === "[x]") ? ["[x] = no percentage: fewer than 3 LEROs in the group."] : [])]),
    columns,
    // A share whose count is hidden reads [c], as in the bars; [x] is for a base too small to give one.
    rows: ordered.map((r, i) => ({ group: groupLabel(String(r[options.groupDim])), dim: String(r[options.groupDim]), base: r.base_count, count: r.count, percent: isNumber(r.percent) ? r.percent : bars[i]!.text, interval: intervalText(intervalOf(r), "percent") })),
  });
}
