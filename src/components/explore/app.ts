/**
 * The data explorer, wired together: the controls and linked charts (`controls.ts`), the results
 * table with its downloads and citation (`results.ts`) and the SQL console (`console.ts`). The page
 * calls `mountExplorer` once; everything after that is driven by the reader's actions and the
 * browser's history.
 *
 * Every change goes through one queue (`request`): the latest wanted state wins, so quick clicks never
 * render out of order. The URL is the state: each change is pushed to the history, and going back or
 * forward re-applies the URL.
 */
import type { DataPackage } from "../../lib/published.js";
import { buildConsole } from "./console.js";
import { buildControls, type DimensionBars } from "./controls.js";
import { Source, type Cube, type Figures } from "./cube.js";
import { dataVersion, defaultDimensions, exploreDatasets, orderValues, MAX_VALUES, type ExploreDataset } from "./datasets.js";
import type { ExplorePolicy } from "./disclosure.js";
import { errorText } from "./dom.js";
import { Engine, type AttachedFile, type DuckDBClientClass } from "./engine.js";
import { availablePresets } from "./presets.js";
import { buildResults } from "./results.js";
import { CHART_TYPES, decodeState, encodeState, normaliseState, pickDataset, toggleFilter, type ExploreState, type RawState } from "./state.js";
import { chartBars, citation, resultTable } from "./view.js";

export interface Timing {
  action: string;
  ms: number;
}

declare global {
  interface Window {
    __exploreTimings?: Timing[];
  }
}

export interface ExplorerTargets {
  /** Holds the skeleton at first; the controls and charts replace it. */
  main: HTMLElement;
  results: HTMLElement;
  console: HTMLElement;
}

export interface ExplorerOptions {
  datapackage: DataPackage;
  policy: ExplorePolicy;
  files: Record<string, AttachedFile>;
  DuckDBClient: DuckDBClientClass;
}

interface Job {
  raw: RawState;
  push: boolean;
  action: string;
  started: number;
}

