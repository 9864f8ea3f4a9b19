// All protected tables of one topic (`/data/aggregates/stigma.json`, …), keyed by id: what a page loads.
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { DATASETS } from "../../../loaders/schema.ts";
import { publishedDatasets, publishedDir, readPublishedJson } from "../../../loaders/site-data.ts";

const { values } = parseArgs({ options: { topic: { type: "string" } } });
const topic = values.topic;
if (!topic) throw new Error("This loader needs a topic: /data/aggregates/<topic>.json");
const tables: Record<string, unknown> = {};
for (const file of readdirSync(join(publishedDir(), "aggregates")).sort()) {
  const table = readPublishedJson<{ id: string; topic: string }>(join("aggregates", file));
  if (table.topic === topic) tables[table.id] = table;
}
// A topic with no tables is a mistyped topic in a full release, and data not yet collected in a partial one.
if (Object.keys(tables).length === 0 && publishedDatasets().length === DATASETS.length) throw new Error(`No published tables have the topic "${topic}".`);
process.stdout.write(JSON.stringify(tables));
