/**
 * The explorer's whole state, and its home in the URL so that a link restores the view exactly and
 * the browser's back button steps through changes.
 *
 * Query string: `dataset=stigma&dims=setting,age_band&f.setting=GP&f.setting=Dentist&measure=share
 * &chart=bars&sql=…`. Decoding never trusts the URL: `normaliseState` keeps only datasets, dimensions,
 * measures and filter values the explorer knows.
 */
import type { ExploreDataset } from "./datasets.js";
import type { Filters } from "./sql.js";

export const CHART_TYPES = ["bars", "dots"] as const;
export type ChartType = (typeof CHART_TYPES)[number];
export const MAX_DIMENSIONS = 3;

export interface ExploreState {
  dataset: string;
  dims: string[];
  filters: Filters;
  measure: string;
  chart: ChartType;
  sql: string;
}

/** What a URL says, before checking. */
export interface RawState {
  dataset?: string;
  dims?: string[];
  filters: Filters;
  measure?: string;
  chart?: string;
  sql?: string;
}

export function encodeState(state: ExploreState): string {
  const params = new URLSearchParams();
  params.set("dataset", state.dataset);
  params.set("dims", state.dims.join(","));
  for (const dim of state.dims) for (const value of state.filters[dim] ?? []) params.append(`f.${dim}`, value);
  params.set("measure", state.measure);
  params.set("chart", state.chart);
  if (state.sql.trim() !== "") params.set("sql", state.sql);
  return params.toString();
}

export function decodeState(search: string): RawState {
  const params = new URLSearchParams(search);
  const filters: Filters = {};
  for (const [key, value] of params) {
    if (!key.startsWith("f.")) continue;
    const dim = key.slice(2);
    (filters[dim] ??= []).push(value);
  }
  const dims = params.get("dims");
  return {
    ...(params.get("dataset") ? { dataset: params.get("dataset")! } : {}),
    ...(dims !== null ? { dims: dims === "" ? [] : dims.split(",") } : {}),
    filters,
    ...(params.get("measure") ? { measure: params.get("measure")! } : {}),
    ...(params.get("chart") ? { chart: params.get("chart")! } : {}),
    ...(params.get("sql") !== null ? { sql: params.get("sql")! } : {}),
  };
}

/** Picks the dataset a raw state names (or the first one, or a preferred default). */
export function pickDataset(raw: RawState, datasets: readonly ExploreDataset[], preferred = "outcomes"): ExploreDataset {
  const dataset = datasets.find((d) => d.name === raw.dataset) ?? datasets.find((d) => d.name === preferred) ?? datasets[0];
  if (!dataset) throw new Error("The data package lists no microdata to explore.");
  return dataset;
}

/**
 * A checked state for one dataset whose dimension values are known. Unknown dimensions, measures,
 * chart types and filter values are dropped; missing parts take the defaults.
 */
export function normaliseState(raw: RawState, dataset: ExploreDataset, known: ReadonlyMap<string, readonly string[]>, defaults: readonly string[]): ExploreState {
  const usable = new Set(dataset.dimensions.map((d) => d.name).filter((d) => (known.get(d)?.length ?? 0) > 0));
  const dims = raw.dims === undefined ? [...defaults] : [...new Set(raw.dims.filter((d) => usable.has(d)))].slice(0, MAX_DIMENSIONS);
  const filters: Filters = {};
  for (const dim of dims) {
    const values = known.get(dim) ?? [];
    const wanted = raw.filters[dim] ?? [];
    const kept = values.filter((v) => wanted.includes(v));
    if (kept.length) filters[dim] = kept;
  }
  const measure = dataset.measures.find((m) => m.id === raw.measure)?.id ?? dataset.measures[0]!.id;
  const chart = (CHART_TYPES as readonly string[]).includes(raw.chart ?? "") ? (raw.chart as ChartType) : "bars";
  return { dataset: dataset.name, dims, filters, measure, chart, sql: raw.sql ?? "" };
}

/** Adds or removes one filter value. */
export function toggleFilter(state: ExploreState, dim: string, value: string, order: readonly string[]): ExploreState {
  const current = state.filters[dim] ?? [];
  const next = current.includes(value) ? current.filter((v) => v !== value) : order.filter((v) => v === value || current.includes(v));
  const filters = { ...state.filters };
  if (next.length) filters[dim] = next;
  else delete filters[dim];
  return { ...state, filters };
}

export function sameState(a: ExploreState, b: ExploreState): boolean {
  return encodeState(a) === encodeState(b);
}
