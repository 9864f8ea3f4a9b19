/**
 * Every published headline and key measure, defined once: what it counts (numerator), over whom (base,
 * population), at which disclosure level, how it is formatted, and which published aggregate cells hold
 * its figure. Pages, the report, headline cards, region pages and embeds take a measure's figure, label
 * and base from here, and mark each number they show with `data-measure` and `data-key`, so the build
 * can check that one measure and key never show two values anywhere (`scripts/measure-gate.ts`).
 * Browser-safe: types, data and pure functions only.
 *
 * A measure's figure for a key lives in one or more published tables (a table per page topic, and the
 * regional or embed tables that break it down further). Tables of one population are counted from the
 * same records, so every source of a key gives the same number; `test/lib/measures.test.ts` checks that
 * on the published sample.
 *
 * Keys. A measure has breakdown dimensions in a fixed order (`dimensions`); a key is the values of the
 * dimensions that are not "all", joined by " / " in that order: "all", "GP", "GP / North East",
 * "Intake / Wales". Values are the published tables' own labels.
 *
 * Decision: where two definitions are both worth showing they are two measures with their own ids and
 * labels ("met stigma sometimes or more" and "met stigma often or very often"; "47 or more among everyone
 * assessed" and "among people assessed at both points"), never one name for two numbers.
 */
import type { PublishedValue } from "./published.js";

/** How a measure's value reads: a count of units, a percentage, a mean, or a signed change in points. */
export type MeasureFormat = "count" | "percent" | "mean" | "change";

/** The key of a measure's figure over everything: no breakdown. */
export const ALL = "all";
/** Joins breakdown values into a key: "GP / North East". */
export const KEY_SEPARATOR = " / ";

/** Who or what a measure is counted over. */
export interface MeasurePopulation {
  /** The dataset it is counted from (`data/schemas/<dataset>.json`). */
  dataset: "audit" | "standards" | "workforce" | "stigma" | "outcomes";
  /** Which waves or assessments count: "latest audit wave", "all cohorts". */
  wave: string;
  /** Who is left out, in words ("statements marked not applicable"). */
  filters: string[];
}

/**
 * Where a measure's figure sits in one published table. A row matches when its columns equal `row`, and
 * for each measure dimension mapped in `dims` the column holds the key's value (or the table's total
 * label when the key leaves the dimension at "all"). A dimension the table does not break down by must
 * be "all" in the key, unless `fixed` says which single value the whole table is about.
 */
export interface MeasureSource {
  /** The aggregate's id (`aggregates/<table>.json`). */
  table: string;
  /** Columns fixed to one value: `{ enacted: "Met stigma" }`. */
  row?: Record<string, string>;
  /** Measure dimension → the table's column for it: `{ setting: "setting" }`. */
  dims?: Record<string, string>;
  /** Measure dimension → the one value every row of the table has: `{ setting: "GP" }`. */
  fixed?: Record<string, string>;
  /** The label that stands for "all" in a column, where it is not the table's total label: `{ section: "All sections" }`. */
  totals?: Record<string, string>;
  /** Pick the latest wave of the table's `wave` column (waves are years). */
  latestWave?: boolean;
  /** The column holding the figure: "percent", "count", "mean_barc". */
  value: string;
  /** When the column depends on one dimension's value: `{ dim: "assessment", columns: { Intake: "percent_cutoff_intake" } }`. */
  valueBy?: { dim: string; columns: Record<string, string> };
}

export interface Measure {
  id: string;
  /** What the number is, read after it in a sentence or a card: "of LEROs audited evaluate their work in some way". */
  label: string;
  /** A short name for lists, legends and table headings: "LEROs that evaluate their work". */
  name: string;
  /** The definition in plain English, for subtitles and notes. */
  definition: string;
  /** What is counted on top. */
  numerator: string;
  /** What it is a share or mean of; for a count, what the units are. */
  base: string;
  population: MeasurePopulation;
  /** The disclosure level of its cells (data/disclosure.json). */
  level: "person" | "organisation";
  format: MeasureFormat;
  /** The unit of a count, singular and plural: ["LERO", "LEROs"]. */
  unit: readonly [string, string];
  /** Breakdown dimensions, in key order. */
  dimensions: readonly string[];
  /** The count measure that is this measure's base, with the same key (a percentage's denominator). */
  baseMeasure?: string;
  sources: readonly MeasureSource[];
}

