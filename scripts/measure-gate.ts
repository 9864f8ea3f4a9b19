/**
 * The measure gate: one measure and key show one value everywhere. Every element that shows a
 * registry measure's figure (`src/lib/measures.ts`) carries `data-measure` and `data-key`; the gate
 * collects (measure, key) → shown text from every HTML file of a built site, adds the value the
 * published tables give it (`data/aggregates/`, read through the registry), and fails when two disagree.
 *
 * What counts as one value: the same symbol (`[c]` and `[c]`), or numbers that agree at the coarser of
 * their two precisions ("42%" and "42.0%", "71%" and "71.4%", "1,200" and "1200", "+8.6" and "8.6").
 * A symbol beside a number ("[c]" and "42%") is a conflict: a page that hides a figure another shows
 * protects nothing. An id the registry does not know is a finding too.
 *
 * Pages that Framework renders in the browser have their figures only in the DOM, not in `dist/` HTML;
 * the browser test `test/browser/measures.test.ts` runs the same `measureConflicts` over the rendered
 * pages. The build runs this gate over the static HTML (the embeds, rendered at build time).
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { JSDOM } from "jsdom";
import { formatMeasureValue, measure, MEASURES, measureValue, type MeasureTables } from "../src/lib/measures.ts";

/** One number shown for a measure and key, and where. */
export interface ShownMeasure {
  measure: string;
  key: string;
  text: string;
  /** The page or file it is shown on ("embed/headline-evaluates.html", "/stigma"). */
  where: string;
}

export interface MeasureConflict {
  measure: string;
  key: string;
  /** Each distinct value and the places that show it. */
  values: { text: string; where: string[] }[];
  message: string;
}

const SYMBOL = /^\[(c|x|z|low)\]$/;
const KNOWN = new Set(MEASURES.map((m) => m.id));

type Normal = { symbol: string } | { number: number; decimals: number } | { text: string };

/** A shown text reduced to what it says: a symbol, a number with its precision, or (unreadable) the text. */
export function normaliseShown(text: string): Normal {
  const trimmed = text.replace(/\s+/g, " ").trim();
  // "[c]%": a hidden percentage whose unit was written after the symbol.
  const symbol = trimmed.replace(/%$/, "");
  if (SYMBOL.test(symbol)) return { symbol };
  const numeric = trimmed.replace(/^\+/, "").replace(/^[−–]/, "-").replace(/,/g, "").replace(/%$/, "").trim();
  if (/^-?[0-9]+(\.[0-9]+)?$/.test(numeric)) return { number: Number(numeric), decimals: numeric.split(".")[1]?.length ?? 0 };
  return { text: trimmed };
}

const round = (value: number, decimals: number): number => Math.round(value * 10 ** decimals) / 10 ** decimals;

/** Whether two shown texts say the same value (see the file header). */
export function sameValue(a: string, b: string): boolean {
  const x = normaliseShown(a);
  const y = normaliseShown(b);
  if ("symbol" in x || "symbol" in y) return "symbol" in x && "symbol" in y && x.symbol === y.symbol;
  if ("text" in x || "text" in y) return "text" in x && "text" in y && x.text === y.text;
  const decimals = Math.min(x.decimals, y.decimals);
  return Math.abs(round(x.number, decimals) - round(y.number, decimals)) < 1e-9;
}

/** Every (measure, key) shown with values that disagree, and every measure id the registry does not know. */
export function measureConflicts(shown: readonly ShownMeasure[]): MeasureConflict[] {
  const groups = new Map<string, ShownMeasure[]>();
  for (const s of shown) {
    const id = `${s.measure}\u0000${s.key}`;
    const group = groups.get(id);
    if (group) group.push(s);
    else groups.set(id, [s]);
  }
  const conflicts: MeasureConflict[] = [];
  for (const group of groups.values()) {
    const { measure: id, key } = group[0]!;
    const values: { text: string; where: string[] }[] = [];
    for (const s of group) {
      const same = values.find((v) => v.text === s.text);
      if (same) {
        if (!same.where.includes(s.where)) same.where.push(s.where);
      } else values.push({ text: s.text, where: [s.where] });
    }
    if (!KNOWN.has(id)) {
      conflicts.push({ measure: id, key, values, message: `data-measure="${id}" (shown on ${values.flatMap((v) => v.where).join(", ")}) is not in src/lib/measures.ts: add the measure there or mark the number with its id.` });
      continue;
    }
    const disagree = values.some((a) => values.some((b) => !sameValue(a.text, b.text)));
    if (disagree) {
      const list = values.map((v) => `"${v.text}" on ${v.where.join(", ")}`).join("; ");
      conflicts.push({ measure: id, key, values, message: `Measure ${id}, key "${key}", shows ${values.length} different values: ${list}. Take the figure from the registry (measureValue) on every page, or give the other number its own measure.` });
    }
  }
  return conflicts.sort((a, b) => a.measure.localeCompare(b.measure) || a.key.localeCompare(b.key));
}

