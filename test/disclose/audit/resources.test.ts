import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readPackage } from "../../../loaders/disclose/audit/resources.ts";

function site(pkg: unknown, files: Record<string, string> = {}, schemas: Record<string, unknown> = {}): { dist: string; schemaDir: string } {
  const dist = mkdtempSync(join(tmpdir(), "lero-audit-"));
  const schemaDir = join(dist, "..", `${dist.split("/").at(-1)}-schemas`);
  mkdirSync(join(dist, "data"), { recursive: true });
  mkdirSync(schemaDir, { recursive: true });
  writeFileSync(join(dist, "data", "datapackage.json"), JSON.stringify(pkg));
  for (const [path, text] of Object.entries(files)) writeFileSync(join(dist, "data", path), text);
  for (const [name, schema] of Object.entries(schemas)) writeFileSync(join(schemaDir, `${name}.json`), JSON.stringify(schema));
  return { dist, schemaDir };
}

describe("reading the datapackage once", () => {
  it("gives each resource a definite shape, the strictest reading where the package is silent", () => {
    const { dist } = site({ resources: [{ name: "t", path: "t.csv", lero: { kind: "whatever", level: "household" } }] }, { "t.csv": "a\n1\n" });
    const { resources, findings } = readPackage(dist, null);
    expect(findings).toEqual([]);
    expect(resources).toEqual([{ name: "t", files: [{ file: join(dist, "data", "t.csv"), rel: "data/t.csv" }], format: undefined, kind: undefined, level: "person", subject: undefined, roles: new Map() }]);
  });

  it("reports a resource without a path and a file outside data/ or missing", () => {
    const { dist } = site({ resources: [{ name: "a" }, { name: "b", path: ["../secret.csv", "gone.csv"] }] });
    const { resources, findings } = readPackage(dist, null);
    expect(findings.map((f) => [f.code, f.file, f.message])).toEqual([
      ["missing-resource", "data/datapackage.json", "a has no path"],
      ["missing-resource", "secret.csv", "b: the file named in data/datapackage.json is missing or outside data/"],
      ["missing-resource", "data/gone.csv", "b: the file named in data/datapackage.json is missing or outside data/"],
    ]);
    expect(resources.map((r) => [r.name, r.files])).toEqual([["b", []]]);
  });

  it("takes each column's strictest role from the package and the source schema", () => {
    const fields = [
      { name: "region", lero: { role: "public" } },
      { name: "email", lero: { role: "public" } },
      { name: "odd", lero: { role: "not-a-role" } },
    ];
    const source = { lero: { subject: "person_ref" }, fields: [{ name: "region", lero: { role: "quasi" } }, { name: "email", lero: { role: "identifier" } }] };
    const { dist, schemaDir } = site({ resources: [{ name: "stigma", path: "s.csv", format: "CSV", schema: { fields }, lero: { kind: "microdata", level: "organisation" } }] }, { "s.csv": "x\n" }, { stigma: source });
    const [resource] = readPackage(dist, schemaDir).resources;
    expect(resource).toMatchObject({ format: "csv", kind: "microdata", level: "organisation", subject: "person_ref" });
    expect([...resource!.roles]).toEqual([
      ["region", "quasi"],
      ["email", "identifier"],
    ]);
  });

  it("reports a missing or unreadable package", () => {
    const { dist } = site({});
    writeFileSync(join(dist, "data", "datapackage.json"), "{ not json");
    expect(readPackage(dist, null).findings.map((f) => f.code)).toEqual(["unreadable"]);
    expect(readPackage(join(dist, "nowhere"), null).findings.map((f) => f.code)).toEqual(["missing-datapackage"]);
  });
});
