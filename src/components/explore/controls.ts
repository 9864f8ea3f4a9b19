/**
 * The explorer's controls and linked charts: the form (data set, measure, a dimension per chart,
 * chart type), the headline count with the filter chips, and the charts themselves. It draws what it
 * is given and reports the reader's choices through `ControlEvents`; the state lives in `app.ts`.
 */
import { markMeasure } from "../shared/measure-figure.js";
import { exploreChart, updateChartSelection } from "./chart.js";
import type { ExploreDataset } from "./datasets.js";
import { formatShown, protectCount, type ExplorePolicy } from "./disclosure.js";
import { doc, el, field, option } from "./dom.js";
import { presetText, type ExplorePreset } from "./presets.js";
import { measure as registryMeasure } from "../../lib/measures.js";

/** How a registry measure reads after its figure ("met unfair treatment from staff there often or very often"). */
const registryLabel = (id: string): string => registryMeasure(id).label;
import { MAX_DIMENSIONS, type ExploreState } from "./state.js";
import { chartDescription, chartSubtitle, chartTitle, countLink, describeFilters, fixedValues, intervalText, registryMark, titleOf, type MeasureMark } from "./view.js";

/** Marks an element as a registry figure, or clears an earlier mark. */
function mark(element: Element, figure: MeasureMark | undefined): void {
  if (figure) markMeasure(element, figure.measure, figure.key);
  else {
    element.removeAttribute("data-measure");
    element.removeAttribute("data-key");
  }
}

/** Chooses a select's option, as its attribute too: the build's HTML of the first view shows the choice with scripts off. */
function selectOption(select: HTMLSelectElement, value: string): void {
  for (const node of select.options) node.toggleAttribute("selected", node.value === value);
  select.value = value;
}

/** What the reader chose; each handler starts a change of state. */
export interface ControlEvents {
  dataset(name: string): void;
  measure(id: string): void;
  chartType(type: string): void;
  /** The dimension of chart `index`, or "" for no chart. */
  dimension(index: number, dim: string): void;
  clearFilters(): void;
  /** Adds or removes the filter `dim = value` (a chart's bar, or a chip). */
  toggle(dim: string, value: string): void;
  /** Opens a preset's view. */
  preset(state: ExploreState): void;
}

import type { DimensionBars, SummaryFigures } from "./compute.js";
export type { DimensionBars };

export interface ChartsView {
  state: ExploreState;
  dataset: ExploreDataset;
  bars: readonly DimensionBars[];
  policy: ExplorePolicy;
  version: string;
  /** The bar to keep the keyboard focus on, when a redraw replaces it. */
  focus?: { dim: string; value: string } | undefined;
  /** The width of the charts' box, when it cannot be measured (the build draws the first view). */
  boxWidth?: number;
}

export interface Controls {
  /** The controls, summary, help and charts, in one element for the page's main target. */
  root: HTMLElement;
  /** The polite live region that says what the view shows, or what went wrong. */
  status: HTMLElement;
  /** The line that says what the data engine is doing (one short line, so its changes move nothing). */
  engine: HTMLElement;
  /** Marks the explorer busy and says why. */
  busy(text: string): void;
  idle(): void;
  /** Sets the controls to a state: the choices of measure and dimension depend on the data set. */
  sync(state: ExploreState, dataset: ExploreDataset, usable: readonly string[]): void;
  summary(state: ExploreState, figures: SummaryFigures, measure: ExploreDataset["measures"][number], dataset: ExploreDataset): void;
  charts(view: ChartsView): void;
  /** Says which splits are not offered and why, and the geography rule (empty: nothing to say). */
  notes(lines: readonly { dim?: string; text: string }[]): void;
}

