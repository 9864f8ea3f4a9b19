/**
 * An aggregate context over hand-made tables `t_<dataset>` in a test database: schemas, policy and
 * query conversion as the pipeline has them, with each test choosing the subjects (the pseudonym
 * columns that count people once) and, where it needs to, the fields.
 */
import type { DuckDBConnection } from "@duckdb/node-api";
import type { AggregateContext } from "../../loaders/aggregates/index.ts";
import { loadPolicy } from "../../loaders/disclose/policy.ts";
import { queryRows } from "../../loaders/publish/duckdb.ts";
import { loadSchema, type Dataset, type Field } from "../../loaders/schema.ts";

export interface TestContextOptions {
  /** The subject column of each longitudinal or person-counted dataset (default: none). */
  subjects?: Partial<Record<Dataset, string>>;
  /** The fields of each dataset's table (default: its schema's fields). */
  fields?: (dataset: Dataset) => Field[];
  /** The datasets the release has (default: all of them). */
  has?: readonly Dataset[];
}

export function aggregateContext(db: DuckDBConnection, options: TestContextOptions = {}): AggregateContext {
  const fields = options.fields ?? ((dataset: Dataset) => loadSchema(dataset).fields);
  return {
    db,
    policy: loadPolicy(),
    has: (dataset) => options.has?.includes(dataset) ?? true,
    table: (dataset) => `t_${dataset}`,
    fields,
    field: (dataset, name) => fields(dataset).find((f) => f.name === name)!,
    level: (dataset) => loadSchema(dataset).lero.level,
    subject: (dataset) => options.subjects?.[dataset],
    query: (sql) => queryRows(db, sql),
  };
}
