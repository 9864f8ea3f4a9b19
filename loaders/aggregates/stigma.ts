/**
 * Tables for the Stigma page: where people meet stigma, what kind, whether it kept them from care,
 * how that differs by role, and the consented quotes.
 *
 * The data has one row per respondent × setting, so a person is counted once in each setting they
 * answered about; settings overlap and are never added up. Within a setting, people split cleanly
 * (met / did not meet; one role each), so those tables are protected with totals and secondary
 * suppression like any other.
 */
import { quoteIdentifier, quoteLiteral } from "../publish/duckdb.ts";
import { categoriesOf, crossTab, meansBy, textList, type AggregateContext, type AggregateDefinition, type Published } from "./index.ts";
import type { AggregateJson } from "../disclose/cells.ts";
import type { ReleaseLinks } from "../../src/lib/published.ts";

const DATASET = "stigma";
const TOPIC = "stigma";
const TOTAL = "Total";
const SCALES = ["enacted", "anticipated", "internalised"] as const;
export type Scale = (typeof SCALES)[number];

const column = quoteIdentifier;
const items = (scale: Scale): string[] => [1, 2, 3].map((i) => column(`${scale}_${i}`));

/** A person met enacted stigma in a setting when they said any enacted item happened often (4) or very often (5). */
export const ENACTED_SQL = `greatest(${items("enacted").join(", ")}) >= 4`;
/** The scale score of one answer: the mean of the items answered (each 1–5). */
/** Names of the base and the condition in the intruder's links (see `ReleaseLinks.counts`). */
export const ENACTED_BASE = { answered: "enacted" };
export const ENACTED_OFTEN = { enacted_often: "yes" };
const scaleScore = (scale: Scale): string => `list_avg([${items(scale).join(", ")}])`;
const answeredScale = (scale: Scale): string => `${scaleScore(scale)} IS NOT NULL`;

interface ShareOptions {
  /** Names, for the intruder's links, the answered question and the condition: `{ answered: "enacted" }`, `{ enacted_often: "yes" }`. */
  base: Record<string, string>;
  met: Record<string, string>;
  /** Which rows count towards the base (people who answered the question). Fixed SQL. */
  answered: string;
  /** True for a row that meets the condition. Fixed SQL. */
  condition: string;
  /** The column counting people who meet it, ending in `_count`. */
  name: string;
  /** A person-level attribute to split each setting by (e.g. role), with its categories. */
  split?: { field: string; values: string[] };
}

/**
 * For each setting, the people who answered (`count`, the base), those who met the condition and the
 * percentage. Each setting is protected as its own table (split × met/did not meet, with totals), so
 * a hidden cell cannot be worked out from the setting's total.
 */
async function sharesBySetting(context: AggregateContext, options: ShareOptions): Promise<AggregateJson & { links: Partial<ReleaseLinks> }> {
  const settings = categoriesOf(context.field(DATASET, "setting"));
  const { split } = options;
  const out: AggregateJson["rows"] = [];
  for (const setting of settings) {
    const table = await crossTab(context, {
      dataset: DATASET,
      rowSql: split ? column(split.field) : quoteLiteral(setting),
      rowDim: "group",
      rows: split ? split.values : [setting],
      colSql: `CASE WHEN ${options.condition} THEN 'Yes' ELSE 'No' END`,
      colDim: "met",
      cols: ["Yes", "No"],
      where: `${column("setting")} = ${quoteLiteral(setting)} AND (${options.answered})`,
      percentOf: "row",
    });
    const groups = split ? [...split.values, TOTAL] : [setting];
    for (const group of groups) {
      const base = table.rows.find((r) => r.group === group && r.met === TOTAL);
      const met = table.rows.find((r) => r.group === group && r.met === "Yes");
      const row: Record<string, Published> = { setting };
      if (split) row[split.field] = group;
      row.count = base?.count ?? null;
      row[options.name] = met?.count ?? null;
      row.percent = met?.percent ?? null;
      out.push(row);
    }
  }
  return {
    dimensions: split ? ["setting", split.field] : ["setting"],
    measures: ["count", options.name, "percent"],
    totalLabel: TOTAL,
    rows: out,
    // A person answers about several settings; within a setting, roles split them.
    links: { additive: false, ...(split ? { additiveDimensions: [split.field] } : {}), counts: { count: options.base, [options.name]: { ...options.base, ...options.met } } },
  };
}

const enactedNote = "Enacted stigma: the person said at least one of three things happened often or very often in the last 12 months (staff treated them with less respect because of substance use; were slower to help or refused help; spoke about them in a judging way).";
const adaptedNote = "Items adapted from the Substance Use Stigma Mechanisms Scale (Smith et al., 2016) and asked separately for each setting.";
const overlapNote = "People answered about each setting they had used, so they can appear under several settings; settings are not added up.";