/** The marked numbers in one HTML document, including those in its `<template>`s (an embed's region variants). */
export function shownInHtml(html: string, where: string): ShownMeasure[] {
  if (!html.includes("data-measure")) return [];
  const doc = new JSDOM(html).window.document;
  const roots: ParentNode[] = [doc, ...[...doc.querySelectorAll("template")].map((t) => (t as HTMLTemplateElement).content)];
  return roots.flatMap((root) =>
    [...root.querySelectorAll("[data-measure]")].map((el) => ({
      measure: el.getAttribute("data-measure") ?? "",
      key: el.getAttribute("data-key") ?? "",
      text: el.textContent ?? "",
      where,
    })),
  );
}

/**
 * The pre-rendered variants of a module embed (`embed/<chart>.js`): scripts/embed/render.ts writes its
 * configuration into the module as one JSON object literal, `{"id":…,"variants":{"uk":"<figure…>",…}}`.
 * Returns the variants' HTML by name, or null when the text holds no such object.
 */
export function moduleVariants(js: string): Record<string, string> | null {
  for (let start = js.indexOf('{"id":'); start >= 0; start = js.indexOf('{"id":', start + 1)) {
    // Find the end of the object: count braces outside JSON strings.
    let depth = 0;
    let inString = false;
    for (let i = start; i < js.length; i++) {
      const c = js[i];
      if (inString) {
        if (c === "\\") i++;
        else if (c === '"') inString = false;
      } else if (c === '"') inString = true;
      else if (c === "{") depth++;
      else if (c === "}" && --depth === 0) {
        try {
          const config = JSON.parse(js.slice(start, i + 1)) as { variants?: unknown };
          if (config.variants && typeof config.variants === "object") return config.variants as Record<string, string>;
        } catch {
          // Not the configuration: look further.
        }
        break;
      }
    }
  }
  return null;
}

/** The marked numbers in a module embed's variants. */
export function shownInModule(js: string, where: string): ShownMeasure[] {
  const variants = moduleVariants(js);
  if (!variants) return [];
  return Object.entries(variants).flatMap(([variant, html]) => shownInHtml(`<!DOCTYPE html><html><body>${html}</body></html>`, `${where} (${variant})`));
}

function* htmlUnder(dir: string): Generator<string> {
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) yield* htmlUnder(path);
    else if (entry.endsWith(".html")) yield path;
  }
}

/** The published tables of a built site (`data/aggregates/*.json`), by id; empty when there are none. */
export function publishedTables(dir: string): MeasureTables {
  const aggregates = join(dir, "data", "aggregates");
  const tables: Record<string, { id: string; rows: Record<string, string | number | null>[]; totalLabel?: string }> = {};
  if (!existsSync(aggregates)) return tables;
  for (const file of readdirSync(aggregates)) {
    if (!file.endsWith(".json")) continue;
    const table = JSON.parse(readFileSync(join(aggregates, file), "utf8")) as { id?: string; rows?: unknown };
    // Topic bundles (`headlines.json` = { id: table }) have no rows of their own; the tables are also published one per file.
    if (typeof table.id === "string" && Array.isArray(table.rows)) tables[table.id] = table as (typeof tables)[string];
  }
  return tables;
}

/**
 * What the published tables say each shown (measure, key) is, as one more "place" it is shown: a page
 * that shows a number the registry's tables do not publish for that key conflicts with them.
 */
export function registryValues(shown: readonly ShownMeasure[], tables: MeasureTables): ShownMeasure[] {
  const seen = new Set<string>();
  const out: ShownMeasure[] = [];
  for (const s of shown) {
    const id = `${s.measure}\u0000${s.key}`;
    if (seen.has(id) || !KNOWN.has(s.measure)) continue;
    seen.add(id);
    const value = measureValue(tables, s.measure, s.key);
    if (value !== null) out.push({ measure: s.measure, key: s.key, text: typeof value === "number" ? String(value) : formatMeasureValue(value, measure(s.measure).format), where: "the published tables" });
  }
  return out;
}

export interface MeasureGateResult {
  ok: boolean;
  files: number;
  shown: number;
  conflicts: MeasureConflict[];
}

/** The gate over a built site folder: every HTML file, the module embeds, and the published tables when the folder has them. */
export function checkMeasures(dir: string): MeasureGateResult {
  const shown: ShownMeasure[] = [];
  let files = 0;
  for (const file of htmlUnder(dir)) {
    files += 1;
    shown.push(...shownInHtml(readFileSync(file, "utf8"), relative(dir, file)));
  }
  // The module embeds carry the same figures as their iframe pages, as HTML inside the script.
  const embed = join(dir, "embed");
  if (existsSync(embed)) {
    for (const file of readdirSync(embed).filter((f) => f.endsWith(".js"))) {
      const found = shownInModule(readFileSync(join(embed, file), "utf8"), `embed/${file}`);
      if (found.length > 0) files += 1;
      shown.push(...found);
    }
  }
  const conflicts = measureConflicts([...shown, ...registryValues(shown, publishedTables(dir))]);
  return { ok: conflicts.length === 0, files, shown: shown.length, conflicts };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const dir = process.argv[2] ?? "dist";
  const result = checkMeasures(dir);
  for (const c of result.conflicts) process.stderr.write(`${c.message}\n`);
  process.stderr.write(`Measure gate: ${result.shown} marked figures in ${result.files} HTML files, ${result.conflicts.length} conflict(s).\n`);
  process.exitCode = result.ok ? 0 : 1;
}
