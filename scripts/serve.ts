/**
 * A static server for `dist/`, behaving as a good static host or CDN would: clean URLs (`/research`
 * serves research.html; a folder without its slash, `/regions`, is redirected to `/regions/` as nginx,
 * S3 and GitHub Pages do, so the page's relative links resolve), HTTP Range
 * requests (DuckDB-wasm reads large Parquet in ranges), CORS (embeds and module charts load from other
 * origins), gzip/brotli for text, long caching for Framework's content-hashed files, no cookies.
 *
 *   tsx scripts/serve.ts [--port 3000] [--dir dist] [--build-if-needed]
 */
import { createReadStream, existsSync, statSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { extname, join, normalize, resolve, sep } from "node:path";
import { pipeline } from "node:stream";
import { constants, createBrotliCompress, createGzip } from "node:zlib";
import { PROJECT_ROOT } from "../loaders/schema.ts";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".csv": "text/csv; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
  ".md": "text/markdown; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".pdf": "application/pdf",
  ".wasm": "application/wasm",
  ".parquet": "application/vnd.apache.parquet",
  ".xml": "application/xml; charset=utf-8",
};
/** The Content-Type a file is served with (also by the build's in-browser printing, scripts/print/browser.ts). */
export function contentType(file: string): string {
  return TYPES[extname(file).toLowerCase()] ?? "application/octet-stream";
}
const COMPRESSIBLE = /^(text\/|application\/(json|javascript|xml|wasm)|image\/svg)/;
/** On-the-fly brotli at the level static hosts use; Node's default (11) takes seconds on the 18 MB wasm. */
const BROTLI = { params: { [constants.BROTLI_PARAM_QUALITY]: 5 } };
/** Framework names built assets by content hash (`plot@0.6.17/80604083.js`, `client.51d83f64.js`). */
const HASHED = /(^|\/)_(npm|observablehq|file|import)\//;

export interface ServeOptions {
  dir?: string;
  port?: number;
  /** Defaults to every interface, as static servers do; tests pass "127.0.0.1". */
  host?: string;
}

/** A folder asked for without its trailing slash: where to redirect (`/regions` → `/regions/`), if anywhere. */
function folderRedirect(root: string, urlPath: string): string | undefined {
  if (urlPath.endsWith("/")) return undefined;
  const full = insideRoot(root, urlPath)?.full;
  if (full === undefined || full === root) return undefined;
  if (existsSync(`${full}.html`) || !existsSync(join(full, "index.html"))) return undefined;
  return statSync(full).isDirectory() ? `${urlPath}/` : undefined;
}

/** The file-system path a URL path names under `root`, or undefined when it is malformed or leaves it. */
function insideRoot(root: string, urlPath: string): { path: string; full: string } | undefined {
  let path: string;
  try {
    path = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  if (path.includes("\0")) return undefined;
  const full = normalize(join(root, path));
  return full === root || full.startsWith(root + sep) ? { path, full } : undefined;
}

/** The file a URL path names under `root` (an exact file, `<path>.html`, or a folder's index.html), if any. */
export function resolveFile(root: string, urlPath: string): string | undefined {
  const inside = insideRoot(root, urlPath);
  if (inside === undefined) return undefined;
  const { path, full } = inside;
  const candidates = path.endsWith("/") ? [join(full, "index.html")] : [full, `${full}.html`];
  return candidates.find((file) => existsSync(file) && statSync(file).isFile());
}

function parseRange(header: string, size: number): { start: number; end: number } | "invalid" | undefined {
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match) return undefined;
  const [, from = "", to = ""] = match;
  if (from === "" && to === "") return "invalid";
  let start: number;
  let end: number;
  if (from === "") {
    start = Math.max(0, size - Number(to));
    end = size - 1;
  } else {
    start = Number(from);
    end = to === "" ? size - 1 : Math.min(Number(to), size - 1);
  }
  return start > end || start >= size ? "invalid" : { start, end };
}

