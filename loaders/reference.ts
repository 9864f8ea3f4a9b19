/** Reference tables in `data/reference/`: regions, standards statements, context figures. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { REFERENCE_DIR } from "./schema.ts";

export interface Region {
  gss_code: string;
  itl_code: string;
  name: string;
  name_cy: string;
  nation: string;
  tile_row: number;
  tile_col: number;
  /** A name that fits a small tile ("Yorkshire & Humber"). */
  short_name: string;
  /** A few letters for the smallest tiles ("YH"). */
  abbreviation: string;
}

export interface Statement {
  id: string;
  section: string;
  label: string;
}

export function readReferenceCsv(name: string, dir: string = REFERENCE_DIR): Record<string, string>[] {
  return parse(readFileSync(join(dir, name)), { columns: true, bom: true, skip_empty_lines: true }) as Record<string, string>[];
}

/** A region's URL slug, used by its page and its embeds: "Yorkshire and The Humber" → "yorkshire-and-the-humber". */
export function regionSlug(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
}

export function loadRegions(dir?: string): Region[] {
  return readReferenceCsv("regions.csv", dir).map((r) => ({
    gss_code: r.gss_code ?? "",
    itl_code: r.itl_code ?? "",
    name: r.name ?? "",
    name_cy: r.name_cy ?? "",
    nation: r.nation ?? "",
    tile_row: Number(r.tile_row),
    tile_col: Number(r.tile_col),
    short_name: r.short_name || (r.name ?? ""),
    abbreviation: r.abbreviation ?? "",
  }));
}

export function loadStatements(dir?: string): Statement[] {
  return readReferenceCsv("standards-statements.csv", dir).map((r) => ({ id: r.id ?? "", section: r.section ?? "", label: r.label ?? "" }));
}

/** The value sets foreign keys point at, by resource name as the schemas name them. */
export function referenceSets(dir?: string): Record<string, ReadonlySet<string>> {
  return {
    regions: new Set(loadRegions(dir).map((r) => r.name)),
    "standards-statements": new Set(loadStatements(dir).map((s) => s.id)),
  };
}
