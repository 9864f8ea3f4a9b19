/**
 * The data explorer, wired together: controls, linked charts, the results table, downloads, the
 * permalink and the SQL console. The page calls `mountExplorer` once; everything after that is driven
 * by the reader's actions and the browser's history.
 *
 * Every change goes through one queue (`request`): the latest wanted state wins, so quick clicks never
 * render out of order. The URL is the state: each change is pushed to the history, and going back or
 * forward re-applies the URL.
 */
import type { DataPackage } from "../../lib/published.js";
import { dataTable, download, type TableColumn } from "../shared/figure.js";
import { Source, type Cube, type Figures } from "./cube.js";
import { exploreChart, type ChartBar } from "./chart.js";
import { toSafeCsv } from "./csv.js";
import { dataVersion, defaultDimensions, exploreDatasets, orderValues, MAX_VALUES, type ExploreDataset } from "./datasets.js";
import { formatShown, plainShown, protectCount, protectQueryResult, type ExplorePolicy, type Shown } from "./disclosure.js";
import { Engine, type AttachedFile, type DuckDBClientClass } from "./engine.js";
import { checkReadOnlySql, describeSql, resultSql } from "./readonly.js";
import { exportParquetSql } from "./sql.js";
import { CHART_TYPES, MAX_DIMENSIONS, decodeState, encodeState, normaliseState, pickDataset, toggleFilter, type ExploreState, type RawState } from "./state.js";
import { chartBars, chartDescription, chartSubtitle, chartTitle, citation, resultCsvRows, resultParquet, resultTable, statusText, titleOf, type ResultTable } from "./view.js";

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

const CONSOLE_ROWS = 1000;
const SOURCE = "LERO Evidence, published anonymised data (explored in your browser)";

interface Job {
  raw: RawState;
  push: boolean;
  action: string;
  started: number;
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, attributes: Record<string, string> = {}, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  if (text !== undefined) node.textContent = text;
  return node;
}

function option(value: string, label: string): HTMLOptionElement {
  const node = el("option", { value }, label);
  return node;
}

function field(id: string, label: string, control: HTMLElement): HTMLDivElement {
  const wrap = el("div", { class: "explore-field" });
  wrap.append(el("label", { for: id }, label), control);
  return wrap;
}

