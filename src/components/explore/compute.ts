/**
 * One explorer view, worked out from the published rows and protected: the bars of each chart, the
 * headline figures and the results table's rows. The same code runs in the browser (DuckDB-wasm) and
 * at build time (DuckDB in Node, `src/data/explore-views.json.ts`), so a view drawn from the build's
 * pre-computed file is exactly the view the engine would draw. Only protected figures leave here:
 * counts after the disclosure rule, shares from the protected counts, intervals from those.
 */
import { Source, type Cube, type Runner } from "./cube.js";
import { MAX_VALUES, defaultDimensions, orderValues, type ExploreDataset, type Measure } from "./datasets.js";
import { protectCount, type ExplorePolicy, type Shown } from "./disclosure.js";
import type { ChartBar } from "./chart.js";
import { GEOGRAPHY, geographyRuleText, geographyTitle, quasiTitles, singleValueSplits, type ReleaseRule } from "./geography.js";
import { encodeState, normaliseState, type ExploreState, type RawState } from "./state.js";
import { chartBars, intervalOf, measureValue, resultRows, statusText } from "./view.js";
import type { Interval } from "../../lib/intervals.js";

/** One chart's bars, by the dimension it is drawn by. */
export interface DimensionBars {
  dim: string;
  bars: ChartBar[];
}

/** The headline of a view, protected: the count of people, the measure's figure and its interval, the status line. */
export interface SummaryFigures {
  count: Shown;
  figure?: Shown;
  interval?: Interval;
  status: string;
}

/** A view as drawn: what the build pre-computes and the browser draws before (or without) the engine. */
export interface ViewData {
  /** The view's query string (`encodeState`). */
  key: string;
  state: ExploreState;
  /** Known values of every dimension the view's data set offers, in display order. */
  known: Record<string, string[]>;
  bars: DimensionBars[];
  summary: SummaryFigures;
  rows: Record<string, Shown>[];
  /** What the page says about splits it does not offer, and the geography rule. */
  notes: SplitNoteLine[];
}

export interface SplitNoteLine {
  /** The dimension not offered (absent for the rule itself). */
  dim?: string;
  text: string;
}

/** The splits not offered (one value in the published rows) with why, then the geography rule. */
export function splitNoteLines(dataset: ExploreDataset, known: ReadonlyMap<string, readonly string[]>, rule: ReleaseRule | undefined): SplitNoteLine[] {
  const lines: SplitNoteLine[] = singleValueSplits(dataset.dimensions, known, rule).map((n) => ({ dim: n.dim, text: `Not offered as a split: ${n.text}` }));
  if (dataset.dimensions.some((d) => d.name === GEOGRAPHY)) lines.push({ text: geographyRuleText(rule, quasiTitles(rule, dataset.dimensions)) });
  return lines;
}

/** The share a view counts, if its measure is one (a share counts only the people who answered its question). */
export function shareOf(dataset: ExploreDataset, measureId: string | undefined): Measure | undefined {
  const chosen = dataset.measures.find((m) => m.id === measureId);
  return chosen?.kind === "percent" ? chosen : undefined;
}

/** Loads a data set's source table for a measure. */
export function loadSource(runner: Runner, dataset: ExploreDataset, share: Measure | undefined): Promise<Source> {
  return Source.load(
    runner,
    {
      table: dataset.name,
      subject: dataset.subject,
      dimensions: dataset.dimensions.map((d) => ({ name: d.name, type: d.type })),
      value: dataset.measures.find((m) => m.id === "mean")?.field,
      ...(share?.items ? { flagItems: share.items } : { flag: share?.field }),
      answeredOnly: share !== undefined,
    },
    (name, values) => orderValues(dataset.dimensions.find((d) => d.name === name), values),
  );
}

/**
 * The dimensions a reader may split by: at least two values in the published rows (one value draws one
 * bar) and not more than a chart holds.
 */
export function usableDimensions(dataset: ExploreDataset, known: ReadonlyMap<string, readonly string[]>): string[] {
  return dataset.dimensions.map((d) => d.name).filter((d) => {
    const n = known.get(d)?.length ?? 0;
    return n >= 2 && n <= MAX_VALUES;
  });
}

/** The data set with its geography titled by what the release publishes ("Region" or "Nation"). */
export function withGeography(dataset: ExploreDataset, known: ReadonlyMap<string, readonly string[]>, rule: ReleaseRule | undefined): ExploreDataset {
  const title = geographyTitle(rule, known.get(GEOGRAPHY) ?? []);
  if (!title) return dataset;
  return { ...dataset, dimensions: dataset.dimensions.map((d) => (d.name === GEOGRAPHY ? { ...d, title } : d)) };
}

/** A raw state checked against a data set's usable dimensions. */
export function checkState(raw: RawState, dataset: ExploreDataset, known: ReadonlyMap<string, readonly string[]>): ExploreState {
  const usable = new Map(usableDimensions(dataset, known).map((d) => [d, known.get(d) ?? []]));
  return normaliseState(raw, dataset, usable, defaultDimensions(dataset, usable));
}

/** The headline figures of a view, protected. */
export function summaryOf(total: Parameters<typeof measureValue>[0], measure: Measure, dataset: ExploreDataset, policy: ExplorePolicy, state: ExploreState): SummaryFigures {
  const count = protectCount(total.people, policy, dataset.level);
  const status = statusText(total, measure, dataset, policy, state.filters);
  if (measure.id === "count") return { count, status };
  const figure = measureValue(total, measure, dataset, policy);
  const interval = intervalOf(total, figure, measure, dataset, policy);
  return { count, figure, status, ...(interval ? { interval } : {}) };
}

/** Works out a view from a cube over the state's dimensions. */
export async function computeView(cube: Cube, state: ExploreState, dataset: ExploreDataset, policy: ExplorePolicy, known: ReadonlyMap<string, readonly string[]>, rule?: ReleaseRule): Promise<ViewData> {
  const measure = dataset.measures.find((m) => m.id === state.measure)!;
  const withRows = measure.id === "mean";
  const bars: DimensionBars[] = [];
  for (const dim of state.dims) {
    const raw = await cube.bars(dim, state.filters, withRows);
    bars.push({ dim, bars: chartBars(raw, measure, dataset, policy, state.filters[dim] ?? [], dim, state.filters) });
  }
  const total = await cube.total(state.filters, withRows);
  const cells = state.dims.length ? await cube.cells(state.filters, withRows) : [];
  return {
    key: encodeState(state),
    state,
    known: Object.fromEntries(usableDimensions(dataset, known).map((d) => [d, [...(known.get(d) ?? [])]])),
    bars,
    summary: summaryOf(total, measure, dataset, policy, state),
    rows: resultRows(cells, measure, dataset, policy),
    notes: splitNoteLines(dataset, known, rule),
  };
}

/** The pre-computed view a raw state (a URL) asks for, if the build made one. */
export function precomputedView(raw: RawState, views: readonly ViewData[], datasets: readonly ExploreDataset[]): ViewData | undefined {
  for (const view of views) {
    if ((raw.dataset ?? view.state.dataset) !== view.state.dataset) continue;
    const dataset = datasets.find((d) => d.name === view.state.dataset);
    if (!dataset) continue;
    const known = new Map(Object.entries(view.known));
    // A dimension the view does not know values for is one the release does not offer: normalising drops it either way.
    const state = normaliseState(raw, dataset, known, view.state.dims);
    if (encodeState(state) === view.key) return view;
  }
  return undefined;
}
