/**
 * Embeds on someone else's website (issue 7, "done when"): a host page served from another origin
 * embeds three charts by iframe and two by module. At 320 px and 1200 px every chart renders, each
 * iframe takes its content's height through resize.js, `theme=dark` and `colour` are followed, a region shows only
 * that region's figures, and nothing is requested from any origin but the two servers. Then the
 * builder's snippets, pasted into a host page, draw what its preview shows.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, Frame, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIST, launch, openPage, serveSite, type StaticSite } from "../support/browser.ts";

let browser: Browser;
let site: StaticSite;
let host: StaticSite;
let hostDir: string;

const DARK_BACKGROUND = "rgb(23, 25, 28)";
const LIGHT_BACKGROUND = "rgb(255, 255, 255)";

function aggregate(id: string): { rows: Record<string, unknown>[] } {
  return JSON.parse(readFileSync(join(DIST, "data", "aggregates", `${id}.json`), "utf8")) as { rows: Record<string, unknown>[] };
}

function hostPage(origin: string): string {
  return `<!DOCTYPE html>
<html lang="en-GB"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>A LERO's website</title><link rel="icon" href="data:,">
<style>body{margin:0;font-family:Georgia,serif;background:#f4efe6}iframe{display:block;border:0;width:100%}</style></head>
<body>
<h1>Our recovery community</h1>
<iframe id="f-stigma" src="${origin}/embed/stigma-by-setting.html?region=east-of-england&colour=7b2d8e" title="Where people meet stigma" height="600"></iframe>
<iframe id="f-outcomes" src="${origin}/embed/outcomes-over-time.html?theme=dark&colour=1a2b4c" title="Recovery capital over time" height="560"></iframe>
<iframe id="f-map" src="${origin}/embed/regions-map.html?lang=cy" title="Map" height="760"></iframe>
<div id="m-methods"></div>
<div id="m-headline"></div>
<script type="module">
import {render as methods} from "${origin}/embed/evaluation-methods.js";
import {render as headline} from "${origin}/embed/headline-evaluates.js";
methods(document.getElementById("m-methods"), {region: "london", colour: "#7b2d8e"});
headline(document.getElementById("m-headline"), {region: "wales", theme: "dark"});
document.body.dataset.ready = "1";
</script>
<script src="${origin}/embed/resize.js" async></script>
</body></html>`;
}

beforeAll(async () => {
  browser = await launch();
  site = await serveSite(DIST);
  hostDir = mkdtempSync(join(tmpdir(), "lero-embed-host-"));
  writeFileSync(join(hostDir, "index.html"), hostPage(site.origin));
  host = await serveSite(hostDir);
});

afterAll(async () => {
  await browser?.close();
  await site?.close();
  await host?.close();
  if (hostDir) rmSync(hostDir, { recursive: true, force: true });
});

function frameOf(page: Page, id: string): Promise<Frame> {
  return page.locator(`#${id}`).elementHandle().then(async (handle) => (await handle!.contentFrame())!);
}

/** [iframe height, its document's content height] once they agree (or the last pair seen). */
async function heights(page: Page, id: string): Promise<[number, number]> {
  const frame = await frameOf(page, id);
  let pair: [number, number] = [0, 0];
  for (let i = 0; i < 40; i++) {
    const content = await frame.evaluate(() => Math.ceil(document.getElementById("lero-embed")!.getBoundingClientRect().height));
    const box = await page.locator(`#${id}`).evaluate((el) => el.getBoundingClientRect().height);
    pair = [box, content];
    if (Math.abs(box - content) <= 3) break;
    await page.waitForTimeout(100);
  }
  return pair;
}

const tableRows = (root: Page | Frame, selector: string): Promise<string[]> =>
  root.locator(`${selector} tbody tr`).evaluateAll((rows) => rows.map((row) => row.querySelector("th, td")?.textContent ?? ""));

