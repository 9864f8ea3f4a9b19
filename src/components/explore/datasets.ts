/**
 * What the explorer can explore, read from the published `datapackage.json`: every Parquet resource
 * marked as microdata, with the fields that can be filtered on (categorical fields that are not free
 * text or pseudonyms) and the measures that make sense for it.
 */
import type { DataPackage, PackageField } from "../../lib/published.js";
import { measure as registryMeasure } from "../../lib/measures.js";
import type { Level } from "./disclosure.js";

export interface Dimension {
  name: string;
  title: string;
  type: string;
  /** The schema's category order, used to order values. */
  categories: string[];
}

/**
 * The registry measure (`src/lib/measures.ts`) an explorer measure is, and which of its figures are
 * that measure: a figure is the registry's for a key only when every breakdown value it is fixed to
 * (its own bar or row, and single-valued filters) is in `keyDims`; with none, it is the `overall` key.
 */
export interface RegistryLink {
  id: string;
  /** Explorer dimensions whose values are the registry's breakdown values (its published keys agree). */
  keyDims: readonly string[];
  /** The key of the figure over everyone ("Any setting"); absent when that figure is not marked. */
  overall?: string;
}

export interface Measure {
  id: "count" | "mean" | "share" | "met-often" | "met-sometimes";
  label: string;
  kind: "count" | "mean" | "percent";
  /** The field averaged (mean) or shared (share). */
  field?: string;
  /** The items a share counts at or above a score (met stigma: any enacted item at 4 or more). */
  items?: { fields: readonly string[]; atLeast: number };
  /** For a share: the column heading of the people it counts ("People who avoided care"). */
  flaggedLabel?: string;
  /** The measure's definition and base, in plain English (from the registry where it is one). */
  definition?: string;
  base?: string;
  registry?: RegistryLink;
}

export interface ExploreDataset {
  name: string;
  title: string;
  description: string;
  /** The published file name, e.g. "outcomes.parquet". */
  file: string;
  level: Level;
  subject: string;
  /** "people" / "organisations" and the singular. */
  noun: { one: string; many: string };
  dimensions: Dimension[];
  measures: Measure[];
  /** All fields, for the console's table list. */
  fields: { name: string; type: string; title: string }[];
}

/** Fields whose mean is worth showing, with the label to show. */
const MEANS: Record<string, string> = { barc_total: "Mean BARC-10 total (10–60)" };

/** An explorer measure that is a registry measure: label, definition and base come from the registry. */
function fromRegistry(id: Measure["id"], kind: Measure["kind"], registry: RegistryLink, extra: Partial<Measure> = {}): Measure {
  const m = registryMeasure(registry.id);
  return { id, label: m.name, kind, definition: m.definition, base: m.base, registry, ...extra };
}

const ENACTED_ITEMS = ["enacted_1", "enacted_2", "enacted_3"];
const BY_SETTING: RegistryLink = { id: "", keyDims: ["setting"], overall: "Any setting" };

/**
 * Shares of people worth showing, by dataset: a yes/no field, or items at or above a score. Each is a
 * registry measure, counted over the people who answered the question (its base), as the report does.
 */
const SHARES: Record<string, () => Measure[]> = {
  stigma: () => [
    fromRegistry("met-often", "percent", { ...BY_SETTING, id: "stigma-met-often" }, { field: "met_often", items: { fields: ENACTED_ITEMS, atLeast: 4 }, flaggedLabel: "People who met stigma often or very often" }),
    fromRegistry("met-sometimes", "percent", { ...BY_SETTING, id: "stigma-met-sometimes" }, { field: "met_sometimes", items: { fields: ENACTED_ITEMS, atLeast: 3 }, flaggedLabel: "People who met stigma sometimes or more often" }),
    fromRegistry("share", "percent", { ...BY_SETTING, id: "avoided-care" }, { field: "avoided_care", flaggedLabel: "People who avoided care" }),
  ],
};
/** The count of a dataset that is a registry measure for some keys (people assessed, by assessment). */
const COUNTS: Record<string, RegistryLink> = { outcomes: { id: "people-assessed", keyDims: ["assessment"] } };
/** Dimensions offered first, in this order, when a dataset is opened. */
export const PREFERRED = ["setting", "assessment", "region", "age_band", "gender", "role", "stage", "income_band", "staff_band", "primary_substance", "year", "wave"];
/** A dimension with more values than this is not offered (it would not fit a bar chart). */
export const MAX_VALUES = 40;

