/**
 * The status of each quality-standard statement in one section: a bar per statement split into in
 * place, partly in place, not yet in place and not applicable (percentages of the LEROs that assessed
 * it), with the statement's words above its bar so long statements fit on a phone. Hidden shares
 * show as one dashed grey block marked `[c]`.
 */
import * as Plot from "@observablehq/plot";
import { defined, frameOptions, isNumber, TOTAL, type ChartFigureOptions, type Value } from "../shared/chart.js";
import { chartWidth, figure, type TableColumn } from "../shared/figure.js";
import { formatPercent, percentText as pct } from "../shared/format.js";
import { standardsLegend } from "./legend.js";

export type StandardsRow = Record<string, Value>;

export const STATUSES = ["In place", "Partly in place", "Not yet in place", "Not applicable"] as const;
const COLOURS = ["var(--lero-cat-3, #009e73)", "var(--lero-cat-5, #56b4e9)", "var(--lero-cat-2, #e69f00)", "var(--standards-not-applicable, #bdbdbd)"];

export interface Statement {
  statement_id: string;
  section: string;
  label: string;
}

export interface StatusOptions extends ChartFigureOptions {
  section: string;
  /** e.g. "2025 self-assessment", for the subtitle. */
  wave?: string;
}

const show = (v: Value | undefined): string => formatPercent(v, "[x]");

/** The statements of a section, in order, with their published status rows. */
export function sectionStatements(statements: readonly Statement[], section: string): Statement[] {
  return statements.filter((s) => s.section === section);
}

function statusOf(rows: readonly StandardsRow[], id: string, status: string): StandardsRow | undefined {
  return rows.find((r) => r.statement_id === id && r.status === status);
}

/** "Culture and values: between 34% and 72% of LEROs have each statement in place". */
export function statusTitle(rows: readonly StandardsRow[], statements: readonly Statement[], section: string): string {
  const list = sectionStatements(statements, section);
  const shares = list.map((s) => statusOf(rows, s.statement_id, "In place")?.percent).filter(isNumber);
  if (shares.length === 0) return `${section}: how far each statement is in place`;
  const low = Math.round(Math.min(...shares));
  const high = Math.round(Math.max(...shares));
  const where = shares.length < list.length ? ", where shown" : "";
  return low === high
    ? `${section}: ${low}% of LEROs have each statement in place${where}`
    : `${section}: between ${low}% and ${high}% of LEROs have each statement in place${where}`;
}

export function describeStatus(rows: readonly StandardsRow[], statements: readonly Statement[], section: string): string {
  const list = sectionStatements(statements, section).map((s) => {
    const parts = STATUSES.map((status) => `${status.toLowerCase()} ${show(statusOf(rows, s.statement_id, status)?.percent ?? statusOf(rows, s.statement_id, status)?.count)}`);
    return `${s.statement_id}, ${s.label}: ${parts.join(", ")}`;
  });
  return `Status of each statement in ${section}, as percentages of the LEROs that assessed it. ${list.join(". ")}.`;
}

interface Segment {
  id: string;
  status: string;
  x1: number;
  x2: number;
  percent: number;
}