/** The published tables a page has, by id (`data/aggregates/<topic>.json`, or every table). */
export interface MeasureTable {
  rows: readonly Record<string, PublishedValue>[];
  totalLabel?: string;
}
export type MeasureTables = Readonly<Record<string, MeasureTable | undefined>>;

const BARC_CUT_OFF = 47;
const TOP_BAND = "47–60";

const AUDIT_WAVE: MeasurePopulation = { dataset: "audit", wave: "latest audit wave", filters: [] };
const STANDARDS_WAVE: MeasurePopulation = { dataset: "standards", wave: "latest self-assessment wave", filters: ["statements a LERO marked not applicable"] };
const STIGMA_SURVEY: MeasurePopulation = { dataset: "stigma", wave: "every survey year", filters: ["people who did not answer about the setting"] };
const OUTCOMES_EACH: MeasurePopulation = { dataset: "outcomes", wave: "each assessment (intake, 3, 6 and 12 months)", filters: [] };
const OUTCOMES_PAIRED: MeasurePopulation = { dataset: "outcomes", wave: "intake and a follow-up, the same people", filters: ["people not assessed at both points"] };

const ENACTED_ITEMS = "staff treated them with less respect because of substance use; were slower to help or refused help; spoke about them in a judging way";

export const MEASURES: readonly Measure[] = [
  {
    id: "leros-audited",
    label: "LEROs took part in the audit of research and evaluation",
    name: "LEROs audited",
    definition: "The number of LEROs audited in the latest audit wave.",
    numerator: "LEROs audited in the latest wave",
    base: "LEROs",
    population: AUDIT_WAVE,
    level: "organisation",
    format: "count",
    unit: ["LERO", "LEROs"],
    dimensions: ["region", "stage"],
    sources: [
      { table: "headlines-audit-evaluates", latestWave: true, row: { evaluates: "Total" }, value: "count" },
      { table: "regions-audit-evaluates", row: { evaluates: "Total" }, dims: { region: "region" }, value: "count" },
      { table: "research-evaluates-by-region", row: { evaluation: "Evaluates its work" }, dims: { region: "region" }, value: "base_count" },
      { table: "research-evaluates-by-stage", row: { evaluation: "Evaluates its work" }, dims: { stage: "stage" }, value: "base_count" },
    ],
  },
  {
    id: "leros-evaluating",
    label: "of LEROs audited evaluate their work in some way",
    name: "LEROs that evaluate their work",
    definition: "The percentage of LEROs in the latest audit wave that evaluate or measure the difference they make in any way.",
    numerator: "LEROs that evaluate their work in any way",
    base: "LEROs audited",
    population: AUDIT_WAVE,
    level: "organisation",
    format: "percent",
    unit: ["LERO", "LEROs"],
    dimensions: ["region", "stage"],
    baseMeasure: "leros-audited",
    sources: [
      { table: "headlines-audit-evaluates", latestWave: true, row: { evaluates: "Evaluates its work" }, value: "percent" },
      { table: "regions-audit-evaluates", row: { evaluates: "Evaluates its work" }, dims: { region: "region" }, value: "percent" },
      { table: "research-evaluates-by-region", row: { evaluation: "Evaluates its work" }, dims: { region: "region" }, value: "percent" },
      { table: "research-evaluates-by-stage", row: { evaluation: "Evaluates its work" }, dims: { stage: "stage" }, value: "percent" },
    ],
  },
  {
    id: "evaluation-methods",
    label: "of LEROs audited use this evaluation method",
    name: "LEROs using each evaluation method",
    definition: "The percentage of all LEROs in the latest audit wave (including those that do no evaluation) using each evaluation method or tool; a LERO may use several.",
    numerator: "LEROs using the method",
    base: "LEROs audited",
    population: AUDIT_WAVE,
    level: "organisation",
    format: "percent",
    unit: ["LERO", "LEROs"],
    dimensions: ["method", "region"],
    sources: [
      { table: "headlines-audit-evaluation-methods", latestWave: true, dims: { method: "evaluation_methods" }, value: "percent" },
      { table: "research-methods-by-region", dims: { region: "region", method: "evaluation_methods" }, value: "percent" },
    ],
  },
  {
    id: "standards-answers",
    label: "applicable answers (a LERO × a statement)",
    name: "Applicable quality-standards answers",
    definition: "Answers of the latest self-assessment (one for each LERO and statement), leaving out statements a LERO marked not applicable.",
    numerator: "applicable answers",
    base: "answers (a LERO × a statement)",
    population: STANDARDS_WAVE,
    level: "organisation",
    format: "count",
    unit: ["applicable answer", "applicable answers"],
    dimensions: ["section"],
    sources: [{ table: "headlines-standards-status", latestWave: true, row: { status: "Total" }, dims: { section: "section" }, totals: { section: "All sections" }, value: "count" }],
  },
  {
    id: "standards-in-place",
    label: "of quality-standards statements that apply to a LERO are fully in place",
    name: "Quality standards fully in place",
    definition: "The percentage of applicable answers (a LERO × a statement, leaving out statements a LERO marked not applicable) rated fully in place, latest self-assessment.",
    numerator: "answers rated fully in place",
    base: "applicable answers (a LERO × a statement)",
    population: STANDARDS_WAVE,
    level: "organisation",
    format: "percent",
    unit: ["applicable answer", "applicable answers"],
    dimensions: ["section"],
    baseMeasure: "standards-answers",
    sources: [{ table: "headlines-standards-status", latestWave: true, row: { status: "In place" }, dims: { section: "section" }, totals: { section: "All sections" }, value: "percent" }],
  },
  {
    id: "standards-partly-in-place",
    label: "of quality-standards statements that apply to a LERO are partly in place",
    name: "Quality standards partly in place",
    definition: "The percentage of applicable answers (a LERO × a statement, leaving out statements a LERO marked not applicable) rated partly in place, latest self-assessment.",
    numerator: "answers rated partly in place",
    base: "applicable answers (a LERO × a statement)",
    population: STANDARDS_WAVE,
    level: "organisation",
    format: "percent",
    unit: ["applicable answer", "applicable answers"],
    dimensions: ["section"],
    baseMeasure: "standards-answers",
    sources: [{ table: "headlines-standards-status", latestWave: true, row: { status: "Partly in place" }, dims: { section: "section" }, totals: { section: "All sections" }, value: "percent" }],
  },
  {
    id: "trainees",
    label: "peer researchers with lived experience trained by CLERO",
    name: "Peer researchers trained",
    definition: "The number of people with lived experience of recovery trained as peer researchers by CLERO, rounded to protect confidentiality.",
    numerator: "trainees",
    base: "people",
    population: { dataset: "workforce", wave: "every training cohort", filters: [] },
    level: "person",
    format: "count",
    unit: ["peer researcher", "peer researchers"],
    dimensions: ["cohort"],
    sources: [
      { table: "headlines-workforce-trainees", dims: { cohort: "cohort" }, value: "count" },
      { table: "workforce-cohort", dims: { cohort: "cohort" }, value: "count" },
    ],
  },
  {
    id: "stigma-answered",
    label: "people who answered about the setting",
    name: "People who answered about a setting",
    definition: "People who answered at least one question on unfair treatment by staff about the setting; a person can answer about several settings.",
    numerator: "people who answered",
    base: "people",
    population: STIGMA_SURVEY,
    level: "person",
    format: "count",
    unit: ["person", "people"],
    dimensions: ["setting", "region", "role"],
    sources: [
      { table: "headlines-stigma-met-by-setting", row: { enacted: "Total" }, dims: { setting: "setting" }, value: "count" },
      { table: "stigma-enacted-by-setting", dims: { setting: "setting" }, value: "count" },
      { table: "stigma-enacted-by-role-setting", dims: { setting: "setting", role: "role" }, value: "count" },
      { table: "embed-stigma-enacted-by-region", dims: { setting: "setting", region: "region" }, value: "count" },
      { table: "regions-stigma-gp", row: { gp_enacted: "Total" }, fixed: { setting: "GP" }, dims: { region: "region" }, value: "count" },
    ],
  },
  {
    id: "stigma-respondents",
    label: "people answered about the services they had used",
    name: "Stigma survey respondents",
    definition: "People who answered at least one question on unfair treatment by staff about at least one setting they had used in the last 12 months, each person counted once however many settings they answered about, rounded to protect confidentiality.",
    numerator: "people who answered about at least one setting",
    base: "people",
    population: STIGMA_SURVEY,
    level: "person",
    format: "count",
    unit: ["person", "people"],
    dimensions: ["role"],
    sources: [{ table: "stigma-enacted-any-by-role", dims: { role: "role" }, value: "count" }],
  },
  {
    id: "stigma-met-sometimes",
    label: "met unfair treatment from staff there sometimes or more often",
    name: "Met stigma from staff, sometimes or more often",
    definition: `The percentage of people who answered about a setting who said at least one of three things happened there sometimes, often or very often in the last 12 months (${ENACTED_ITEMS}).`,
    numerator: "people who answered sometimes, often or very often to at least one of the three questions",
    base: "people who answered about the setting",
    population: STIGMA_SURVEY,
    level: "person",
    format: "percent",
    unit: ["person", "people"],
    dimensions: ["setting", "region", "role"],
    baseMeasure: "stigma-answered",
    sources: [
      { table: "headlines-stigma-met-by-setting", row: { enacted: "Met stigma" }, dims: { setting: "setting" }, value: "percent" },
      { table: "regions-stigma-gp", row: { gp_enacted: "Met stigma" }, fixed: { setting: "GP" }, dims: { region: "region" }, value: "percent" },
    ],
  },
  {
    id: "stigma-met-often",
    label: "met unfair treatment from staff there often or very often",
    name: "Met stigma from staff, often or very often",
    definition: `The percentage of people who answered about a setting who said at least one of three things happened there often or very often in the last 12 months (${ENACTED_ITEMS}).`,
    numerator: "people who answered often or very often to at least one of the three questions",
    base: "people who answered about the setting",
    population: STIGMA_SURVEY,
    level: "person",
    format: "percent",
    unit: ["person", "people"],
    dimensions: ["setting", "region", "role"],
    baseMeasure: "stigma-answered",
    sources: [
      { table: "stigma-enacted-by-setting", dims: { setting: "setting" }, value: "percent" },
      { table: "stigma-enacted-by-role-setting", dims: { setting: "setting", role: "role" }, value: "percent" },
      { table: "stigma-enacted-any-by-role", fixed: { setting: "Any setting" }, dims: { role: "role" }, value: "percent" },
      { table: "embed-stigma-enacted-by-region", dims: { setting: "setting", region: "region" }, value: "percent" },
    ],
  },
  {
    id: "avoided-care",
    label: "avoided or put off care because of stigma",
    name: "Avoided or put off care because of stigma",
    definition: "The percentage of people who said the way they were treated led them to avoid or put off using the service (by setting), or any service they had used (any setting).",
    numerator: "people who avoided or put off care",
    base: "people who answered the question (about the setting, or about any setting)",
    population: STIGMA_SURVEY,
    level: "person",
    format: "percent",
    unit: ["person", "people"],
    dimensions: ["setting"],
    baseMeasure: "avoided-care-answered",
    sources: [
      { table: "headlines-stigma-avoided-care", row: { avoided_care: "Avoided care" }, fixed: { setting: "Any setting" }, value: "percent" },
      { table: "stigma-avoided-by-setting", dims: { setting: "setting" }, value: "percent" },
    ],
  },
  {
    id: "avoided-care-answered",
    label: "people who answered",
    name: "People who answered about avoiding care",
    definition: "People who answered whether stigma led them to avoid or put off care, about the setting or about any setting.",
    numerator: "people who answered",
    base: "people",
    population: STIGMA_SURVEY,
    level: "person",
    format: "count",
    unit: ["person", "people"],
    dimensions: ["setting"],
    sources: [
      { table: "headlines-stigma-avoided-care", row: { avoided_care: "Total" }, fixed: { setting: "Any setting" }, value: "count" },
      { table: "stigma-avoided-by-setting", dims: { setting: "setting" }, value: "count" },
    ],
  },
  {
    id: "people-assessed",
    label: "people assessed",
    name: "People assessed",
    definition: "People assessed with BARC-10 at each assessment, each person once per assessment, rounded to protect confidentiality.",
    numerator: "people assessed",
    base: "people",
    population: OUTCOMES_EACH,
    level: "person",
    format: "count",
    unit: ["person", "people"],
    dimensions: ["assessment", "region"],
    sources: [
      { table: "headlines-outcomes-barc", dims: { assessment: "assessment" }, value: "count" },
      { table: "outcomes-barc-mean", dims: { assessment: "assessment" }, value: "count" },
      { table: "outcomes-assessment", dims: { assessment: "assessment" }, value: "count" },
      { table: "outcomes-barc-bands", row: { band: "Total" }, dims: { assessment: "assessment" }, value: "count" },
      { table: "regions-barc-intake", fixed: { assessment: "Intake" }, dims: { region: "region" }, value: "count" },
      { table: "embed-barc-mean-by-region", dims: { assessment: "assessment", region: "region" }, value: "count" },
    ],
  },
  {
    id: "barc-mean",
    label: "mean BARC-10 total (10 to 60)",
    name: "Mean recovery capital (BARC-10)",
    definition: "The mean BARC-10 total (ten items scored 1 to 6, so 10 to 60) of everyone assessed at each assessment; the groups get smaller and may differ at each later point.",
    numerator: "the sum of BARC-10 totals",
    base: "people assessed at that point",
    population: OUTCOMES_EACH,
    level: "person",
    format: "mean",
    unit: ["point", "points"],
    dimensions: ["assessment", "region"],
    baseMeasure: "people-assessed",
    sources: [
      { table: "headlines-outcomes-barc", dims: { assessment: "assessment" }, value: "mean_barc" },
      { table: "outcomes-barc-mean", dims: { assessment: "assessment" }, value: "mean_barc" },
      { table: "regions-barc-intake", fixed: { assessment: "Intake" }, dims: { region: "region" }, value: "mean_barc" },
      { table: "embed-barc-mean-by-region", dims: { assessment: "assessment", region: "region" }, value: "mean_barc" },
    ],
  },
  {
    id: "barc-cutoff-assessed",
    label: `of the people assessed scored ${BARC_CUT_OFF} or more`,
    name: `Scoring ${BARC_CUT_OFF} or more, everyone assessed`,
    definition: `The percentage of everyone assessed at each point whose BARC-10 total was ${BARC_CUT_OFF} or more (the level associated with sustained remission); not the same people at each point.`,
    numerator: `people with a BARC-10 total of ${BARC_CUT_OFF} or more`,
    base: "people assessed at that point",
    population: OUTCOMES_EACH,
    level: "person",
    format: "percent",
    unit: ["person", "people"],
    dimensions: ["assessment"],
    baseMeasure: "people-assessed",
    sources: [{ table: "outcomes-barc-bands", row: { band: TOP_BAND }, dims: { assessment: "assessment" }, value: "percent" }],
  },
  {
    id: "people-assessed-paired",
    label: "people assessed both at intake and at the follow-up",
    name: "People assessed at intake and at a follow-up",
    definition: "People assessed both at intake and at the follow-up (the same people at both points), rounded to protect confidentiality.",
    numerator: "people assessed at both points",
    base: "people",
    population: OUTCOMES_PAIRED,
    level: "person",
    format: "count",
    unit: ["person", "people"],
    dimensions: ["follow_up", "region", "stage"],
    sources: [
      { table: "headlines-outcomes-change", fixed: { follow_up: "12 months" }, value: "count" },
      { table: "outcomes-paired-change", dims: { follow_up: "follow_up" }, value: "count" },
      { table: "outcomes-change-by-region", fixed: { follow_up: "12 months" }, dims: { region: "region" }, value: "count" },
      { table: "outcomes-change-by-stage", fixed: { follow_up: "12 months" }, dims: { stage: "stage" }, value: "count" },
    ],
  },
  {
    id: "barc-cutoff-paired",
    label: `of the people assessed both at intake and at 12 months scored ${BARC_CUT_OFF} or more`,
    name: `Scoring ${BARC_CUT_OFF} or more, the same people at intake and 12 months`,
    definition: `The percentage of the people assessed both at intake and at 12 months whose BARC-10 total was ${BARC_CUT_OFF} or more (the level associated with sustained remission), at intake and at 12 months.`,
    numerator: `people with a BARC-10 total of ${BARC_CUT_OFF} or more at that point`,
    base: "people assessed both at intake and at 12 months",
    population: OUTCOMES_PAIRED,
    level: "person",
    format: "percent",
    unit: ["person", "people"],
    dimensions: ["assessment"],
    sources: [
      {
        table: "headlines-outcomes-change",
        value: "percent_cutoff_intake",
        valueBy: { dim: "assessment", columns: { Intake: "percent_cutoff_intake", "12 months": "percent_cutoff_12_months" } },
      },
    ],
  },
  {
    id: "barc-mean-paired",
    label: "mean BARC-10 total of the people assessed at both points",
    name: "Mean recovery capital, the same people at intake and a follow-up",
    definition: "The mean BARC-10 total at intake and at the follow-up of the people assessed at both points.",
    numerator: "the sum of BARC-10 totals",
    base: "people assessed both at intake and at the follow-up",
    population: OUTCOMES_PAIRED,
    level: "person",
    format: "mean",
    unit: ["point", "points"],
    dimensions: ["follow_up", "when", "region", "stage"],
    baseMeasure: "people-assessed-paired",
    sources: [
      { table: "headlines-outcomes-change", fixed: { follow_up: "12 months" }, value: "mean_intake", valueBy: { dim: "when", columns: { Intake: "mean_intake", "Follow-up": "mean_12_months" } } },
      { table: "outcomes-paired-change", dims: { follow_up: "follow_up" }, value: "mean_intake", valueBy: { dim: "when", columns: { Intake: "mean_intake", "Follow-up": "mean_follow_up" } } },
      { table: "outcomes-change-by-region", fixed: { follow_up: "12 months" }, dims: { region: "region" }, value: "mean_intake", valueBy: { dim: "when", columns: { Intake: "mean_intake", "Follow-up": "mean_follow_up" } } },
      { table: "outcomes-change-by-stage", fixed: { follow_up: "12 months" }, dims: { stage: "stage" }, value: "mean_intake", valueBy: { dim: "when", columns: { Intake: "mean_intake", "Follow-up": "mean_follow_up" } } },
    ],
  },
  {
    id: "barc-change",
    label: "points: mean change in recovery capital (BARC-10) from intake",
    name: "Mean change in recovery capital (BARC-10) from intake",
    definition: "The mean change in BARC-10 total from intake to the follow-up, for the people assessed at both points. Not a controlled comparison.",
    numerator: "the sum of each person's change in BARC-10 total",
    base: "people assessed both at intake and at the follow-up",
    population: OUTCOMES_PAIRED,
    level: "person",
    format: "change",
    unit: ["point", "points"],
    dimensions: ["follow_up", "region", "stage"],
    baseMeasure: "people-assessed-paired",
    sources: [
      { table: "headlines-outcomes-change", fixed: { follow_up: "12 months" }, value: "mean_change" },
      { table: "outcomes-paired-change", dims: { follow_up: "follow_up" }, value: "mean_change" },
      { table: "outcomes-change-by-region", fixed: { follow_up: "12 months" }, dims: { region: "region" }, value: "mean_change" },
      { table: "outcomes-change-by-stage", fixed: { follow_up: "12 months" }, dims: { stage: "stage" }, value: "mean_change" },
    ],
  },
];

