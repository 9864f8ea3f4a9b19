/**
 * The headline tables: the few figures the home page and the report lead with, each computed straight
 * from a dataset's accepted rows with the protected helpers (counts through the cell rules, percentages
 * from the published counts, means only on a large enough base).
 *
 * Several tables are "stacked shares": one protected one-way table per group (a wave, a section, a
 * setting), each with its own Total and the percentage of that Total. The groups overlap in people or
 * answers, so no total across groups is published.
 */
import { percent, protectCount, safeMean, type ProtectedCell } from "../disclose/cells.ts";
import { quoteIdentifier, quoteLiteral } from "../publish/duckdb.ts";
import { PAIRED } from "./outcomes.ts";
import { ENACTED_BASE } from "./stigma.ts";
import { baseKey, optionKey, QUESTIONS, questionCells, questionLinks, TOTAL as RESEARCH_TOTAL } from "./research.ts";
import { ALL_SECTIONS, APPLICABLE, NOT_APPLICABLE, sectionCellKey, statusCells } from "./standards.ts";
import type { Dataset } from "../schema.ts";
import { categoriesOf, countSql, crossTab, meansBy, roundPercent, shown, type AggregateContext, type AggregateDefinition, type Published } from "./index.ts";

export const TOPIC = "headlines";

/** "Met stigma" in a setting: at least one enacted-stigma item answered sometimes, often or very often (3+ on 1–5). */
export const MET_STIGMA_FROM = 3;
/** BARC-10 total associated with sustained remission in the validation study. */
export const BARC_CUTOFF = 47;

const ENACTED = ["enacted_1", "enacted_2", "enacted_3"].map(quoteIdentifier);

interface Group {
  /** Dimension values that identify the group (e.g. `{wave: "2025", section: "Support offer"}`). */
  keys: Record<string, string>;
  /** SQL condition selecting the group's rows (fixed text and quoted literals only). */
  where: string;
}

interface StackedOptions {
  dataset: Dataset;
  groups: Group[];
  rowSql: string;
  rowDim: string;
  rows: string[];
}

function asCell(value: Published | undefined): ProtectedCell {
  return typeof value === "number" ? { value } : { value: null, symbol: "[c]" };
}

/** One protected one-way table per group, each row with the percentage of its group's Total. */
async function stackedShares(context: AggregateContext, options: StackedOptions) {
  const level = context.level(options.dataset);
  const rows: Record<string, Published>[] = [];
  for (const group of options.groups) {
    const table = await crossTab(context, { dataset: options.dataset, rowSql: options.rowSql, rowDim: options.rowDim, rows: options.rows, where: group.where, additive: true });
    const total = asCell(table.rows.find((r) => r[options.rowDim] === table.totalLabel)?.count);
    for (const row of table.rows) {
      const count = row.count ?? null;
      rows.push({ ...group.keys, [options.rowDim]: row[options.rowDim] ?? null, count, percent: roundPercent(percent(asCell(count), total, context.policy, level)) });
    }
  }
  const groupDims = Object.keys(options.groups[0]?.keys ?? {});
  return { dimensions: [...groupDims, options.rowDim], measures: ["count", "percent"], totalLabel: "Total", rows };
}

async function waves(context: AggregateContext, dataset: Dataset): Promise<number[]> {
  const found = await context.query(`SELECT DISTINCT "wave" AS w FROM ${quoteIdentifier(context.table(dataset))} WHERE "wave" IS NOT NULL ORDER BY 1`);
  return found.map((r) => Number(r.w));
}

async function latestWave(context: AggregateContext, dataset: Dataset): Promise<number | undefined> {
  return (await waves(context, dataset)).at(-1);
}

const waveWhere = (wave: number): string => `"wave" = ${Math.trunc(wave)}`;

