/**
 * Tables for the Research and evaluation page, from the audit of LEROs (one row per LERO per audit
 * wave; only the latest wave is counted, so each LERO counts once).
 *
 * Each question is published by stage of development and by region: for every option, the number of
 * LEROs in each group that chose it and the percentage of the group's LEROs. The options of a
 * multi-select question overlap, but the groups do not, so each option's counts across the groups
 * add up to its Total and are protected as one additive table (secondary suppression), and so are the
 * groups' bases. Percentages come from the protected counts.
 *
 * Consented innovation descriptions (already redacted by the pipeline, and published in the audit's
 * row-level files) are also published as a plain list of texts, with nothing to link them to a LERO.
 */
import { percent, protectCounts } from "../disclose/cells.ts";
import { LinkedCells } from "../disclose/linked.ts";
import type { ReleaseLinks } from "../../src/lib/published.ts";
import { quoteIdentifier, quoteLiteral } from "../publish/duckdb.ts";
import type { Dataset } from "../schema.ts";
import { categoriesOf, countSql, textList, roundPercent, shown, type AggregateContext, type AggregateDefinition, type Published } from "./index.ts";

export const TOPIC = "research";
const DATASET: Dataset = "audit";

/** The label of the all-groups row. */
export const TOTAL = "Total";

export interface Option {
  value: string;
  /** A condition, as fixed SQL text and quoted literals, true for the rows that chose the option. */
  sql: string;
}

export interface Grouping {
  key: string;
  /** The audit field whose categories make the groups (the groups must not overlap). */
  field: string;
  label: string;
}

/**
 * One question's counts, protected as one linked set over every grouping it is published by: for
 * each group, its base (LEROs that answered) and how many chose each option; the groups of a grouping
 * add up to the all-LEROs Total, which every grouping shares. A base minus an option count (the LEROs
 * that did not choose it) is protected like a count too, so "12 of 13" cannot show that one LERO does
 * not evaluate.
 */
export interface QuestionCells {
  options: Option[];
  groups: Record<string, string[]>;
  cells: LinkedCells;
}

/** Keys of a question's linked cells: a group's base, or its count for an option. `TOTAL` for all groups. */
export const baseKey = (grouping: string, group: string): string => (group === TOTAL ? "base|all" : `base|${grouping}|${group}`);
export const optionKey = (grouping: string, group: string, option: string): string => (group === TOTAL ? `option|all|${option}` : `option|${grouping}|${group}|${option}`);

const questionCache = new WeakMap<AggregateContext, Map<string, Promise<QuestionCells>>>();

export function questionCells(context: AggregateContext, question: Question): Promise<QuestionCells> {
  let byQuestion = questionCache.get(context);
  if (!byQuestion) questionCache.set(context, (byQuestion = new Map()));
  let found = byQuestion.get(question.key);
  if (!found) byQuestion.set(question.key, (found = buildQuestionCells(context, question)));
  return found;
}

async function buildQuestionCells(context: AggregateContext, question: Question): Promise<QuestionCells> {
  const count = countSql(context, DATASET);
  const options = question.options(context);
  const where = await latestWaveSql(context);
  const chosen = options.map((option, i) => `${count} FILTER (WHERE (${question.baseSql}) AND (${option.sql})) AS ${quoteIdentifier(`o${i}`)}`);
  const cells = new LinkedCells(context.policy[context.level(DATASET)]);
  const groups: Record<string, string[]> = {};
  const [all] = await context.query(`SELECT ${count} FILTER (WHERE ${question.baseSql}) AS base, ${chosen.join(", ")} FROM ${quoteIdentifier(context.table(DATASET))} WHERE ${where}`);
  const allBase = cells.cell(baseKey("", TOTAL), Number(all?.base ?? 0));
  const allOptions = options.map((option, i) => cells.cell(optionKey("", TOTAL, option.value), Number(all?.[`o${i}`] ?? 0)));
  const allOthers = allOptions.map((cell) => cells.complement(cell, allBase));
  // Group only by the fields the table holds (a test table may leave some out).
  const present = new Set((await context.query(`DESCRIBE ${quoteIdentifier(context.table(DATASET))}`)).map((c) => String(c.column_name)));
  for (const grouping of GROUPINGS.filter((g) => present.has(g.field))) {
    const values = categoriesOf(context.field(DATASET, grouping.field));
    groups[grouping.key] = values;
    const grouped = await context.query(
      `SELECT CAST(${quoteIdentifier(grouping.field)} AS VARCHAR) AS g, ${count} FILTER (WHERE ${question.baseSql}) AS base, ${chosen.join(", ")} FROM ${quoteIdentifier(context.table(DATASET))} WHERE ${where} GROUP BY 1`,
    );
    const row = (group: string) => grouped.find((r) => r.g === group);
    const bases = values.map((group) => cells.cell(baseKey(grouping.key, group), Number(row(group)?.base ?? 0)));
    cells.sum(bases, allBase);
    options.forEach((option, i) => {
      const counts = values.map((group) => cells.cell(optionKey(grouping.key, group, option.value), Number(row(group)?.[`o${i}`] ?? 0)));
      cells.sum(counts, allOptions[i]!);
      // Those that did not choose the option, group by group, add up to those in all groups.
      cells.sum(counts.map((cell, g) => cells.complement(cell, bases[g]!)), allOthers[i]!);
    });
  }
  cells.protect();
  return { options, groups, cells };
}

