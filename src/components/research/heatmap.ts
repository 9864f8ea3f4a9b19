/**
 * One audit question by group: a grid with the question's options as rows and the groups (all LEROs
 * first, then each stage of development or region) as columns, each cell the percentage of the
 * group's LEROs choosing the option, shaded from light (0%) to dark (100%) and labelled. Hidden cells
 * are grey and show `[c]`; cells with no percentage (too few LEROs) show `[x]`.
 *
 * On a phone the option names sit above their rows and the cells share the whole width (twelve regions
 * and the UK fit a 340 px column); only a grid too wide even so would scroll sideways.
 */
import * as Plot from "@observablehq/plot";
import { CHART_FONT_SIZE } from "../shared/bars.js";
import { defined, frameOptions, isNumber, TOTAL, type ChartFigureOptions } from "../shared/chart.js";
import { formatCount, formatPercent } from "../shared/format.js";
import { chartWidth, figure, type TableColumn } from "../shared/figure.js";
import { fillTemplate, groupLabel, groupPhrase, lowerFirst, roundedPercent, type ResearchRow } from "./text.js";

export interface HeatmapOptions extends ChartFigureOptions {
  optionDim: string;
  groupDim: string;
  /** The groups in order (the Total is added first). */
  groups: readonly string[];
  /**
   * The headline, filled from the option whose share differs most between groups: `{Option}`,
   * `{option}`, `{low}`, `{lowGroup}`, `{high}`, `{highGroup}` (groups named as in a sentence).
   */
  titleTemplate: string;
  /** Used instead when no option has two groups to compare. */
  fallbackTitle: string;
  optionHeading: string;
  /** "stage of development", "region": for the subtitle. */
  groupNoun: string;
  baseLabel: string;
  wave?: string;
  /** Leave groups with fewer LEROs than this out of the headline comparison (default 10). */
  minimumBaseForTitle?: number;
}

interface Cell {
  option: string;
  group: string;
  percent: number | null;
  text: string;
  dark: boolean;
}

/** The shade of a cell: Okabe–Ito blue mixed from near-white, readable in light and dark themes. */
const LIGHT = "#eef4fa";
const DARK = "#0b4f8a";
const DARK_TEXT_FROM = 55;

function cellsOf(rows: readonly ResearchRow[], options: Pick<HeatmapOptions, "optionDim" | "groupDim">): Cell[] {
  return rows.map((r) => {
    const percent = isNumber(r.percent) ? r.percent : null;
    const text = percent !== null ? formatPercent(percent) : typeof r.count === "string" ? r.count : typeof r.base_count === "string" ? r.base_count : "[x]";
    return { option: String(r[options.optionDim]), group: String(r[options.groupDim]), percent, text, dark: percent !== null && percent >= DARK_TEXT_FROM };
  });
}

/** The option with the widest gap between groups (with a base of at least `minimum`), or undefined. */
export function widestGap(rows: readonly ResearchRow[], options: Pick<HeatmapOptions, "optionDim" | "groupDim" | "minimumBaseForTitle">) {
  const minimum = options.minimumBaseForTitle ?? 10;
  const byOption = new Map<string, ResearchRow[]>();
  for (const r of rows) {
    if (r[options.groupDim] === TOTAL || !isNumber(r.percent) || !isNumber(r.base_count) || r.base_count < minimum) continue;
    const key = String(r[options.optionDim]);
    byOption.set(key, [...(byOption.get(key) ?? []), r]);
  }
  let best: { option: string; low: ResearchRow; high: ResearchRow; gap: number } | undefined;
  for (const [option, list] of byOption) {
    if (list.length < 2) continue;
    const sorted = [...list].sort((a, b) => (a.percent as number) - (b.percent as number));
    const low = sorted[0]!;
    const high = sorted[sorted.length - 1]!;
    const gap = (high.percent as number) - (low.percent as number);
    if (best === undefined || gap > best.gap) best = { option, low, high, gap };
  }
  return best;
}

