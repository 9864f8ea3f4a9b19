/**
 * Headless Chromium for browser tests: Debian's `/usr/bin/chromium` (or `CHROME_PATH`) driven by
 * playwright-core, with a static server on dist/. Every page opened through `openPage` records console
 * errors, failed requests and requests to any other origin, so tests can insist on none.
 */
import { existsSync } from "node:fs";
import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import { join } from "node:path";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { PROJECT_ROOT } from "../../loaders/schema.ts";
import { serve } from "../../scripts/serve.ts";

export const CHROME_PATH = process.env.CHROME_PATH ?? "/usr/bin/chromium";
export const DIST = join(PROJECT_ROOT, "dist");

export const CHROMIUM_MISSING = `Chromium was not found at ${CHROME_PATH}. Browser tests need Debian's Chromium:
  sudo apt-get update && sudo apt-get install -y chromium
or point CHROME_PATH at a Chromium or Chrome binary. (\`npx playwright install\` cannot download browsers here.)`;

export function chromiumAvailable(): boolean {
  return existsSync(CHROME_PATH);
}

export async function launch(): Promise<Browser> {
  if (!chromiumAvailable()) throw new Error(CHROMIUM_MISSING);
  return chromium.launch({
    executablePath: CHROME_PATH,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--disable-dev-shm-usage",
    ],
  });
}

export interface StaticSite {
  origin: string;
  server: Server;
  close(): Promise<void>;
}

/** Serves a folder on a free loopback port. */
export async function serveSite(dir: string = DIST): Promise<StaticSite> {
  const server = await serve({ dir, port: 0, host: "127.0.0.1" });
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    server,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export interface PageProblems {
  consoleErrors: string[];
  failedRequests: string[];
  otherOrigins: string[];
  requests: string[];
}

/** Opens a page that records its problems; `allowedOrigins` are origins besides the page's own. */
export async function openPage(context: BrowserContext, origin: string, allowedOrigins: string[] = []): Promise<{ page: Page; problems: PageProblems }> {
  const page = await context.newPage();
  const problems: PageProblems = { consoleErrors: [], failedRequests: [], otherOrigins: [], requests: [] };
  const allowed = new Set([origin, ...allowedOrigins]);
  page.on("console", (message) => {
    if (message.type() === "error") problems.consoleErrors.push(message.text());
  });
  page.on("pageerror", (error) => problems.consoleErrors.push(`uncaught: ${error.message}`));
  page.on("request", (request) => {
    const url = request.url();
    problems.requests.push(url);
    if (/^https?:/.test(url) && !allowed.has(new URL(url).origin)) problems.otherOrigins.push(url);
  });
  page.on("requestfailed", (request) => problems.failedRequests.push(`${request.url()} ${request.failure()?.errorText ?? ""}`));
  page.on("response", (response) => {
    if (response.status() >= 400) problems.failedRequests.push(`${response.url()} HTTP ${response.status()}`);
  });
  return { page, problems };
}
