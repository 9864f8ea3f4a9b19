/**
 * Enacted stigma by the respondent's role (person in recovery, family member, worker) in each setting:
 * the percentage of each group who met it, as a dot plot with one dot per role. Groups too small to
 * show are listed as [c] on their row. Each percentage's 95% interval (Wilson, from the published
 * percentage and base) is drawn through its dot and given in the table. The headline says a role met
 * stigma more often only where its interval lies above every other role's in that setting.
 */
import type { CellRules } from "../../lib/disclosure-rules.js";
import { chartOptions, frameOptions, isNumber, TOTAL, type ChartFigureOptions, type Value } from "../shared/chart.js";
import { figure, type TableColumn } from "../shared/figure.js";
import { formatCount, formatScore, percentText } from "../shared/format.js";
import { dotPlot, type DotDatum } from "./dotplot.js";
import { compared as compare, intervalColumn, intervalText, shareInterval, withIntervalNote } from "../shared/intervals.js";

/** A row of the `stigma-enacted-by-role-setting` aggregate. */
export interface RoleRow {
  setting: string;
  role: string;
  count: Value;
  enacted_count: Value;
  percent: Value;
}

const pct = (v: Value): string => (isNumber(v) ? percentText(v) : "[c]");
const people = (v: Value): string => formatCount(v);

/** "Person in recovery" → "People in recovery", for headlines. */
function plural(role: string): string {
  const map: Record<string, string> = { "Person in recovery": "People in recovery", "Family member": "Family members", Worker: "Workers", "Not given": "People who gave no role" };
  return map[role] ?? role;
}

function layout(rows: readonly RoleRow[]): { settings: string[]; roles: string[] } {
  const roles = [...new Set(rows.map((r) => r.role))].filter((r) => r !== TOTAL);
  const totals = new Map(rows.filter((r) => r.role === TOTAL).map((r) => [r.setting, isNumber(r.percent) ? r.percent : -1]));
  const settings = [...new Set(rows.map((r) => r.setting))].sort((a, b) => (totals.get(b) ?? -1) - (totals.get(a) ?? -1));
  return { settings, roles };
}

export function rolesTitle(rows: readonly RoleRow[]): string {
  const { settings, roles } = layout(rows);
  const leaders = new Map<string, number>();
  let compared = 0;
  for (const setting of settings) {
    const shown = rows.filter((r) => r.setting === setting && r.role !== TOTAL && isNumber(r.percent));
    if (shown.length < 2) continue;
    compared++;
    const [top, ...rest] = [...shown].sort((a, b) => (b.percent as number) - (a.percent as number));
    // A role leads in a setting only when its interval lies above every other role's.
    const interval = (r: RoleRow) => shareInterval(r.percent, r.count);
    if (rest.every((r) => compare(interval(top!), interval(r)) === "higher")) leaders.set(top!.role, (leaders.get(top!.role) ?? 0) + 1);
  }
  if (compared === 0) return "Too few people in each role to compare them";
  if (leaders.size === 0) return `People in each role met stigma at similar rates in every setting where they can be compared (the 95% intervals overlap)`;
  const [role, wins] = [...leaders.entries()].sort((a, b) => b[1] - a[1])[0]!;
  const others = roles.filter((r) => r !== role).map((r) => plural(r).toLowerCase());
  const than = others.length ? ` than ${others.join(" or ")}` : "";
  return wins === compared
    ? `${plural(role)} met stigma more often${than} in every setting where they can be compared`
    : `${plural(role)} met stigma most often in ${wins} of ${compared} settings`;
}

export function describeRoles(rows: readonly RoleRow[]): string {
  const { settings, roles } = layout(rows);
  const items = settings.map((s) => `${s}: ${roles.map((role) => `${role.toLowerCase()} ${pct(rows.find((r) => r.setting === s && r.role === role)?.percent ?? null)}`).join(", ")}`);
  return `Percentage of people who met enacted stigma, by role and setting. ${items.join("; ")}.`;
}

export interface RolesFigureOptions extends ChartFigureOptions {
  /** The cell rules for people (from the disclosure policy), for the subtitle. */
  rules: CellRules;
}

export function rolesFigure(rows: readonly RoleRow[], options: RolesFigureOptions): HTMLElement {
  const { settings, roles } = layout(rows);
  const data: DotDatum[] = settings.flatMap((setting) =>
    roles.map((role) => {
      const row = rows.find((r) => r.setting === setting && r.role === role);
      const interval = shareInterval(row?.percent, row?.count);
      return { row: setting, series: role, value: row?.percent ?? null, ...(interval ? { low: interval.low, high: interval.high } : {}) };
    }),
  );
  const columns: TableColumn[] = [
    { key: "setting", label: "Setting" },
    { key: "role", label: "Role" },
    { key: "count", label: "People (base)", numeric: true, format: (v) => people(v as Value) },
    { key: "enacted_count", label: "People who met enacted stigma", numeric: true, format: (v) => people(v as Value) },
    { key: "percent", label: "Percentage", numeric: true, format: (v) => pct(v as Value) },
    intervalColumn("interval"),
  ];
  const tableRows = settings.flatMap((s) =>
    [...roles, TOTAL].flatMap((role) =>
      rows.filter((r) => r.setting === s && r.role === role).map((r) => ({ ...r, role: role === TOTAL ? "All roles" : role, interval: intervalText(shareInterval(r.percent, r.count), "percent") })),
    ),
  );
  return figure({
    ...frameOptions(options),
    title: options.title ?? rolesTitle(rows),
    subtitle: options.subtitle ?? `Percentage of people in each role who used the setting and met enacted stigma there; percentages are shown only where at least ${options.rules.minimumBase} people in the role answered`,
    chart: dotPlot(data, {
      rows: settings,
      series: roles,
      domain: [0, 100],
      axisLabel: "Percentage who met enacted stigma",
      tickFormat: (d) => `${d}%`,
      ...chartOptions(options),
    }),
    notes: withIntervalNote(options.notes),
    description: describeRoles(rows),
    columns,
    rows: tableRows,
  });
}
