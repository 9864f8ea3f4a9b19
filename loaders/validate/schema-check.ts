/**
 * Checks that a Table Schema is consistent before any data is read against it. A problem here is
 * bad configuration, so every issue is a `schema-error` that stops validation of the table.
 */
import type { Field, FieldType, Role, TableSchema } from "../schema.ts";
import type { Issue } from "../types.ts";
import { dateParserFor } from "./datetime.ts";

const TYPES: ReadonlySet<FieldType> = new Set(["string", "integer", "number", "boolean", "date", "datetime", "year", "list", "any"]);
const ITEM_TYPES: ReadonlySet<string> = new Set(["string", "integer", "number", "boolean", "date", "datetime", "year"]);
const ROLES: ReadonlySet<Role> = new Set(["identifier", "quasi", "sensitive", "free-text", "public"]);
const ROLE_LIST = "identifier, quasi, sensitive, free-text or public";

/** Where a schema lives, for messages: `data/schemas/<name>.json`. */
export function schemaFileOf(schema: TableSchema): string {
  return `data/schemas/${schema.name}.json`;
}

/** Every inconsistency in the schema, as `schema-error` issues against `file` (the schema's path). */
export function checkSchema(schema: TableSchema, file: string = schemaFileOf(schema)): Issue[] {
  const issues: Issue[] = [];
  const fail = (message: string, field?: string) => {
    const issue: Issue = { code: "schema-error", severity: "error", message, file };
    if (field !== undefined) issue.field = field;
    issues.push(issue);
  };

  if (!Array.isArray(schema.fields) || schema.fields.length === 0) {
    fail(`The schema has no fields: list the dataset's columns in "fields", each with a name, a type and a lero.role.`);
    return issues;
  }
  if (schema.lero === undefined || typeof schema.lero !== "object") {
    fail(`The schema has no "lero" section: add one with unit, level, publish and sortKey.`);
  }

  const byName = new Map<string, Field>();
  const labelOwners = new Map<string, string>();
  schema.fields.forEach((field, index) => {
    if (typeof field.name !== "string" || field.name.trim() === "") {
      fail(`Field ${index + 1} has no name: give it a "name" (the column label or its mapped name).`);
      return;
    }
    const name = field.name;
    const lower = name.trim().toLowerCase();
    if (labelOwners.has(lower)) {
      fail(`Field "${name}" is defined twice (names are matched without regard to case): rename or remove one of them.`, name);
    }
    labelOwners.set(lower, name);
    byName.set(name, field);
    checkField(field, fail);
  });

  for (const field of schema.fields) {
    for (const alias of field.lero?.aliases ?? []) {
      const lower = alias.trim().toLowerCase();
      const owner = labelOwners.get(lower);
      if (owner !== undefined && owner !== field.name) {
        fail(`The alias "${alias}" of field "${field.name}" is also the name or an alias of field "${owner}": an export column must map to one field, so remove one.`, field.name);
      }
      labelOwners.set(lower, field.name);
    }
    const consent = field.lero?.consentField;
    if (consent !== undefined) {
      const target = byName.get(consent);
      if (target === undefined) {
        fail(`Field "${field.name}" takes its consent from "${consent}", which is not a field: name an existing boolean field in lero.consentField.`, field.name);
      } else if (target.type !== "boolean") {
        fail(`Field "${field.name}" takes its consent from "${consent}", which is a ${target.type} field: consent must be a boolean field.`, field.name);
      }
    }
  }

  const names = (list: unknown, where: string) => {
    if (list === undefined) return;
    if (!Array.isArray(list)) {
      fail(`${where} must be a list of field names.`);
      return;
    }
    for (const name of list) {
      if (typeof name !== "string" || !byName.has(name)) {
        fail(`${where} names "${String(name)}", which is not a field of the schema: correct the name or add the field.`);
      }
    }
  };
  names(schema.primaryKey, "primaryKey");
  schema.uniqueKeys?.forEach((key, i) => names(key, `uniqueKeys[${i}]`));
  schema.foreignKeys?.forEach((key, i) => {
    names(key.fields, `foreignKeys[${i}].fields`);
    if (key.reference === undefined || typeof key.reference.resource !== "string") {
      fail(`foreignKeys[${i}] has no reference.resource: name the reference table its values must come from.`);
    } else if (!Array.isArray(key.reference.fields) || key.reference.fields.length !== key.fields.length) {
      fail(`foreignKeys[${i}] has ${key.fields.length} fields but its reference has ${key.reference.fields?.length ?? 0}: give one reference field per field.`);
    }
  });
  if (schema.lero !== undefined) {
    names(schema.lero.sortKey, "lero.sortKey");
    if (schema.lero.subject !== undefined) names([schema.lero.subject], "lero.subject");
    if (schema.lero.patternQuasi !== undefined) {
      names([schema.lero.patternQuasi], "lero.patternQuasi");
      if (schema.lero.subject === undefined) fail("lero.patternQuasi needs lero.subject: a pattern of values is a person's, over their rows.");
    }
    for (const label of schema.lero.drop ?? []) {
      const owner = labelOwners.get(label.trim().toLowerCase());
      if (owner !== undefined) {
        fail(`lero.drop lists "${label}", which is also field "${owner}" (or its alias): a column is either kept or dropped, so remove one.`, owner);
      }
    }
  }
  return issues;
}