export const aggregates: AggregateDefinition[] = [
  {
    id: "headlines-audit-evaluates",
    topic: TOPIC,
    dataset: "audit",
    title: "LEROs that evaluate their work, by audit wave",
    async build(context) {
      const json = await stackedShares(context, {
        dataset: "audit",
        groups: (await waves(context, "audit")).map((w) => ({ keys: { wave: String(w) }, where: waveWhere(w) })),
        rowSql: `CASE WHEN "evaluates" THEN 'Evaluates its work' WHEN NOT "evaluates" THEN 'Does not evaluate yet' END`,
        rowDim: "evaluates",
        rows: ["Evaluates its work", "Does not evaluate yet"],
      });
      return { ...json, notes: ["Total is the number of LEROs audited in the wave; percentages are of that Total."], links: { additive: true } };
    },
  },
  {
    id: "headlines-audit-evaluation-methods",
    topic: TOPIC,
    dataset: "audit",
    title: "How LEROs evaluate their work, latest audit wave",
    async build(context) {
      // The research page's all-LEROs cells for the same question, so both pages hide the same ones.
      const wave = await latestWave(context, "audit");
      const question = QUESTIONS.find((q) => q.key === "methods")!;
      const { options, cells } = await questionCells(context, question);
      const base = cells.shown(baseKey("", RESEARCH_TOTAL));
      const rows = options.map((option) => {
        const cell = cells.shown(optionKey("", RESEARCH_TOTAL, option.value));
        return { wave: wave === undefined ? null : String(wave), evaluation_methods: option.value, count: shown(cell), percent: roundPercent(percent(cell, base, context.policy, context.level("audit"))) };
      });
      return {
        dimensions: ["wave", "evaluation_methods"],
        measures: ["count", "percent"],
        totalLabel: "Total",
        rows,
        base: shown(base),
        notes: ["A LERO can use several methods. Percentages are of all LEROs audited in the wave (the base)."],
        // The research page's all-LEROs cells: the wave is the whole of that population.
        links: { ...questionLinks(question, []), ...(wave === undefined ? {} : { totals: { wave: String(wave) } }) },
      };
    },
  },
  {
    id: "headlines-standards-status",
    topic: TOPIC,
    dataset: "standards",
    title: "Quality-standards statements in place, by section, latest wave",
    async build(context) {
      // Printed from the standards page's linked set, so sections and statements hide the same answers.
      const { wave, statuses, sections, cells } = await statusCells(context);
      const level = context.level("standards");
      const rows: Record<string, Published>[] = [];
      for (const section of [ALL_SECTIONS, ...sections]) {
        const applicable = cells.shown(sectionCellKey(section, APPLICABLE));
        for (const status of statuses.filter((s) => s !== NOT_APPLICABLE)) {
          const cell = cells.shown(sectionCellKey(section, status));
          rows.push({ wave: String(wave ?? ""), section, status, count: shown(cell), percent: roundPercent(percent(cell, applicable, context.policy, level)) });
        }
        rows.push({ wave: String(wave ?? ""), section, status: "Total", count: shown(applicable), percent: roundPercent(percent(applicable, applicable, context.policy, level)) });
      }
      return {
        dimensions: ["wave", "section", "status"],
        measures: ["count", "percent"],
        totalLabel: "Total",
        rows,
        notes: ["Counts are answers (a LERO × a statement), not LEROs. Statements a LERO marked not applicable are left out; percentages are of the applicable answers (Total)."],
        // Applicable answers only: its Total is not the statement table's, so it is a population of its own.
        links: { population: "standards:applicable-answers", additive: true, totals: { section: ALL_SECTIONS, wave: String(wave ?? "") } },
      };
    },
  },
  {
    id: "headlines-workforce-trainees",
    topic: TOPIC,
    dataset: "workforce",
    title: "Peer researchers trained, by cohort",
    async build(context) {
      return crossTab(context, { dataset: "workforce", rowSql: `"cohort"`, rowDim: "cohort", rows: categoriesOf(context.field("workforce", "cohort")) });
    },
  },
  {
    id: "headlines-workforce-confidence",
    topic: TOPIC,
    dataset: "workforce",
    title: "Trainees' research confidence before and after the training",
    async build(context) {
      const skills = ["ethics", "questions", "interviewing", "analysis", "writing"];
      const average = (when: string): string => `(${skills.map((s) => quoteIdentifier(`confidence_${when}_${s}`)).join(" + ")}) / ${skills.length}.0`;
      const complete = skills.flatMap((s) => [`confidence_before_${s}`, `confidence_after_${s}`]).map((c) => `${quoteIdentifier(c)} IS NOT NULL`).join(" AND ");
      const json = await meansBy(context, {
        dataset: "workforce",
        dimSql: `'All trainees'`,
        dim: "trainees",
        values: ["All trainees"],
        measures: { mean_before: average("before"), mean_after: average("after") },
        where: complete,
      });
      return { ...json, notes: ["Mean of five research skills rated 1 (not at all confident) to 5 (very confident), for trainees who rated all of them before and after."] };
    },
  },
  {
    id: "headlines-stigma-met-by-setting",
    topic: TOPIC,
    dataset: "stigma",
    title: "People who met stigma, by service setting",
    async build(context) {
      const answered = ENACTED.map((c) => `${c} IS NOT NULL`).join(" OR ");
      const met = ENACTED.map((c) => `${c} >= ${MET_STIGMA_FROM}`).join(" OR ");
      const json = await stackedShares(context, {
        dataset: "stigma",
        groups: categoriesOf(context.field("stigma", "setting")).map((setting) => ({ keys: { setting }, where: `"setting" = ${quoteLiteral(setting)}` })),
        rowSql: `CASE WHEN ${met} THEN 'Met stigma' WHEN ${answered} THEN 'Did not meet stigma' END`,
        rowDim: "enacted",
        rows: ["Met stigma", "Did not meet stigma"],
      });
      return {
        ...json,
        links: { additive: false, additiveDimensions: ["enacted"], counts: { count: ENACTED_BASE } },
        notes: [
          "Met stigma: at least one of three questions on unfair treatment by staff answered sometimes, often or very often (questions adapted from the Substance Use Stigma Mechanisms Scale).",
          "Total is the people who answered about that setting; a person can answer about several settings.",
        ],
      };
    },
  },
  {
    id: "headlines-stigma-avoided-care",
    topic: TOPIC,
    dataset: "stigma",
    title: "People who avoided care because of stigma",
    async build(context) {
      const subject = quoteIdentifier(context.subject("stigma") ?? "respondent_ref");
      // Every row of a person gets the person's answer across settings, so each person counts once.
      const person = `OVER (PARTITION BY ${subject})`;
      const json = await stackedShares(context, {
        dataset: "stigma",
        groups: [{ keys: {}, where: "TRUE" }],
        rowSql: `CASE WHEN bool_or("avoided_care") ${person} THEN 'Avoided care' WHEN count("avoided_care") ${person} > 0 THEN 'Did not avoid care' END`,
        rowDim: "avoided_care",
        rows: ["Avoided care", "Did not avoid care"],
      });
      return {
        ...json,
        notes: ["Avoided care: the person said stigma led them to avoid or delay care in at least one setting. Total is everyone who answered the question."],
        links: { population: "stigma:people", additive: true, counts: { count: { answered: "avoided_care" } } },
      };
    },
  },
  {
    id: "headlines-outcomes-barc",
    topic: TOPIC,
    dataset: "outcomes",
    title: "Mean BARC-10 recovery capital at each assessment",
    async build(context) {
      const json = await meansBy(context, {
        dataset: "outcomes",
        dimSql: `"assessment"`,
        dim: "assessment",
        values: categoriesOf(context.field("outcomes", "assessment")),
        measures: { mean_barc: `"barc_total"` },
        intervals: true,
      });
      return { ...json, notes: ["Everyone assessed at each point; people who stay in touch may differ from those who do not. BARC-10 totals run from 10 to 60."] };
    },
  },
  {
    id: "headlines-outcomes-change",
    topic: TOPIC,
    dataset: "outcomes",
    title: "Change in BARC-10 recovery capital from intake to 12 months",
    async build(context) {
      const subject = quoteIdentifier(context.subject("outcomes") ?? "person_ref");
      const table = quoteIdentifier(context.table("outcomes"));
      const pairs = await context.query(
        `SELECT i.${subject} AS p, avg(i."barc_total")::DOUBLE AS intake, avg(f."barc_total")::DOUBLE AS final FROM ${table} i JOIN ${table} f ON i.${subject} = f.${subject} WHERE i."assessment" = 'Intake' AND f."assessment" = '12 months' GROUP BY 1 ORDER BY 1`,
      );
      const level = context.level("outcomes");
      const one = (value: number | null): number | null => (value === null ? null : Math.round(value * 10) / 10);
      const intake = pairs.map((p) => Number(p.intake));
      const final = pairs.map((p) => Number(p.final));
      const people = protectCount(pairs.length, context.policy, level);
      const atCutoff = (values: number[]): ProtectedCell => protectCount(values.filter((v) => v >= BARC_CUTOFF).length, context.policy, level);
      const cutoffIntake = atCutoff(intake);
      const cutoffFinal = atCutoff(final);
      return {
        dimensions: ["period"],
        measures: ["count", "mean_intake", "mean_12_months", "mean_change", "cutoff_intake_count", "cutoff_12_months_count", "percent_cutoff_intake", "percent_cutoff_12_months"],
        totalLabel: "Total",
        rows: [
          {
            period: "Intake to 12 months",
            count: shown(people),
            mean_intake: one(safeMean(intake, context.policy, level)),
            mean_12_months: one(safeMean(final, context.policy, level)),
            mean_change: one(safeMean(final.map((f, i) => f - intake[i]!), context.policy, level)),
            cutoff_intake_count: shown(cutoffIntake),
            cutoff_12_months_count: shown(cutoffFinal),
            percent_cutoff_intake: roundPercent(percent(cutoffIntake, people, context.policy, level)),
            percent_cutoff_12_months: roundPercent(percent(cutoffFinal, people, context.policy, level)),
          },
        ],
        links: {
          population: PAIRED,
          totals: { period: "Intake to 12 months" },
          counts: { count: { follow_up: "12 months" }, cutoff_intake_count: { follow_up: "12 months", intake_at_cutoff: "yes" }, cutoff_12_months_count: { follow_up: "12 months", follow_up_at_cutoff: "yes" } },
        },
        notes: [`People assessed both at intake and at 12 months. The cutoff counts (and their percentages of the people counted) are people with a total of ${BARC_CUTOFF} or more, the level associated with sustained remission in the validation study.`],
      };
    },
  },
];