/**
 * For each option and group: the group's base (`base_count`), how many chose the option (`count`) and
 * the percentage of the base (`percent`), with a `Total` group; cells from the question's linked set.
 */
export async function optionsByGroup(context: AggregateContext, question: Question, grouping: Grouping): Promise<{ dimensions: string[]; measures: string[]; totalLabel: string; rows: Record<string, Published>[] }> {
  const { options, groups, cells } = await questionCells(context, question);
  const level = context.level(DATASET);
  const rows: Record<string, Published>[] = [];
  for (const option of options) {
    for (const group of [...(groups[grouping.key] ?? []), TOTAL]) {
      const baseCell = cells.shown(baseKey(grouping.key, group));
      const cell = cells.shown(optionKey(grouping.key, group, option.value));
      rows.push({
        [grouping.field]: group,
        [question.optionDim]: option.value,
        base_count: shown(baseCell),
        count: shown(cell),
        percent: roundPercent(percent(cell, baseCell, context.policy, level)),
      });
    }
  }
  return { dimensions: [grouping.field, question.optionDim], measures: ["base_count", "count", "percent"], totalLabel: TOTAL, rows };
}

const GROUPINGS: readonly Grouping[] = [
  { key: "stage", field: "stage", label: "stage of development" },
  { key: "region", field: "region", label: "region" },
];

/**
 * The links of a table printed from a question's cells: LEROs of the latest wave that answered the
 * question; groups split them, options overlap; a base is keyed by its group alone.
 */
export function questionLinks(question: Question, groupDims: string[]): Partial<ReleaseLinks> {
  const answered = { answered: question.baseField };
  // A base is the group's, whatever the option: its option dimension is at its total.
  return { population: LATEST, additive: false, additiveDimensions: groupDims, counts: { count: answered, base_count: { ...answered, [question.optionDim]: TOTAL } } };
}

/** The population of tables that count the LEROs of the latest audit wave. */
export const LATEST = "audit:latest-wave";

/** The latest audit wave in the data: the page reports one row per LERO. */
async function latestWave(context: AggregateContext): Promise<number | null> {
  const [row] = await context.query(`SELECT max(${quoteIdentifier("wave")}) AS wave FROM ${quoteIdentifier(context.table(DATASET))}`);
  const wave = row?.wave;
  return typeof wave === "number" && Number.isInteger(wave) ? wave : null;
}

async function latestWaveSql(context: AggregateContext): Promise<string> {
  const wave = await latestWave(context);
  return wave === null ? "FALSE" : `${quoteIdentifier("wave")} = ${wave}`;
}

export interface Question {
  key: string;
  /** The field whose answer makes a LERO part of the base (named in the intruder's links). */
  baseField: string;
  title: string;
  optionDim: string;
  options(context: AggregateContext): Option[];
  /** Which LEROs the percentages are of. */
  baseSql: string;
  note: string;
}

function listOptions(field: string): (context: AggregateContext) => Option[] {
  return (context) =>
    categoriesOf(context.field(DATASET, field)).map((value) => ({ value, sql: `list_contains(${quoteIdentifier(field)}, ${quoteLiteral(value)})` }));
}

