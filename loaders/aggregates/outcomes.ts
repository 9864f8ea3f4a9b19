/**
 * Recovery capital (BARC-10) over time, for the Outcomes page: the mean and spread of totals at each
 * assessment, the share at or above the remission-associated cut-off, and change for the same people
 * between intake and each follow-up, overall, by region and by the LERO's stage of development.
 *
 * Change is measured only for people assessed at both points (paired), because those who stay in touch
 * may differ from those who do not: comparing everyone at intake with the fewer people seen at 12 months
 * would mix change with attrition.
 */
import { quoteIdentifier, quoteLiteral } from "../publish/duckdb.ts";
import { categoriesOf, crossTab, groupMeans, meansBy, type AggregateContext, type AggregateDefinition } from "./index.ts";

/** BARC-10 totals of 47 or more were associated with sustained remission (Vilsaint et al., 2017). */
export const REMISSION_CUT_OFF = 47;

/** Bands of the BARC-10 total (10–60); the last band starts at the cut-off. */
export const BARC_BANDS: readonly { label: string; from: number; to: number }[] = [
  { label: "10–19", from: 10, to: 19 },
  { label: "20–29", from: 20, to: 29 },
  { label: "30–39", from: 30, to: 39 },
  { label: "40–46", from: 40, to: REMISSION_CUT_OFF - 1 },
  { label: `${REMISSION_CUT_OFF}–60`, from: REMISSION_CUT_OFF, to: 60 },
];

const TOTAL = quoteIdentifier("barc_total");
const ASSESSMENT = quoteIdentifier("assessment");

function bandSql(): string {
  const cases = BARC_BANDS.map((b) => `WHEN ${TOTAL} BETWEEN ${b.from} AND ${b.to} THEN ${quoteLiteral(b.label)}`).join(" ");
  return `CASE ${cases} END`;
}

function assessments(context: AggregateContext): string[] {
  return categoriesOf(context.field("outcomes", "assessment"));
}

/** The population of tables that count people assessed both at intake and at a follow-up. */
export const PAIRED = "outcomes:paired";

/** The LERO pseudonym that links an assessment to its LERO's audit answers (tables only, never published). */
const LINK = "lero_ref";

function linked(context: AggregateContext): boolean {
  return context.has("audit") && context.fields("outcomes").some((f) => f.name === LINK) && context.fields("audit").some((f) => f.name === LINK);
}

/**
 * A view with one row per person and follow-up assessment, holding the person's intake total beside
 * the follow-up total; people with no intake assessment are left out.
 */
async function pairedView(context: AggregateContext): Promise<string> {
  const [intake] = assessments(context);
  const subject = quoteIdentifier(context.subject("outcomes") ?? "person_ref");
  const table = quoteIdentifier(context.table("outcomes"));
  const name = "outcomes_paired";
  const link = linked(context) ? `i.${quoteIdentifier(LINK)} AS ${quoteIdentifier(LINK)}, TRY_CAST(i.${quoteIdentifier("assessment_date")} AS DATE) AS ${quoteIdentifier("intake_date")}, ` : "";
  await context.query(
    `CREATE OR REPLACE TEMP VIEW ${quoteIdentifier(name)} AS SELECT f.${subject} AS ${subject}, ${link}i.${quoteIdentifier("region")} AS ${quoteIdentifier("region")}, f.${ASSESSMENT} AS ${quoteIdentifier("follow_up")}, i.${TOTAL} AS ${quoteIdentifier("intake_total")}, f.${TOTAL} AS ${quoteIdentifier("follow_up_total")} FROM ${table} AS i JOIN ${table} AS f ON i.${subject} = f.${subject} AND i.${ASSESSMENT} = ${quoteLiteral(intake ?? "Intake")} AND f.${ASSESSMENT} <> ${quoteLiteral(intake ?? "Intake")}`,
  );
  return name;
}

const PAIRED_MEASURES = {
  mean_intake: quoteIdentifier("intake_total"),
  mean_follow_up: quoteIdentifier("follow_up_total"),
  mean_change: `${quoteIdentifier("follow_up_total")} - ${quoteIdentifier("intake_total")}`,
};

