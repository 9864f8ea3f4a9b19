/**
 * One-way counts of every categorical question in every dataset (topic = the dataset's name): the
 * basic tables behind simple bar charts, the explorer's defaults and the data downloads.
 */
import { DATASETS, loadSchema } from "../schema.ts";
import { quoteIdentifier } from "../publish/duckdb.ts";
import { categoriesOf, countSql, crossTab, shown, type AggregateDefinition } from "./index.ts";
import { protectCount } from "../disclose/cells.ts";

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
          const json = await crossTab(context, {
            dataset,
            rowSql: isList ? `unnest(${column})` : column,
            rowDim: field.name,
            rows: categoriesOf(field),
            additive: !overlaps,
          });
          if (!isList) return json;
          const [answered] = await context.query(`SELECT ${countSql(context, dataset)} AS n FROM ${quoteIdentifier(context.table(dataset))} WHERE ${column} IS NOT NULL`);
          return { ...json, base: shown(protectCount(Number(answered?.n ?? 0), context.policy, context.level(dataset))) };
        },
      }),
    ),
);
