/**
 * Starting points of the explorer: views that open on a figure the report publishes, named and
 * defined by the measures registry (`src/lib/measures.ts`), so the explorer and the report call one
 * number by one name. Each preset says which measure and breakdown it shows, with the registry's
 * definition and base; the view it opens marks that figure with `data-measure` and `data-key`, and the
 * measure gate checks that it equals the report's.
 */
import { measure as registryMeasure } from "../../lib/measures.js";
import { encodeState, type ExploreState } from "./state.js";

export interface ExplorePreset {
  id: string;
  /** The registry measure it shows, and the key of its headline figure. */
  measure: string;
  key: string;
  /** The explorer view it opens. */
  state: ExploreState;
}

export interface PresetText {
  /** "Met stigma from staff, often or very often: GP". */
  title: string;
  definition: string;
  /** "Base: people who answered about the setting.", or what a count counts. */
  base: string;
  /** The view's query string ("?dataset=stigma&…"). */
  href: string;
  /**
   * The link: the anchor of the view drawn at build time, which shows it with scripts off; with scripts
   * on, the explorer opens the preset and puts its state in the URL. (An anchor alone, because the
   * build would encode a query string's escapes a second time.)
   */
  link: string;
}

/** The id of a preset's view as the build draws it into the page: `explore.html#view-…` shows it with scripts off. */
export function presetAnchor(preset: ExplorePreset): string {
  return `view-${preset.id}`;
}

/** The preset whose anchor a URL's hash ("#view-…") names, if any. */
export function presetOfHash(hash: string): ExplorePreset | undefined {
  return PRESETS.find((p) => `#${presetAnchor(p)}` === hash);
}

const view = (state: Omit<ExploreState, "chart" | "sql">): ExploreState => ({ ...state, chart: "bars", sql: "" });

/**
 * The view the explorer opens on: the stigma survey's headline chart, met stigma from staff (sometimes
 * or more often) by setting, with role and age band beside it.
 */
export const DEFAULT_VIEW: ExploreState = view({ dataset: "stigma", dims: ["setting", "role", "age_band"], filters: {}, measure: "met-sometimes" });

/** Every view the build pre-computes: the default and each preset's. */
export function precomputedStates(): ExploreState[] {
  const states = [DEFAULT_VIEW, ...PRESETS.map((p) => p.state)];
  return states.filter((s, i) => states.findIndex((t) => encodeState(t) === encodeState(s)) === i);
}

export const PRESETS: readonly ExplorePreset[] = [
  {
    id: "gp-stigma-often",
    measure: "stigma-met-often",
    key: "GP",
    state: view({ dataset: "stigma", dims: ["setting", "role", "age_band"], filters: { setting: ["GP"] }, measure: "met-often" }),
  },
  {
    id: "gp-stigma-sometimes",
    measure: "stigma-met-sometimes",
    key: "GP",
    state: view({ dataset: "stigma", dims: ["setting", "role", "age_band"], filters: { setting: ["GP"] }, measure: "met-sometimes" }),
  },
  {
    id: "avoided-care",
    measure: "avoided-care",
    key: "Any setting",
    state: view({ dataset: "stigma", dims: ["setting", "role", "age_band"], filters: {}, measure: "share" }),
  },
  {
    id: "people-at-intake",
    measure: "people-assessed",
    key: "Intake",
    state: view({ dataset: "outcomes", dims: ["assessment", "age_band", "gender"], filters: { assessment: ["Intake"] }, measure: "count" }),
  },
];

/** What a preset says: the registry's name with the breakdown, its definition and its base. */
export function presetText(preset: ExplorePreset): PresetText {
  const m = registryMeasure(preset.measure);
  return {
    title: `${m.name}: ${preset.key}`,
    definition: m.definition,
    base: m.format === "count" ? `Counts ${m.numerator}.` : `Base: ${m.base}.`,
    href: `?${encodeState(preset.state)}`,
    link: `#${presetAnchor(preset)}`,
  };
}

/** The presets whose data set the explorer has. */
export function availablePresets(datasets: readonly { name: string }[]): ExplorePreset[] {
  return PRESETS.filter((p) => datasets.some((d) => d.name === p.state.dataset));
}
