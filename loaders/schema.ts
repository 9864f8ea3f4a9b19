/**
 * The Table Schema (Frictionless v2) shapes the project uses, with its own `lero` extension on each
 * field and on the schema. One schema per dataset in `data/schemas/` is the single source of truth for
 * validation, disclosure roles, the data dictionary and the published datapackage.
 */
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export type FieldType =
  | "string"
  | "integer"
  | "number"
  | "boolean"
  | "date"
  | "datetime"
  | "year"
  | "list"
  | "any";

/** Disclosure role of a field (DESIGN.md §5). Every field has one: the world is closed. */
export type Role = "identifier" | "quasi" | "sensitive" | "free-text" | "public";

export type Category = string | { value: string; label?: string };

/**
 * One level of a generalisation hierarchy for a quasi-identifier: a map from the previous level's
 * value to a coarser one. Values absent from `map` go to `otherwise` (or stay as they are when it is
 * absent). The last level is usually a single value such as "UK" or "All ages".
 */
export interface HierarchyLevel {
  name: string;
  map?: Record<string, string>;
  otherwise?: string;
}

export interface FieldLero {
  role: Role;
  /** Generalisation levels, from finest to coarsest (quasi-identifiers only). */
  hierarchy?: HierarchyLevel[];
  /** Free text that may be published once consented and redacted. */
  publishable?: boolean;
  /** The boolean field that holds the consent for this free-text field. */
  consentField?: string;
  /** Other export labels (question text, tool IDs) that map to this field automatically. */
  aliases?: string[];
}

export interface Constraints {
  required?: boolean;
  unique?: boolean;
  minimum?: number | string;
  maximum?: number | string;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  enum?: (string | number | boolean)[];
}

export interface Field {
  name: string;
  type: FieldType;
  title?: string;
  description?: string;
  format?: string;
  constraints?: Constraints;
  categories?: Category[];
  categoriesOrdered?: boolean;
  /** For `list` fields: the item separator in plain exports and the type of each item. */
  delimiter?: string;
  itemType?: Exclude<FieldType, "list" | "any">;
  missingValues?: string[];
  trueValues?: string[];
  falseValues?: string[];
  example?: string;
  lero: FieldLero;
}

export interface ForeignKey {
  fields: string[];
  reference: { resource: string; fields: string[] };
}

export interface SchemaLero {
  /** What one row is ("a LERO in an audit wave"). */
  unit: string;
  /** Whose privacy is at stake: people (k = 10) or organisations (k = 3). */
  level: "person" | "organisation";
  /** Published as row-level microdata (after k-anonymity) or only as aggregates. */
  publish: "microdata" | "aggregates";
  /** For longitudinal data: the field that identifies a person across rows. */
  subject?: string;
  /**
   * For longitudinal data: a field whose set of values over a person's rows is itself a
   * quasi-identifier (which assessments a person attended is known to the staff who ran them).
   * k-anonymity then counts that pattern with the other quasi-identifiers.
   */
  patternQuasi?: string;
  /** Columns the pipeline sorts published rows on, for byte-identical output. */
  sortKey: string[];
  /** Export columns that are known and deliberately dropped (tool metadata). Matched case-insensitively. */
  drop?: string[];
}

export interface TableSchema {
  $schema?: string;
  name: string;
  title: string;
  description: string;
  fields: Field[];
  missingValues?: string[];
  primaryKey?: string[];
  uniqueKeys?: string[][];
  foreignKeys?: ForeignKey[];
  lero: SchemaLero;
}

export const DATASETS = ["audit", "standards", "workforce", "stigma", "outcomes"] as const;
export type Dataset = (typeof DATASETS)[number];

export const PROJECT_ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
export const SCHEMA_DIR = join(PROJECT_ROOT, "data", "schemas");
export const REFERENCE_DIR = join(PROJECT_ROOT, "data", "reference");

/** The value a category stands for in the data. */
export function categoryValue(category: Category): string {
  return typeof category === "string" ? category : category.value;
}

/** Reads `data/schemas/<name>.json`. Throws when the file is missing or not JSON: that is a bug. */
export function loadSchema(name: string, dir: string = SCHEMA_DIR): TableSchema {
  const file = join(dir, `${name}.json`);
  return JSON.parse(readFileSync(file, "utf8")) as TableSchema;
}
