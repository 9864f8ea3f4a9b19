/**
 * From the cube's raw figures to what the explorer shows: every figure protected by the disclosure
 * rule first, then the words around it (titles that state the finding, descriptions for screen
 * readers, the status line) and the results table with its downloads. Pure functions.
 */
import { keyOf, measure as registryMeasure } from "../../lib/measures.js";
import type { Bar, Cell, Figures } from "./cube.js";
import type { ExploreDataset, Measure, RegistryLink } from "./datasets.js";
import { formatShown, plainShown, protectCount, protectMean, protectShare, type ExplorePolicy, type Shown } from "./disclosure.js";
import type { ChartBar } from "./chart.js";
import { compareIntervals, comparisonWords, formatInterval, meanInterval, wilsonPercent, type Interval } from "../../lib/intervals.js";
import { MISSING, type Filters } from "./sql.js";

/** A figure's registry measure and key (`data-measure`, `data-key`). */
export interface MeasureMark {
  measure: string;
  key: string;
}

/**
 * The breakdown values a figure is fixed to: its own (a bar's or a row's values) and every filter with
 * one value. Undefined when a filter has several values: "GP or Dentist" is no key of the registry.
 */
export function fixedValues(filters: Filters, own: Readonly<Record<string, string>> = {}): Record<string, string> | undefined {
  const values: Record<string, string> = {};
  for (const [dim, chosen] of Object.entries(filters)) {
    if (dim in own || chosen.length === 0) continue;
    if (chosen.length > 1) return undefined;
    values[dim] = chosen[0]!;
  }
  return { ...values, ...own };
}

/**
 * The registry measure and key of a figure fixed to `values`, or undefined when the figure is not
 * that measure: a breakdown the registry's key does not have (age band, or a region whose published
 * figure the row-level data need not reproduce), a missing value, or no key for the total.
 */
export function registryMark(link: RegistryLink | undefined, values: Readonly<Record<string, string>> | undefined): MeasureMark | undefined {
  if (!link || !values) return undefined;
  const dims = Object.keys(values);
  if (dims.some((d) => !link.keyDims.includes(d) || values[d] === MISSING)) return undefined;
  if (dims.length === 0) return link.overall === undefined ? undefined : { measure: link.id, key: link.overall };
  return { measure: link.id, key: keyOf(link.id, values) };
}

/** The link of the count a share is over: the registry's base measure, with the same keys. */
export function baseLink(link: RegistryLink | undefined): RegistryLink | undefined {
  const base = link ? registryMeasure(link.id).baseMeasure : undefined;
  return link && base ? { ...link, id: base } : undefined;
}

/** What the count of people is in a view of `measure`: its base for a share (people who answered), else the count's own link. */
export function countLink(measure: Measure, dataset: ExploreDataset): RegistryLink | undefined {
  if (measure.kind === "percent") return baseLink(measure.registry);
  return dataset.measures.find((m) => m.id === "count")?.registry;
}

/** The measure's protected value for one group. */
export function measureValue(figures: Figures, measure: Measure, dataset: ExploreDataset, policy: ExplorePolicy): Shown {
  if (measure.id === "mean") return protectMean(figures.valued > 0 && figures.total !== null ? figures.total / figures.valued : null, figures.people, policy, dataset.level);
  if (measure.kind === "percent") return protectShare(figures.flagged, figures.people, policy, dataset.level);
  return protectCount(figures.people, policy, dataset.level);
}

/**
 * The 95% Wilson interval of a shown share, on its shown (protected) base: the interval a reader can
 * work out again from the published figures. Undefined when either is hidden.
 */
export function shareInterval(shown: Shown, base: Shown): Interval | undefined {
  return typeof shown === "number" && typeof base === "number" ? wilsonPercent(shown, base) : undefined;
}

/**
 * The 95% interval of a shown mean (Student's t, on the rows averaged): undefined when the mean is
 * hidden, so an interval is never shown where its mean is not. Each row counts as one observation.
 */