const BY_ID = new Map(MEASURES.map((m) => [m.id, m]));

/** The measure with this id; an unknown id is a bug in the caller, so it throws. */
export function measure(id: string): Measure {
  const found = BY_ID.get(id);
  if (!found) throw new Error(`No measure "${id}" in src/lib/measures.ts: add it there or use one of ${[...BY_ID.keys()].join(", ")}.`);
  return found;
}

/** A key from breakdown values by dimension: `keyOf("stigma-met-often", { setting: "GP" })` → "GP". */
export function keyOf(id: string, values: Readonly<Record<string, string | undefined>> = {}): string {
  const parts = measure(id).dimensions.map((d) => values[d]).filter((v): v is string => v !== undefined && v !== ALL);
  return parts.length === 0 ? ALL : parts.join(KEY_SEPARATOR);
}

/** The breakdown values a key stands for, by dimension; null when it has more parts than a source can place. */
function keyValues(m: Measure, key: string, source: MeasureSource): Record<string, string> | null {
  const parts = key === ALL ? [] : key.split(KEY_SEPARATOR);
  const values: Record<string, string> = {};
  let next = 0;
  // Values are placed in dimension order; a dimension the source fixes or maps takes the next part when it fits.
  for (const dim of m.dimensions) {
    const part = parts[next];
    if (part === undefined) break;
    const placeable = source.dims?.[dim] !== undefined || source.fixed?.[dim] !== undefined || source.valueBy?.dim === dim;
    const fixedHere = source.fixed?.[dim];
    if (placeable && (fixedHere === undefined || fixedHere === part)) {
      values[dim] = part;
      next += 1;
    }
  }
  return next === parts.length ? values : null;
}

