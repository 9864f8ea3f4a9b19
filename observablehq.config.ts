// Observable Framework configuration: https://observablehq.com/framework/config
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { resolveDataSource } from "./loaders/data-dir.ts";
import { SITE_HEAD } from "./scripts/html.ts";
import { loadRegions, regionSlug } from "./loaders/reference.ts";
import { publishedDir } from "./loaders/site-data.ts";
import { DATASETS, PROJECT_ROOT } from "./loaders/schema.ts";

const SRC = join(PROJECT_ROOT, "src");

/**
 * What the published release says about itself (the pipeline runs before Framework): the datasets it
 * has and whether it is illustrative, which is true also when sample files were among real exports.
 * Before anything is published (a first `npm run dev`), every dataset and the data folder's own marker.
 */
function release(): { datasets: readonly string[]; illustrative: boolean } {
  const file = join(publishedDir(), "datapackage.json");
  if (!existsSync(file)) return { datasets: DATASETS, illustrative: resolveDataSource().illustrative };
  const { lero } = JSON.parse(readFileSync(file, "utf8")) as { lero?: { datasets?: string[]; illustrative?: boolean } };
  return { datasets: lero?.datasets ?? DATASETS, illustrative: lero?.illustrative === true };
}
const { datasets, illustrative } = release();

/**
 * The site's pages in reading order (DESIGN.md §6). Pages not written yet are left out of the menu, and
 * so are topic pages whose `dataset` the release does not have. A
 * page with pages under it is that folder's index.md (`/regions/`), never a file beside a folder of the
 * same name, which a static host may answer with the folder.
 */
const PAGES: { name: string; path: string; dataset?: string }[] = [
  { name: "Report", path: "/report" },
  { name: "Research and evaluation", path: "/research", dataset: "audit" },
  { name: "Quality standards", path: "/standards", dataset: "standards" },
  { name: "Peer research workforce", path: "/workforce", dataset: "workforce" },
  { name: "Stigma", path: "/stigma", dataset: "stigma" },
  { name: "Outcomes", path: "/outcomes", dataset: "outcomes" },
  { name: "Regions", path: "/regions/" },
  { name: "Stories", path: "/stories/" },
  { name: "Context", path: "/context" },
  { name: "Explore the data", path: "/explore" },
  { name: "Embed a chart", path: "/embed/" },
  { name: "What's new", path: "/whats-new" },
  { name: "Methods and data", path: "/methods" },
];

export { regionSlug };

/** A page's source: Markdown (`report.md`) or a page loader that prints it at build time (`report.md.ts`). */
function hasPage(file: string): boolean {
  return existsSync(join(SRC, file)) || existsSync(join(SRC, `${file}.ts`));
}

/** Pages made from data: one per region (if the page exists) and one per published story. */
function* dynamicPaths(): Generator<string> {
  if (hasPage(join("regions", "[region].md"))) for (const region of loadRegions()) yield `/regions/${regionSlug(region.name)}`;
  const stories = join(publishedDir(), "stories.json");
  if (hasPage(join("stories", "[slug].md")) && existsSync(stories)) {
    for (const story of JSON.parse(readFileSync(stories, "utf8")) as { slug: string }[]) yield `/stories/${story.slug}`;
  }
}

const notice = illustrative
  ? `<p class="lero-notice" role="note"><strong>Illustrative data.</strong> Every figure on this site is built from generated sample data, not from real people or organisations. <a href="/methods#illustrative-data">Why?</a></p>`
  : "";

export default {
  title: "LERO Evidence",
  root: "src",
  // scripts/build.ts builds into a temporary folder and swaps it in only when everything passed.
  output: process.env.LERO_BUILD_OUT ?? "dist",
  // A topic page whose data is not yet collected still builds (and says so) but is not in the menu.
  pages: PAGES.filter((page) => (page.dataset === undefined || datasets.includes(page.dataset)) && (hasPage(`${page.path.slice(1)}.md`) || hasPage(join(page.path.slice(1), "index.md")))).map(({ name, path }) => ({ name, path })),
  // The site's own stylesheet, with light and dark themes; no web fonts from a CDN.
  style: "style.css",
  globalStylesheets: [],
  // A page with a chart replaces this with CHART_PAGE_HEAD (scripts/pages/prerender.ts, markFirstChart).
  head: SITE_HEAD,
  // The skip link is placed first in <body> by scripts/build.ts (Framework puts the sidebar first).
  header: `<span class="lero-brand"><a href="/">LERO Evidence</a></span>${notice}`,
  footer: `<p>LERO Evidence. Text and charts under <a href="/methods#licence">CC BY 4.0</a>; data under the <a href="/methods#licence">Open Government Licence v3.0</a> terms. <a href="/methods#cite">How to cite</a>.</p>`,
  // DuckDB-wasm with no extensions: Parquet is built into the pinned 1.28.0, and nothing is downloaded.
  dynamicPaths: [...dynamicPaths()],
  duckdb: { extensions: { json: null, parquet: null } },
  search: false,
  // Links name the file they point at (`research.html`, `regions/`), and every page that has pages
  // under it is a folder's index.md, so the built site works unchanged on a host with no clean-URL
  // rewriting (S3, nginx, GitHub Pages) and under a sub-path (README "Deploying").
  preserveExtension: true,
  preserveIndex: false,
  toc: true,
  pager: false,
};
