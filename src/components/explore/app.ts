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
import { buildControls } from "./controls.js";
import { checkState, computeView, loadSource, precomputedView, shareOf, usableDimensions, withGeography, type ViewData } from "./compute.js";
import type { Cube, Source } from "./cube.js";
import { dataVersion, exploreDatasets, type ExploreDataset } from "./datasets.js";
import type { ExplorePolicy } from "./disclosure.js";
import { el, errorText } from "./dom.js";
import { Engine, type AttachedFile, type DuckDBClientClass } from "./engine.js";
import type { ReleaseRule } from "./geography.js";
import { bytesText, duckDBWithProgress, type DuckDBBundles, type DuckDBModule, type LoadProgress } from "./duckdb-start.js";
import { DEFAULT_VIEW, PRESETS, availablePresets, presetAnchor, presetOfHash } from "./presets.js";
import { buildResults } from "./results.js";
import { CHART_TYPES, decodeState, encodeState, toggleFilter, type ExploreState, type RawState } from "./state.js";
import { citation } from "./view.js";
import { PICKED_ATTRIBUTE, paintView, skeleton } from "./first-view.js";

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
  /** Framework's client, used when `duckdb` is not given. */
  DuckDBClient?: DuckDBClientClass;
  /** DuckDB-wasm itself and its builds: the explorer starts it with a progress report (bytes downloaded). */
  duckdb?: { load: () => Promise<DuckDBModule>; bundles: DuckDBBundles };
  /** Views the build pre-computed from the release (`explore-views.json`): drawn at once, before the engine loads. */
  views?: readonly ViewData[];
  /** Each data set's k-anonymity rule, from the build report (for the geography split and its words). */
  release?: Record<string, ReleaseRule>;
}

/** The state a URL asks for; no data set and no splits is the default view (the stigma survey's headline chart). */
export function wantedState(search: string, hash = ""): RawState {
  const raw = decodeState(search);
  // A preset's anchor alone ("explore.html#view-…", the link that works with scripts off) opens that preset.
  const base = presetOfHash(hash)?.state ?? DEFAULT_VIEW;
  if (raw.dataset === undefined && raw.dims === undefined && raw.measure === undefined) return { ...base, ...(raw.sql !== undefined ? { sql: raw.sql } : {}) };
  return raw;
}

/** The hash a view's URL keeps: its preset's anchor when it is a preset's view, else the page's own anchor (never another view's). */
export function viewHash(state: ExploreState, hash: string): string {
  const preset = PRESETS.find((p) => encodeState(p.state) === encodeState(state));
  if (preset) return `#${presetAnchor(preset)}`;
  return presetOfHash(hash) ? "" : hash;
}

interface Job {
  raw: RawState;
  push: boolean;
  action: string;
  started: number;
}

/**
 * Mounts the explorer. Resolves once the first view is shown: at once when the build pre-computed it
 * (the engine then loads in the background and takes over), else once the engine has drawn it.
 */