export function heatmapTitle(rows: readonly ResearchRow[], options: Pick<HeatmapOptions, "optionDim" | "groupDim" | "titleTemplate" | "fallbackTitle" | "minimumBaseForTitle">): string {
  const gap = widestGap(rows, options);
  if (!gap || gap.gap === 0) return options.fallbackTitle;
  const phrase = (r: ResearchRow) => groupPhrase(options.groupDim, String(r[options.groupDim]));
  return fillTemplate(options.titleTemplate, {
    Option: gap.option,
    option: lowerFirst(gap.option),
    low: roundedPercent(gap.low.percent as number),
    lowGroup: phrase(gap.low),
    high: roundedPercent(gap.high.percent as number),
    highGroup: phrase(gap.high),
  });
}

export function describeHeatmap(rows: readonly ResearchRow[], options: Pick<HeatmapOptions, "optionDim" | "groupDim" | "groupNoun" | "minimumBaseForTitle">): string {
  const totals = rows.filter((r) => r[options.groupDim] === TOTAL && isNumber(r.percent)).sort((a, b) => (b.percent as number) - (a.percent as number));
  const parts: string[] = [`Grid of percentages of LEROs by option and ${options.groupNoun}.`];
  if (totals[0]) parts.push(`Across all LEROs the highest is ${totals[0][options.optionDim]} at ${formatPercent(totals[0].percent)}.`);
  const gap = widestGap(rows, options);
  if (gap && gap.gap > 0) {
    parts.push(
      `The widest gap between groups is for ${gap.option}: ${formatPercent(gap.low.percent)} of ${groupPhrase(options.groupDim, String(gap.low[options.groupDim]))} and ${formatPercent(gap.high.percent)} of ${groupPhrase(options.groupDim, String(gap.high[options.groupDim]))}.`,
    );
  }
  const missing = rows.filter((r) => !isNumber(r.percent)).length;
  if (missing > 0) parts.push(`${missing} of ${rows.length} cells are hidden or have too few LEROs for a percentage.`);
  return parts.join(" ");
}

const CELL_WIDTH = 52;
/** On a phone a cell may be narrower: "100" in 12 px text needs about 22 px. */
const NARROW_CELL_WIDTH = 24;

