/**
 * Figures by UK region for the regional map and the region profile pages: LEROs in the latest audit
 * wave and how many evaluate their work, stigma respondents who met unfair treatment at their GP, and
 * recovery capital at intake. Each table carries an all-regions row ("Total") so a region can be set
 * beside the UK; the cell rules protect the regions and that total together.
 */
import { quoteIdentifier, quoteLiteral } from "../publish/duckdb.ts";
import { percent } from "../disclose/cells.ts";
import { categoriesOf, crossTab, groupMeans, roundPercent, shown, type AggregateContext, type AggregateDefinition, type Published } from "./index.ts";
import { baseKey, LATEST, optionKey, QUESTIONS, questionCells, TOTAL } from "./research.ts";

export const EVALUATES = "Evaluates its work";
export const GP_ENACTED = ["Met stigma", "Did not meet stigma"] as const;
/** Enacted-stigma items run 1 (never) to 5 (very often): 3 or more (sometimes, often, very often) counts as meeting stigma, as on the Report page. */
export const ENACTED_AT_LEAST = 3;

function regions(context: AggregateContext, dataset: "audit" | "stigma" | "outcomes"): string[] {
  return categoriesOf(context.field(dataset, "region"));
}

export const aggregates: AggregateDefinition[] = [
  {
    id: "regions-audit-evaluates",
    topic: "regions",
    dataset: "audit",
    title: "LEROs in the latest audit wave that evaluate their work, by region",
    async build(context) {
      // The same linked cells as the research page's "evaluates by region", so the two never disagree
      // on what is hidden. Those that do not evaluate are not printed: where either figure is hidden a
      // "[c]" would tell a reader the number is not 0.
      const question = QUESTIONS.find((q) => q.key === "evaluates")!;
      const { options, groups, cells } = await questionCells(context, question);
      const option = options[0]!.value;
      const level = context.level("audit");
      const rows: Record<string, Published>[] = [];
      for (const region of [...(groups.region ?? []), TOTAL]) {
        const base = cells.shown(baseKey("region", region));
        const yes = cells.shown(optionKey("region", region, option));
        for (const [label, cell] of [[EVALUATES, yes], [TOTAL, base]] as const) {
          rows.push({ region, evaluates: label, count: shown(cell), percent: roundPercent(percent(cell, base, context.policy, level)) });
        }
      }
      return {
        dimensions: ["region", "evaluates"],
        measures: ["count", "percent"],
        totalLabel: TOTAL,
        rows,
        notes: ["LEROs in the latest audit wave. Percentages are of the LEROs in the region."],
        links: { population: LATEST, additive: false, additiveDimensions: ["region"], counts: { count: { answered: question.baseField } } },
      };
    },
  },
  {
    id: "regions-stigma-gp",
    topic: "regions",
    dataset: "stigma",
    title: "Stigma survey respondents who met stigma at their GP, by region",
    async build(context) {
      const items = ["enacted_1", "enacted_2", "enacted_3"].map(quoteIdentifier);
      const any = items.map((item) => `${item} >= ${ENACTED_AT_LEAST}`).join(" OR ");
      const answered = items.map((item) => `${item} IS NOT NULL`).join(" OR ");
      const json = await crossTab(context, {
        dataset: "stigma",
        rowSql: quoteIdentifier("region"),
        rowDim: "region",
        rows: regions(context, "stigma"),
        colSql: `CASE WHEN ${any} THEN ${quoteLiteral(GP_ENACTED[0])} ELSE ${quoteLiteral(GP_ENACTED[1])} END`,
        colDim: "gp_enacted",
        cols: [...GP_ENACTED],
        where: `${quoteIdentifier("setting")} = 'GP' AND (${answered})`,
        percentOf: "row",
      });
      return {
        ...json,
        links: { ...json.links, counts: { count: { setting: "GP", answered: "enacted" } } },
        notes: [
          "Respondents who answered at least one enacted-stigma item about their GP. Met stigma: at least one of three questions on unfair treatment by staff (less respect, slower help or refusal, judging talk) answered sometimes, often or very often. Items adapted from the Substance Use Stigma Mechanisms Scale.",
        ],
      };
    },
  },
  {
    id: "regions-barc-intake",
    topic: "regions",
    dataset: "outcomes",
    title: "Mean BARC-10 total at intake, by region",
    async build(context) {
      const [intake] = categoriesOf(context.field("outcomes", "assessment"));
      const json = await groupMeans(context, {
        dataset: "outcomes",
        dimSql: quoteIdentifier("region"),
        dim: "region",
        values: regions(context, "outcomes"),
        measures: { mean_barc: quoteIdentifier("barc_total") },
        where: `${quoteIdentifier("assessment")} = ${quoteLiteral(intake ?? "Intake")}`,
      });
      return { ...json, notes: ["People assessed at intake, by region."], links: { ...json.links, counts: { count: { assessment: intake ?? "Intake" } } } };
    },
  },
];