/** Mounts the explorer. Resolves once the first view is shown. */
export async function mountExplorer(targets: ExplorerTargets, options: ExplorerOptions): Promise<void> {
  const timings = (window.__exploreTimings ??= []);
  const { policy } = options;
  const version = dataVersion(options.datapackage);
  const datasets = exploreDatasets(options.datapackage).filter((d) => options.files[d.name]);
  const skeletonStatus = targets.main.querySelector<HTMLElement>("[data-explore-loading]");
  const say = (text: string) => skeletonStatus && (skeletonStatus.textContent = text);

  let engine: Engine;
  try {
    engine = await Engine.start(options.DuckDBClient, Object.fromEntries(datasets.map((d) => [d.name, options.files[d.name]!])));
  } catch (error) {
    say(`The data engine could not start: ${errorText(error)}. Try reloading the page; the downloads on the Methods page hold the same data.`);
    throw error;
  }
  timings.push({ action: "engine", ms: performance.now() });

  // ---- State -----------------------------------------------------------------------------------
  let source: Source | undefined;
  let dataset: ExploreDataset | undefined;
  let usable: string[] = [];
  let cube: Cube | undefined;
  let rendered: ExploreState | undefined;
  let wanted: ExploreState | undefined;
  let lastSql = "";
  let lastBars: DimensionBars[] = [];

  const toggle = (dim: string, value: string) => userChange(toggleFilter(wanted!, dim, value, source!.known.get(dim) ?? []), "filter");
  const controls = buildControls(
    datasets,
    {
      dataset: (name) => userChange({ dataset: name, filters: {}, sql: wanted?.sql ?? "" }, "dataset"),
      measure: (id) => wanted && userChange({ ...wanted, measure: id }, "measure"),
      chartType: (type) => wanted && userChange({ ...wanted, chart: (CHART_TYPES as readonly string[]).includes(type) ? (type as ExploreState["chart"]) : "bars" }, "chart"),
      dimension: (i, dim) => {
        if (!wanted) return;
        const dims = [...wanted.dims];
        if (dim === "") dims.splice(i);
        else dims[i] = dim;
        userChange({ ...wanted, dims: dims.filter((d, j) => d && dims.indexOf(d) === j) }, "dimensions");
      },
      clearFilters: () => wanted && userChange({ ...wanted, filters: {} }, "filter"),
      toggle,
      preset: (state) => userChange({ ...state, sql: wanted?.sql ?? "" }, "preset"),
    },
    () => targets.main.clientWidth,
    availablePresets(datasets),
  );
  const results = buildResults({ engine, policy, status: controls.status, fileBase: () => `lero-${rendered?.dataset ?? "data"}-explorer` });
  const sqlConsole = buildConsole(datasets, policy, engine, (ms) => timings.push({ action: "sql", ms }));
  sqlConsole.onRun((text) => {
    if (!wanted) return;
    if (text === wanted.sql) {
      void sqlConsole.run(text);
      return;
    }
    userChange({ ...wanted, sql: text }, "sql");
  });

  const drawCharts = (state: ExploreState) => controls.charts({ state, dataset: dataset!, bars: lastBars, policy, version });

  /** The share the source is loaded for ("" for none): a share counts only the people who answered its question. */
  let sourceShare = "";
  const shareOf = (d: ExploreDataset, raw: RawState) => {
    const chosen = d.measures.find((m) => m.id === raw.measure);
    return chosen?.kind === "percent" ? chosen : undefined;
  };

  async function loadDataset(next: ExploreDataset, share: ExploreDataset["measures"][number] | undefined): Promise<void> {
    say(`Reading the ${next.name} data…`);
    controls.busy(`Reading the ${next.name} data…`);
    const value = next.measures.find((m) => m.id === "mean")?.field;
    const started = performance.now();
    source = await Source.load(
      engine.explorer,
      {
        table: next.name,
        subject: next.subject,
        dimensions: next.dimensions.map((d) => ({ name: d.name, type: d.type })),
        value,
        ...(share?.items ? { flagItems: share.items } : { flag: share?.field }),
        answeredOnly: share !== undefined,
      },
      (name, values) => orderValues(next.dimensions.find((d) => d.name === name), values),
    );
    sourceShare = share?.id ?? "";
    timings.push({ action: "load-dataset", ms: performance.now() - started });
    dataset = next;
    usable = next.dimensions.map((d) => d.name).filter((d) => {
      const n = source!.known.get(d)?.length ?? 0;
      return n >= 1 && n <= MAX_VALUES;
    });
    cube = undefined;
  }

  async function apply(job: Job): Promise<void> {
    const target = pickDataset(job.raw, datasets);
    const share = shareOf(target, job.raw);
    if (!source || !dataset || dataset.name !== target.name || sourceShare !== (share?.id ?? "")) await loadDataset(target, share);
    const known = new Map(usable.map((d) => [d, source!.known.get(d) ?? []]));
    const state = normaliseState(job.raw, dataset!, known, defaultDimensions(dataset!, known));
    if (!cube || cube.dimensions.join(",") !== state.dims.join(",")) {
      controls.busy("Building the data cube…");
      const started = performance.now();
      cube = await source!.cube(state.dims);
      timings.push({ action: "cube", ms: performance.now() - started });
    }
    const measure = dataset!.measures.find((m) => m.id === state.measure)!;
    const barsByDim: DimensionBars[] = [];
    for (const dim of state.dims) {
      const raw = await cube.bars(dim, state.filters, measure.id === "mean");
      barsByDim.push({ dim, bars: chartBars(raw, measure, dataset!, policy, state.filters[dim] ?? [], dim, state.filters) });
    }
    const total: Figures = await cube.total(state.filters, measure.id === "mean");
    const cells = state.dims.length ? await cube.cells(state.filters, measure.id === "mean") : [];
    if (job !== latestJob) return; // a newer change is queued: show that one instead

    const url = `${location.pathname}?${encodeState(state)}${location.hash}`;
    if (job.push && (!rendered || encodeState(rendered) !== encodeState(state))) history.pushState(null, "", url);
    else history.replaceState(null, "", url);
    rendered = state;
    wanted = state;
    lastBars = barsByDim;

    if (!controls.root.isConnected) {
      targets.main.replaceChildren(controls.root);
      targets.results.replaceChildren(results.root);
      targets.console.replaceChildren(sqlConsole.root);
    }
    controls.sync(state, dataset!, usable);
    controls.summary(state, total, measure, dataset!, policy);
    drawCharts(state);
    results.show(state, resultTable(cells, state.dims, measure, dataset!, policy), dataset!);
    results.cite(citation(dataset!, version, location.href, new Date()));
    controls.idle();
    // Time to first chart counts from the start of the page; other actions from the reader's action.
    timings.push({ action: job.action, ms: performance.now() - (job.action === "first-chart" ? 0 : job.started) });

    if (state.sql !== lastSql) {
      lastSql = state.sql;
      sqlConsole.setQuery(state.sql);
      if (state.sql.trim() !== "") await sqlConsole.run(state.sql);
      else sqlConsole.clear();
    }
  }

  // ---- The queue -----------------------------------------------------------------------------
  let latestJob: Job | undefined;
  let running: Promise<void> | undefined;
  function request(raw: RawState, push: boolean, action: string): Promise<void> {
    const job: Job = { raw, push, action, started: performance.now() };
    latestJob = job;
    running ??= (async () => {
      try {
        while (latestJob) {
          const current: Job = latestJob;
          try {
            await apply(current);
          } catch (error) {
            controls.status.textContent = `Something went wrong: ${errorText(error)}`;
            say(`Something went wrong: ${errorText(error)}`);
            console.warn(error);
          }
          if (latestJob === current) latestJob = undefined;
        }
      } finally {
        running = undefined;
      }
    })();
    return running;
  }

  function userChange(next: ExploreState | RawState, action: string): void {
    if ("chart" in next && typeof next.chart === "string" && next.dataset && next.dims) wanted = next as ExploreState;
    void request(next as RawState, true, action);
  }

  window.addEventListener("popstate", () => void request(decodeState(location.search), false, "history"));

  let resizeTimer: ReturnType<typeof setTimeout> | undefined;
  new ResizeObserver(() => {
    clearTimeout(resizeTimer);
    resizeTimer = setTimeout(() => rendered && dataset && drawCharts(rendered), 150);
  }).observe(targets.main);

  // ---- First view ----------------------------------------------------------------------------
  await request(decodeState(location.search), false, "first-chart");
}