export const aggregates: AggregateDefinition[] = [
  {
    id: "outcomes-barc-mean",
    topic: "outcomes",
    dataset: "outcomes",
    title: "Mean BARC-10 total at each assessment",
    async build(context) {
      const json = await meansBy(context, {
        dataset: "outcomes",
        dimSql: ASSESSMENT,
        dim: "assessment",
        values: assessments(context),
        measures: { mean_barc: TOTAL },
      });
      return { ...json, notes: ["Everyone assessed at each point: fewer people are assessed at each later point, so the groups differ."] };
    },
  },
  {
    id: "outcomes-barc-bands",
    topic: "outcomes",
    dataset: "outcomes",
    title: "BARC-10 totals in bands at each assessment",
    async build(context) {
      const json = await crossTab(context, {
        dataset: "outcomes",
        rowSql: ASSESSMENT,
        rowDim: "assessment",
        rows: assessments(context),
        colSql: bandSql(),
        colDim: "band",
        cols: BARC_BANDS.map((b) => b.label),
        additive: true,
        percentOf: "row",
      });
      // A person is assessed several times, so totals over assessments would count assessments, not people.
      const rows = json.rows.filter((row) => row.assessment !== json.totalLabel);
      // People are assessed several times, so the all-assessments rows add up assessments, not people.
      return { ...json, rows, links: { population: "outcomes:assessments", additive: false, additiveDimensions: ["band"] }, notes: [`Percentages are of the people assessed at that point. A total of ${REMISSION_CUT_OFF} or more was associated with sustained remission.`] };
    },
  },
  {
    id: "outcomes-paired-change",
    topic: "outcomes",
    dataset: "outcomes",
    title: "Change in BARC-10 total from intake, for people assessed at both points",
    async build(context) {
      const view = await pairedView(context);
      const followUps = assessments(context).slice(1);
      const json = await meansBy({ ...context, table: () => view }, {
        dataset: "outcomes",
        dimSql: quoteIdentifier("follow_up"),
        dim: "follow_up",
        values: followUps,
        measures: PAIRED_MEASURES,
      });
      return { ...json, links: { population: PAIRED }, notes: ["Each row counts the people assessed both at intake and at that follow-up; a person can be in several rows."] };
    },
  },
  {
    id: "outcomes-change-by-region",
    topic: "outcomes",
    dataset: "outcomes",
    title: "Change in BARC-10 total from intake to 12 months by region, for people assessed at both points",
    async build(context) {
      const view = await pairedView(context);
      const last = assessments(context).at(-1) ?? "12 months";
      const json = await groupMeans(context, {
        dataset: "outcomes",
        dimSql: quoteIdentifier("region"),
        dim: "region",
        values: categoriesOf(context.field("outcomes", "region")),
        measures: PAIRED_MEASURES,
        fromSql: quoteIdentifier(view),
        where: `${quoteIdentifier("follow_up")} = ${quoteLiteral(last)}`,
      });
      return { ...json, links: { population: PAIRED, additive: true, counts: { count: { follow_up: last } } }, notes: [`People assessed both at intake and at ${last}, by the region of their intake assessment.`] };
    },
  },
  {
    id: "outcomes-change-by-stage",
    topic: "outcomes",
    dataset: "outcomes",
    title: "Change in BARC-10 total from intake to 12 months by the LERO's stage of development, for people assessed at both points",
    async build(context) {
      const stages = categoriesOf(context.field("audit", "stage"));
      const last = assessments(context).at(-1) ?? "12 months";
      const measures = Object.keys(PAIRED_MEASURES);
      if (!linked(context)) {
        return {
          dimensions: ["stage"],
          measures: ["count", ...measures],
          totalLabel: "Total",
          rows: [...stages, "Total"].map((stage) => ({ stage, count: "[x]", ...Object.fromEntries(measures.map((m) => [m, null])) })),
          notes: [
            context.has("audit")
              ? "Not available: the outcomes or audit data carries no LERO pseudonym, so assessments cannot be linked to each LERO's stage of development."
              : "Not available: the audit of LEROs is not yet collected, so assessments cannot be linked to each LERO's stage of development.",
          ],
        };
      }
      const view = await pairedView(context);
      const id = quoteIdentifier;
      // The LERO's stage when the person started: from its latest audit wave in or before the year of
      // the intake assessment, or its first wave when the intake came before any audit. People of LEROs
      // never audited are left out.
      const audit = id(context.table("audit"));
      const from = `(SELECT p.*, CAST(coalesce(s.${id("stage")}, f.${id("stage")}) AS VARCHAR) AS ${id("stage")}
        FROM (SELECT *, year(${id("intake_date")}) AS ${id("intake_year")} FROM ${id(view)}) AS p
        ASOF LEFT JOIN (SELECT ${id(LINK)}, ${id("wave")}, ${id("stage")} FROM ${audit}) AS s ON p.${id(LINK)} = s.${id(LINK)} AND p.${id("intake_year")} >= s.${id("wave")}
        JOIN (SELECT ${id(LINK)}, arg_min(${id("stage")}, ${id("wave")}) AS ${id("stage")} FROM ${audit} GROUP BY ${id(LINK)}) AS f ON p.${id(LINK)} = f.${id(LINK)}) AS linked`;
      const where = `${id("follow_up")} = ${quoteLiteral(last)}`;
      // A stage whose people all come from one or two LEROs would describe those LEROs: hide it.
      const organisations = await context.query(`SELECT ${id("stage")} AS stage, count(DISTINCT ${id(LINK)}) AS leros FROM ${from} WHERE ${where} GROUP BY 1`);
      const fewest = context.policy.organisation.k;
      const withhold = new Set(organisations.filter((r) => Number(r.leros) < fewest).map((r) => String(r.stage)));
      const json = await groupMeans(context, { dataset: "outcomes", dimSql: id("stage"), dim: "stage", values: stages, measures: PAIRED_MEASURES, fromSql: from, where, withhold });
      return {
        ...json,
        links: { population: PAIRED, additive: true, counts: { count: { follow_up: last, lero_audited: "yes" } } },
        notes: [
          `People assessed both at intake and at ${last}, by their LERO's stage of development when they started: from the LERO's latest audit in or before the year of the intake assessment (its first audit if the intake came earlier). People whose LERO was never audited are left out.`,
          `A stage whose people come from fewer than ${fewest} LEROs is hidden ([c]), with another if needed, so that no LERO's results can be singled out.`,
          "LEROs at different stages support different people: a difference between stages is not evidence that one stage works better.",
        ],
      };
    },
  },
];
