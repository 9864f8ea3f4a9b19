/**
 * The explorer's first views, worked out at build time from the published rows (the same code and the
 * same disclosure rule as the browser's DuckDB-wasm): the default view, every preset and each data set
 * as it opens. Read by the data loader `src/data/explore-views.json.ts` (the views the browser draws
 * before the engine loads) and the page loader `src/explore.md.ts` (the default view in the HTML).
 * Only protected figures are returned.
 */
import { join } from "node:path";
import { publishedDir, readPublished, readPublishedJson } from "../../loaders/site-data.ts";
import { loadPolicy } from "../../loaders/disclose/policy.ts";
import { queryRows, quoteIdentifier, quoteLiteral, withDuckDB } from "../../loaders/publish/duckdb.ts";
import { checkState, computeView, loadSource, shareOf, type ViewData } from "../../src/components/explore/compute.ts";
import { exploreDatasets, type ExploreDataset } from "../../src/components/explore/datasets.ts";
import type { ExplorePolicy } from "../../src/components/explore/disclosure.ts";
import { releaseRules, type ReleaseRule } from "../../src/components/explore/geography.ts";
import { precomputedStates } from "../../src/components/explore/presets.ts";
import { encodeState, type RawState } from "../../src/components/explore/state.ts";
import type { DataPackage } from "../../src/lib/published.ts";

export interface ExploreViews {
  version: string | null;
  release: Record<string, ReleaseRule>;
  views: ViewData[];
  /** Each data set's opening view (`?dataset=…`): the key of its view in `views`. */
  openings: Record<string, string>;
  /** For the page: the data sets and the rules the views were worked out with. */
  datasets: ExploreDataset[];
  policy: ExplorePolicy;
  datapackage: DataPackage;
}

/** The explorer's disclosure rules, as the page gives them to the browser. */
export function explorePolicy(): ExplorePolicy {
  const full = loadPolicy();
  return { person: full.person, organisation: full.organisation, symbols: full.symbols, csvEscape: full.csvEscape } as ExplorePolicy;
}

export async function exploreViews(): Promise<ExploreViews> {
  const datapackage = readPublishedJson<DataPackage>("datapackage.json");
  const release = releaseRules(readPublishedJson<unknown>("build-report.json"));
  const policy = explorePolicy();
  const datasets = exploreDatasets(datapackage);
  const openings: Record<string, string> = {};
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
      if (wanted.dims === undefined) openings[dataset.name] = encodeState(state);
      if (out.some((v) => v.key === encodeState(state))) continue;
      const cube = await source.cube(state.dims);
      out.push(await computeView(cube, state, dataset, policy, source.known, release[dataset.name]));
    }
    return out;
  });
  return { version: datapackage.version ?? null, release, views, openings, datasets, policy, datapackage };
}
