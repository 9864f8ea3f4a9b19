// The explorer's first views, worked out at build time from the published rows (the same code and the
// same disclosure rule as the browser's DuckDB-wasm), so the page draws the default view and every
// preset at once, before the data engine has loaded. Only protected figures are written.
import { join } from "node:path";
import { publishedDir, readPublished, readPublishedJson } from "../../loaders/site-data.ts";
import { loadPolicy } from "../../loaders/disclose/policy.ts";
import { queryRows, quoteIdentifier, quoteLiteral, withDuckDB } from "../../loaders/publish/duckdb.ts";
import { checkState, computeView, loadSource, shareOf, type ViewData } from "../components/explore/compute.ts";
import { exploreDatasets } from "../components/explore/datasets.ts";
import type { ExplorePolicy } from "../components/explore/disclosure.ts";
import { releaseRules } from "../components/explore/geography.ts";
import { precomputedStates } from "../components/explore/presets.ts";
import { encodeState, type RawState } from "../components/explore/state.ts";
import type { DataPackage } from "../lib/published.ts";

const pkg = readPublishedJson<DataPackage>("datapackage.json");
const release = releaseRules(readPublishedJson<unknown>("build-report.json"));
const full = loadPolicy();
const policy = { person: full.person, organisation: full.organisation, symbols: full.symbols, csvEscape: full.csvEscape } as ExplorePolicy;
const datasets = exploreDatasets(pkg);

const views: ViewData[] = await withDuckDB(async (db) => {
  const runner = { all: (sql: string) => queryRows(db, sql) };
  for (const dataset of datasets) {
    readPublished(dataset.file); // a clear error if the pipeline has not published it
    await runner.all(`CREATE VIEW ${quoteIdentifier(dataset.name)} AS SELECT * FROM read_parquet(${quoteLiteral(join(publishedDir(), dataset.file))})`);
  }
  const out: ViewData[] = [];
  // The default view and every preset, then each data set as it opens (`?dataset=outcomes`).
  const wantedStates: RawState[] = [...precomputedStates(), ...datasets.map((d) => ({ dataset: d.name, filters: {} }))];
  for (const wanted of wantedStates) {
    const dataset = datasets.find((d) => d.name === wanted.dataset);
    if (!dataset) continue;
    const source = await loadSource(runner, dataset, shareOf(dataset, wanted.measure));
    const state = checkState(wanted, dataset, source.known);
    const cube = await source.cube(state.dims);
    if (out.some((v) => v.key === encodeState(state))) continue;
    out.push(await computeView(cube, state, dataset, policy, source.known, release[dataset.name]));
  }
  return out;
});

process.stdout.write(JSON.stringify({ version: pkg.version ?? null, release, views }));