const answered = (field: string): string => `${quoteIdentifier(field)} IS NOT NULL`;

export const QUESTIONS: Question[] = [
  {
    key: "evaluates",
    title: "LEROs that evaluate their work",
    optionDim: "evaluation",
    options: () => [{ value: "Evaluates its work", sql: `${quoteIdentifier("evaluates")} IS TRUE` }],
    baseField: "evaluates",
    baseSql: answered("evaluates"),
    note: "Percentage of LEROs that evaluate or measure the difference they make in any way.",
  },
  {
    key: "methods",
    title: "Evaluation methods and tools in use",
    optionDim: "evaluation_methods",
    options: listOptions("evaluation_methods"),
    // Of all LEROs: one that does no evaluation uses none of the methods.
    baseField: "evaluates",
    baseSql: answered("evaluates"),
    note: "Percentage of all LEROs (including those that do no evaluation) using each method; a LERO may use several.",
  },
  {
    key: "barriers",
    title: "Barriers to evidencing impact",
    optionDim: "barriers",
    options: listOptions("barriers"),
    baseField: "barriers",
    baseSql: answered("barriers"),
    note: "Percentage of LEROs that answered the question; a LERO may name several barriers.",
  },
  {
    key: "uses",
    title: "Uses of evidence",
    optionDim: "evidence_uses",
    options: listOptions("evidence_uses"),
    baseField: "evidence_uses",
    baseSql: answered("evidence_uses"),
    note: "Percentage of LEROs that answered the question; a LERO may name several uses.",
  },
  {
    key: "innovation",
    title: "New or innovative work started in the last year",
    optionDim: "innovation_categories",
    options: listOptions("innovation_categories"),
    baseField: "innovation_categories",
    baseSql: answered("innovation_categories"),
    note: "Percentage of LEROs that answered the question; a LERO may name several kinds of work.",
  },
];



const byGroup: AggregateDefinition[] = QUESTIONS.flatMap((question) =>
  GROUPINGS.map(
    (grouping): AggregateDefinition => ({
      id: `${TOPIC}-${question.key}-by-${grouping.key}`,
      topic: TOPIC,
      dataset: DATASET,
      title: `${question.title}, by ${grouping.label}`,
      async build(context) {
        const table = await optionsByGroup(context, question, grouping);
        return { ...table, notes: [question.note, "Latest audit wave only, so each LERO counts once."], links: questionLinks(question, [grouping.field]) };
      },
    }),
  ),
);

const wave: AggregateDefinition = {
  id: `${TOPIC}-wave`,
  topic: TOPIC,
  dataset: DATASET,
  title: "LEROs in the latest audit wave",
  async build(context) {
    const latest = await latestWave(context);
    const [row] = latest === null ? [] : await context.query(`SELECT ${countSql(context, DATASET)} AS n FROM ${quoteIdentifier(context.table(DATASET))} WHERE ${await latestWaveSql(context)}`);
    const table = protectCounts({ rowDim: "wave", rows: latest === null ? [] : [String(latest)], counts: latest === null ? [] : [[Number(row?.n ?? 0)]], totals: false }, context.policy, context.level(DATASET));
    return {
      dimensions: ["wave"],
      measures: ["count"],
      totalLabel: TOTAL,
      rows: table.rows.map((w, i) => ({ wave: w, count: shown(table.cells[i]![0]!) })),
      links: { population: "audit" },
    };
  },
};

const descriptions: AggregateDefinition = {
  id: `${TOPIC}-innovation-descriptions`,
  topic: TOPIC,
  dataset: DATASET,
  title: "Innovations in LEROs' own words",
  async build(context) {
    const rows = await textList(context, { dataset: DATASET, field: "innovation_description", as: "description", where: await latestWaveSql(context) });
    return {
      dimensions: ["description"],
      measures: [],
      totalLabel: TOTAL,
      rows,
      notes: ["Descriptions published with the LERO's consent, after names, contact details and links were replaced by placeholders such as [name]. Repeated texts are shown once."],
    };
  },
};

export const aggregates: AggregateDefinition[] = [wave, ...byGroup, descriptions];
