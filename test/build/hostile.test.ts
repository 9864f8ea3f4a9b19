/**
 * Hostile data end to end: the sample with the quality gates' payloads planted (markup in quotes, an
 * image tag in an innovation description, a `javascript:` URL and formulas in training feedback) is
 * built into a site of its own, and every page that shows free text shows them as the characters typed:
 * nothing runs, nothing is injected, no dialog opens. The sample site itself holds none of them (the
 * payload gate in `npm run build`).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeSample } from "../../scripts/make-sample.ts";
import { ARITHMETIC_PAYLOAD, HOSTILE, IMAGE_PAYLOAD, SCRIPT_PAYLOAD } from "../fixtures/hostile/payloads.ts";
import { launch, openPage, serveSite, type StaticSite } from "../support/browser.ts";
import { runTs } from "../support/run.ts";

const work = mkdtempSync(join(tmpdir(), "lero-hostile-site-"));
const dist = join(work, "dist");

describe("a site built from hostile free text", () => {
  let site: StaticSite;
  let browser: Browser;
  beforeAll(async () => {
    const data = join(work, "data");
    await makeSample(data, () => {}, HOSTILE);
    const env = { ...process.env, LERO_DATA_DIR: data, LERO_PSEUDONYM_KEY: "hostile-site-test-key-0123456789", LERO_DIST_DIR: dist, LERO_PUBLISHED_DIR: join(work, "published") };
    const result = await runTs("scripts/build.ts", [], { env });
    if (result.code !== 0) throw new Error(`the hostile build failed:\n${result.stderr}`);
    site = await serveSite(dist);
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
    await site?.close();
    rmSync(work, { recursive: true, force: true });
  });

  it.each([
    { path: "/stigma.html", region: ".stigma-quotes", text: SCRIPT_PAYLOAD },
    { path: "/research.html", region: ".research-quotes", text: IMAGE_PAYLOAD },
    // The javascript: URL is redacted like any web address; the formula shows as typed.
    { path: "/workforce.html", region: "main", text: ARITHMETIC_PAYLOAD },
  ])("$path shows the payload as text and runs nothing", async ({ path, region, text }) => {
    const context = await browser.newContext();
    const { page, problems } = await openPage(context, site.origin);
    const dialogs: string[] = [];
    page.on("dialog", async (dialog) => {
      dialogs.push(dialog.message());
      await dialog.dismiss();
    });
    await page.goto(site.origin + path, { waitUntil: "networkidle" });
    await expect.poll(() => page.locator(region).first().textContent(), { timeout: 30_000 }).toContain(text);
    expect(await page.evaluate(() => document.querySelectorAll('img[src="x"], main script:not([type]):not([src]), a[href^="javascript:"]').length)).toBe(0);
    expect(dialogs).toEqual([]);
    expect(problems.consoleErrors).toEqual([]);
    expect(problems.otherOrigins).toEqual([]);
    await context.close();
  });
});