export function meanIntervalOf(figures: Figures, shown: Shown): Interval | undefined {
  if (typeof shown !== "number" || figures.total === null || figures.squares === null || figures.squares === undefined || figures.valued < 2) return undefined;
  const n = figures.valued;
  const variance = Math.max(0, (figures.squares - (figures.total * figures.total) / n) / (n - 1));
  return meanInterval(shown, Math.sqrt(variance), n);
}

/** The 95% interval of a measure's shown figure: Wilson for a share (on its shown base), t for a mean. */
export function intervalOf(figures: Figures, shown: Shown, measure: Measure, dataset: ExploreDataset, policy: ExplorePolicy): Interval | undefined {
  if (measure.kind === "percent") return shareInterval(shown, protectCount(figures.people, policy, dataset.level));
  if (measure.id === "mean") return meanIntervalOf(figures, shown);
  return undefined;
}

/** How an interval of a measure reads: "58% to 66%" or "31.2 to 33.0". */
export function intervalText(interval: Interval, kind: Measure["kind"]): string {
  return formatInterval(interval, kind === "percent" ? "percent" : "mean");
}

/** The bars of the chart by `dimension`, each marked with its registry measure and key where it is one (`filters` are the view's); a share's or a mean's bar has its 95% interval. */
export function chartBars(bars: readonly Bar[], measure: Measure, dataset: ExploreDataset, policy: ExplorePolicy, selected: readonly string[], dimension?: string, filters: Filters = {}): ChartBar[] {
  const link = measure.id === "count" ? countLink(measure, dataset) : measure.registry;
  return bars.map((bar) => {
    const mark = dimension === undefined ? undefined : registryMark(link, fixedValues(filters, { [dimension]: bar.value }));
    const shown = measureValue(bar, measure, dataset, policy);
    const interval = intervalOf(bar, shown, measure, dataset, policy);
    return { value: bar.value, shown, selected: selected.includes(bar.value), ...(mark ? { mark } : {}), ...(interval ? { interval } : {}) };
  });
}

/** Shown bars, largest first. */
function ranked(bars: readonly ChartBar[]): ChartBar[] {
  return bars.filter((b) => typeof b.shown === "number").sort((a, b) => (b.shown as number) - (a.shown as number));
}

/**
 * How the largest (or smallest) shown bar compares with the next one, by their 95% intervals: "higher"
 * only when they do not overlap. Undefined when a bar has no interval (counts, means).
 */
export function edgeComparison(bars: readonly ChartBar[], end: "top" | "bottom"): { bar: ChartBar; next: ChartBar; comparison: "higher" | "lower" | "similar" } | undefined {
  const order = ranked(bars);
  if (order.length < 2) return undefined;
  const [bar, next] = end === "top" ? [order[0]!, order[1]!] : [order[order.length - 1]!, order[order.length - 2]!];
  if (!bar.interval || !next.interval) return undefined;
  return { bar, next, comparison: compareIntervals(bar.interval, next.interval) };
}

/** "62.0% (95% interval 58% to 66%)". */
export function withInterval(bar: ChartBar, kind: Measure["kind"]): string {
  return `${formatShown(bar.shown, kind)}${bar.interval ? ` (95% interval ${intervalText(bar.interval, kind)})` : ""}`;
}

export function titleOf(dataset: ExploreDataset, name: string): string {
  return dataset.dimensions.find((d) => d.name === name)?.title ?? name;
}

/** "Age band: 25–34 or 35–44; Gender: Woman", or "" without filters. */
export function describeFilters(filters: Filters, dataset: ExploreDataset, except?: string): string {
  return Object.entries(filters)
    .filter(([dim, values]) => dim !== except && values.length > 0)
    .map(([dim, values]) => `${titleOf(dataset, dim)}: ${values.join(" or ")}`)
    .join("; ");
}

function highest(bars: readonly ChartBar[]): ChartBar | undefined {
  return bars.filter((b) => typeof b.shown === "number").sort((a, b) => (b.shown as number) - (a.shown as number))[0];
}

