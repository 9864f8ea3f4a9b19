import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { loadSchema, REFERENCE_DIR } from "../../loaders/schema.ts";

type Row = Record<string, string>;
const csv = (name: string): Row[] => parse(readFileSync(join(REFERENCE_DIR, name), "utf8"), { columns: true }) as Row[];

/** The 12 ITL1 regions and their codes, as listed in docs/DOMAIN.md. */
const EXPECTED_REGIONS: [string, string, string][] = [
  ["North East", "E12000001", "TLC"],
  ["North West", "E12000002", "TLD"],
  ["Yorkshire and The Humber", "E12000003", "TLE"],
  ["East Midlands", "E12000004", "TLF"],
  ["West Midlands", "E12000005", "TLG"],
  ["East of England", "E12000006", "TLH"],
  ["London", "E12000007", "TLI"],
  ["South East", "E12000008", "TLJ"],
  ["South West", "E12000009", "TLK"],
  ["Wales", "W92000004", "TLL"],
  ["Scotland", "S92000003", "TLM"],
  ["Northern Ireland", "N92000002", "TLN"],
];

describe("regions.csv", () => {
  const regions = csv("regions.csv");
  it("has the 12 ITL1 regions with their GSS and ITL codes", () => {
    expect(regions.map((r) => [r.name, r.gss_code, r.itl_code])).toEqual(EXPECTED_REGIONS);
    for (const r of regions) {
      expect(r.name_cy, r.name).toBeTruthy();
      expect(["England", "Wales", "Scotland", "Northern Ireland"]).toContain(r.nation);
    }
  });
  it("places every region on its own tile, West Midlands left of East Midlands", () => {
    const tiles = regions.map((r) => `${r.tile_row},${r.tile_col}`);
    expect(new Set(tiles).size).toBe(12);
    const at = (name: string) => regions.find((r) => r.name === name)!;
    expect(at("West Midlands").tile_row).toBe(at("East Midlands").tile_row);
    expect(Number(at("West Midlands").tile_col)).toBeLessThan(Number(at("East Midlands").tile_col));
  });
  it("lists exactly the region categories the schemas use", () => {
    const field = loadSchema("outcomes").fields.find((f) => f.name === "region");
    expect(field?.categories).toEqual(regions.map((r) => r.name));
  });
});

describe("postcode-areas.csv", () => {
  const areas = csv("postcode-areas.csv");
  const names = new Set(csv("regions.csv").map((r) => r.name));
  it("maps every UK postcode area once to a region (Crown Dependencies left blank with a note)", () => {
    expect(areas.length).toBe(124);
    expect(new Set(areas.map((a) => a.area)).size).toBe(areas.length);
    for (const a of areas) {
      expect(a.area, a.area).toMatch(/^[A-Z]{1,2}$/);
      if (a.region === "") expect(a.note, a.area).toMatch(/Crown Dependency/);
      else expect(names.has(a.region ?? ""), a.area).toBe(true);
    }
    expect(areas.filter((a) => a.region === "").map((a) => a.area)).toEqual(["GY", "IM", "JE"]);
    for (const r of names) expect(areas.some((a) => a.region === r), r).toBe(true);
  });
});

describe("standards-statements.csv", () => {
  it("has 33 illustrative statements in the 4 sections, with unique ids", () => {
    const rows = csv("standards-statements.csv");
    expect(rows).toHaveLength(33);
    expect(new Set(rows.map((r) => r.id)).size).toBe(33);
    expect([...new Set(rows.map((r) => r.section))]).toEqual(["Culture and values", "Support offer", "Staff and volunteers", "Operations and management"]);
    for (const r of rows) {
      expect(r.id).toMatch(/^(CV|SO|SV|OM)\d{2}$/);
      expect(r.illustrative).toBe("true");
    }
    expect(readFileSync(join(REFERENCE_DIR, "README.md"), "utf8")).toMatch(/illustrative/i);
  });
});

describe("context-figures.csv", () => {
  const rows = csv("context-figures.csv");
  it("has one row per figure in CONTEXT-FIGURES.md, each sourced, checked only where a person read it in the publication", () => {
    const doc = [join(import.meta.dirname, "../../../shared/docs/CONTEXT-FIGURES.md"), "/work/shared/docs/CONTEXT-FIGURES.md"].find(existsSync);
    const expected =
      doc === undefined
        ? 18
        : readFileSync(doc, "utf8")
            .split("\n")
            .filter((l) => l.startsWith("|") && !l.startsWith("|---") && !l.startsWith("| nation")).length;
    expect(rows).toHaveLength(expected);
    for (const r of rows) {
      expect(Number.isFinite(Number(r.value)), r.id).toBe(true);
      expect(r.url, r.id).toMatch(/^https:\/\/www\.(ons|nrscotland|nisra|gov)\.(gov\.)?uk\//);
      expect(r.licence).toBe("Open Government Licence v3.0");
      // Verified against the primary publication (docs/CONTEXT-FIGURES.md): the two OHID reports only.
      expect(r.checked_against_primary, r.id).toBe((r.publisher ?? "").startsWith("Office for Health Improvement") ? "yes" : "no");
      for (const k of ["nation_or_area", "measure", "period", "unit", "publisher", "publication", "reached_via"]) expect(r[k], `${r.id} ${k}`).toBeTruthy();
    }
  });
});

describe("instruments.json", () => {
  it("defines BARC-10 (10 items, 1–6, cut-off 47) and the adapted stigma items", () => {
    const doc = JSON.parse(readFileSync(join(REFERENCE_DIR, "instruments.json"), "utf8")) as {
      instruments: { id: string; scale?: { min: number; max: number }; items?: unknown[]; total?: { cutoff: { value: number } }; adapted?: boolean; groups?: { items: unknown[] }[] }[];
    };
    const barc = doc.instruments.find((i) => i.id === "barc10");
    expect(barc?.items).toHaveLength(10);
    expect(barc?.scale).toMatchObject({ min: 1, max: 6 });
    expect(barc?.total?.cutoff.value).toBe(47);
    const stigma = doc.instruments.find((i) => i.id === "stigma-adapted");
    expect(stigma?.adapted).toBe(true);
    expect(stigma?.groups?.flatMap((g) => g.items)).toHaveLength(9);
  });
});
