/**
 * What the explorer can explore, read from the published `datapackage.json`: every Parquet resource
 * marked as microdata, with the fields that can be filtered on (categorical fields that are not free
 * text or pseudonyms) and the measures that make sense for it.
 */
import type { DataPackage, PackageField } from "../../lib/published.js";
import type { Level } from "./disclosure.js";

export interface Dimension {
  name: string;
  title: string;
  type: string;
  /** The schema's category order, used to order values. */
  categories: string[];
}

export interface Measure {
  id: "count" | "mean" | "share";
  label: string;
  kind: "count" | "mean" | "percent";
  /** The field averaged (mean) or shared (share). */
  field?: string;
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
/** Yes/no fields whose share of people is worth showing. */
const SHARES: Record<string, string> = { avoided_care: "% who avoided care because of stigma" };
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
    const share = fields.find((f) => SHARES[f.name] && f.type === "boolean");
    if (share) measures.push({ id: "share", label: SHARES[share.name]!, kind: "percent", field: share.name });
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