function handle(root: string, request: IncomingMessage, response: ServerResponse): void {
  response.setHeader("Access-Control-Allow-Origin", "*");
  response.setHeader("Access-Control-Allow-Headers", "Range");
  response.setHeader("Access-Control-Expose-Headers", "Content-Length, Content-Range, Accept-Ranges");
  response.setHeader("X-Content-Type-Options", "nosniff");
  if (request.method === "OPTIONS") {
    response.writeHead(204, { "Access-Control-Allow-Methods": "GET, HEAD, OPTIONS" }).end();
    return;
  }
  if (request.method !== "GET" && request.method !== "HEAD") {
    response.writeHead(405, { Allow: "GET, HEAD, OPTIONS" }).end();
    return;
  }
  const url = new URL(request.url ?? "/", "http://localhost");
  const redirect = folderRedirect(root, url.pathname);
  if (redirect) {
    response.writeHead(301, { Location: `${redirect}${url.search}` }).end();
    return;
  }
  const file = resolveFile(root, url.pathname);
  if (!file) {
    const notFound = join(root, "404.html");
    response.writeHead(404, { "Content-Type": TYPES[".html"] ?? "text/html" });
    if (existsSync(notFound) && request.method === "GET") createReadStream(notFound).pipe(response);
    else response.end("Not found");
    return;
  }
  const { size, mtime } = statSync(file);
  const type = contentType(file);
  const etag = `"${size.toString(16)}-${mtime.getTime().toString(16)}"`;
  response.setHeader("Content-Type", type);
  response.setHeader("Accept-Ranges", "bytes");
  response.setHeader("ETag", etag);
  response.setHeader("Vary", "Accept-Encoding");
  response.setHeader("Cache-Control", HASHED.test(url.pathname) ? "public, max-age=31536000, immutable" : "public, max-age=0, must-revalidate");
  if (request.headers["if-none-match"] === etag) {
    response.writeHead(304).end();
    return;
  }
  const rangeHeader = request.headers.range;
  if (rangeHeader) {
    const range = parseRange(rangeHeader, size);
    if (range === "invalid") {
      response.writeHead(416, { "Content-Range": `bytes */${size}` }).end();
      return;
    }
    if (range) {
      response.writeHead(206, { "Content-Range": `bytes ${range.start}-${range.end}/${size}`, "Content-Length": range.end - range.start + 1 });
      if (request.method === "HEAD") response.end();
      else createReadStream(file, range).pipe(response);
      return;
    }
  }
  const accept = String(request.headers["accept-encoding"] ?? "");
  const encoding = COMPRESSIBLE.test(type) && size > 1024 ? (/\bbr\b/.test(accept) ? "br" : /\bgzip\b/.test(accept) ? "gzip" : null) : null;
  if (!encoding) {
    response.writeHead(200, { "Content-Length": size });
    if (request.method === "HEAD") response.end();
    else createReadStream(file).pipe(response);
    return;
  }
  response.writeHead(200, { "Content-Encoding": encoding });
  if (request.method === "HEAD") {
    response.end();
    return;
  }
  pipeline(createReadStream(file), encoding === "br" ? createBrotliCompress(BROTLI) : createGzip({ level: 6 }), response, () => {});
}

/** Starts the server; resolves once it listens. */
export function serve({ dir = join(PROJECT_ROOT, "dist"), port = 3000, host }: ServeOptions = {}): Promise<Server> {
  const root = resolve(dir);
  const server = createServer((request, response) => handle(root, request, response));
  return new Promise((resolveServer, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolveServer(server));
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const option = (name: string) => {
    const at = args.indexOf(name);
    return at >= 0 ? args[at + 1] : undefined;
  };
  const dir = resolve(option("--dir") ?? join(PROJECT_ROOT, "dist"));
  const port = Number(option("--port") ?? process.env.PORT ?? 3000);
  if (args.includes("--build-if-needed") && !existsSync(join(dir, "index.html"))) {
    const { buildSite } = await import("./build.ts");
    await buildSite();
  }
  if (!existsSync(join(dir, "index.html"))) {
    process.stderr.write(`No built site in ${dir}. Run \`npm run build\` first.\n`);
    process.exit(1);
  }
  const server = await serve({ dir, port });
  const address = server.address();
  const actualPort = typeof address === "object" && address ? address.port : port;
  process.stderr.write(`LERO Evidence is served from ${dir} at http://localhost:${actualPort}/ (Ctrl+C to stop)\n`);
}
