/**
 * Fills Observable Framework's npm cache (`src/.observablehq/cache/_npm/`) from `node_modules`, so
 * that `build` and `preview` never download from a CDN or ask the npm registry for versions.
 *
 * Framework looks for `<name>@<version>/<file>` in the cache before fetching. We bundle each browser
 * library with esbuild into `_esm.js`, laid out as the CDN would serve it: a library that imports
 * another seeded library imports it by relative path, so the browser loads each library once.
 *
 * DuckDB-wasm is pinned deliberately to 1.28.0 (DuckDB 0.9.1), which has Parquet built in: from 1.29
 * on, Parquet is an extension fetched from DuckDB's servers at run time, which fails offline. Framework
 * 1.13.4 asks for 1.29.0 by exact version, so 1.28.0 is seeded under the folder name Framework asks for.
 */
import { build, type Plugin } from "esbuild";
import { existsSync, readFileSync } from "node:fs";
import { copyFile, mkdir, readdir, rm, writeFile } from "node:fs/promises";
import { dirname, join, relative } from "node:path";
import { PROJECT_ROOT } from "../loaders/schema.ts";

const CACHE = join(PROJECT_ROOT, "src", ".observablehq", "cache", "_npm");
const OUTSIDE_HOSTS = /https:\/\/(cdn\.jsdelivr\.net\/npm\/|extensions\.duckdb\.org\/)/g;
/** The DuckDB-wasm version Framework 1.13.4 requests (see the note above). */
const FRAMEWORK_DUCKDB_WASM = "1.29.0";

/** Packages are read from the top of node_modules, where npm installs the versions package.json pins. */
function packageRoot(name: string): string {
  return join(PROJECT_ROOT, "node_modules", name);
}

function installedVersion(name: string): string {
  const pkg = JSON.parse(readFileSync(join(packageRoot(name), "package.json"), "utf8")) as { version: string };
  return pkg.version;
}

interface Library {
  name: string;
  /** Folder version in the cache; defaults to the installed version. */
  as?: string;
  /** Seeded libraries this bundle imports by relative path instead of bundling them in. */
  external?: string[];
  /** Extra files copied from the package, relative to its root. */
  assets?: string[];
}

const LIBRARIES: Library[] = [
  { name: "d3" },
  { name: "d3-dsv" },
  { name: "htl" },
  { name: "isoformat" },
  { name: "@observablehq/plot", external: ["d3"] },
  { name: "@observablehq/inputs", external: ["htl", "isoformat"] },
  { name: "apache-arrow" },
  { name: "arquero", external: ["apache-arrow"] },
  {
    name: "@duckdb/duckdb-wasm",
    as: FRAMEWORK_DUCKDB_WASM,
    external: ["apache-arrow"],
    assets: [
      "dist/duckdb-mvp.wasm",
      "dist/duckdb-eh.wasm",
      "dist/duckdb-browser-mvp.worker.js",
      "dist/duckdb-browser-eh.worker.js",
    ],
  },
];

/**
 * Libraries Framework's client may import lazily (never on our pages). An empty version folder lets
 * Framework resolve their version without asking the registry; nothing is downloaded.
 */
const LAZY_ONLY: Record<string, string> = {
  "@observablehq/sample-datasets": "1.0.1",
  "@uwdata/vgplot": "0.10.0",
  "@viz-js/viz": "3.7.0",
  echarts: "5.5.1",
  exceljs: "4.4.0",
  jszip: "3.10.1",
  katex: "0.16.11",
  leaflet: "1.9.4",
  lodash: "4.17.21",
  "mapbox-gl": "3.7.0",
  mermaid: "11.3.0",
  "parquet-wasm": "0.6.1",
  react: "18.3.1",
  "react-dom": "18.3.1",
  "sql.js": "1.11.0",
  "topojson-client": "3.1.0",
  vega: "5.30.0",
  "vega-lite": "5.21.0",
  "vega-lite-api": "5.6.0",
};

function folderOf(library: Library): string {
  return `${library.name}@${library.as ?? installedVersion(library.name)}`;
}

/** Rewrites imports of other seeded libraries to their `_esm.js` in the cache, by relative path. */
function externalsPlugin(from: string, externals: string[]): Plugin {
  const byName = new Map(externals.map((name) => [name, LIBRARIES.find((l) => l.name === name)]));
  return {
    name: "seeded-externals",
    setup(b) {
      b.onResolve({ filter: /.*/ }, (args) => {
        const name = args.path.startsWith("@") ? args.path.split("/").slice(0, 2).join("/") : args.path.split("/")[0];
        const library = name === undefined ? undefined : byName.get(name);
        if (!library) return undefined;
        const target = join(CACHE, folderOf(library), "_esm.js");
        return { path: relative(join(CACHE, from), target), external: true };
      });
    },
  };
}

async function bundle(library: Library): Promise<void> {
  const folder = folderOf(library);
  const outfile = join(CACHE, folder, "_esm.js");
  await build({
    stdin: { contents: `export * from ${JSON.stringify(library.name)};`, resolveDir: PROJECT_ROOT, loader: "js" },
    bundle: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    minify: true,
    legalComments: "none",
    outfile,
    logLevel: "error",
    plugins: [externalsPlugin(folder, library.external ?? [])],
  });
  // Libraries carry helpers that would load themselves from a CDN (duckdb-wasm's getJsDelivrBundles).
  // Framework never calls them; we point them at nothing so no published file names an outside host.
  const code = readFileSync(outfile, "utf8");
  const offline = code.replace(OUTSIDE_HOSTS, "/_offline/");
  if (offline !== code) await writeFile(outfile, offline);
  const root = packageRoot(library.name);
  for (const asset of library.assets ?? []) {
    const target = join(CACHE, folder, asset);
    await mkdir(dirname(target), { recursive: true });
    await copyFile(join(root, asset), target);
  }
  // Framework reads package.json of a cached library when it resolves the library's own imports.
  await writeFile(join(CACHE, folder, "package.json"), readFileSync(join(root, "package.json")));
}

/** A stamp of what was seeded, so repeated runs are instant and a version change reseeds. */
function stamp(): string {
  return JSON.stringify({
    libraries: LIBRARIES.map(folderOf),
    lazy: LAZY_ONLY,
    script: readFileSync(new URL(import.meta.url), "utf8").length,
  });
}

export async function seedNpmCache({ force = false } = {}): Promise<void> {
  const stampFile = join(CACHE, ".seeded");
  const wanted = stamp();
  if (!force && existsSync(stampFile) && readFileSync(stampFile, "utf8") === wanted) return;
  if (existsSync(CACHE)) {
    for (const entry of await readdir(CACHE)) await rm(join(CACHE, entry), { recursive: true, force: true });
  }
  await mkdir(CACHE, { recursive: true });
  // Externals must be resolvable by relative path, which needs no file yet: bundle in parallel.
  await Promise.all(LIBRARIES.map(bundle));
  for (const [name, version] of Object.entries(LAZY_ONLY)) {
    await mkdir(join(CACHE, `${name}@${version}`), { recursive: true });
  }
  await writeFile(stampFile, wanted);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const started = performance.now();
  await seedNpmCache({ force: process.argv.includes("--force") });
  process.stderr.write(`npm cache seeded from node_modules in ${((performance.now() - started) / 1000).toFixed(2)} s\n`);
}
