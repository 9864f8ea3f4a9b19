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
import { categoriesOf, countSql, crossTab, meansBy, oncePerContext, roundPercent, shown, textList, type AggregateContext, type AggregateDefinition, type Published } from "./index.ts";
import { percent, type AggregateJson } from "../disclose/cells.ts";
import { LinkedCells } from "../disclose/linked.ts";
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
/** Names of the base and the condition in the intruder's links (see `ReleaseLinks.counts`). */
export const ENACTED_BASE = { answered: "enacted" };
export const ENACTED_OFTEN = { enacted_often: "yes" };
/** The scale score of one answer: the mean of the items answered (each 1–5). */
const scaleScore = (scale: Scale): string => `list_avg([${items(scale).join(", ")}])`;
const answeredScale = (scale: Scale): string => `${scaleScore(scale)} IS NOT NULL`;

interface ShareOptions {
  /** Names, for the intruder's links, the answered question and the condition: `{ answered: "avoided_care" }`, `{ avoided_care: "yes" }`. */
  base: Record<string, string>;
  met: Record<string, string>;
  /** Which rows count towards the base (people who answered the question). Fixed SQL. */
  answered: string;
  /** True for a row that meets the condition. Fixed SQL. */
  condition: string;
  /** The column counting people who meet it, ending in `_count`. */
  name: string;
}

/**
 * For each setting, the people who answered (`count`, the base), those who met the condition and the
 * percentage. Each setting is protected as its own table (met / did not meet, with the total), so a
 * hidden cell cannot be worked out from the setting's total.
 */
async function sharesBySetting(context: AggregateContext, options: ShareOptions): Promise<AggregateJson & { links: Partial<ReleaseLinks> }> {
  const out: AggregateJson["rows"] = [];
  for (const setting of categoriesOf(context.field(DATASET, "setting"))) {
    const table = await crossTab(context, {
      dataset: DATASET,
      rowSql: quoteLiteral(setting),
      rowDim: "group",
      rows: [setting],
      colSql: `CASE WHEN ${options.condition} THEN 'Yes' ELSE 'No' END`,
      colDim: "met",
      cols: ["Yes", "No"],
      where: `${column("setting")} = ${quoteLiteral(setting)} AND (${options.answered})`,
      percentOf: "row",
    });
    const base = table.rows.find((r) => r.group === setting && r.met === TOTAL);
    const met = table.rows.find((r) => r.group === setting && r.met === "Yes");
    out.push({ setting, count: base?.count ?? null, [options.name]: met?.count ?? null, percent: met?.percent ?? null });
  }
  return {
    dimensions: ["setting"],
    measures: ["count", options.name, "percent"],
    totalLabel: TOTAL,
    rows: out,
    // A person answers about several settings, so settings are never added up.
    links: { additive: false, counts: { count: options.base, [options.name]: { ...options.base, ...options.met } } },
  };
}

/**
 * Enacted stigma by setting is published three ways: for everyone (Stigma page, Home, Report), by role
 * (Stigma page) and by region (the embeds and the region briefings). Each setting's total is the same
 * number in all three, so an intruder can subtract one table from another: "Pharmacy, all regions"
 * minus "Pharmacy, people in recovery" is the family members and workers together, however small.
 * So the three are one linked set per setting, protected together: roles and regions each split the
 * setting's people (bases and those who met it, and those who did not), and every table prints from
 * the set. People who gave no role (the question is optional) are a group of their own, "Not given",
 * so the roles always add up to the setting's total, as a reader would expect.
 */
export const NOT_GIVEN = "Not given";
const SPLITS = ["role", "region"] as const;
type Split = (typeof SPLITS)[number];

export interface EnactedCells {
  cells: LinkedCells;
  /** Each split's groups as published, in schema order ("Not given" last, only when someone gave none). */
  groups: Partial<Record<Split, string[]>>;
}

/** A key of the enacted set: a setting's base or count of people who met it, for all or for one group. */
export const enactedKey = (what: "base" | "met", setting: string, split?: Split, group?: string): string =>
  split === undefined || group === undefined || group === TOTAL ? `${what}|${setting}` : `${what}|${setting}|${split}|${group}`;

/** The enacted-stigma counts of every setting, protected once for every table that shows them. */
export const enactedCells = oncePerContext(buildEnactedCells);