/** The list of presets: each a link to its view, then the registry's definition and base of each, folded. */
function presetList(presets: readonly ExplorePreset[], events: ControlEvents): HTMLElement {
  const wrap = el("div", { class: "explore-presets" });
  if (presets.length === 0) return wrap;
  wrap.append(el("p", { class: "explore-help", id: "explore-presets-label" }, "Start from a figure in the report:"));
  const list = el("ul", { "aria-labelledby": "explore-presets-label" });
  const definitions = el("dl");
  for (const preset of presets) {
    const text = presetText(preset);
    const item = el("li", { "data-preset": preset.id });
    const link = el("a", { href: text.link }, text.title);
    link.addEventListener("click", (event) => {
      event.preventDefault();
      events.preset(preset.state);
    });
    item.append(link);
    list.append(item);
    definitions.append(el("dt", {}, text.title), el("dd", { "data-preset": preset.id }, `${text.definition} ${text.base}`));
  }
  const details = el("details", { class: "explore-preset-definitions" });
  details.append(el("summary", {}, "What these figures count"), definitions);
  wrap.append(list, details);
  return wrap;
}

export function buildControls(datasets: readonly ExploreDataset[], events: ControlEvents, fallbackWidth: () => number, presets: readonly ExplorePreset[] = []): Controls {
  const status = el("p", { id: "explore-status", class: "explore-status lero-visually-hidden", role: "status", "aria-live": "polite" });
  const datasetSelect = el("select", { id: "explore-dataset" });
  for (const d of datasets) datasetSelect.append(option(d.name, d.title));
  const measureSelect = el("select", { id: "explore-measure" });
  const dimSelects = Array.from({ length: MAX_DIMENSIONS }, (_, i) => el("select", { id: `explore-dim-${i}` }));
  const chartSelect = el("select", { id: "explore-chart-type" });
  chartSelect.append(option("bars", "Bars"), option("dots", "Dots"));
  const form = el("form", { class: "explore-controls", "aria-label": "What to explore" });
  form.addEventListener("submit", (event) => event.preventDefault());
  form.append(
    field("explore-dataset", "Data set", datasetSelect),
    field("explore-measure", "Measure", measureSelect),
    ...dimSelects.map((select, i) => field(select.id, `Chart ${i + 1}: by`, select)),
    field("explore-chart-type", "Chart type", chartSelect),
  );

  const headline = el("p", { class: "explore-headline" });
  const countNode = el("strong", { id: "people-count" });
  const nounNode = el("span", { class: "explore-noun" });
  headline.append(countNode, " ", nounNode);
  // The measure's figure over everyone who matches (a share or mean), with its base.
  const figureLine = el("p", { class: "explore-figure", id: "explore-figure" });
  // A share's definition, once for every chart (folded: the charts come first).
  const definition = el("details", { class: "explore-definition", id: "explore-definition" });
  const chips = el("ul", { class: "explore-chips", "aria-label": "Filters in use" });
  const clearButton = el("button", { type: "button", class: "explore-clear" }, "Clear all filters");
  const engine = el("p", { class: "explore-engine explore-help", id: "explore-engine", "aria-live": "polite" });
  const summary = el("div", { class: "explore-summary" });
  summary.append(headline, figureLine, definition, chips, clearButton, status);
  const charts = el("div", { class: "explore-charts" });
  const splitNotes = el("div", { class: "explore-split-notes", id: "explore-split-notes" });
  const help = el("p", { class: "explore-help" }, "Click a bar, or Tab to a chart and use the arrow keys and Enter, to filter on that value; the other charts and the table follow. Click again to remove the filter.");
  // The view first (what it counts, then the charts), then how to change it: the headline chart is in
  // the first screen at a phone's width and a laptop's.
  const view = el("div", { class: "explore-view" });
  view.append(el("h2", { class: "lero-visually-hidden" }, "The view"), summary, charts, help);
  const choose = el("div", { class: "explore-choose" });
  // The engine's line by the controls that need it (below the charts: its changes move no chart).
  choose.append(el("h2", { class: "explore-choose-title", id: "explore-choose" }, "Change the view"), engine, form, splitNotes, presetList(presets, events));
  const root = el("div", { class: "explore-app" });
  root.append(view, choose);

  datasetSelect.addEventListener("change", () => events.dataset(datasetSelect.value));
  measureSelect.addEventListener("change", () => events.measure(measureSelect.value));
  chartSelect.addEventListener("change", () => events.chartType(chartSelect.value));
  dimSelects.forEach((select, i) => select.addEventListener("change", () => events.dimension(i, select.value)));
  clearButton.addEventListener("click", () => {
    events.clearFilters();
    datasetSelect.focus();
  });

  const chartWidth = (count: number, boxWidth?: number): number => {
    const width = boxWidth ?? (charts.clientWidth || fallbackWidth() || 900);
    const columns = Math.max(1, Math.min(Math.max(1, count), Math.floor((width + 24) / (340 + 24))));
    return Math.floor((width - 24 * (columns - 1)) / columns) - 2;
  };

  // What each part was last drawn from: a part whose input is unchanged is left alone (a filter click
  // redraws only the charts, figures and rows it changes).
  let syncedKey = "";
  let notesKey = "";
  const drawnCharts = new Map<string, { key: string; full: string; figure: HTMLElement }>();

  return {
    root,
    status,
    engine,
    busy(text) {
      root.setAttribute("aria-busy", "true");
      if (status.isConnected) status.textContent = text;
    },
    idle() {
      root.removeAttribute("aria-busy");
    },
    sync(state, dataset, usable) {
      const key = JSON.stringify([state.dataset, state.measure, state.dims, state.chart, dataset.name, usable, dataset.dimensions.map((d) => d.title)]);
      if (key === syncedKey) return;
      syncedKey = key;
      selectOption(datasetSelect, state.dataset);
      measureSelect.replaceChildren(...dataset.measures.map((m) => option(m.id, m.label)));
      selectOption(measureSelect, state.measure);
      dimSelects.forEach((select, i) => {
        const taken = state.dims.filter((_, j) => j !== i);
        select.replaceChildren(option("", "(no chart)"), ...usable.filter((d) => !taken.includes(d)).map((d) => option(d, titleOf(dataset, d))));
        selectOption(select, state.dims[i] ?? "");
        // Charts fill from the left: a later chart needs the earlier ones.
        select.disabled = i > state.dims.length;
      });
      selectOption(chartSelect, state.chart);
    },
    notes(lines) {
      const key = JSON.stringify(lines);
      if (key === notesKey) return;
      notesKey = key;
      const left = lines.filter((l) => l.dim);
      const details = el("details", { class: "explore-split-details" });
      const titles = left.map((l) => l.text.replace(/^Not offered as a split: /, "").split(":")[0]);
      details.append(el("summary", {}, left.length ? `Not offered as splits: ${titles.join(", ")}. Why?` : "How geography is published"));
      details.append(...lines.map((line) => el("p", { class: "explore-help", ...(line.dim ? { "data-not-offered": line.dim } : {}) }, line.text)));
      splitNotes.replaceChildren(details);
      splitNotes.hidden = lines.length === 0;
    },
    summary(state, figures, measure, dataset) {
      const fixed = fixedValues(state.filters);
      countNode.textContent = formatShown(figures.count);
      mark(countNode, registryMark(countLink(measure, dataset), fixed));
      const who = measure.kind === "percent" ? `${dataset.noun.many} who answered` : dataset.noun.many;
      nounNode.textContent = `${who} match${Object.keys(state.filters).length ? " the filters" : " (no filters)"}`;
      if (measure.id === "count") {
        figureLine.hidden = true;
        figureLine.replaceChildren();
      } else {
        const value = el("strong", {}, formatShown(figures.figure, measure.kind));
        mark(value, registryMark(measure.registry, fixed));
        const filters = describeFilters(state.filters, dataset);
        const label = measure.registry ? registryLabel(measure.registry.id) : `${measure.label.charAt(0).toLowerCase()}${measure.label.slice(1)}`;
        const interval = figures.interval ? ` 95% interval ${intervalText(figures.interval, measure.kind)}.` : "";
        figureLine.replaceChildren(value, ` ${label} (${filters || "no filters"}).${interval}`);
        figureLine.hidden = false;
      }
      const defined = measure.kind === "percent" && measure.definition ? measure.definition : "";
      // Always with its summary (a details element needs one), hidden when there is nothing to define.
      definition.replaceChildren(el("summary", {}, "What this percentage counts"), ...(defined ? [el("p", {}, defined)] : []));
      definition.hidden = defined === "";
      status.textContent = figures.status;
      chips.replaceChildren(
        ...Object.entries(state.filters).flatMap(([dim, values]) =>
          values.map((value) => {
            const item = el("li");
            const button = el("button", { type: "button", class: "explore-chip", "aria-label": `Remove the filter ${titleOf(dataset, dim)}: ${value}` }, `${titleOf(dataset, dim)}: ${value} ✕`);
            button.addEventListener("click", () => events.toggle(dim, value));
            item.append(button);
            return item;
          }),
        ),
      );
      clearButton.hidden = Object.keys(state.filters).length === 0;
    },
    charts({ state, dataset, bars, policy, version, focus, boxWidth }) {
      const active = doc().activeElement;
      const focused = focus ?? (active?.namespaceURI === "http://www.w3.org/2000/svg" && active.classList.contains("explore-hit") ? { dim: active.closest("figure")?.getAttribute("data-dim") ?? "", value: active.getAttribute("data-value") ?? "" } : undefined);
      const measure = dataset.measures.find((m) => m.id === state.measure)!;
      const width = chartWidth(bars.length, boxWidth);
      const figures = bars.map(({ dim, bars: dimBars }) => {
        const dimensionTitle = titleOf(dataset, dim);
        const options = {
          id: `explore-chart-${dim.replace(/[^A-Za-z0-9_-]/g, "-")}`,
          title: chartTitle(dimBars, measure, dimensionTitle, dataset),
          subtitle: chartSubtitle(measure, dataset, policy, state.filters, dim, { definition: false }),
          description: chartDescription(dimBars, measure, dimensionTitle, dataset, state.filters, dim),
          dimensionTitle,
          measureLabel: measure.label,
          measureKind: measure.kind,
          chartType: state.chart,
          source: `${dataset.title}, LERO Evidence; data version ${version}.`,
          policy,
          width,
        };
        const { title, subtitle, description, ...frame } = options;
        // The figures and the frame; which bars are chosen, and the words that say it, can change in place.
        const key = JSON.stringify([dimBars.map(({ selected: _, ...figures }) => figures), frame]);
        const full = JSON.stringify([dimBars, options]);
        const drawn = drawnCharts.get(dim);
        if (drawn?.key === key && drawn.figure.parentNode === charts) {
          if (drawn.full !== full && updateChartSelection(drawn.figure, dimBars, { title, subtitle, description })) drawn.full = full;
          if (drawn.full === full) return drawn.figure;
        }
        const figure = exploreChart(dimBars, {
          ...options,
          document: doc(),
          focusValue: focused?.dim === dim ? focused.value : undefined,
          onToggle: (value) => events.toggle(dim, value),
        });
        figure.setAttribute("data-dim", dim);
        drawnCharts.set(dim, { key, full, figure });
        return figure;
      });
      for (const dim of [...drawnCharts.keys()]) if (!bars.some((b) => b.dim === dim)) drawnCharts.delete(dim);
      const same = figures.length === charts.children.length && figures.every((f, i) => charts.children[i] === f);
      // Each figure either new or already in its place: only the new ones go in (a figure taken out and put
      // back would lose the keyboard focus, and giving it back costs the browser a layout).
      const inPlace = figures.length === charts.children.length && figures.every((f, i) => f.parentNode !== charts || charts.children[i] === f);
      if (figures.length === 0) charts.replaceChildren(el("p", { class: "explore-empty" }, "Choose a dimension for Chart 1 to see the data by it."));
      else if (!same && inPlace) figures.forEach((f, i) => charts.children[i] !== f && charts.children[i]!.replaceWith(f));
      else if (!same) charts.replaceChildren(...figures);
      if (focused) {
        // The keyboard stop on the chosen bar (the roving tabindex), and the focus there unless it still is.
        const figure = charts.querySelector(`figure[data-dim="${CSS.escape(focused.dim)}"]`);
        const hits = [...(figure?.querySelectorAll<SVGElement>("rect.explore-hit") ?? [])];
        const hit = hits.find((h) => h.getAttribute("data-value") === focused.value) ?? hits.find((h) => h.getAttribute("tabindex") === "0");
        for (const h of hits) if (h.getAttribute("tabindex") !== (h === hit ? "0" : "-1")) h.setAttribute("tabindex", h === hit ? "0" : "-1");
        if (hit && hit !== doc().activeElement) hit.focus({ preventScroll: true });
      }
    },
  };
}