export function statusChart(rows: readonly StandardsRow[], statements: readonly Statement[], options: StatusOptions): SVGSVGElement | HTMLElement {
  const width = chartWidth(options.width);
  const list = sectionStatements(statements, options.section);
  const ids = list.map((s) => s.statement_id);
  const segments: Segment[] = [];
  const hiddenBlocks: { id: string; x1: number; x2: number }[] = [];
  for (const s of list) {
    const shares = STATUSES.map((status) => statusOf(rows, s.statement_id, status)?.percent);
    const hiddenShare = Math.max(0, 100 - shares.filter(isNumber).reduce((a, b) => a + b, 0));
    // Hidden statuses share one grey block where the first of them belongs, as wide as what is left:
    // the reader can work that out from the table's total anyway, and the other statuses keep their place.
    let x = 0;
    let blockDrawn = false;
    STATUSES.forEach((status, i) => {
      const percent = shares[i];
      if (isNumber(percent)) {
        if (percent > 0) segments.push({ id: s.statement_id, status, x1: x, x2: x + percent, percent });
        x += percent;
      } else if (!blockDrawn) {
        hiddenBlocks.push({ id: s.statement_id, x1: x, x2: x + hiddenShare });
        x += hiddenShare;
        blockDrawn = true;
      }
    });
  }
  const textWidth = width - 44;
  const longest = Math.max(0, ...list.map((s) => s.statement_id.length + 2 + s.label.length));
  const lines = Math.max(1, Math.ceil((longest * 7) / textWidth));
  const band = 28 + lines * 15;
  const labelled = segments.filter((d) => ((d.x2 - d.x1) / 100) * (width - 28) >= 36);
  return Plot.plot({
    ...defined({ document: options.document }),
    width,
    height: 40 + list.length * band,
    marginLeft: 14,
    marginRight: 14,
    style: { fontSize: "12px" },
    marginTop: 4,
    x: { domain: [0, 100], label: "Percentage of LEROs", tickFormat: (d: number) => `${d}%`, ticks: width < 420 ? 4 : 10 },
    y: { domain: ids, axis: null, paddingInner: 0, paddingOuter: 0 },
    color: { domain: [...STATUSES], range: COLOURS },
    marks: [
      Plot.rectX(segments, { x1: "x1", x2: "x2", y: "id", fill: "status", insetTop: band - 24, insetBottom: 4, title: (d: Segment) => `${d.status}: ${pct(d.percent)}` }),
      Plot.text(labelled, { x: (d: Segment) => (d.x1 + d.x2) / 2, y: "id", text: (d: Segment) => pct(Math.round(d.percent)), dy: band / 2 - 14, fill: "#111" }),
      Plot.text(list, { x: 0, y: "statement_id", text: (s: Statement) => `${s.statement_id}  ${s.label}`, textAnchor: "start", lineAnchor: "bottom", dy: band / 2 - 29, lineWidth: textWidth / 12, fill: "currentColor" }),
      Plot.rectX(hiddenBlocks, { x1: "x1", x2: "x2", y: "id", fill: "var(--lero-suppressed, #767676)", fillOpacity: 0.25, stroke: "var(--lero-suppressed, #767676)", strokeDasharray: "3,2", insetTop: band - 24, insetBottom: 4 }),
      Plot.text(hiddenBlocks, { x: (d: { x1: number; x2: number }) => (d.x1 + d.x2) / 2, y: "id", text: () => "[c]", dy: band / 2 - 14, fill: "currentColor", fontStyle: "italic" }),
    ],
  });
}

export function standardsStatus(rows: readonly StandardsRow[], statements: readonly Statement[], options: StatusOptions): HTMLElement {
  const doc = options.document ?? document;
  const list = sectionStatements(statements, options.section);
  const chart = doc.createElement("div");
  chart.append(standardsLegend(doc, STATUSES, COLOURS), statusChart(rows, statements, options));
  const columns: TableColumn[] = [
    { key: "statement", label: "Statement" },
    ...STATUSES.map((status, i): TableColumn => ({ key: `s${i}`, label: status, numeric: true })),
    { key: "total", label: "LEROs", numeric: true },
  ];
  const cell = (r: StandardsRow | undefined): string => (r === undefined ? "[x]" : isNumber(r.percent) ? `${pct(r.percent)} (${r.count})` : show(r.count));
  const tableRows = list.map((s) =>
    Object.fromEntries([
      ["statement", `${s.statement_id} ${s.label}`],
      ...STATUSES.map((status, i) => [`s${i}`, cell(statusOf(rows, s.statement_id, status))]),
      ["total", show(statusOf(rows, s.statement_id, TOTAL)?.count)],
    ]),
  );
  const base = Math.max(0, ...list.map((s) => statusOf(rows, s.statement_id, TOTAL)?.count).filter(isNumber));
  return figure({
    ...frameOptions(options),
    title: statusTitle(rows, statements, options.section),
    subtitle: `Percentage of LEROs by status of each statement${options.wave ? `, ${options.wave}` : ""}; base: up to ${base.toLocaleString("en-GB")} LEROs per statement`,
    chart,
    description: describeStatus(rows, statements, options.section),
    notes: [...(options.notes ?? []), "Table cells give the percentage of LEROs, with the number of LEROs in brackets."],
    columns,
    rows: tableRows,
  });
}