function latestWaveOf(table: MeasureTable): string | undefined {
  const waves = [...new Set(table.rows.map((r) => r.wave).filter((w): w is string => typeof w === "string" && w !== ""))];
  return waves.sort((a, b) => Number(a) - Number(b)).at(-1);
}

function rowFor(source: MeasureSource, table: MeasureTable, values: Record<string, string>): { row: Record<string, PublishedValue>; column: string } | undefined {
  const total = table.totalLabel ?? "Total";
  // A table about one value of a dimension (only the GP) holds neither other values nor "all".
  for (const [dim, only] of Object.entries(source.fixed ?? {})) if (values[dim] !== only) return undefined;
  const match: Record<string, string> = { ...(source.row ?? {}) };
  if (source.latestWave) {
    const wave = latestWaveOf(table);
    if (wave !== undefined) match.wave = wave;
  }
  for (const [dim, column] of Object.entries(source.dims ?? {})) match[column] = values[dim] ?? source.totals?.[dim] ?? total;
  let column = source.value;
  if (source.valueBy) {
    const chosen = values[source.valueBy.dim];
    if (chosen === undefined) return undefined;
    const mapped = source.valueBy.columns[chosen];
    if (mapped === undefined) return undefined;
    column = mapped;
  }
  const row = table.rows.find((r) => Object.entries(match).every(([k, v]) => r[k] === v));
  return row ? { row, column } : undefined;
}

