import { describe, expect, it } from "vitest";
import type { Field } from "../../loaders/schema.ts";
import { checkSchema, validateTable } from "../../loaders/validate/index.ts";
import { field, schema, table } from "./fixtures.ts";

describe("checkSchema", () => {
  it("accepts a consistent schema, including a quasi field without a hierarchy", () => {
    const fine = schema([field("id", "string"), field("region", "string", { lero: { role: "quasi" } })], { primaryKey: ["id"] });
    expect(checkSchema(fine)).toEqual([]);
  });

  it("stops validation with a schema-error for a primary key naming a missing field", () => {
    const broken = schema([field("id", "string")], { primaryKey: ["lero_id"] });
    const result = validateTable(table(["id"], [["a"]]), broken);
    expect(result.valid).toBe(false);
    expect(result.read).toBe(0);
    expect(result.issues).toEqual([
      {
        code: "schema-error",
        severity: "error",
        file: "data/schemas/audit.json",
        message: 'primaryKey names "lero_id", which is not a field of the schema: correct the name or add the field.',
      },
    ]);
  });

  it("reports a field without a disclosure role (closed world)", () => {
    const noRole = { name: "postcode", type: "string" } as unknown as Field;
    expect(checkSchema(schema([field("id", "string"), noRole]))).toEqual([
      {
        code: "schema-error",
        severity: "error",
        file: "data/schemas/audit.json",
        field: "postcode",
        message:
          'Field "postcode" has no disclosure role: every field needs "lero": {"role": …} with identifier, quasi, sensitive, free-text or public, so nothing is published by accident.',
      },
    ]);
  });

  it("reports unknown types, bad formats, patterns, bounds and references", () => {
    const broken = schema(
      [
        field("a", "text" as Field["type"]),
        field("b", "date", { format: "%d/%B/%Y" }),
        field("c", "string", { constraints: { pattern: "([a-z" } }),
        field("d", "integer", { constraints: { minimum: "low" } }),
        field("e", "string", { itemType: "integer" }),
        field("f", "string", { lero: { role: "free-text", consentField: "consent" } }),
        field("A", "string"),
      ],
      {
        foreignKeys: [{ fields: ["a"], reference: { resource: "regions", fields: ["code", "name"] } }],
        lero: { unit: "x", level: "person", publish: "aggregates", sortKey: ["z"], drop: ["B"] },
      },
    );
    const messages = checkSchema(broken).map((i) => i.message);
    expect(messages).toEqual([
      'Field "a" has type "text", which is not a Table Schema type: use one of string, integer, number, boolean, date, datetime, year, list, any.',
      'Field "b": format "%d/%B/%Y" uses "%B", which is not supported; use only %d %m %Y %y %H %I %M %S %p %%.',
      expect.stringMatching(/^Field "c" has a pattern that is not a valid regular expression/),
      'Field "d" has constraints.minimum "low", which is not a number: correct it.',
      'Field "e" has an itemType but is a string field: remove itemType, or make the field a list.',
      'Field "A" is defined twice (names are matched without regard to case): rename or remove one of them.',
      'Field "f" takes its consent from "consent", which is not a field: name an existing boolean field in lero.consentField.',
      "foreignKeys[0] has 1 fields but its reference has 2: give one reference field per field.",
      'lero.sortKey names "z", which is not a field of the schema: correct the name or add the field.',
      'lero.drop lists "B", which is also field "b" (or its alias): a column is either kept or dropped, so remove one.',
    ]);
  });
});