export function heatmapChart(rows: readonly ResearchRow[], options: HeatmapOptions): SVGSVGElement | HTMLElement {
  const width = chartWidth(options.width);
  const groups = [TOTAL, ...options.groups];
  const optionsInOrder = [...new Set(rows.map((r) => String(r[options.optionDim])))];
  // On a phone each option's name sits above its row, so the cells have the whole width; where they are
  // too narrow for "100%" they show the number alone (the subtitle and the table say it is a percentage).
  const narrow = width < 480;
  const labelWidth = narrow ? 8 : Math.max(110, Math.min(230, Math.round(width * 0.32)));
  const drawnWidth = Math.max(width, labelWidth + groups.length * (narrow ? NARROW_CELL_WIDTH : CELL_WIDTH) + 8);
  const columnWidth = (drawnWidth - labelWidth - 8) / groups.length;
  const bare = columnWidth < 34;
  const cells = cellsOf(rows, options).map((c) => (bare && c.percent !== null ? { ...c, text: String(Math.round(c.percent)) } : c));
  const longestGroup = Math.max(...groups.map((g) => groupLabel(g).length));
  const rotate = longestGroup * 7.2 > columnWidth - 4;
  // Upright names need the most room above the grid but never run past its right edge.
  const upright = rotate && bare;
  const marginTop = (upright ? 18 + longestGroup * 7 : rotate ? Math.min(170, 18 + longestGroup * 5.2) : 30) + (bare ? 18 : 0);
  const longestOption = Math.max(0, ...optionsInOrder.map((o) => o.length));
  const lineChars = Math.max(12, Math.floor((narrow ? drawnWidth - 16 : labelWidth - 20) / 7));
  const lines = Math.max(1, Math.ceil(longestOption / lineChars));
  const rowHeight = narrow ? 30 + lines * 15 : Math.max(30, 10 + lines * 14);
  const shown = cells.filter((c) => c.percent !== null);
  return Plot.plot({
    ...defined({ document: options.document }),
    width: drawnWidth,
    height: marginTop + optionsInOrder.length * rowHeight + 6,
    marginLeft: labelWidth,
    marginTop,
    marginBottom: 6,
    marginRight: 8,
    // Wider than the column: keep its size (12 px text) and let the chart box scroll, rather than shrink it.
    style: { fontSize: `${CHART_FONT_SIZE}px`, ...(drawnWidth > width ? { maxWidth: "none", width: `${drawnWidth}px` } : {}) },
    x: { domain: groups, axis: "top", label: null, tickSize: 0, tickFormat: groupLabel, ...(upright ? { tickRotate: -90 } : rotate ? { tickRotate: -40 } : {}) },
    y: { domain: optionsInOrder, label: null, tickSize: 0, axis: null, ...(narrow ? { paddingInner: 1 - 28 / rowHeight, paddingOuter: 0, align: 1 } : {}) },
    color: { type: "linear", domain: [0, 100], range: [LIGHT, DARK], interpolate: "rgb" },
    marks: [
      narrow
        ? Plot.text(optionsInOrder, { y: (d: string) => d, frameAnchor: "left", dy: -17, lineAnchor: "bottom", textAnchor: "start", text: (d: string) => d, lineWidth: (drawnWidth - 16) / CHART_FONT_SIZE, fill: "currentColor", fontWeight: "bold" })
        : Plot.axisY({ tickSize: 0, lineWidth: (labelWidth - 20) / CHART_FONT_SIZE }),
      ...(bare ? [Plot.text(["Percentage of LEROs"], { frameAnchor: "top-left", dy: -marginTop + 4, lineAnchor: "top", textAnchor: "start", text: (d: string) => d, fill: "currentColor" })] : []),
      Plot.cell(shown, { x: "group", y: "option", fill: "percent", inset: 1 }),
      Plot.cell(
        cells.filter((c) => c.percent === null),
        { x: "group", y: "option", fill: "var(--lero-suppressed, #767676)", fillOpacity: 0.18, inset: 1 },
      ),
      Plot.text(
        shown.filter((c) => !c.dark),
        { x: "group", y: "option", text: "text", fill: "#111" },
      ),
      // Hidden cells are see-through grey: their symbol takes the page's text colour, light or dark.
      Plot.text(
        cells.filter((c) => c.percent === null),
        { x: "group", y: "option", text: "text", fill: "currentColor", fontStyle: "italic" },
      ),
      Plot.text(
        cells.filter((c) => c.dark),
        { x: "group", y: "option", text: "text", fill: "white" },
      ),
    ],
  });
}

export function researchHeatmap(rows: readonly ResearchRow[], options: HeatmapOptions): HTMLElement {
  const groups = [TOTAL, ...options.groups];
  const optionsInOrder = [...new Set(rows.map((r) => String(r[options.optionDim])))];
  const at = (option: string, group: string) => rows.find((r) => r[options.optionDim] === option && r[options.groupDim] === group);
  const baseOf = (group: string) => rows.find((r) => r[options.groupDim] === group)?.base_count ?? null;
  const columns: TableColumn[] = [
    { key: "option", label: options.optionHeading },
    ...groups.map((g, i): TableColumn => ({ key: `g${i}`, label: `${groupLabel(g)} (${formatCount(baseOf(g))})`, numeric: true })),
  ];
  const cellText = (r: ResearchRow | undefined): string => (r === undefined ? "[x]" : isNumber(r.percent) ? formatPercent(r.percent) : typeof r.count === "string" ? r.count : typeof r.base_count === "string" ? r.base_count : "[x]");
  const tableRows = optionsInOrder.map((option) => Object.fromEntries([["option", option], ...groups.map((g, i) => [`g${i}`, cellText(at(option, g))])]));
  const notes = [...(options.notes ?? [])];
  if (rows.some((r) => !isNumber(r.percent) && typeof r.count !== "string" && typeof r.base_count !== "string")) {
    notes.push("[x] = no percentage: fewer than 3 LEROs in the group.");
  }
  notes.push(`Column headings give the number of LEROs in each group (the base).`);
  return figure({
    ...frameOptions(options),
    title: heatmapTitle(rows, options),
    subtitle: `Percentage of ${options.baseLabel} in each ${options.groupNoun}${options.wave ? `, ${options.wave}` : ""}; darker means a larger share`,
    chart: heatmapChart(rows, options),
    description: describeHeatmap(rows, options),
    notes,
    columns,
    rows: tableRows,
  });
}