describe.each([320, 1200])("embeds on a host page from another origin at %i px", (width) => {
  it("render, fit their content, follow the theme and region, and stay on the two origins", async () => {
    const context = await browser.newContext({ viewport: { width, height: 900 } });
    const { page, problems } = await openPage(context, host.origin, [site.origin]);
    await page.goto(`${host.origin}/`);
    await page.waitForSelector("body[data-ready='1']");
    await page.waitForLoadState("networkidle");

    for (const id of ["f-stigma", "f-outcomes", "f-map"]) {
      const frame = await frameOf(page, id);
      await frame.waitForSelector("#lero-embed svg", { state: "attached" });
      const [box, content] = await heights(page, id);
      expect(Math.abs(box - content), `${id}: iframe ${box} px, content ${content} px`).toBeLessThanOrEqual(3);
      expect(await frame.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth), `${id} overflows`).toBeLessThanOrEqual(1);
      // The chart drawn is the one for this width.
      const visible = await frame.locator(width < 480 ? ".lero-embed-narrow svg" : ".lero-embed-wide svg").first().isVisible();
      expect(visible, `${id} draws the ${width < 480 ? "narrow" : "wide"} chart`).toBe(true);
    }

    // theme=dark in an iframe and in a module; the others stay light (the test browser prefers light).
    const outcomes = await frameOf(page, "f-outcomes");
    expect(await outcomes.locator("#lero-embed").evaluate((el) => getComputedStyle(el).backgroundColor)).toBe(DARK_BACKGROUND);
    const stigma = await frameOf(page, "f-stigma");
    expect(await stigma.locator("#lero-embed").evaluate((el) => getComputedStyle(el).backgroundColor)).toBe(LIGHT_BACKGROUND);
    expect(await page.locator("#m-headline .lero-embed").evaluate((el) => getComputedStyle(el).backgroundColor)).toBe(DARK_BACKGROUND);

    // colour: the host's purple on the light background, in a frame and a module; navy cannot be seen
    // on the dark background, so the dark frame keeps the chart's own blue.
    const fillOf = (el: Element, selector: string) => getComputedStyle(el.querySelector(selector)!).fill;
    expect(await stigma.locator("#lero-embed .lero-embed-wide svg").first().evaluate(fillOf, "rect")).toBe("rgb(123, 45, 142)");
    expect(await page.locator("#m-methods .lero-embed-wide svg").first().evaluate(fillOf, "rect")).toBe("rgb(123, 45, 142)");
    expect(await outcomes.locator("#lero-embed .lero-embed-wide svg").first().evaluate(fillOf, "circle")).toBe("rgb(0, 114, 178)");

    // region=east-of-england: the table holds that region's figures, no others.
    const published = aggregate("embed-stigma-enacted-by-region").rows.filter((r) => r.region === "East of England");
    const cells = await stigma.locator("tbody tr").evaluateAll((rows) => rows.map((row) => [...row.children].map((c) => c.textContent ?? "")));
    expect(cells.map((c) => c[0]).sort()).toEqual(published.map((r) => String(r.setting)).sort());
    for (const row of published) {
      const shown = cells.find((c) => c[0] === row.setting)!;
      expect(shown[1], `base for ${String(row.setting)}`).toBe(typeof row.count === "number" ? row.count.toLocaleString("en-GB") : String(row.count));
    }
    expect(await stigma.locator(".lero-chart-subtitle").textContent()).toContain("East of England");

    // The module for London shows London's bases, not the UK's.
    const london = aggregate("research-methods-by-region").rows.filter((r) => r.region === "London");
    const subtitle = await page.locator("#m-methods .lero-chart-subtitle").textContent();
    expect(subtitle).toContain("LEROs in London");
    expect(subtitle).toContain(`base: ${String(london[0]!.base_count)} LEROs`);
    expect(await tableRows(page, "#m-methods")).toEqual(london.map((r) => String(r.evaluation_methods)));
    expect(await page.locator("#m-headline .lero-headline-label").textContent()).toContain("in Wales");
    await expect.poll(() => page.locator("#m-methods .lero-embed svg").count()).toBe(2);

    // lang=cy: Welsh region names on the map.
    const map = await frameOf(page, "f-map");
    expect(await map.locator("svg").first().textContent()).toContain("Cymru");

    // A module at this width draws the chart that fits.
    const moduleSvg = page.locator(width < 480 ? "#m-methods .lero-embed-narrow svg" : "#m-methods .lero-embed-wide svg");
    expect(await moduleSvg.isVisible()).toBe(true);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(1);

    expect(problems.otherOrigins).toEqual([]);
    expect(problems.failedRequests).toEqual([]);
    expect(problems.consoleErrors).toEqual([]);
    expect(problems.requests.some((url) => /duckdb/i.test(url))).toBe(false);
    expect(await context.cookies()).toEqual([]);
    await context.close();
  });
});

describe("the resize script", () => {
  it("fits an iframe that posted its height before the script was there to hear it", async () => {
    // The script is added only after the frame has loaded and posted its height, as an async script on
    // a slow host can be: it must ask the frame again.
    writeFileSync(
      join(hostDir, "late.html"),
      `<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8"><title>Late</title><link rel="icon" href="data:,"></head><body>
<iframe id="f-late" src="${site.origin}/embed/barriers.html" title="Barriers" height="900" style="border:0;width:100%"></iframe>
<script>document.getElementById("f-late").addEventListener("load", () => setTimeout(() => {
  const s = document.createElement("script"); s.src = "${site.origin}/embed/resize.js"; document.body.append(s);
}, 500));</script></body></html>`,
    );
    const context = await browser.newContext({ viewport: { width: 800, height: 900 } });
    const { page, problems } = await openPage(context, host.origin, [site.origin]);
    await page.goto(`${host.origin}/late.html`);
    await page.waitForSelector("script[src$='/embed/resize.js']", { state: "attached" });
    const [box, content] = await heights(page, "f-late");
    expect(Math.abs(box - content), `iframe ${box} px, content ${content} px`).toBeLessThanOrEqual(3);
    expect(box).toBeLessThan(900);
    expect(problems.consoleErrors).toEqual([]);
    await context.close();
  });
});