function errorText(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/^Error:\s*/, "");
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

  // ---- Controls -------------------------------------------------------------------------------
  const status = el("p", { id: "explore-status", class: "explore-status lero-visually-hidden", role: "status", "aria-live": "polite" });
  const datasetSelect = el("select", { id: "explore-dataset" });
  for (const d of datasets) datasetSelect.append(option(d.name, d.title));
  const measureSelect = el("select", { id: "explore-measure" });
  const dimSelects = Array.from({ length: MAX_DIMENSIONS }, (_, i) => el("select", { id: `explore-dim-${i}` }));
  const chartSelect = el("select", { id: "explore-chart-type" });
  chartSelect.append(option("bars", "Bars"), option("dots", "Dots"));
  const controls = el("form", { class: "explore-controls", "aria-label": "What to explore" });
  controls.addEventListener("submit", (event) => event.preventDefault());
  controls.append(
    field("explore-dataset", "Data set", datasetSelect),
    field("explore-measure", "Measure", measureSelect),
    ...dimSelects.map((select, i) => field(select.id, `Chart ${i + 1}: by`, select)),
    field("explore-chart-type", "Chart type", chartSelect),
  );

  const headline = el("p", { class: "explore-headline" });
  const countNode = el("strong", { id: "people-count" });
  const nounNode = el("span", { class: "explore-noun" });
  headline.append(countNode, " ", nounNode);
  const chips = el("ul", { class: "explore-chips", "aria-label": "Filters in use" });
  const clearButton = el("button", { type: "button", class: "explore-clear" }, "Clear all filters");
  const summary = el("div", { class: "explore-summary" });
  summary.append(headline, chips, clearButton, status);
  const charts = el("div", { class: "explore-charts" });
  const help = el("p", { class: "explore-help" }, "Click a bar, or Tab to a chart and use the arrow keys and Enter, to filter on that value; the other charts and the table follow. Click again to remove the filter.");
  const mainApp = el("div", { class: "explore-app" });
  mainApp.append(controls, summary, help, charts);

  // Results
  const resultsTable = el("div", { class: "explore-table-wrap" });
  const resultsActions = el("div", { class: "lero-chart-downloads explore-downloads", role: "group", "aria-label": "Download the results table" });
  const csvButton = el("button", { type: "button", id: "explore-download-csv" }, "Table (CSV)");
  const parquetButton = el("button", { type: "button", id: "explore-download-parquet" }, "Table (Parquet)");
  const copyLink = el("button", { type: "button", id: "explore-copy-link" }, "Copy link to this view");
  resultsActions.append(csvButton, parquetButton, copyLink);
  const citeText = el("p", { id: "explore-citation", class: "explore-citation" });
  const copyCite = el("button", { type: "button", id: "explore-copy-citation" }, "Copy citation");
  const copyStatus = el("span", { class: "explore-copy-status", role: "status", "aria-live": "polite" });
  const citeBlock = el("div", { class: "explore-cite" });
  citeBlock.append(el("p", { class: "explore-cite-label" }, "Cite this view:"), citeText, copyCite, copyStatus);
  const resultsApp = el("div", { class: "explore-results" });
  resultsApp.append(resultsTable, resultsActions, citeBlock);

  // Console
  const consoleApp = buildConsole(datasets, policy);

  // ---- State and rendering -------------------------------------------------------------------
  let source: Source | undefined;
  let dataset: ExploreDataset | undefined;
  let usable: string[] = [];
  let cube: Cube | undefined;
  let rendered: ExploreState | undefined;
  let wanted: ExploreState | undefined;
  let lastSql = "";
  let table: ResultTable | undefined;
  let lastBars: { dim: string; bars: ChartBar[] }[] = [];

  const chartWidth = () => {
    const width = charts.clientWidth || targets.main.clientWidth || 900;
    const count = Math.max(1, lastBars.length);
    const columns = Math.max(1, Math.min(count, Math.floor((width + 24) / (340 + 24))));
    return Math.floor((width - 24 * (columns - 1)) / columns) - 2;
  };

  async function loadDataset(next: ExploreDataset): Promise<void> {
    say(`Reading the ${next.name} data…`);
    setBusy(`Reading the ${next.name} data…`);
    const value = next.measures.find((m) => m.id === "mean")?.field;
    const flag = next.measures.find((m) => m.id === "share")?.field;
    const started = performance.now();
    source = await Source.load(
      engine.explorer,
      { table: next.name, subject: next.subject, dimensions: next.dimensions.map((d) => ({ name: d.name, type: d.type })), value, flag },
      (name, values) => orderValues(next.dimensions.find((d) => d.name === name), values),
    );
    timings.push({ action: "load-dataset", ms: performance.now() - started });
    dataset = next;
    usable = next.dimensions.map((d) => d.name).filter((d) => {
      const n = source!.known.get(d)?.length ?? 0;
      return n >= 1 && n <= MAX_VALUES;
    });
    cube = undefined;
  }

  function setBusy(text: string): void {
    mainApp.setAttribute("aria-busy", "true");
    if (status.isConnected) status.textContent = text;
  }

  async function apply(job: Job): Promise<void> {
    const target = pickDataset(job.raw, datasets);
    if (!source || !dataset || dataset.name !== target.name) await loadDataset(target);
    const known = new Map(usable.map((d) => [d, source!.known.get(d) ?? []]));
    const state = normaliseState(job.raw, dataset!, known, defaultDimensions(dataset!, known));
    if (!cube || cube.dimensions.join(",") !== state.dims.join(",")) {
      setBusy("Building the data cube…");
      const started = performance.now();
      cube = await source!.cube(state.dims);
      timings.push({ action: "cube", ms: performance.now() - started });
    }
    const measure = dataset!.measures.find((m) => m.id === state.measure)!;
    const barsByDim: { dim: string; bars: ChartBar[] }[] = [];
    for (const dim of state.dims) {
      const raw = await cube.bars(dim, state.filters, measure.id === "mean");
      barsByDim.push({ dim, bars: chartBars(raw, measure, dataset!, policy, state.filters[dim] ?? []) });
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

    if (!mainApp.isConnected) {
      targets.main.replaceChildren(mainApp);
      targets.results.replaceChildren(resultsApp);
      targets.console.replaceChildren(consoleApp.root);
    }
    syncControls(state);
    renderSummary(state, total, measure);
    renderCharts(state);
    table = resultTable(cells, state.dims, measure, dataset!, policy);
    renderTable(state, table);
    const permalink = location.href;
    citeText.textContent = citation(dataset!, version, permalink, new Date());
    mainApp.removeAttribute("aria-busy");
    // Time to first chart counts from the start of the page; other actions from the reader's action.
    timings.push({ action: job.action, ms: performance.now() - (job.action === "first-chart" ? 0 : job.started) });

    if (state.sql !== lastSql) {
      lastSql = state.sql;
      consoleApp.textarea.value = state.sql;
      if (state.sql.trim() !== "") await runConsole(state.sql);
      else consoleApp.clear();
    }
  }

  function syncControls(state: ExploreState): void {
    datasetSelect.value = state.dataset;
    measureSelect.replaceChildren(...dataset!.measures.map((m) => option(m.id, m.label)));
    measureSelect.value = state.measure;
    dimSelects.forEach((select, i) => {
      const taken = state.dims.filter((_, j) => j !== i);
      select.replaceChildren(option("", "(no chart)"), ...usable.filter((d) => !taken.includes(d)).map((d) => option(d, titleOf(dataset!, d))));
      select.value = state.dims[i] ?? "";
      // Charts fill from the left: a later chart needs the earlier ones.
      select.disabled = i > state.dims.length;
    });
    chartSelect.value = state.chart;
  }

  function renderSummary(state: ExploreState, total: Figures, measure: ExploreDataset["measures"][number]): void {
    const shown = formatShown(protectCount(total.people, policy, dataset!.level));
    countNode.textContent = shown;
    nounNode.textContent = `${dataset!.noun.many} match${Object.keys(state.filters).length ? " the filters" : " (no filters)"}`;
    status.textContent = statusText(total, measure, dataset!, policy, state.filters);
    chips.replaceChildren(
      ...Object.entries(state.filters).flatMap(([dim, values]) =>
        values.map((value) => {
          const item = el("li");
          const button = el("button", { type: "button", class: "explore-chip", "aria-label": `Remove the filter ${titleOf(dataset!, dim)}: ${value}` }, `${titleOf(dataset!, dim)}: ${value} ✕`);
          button.addEventListener("click", () => userChange(toggleFilter(wanted!, dim, value, source!.known.get(dim) ?? []), "filter"));
          item.append(button);
          return item;
        }),
      ),
    );
    clearButton.hidden = Object.keys(state.filters).length === 0;
  }

  function renderCharts(state: ExploreState, focus?: { dim: string; value: string }): void {
    const active = document.activeElement;
    const focused = focus ?? (active instanceof SVGElement && active.classList.contains("explore-hit") ? { dim: active.closest("figure")?.getAttribute("data-dim") ?? "", value: active.getAttribute("data-value") ?? "" } : undefined);
    const measure = dataset!.measures.find((m) => m.id === state.measure)!;
    const width = chartWidth();
    const figures = lastBars.map(({ dim, bars }) => {
      const dimensionTitle = titleOf(dataset!, dim);
      const figure = exploreChart(bars, {
        id: `explore-chart-${dim.replace(/[^A-Za-z0-9_-]/g, "-")}`,
        title: chartTitle(bars, measure, dimensionTitle, dataset!),
        subtitle: chartSubtitle(measure, dataset!, policy, state.filters, dim),
        description: chartDescription(bars, measure, dimensionTitle, dataset!, state.filters, dim),
        dimensionTitle,
        measureLabel: measure.label,
        measureKind: measure.kind,
        chartType: state.chart,
        source: `${dataset!.title}, LERO Evidence; data version ${version}.`,
        policy,
        width,
        focusValue: focused?.dim === dim ? focused.value : undefined,
        onToggle: (value) => userChange(toggleFilter(wanted!, dim, value, source!.known.get(dim) ?? []), "filter"),
      });
      figure.setAttribute("data-dim", dim);
      return figure;
    });
    if (figures.length === 0) charts.replaceChildren(el("p", { class: "explore-empty" }, "Choose a dimension for Chart 1 to see the data by it."));
    else charts.replaceChildren(...figures);
    if (focused) charts.querySelector<SVGElement>(`figure[data-dim="${CSS.escape(focused.dim)}"] rect.explore-hit[tabindex="0"]`)?.focus();
  }

  function renderTable(state: ExploreState, result: ResultTable): void {
    const columns: TableColumn[] = result.columns.map((c) => ({
      key: c.key,
      label: c.label,
      numeric: c.kind !== "text",
      format: (v) => (c.kind === "text" ? String(v ?? "") : formatShown(v as Shown, c.kind)),
    }));
    const filterText = Object.entries(state.filters)
      .map(([d, v]) => `${titleOf(dataset!, d)}: ${v.join(" or ")}`)
      .join("; ");
    const caption = `${result.columns.find((c) => c.kind === "count")!.label} by ${state.dims.map((d) => titleOf(dataset!, d)).join(", ") || "nothing"}${filterText ? ` (${filterText})` : ""}`;
    const node = dataTable(document, columns, result.rows, caption);
    node.id = "explore-results-table";
    resultsTable.replaceChildren(node);
    if (result.rows.length === 0) resultsTable.append(el("p", { class: "explore-empty" }, `No ${dataset!.noun.many} match these filters.`));
    if (result.rows.some((r) => Object.values(r).some((v) => v === policy.symbols.confidential))) {
      resultsTable.append(el("p", { class: "lero-source" }, "[c] = hidden to protect confidentiality (too few people or organisations, or a percentage or mean on too small a base)."));
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
            status.textContent = `Something went wrong: ${errorText(error)}`;
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

  datasetSelect.addEventListener("change", () => userChange({ dataset: datasetSelect.value, filters: {}, sql: wanted?.sql ?? "" }, "dataset"));
  measureSelect.addEventListener("change", () => wanted && userChange({ ...wanted, measure: measureSelect.value }, "measure"));
  chartSelect.addEventListener("change", () => wanted && userChange({ ...wanted, chart: (CHART_TYPES as readonly string[]).includes(chartSelect.value) ? (chartSelect.value as ExploreState["chart"]) : "bars" }, "chart"));
  dimSelects.forEach((select, i) =>
    select.addEventListener("change", () => {
      if (!wanted) return;
      const dims = [...wanted.dims];
      if (select.value === "") dims.splice(i);
      else dims[i] = select.value;
      userChange({ ...wanted, dims: dims.filter((d, j) => d && dims.indexOf(d) === j) }, "dimensions");
    }),
  );
  clearButton.addEventListener("click", () => {
    if (!wanted) return;
    userChange({ ...wanted, filters: {} }, "filter");
    datasetSelect.focus();
  });
  window.addEventListener("popstate", () => void request(decodeState(location.search), false, "history"));

  let resizeTimer: ReturnType<typeof setTimeout> | undefined;
  new ResizeObserver(() => {
    clearTimeout(resizeTimer);
    resizeTimer = setTimeout(() => rendered && dataset && renderCharts(rendered), 150);
  }).observe(targets.main);

  // ---- Downloads -----------------------------------------------------------------------------
  const fileBase = () => `lero-${rendered?.dataset ?? "data"}-explorer`;
  csvButton.addEventListener("click", () => {
    if (!table) return;
    const text = toSafeCsv(table.columns.map((c) => c.label), resultCsvRows(table), policy);
    download(document, `${fileBase()}.csv`, new Blob([text], { type: "text/csv;charset=utf-8" }));
  });
  parquetButton.addEventListener("click", async () => {
    if (!table) return;
    const { columns, rows } = resultParquet(table);
    try {
      const bytes = await engine.exportParquet((file) => exportParquetSql(file, columns, rows));
      download(document, `${fileBase()}.parquet`, new Blob([bytes.slice()], { type: "application/vnd.apache.parquet" }));
    } catch (error) {
      status.textContent = `The Parquet file could not be made: ${errorText(error)}`;
    }
  });
  const copy = async (text: string, what: string) => {
    try {
      await navigator.clipboard.writeText(text);
      copyStatus.textContent = `${what} copied.`;
    } catch {
      copyStatus.textContent = `Could not copy: select the ${what.toLowerCase()} and copy it yourself.`;
    }
  };
  copyLink.addEventListener("click", () => void copy(location.href, "Link"));
  copyCite.addEventListener("click", () => void copy(citeText.textContent ?? "", "Citation"));

  // ---- SQL console ---------------------------------------------------------------------------
  async function runConsole(text: string): Promise<void> {
    const started = performance.now();
    const checked = checkReadOnlySql(text);
    if (!checked.ok) {
      const before = text.slice(0, checked.problem.at).split("\n");
      consoleApp.fail(`Not run (line ${before.length}, column ${before[before.length - 1]!.length + 1}): ${checked.problem.message}`);
      return;
    }
    consoleApp.message.textContent = "Running…";
    try {
      const described = await engine.console(describeSql(checked.sql));
      const columns = described.map((r) => ({ name: String(r.column_name), type: String(r.column_type) }));
      const raw = await engine.console(resultSql(checked.sql, columns.map((c) => c.type), CONSOLE_ROWS + 1));
      const more = raw.length > CONSOLE_ROWS;
      const values = raw.slice(0, CONSOLE_ROWS).map((row) => columns.map((_, i) => row[`c${i}`]));
      const result = protectQueryResult(columns, values, policy);
      consoleApp.show(result, more);
      timings.push({ action: "sql", ms: performance.now() - started });
    } catch (error) {
      consoleApp.fail(`DuckDB could not run the query: ${errorText(error)}`);
    }
  }
  consoleApp.onRun((text) => {
    if (!wanted) return;
    if (text === wanted.sql) {
      void runConsole(text);
      return;
    }
    userChange({ ...wanted, sql: text }, "sql");
  });

  // ---- First view ----------------------------------------------------------------------------
  await request(decodeState(location.search), false, "first-chart");
}

interface ConsoleApp {
  root: HTMLElement;
  textarea: HTMLTextAreaElement;
  message: HTMLElement;
  show(result: ReturnType<typeof protectQueryResult>, more: boolean): void;
  fail(text: string): void;
  clear(): void;
  onRun(handler: (text: string) => void): void;
}

function examples(datasets: readonly ExploreDataset[]): { label: string; sql: string }[] {
  const names = new Set(datasets.map((d) => d.name));
  const list: { label: string; sql: string }[] = [];
  if (names.has("stigma")) {
    list.push({
      label: "Respondents who avoided care, by setting",
      sql: "SELECT setting,\n  count(DISTINCT respondent_ref) AS respondents,\n  count(DISTINCT respondent_ref) FILTER (WHERE avoided_care) AS avoided_care\nFROM stigma\nGROUP BY setting\nORDER BY avoided_care DESC",
    });
    list.push({
      label: "Avoided their GP because of stigma, by region",
      sql: "SELECT region, count(DISTINCT respondent_ref) AS respondents\nFROM stigma\nWHERE setting = 'GP' AND avoided_care\nGROUP BY region\nORDER BY region",
    });
  }
  if (names.has("outcomes")) {
    list.push({
      label: "Mean recovery capital at each assessment",
      sql: "SELECT assessment,\n  count(DISTINCT person_ref) AS people,\n  avg(barc_total) AS mean_barc_total\nFROM outcomes\nGROUP BY assessment\nORDER BY min(CASE assessment WHEN 'Intake' THEN 0 WHEN '3 months' THEN 1 WHEN '6 months' THEN 2 ELSE 3 END)",
    });
  }
  if (names.has("audit")) {
    list.push({ label: "LEROs by stage of development", sql: "SELECT stage, count(DISTINCT lero_ref) AS organisations\nFROM audit\nGROUP BY stage\nORDER BY organisations DESC" });
  }
  return list;
}

function buildConsole(datasets: readonly ExploreDataset[], policy: ExplorePolicy): ConsoleApp {
  const root = el("div", { class: "explore-console" });
  const tables = el("details", { class: "explore-schema" });
  tables.append(el("summary", {}, "Tables and columns"));
  for (const d of datasets) {
    const block = el("div");
    block.append(el("h3", {}, `${d.name} — ${d.title}`));
    const list = el("ul", { class: "explore-columns" });
    for (const f of d.fields) {
      const item = el("li");
      item.append(el("code", {}, f.name), ` (${f.type}): ${f.title}`);
      list.append(item);
    }
    block.append(list);
    tables.append(block);
  }
  const exampleGroup = el("div", { class: "explore-examples", role: "group", "aria-label": "Example queries" });
  exampleGroup.append(el("span", { class: "explore-examples-label" }, "Start from an example:"));
  const textarea = el("textarea", { id: "explore-sql", rows: "7", spellcheck: "false", autocapitalize: "off", "aria-describedby": "explore-sql-help" });
  for (const example of examples(datasets)) {
    const button = el("button", { type: "button", class: "explore-example" }, example.label);
    button.addEventListener("click", () => {
      textarea.value = example.sql;
      textarea.focus();
    });
    exampleGroup.append(button);
  }
  const runButton = el("button", { type: "button", id: "explore-sql-run", class: "explore-run" }, "Run query");
  const message = el("p", { id: "explore-sql-message", class: "explore-sql-message", role: "status", "aria-live": "polite" });
  const output = el("div", { class: "explore-sql-output" });
  const helpText = el("p", { id: "explore-sql-help", class: "explore-help" }, "One SELECT (or WITH) query over the tables audit, stigma and outcomes. Press Ctrl+Enter (or ⌘+Enter) to run.");
  root.append(tables, exampleGroup, field("explore-sql", "SQL query", textarea), helpText, runButton, message, output);

  let handler: (text: string) => void = () => undefined;
  runButton.addEventListener("click", () => handler(textarea.value));
  textarea.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      handler(textarea.value);
    }
  });

  return {
    root,
    textarea,
    message,
    onRun: (h) => (handler = h),
    clear: () => {
      output.replaceChildren();
      message.textContent = "";
      message.classList.remove("explore-error");
    },
    fail: (text) => {
      output.replaceChildren();
      message.textContent = text;
      message.classList.add("explore-error");
    },
    show: (result, more) => {
      message.classList.remove("explore-error");
      const n = result.rows.length;
      message.textContent = `${n.toLocaleString("en-GB")} ${n === 1 ? "row" : "rows"}${more ? ` (the first ${CONSOLE_ROWS.toLocaleString("en-GB")}; add LIMIT or GROUP BY to see fewer)` : ""}. ${result.hidden ? `${result.hidden} ${result.hidden === 1 ? "figure is" : "figures are"} hidden ([c]).` : ""}`.trim();
      const columns: TableColumn[] = result.columns.map((c, i) => ({
        key: `c${i}`,
        label: c.name,
        numeric: c.kind === "count" || c.kind === "statistic",
        format: (v) => (v === null || v === undefined ? "" : c.kind === "count" ? formatShown(v as Shown) : c.kind === "statistic" ? (typeof v === "number" ? v.toLocaleString("en-GB", { maximumFractionDigits: 2 }) : String(v)) : String(v)),
      }));
      const rows = result.rows.map((row) => Object.fromEntries(row.map((v, i) => [`c${i}`, v])));
      const tableNode = dataTable(document, columns, rows, "Query result");
      tableNode.id = "explore-sql-table";
      const wrap = el("div", { class: "explore-table-wrap" });
      wrap.append(tableNode);
      const csv = el("button", { type: "button", id: "explore-sql-csv" }, "Result (CSV)");
      csv.addEventListener("click", () => {
        const cells = result.rows.map((row) => row.map((v, i) => (v === null ? "" : result.columns[i]!.kind === "statistic" && typeof v === "number" ? String(Math.round(v * 100) / 100) : plainShown(v))));
        download(document, "lero-query.csv", new Blob([toSafeCsv(result.columns.map((c) => c.name), cells, policy)], { type: "text/csv;charset=utf-8" }));
      });
      const actions = el("div", { class: "lero-chart-downloads", role: "group", "aria-label": "Download the query result" });
      actions.append(csv);
      output.replaceChildren(wrap, actions);
      // A quick chart: the first text column against the first figure column.
      const label = result.columns.findIndex((c) => c.kind === "text");
      const value = result.columns.findIndex((c) => c.kind === "count" || c.kind === "statistic");
      if (label >= 0 && value >= 0 && n >= 1 && n <= 40) {
        const kind = result.columns[value]!.kind;
        const bars: ChartBar[] = result.rows.map((row) => ({ value: String(row[label] ?? "[x]"), shown: row[value] ?? "[x]", selected: false }));
        const name = result.columns[value]!.name;
        const by = result.columns[label]!.name;
        output.append(
          exploreChart(bars, {
            id: "explore-sql-chart",
            title: `${name} by ${by}`,
            subtitle: kind === "count" ? "Whole numbers are treated as counts of people: 1 to 7 shown as [c], others rounded to the nearest 5." : "As the query returned it; hidden beside a hidden count.",
            description: describeBars(bars, name, by),
            dimensionTitle: by,
            measureLabel: name,
            measureKind: kind === "count" ? "count" : "mean",
            chartType: "bars",
            source: SOURCE,
            policy,
          }),
        );
      }
    },
  };
}

function describeBars(bars: readonly ChartBar[], name: string, by: string): string {
  const shown = bars.filter((b) => typeof b.shown === "number").sort((a, b) => (b.shown as number) - (a.shown as number));
  const hidden = bars.length - shown.length;
  const parts = [`${name} by ${by}, from the query result.`];
  if (shown[0]) parts.push(`Highest: ${shown[0].value}, ${formatShown(shown[0].shown)}.`);
  if (shown.length > 1) parts.push(`Lowest: ${shown[shown.length - 1]!.value}, ${formatShown(shown[shown.length - 1]!.shown)}.`);
  if (hidden) parts.push(`${hidden} ${hidden === 1 ? "value is" : "values are"} hidden ([c]).`);
  return parts.join(" ");
}
