import { describe, expect, it } from "vitest";
import audit from "../../data/schemas/audit.json" with { type: "json" };
import outcomes from "../../data/schemas/outcomes.json" with { type: "json" };
import standards from "../../data/schemas/standards.json" with { type: "json" };
import stigma from "../../data/schemas/stigma.json" with { type: "json" };
import stories from "../../data/schemas/stories.json" with { type: "json" };
import workforce from "../../data/schemas/workforce.json" with { type: "json" };
import { categoryValue, type FieldType, type Role, type TableSchema } from "../../loaders/schema.ts";
import { SCHEMAS } from "../../scripts/schemas/write-schemas.ts";

/**
 * Compile-time check of the imported JSON against TableSchema. TypeScript widens JSON string literals
 * ("quasi" becomes string), so the check compares against TableSchema with its literal unions widened:
 * a wrong property type or a missing required property fails `npm run typecheck`.
 */
type Widen<T> = T extends string
  ? string
  : T extends number
    ? number
    : T extends boolean
      ? boolean
      : T extends readonly (infer U)[]
        ? Widen<U>[]
        : T extends object
          ? { [K in keyof T]: Widen<T[K]> }
          : T;
export const typeChecked: Widen<TableSchema>[] = [audit, standards, workforce, stigma, outcomes, stories];

/** The committed JSON, as imported. */
const JSON_SCHEMAS: Record<string, unknown> = { audit, standards, workforce, stigma, outcomes, stories };
const ROLES: Role[] = ["identifier", "quasi", "sensitive", "free-text", "public"];
const TYPES: FieldType[] = ["string", "integer", "number", "boolean", "date", "datetime", "year", "list", "any"];

describe("schemas", () => {
  it("the committed JSON equals the builder's TableSchema objects (which tsc checks against the type)", () => {
    // SCHEMAS is declared Record<string, TableSchema> in write-schemas.ts, so `npm run typecheck` proves
    // the shapes; equality proves the JSON files are those shapes.
    expect(Object.keys(JSON_SCHEMAS).sort()).toEqual(Object.keys(SCHEMAS).sort());
    for (const [name, json] of Object.entries(JSON_SCHEMAS)) {
      expect(json, `data/schemas/${name}.json differs from its source in scripts/schemas/: run npm run schemas`).toEqual(SCHEMAS[name]);
    }
  });

  for (const [name, raw] of Object.entries(JSON_SCHEMAS)) {
    const schema = raw as TableSchema;
    describe(name, () => {
      it("has the Frictionless v2 profile, a name matching the file, a title, a description and lero metadata", () => {
        expect(schema.$schema).toBe("https://datapackage.org/profiles/2.0/tableschema.json");
        expect(schema.name).toBe(name);
        expect(schema.title.length).toBeGreaterThan(5);
        expect(schema.description.length).toBeGreaterThan(20);
        expect(["person", "organisation"]).toContain(schema.lero.level);
        expect(["microdata", "aggregates"]).toContain(schema.lero.publish);
        expect(schema.lero.unit.length).toBeGreaterThan(3);
        const names = schema.fields.map((f) => f.name);
        for (const key of schema.lero.sortKey) expect(names).toContain(key);
        for (const key of schema.primaryKey ?? []) expect(names).toContain(key);
        if (schema.lero.subject !== undefined) expect(schema.fields.find((f) => f.name === schema.lero.subject)?.lero.role).toBe("identifier");
      });

      it("gives every field a snake_case name, a known type, a title, a description and a role", () => {
        const seen = new Set<string>();
        for (const f of schema.fields) {
          expect(f.name, f.name).toMatch(/^[a-z][a-z0-9]*(_[a-z0-9]+)*$/);
          expect(seen.has(f.name), `duplicate ${f.name}`).toBe(false);
          seen.add(f.name);
          expect(TYPES).toContain(f.type);
          expect(f.title, f.name).toBeTruthy();
          expect(f.description, f.name).toBeTruthy();
          expect(ROLES, f.name).toContain(f.lero.role);
        }
      });

      it("gives quasi-identifiers a hierarchy that ends in one value or a date level", () => {
        for (const f of schema.fields.filter((x) => x.lero.role === "quasi")) {
          const h = f.lero.hierarchy ?? [];
          expect(h.length, f.name).toBeGreaterThan(0);
          const last = h[h.length - 1];
          if (f.type === "date") expect(h.map((l) => l.name)).toEqual(["quarter", "year"]);
          else expect(last?.otherwise, f.name).toBeTruthy();
          // The first level maps every category.
          const first = h[0];
          if (first?.map !== undefined && f.categories !== undefined) {
            for (const c of f.categories) expect(Object.keys(first.map), `${f.name}: ${categoryValue(c)}`).toContain(categoryValue(c));
          }
        }
      });

      it("names an existing boolean consent field for each publishable free-text field", () => {
        for (const f of schema.fields.filter((x) => x.lero.role === "free-text")) {
          expect(f.lero.publishable, f.name).toBe(true);
          const consent = schema.fields.find((x) => x.name === f.lero.consentField);
          expect(consent?.type, f.name).toBe("boolean");
        }
      });

      it("gives categories to categorical fields and unique aliases", () => {
        const aliases = schema.fields.flatMap((f) => f.lero.aliases ?? []);
        expect(new Set(aliases).size).toBe(aliases.length);
        for (const f of schema.fields) {
          if (f.type === "list") expect(f.categories?.length, f.name).toBeGreaterThan(0);
          if (f.categories !== undefined) expect(new Set(f.categories.map(categoryValue)).size).toBe(f.categories.length);
        }
      });

      it("points region at the regions reference table", () => {
        if (schema.fields.some((f) => f.name === "region")) {
          expect(schema.foreignKeys).toContainEqual({ fields: ["region"], reference: { resource: "regions", fields: ["name"] } });
        }
      });
    });
  }

  it("links standards to the statements table", () => {
    expect((standards as TableSchema).foreignKeys).toContainEqual({ fields: ["statement_id"], reference: { resource: "standards-statements", fields: ["id"] } });
  });

  it("keeps person and LERO identifiers as identifier fields, not drops", () => {
    const role = (s: unknown, field: string) => (s as TableSchema).fields.find((f) => f.name === field)?.lero.role;
    expect(role(audit, "lero_id")).toBe("identifier");
    expect(role(stigma, "respondent_id")).toBe("identifier");
    expect(role(outcomes, "person_id")).toBe("identifier");
    expect(role(outcomes, "lero")).toBe("identifier");
    expect(role(workforce, "email")).toBe("identifier");
    expect(role(workforce, "name")).toBe("identifier");
    expect((outcomes as TableSchema).lero.subject).toBe("person_id");
  });
});