/** A title that states what the chart shows now: "People by age band: most in 35–44". */
export function chartTitle(bars: readonly ChartBar[], measure: Measure, dimensionTitle: string, dataset: ExploreDataset): string {
  const top = highest(bars);
  const shownCount = bars.filter((b) => typeof b.shown === "number" && (b.shown as number) > 0).length;
  const base = `${measure.label} by ${dimensionTitle.toLowerCase()}`;
  if (!top || shownCount < 2) return base;
  if (measure.id === "count") return `${base}: ${top.value} is the largest group`;
  if (measure.kind === "percent" || measure.id === "mean") {
    // A share or a mean is an estimate: "highest" only when its interval clears the next one's.
    const edge = edgeComparison(bars, "top");
    if (!edge) return base;
    if (edge.comparison === "higher") return `${base}: highest for ${top.value}`;
    return `${base}: ${top.value} ${comparisonWords("similar")} ${edge.next.value}`;
  }
  return `${base}: highest for ${top.value}`;
}

/**
 * What a chart counts and among whom. `definition: false` leaves out a share's definition, for charts
 * drawn under it (the explorer says it once, above its charts).
 */
export function chartSubtitle(measure: Measure, dataset: ExploreDataset, policy: ExplorePolicy, filters: Filters, dimension: string, { definition = true } = {}): string {
  const rules = policy[dataset.level];
  const others = describeFilters(filters, dataset, dimension);
  const among = others ? `${dataset.noun.many} matching ${others}` : `all ${dataset.noun.many} in the ${dataset.name} data`;
  const rounding = rules.rounding > 1 ? `, rounded to the nearest ${rules.rounding}` : "";
  if (measure.kind === "percent" && measure.definition && measure.base) {
    return `${definition ? `${measure.definition} ` : ""}Base: ${measure.base}, counted once each${rounding}; shown on a base of at least ${rules.minimumBase}; among ${among}.`;
  }
  if (measure.id === "mean") return `Mean over the matching rows, shown when based on at least ${rules.minimumBase} ${dataset.noun.many}; among ${among}.`;
  if (measure.id === "share") return `Percentage of ${dataset.noun.many} counted once each${rounding}, shown on a base of at least ${rules.minimumBase}; among ${among}.`;
  return `${dataset.noun.many[0]!.toUpperCase()}${dataset.noun.many.slice(1)} counted once each${rounding}; 1 to ${rules.threshold} shown as [c]; among ${among}.`;
}

/** The words a screen reader hears for a chart; they change with the filters. */
export function chartDescription(bars: readonly ChartBar[], measure: Measure, dimensionTitle: string, dataset: ExploreDataset, filters: Filters, dimension: string): string {
  const shown = bars.filter((b) => typeof b.shown === "number").sort((a, b) => (b.shown as number) - (a.shown as number));
  const hidden = bars.length - shown.length;
  const others = describeFilters(filters, dataset, dimension);
  const parts = [`${measure.label} by ${dimensionTitle}${others ? `, among ${dataset.noun.many} matching ${others}` : ""}.`];
  if (shown.length === 0) parts.push("Every value is hidden to protect confidentiality.");
  else if (measure.kind === "percent" || bars.some((b) => b.interval)) {
    const top = edgeComparison(bars, "top");
    const bottom = edgeComparison(bars, "bottom");
    if (!top) parts.push(`${shown[0]!.value}: ${withInterval(shown[0]!, measure.kind)}.`);
    else if (top.comparison === "higher") parts.push(`Highest: ${top.bar.value}, ${withInterval(top.bar, measure.kind)}, ${comparisonWords("higher")} ${top.next.value}, ${withInterval(top.next, measure.kind)}.`);
    else parts.push(`Largest figure: ${top.bar.value}, ${withInterval(top.bar, measure.kind)}, ${comparisonWords("similar")} ${top.next.value}, ${withInterval(top.next, measure.kind)}: their 95% intervals overlap.`);
    if (bottom && shown.length > 2) {
      if (bottom.comparison === "lower") parts.push(`Lowest: ${bottom.bar.value}, ${withInterval(bottom.bar, measure.kind)}, ${comparisonWords("lower")} ${bottom.next.value}.`);
      else parts.push(`Smallest figure: ${bottom.bar.value}, ${withInterval(bottom.bar, measure.kind)}, ${comparisonWords("similar")} ${bottom.next.value}.`);
    }
  } else {
    parts.push(`Highest: ${shown[0]!.value}, ${formatShown(shown[0]!.shown, measure.kind)}.`);
    if (shown.length > 1) parts.push(`Lowest: ${shown[shown.length - 1]!.value}, ${formatShown(shown[shown.length - 1]!.shown, measure.kind)}.`);
  }
  if (hidden > 0) parts.push(`${hidden} ${hidden === 1 ? "value is" : "values are"} hidden ([c]) to protect confidentiality.`);
  const selected = bars.filter((b) => b.selected).map((b) => b.value);
  parts.push(selected.length ? `Filtered on ${selected.join(" or ")}.` : "No filter on this chart.");
  parts.push("Each category is a button: use the arrow keys to move and Enter or Space to filter on it or remove the filter.");
  return parts.join(" ");
}