/**
 * The published value of a measure for a key, from the first of its tables that has the key: a number,
 * `"[c]"` where the figure is withheld (its count hidden or its base too small: the published null), or
 * null where no table the page has holds the key (shown as `[x]`).
 */
export function measureValue(tables: MeasureTables, id: string, key: string = ALL): PublishedValue {
  const m = measure(id);
  for (const source of m.sources) {
    const table = tables[source.table];
    if (!table) continue;
    const values = keyValues(m, key, source);
    if (!values) continue;
    const found = rowFor(source, table, values);
    if (!found) continue;
    const value = found.row[found.column];
    return typeof value === "number" && Number.isFinite(value) ? value : typeof value === "string" ? value : "[c]";
  }
  return null;
}

/** Every (source table, key, value) the tables publish for a measure, in source order. */
export function measureCells(tables: MeasureTables, id: string): { table: string; key: string; value: PublishedValue }[] {
  const m = measure(id);
  const cells: { table: string; key: string; value: PublishedValue }[] = [];
  for (const source of m.sources) {
    const table = tables[source.table];
    if (!table) continue;
    const total = table.totalLabel ?? "Total";
    const wave = source.latestWave ? latestWaveOf(table) : undefined;
    const seen = new Set<string>();
    for (const row of table.rows) {
      if (!Object.entries(source.row ?? {}).every(([k, v]) => row[k] === v)) continue;
      if (wave !== undefined && row.wave !== wave) continue;
      const values: Record<string, string> = { ...(source.fixed ?? {}) };
      for (const [dim, column] of Object.entries(source.dims ?? {})) {
        const v = row[column];
        if (typeof v !== "string") continue;
        if (v !== total && v !== source.totals?.[dim]) values[dim] = v;
      }
      const columns: [Record<string, string>, string][] = source.valueBy
        ? Object.entries(source.valueBy.columns).map(([choice, column]) => [{ ...values, [source.valueBy!.dim]: choice }, column])
        : [[values, source.value]];
      for (const [keyed, column] of columns) {
        const key = keyOf(id, keyed);
        if (seen.has(key)) continue;
        seen.add(key);
        const value = row[column];
        cells.push({ table: source.table, key, value: typeof value === "number" || typeof value === "string" ? value : "[c]" });
      }
    }
  }
  return cells;
}

