/** Starting DuckDB-wasm with a progress report: bytes counted as they arrive, and a failed fetch is an error, not a wait. */
import { describe, expect, it } from "vitest";
import { bytesText, fetchWithProgress } from "../../../src/components/explore/duckdb-start.ts";

function respond(chunks: number[], init: ResponseInit & { headers?: Record<string, string> } = {}): typeof fetch {
  return (async () =>
    new Response(
      new ReadableStream({
        start(controller) {
          for (const n of chunks) controller.enqueue(new Uint8Array(n));
          controller.close();
        },
      }),
      init,
    )) as typeof fetch;
}

describe("the engine's download", () => {
  it("reports bytes loaded against the total, and returns the file as WebAssembly", async () => {
    const seen: [number, number][] = [];
    const blob = await fetchWithProgress("x.wasm", (l, t) => seen.push([l, t]), respond([1000, 2000, 500], { headers: { "content-length": "3500" } }));
    expect(seen).toEqual([[0, 3500], [1000, 3500], [3000, 3500], [3500, 3500]]);
    expect(blob.size).toBe(3500);
    expect(blob.type).toBe("application/wasm");
  });

  it("says no total when the body is compressed (its length is not the file's)", async () => {
    const seen: number[] = [];
    await fetchWithProgress("x.wasm", (_, t) => seen.push(t), respond([10], { headers: { "content-length": "4", "content-encoding": "gzip" } }));
    expect(new Set(seen)).toEqual(new Set([0]));
  });

  it("fails on an HTTP error and on a network error, instead of waiting", async () => {
    await expect(fetchWithProgress("x.wasm", () => undefined, respond([], { status: 404 }))).rejects.toThrow("could not be fetched (HTTP 404)");
    const offline = (async () => {
      throw new TypeError("Failed to fetch");
    }) as typeof fetch;
    await expect(fetchWithProgress("x.wasm", () => undefined, offline)).rejects.toThrow("Failed to fetch");
  });

  it("says the bytes in megabytes", () => {
    expect(bytesText({ bytesLoaded: 1_234_567, bytesTotal: 4_200_000 })).toBe("1.2 of 4.2 MB");
    expect(bytesText({ bytesLoaded: 5_000_000, bytesTotal: 4_200_000 })).toBe("4.2 of 4.2 MB");
    expect(bytesText({ bytesLoaded: 18_105_915, bytesTotal: 0 })).toBe("18.1 MB");
  });
});