/** "7,600 people match." with the measure when it is not the count. */
export function statusText(total: Figures, measure: Measure, dataset: ExploreDataset, policy: ExplorePolicy, filters: Filters): string {
  const count = protectCount(total.people, policy, dataset.level);
  const filterText = describeFilters(filters, dataset);
  const who =
    typeof count === "number"
      ? `${formatShown(count)} ${count === 1 ? dataset.noun.one : dataset.noun.many} match`
      : `The number of ${dataset.noun.many} who match is hidden (${count}): it is between 1 and ${policy[dataset.level].threshold}`;
  const measureText = measure.id === "count" ? "" : ` ${measure.label}: ${formatShown(measureValue(total, measure, dataset, policy), measure.kind)}.`;
  return `${who}${filterText ? ` (${filterText})` : " (no filters)"}.${measureText}`;
}

export interface ResultColumn {
  key: string;
  label: string;
  /** Name in the Parquet download. */
  field: string;
  kind: "text" | "count" | "mean" | "percent";
  /** The registry measure and key of a row's figure in this column, where it is one. */
  mark?: (row: Readonly<Record<string, Shown>>) => MeasureMark | undefined;
}

export interface ResultTable {
  columns: ResultColumn[];
  rows: Record<string, Shown>[];
}

/** The filtered results: one row per combination of the chosen dimensions, figures protected. */
export function resultTable(cells: readonly Cell[], dims: readonly string[], measure: Measure, dataset: ExploreDataset, policy: ExplorePolicy): ResultTable {
  return { columns: resultColumns(dims, measure, dataset), rows: resultRows(cells, measure, dataset, policy) };
}

/** The results table's columns (a share has its 95% interval, low and high). */
export function resultColumns(dims: readonly string[], measure: Measure, dataset: ExploreDataset): ResultColumn[] {
  const columns: ResultColumn[] = dims.map((d) => ({ key: d, label: titleOf(dataset, d), field: d, kind: "text" }));
  const countLabel = dataset.level === "person" ? "People" : "Organisations";
  const share = measure.kind === "percent";
  // A row's figures are fixed to the row's values (the filters are on the same dimensions).
  const markBy = (link: RegistryLink | undefined) => (link ? (row: Readonly<Record<string, Shown>>) => registryMark(link, Object.fromEntries(dims.map((d) => [d, String(row[d])]))) : undefined);
  const countMark = markBy(countLink(measure, dataset));
  columns.push({ key: "__count", label: share ? `${countLabel} who answered` : countLabel, field: dataset.noun.many, kind: "count", ...(countMark ? { mark: countMark } : {}) });
  if (measure.id === "mean") {
    columns.push({ key: "__mean", label: measure.label, field: `mean_${measure.field ?? "value"}`, kind: "mean" });
    columns.push({ key: "__low", label: "95% interval, low", field: `mean_${measure.field ?? "value"}_low95`, kind: "mean" });
    columns.push({ key: "__high", label: "95% interval, high", field: `mean_${measure.field ?? "value"}_high95`, kind: "mean" });
  }
  if (share) {
    const shareMark = markBy(measure.registry);
    columns.push({ key: "__flagged", label: measure.flaggedLabel ?? `${countLabel} counted`, field: `${dataset.noun.many}_${measure.field ?? "flag"}`, kind: "count" });
    columns.push({ key: "__share", label: measure.label, field: `percent_${measure.field ?? "flag"}`, kind: "percent", ...(shareMark ? { mark: shareMark } : {}) });
    columns.push({ key: "__low", label: "95% interval, low", field: `percent_${measure.field ?? "flag"}_low95`, kind: "percent" });
    columns.push({ key: "__high", label: "95% interval, high", field: `percent_${measure.field ?? "flag"}_high95`, kind: "percent" });
  }
  return columns;
}

