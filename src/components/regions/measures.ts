/**
 * The figures the regional map and the region pages show, read from the published tables of the
 * "regions" and "outcomes" topics: for each measure, a region's value and base, and the UK's (the
 * tables' "Total" row). Pure data, shared by the map page and every region page.
 */
import { TOTAL, type Value } from "../shared/chart.js";
import { sourceLine } from "../shared/sources.js";
import { keyOf } from "../../lib/measures.js";
import { wilsonPercent, type Interval } from "../../lib/intervals.js";

type Row = Record<string, Value>;
export interface Table {
  rows: Row[];
  notes?: string[];
}

export interface RegionMeasure {
  id: string;
  /** A few words, used as the control's option and the map legend ("LEROs in the audit"). */
  label: string;
  kind: "count" | "percent" | "mean" | "change";
  valueHeading: string;
  baseHeading?: string;
  /** The measure and base, for a chart subtitle. */
  subtitle: string;
  source: string;
  notes: string[];
  /** The value, base and 95% interval (when it can be had) for a region name, or "Total" for the UK. */
  at(region: string): { value: Value; base: Value; interval?: Interval };
  /** The registry measure (`src/lib/measures.ts`) it is, and its key for a region name or "Total" for the UK. */
  measure: string;
  key(region: string): string;
}

/** A registry key for a region, or for the UK ("Total"), beside fixed breakdown values. */
const keyFor = (id: string, fixed: Record<string, string> = {}) => (region: string): string => keyOf(id, { ...fixed, region: region === TOTAL ? undefined : region });

export const UK = TOTAL;
const AUDIT = sourceLine("audit");
const STIGMA = sourceLine("stigma");
const OUTCOMES = sourceLine("outcomes");

function find(table: Table | undefined, match: Record<string, string>): Row | undefined {
  return table?.rows.find((row) => Object.entries(match).every(([k, v]) => row[k] === v));
}

function cell(row: Row | undefined, key: string): Value {
  const v = row?.[key];
  return v === undefined ? null : v;
}

/** A share with its Wilson interval, from the published share and base. */
function share(value: Value, base: Value): { value: Value; base: Value; interval?: Interval } {
  const interval = typeof value === "number" && typeof base === "number" ? wilsonPercent(value, base) : undefined;
  return { value, base, ...(interval ? { interval } : {}) };
}

/** A mean with the 95% interval the table publishes beside it (`<column>_low`, `<column>_high`). */
function mean(row: Row | undefined, column: string): { value: Value; base: Value; interval?: Interval } {
  const value = cell(row, column);
  const low = cell(row, `${column}_low`);
  const high = cell(row, `${column}_high`);
  const base = cell(row, "count");
  return { value, base, ...(typeof value === "number" && typeof low === "number" && typeof high === "number" ? { interval: { value, low, high } } : {}) };
}

/**
 * The measures, each read from its table; a measure whose table the release does not have (its data is
 * not yet collected) is left out, so no page maps or lists it.
 */
export function regionMeasures(regions: Record<string, Table | undefined>, outcomes: Record<string, Table | undefined>): RegionMeasure[] {
  const audit = regions["regions-audit-evaluates"];
  const stigma = regions["regions-stigma-gp"];
  const intake = regions["regions-barc-intake"];
  const change = outcomes["outcomes-change-by-region"];
  const tableOf: Record<string, Table | undefined> = { leros: audit, evaluates: audit, "stigma-gp": stigma, "barc-intake": intake, "barc-change": change };
  const all: RegionMeasure[] = [
    {
      id: "leros",
      label: "LEROs in the audit",
      kind: "count",
      valueHeading: "LEROs",
      subtitle: "Number of LEROs in the latest audit wave, by region; base: all LEROs audited.",
      source: AUDIT,
      notes: [],
      at: (region) => ({ value: cell(find(audit, { region, evaluates: TOTAL }), "count"), base: null }),
      measure: "leros-audited",
      key: keyFor("leros-audited"),
    },
    {
      id: "evaluates",
      label: "LEROs that evaluate their work",
      kind: "percent",
      valueHeading: "% of LEROs",
      baseHeading: "LEROs",
      subtitle: "Percentage of LEROs in the latest audit wave that evaluate or measure the difference they make in any way; base: the LEROs in the region.",
      source: AUDIT,
      notes: audit?.notes ?? [],
      at: (region) => share(cell(find(audit, { region, evaluates: "Evaluates its work" }), "percent"), cell(find(audit, { region, evaluates: TOTAL }), "count")),
      measure: "leros-evaluating",
      key: keyFor("leros-evaluating"),
    },
    {
      id: "stigma-gp",
      label: "Respondents who met stigma at their GP (sometimes or more often)",
      kind: "percent",
      valueHeading: "% of respondents",
      baseHeading: "Respondents",
      subtitle: "Percentage of stigma survey respondents who met unfair treatment from GP staff sometimes, often or very often; base: respondents who answered about their GP.",
      source: STIGMA,
      notes: stigma?.notes ?? [],
      at: (region) => share(cell(find(stigma, { region, gp_enacted: "Met stigma" }), "percent"), cell(find(stigma, { region, gp_enacted: TOTAL }), "count")),
      measure: "stigma-met-sometimes",
      key: keyFor("stigma-met-sometimes", { setting: "GP" }),
    },
    {
      id: "barc-intake",
      label: "Mean BARC-10 total at intake",
      kind: "mean",
      valueHeading: "Mean BARC-10 total",
      baseHeading: "People",
      subtitle: "Mean BARC-10 total (10 to 60; higher is more recovery capital) when people started with a LERO; base: people assessed at intake.",
      source: OUTCOMES,
      notes: intake?.notes ?? [],
      at: (region) => mean(find(intake, { region }), "mean_barc"),
      measure: "barc-mean",
      key: keyFor("barc-mean", { assessment: "Intake" }),
    },
    {
      id: "barc-change",
      label: "Mean change in BARC-10, intake to 12 months",
      kind: "change",
      valueHeading: "Mean change (points)",
      baseHeading: "People",
      subtitle: "Mean change in BARC-10 total between intake and 12 months, for people assessed at both points; base: those people. Not a controlled comparison.",
      source: OUTCOMES,
      notes: change?.notes ?? [],
      at: (region) => mean(find(change, { region }), "mean_change"),
      measure: "barc-change",
      key: keyFor("barc-change", { follow_up: "12 months" }),
    },
  ];
  return all.filter((m) => tableOf[m.id] !== undefined);
}