/** A value as read in a sentence, a card or a table cell: "1,200", "68%", "34.6", "+8.7", or the symbol itself. */
export function formatMeasureValue(value: PublishedValue | undefined, format: MeasureFormat): string {
  if (typeof value !== "number" || !Number.isFinite(value)) return typeof value === "string" ? value : "[x]";
  if (format === "percent") return `${Math.round(value).toLocaleString("en-GB")}%`;
  if (format === "change") return `${value > 0 ? "+" : value < 0 ? "−" : ""}${Math.abs(value).toLocaleString("en-GB", { maximumFractionDigits: 1 })}`;
  return value.toLocaleString("en-GB", { maximumFractionDigits: 1 });
}

/** "150 LEROs" / "[c] people": a count of the measure's unit, singular when it is 1. */
export function countText(value: PublishedValue | undefined, unit: readonly [string, string]): string {
  if (typeof value !== "number" || !Number.isFinite(value)) return `${typeof value === "string" ? value : "[x]"} ${unit[1]}`;
  return `${value.toLocaleString("en-GB")} ${value === 1 ? unit[0] : unit[1]}`;
}

/**
 * The base of a measure's figure for a key, in words: "Base: 995 people who answered about the
 * setting", with the count from its base measure where one is published, else "Base: <its base>".
 */
export function baseText(tables: MeasureTables, id: string, key: string = ALL): string {
  const m = measure(id);
  if (!m.baseMeasure) return `Base: ${m.base}`;
  const base = measure(m.baseMeasure);
  const count = measureValue(tables, base.id, key);
  return count === null ? `Base: ${m.base}` : `Base: ${countText(count, base.unit)} (${m.base})`;
}

/**
 * True when a figure of the measure for a key may be written into a sentence or a card: a table the
 * page has publishes it, and its base (the base measure's count, or the figure itself for a count) is
 * not 0. A share of nobody, or "0 people", is never a finding.
 */
export function figureCanBeWritten(tables: MeasureTables, id: string, key: string = ALL): boolean {
  const value = measureValue(tables, id, key);
  if (value === null) return false;
  const m = measure(id);
  const base = m.baseMeasure ? measureValue(tables, m.baseMeasure, key) : m.format === "count" ? value : undefined;
  return base !== 0;
}

/** The BARC-10 cut-off the outcome measures are defined at (checked against the instruments data in tests). */
export const MEASURE_BARC_CUT_OFF = BARC_CUT_OFF;
