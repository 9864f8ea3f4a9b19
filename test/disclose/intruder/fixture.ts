/**
 * Small published folders written by hand in the aggregate contract, for the intruder's tests: tables
 * as `aggregates/<id>.json`, microdata as `<dataset>.csv`, and a `datapackage.json` listing them.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { stringify } from "csv-stringify/sync";

export interface FixtureTable {
  id: string;
  dataset: string;
  level: "person" | "organisation";
  dimensions: string[];
  measures?: string[];
  population?: string;
  additive?: boolean;
  counts?: Record<string, Record<string, string>>;
  hierarchy?: Record<string, { parent: string; map: Record<string, string> }>;
  base?: number | string;
  rows: Record<string, string | number | null>[];
}

export interface FixtureField {
  name: string;
  role: "public" | "quasi" | "sensitive";
  type?: string;
  /** `Published at the level "UK"` and the like, for a generalised field. */
  generalisedTo?: string;
}

export interface FixtureMicrodata {
  dataset: string;
  level: "person" | "organisation";
  subject?: string;
  fields: FixtureField[];
  /** List fields as arrays. */
  rows: Record<string, string | string[] | null>[];
}

/** Writes a published folder in a new temporary directory and returns its path. */
export function writeRelease(parts: { tables?: FixtureTable[]; microdata?: FixtureMicrodata[] }): string {
  const dir = mkdtempSync(join(tmpdir(), "lero-intruder-"));
  mkdirSync(join(dir, "aggregates"));
  const resources: Record<string, unknown>[] = [];
  for (const t of parts.tables ?? []) {
    const json = { topic: t.dataset, title: t.id, unit: t.level === "person" ? "people" : "organisations", totalLabel: "Total", measures: t.measures ?? ["count"], ...t };
    writeFileSync(join(dir, "aggregates", `${t.id}.json`), JSON.stringify(json, null, 2));
    resources.push({ name: t.id, path: `aggregates/${t.id}.json`, format: "json", lero: { kind: "aggregate", dataset: t.dataset, level: t.level } });
  }
  for (const m of parts.microdata ?? []) {
    const columns = m.fields.map((f) => f.name);
    const records = m.rows.map((r) => columns.map((c) => {
      const v = r[c];
      return Array.isArray(v) ? v.join("; ") : (v ?? "");
    }));
    writeFileSync(join(dir, `${m.dataset}.csv`), stringify([columns, ...records]));
    resources.push({
      name: `${m.dataset}-csv`,
      path: `${m.dataset}.csv`,
      format: "csv",
      schema: {
        fields: m.fields.map((f) => ({
          name: f.name,
          type: f.type ?? "string",
          description: f.generalisedTo === undefined ? `The ${f.name}.` : `The ${f.name}. Published at the level "${f.generalisedTo}" so that nobody can be singled out.`,
          ...(f.type === "list" ? { itemType: "string", delimiter: ";" } : {}),
          lero: { role: f.role },
        })),
      },
      lero: { kind: "microdata", dataset: m.dataset, level: m.level, ...(m.subject === undefined ? {} : { subject: m.subject }) },
    });
  }
  writeFileSync(join(dir, "datapackage.json"), JSON.stringify({ name: "fixture", resources }, null, 2));
  return dir;
}

/** `n` copies of a row, with a running pseudonym in `subject` when given. */
export function repeat(n: number, row: Record<string, string | string[] | null>, subject?: string, start = 0): Record<string, string | string[] | null>[] {
  return Array.from({ length: n }, (_, i) => (subject === undefined ? { ...row } : { [subject]: `p${start + i}`, ...row }));
}
