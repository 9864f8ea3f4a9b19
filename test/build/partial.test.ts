/**
 * A site built from a data folder with only the stigma survey (no stories folder either): it builds,
 * the pages of the four datasets not yet collected say so, the menu lists the pages that have data and
 * no others, Home and the Report never mention or mark a figure from a missing dataset, no figure is
 * written from a base of 0, and every link resolves on a static host (`npm run check:hosting`).
 */
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { JSDOM } from "jsdom";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SAMPLE_DIR } from "../../loaders/data-dir.ts";
import { checkHosting, formatReport } from "../../scripts/check-hosting.ts";
import { measure } from "../../src/lib/measures.ts";
import { runTs } from "../support/run.ts";

const work = mkdtempSync(join(tmpdir(), "lero-partial-site-"));
const dist = join(work, "dist");
const MISSING = [
  { page: "research.html", dataset: "audit", menu: "Research and evaluation" },
  { page: "standards.html", dataset: "standards", menu: "Quality standards" },
  { page: "workforce.html", dataset: "workforce", menu: "Peer research workforce" },
  { page: "outcomes.html", dataset: "outcomes", menu: "Outcomes" },
];
const MENU = ["Report", "Stigma", "Regions", "Stories", "Context", "Explore the data", "Embed a chart", "Methods and data"];

let stderr = "";
const page = (name: string): Document => new JSDOM(readFileSync(join(dist, name), "utf8")).window.document;

function htmlFiles(dir: string, prefix = ""): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? htmlFiles(join(dir, entry.name), `${prefix}${entry.name}/`) : entry.name.endsWith(".html") ? [`${prefix}${entry.name}`] : [],
  );
}

describe("a site built from the stigma survey alone", () => {
  beforeAll(async () => {
    const data = join(work, "data");
    mkdirSync(data);
    // The sample's stigma export less its last row: real data as far as the build can tell.
    const text = readFileSync(join(SAMPLE_DIR, "stigma.csv"), "utf8");
    const lines = text.split("\r\n").filter((line) => line !== "");
    writeFileSync(join(data, "stigma.csv"), `${lines.slice(0, -1).join("\r\n")}\r\n`);
    copyFileSync(join(SAMPLE_DIR, "stigma.mapping.json"), join(data, "stigma.mapping.json"));
    const env = { ...process.env, LERO_DATA_DIR: data, LERO_PSEUDONYM_KEY: "partial-site-test-key-0123456789", LERO_DIST_DIR: dist, LERO_PUBLISHED_DIR: join(work, "published") };
    const result = await runTs("scripts/build.ts", [], { env });
    stderr = result.stderr;
    if (result.code !== 0) throw new Error(`the stigma-only build failed:\n${result.stderr}`);
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it("says which datasets it left out, and publishes stigma alone", () => {
    expect(stderr).toMatch(/left out of the release .*: audit, standards, workforce, outcomes/);
    const pkg = JSON.parse(readFileSync(join(dist, "data", "datapackage.json"), "utf8")) as { lero: { datasets: string[]; illustrative: boolean } };
    expect(pkg.lero).toMatchObject({ datasets: ["stigma"], illustrative: false });
    expect(readdirSync(join(dist, "data")).filter((f) => /^(audit|standards|workforce|outcomes)\./.test(f))).toEqual([]);
  });

  it.each(MISSING)("$page says plainly that its data is not yet collected, and shows no figure", ({ page: name, dataset }) => {
    const doc = page(name);
    const note = doc.querySelector(".lero-not-collected");
    expect(note?.textContent).toMatch(/^Not yet collected\. Data from the .* is not yet collected/);
    expect(note?.getAttribute("data-dataset")).toBe(dataset);
    expect(doc.querySelectorAll("#observablehq-main figure, #observablehq-main [data-measure]")).toHaveLength(0);
  });

  it("keeps the stigma page whole, with no not-collected note", () => {
    const doc = page("stigma.html");
    expect(doc.querySelector(".lero-not-collected")).toBeNull();
    expect(doc.querySelectorAll("#observablehq-main figure").length).toBeGreaterThan(2);
  });

  it("lists in the menu every page with data and no page of a missing dataset", () => {
    for (const name of ["index.html", "stigma.html", "research.html"]) {
      const links = [...page(name).querySelectorAll("#observablehq-sidebar a")].map((a) => a.textContent?.trim());
      for (const wanted of MENU) expect(links, `${name}: ${wanted}`).toContain(wanted);
      for (const missing of MISSING) expect(links, `${name}: ${missing.menu}`).not.toContain(missing.menu);
    }
  });

  it("writes Home's and the Report's headlines from stigma alone, never mentioning a missing dataset", () => {
    for (const name of ["index.html", "report.html"]) {
      const doc = page(name);
      const marked = [...doc.querySelectorAll("#observablehq-main [data-measure]")].map((el) => el.getAttribute("data-measure")!);
      expect(marked.length, name).toBeGreaterThan(0);
      expect([...new Set(marked.map((id) => measure(id).population.dataset))], name).toEqual(["stigma"]);
      const top = doc.querySelector(".lero-top-findings")?.textContent ?? "";
      expect(top, name).toMatch(/GP/);
      expect(top, name).not.toMatch(/BARC|recovery capital|LEROs audited|peer researchers|standards/i);
      const headings = [...doc.querySelectorAll("#observablehq-main h2")].map((h) => h.textContent?.trim());
      for (const missing of ["Research and evaluation", "Quality standards", "The peer research workforce", "Recovery outcomes"]) expect(headings, name).not.toContain(missing);
    }
    const report = page("report.html");
    expect(report.querySelector(".lero-report-cover")?.textContent).toMatch(/what the latest data says about stigma in services\./);
    expect(report.querySelector("#observablehq-main")?.textContent).not.toMatch(/BARC-10|Vilsaint/);
    expect(page("index.html").querySelector(".lero-figures")?.textContent ?? "").not.toMatch(/BARC|audited|trained/);
  });

  it("writes no figure from a base of 0 on any page", () => {
    for (const name of htmlFiles(dist)) {
      const text = page(name).querySelector("#observablehq-main")?.textContent ?? "";
      expect(text, name).not.toMatch(/Base: 0 |base: 0 | of the 0 /);
    }
  });

  it("leaves missing datasets out of the embed catalogue and the explorer's files", () => {
    const embeds = readdirSync(join(dist, "embed")).filter((f) => f.endsWith(".html"));
    expect(embeds).toContain("stigma-by-setting.html");
    for (const gone of ["evaluation-methods", "barriers", "standards-in-place", "workforce-confidence", "outcomes-over-time", "regions-map", "headline-evaluates"]) expect(embeds, gone).not.toContain(`${gone}.html`);
  });

  it("has no broken link on a static host under a sub-path", async () => {
    const report = await checkHosting({ dir: dist });
    expect(report.broken, formatReport(report)).toEqual([]);
  });
});
