/**
 * The catalogue is complete and every entry renders, from the sample data as the build publishes it:
 * for the UK and for every region it allows, in jsdom, with only that region's figures.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildData } from "../../loaders/pipeline/index.ts";
import { loadRegions } from "../../loaders/reference.ts";
import { buildChart, embedRegions, embedScripts, loadTables, renderVariant, siteHref, type EmbedScripts } from "../../scripts/embed/render.ts";
import { allowedRegions, CATALOGUE, findChart, regionSlug, type Tables } from "../../src/embed/catalogue.ts";
import { regionSlug as configRegionSlug } from "../../observablehq.config.ts";
import { measureConflicts, moduleVariants, registryValues, shownInHtml, shownInModule } from "../../scripts/measure-gate.ts";

const REQUIRED = ["evaluation", "barriers", "standards", "workforce", "stigma", "outcomes", "map", "headline"];

let out: string;
let tables: Tables;
let scripts: EmbedScripts;
const regions = embedRegions();

beforeAll(async () => {
  out = mkdtempSync(join(tmpdir(), "lero-embed-"));
  await buildData({ out, log: () => {} });
  tables = await loadTables(out);
  scripts = await embedScripts();
}, 120_000);

afterAll(() => rmSync(out, { recursive: true, force: true }));

/** The text of the data table's first column (row labels) and the table caption. */
function tableText(html: string): string {
  const start = html.indexOf("<table");
  return html.slice(start, html.indexOf("</table>", start));
}

describe("embed catalogue", () => {
  it("covers every topic the issue asks for, with unique ids", () => {
    const ids = CATALOGUE.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const topic of REQUIRED) expect(ids.some((id) => id.includes(topic)), topic).toBe(true);
    expect(findChart("stigma-by-setting")?.regional).toBe(true);
    expect(findChart("nope")).toBeUndefined();
  });

  it("uses the site's region slugs and every region of the reference table", () => {
    expect(regions.map((r) => r.name)).toEqual(loadRegions().map((r) => r.name));
    for (const r of regions) expect(regionSlug(r.name)).toBe(configRegionSlug(r.name));
  });

  it("reads only aggregates the pipeline publishes", () => {
    for (const chart of CATALOGUE) for (const id of chart.aggregates) expect(tables[id], `${chart.id} needs ${id}`).toBeDefined();
  });

  for (const chart of CATALOGUE) {
    it(`${chart.id} renders for the UK and for each region it allows, showing only that region`, () => {
      const uk = renderVariant(chart, tables, regions, null, true);
      // The link back is relative to embed/ and names the built file, for hosts with no rewriting.
      expect(uk.html).toContain(`href="${siteHref(chart.page.path, 1)}"`);
      expect(uk.html).not.toMatch(/href="\/(?!\/)/);
      expect(uk.html).toContain("Source: ");
      expect(uk.html).toContain("<table");
      expect(uk.html).not.toContain("lero-chart-downloads");
      for (const slug of allowedRegions(chart, regions)) {
        const region = regions.find((r) => r.slug === slug)!;
        const variant = renderVariant(chart, tables, regions, region, true);
        expect(variant.html).toContain(region.name);
        // The table never holds another region's name (a region whose name contains another's is fine).
        const table = tableText(variant.html);
        for (const other of regions) if (other !== region && !region.name.includes(other.name)) expect(table, `${chart.id} ${slug}`).not.toContain(other.name);
      }
    });
  }

  it("writes small pages and modules with a template per region and escaped config", () => {
    for (const chart of CATALOGUE) {
      const built = buildChart(chart, tables, regions, scripts, true);
      const slugs = allowedRegions(chart, regions);
      expect(built.page.match(/<template data-region=/g)?.length ?? 0).toBe(slugs.length);
      expect(Object.keys(built.variants).sort()).toEqual(["uk", ...slugs].sort());
      expect(built.page).not.toMatch(/duckdb/i);
      expect(built.module).toMatch(/export\s*\{/);
      expect(built.module).not.toContain("__LERO_EMBED__");
      expect(gzipSync(built.page).length, `${chart.id} page`).toBeLessThan(40_000);
      expect(gzipSync(built.module).length, `${chart.id} module`).toBeLessThan(40_000);
      const config = built.page.slice(built.page.indexOf('id="lero-embed-config">'));
      expect(config.slice(0, config.indexOf("</script>"))).not.toMatch(/<(?!\/script)/);
    }
  });

  it("marks the map's tiles and bases, and the measure gate reads the same figures from the page, its region templates and the module", () => {
    const map = buildChart(findChart("regions-map")!, tables, regions, scripts, true);
    const page = shownInHtml(map.page, "page");
    // Every region's tile (wide and narrow drawing) and table cell, and the base beside it.
    const evaluating = page.filter((s) => s.measure === "leros-evaluating");
    expect(new Set(evaluating.map((s) => s.key))).toEqual(new Set(regions.map((r) => r.name)));
    expect(new Set(page.filter((s) => s.measure === "leros-audited").map((s) => s.key))).toEqual(new Set(regions.map((r) => r.name)));
    expect(measureConflicts([...page, ...registryValues(page, tables)]).map((c) => c.message)).toEqual([]);
    const module = shownInModule(map.module, "module");
    expect(module.map((s) => `${s.measure}|${s.key}|${s.text}`).sort()).toEqual(page.map((s) => `${s.measure}|${s.key}|${s.text}`).sort());
    expect(Object.keys(moduleVariants(map.module) ?? {})).toEqual(["uk"]);

    // A regional embed: the page's templates hold each region's figures, and so does the module.
    const headline = buildChart(findChart("headline-evaluates")!, tables, regions, scripts, true);
    const keys = (shown: { key: string }[]) => [...new Set(shown.map((s) => s.key))].sort();
    const expected = ["all", ...regions.map((r) => r.name)].sort();
    expect(keys(shownInHtml(headline.page, "page"))).toEqual(expected);
    expect(keys(shownInModule(headline.module, "module"))).toEqual(expected);
    expect(moduleVariants("export const x = 1;")).toBeNull();
  });

  it("shows hidden values as [c] in small regions rather than dropping them", () => {
    const chart = findChart("stigma-by-setting")!;
    const hidden = regions.map((r) => renderVariant(chart, tables, regions, r, false).html).filter((html) => html.includes("[c]"));
    expect(hidden.length).toBeGreaterThan(0);
  });
});

describe("links from the embeds back to the site", () => {
  it("are relative to the embed's folder and name the built file", () => {
    expect(siteHref("/research", 1)).toBe("../research.html");
    expect(siteHref("/regions", 1)).toBe("../regions/");
    expect(siteHref("/regions/wales", 1)).toBe("../regions/wales.html");
    expect(siteHref("/regions/wales", 2)).toBe("../../regions/wales.html");
    expect(siteHref("/methods#cite", 1)).toBe("../methods.html#cite");
    expect(siteHref("/data/stigma.csv", 1)).toBe("../data/stigma.csv");
    expect(siteHref("https://example.org/x", 1)).toBe("https://example.org/x");
    expect(siteHref("#note", 1)).toBe("#note");
  });
});