async function buildEnactedCells(context: AggregateContext): Promise<EnactedCells> {
  const table = column(context.table(DATASET));
  const count = countSql(context, DATASET);
  const measures = `${count} AS base, ${count} FILTER (WHERE ${ENACTED_SQL}) AS met`;
  const answered = answeredScale("enacted");
  const cells = new LinkedCells(context.policy[context.level(DATASET)]);
  const settings = categoriesOf(context.field(DATASET, "setting"));
  const all = await context.query(`SELECT CAST(${column("setting")} AS VARCHAR) AS s, ${measures} FROM ${table} WHERE ${answered} GROUP BY 1`);
  const wholes = new Map(
    settings.map((setting) => {
      const row = all.find((r) => r.s === setting);
      const base = cells.cell(enactedKey("base", setting), Number(row?.base ?? 0));
      const met = cells.cell(enactedKey("met", setting), Number(row?.met ?? 0));
      return [setting, { base, met, notMet: cells.complement(met, base) }] as const;
    }),
  );
  // Split only by the fields the table holds (a test table may leave some out).
  const present = new Set((await context.query(`DESCRIBE ${table}`)).map((c) => String(c.column_name)));
  const groups: EnactedCells["groups"] = {};
  for (const split of SPLITS.filter((name) => present.has(name))) {
    const grouped = await context.query(`SELECT CAST(${column("setting")} AS VARCHAR) AS s, CAST(${column(split)} AS VARCHAR) AS g, ${measures} FROM ${table} WHERE ${answered} GROUP BY 1, 2`);
    const values = categoriesOf(context.field(DATASET, split));
    groups[split] = grouped.some((r) => r.g === null) ? [...values, NOT_GIVEN] : values;
    for (const setting of settings) {
      const whole = wholes.get(setting)!;
      const row = (group: string) => grouped.find((r) => r.s === setting && (group === NOT_GIVEN ? r.g === null : r.g === group));
      const bases = groups[split].map((group) => cells.cell(enactedKey("base", setting, split, group), Number(row(group)?.base ?? 0)));
      const mets = groups[split].map((group) => cells.cell(enactedKey("met", setting, split, group), Number(row(group)?.met ?? 0)));
      cells.sum(bases, whole.base);
      cells.sum(mets, whole.met);
      // Those who did not meet it, group by group, add up to those in the setting who did not.
      cells.sum(mets.map((met, i) => cells.complement(met, bases[i]!)), whole.notMet);
    }
  }
  cells.protect();
  return { cells, groups };
}

/**
 * Rows of a table of enacted stigma by setting, from the linked set: for each setting (and each group
 * of `split`, then its total), the people who answered (`count`), those who met it and the percentage.
 */
export async function enactedRows(context: AggregateContext, split?: Split): Promise<Record<string, Published>[]> {
  const { cells, groups } = await enactedCells(context);
  const level = context.level(DATASET);
  const rows: Record<string, Published>[] = [];
  for (const setting of categoriesOf(context.field(DATASET, "setting"))) {
    for (const group of split ? [...(groups[split] ?? []), TOTAL] : [TOTAL]) {
      const base = cells.shown(enactedKey("base", setting, split, group));
      const met = cells.shown(enactedKey("met", setting, split, group));
      const row: Record<string, Published> = split ? { setting, [split]: group } : { setting };
      rows.push({ ...row, count: shown(base), enacted_count: shown(met), percent: roundPercent(percent(met, base, context.policy, level)) });
    }
  }
  return rows;
}

/** How the intruder reads a table of enacted stigma: people split by `split` within a setting; settings overlap. */
export function enactedLinks(split?: Split): Partial<ReleaseLinks> {
  return { additive: false, ...(split ? { additiveDimensions: [split] } : {}), counts: { count: ENACTED_BASE, enacted_count: { ...ENACTED_BASE, ...ENACTED_OFTEN } } };
}

const notGivenNote = "Not given: people who did not say whether they were in recovery, a family member or a worker.";
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
      return {
        dimensions: ["setting"],
        measures: ["count", "enacted_count", "percent"],
        totalLabel: TOTAL,
        rows: await enactedRows(context),
        links: enactedLinks(),
        notes: [enactedNote, adaptedNote, overlapNote],
      };
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
      return {
        dimensions: ["setting", "role"],
        measures: ["count", "enacted_count", "percent"],
        totalLabel: TOTAL,
        rows: await enactedRows(context, "role"),
        links: enactedLinks("role"),
        notes: [enactedNote, adaptedNote, overlapNote, ...((await enactedCells(context)).groups.role?.includes(NOT_GIVEN) ? [notGivenNote] : [])],
      };
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
