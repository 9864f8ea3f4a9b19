// The first vertical slice: the outcomes sample, read with DuckDB and written as ZSTD Parquet.
import { join } from "node:path";
import { resolveDataSource } from "../../loaders/data-dir.ts";
import { csvToParquet } from "../../loaders/publish/parquet.ts";

const { dir } = resolveDataSource();
const bytes = await csvToParquet(join(dir, "outcomes.csv"), {
  columns: ["assessment", "region", "barc_total"],
  sortKey: ["assessment", "region"],
});
process.stdout.write(bytes);
