/**
 * The shapes of what the build publishes, one type each, shared by the pipeline that writes them, the
 * disclosure audit that re-reads them and the pages, embeds and explorer that show them:
 * - `aggregates/<id>.json`: `PublishedAggregate` (its core, `AggregateJson`, is what the cell rules
 *   produce and the audit checks);
 * - `stories.json`: `PublishedStory[]`;
 * - `datapackage.json`: `DataPackage`, whose resources describe every published file.
 * Browser-safe: types and constants only, no imports.
 *
 * Levels are spelled out ("person" | "organisation") rather than imported, so this file needs nothing
 * from the pipeline; they are the levels of data/disclosure.json.
 */

/** A published value: a number, a symbol standing in for one (`[c]`, `[x]`, `[z]`, `[low]`), or null. */
export type PublishedValue = number | string | null;

/** A table as rows: `{ dimensions, measures, totalLabel, rows }`, totals as rows labelled `totalLabel`. */
export interface AggregateJson {
  dimensions: string[];
  measures: string[];
  totalLabel: string;
  rows: Record<string, PublishedValue>[];
}

/** What is written to `aggregates/<id>.json`. */
export interface PublishedAggregate extends AggregateJson {
  id: string;
  /** The page family that uses it: "research", "standards", "workforce", "stigma", "outcomes", "regions", … */
  topic: string;
  title: string;
  /** The dataset it is counted from ("audit", "stigma", …). */
  dataset: string;
  level: "person" | "organisation";
  /** What the counts count: "people" or "organisations". */
  unit: string;
  /** For multi-select questions: the base (everyone who answered), since answers overlap. */
  base?: PublishedValue;
  notes?: string[];
  /** How the table's cells relate to every other published cell: always written by the build, read by the built-in intruder. */
  links?: ReleaseLinks;
}

/**
 * What an intruder may assume about a table's cells. A cell's key is its row's dimension values
 * (leaving out a dimension at its total), plus the pairs its measure implies. Cells with one key in
 * tables of one population count the same units, so they are one number.
 */
export interface ReleaseLinks {
  /** Tables with the same population count the same units under the same filters. */
  population: string;
  /** Whether cells add up to their total along every dimension (false: see `additiveDimensions`). */
  additive: boolean;
  /** When `additive` is false, the dimensions along which cells still add up (groups that split units). */
  additiveDimensions?: string[];
  /**
   * The count measures, each with the pairs it implies (`enacted_count` → `{ met: "Yes" }`). A pair
   * overrides the row's value, so a dimension set to the total label is left out of the key (a group's
   * base beside its option rows: `base_count` → `{ barriers: "Total" }`).
   */
  counts: Record<string, Record<string, string>>;
  /** Dimension values that mean "all values" other than the table's `totalLabel` ("All sections"). */
  totals?: Record<string, string>;
  /** Child dimension values that lie within one parent value (statements within sections). */
  hierarchy?: Record<string, { parent: string; map: Record<string, string> }>;
}

/** One consented, redacted story in `stories.json`. */
export interface PublishedStory {
  slug: string;
  title: string;
  /** The LERO's name, only where it consented to be named. */
  lero: string | null;
  region: string | null;
  themes: string[];
  illustrative: boolean;
  body: string;
}

const STORY_FIELD_SET: Record<keyof PublishedStory, true> = { slug: true, title: true, lero: true, region: true, themes: true, illustrative: true, body: true };
/** Every field a published story has; the audit reports any other (a name, an e-mail, a date of birth). */
export const STORY_FIELDS = Object.keys(STORY_FIELD_SET) as (keyof PublishedStory)[];

/** A field of a published resource's schema: the source schema's field (data/schemas/), as far as readers need it. */
export interface PackageField {
  name: string;
  type: string;
  title?: string;
  description?: string;
  categories?: (string | { value: string; label?: string })[];
  itemType?: string;
  lero?: { role?: string };
}

export type ResourceKind = "microdata" | "aggregate" | "stories";

export interface ResourceLero {
  kind: ResourceKind;
  dataset: string;
  level: "person" | "organisation";
  /** The pseudonym column that identifies a person across rows (longitudinal microdata). */
  subject?: string;
}

export interface Licence {
  name: string;
  title: string;
  path: string;
}

/** A published file, as `datapackage.json` describes it (Frictionless Data Package v2). */
export interface PackageResource {
  name: string;
  title: string;
  description?: string;
  /** Relative to the data folder: "outcomes.parquet", "aggregates/stigma-by-setting.json". */
  path: string;
  format: string;
  mediatype: string;
  encoding: string;
  bytes: number;
  /** The sha256 of the file, in hex. */
  hash: string;
  licenses: Licence[];
  sources?: { title: string }[];
  /** Microdata only: the published columns. */
  schema?: { $schema?: string; fields: PackageField[]; missingValues?: string[] };
  lero: ResourceLero;
}

/** `datapackage.json`. */
export interface DataPackage {
  $schema: string;
  name: string;
  title: string;
  description: string;
  /** A hash of every file's hash: the data version to cite. */
  version: string;
  licenses: Licence[];
  resources: PackageResource[];
  /** `datasets`: the datasets this release has; `sampleDatasets`: those whose export was the bundled sample's file. */
  lero: { illustrative: boolean; version: string; datasets?: string[]; sampleDatasets?: string[] };
}

/** An official figure as `data/context-figures.json` publishes it (checked against its publication). */
export interface ContextFigure {
  id: string;
  nation_or_area: string;
  measure: string;
  period: string;
  value: number;
  unit: string;
  publisher: string;
  publication: string;
  published_date: string;
  url: string;
  licence?: string;
  reached_via?: string;
  checked: boolean;
  /** Where in the publication the value is ("Summary", "Table 1"), and the day it was read there. */
  table_or_section?: string;
  accessed?: string;
  note?: string;
}

/** An official figure not yet checked (`data/context-pending.json`): what it is, never its value. */
export type PendingContextFigure = Pick<ContextFigure, "nation_or_area" | "measure" | "period" | "publisher" | "publication">;