function isDimension(field: PackageField, subject: string): boolean {
  const role = field.lero?.role;
  if (field.name === subject || field.name.startsWith("__") || /_ref$|_consent$/.test(field.name)) return false;
  if (role === "free-text" || role === "identifier") return false;
  return field.type === "string" || field.type === "boolean" || field.type === "year" || (Array.isArray(field.categories) && field.type !== "list");
}

/** The explorable datasets of a data package, in the order audit, stigma, outcomes as published. */
export function exploreDatasets(pkg: DataPackage): ExploreDataset[] {
  const out: ExploreDataset[] = [];
  for (const resource of pkg.resources) {
    const meta = resource.lero;
    if (meta?.kind !== "microdata" || resource.format !== "parquet" || !meta.dataset || !resource.schema) continue;
    const fields = resource.schema.fields;
    const level: Level = meta.level === "organisation" ? "organisation" : "person";
    const subject = meta.subject ?? fields.find((f) => /_ref$/.test(f.name))?.name;
    if (!subject) continue;
    const measures: Measure[] = [{ id: "count", label: level === "person" ? "People" : "Organisations", kind: "count" }];
    const mean = fields.find((f) => MEANS[f.name] && (f.type === "integer" || f.type === "number"));
    if (mean) measures.push({ id: "mean", label: MEANS[mean.name]!, kind: "mean", field: mean.name });
    const count = COUNTS[meta.dataset];
    if (count) measures[0] = { ...measures[0]!, registry: count };
    const has = (name: string, type?: string) => fields.some((f) => f.name === name && (type === undefined || f.type === type));
    for (const share of SHARES[meta.dataset]?.() ?? []) {
      const usable = share.items ? share.items.fields.every((f) => has(f)) : share.field !== undefined && has(share.field, "boolean");
      if (usable) measures.push(share);
    }
    out.push({
      name: meta.dataset,
      title: (resource.title ?? meta.dataset).replace(/\s*\((PARQUET|CSV)\)$/i, ""),
      description: resource.description ?? "",
      file: resource.path,
      level,
      subject,
      noun: level === "person" ? { one: "person", many: "people" } : { one: "organisation", many: "organisations" },
      dimensions: fields
        .filter((f) => isDimension(f, subject))
        .map((f) => ({ name: f.name, title: f.title ?? f.name, type: f.type, categories: (f.categories ?? []).map(String) })),
      measures,
      fields: fields.map((f) => ({ name: f.name, type: f.type, title: f.title ?? f.name })),
    });
  }
  return out;
}

/** Orders a dimension's values: schema categories first (in their order), then the rest sorted, "[x]" last. */
export function orderValues(dimension: Dimension | undefined, values: readonly string[]): string[] {
  const categories = dimension?.categories ?? [];
  const rank = (v: string) => (v === "[x]" ? 2 : categories.includes(v) ? 0 : 1);
  return [...values].sort((a, b) => rank(a) - rank(b) || (rank(a) === 0 ? categories.indexOf(a) - categories.indexOf(b) : a.localeCompare(b, "en-GB", { numeric: true })));
}

/** The dimensions shown when a dataset opens: preferred ones that have at least two values. */
export function defaultDimensions(dataset: ExploreDataset, known: ReadonlyMap<string, readonly string[]>): string[] {
  const usable = dataset.dimensions.map((d) => d.name).filter((name) => (known.get(name)?.length ?? 0) >= 2);
  const ranked = [...usable].sort((a, b) => rankOf(a) - rankOf(b));
  return ranked.slice(0, 3);
}

function rankOf(name: string): number {
  const i = PREFERRED.indexOf(name);
  return i < 0 ? PREFERRED.length : i;
}

/** The data version to cite. */
export function dataVersion(pkg: DataPackage): string {
  return pkg.version ?? pkg.lero?.version ?? "unversioned";
}