describe("the embed builder", () => {
  it("gives snippets that, pasted into another site, draw what its preview shows", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 1000 } });
    const { page, problems } = await openPage(context, site.origin);
    await page.goto(`${site.origin}/embed/`);
    await page.waitForSelector("pre[data-snippet='iframe']");
    await page.getByLabel("Chart").selectOption({ label: "Recovery capital over time (BARC-10)" });
    // The region menu is rebuilt for the chosen chart: wait for that before choosing from it.
    await expect.poll(() => page.locator("pre[data-snippet='iframe']").textContent()).toContain("/embed/outcomes-over-time");
    await page.getByLabel("Region", { exact: true }).selectOption({ label: "Wales" });
    await page.getByLabel("Dark").check();
    await expect.poll(() => page.locator("pre[data-snippet='iframe']").textContent()).toContain("outcomes-over-time.html?region=wales&theme=dark");
    // A host colour too dark for the dark theme is refused, with the reason; a lighter one is taken.
    await page.getByLabel("Use my own colour").check();
    await page.getByLabel("Colour of the bars and lines").fill("#1a2b4c");
    await expect.poll(() => page.locator(".lero-embed-note[role='status']").textContent()).toMatch(/#1a2b4c has a contrast of 1\.\d:1 with the dark background/);
    expect(await page.locator("pre[data-snippet='iframe']").textContent()).not.toContain("colour=");
    await page.getByLabel("Colour of the bars and lines").fill("#8cc4f5");
    await expect.poll(() => page.locator("pre[data-snippet='iframe']").textContent()).toContain("outcomes-over-time.html?region=wales&theme=dark&colour=8cc4f5");
    expect(await page.locator("pre[data-snippet='module']").textContent()).toContain('"colour":"#8cc4f5"');
    const frameSnippet = (await page.locator("pre[data-snippet='iframe']").textContent())!;
    const moduleSnippet = (await page.locator("pre[data-snippet='module']").textContent())!;
    expect(moduleSnippet).toContain(`${site.origin}/embed/outcomes-over-time.js`);

    const preview = page.frameLocator("iframe.lero-embed-preview-frame");
    await preview.locator(".lero-embed svg").first().waitFor();
    const previewTitle = await preview.locator(".lero-chart-title").textContent();
    const previewRows = await preview.locator("tbody tr").evaluateAll((rows) => rows.map((r) => r.textContent));
    expect(await preview.locator("#lero-embed").evaluate((el) => getComputedStyle(el).backgroundColor)).toBe(DARK_BACKGROUND);

    await page.getByRole("button", { name: "Copy the frame snippet" }).click();
    await expect.poll(() => page.locator(".lero-embed-copied").first().textContent()).not.toBe("");
    expect(problems.consoleErrors).toEqual([]);

    writeFileSync(join(hostDir, "pasted.html"), `<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8"><title>Pasted</title><link rel="icon" href="data:,"></head><body>\n${frameSnippet}\n${moduleSnippet}\n</body></html>`);
    const pasted = await openPage(context, host.origin, [site.origin]);
    await pasted.page.goto(`${host.origin}/pasted.html`);
    const frame = pasted.page.frameLocator("iframe");
    await frame.locator(".lero-embed svg").first().waitFor();
    expect(await frame.locator(".lero-chart-title").textContent()).toBe(previewTitle);
    expect(await frame.locator("tbody tr").evaluateAll((rows) => rows.map((r) => r.textContent))).toEqual(previewRows);
    expect(await frame.locator("#lero-embed").evaluate((el) => getComputedStyle(el).backgroundColor)).toBe(DARK_BACKGROUND);
    expect(await frame.locator(".lero-embed-wide svg circle").first().evaluate((el) => getComputedStyle(el).fill)).toBe("rgb(140, 196, 245)");
    const moduleChart = pasted.page.locator("#lero-outcomes-over-time .lero-embed");
    await moduleChart.locator("svg").first().waitFor({ state: "attached" });
    expect(await moduleChart.locator(".lero-chart-title").textContent()).toBe(previewTitle);
    expect(await moduleChart.locator("tbody tr").evaluateAll((rows) => rows.map((r) => r.textContent))).toEqual(previewRows);
    await expect.poll(async () => {
      const box = await pasted.page.locator("iframe").evaluate((el) => el.getBoundingClientRect().height);
      const content = await pasted.page.frames()[1]!.evaluate(() => document.getElementById("lero-embed")!.getBoundingClientRect().height);
      return Math.abs(box - content);
    }).toBeLessThanOrEqual(3);
    expect(pasted.problems.otherOrigins).toEqual([]);
    expect(pasted.problems.consoleErrors).toEqual([]);
    expect(await context.cookies()).toEqual([]);
    await context.close();
  });
});
