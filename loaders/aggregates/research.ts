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
import { percent, protectCounts, type ProtectedCell } from "../disclose/cells.ts";
import { quoteIdentifier, quoteLiteral } from "../publish/duckdb.ts";
import type { Dataset } from "../schema.ts";
import { categoriesOf, countSql, roundPercent, shown, type AggregateContext, type AggregateDefinition, type Published } from "./index.ts";

export const TOPIC = "research";
const DATASET: Dataset = "audit";

/** The label of the all-groups row. */
export const TOTAL = "Total";

export interface Option {
  value: string;
  /** A condition, as fixed SQL text and quoted literals, true for the rows that chose the option. */
  sql: string;
}

export interface OptionsByGroupOptions {
  dataset: Dataset;
  /** SQL expression for the group; the groups must not overlap (one value per counted row). */
  groupSql: string;
  groupDim: string;
  groups: string[];
  optionDim: string;
  options: Option[];
  /** The rows that make up each group's base (default: every row). */
  baseSql?: string;
  where?: string;
}

/**
 * For each option and group: the group's base (`base_count`), how many chose the option (`count`) and
 * the percentage of the base (`percent`), with a `Total` group. Bases and each option's counts are
 * protected as one-way additive tables over the groups.
 */
export async function optionsByGroup(context: AggregateContext, options: OptionsByGroupOptions): Promise<{ dimensions: string[]; measures: string[]; totalLabel: string; rows: Record<string, Published>[] }> {
  const { dataset } = options;
  const count = countSql(context, dataset);
  const base = options.baseSql ?? "TRUE";
  const chosen = options.options.map((option, i) => `${count} FILTER (WHERE (${base}) AND (${option.sql})) AS ${quoteIdentifier(`o${i}`)}`);
  const where = options.where ? `WHERE ${options.where}` : "";
  const grouped = await context.query(
    `SELECT CAST(${options.groupSql} AS VARCHAR) AS g, ${count} FILTER (WHERE ${base}) AS base, ${chosen.join(", ")} FROM ${quoteIdentifier(context.table(dataset))} ${where} GROUP BY 1`,
  );
  const level = context.level(dataset);
  const protect = (column: string): { cells: ProtectedCell[]; total: ProtectedCell } => {
    const table = protectCounts(
      { rowDim: options.groupDim, rows: options.groups, counts: options.groups.map((g) => [Number(grouped.find((r) => r.g === g)?.[column] ?? 0)]) },
      context.policy,
      level,
    );
    return { cells: table.cells.map((row) => row[0]!), total: table.total! };
  };
  const bases = protect("base");
  const rows: Record<string, Published>[] = [];
  options.options.forEach((option, i) => {
    const counts = protect(`o${i}`);
    const add = (group: string, baseCell: ProtectedCell, cell: ProtectedCell): void => {
      rows.push({
        [options.groupDim]: group,
        [options.optionDim]: option.value,
        base_count: shown(baseCell),
        count: shown(cell),
        percent: roundPercent(percent(cell, baseCell, context.policy, level)),
      });
    };
    options.groups.forEach((group, g) => add(group, bases.cells[g]!, counts.cells[g]!));
    add(TOTAL, bases.total, counts.total);
  });
  return { dimensions: [options.groupDim, options.optionDim], measures: ["base_count", "count", "percent"], totalLabel: TOTAL, rows };
}

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

interface Question {
  key: string;
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

const QUESTIONS: Question[] = [
  {
    key: "evaluates",
    title: "LEROs that evaluate their work",
    optionDim: "evaluation",
    options: () => [{ value: "Evaluates its work", sql: `${quoteIdentifier("evaluates")} IS TRUE` }],
    baseSql: answered("evaluates"),
    note: "Percentage of LEROs that evaluate or measure the difference they make in any way.",
  },
  {
    key: "methods",
    title: "Evaluation methods and tools in use",
    optionDim: "evaluation_methods",
    options: listOptions("evaluation_methods"),
    // Of all LEROs: one that does no evaluation uses none of the methods.
    baseSql: answered("evaluates"),
    note: "Percentage of all LEROs (including those that do no evaluation) using each method; a LERO may use several.",
  },
  {
    key: "barriers",
    title: "Barriers to evidencing impact",
    optionDim: "barriers",
    options: listOptions("barriers"),
    baseSql: answered("barriers"),
    note: "Percentage of LEROs that answered the question; a LERO may name several barriers.",
  },
  {
    key: "uses",
    title: "Uses of evidence",
    optionDim: "evidence_uses",
    options: listOptions("evidence_uses"),
    baseSql: answered("evidence_uses"),
    note: "Percentage of LEROs that answered the question; a LERO may name several uses.",
  },
  {
    key: "innovation",
    title: "New or innovative work started in the last year",
    optionDim: "innovation_categories",
    options: listOptions("innovation_categories"),
    baseSql: answered("innovation_categories"),
    note: "Percentage of LEROs that answered the question; a LERO may name several kinds of work.",
  },
];

const GROUPINGS = [
  { key: "stage", field: "stage", label: "stage of development" },
  { key: "region", field: "region", label: "region" },
] as const;

const byGroup: AggregateDefinition[] = QUESTIONS.flatMap((question) =>
  GROUPINGS.map(
    (grouping): AggregateDefinition => ({
      id: `${TOPIC}-${question.key}-by-${grouping.key}`,
      topic: TOPIC,
      dataset: DATASET,
      title: `${question.title}, by ${grouping.label}`,
      async build(context) {
        const table = await optionsByGroup(context, {
          dataset: DATASET,
          groupSql: quoteIdentifier(grouping.field),
          groupDim: grouping.field,
          groups: categoriesOf(context.field(DATASET, grouping.field)),
          optionDim: question.optionDim,
          options: question.options(context),
          baseSql: question.baseSql,
          where: await latestWaveSql(context),
        });
        return { ...table, notes: [question.note, "Latest audit wave only, so each LERO counts once."] };
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
    };
  },
};

const descriptions: AggregateDefinition = {
  id: `${TOPIC}-innovation-descriptions`,
  topic: TOPIC,
  dataset: DATASET,
  title: "Innovations in LEROs' own words",
  async build(context) {
    const column = quoteIdentifier("innovation_description");
    // The pipeline has already dropped texts without consent and redacted the rest; texts only, no LERO.
    const rows = await context.query(
      `SELECT DISTINCT ${column} AS description FROM ${quoteIdentifier(context.table(DATASET))} WHERE ${await latestWaveSql(context)} AND ${column} IS NOT NULL AND trim(${column}) <> '' ORDER BY 1`,
    );
    return {
      dimensions: ["description"],
      measures: [],
      totalLabel: TOTAL,
      rows: rows.map((r) => ({ description: String(r.description) })),
      notes: ["Descriptions published with the LERO's consent, after names, contact details and links were replaced by placeholders such as [name]. Repeated texts are shown once."],
    };
  },
};

export const aggregates: AggregateDefinition[] = [wave, ...byGroup, descriptions];
