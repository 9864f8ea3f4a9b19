/**
 * The PDFs as a reader gets them: the report's and a region briefing's "Download … (PDF)" links
 * answer with a PDF from the test server, and the "Print this page" button shows once scripts run.
 */
import type { Browser, BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launch, openPage, serveSite, type StaticSite } from "../support/browser.ts";

describe("PDF links", () => {
  let browser: Browser;
  let site: StaticSite;
  let context: BrowserContext;
  beforeAll(async () => {
    site = await serveSite();
    browser = await launch();
    context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  });
  afterAll(async () => {
    await browser?.close();
    await site?.close();
  });

  for (const [path, label] of [
    ["/report.html", "Download the report (PDF)"],
    ["/index.html", "Download the report (PDF)"],
    ["/regions/london.html", "Download this briefing (PDF)"],
  ] as const) {
    it(`${path}: "${label}" returns a PDF, and the print button shows`, async () => {
      const { page, problems } = await openPage(context, site.origin);
      await page.goto(`${site.origin}${path}`, { waitUntil: "networkidle" });
      const link = page.getByRole("link", { name: label });
      await expect(link.count()).resolves.toBe(1);
      const href = await link.evaluate((a) => (a as HTMLAnchorElement).href);
      const response = await page.request.get(href);
      expect(response.status()).toBe(200);
      expect(response.headers()["content-type"]).toBe("application/pdf");
      expect((await response.body()).subarray(0, 5).toString("latin1")).toBe("%PDF-");
      await expect(page.getByRole("button", { name: "Print this page" }).isVisible()).resolves.toBe(true);
      expect(problems.consoleErrors).toEqual([]);
      expect(problems.failedRequests).toEqual([]);
      await page.close();
    });
  }
});