export async function mountExplorer(targets: ExplorerTargets, options: ExplorerOptions): Promise<void> {
  const timings = (window.__exploreTimings ??= []);
  const { policy } = options;
  const release = options.release ?? {};
  const version = dataVersion(options.datapackage);
  const datasets = exploreDatasets(options.datapackage).filter((d) => options.files[d.name]);
  // The skeleton's line, while a view the build did not make waits for the engine.
  const say = (text: string) => {
    const line = targets.main.querySelector<HTMLElement>("[data-explore-loading]");
    if (line) line.textContent = text;
  };
  // Says, visibly and in one short line (so that its changes move nothing), what the engine is doing.
  let engineLine: HTMLElement | undefined;
  const setEngineState = (stateName: "loading" | "ready" | "failed", text: string) => {
    targets.main.dataset.engine = stateName;
    if (engineLine) engineLine.textContent = text;
  };

  // ---- The engine, started once, in the background when a view is already drawn -----------------
  let enginePromise: Promise<Engine> | undefined;
  let engineReady = false;
  const startEngine = (): Promise<Engine> =>
    (enginePromise ??= (async () => {
      setEngineState("loading", "Data engine: loading…");
      let said = -Infinity;
      const progress = (p: LoadProgress) => {
        targets.main.dataset.bytesLoaded = String(p.bytesLoaded);
        // Said every half megabyte or so (the lines are live regions: not on every chunk).
        if (p.bytesLoaded - said < 500_000 && !(p.bytesTotal > 0 && p.bytesLoaded >= p.bytesTotal)) return;
        said = p.bytesLoaded;
        if (enginePromise && !engineReady) setEngineState("loading", `Data engine: ${bytesText(p)} loaded`);
        say(`Downloading the data engine: ${bytesText(p)}…`);
      };
      const client = options.duckdb ? duckDBWithProgress(options.duckdb.load, options.duckdb.bundles, progress) : options.DuckDBClient;
      try {
        if (!client) throw new Error("no DuckDB-wasm was given to the explorer");
        const engine = await Engine.start(client, Object.fromEntries(datasets.map((d) => [d.name, options.files[d.name]!])));
        timings.push({ action: "engine", ms: performance.now() });
        setEngineState("ready", "Data engine ready.");
        engineReady = true;
        return engine;
      } catch (error) {
        const kept = shown ? " The view shown was worked out when the site was built;" : "";
        const text = `The data engine could not start: ${errorText(error)}.${kept} To ask ${shown ? "other" : "your"} questions, try reloading the page. The downloads on the Methods page hold the same data.`;
        setEngineState("failed", text);
        say(text);
        throw error;
      }
    })());
  // The console and the Parquet download wait for the engine (and start it) when first used.
  const lazyEngine = {
    console: async (sql: string) => (await startEngine()).console(sql),
    exportParquet: async (build: (file: string) => string) => (await startEngine()).exportParquet(build),
  };

  // ---- State -----------------------------------------------------------------------------------
  /**
   * Each data set's source, by data set and share (a share counts only the people who answered its
   * question), kept for the page's life: the published rows do not change, so going back is instant.
   */
  const sources = new Map<string, Source>();
  let cube: { source: Source; view: Cube } | undefined;
  // The explorer's connection does one piece of work at a time: a source and its cube share its temp tables.
  let engineWork: Promise<unknown> = Promise.resolve();
  const exclusive = <T>(work: () => Promise<T>): Promise<T> => {
    const next = engineWork.then(work, work);
    engineWork = next.catch(() => undefined);
    return next;
  };
  let shown: ViewData | undefined;
  let shownDataset: ExploreDataset | undefined;
  let rendered: ExploreState | undefined;
  let wanted: ExploreState | undefined;
  let lastSql = "";
  let drawnJson = "";

  const known = (view: ViewData) => new Map(Object.entries(view.known));
  const toggle = (dim: string, value: string) => wanted && shown && userChange(toggleFilter(wanted, dim, value, shown.known[dim] ?? []), "filter");
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
  engineLine = controls.engine;
  engineLine.textContent = "Data engine: loading…";
  const results = buildResults({ engine: lazyEngine, policy, status: controls.status, fileBase: () => `lero-${rendered?.dataset ?? "data"}-explorer` });
  const sqlConsole = buildConsole(datasets, policy, lazyEngine, (ms) => timings.push({ action: "sql", ms }));
  sqlConsole.onRun((text) => {
    if (!wanted) return;
    if (text === wanted.sql) {
      void sqlConsole.run(text);
      return;
    }
    userChange({ ...wanted, sql: text }, "sql");
  });

  const drawCharts = () => shown && shownDataset && controls.charts({ state: shown.state, dataset: shownDataset, bars: shown.bars, policy, version });

  /**
   * Draws a view (pre-computed or the engine's). A view identical to the one drawn is left alone: no
   * jump when the engine takes over. The first one replaces the build's drawing of the default view
   * (or the skeleton): the same elements, painted by the same code, so nothing moves.
   */
  async function draw(view: ViewData, push: boolean, base: ExploreDataset): Promise<void> {
    const state = view.state;
    // Measured before anything changes (no layout forced mid-draw); before it is connected, the box cannot
    // be measured: the width of the box it replaces.
    const boxWidth = targets.main.querySelector(".explore-charts")?.clientWidth || targets.main.clientWidth || undefined;
    const url = `${location.pathname}?${encodeState(state)}${viewHash(state, location.hash)}`;
    if (push && (!rendered || encodeState(rendered) !== encodeState(state))) history.pushState(null, "", url);
    else history.replaceState(null, "", url);
    rendered = state;
    wanted = state;
    targets.main.dataset.view = view.key;
    const json = JSON.stringify(view);
    if (json !== drawnJson || !controls.root.isConnected) {
      drawnJson = json;
      shown = view;
      const connect = !controls.root.isConnected;
      shownDataset = paintView(controls, results, view, base, policy, version, release[base.name], boxWidth);
      if (connect) {
        targets.main.replaceChildren(controls.root);
        // The build's drawings are gone: the mark that picked one of them has nothing left to show.
        document.documentElement.removeAttribute(PICKED_ATTRIBUTE);
        drawnWidth = targets.main.clientWidth;
        targets.results.replaceChildren(results.root);
        targets.console.replaceChildren(sqlConsole.root);
      }
    }
    results.cite(citation(shownDataset!, version, location.href, new Date()));
    controls.status.textContent = view.summary.status;
    controls.idle();
    if (state.sql !== lastSql) {
      lastSql = state.sql;
      sqlConsole.setQuery(state.sql);
      if (state.sql.trim() !== "") await sqlConsole.run(state.sql);
      else sqlConsole.clear();
    }
  }

  async function apply(job: Job): Promise<void> {
    const target = datasets.find((d) => d.name === job.raw.dataset) ?? datasets.find((d) => d.name === DEFAULT_VIEW.dataset) ?? datasets[0];
    if (!target) throw new Error("The data package lists no microdata to explore.");
    // A view the build pre-computed needs no engine.
    const ready = precomputedView(job.raw, options.views ?? [], datasets);
    if (ready && !engineReady) {
      await draw(ready, job.push, target);
      timings.push({ action: job.action, ms: performance.now() - (job.action === "first-chart" ? 0 : job.started) });
      return;
    }
    if (!controls.root.isConnected && !targets.main.querySelector("[data-explore-loading]")) {
      // The page holds the build's drawing of the default view: not the view asked for.
      targets.main.replaceChildren(skeleton("Loading the data engine…"));
      targets.results.replaceChildren(el("p", { class: "explore-loading" }, "The table appears when the data engine has loaded."));
    }
    if (!enginePromise) say("Loading the data engine…");
    controls.busy(enginePromise ? "Working out the view…" : "Loading the data engine…");
    const engine = await startEngine();
    const share = shareOf(target, job.raw.measure);
    const sourceKey = `${target.name}\u0000${share?.id ?? ""}`;
    const cached = sources.get(sourceKey);
    const cachedState = cached && checkState(job.raw, target, cached.known);
    // A filter, or a split the data set's cube covers, needs no engine work (none waits for the prefetch).
    const { source, state } =
      cached && cachedState && cached.covers(cachedState.dims)
        ? { source: cached, state: cachedState }
        : await exclusive(async () => {
            let source = sources.get(sourceKey);
            if (!source) {
              say(`Reading the ${target.name} data…`);
              controls.busy(`Reading the ${target.name} data…`);
              const started = performance.now();
              source = await loadSource(engine.explorer, target, share);
              sources.set(sourceKey, source);
              timings.push({ action: "load-dataset", ms: performance.now() - started });
            }
            const state = checkState(job.raw, target, source.known);
            if (!source.covers(state.dims)) {
              controls.busy("Building the data cube…");
              const started = performance.now();
              // Over every split the reader may choose (when small enough): a change of split then adds up the same cube.
              await source.cube(state.dims, usableDimensions(target, source.known));
              timings.push({ action: "cube", ms: performance.now() - started });
            }
            return { source, state };
          });
    if (!cube || cube.source !== source || cube.view.dimensions.join(",") !== state.dims.join(",")) {
      cube = { source, view: await source.cube(state.dims, usableDimensions(target, source.known)) };
    }
    const view = await computeView(cube.view, state, target, policy, source.known, release[target.name]);
    if (job !== latestJob) return; // a newer change is queued: show that one instead
    await draw(view, job.push, target);
    // Time to first chart counts from the start of the page; other actions from the reader's action.
    timings.push({ action: job.action, ms: performance.now() - (job.action === "first-chart" ? 0 : job.started) });
    if (job.action === "filter") timeToFrame(job);
  }

  /**
   * A filter's time until the frame that shows it has been painted (the browser's style, layout and
   * paint after the explorer's own work): the next animation frame, then a task after it.
   */
  function timeToFrame(job: Job): void {
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => timings.push({ action: `${job.action}-painted`, ms: performance.now() - job.started });
      channel.port2.postMessage(null);
    });
  }

  /**
   * The other data sets, loaded and their cubes built while the reader looks at the first view, one at
   * a time and each as one piece of engine work (a reader's change waits for one at most): opening one
   * later adds up its cube at once. A failure here is left for that change to report.
   */
  async function prefetch(engine: Engine): Promise<void> {
    try {
      await prefetchEach(engine);
    } finally {
      // Every background load has ended (a page can be left without cutting one off).
      targets.main.dataset.prefetched = "";
    }
  }
  async function prefetchEach(engine: Engine): Promise<void> {
    for (const dataset of datasets) {
      const key = `${dataset.name}\u0000`;
      if (sources.has(key)) continue;
      try {
        await exclusive(async () => {
          if (sources.has(key)) return;
          const started = performance.now();
          const source = await loadSource(engine.explorer, dataset, undefined);
          const state = checkState({ dataset: dataset.name, filters: {} }, dataset, source.known);
          await source.cube(state.dims, usableDimensions(dataset, source.known));
          sources.set(key, source);
          timings.push({ action: "prefetch", ms: performance.now() - started });
        });
      } catch (error) {
        console.warn(error);
        return;
      }
    }
  }
  const prefetchWhenIdle = () => {
    const run = () => void startEngine().then(prefetch, () => undefined);
    if ("requestIdleCallback" in window) window.requestIdleCallback(run, { timeout: 2000 });
    else setTimeout(run, 0);
  };

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
            // An engine that could not start has said so, with what to do: keep that.
            const text = targets.main.dataset.engine === "failed" ? controls.engine.textContent ?? "" : `Something went wrong: ${errorText(error)}`;
            controls.status.textContent = text;
            say(text);
            controls.idle();
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

  window.addEventListener("popstate", () => void request(wantedState(location.search, location.hash), false, "history"));

  // Charts are redrawn when the width changes, not when the height does (new content, a table opened).
  let resizeTimer: ReturnType<typeof setTimeout> | undefined;
  let drawnWidth = targets.main.clientWidth;
  new ResizeObserver(() => {
    clearTimeout(resizeTimer);
    resizeTimer = setTimeout(() => {
      if (!rendered || targets.main.clientWidth === drawnWidth) return;
      drawnWidth = targets.main.clientWidth;
      drawCharts();
    }, 150);
  }).observe(targets.main);

  // ---- First view ----------------------------------------------------------------------------
  const first = wantedState(location.search, location.hash);
  await request(first, false, "first-chart");
  // The engine takes over in the background: it loads once the first view is on screen, then works
  // out the same view (identical, so nothing moves) and is ready for the reader's first question.
  if (!enginePromise) {
    const takeOver = () =>
      void startEngine().then(
        // Unless the reader has already asked for something else (that job draws with the engine itself).
        () => (latestJob ? prefetchWhenIdle() : request(wantedState(location.search, location.hash), false, "engine-takeover").then(prefetchWhenIdle)),
        () => undefined, // said on the page by startEngine
      );
    if ("requestIdleCallback" in window) window.requestIdleCallback(takeOver, { timeout: 500 });
    else setTimeout(takeOver, 0);
  } else prefetchWhenIdle();
}

/** The usable dimensions of a data set's source, for tests and the build. */
export { usableDimensions };
