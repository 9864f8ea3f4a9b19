/**
 * One-way counts of every categorical question in every dataset (topic = the dataset's name): the
 * basic tables behind simple bar charts, the explorer's defaults and the data downloads.
 */
import { DATASETS, loadSchema } from "../schema.ts";
import { quoteIdentifier } from "../publish/duckdb.ts";
import { categoriesOf, countSql, crossTab, shown, type AggregateDefinition } from "./index.ts";
import { LinkedCells } from "../disclose/linked.ts";

export const aggregates: AggregateDefinition[] = DATASETS.flatMap((dataset) =>
  loadSchema(dataset)
    .fields.filter((f) => (f.categories?.length ?? 0) > 0 && f.lero.role !== "identifier" && f.lero.role !== "free-text")
    .map(
      (field): AggregateDefinition => ({
        id: `${dataset}-${field.name.replaceAll("_", "-")}`,
        topic: dataset,
        dataset,
        title: `${field.title ?? field.name}: answers`,
        async build(context) {
          const column = quoteIdentifier(field.name);
          const isList = field.type === "list";
          // With several rows per person, a field that varies between a person's rows (the setting of a
          // stigma answer, the time of an assessment) counts some people under several values: not additive.
          const overlaps = isList || (context.subject(dataset) !== undefined && field.lero.role !== "quasi");
          if (!isList) {
            const json = await crossTab(context, { dataset, rowSql: column, rowDim: field.name, rows: categoriesOf(field), additive: !overlaps });
            // An optional question's Total is those who answered it, not everyone.
            return field.constraints?.required === true ? json : { ...json, links: { ...json.links, counts: { count: { answered: field.name } } } };
          }
          // Options overlap, so there are no totals; but the base minus an option count (those who did
          // not choose it) is protected like a count.
          const table = quoteIdentifier(context.table(dataset));
          const count = countSql(context, dataset);
          const [answered] = await context.query(`SELECT ${count} AS n FROM ${table} WHERE ${column} IS NOT NULL`);
          const grouped = await context.query(`SELECT CAST(o AS VARCHAR) AS o, ${count} AS n FROM (SELECT *, unnest(${column}) AS o FROM ${table}) GROUP BY 1`);
          const cells = new LinkedCells(context.policy[context.level(dataset)]);
          const base = cells.cell("base", Number(answered?.n ?? 0));
          const options = categoriesOf(field);
          for (const option of options) cells.complement(cells.cell(option, Number(grouped.find((g) => g.o === option)?.n ?? 0)), base);
          cells.protect();
          return {
            dimensions: [field.name],
            measures: ["count"],
            totalLabel: "Total",
            rows: options.map((option) => ({ [field.name]: option, count: shown(cells.shown(option)) })),
            base: shown(cells.shown("base")),
            links: { additive: false, counts: { count: { answered: field.name } } },
          };
        },
      }),
    ),
);
