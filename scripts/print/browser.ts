/**
 * Headless Chromium for the build's printing (PDFs, sharing images) and `npm run screenshots`.
 *
 * Decision: the built folder is served to the browser by request interception, not by a local HTTP
 * server. The build tests build with the network cut off (`unshare -n`), where even the loopback
 * interface is down, so a server on 127.0.0.1 cannot be reached; intercepted requests never touch
 * the network. Files are answered as `npm start` answers them (same lookup, same Content-Type).
 */
import { readFile } from "node:fs/promises";
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions } from "playwright-core";
import { contentType, resolveFile } from "../serve.ts";
import { chromePath } from "./site.ts";

/** The made-up origin pages are opened at; no request to it leaves the browser. */
export const SITE_ORIGIN = "http://lero-evidence.invalid";

export async function launchChromium(env: NodeJS.ProcessEnv = process.env): Promise<Browser> {
  return chromium.launch({
    executablePath: chromePath(env),
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage", "--font-render-hinting=none"],
  });
}

/**
 * A browser context that sees `dir` at `SITE_ORIGIN`. Any other request is refused, so a page that
 * asks for something from elsewhere prints without it rather than waiting for it.
 */
export async function siteContext(browser: Browser, dir: string, options: BrowserContextOptions = {}): Promise<BrowserContext> {
  const context = await browser.newContext({ colorScheme: "light", ...options });
  // Functions passed to page.evaluate are compiled by tsx, which names them through a `__name` helper
  // that exists only in Node; the page gets a stand-in that does nothing.
  await context.addInitScript("globalThis.__name = (target) => target;");
  await context.route("**/*", async (route) => {
    const url = new URL(route.request().url());
    if (url.origin !== SITE_ORIGIN) return route.abort("blockedbyclient");
    const file = resolveFile(dir, url.pathname);
    if (!file) return route.fulfill({ status: 404, contentType: "text/plain", body: `Not found: ${url.pathname}` });
    return route.fulfill({ status: 200, contentType: contentType(file), body: await readFile(file) });
  });
  return context;
}

/** Runs `work` on each item with at most `limit` at once, in order of the items. */
export async function eachLimited<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