export const aggregates: AggregateDefinition[] = [
  {
    id: "stigma-enacted-by-setting",
    topic: TOPIC,
    dataset: DATASET,
    title: "People who met enacted stigma, by setting",
    async build(context) {
      const json = await sharesBySetting(context, { answered: answeredScale("enacted"), condition: ENACTED_SQL, name: "enacted_count", base: ENACTED_BASE, met: ENACTED_OFTEN });
      return { ...json, notes: [enactedNote, adaptedNote, overlapNote] };
    },
  },
  {
    id: "stigma-avoided-by-setting",
    topic: TOPIC,
    dataset: DATASET,
    title: "People who avoided or put off care because of how they were treated, by setting",
    async build(context) {
      const avoided = column("avoided_care");
      const json = await sharesBySetting(context, { answered: `${avoided} IS NOT NULL`, condition: avoided, name: "avoided_count", base: { answered: "avoided_care" }, met: { avoided_care: "yes" } });
      return { ...json, notes: ["Avoided care: the person said the experience had led them to avoid or put off using the service.", overlapNote] };
    },
  },
  {
    id: "stigma-enacted-by-role-setting",
    topic: TOPIC,
    dataset: DATASET,
    title: "People who met enacted stigma, by role and setting",
    async build(context) {
      const roles = categoriesOf(context.field(DATASET, "role"));
      const json = await sharesBySetting(context, { answered: answeredScale("enacted"), condition: ENACTED_SQL, name: "enacted_count", base: ENACTED_BASE, met: ENACTED_OFTEN, split: { field: "role", values: roles } });
      return { ...json, notes: [enactedNote, adaptedNote, overlapNote] };
    },
  },
  {
    id: "stigma-enacted-any-by-role",
    topic: TOPIC,
    dataset: DATASET,
    title: "People who met enacted stigma in at least one setting, by role",
    async build(context) {
      const roles = categoriesOf(context.field(DATASET, "role"));
      const subject = context.subject(DATASET);
      // Each person gets one answer across all their settings, so the people split cleanly into met / did not meet.
      const anySetting = subject ? `bool_or(${ENACTED_SQL}) OVER (PARTITION BY ${column(subject)})` : ENACTED_SQL;
      const table = await crossTab(context, {
        dataset: DATASET,
        rowSql: column("role"),
        rowDim: "role",
        rows: roles,
        colSql: `CASE WHEN ${anySetting} THEN 'Yes' ELSE 'No' END`,
        colDim: "met",
        cols: ["Yes", "No"],
        where: answeredScale("enacted"),
        percentOf: "row",
      });
      const rows = [...roles, TOTAL].map((role) => {
        const base = table.rows.find((r) => r.role === role && r.met === TOTAL);
        const met = table.rows.find((r) => r.role === role && r.met === "Yes");
        return { role, count: base?.count ?? null, enacted_count: met?.count ?? null, percent: met?.percent ?? null };
      });
      return {
        dimensions: ["role"],
        measures: ["count", "enacted_count", "percent"],
        totalLabel: TOTAL,
        rows,
        notes: [enactedNote, adaptedNote],
        // People, once each: everyone who answered about any setting, and those who met it in any.
        links: { population: "stigma:people", additive: true, counts: { count: ENACTED_BASE, enacted_count: { ...ENACTED_BASE, enacted_often_anywhere: "yes" } } },
      };
    },
  },
  {
    id: "stigma-scales-by-setting",
    topic: TOPIC,
    dataset: DATASET,
    title: "Enacted, anticipated and internalised stigma: mean scale scores by setting",
    async build(context) {
      const json = await meansBy(context, {
        dataset: DATASET,
        dimSql: column("setting"),
        dim: "setting",
        values: categoriesOf(context.field(DATASET, "setting")),
        measures: Object.fromEntries(SCALES.map((scale) => [`mean_${scale}`, scaleScore(scale)])),
        where: SCALES.map(answeredScale).join(" AND "),
        intervals: true,
      });
      return {
        ...json,
        links: { ...json.links, counts: { count: { answered: "all three scales" } } },
        notes: [
          "Each scale score is the mean of its three items, from 1 (never, or very unlikely, or strongly disagree) to 5 (very often, or very likely, or strongly agree). Base: people who answered at least one item of each scale for the setting.",
          adaptedNote,
          overlapNote,
        ],
      };
    },
  },
  {
    id: "stigma-quotes",
    topic: TOPIC,
    dataset: DATASET,
    title: "Quotes about experiences in services, as said",
    async build(context) {
      const settings = categoriesOf(context.field(DATASET, "setting"));
      const rows = await textList(context, { dataset: DATASET, field: "quote", as: "quote", keys: ["setting"], where: `${column("quote_consent")} IS TRUE`, order: { setting: settings } });
      return {
        dimensions: ["setting", "quote"],
        measures: [],
        totalLabel: TOTAL,
        rows,
        notes: [
          "Published only where the person agreed to be quoted without their name. Personal details are replaced by placeholders such as [name]; the same words from several people are shown once. Quotes are left as said.",
        ],
      };
    },
  },
];