/** The results table's rows, figures protected; a share's interval is worked out from the shown share and base. */
export function resultRows(cells: readonly Cell[], measure: Measure, dataset: ExploreDataset, policy: ExplorePolicy): Record<string, Shown>[] {
  return cells.map((cell) => {
    const row: Record<string, Shown> = { ...cell.keys };
    row.__count = protectCount(cell.people, policy, dataset.level);
    if (measure.id === "mean") {
      row.__mean = measureValue(cell, measure, dataset, policy);
      const interval = meanIntervalOf(cell, row.__mean);
      const missing = typeof row.__mean === "string" ? row.__mean : policy.symbols.notAvailable;
      row.__low = interval ? round1(interval.low) : missing;
      row.__high = interval ? round1(interval.high) : missing;
    }
    if (measure.kind === "percent") {
      row.__flagged = protectCount(cell.flagged, policy, dataset.level);
      row.__share = measureValue(cell, measure, dataset, policy);
      const interval = shareInterval(row.__share, row.__count);
      const missing = typeof row.__share === "string" ? row.__share : policy.symbols.notAvailable;
      row.__low = interval ? round1(interval.low) : missing;
      row.__high = interval ? round1(interval.high) : missing;
    }
    return row;
  });
}

function round1(x: number): number {
  return Math.round(x * 10) / 10;
}

/** The table as CSV cells, exactly as shown but with plain digits. */
export function resultCsvRows(table: ResultTable): string[][] {
  return table.rows.map((row) => table.columns.map((c) => (c.kind === "text" ? String(row[c.key] ?? "") : plainShown(row[c.key], c.kind))));
}

/** The table for the Parquet download: numbers as numbers, a symbol column beside each figure. */
export function resultParquet(table: ResultTable): { columns: { name: string; type: "VARCHAR" | "INTEGER" | "DOUBLE" }[]; rows: (string | number | null)[][] } {
  const columns: { name: string; type: "VARCHAR" | "INTEGER" | "DOUBLE" }[] = [];
  for (const c of table.columns) {
    if (c.kind === "text") columns.push({ name: c.field, type: "VARCHAR" });
    else columns.push({ name: c.field, type: c.kind === "count" ? "INTEGER" : "DOUBLE" }, { name: `${c.field}_symbol`, type: "VARCHAR" });
  }
  const rows = table.rows.map((row) =>
    table.columns.flatMap((c): (string | number | null)[] => {
      const value = row[c.key];
      if (c.kind === "text") return [String(value ?? "")];
      if (typeof value === "number") return [c.kind === "count" ? value : Math.round(value * 10) / 10, null];
      return [null, value ?? "[x]"];
    }),
  );
  return { columns, rows };
}

/** How to cite the view: the data version and the permalink. */
export function citation(dataset: ExploreDataset, version: string, permalink: string, accessed: Date): string {
  const date = accessed.toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
  return `LERO Evidence (${accessed.getUTCFullYear()}). ${dataset.title}: explorer view. Data version ${version}. ${permalink} (accessed ${date}).`;
}