function checkField(field: Field, fail: (message: string, field?: string) => void): void {
  const name = field.name;
  if (!TYPES.has(field.type)) {
    fail(`Field "${name}" has type "${String(field.type)}", which is not a Table Schema type: use one of ${[...TYPES].join(", ")}.`, name);
  }
  const role = field.lero?.role;
  if (role === undefined || !ROLES.has(role)) {
    fail(
      role === undefined
        ? `Field "${name}" has no disclosure role: every field needs "lero": {"role": …} with ${ROLE_LIST}, so nothing is published by accident.`
        : `Field "${name}" has role "${String(role)}", which is not a disclosure role: use ${ROLE_LIST}.`,
      name,
    );
  }
  if (field.itemType !== undefined && (field.type !== "list" || !ITEM_TYPES.has(field.itemType))) {
    fail(
      field.type !== "list"
        ? `Field "${name}" has an itemType but is a ${field.type} field: remove itemType, or make the field a list.`
        : `Field "${name}" has itemType "${String(field.itemType)}": use one of ${[...ITEM_TYPES].join(", ")}.`,
      name,
    );
  }
  const valueType = field.type === "list" ? (field.itemType ?? "string") : field.type;
  if (valueType === "date" || valueType === "datetime") {
    try {
      dateParserFor(field.format);
    } catch (error) {
      fail(`Field "${name}": ${(error as Error).message}.`, name);
    }
  }
  const c = field.constraints;
  if (c === undefined) return;
  if (c.pattern !== undefined) {
    try {
      new RegExp(c.pattern);
    } catch (error) {
      fail(`Field "${name}" has a pattern that is not a valid regular expression (${(error as Error).message}): correct constraints.pattern.`, name);
    }
  }
  const numeric = valueType === "integer" || valueType === "number" || valueType === "year";
  for (const key of ["minimum", "maximum"] as const) {
    const bound = c[key];
    if (bound === undefined) continue;
    if (numeric ? !Number.isFinite(Number(bound)) || bound === "" : typeof bound !== "string" && typeof bound !== "number") {
      fail(`Field "${name}" has constraints.${key} ${JSON.stringify(bound)}, which is not ${numeric ? "a number" : "a text or date value"}: correct it.`, name);
    }
  }
  for (const key of ["minLength", "maxLength"] as const) {
    const length = c[key];
    if (length !== undefined && (!Number.isInteger(length) || length < 0)) {
      fail(`Field "${name}" has constraints.${key} ${JSON.stringify(length)}: use a whole number of 0 or more.`, name);
    }
  }
}
