/**
 * Starts DuckDB-wasm for the explorer, reporting the bytes downloaded as it goes: on a slow network
 * the engine (some 4 MB compressed) is most of what the page fetches, and the reader should see it
 * coming. Framework's `DuckDBClient` does the same start without a progress report, and waits for
 * ever when the engine's files cannot load; this one says so.
 *
 * Which build: duckdb-wasm ships "mvp" and "eh" (WebAssembly exceptions). The eh build is the smaller
 * download (4.2 MB against 4.8 MB gzipped in 1.29) and faster, so it is used wherever the browser
 * supports WebAssembly exceptions (`selectBundle` checks); mvp is the fallback for browsers that do not.
 */
import type { DuckDBClientClass } from "./engine.js";

export interface DuckDBBundle {
  mainModule: string;
  mainWorker: string | null;
  pthreadWorker?: string | null;
}

export interface DuckDBBundles {
  mvp: DuckDBBundle;
  eh?: DuckDBBundle;
}

export interface LoadProgress {
  bytesLoaded: number;
  /** 0 when the server does not say (a compressed response has no total). */
  bytesTotal: number;
  /** "eh" or "mvp". */
  build: string;
}

/** The part of `@duckdb/duckdb-wasm` used here. */
export interface DuckDBModule {
  selectBundle(bundles: DuckDBBundles): Promise<DuckDBBundle>;
  createWorker?(url: string): Promise<Worker>;
  ConsoleLogger: new (level?: number) => unknown;
  LogLevel: { WARNING: number };
  AsyncDuckDB: new (logger: unknown, worker: Worker) => {
    instantiate(mainModule: string, pthreadWorker?: string | null, progress?: (p: { bytesLoaded: number; bytesTotal: number }) => void): Promise<unknown>;
    open(config: Record<string, unknown>): Promise<void>;
  };
}

/** "1.2 of 4.2 MB" or "1.2 MB". */
export function bytesText(progress: Pick<LoadProgress, "bytesLoaded" | "bytesTotal">): string {
  const mb = (n: number) => (n / 1_000_000).toLocaleString("en-GB", { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  return progress.bytesTotal > 0 ? `${mb(Math.min(progress.bytesLoaded, progress.bytesTotal))} of ${mb(progress.bytesTotal)} MB` : `${mb(progress.bytesLoaded)} MB`;
}

/** Fetches a file, reporting bytes as they arrive; rejects on a network error or an HTTP error. */
export async function fetchWithProgress(url: string, onProgress: (loaded: number, total: number) => void, fetcher: typeof fetch = fetch): Promise<Blob> {
  const response = await fetcher(url);
  if (!response.ok) throw new Error(`the engine's file could not be fetched (HTTP ${response.status})`);
  // Content-Length is of the compressed body when the server compresses: the total is then unknown.
  const encoded = response.headers.get("content-encoding");
  const length = Number(response.headers.get("content-length") ?? 0);
  const total = encoded && encoded !== "identity" ? 0 : Number.isFinite(length) ? length : 0;
  if (!response.body) {
    const blob = await response.blob();
    onProgress(blob.size, total || blob.size);
    return new Blob([blob], { type: "application/wasm" });
  }
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let loaded = 0;
  onProgress(0, total);
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    loaded += value.byteLength;
    onProgress(loaded, total);
  }
  return new Blob(chunks as BlobPart[], { type: "application/wasm" });
}

/** A `DuckDBClientClass` whose `of()` starts DuckDB-wasm with progress, and fails when its worker cannot load. */
export function duckDBWithProgress(load: () => Promise<DuckDBModule>, bundles: DuckDBBundles, onProgress: (progress: LoadProgress) => void): DuckDBClientClass {
  let started: Promise<{ _db: unknown }> | undefined;
  return {
    of: () =>
      (started ??= (async () => {
        const duckdb = await load();
        const bundle = await duckdb.selectBundle(bundles);
        if (!bundle.mainWorker) throw new Error("no DuckDB-wasm worker for this browser");
        const build = bundle.mainModule === bundles.eh?.mainModule ? "eh" : "mvp";
        onProgress({ bytesLoaded: 0, bytesTotal: 0, build });
        const worker = duckdb.createWorker ? await duckdb.createWorker(bundle.mainWorker) : new Worker(bundle.mainWorker);
        // A worker whose script cannot load fires "error" and never answers: fail instead of waiting.
        const failed = new Promise<never>((_, reject) => worker.addEventListener("error", (event) => reject(new Error(`the engine's worker could not load${(event as ErrorEvent).message ? ` (${(event as ErrorEvent).message})` : ""}`)), { once: true }));
        const db = new duckdb.AsyncDuckDB(new duckdb.ConsoleLogger(duckdb.LogLevel.WARNING), worker);
        // The WebAssembly is fetched here, where its bytes can be counted and a failed fetch is an error
        // (duckdb-wasm's worker waits for ever when its fetch fails), then handed to the worker in memory.
        const module = await Promise.race([fetchWithProgress(bundle.mainModule, (loaded, total) => onProgress({ bytesLoaded: loaded, bytesTotal: total, build })), failed]);
        const moduleUrl = URL.createObjectURL(module);
        try {
          await Promise.race([db.instantiate(moduleUrl, bundle.pthreadWorker ?? null), failed]);
        } finally {
          URL.revokeObjectURL(moduleUrl);
        }
        await Promise.race([db.open({ query: { castBigIntToDouble: true } }), failed]);
        return { _db: db };
      })()),
  };
}
