/**
 * Region-level tables for the embeddable charts (issue 7): a LERO embedding a chart on its own site
 * can show its own region. Each table has one block per region plus the all-regions block ("Total",
 * the UK), and each block is protected with its region total beside it, so a hidden small region
 * cannot be worked out from the UK figure. Small regions come out mostly as `[c]`; the charts say so.
 */
import { quoteIdentifier, quoteLiteral } from "../publish/duckdb.ts";
import { categoriesOf, groupMeans, type AggregateContext, type AggregateDefinition, type Published } from "./index.ts";
import { enactedLinks, enactedRows } from "./stigma.ts";

export const TOPIC = "embed";
const TOTAL = "Total";
const column = quoteIdentifier;

export const aggregates: AggregateDefinition[] = [
  {
    id: "embed-stigma-enacted-by-region",
    topic: TOPIC,
    dataset: "stigma",
    title: "People who met enacted stigma, by setting and region",
    async build(context) {
      // From the stigma page's linked set, so a setting's figures are the same here, by role and for everyone.
      return {
        dimensions: ["region", "setting"],
        measures: ["count", "enacted_count", "percent"],
        totalLabel: TOTAL,
        rows: await enactedRows(context, "region"),
        links: enactedLinks("region"),
        notes: [
          "Enacted stigma: the person said at least one of three things happened often or very often in the last 12 months (staff treated them with less respect because of substance use; were slower to help or refused help; spoke about them in a judging way).",
          "Percentages are of the people in the region who answered about the setting; a person can answer about several settings.",
        ],
      };
    },
  },
  {
    id: "embed-barc-mean-by-region",
    topic: TOPIC,
    dataset: "outcomes",
    title: "Mean BARC-10 total at each assessment, by region",
    async build(context) {
      const regions = categoriesOf(context.field("outcomes", "region"));
      const rows: Record<string, Published>[] = [];
      for (const assessment of categoriesOf(context.field("outcomes", "assessment"))) {
        // Regions split the people assessed at a point, so each assessment is one additive table.
        const table = await groupMeans(context, {
          dataset: "outcomes",
          dimSql: column("region"),
          dim: "region",
          values: regions,
          measures: { mean_barc: column("barc_total") },
          where: `${column("assessment")} = ${quoteLiteral(assessment)}`,
        });
        for (const row of table.rows) {
          rows.push({ region: row.region ?? null, assessment, count: row.count ?? null, mean_barc: row.mean_barc ?? null, mean_barc_low: row.mean_barc_low ?? null, mean_barc_high: row.mean_barc_high ?? null });
        }
      }
      return {
        dimensions: ["region", "assessment"],
        measures: ["count", "mean_barc", "mean_barc_low", "mean_barc_high"],
        totalLabel: TOTAL,
        rows,
        links: { additive: false, additiveDimensions: ["region"] },
        notes: ["Everyone assessed at each point: fewer people are assessed at each later point, so the groups differ."],
      };
    },
  },
];
