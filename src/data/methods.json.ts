// What the Methods page prints: the disclosure policy, what the built-in intruder tried on this release
// (from the build report), the data dictionary (from the schemas) and the published files with their
// sizes and hashes (from datapackage.json).
import { loadPolicy } from "../../loaders/disclose/policy.ts";
import { DATASETS, loadSchema } from "../../loaders/schema.ts";
import { readPublishedJson } from "../../loaders/site-data.ts";
import type { BuildReport } from "../../loaders/pipeline/index.ts";
import type { DataPackage } from "../lib/published.ts";

const policy = loadPolicy();
const datapackage = readPublishedJson<DataPackage>("datapackage.json");
const report = readPublishedJson<BuildReport>("build-report.json");
const schemas = [...DATASETS, "stories" as const].map((name) => {
  const schema = loadSchema(name);
  return {
    name,
    title: schema.title,
    description: schema.description,
    unit: schema.lero.unit,
    level: schema.lero.level,
    publish: schema.lero.publish,
    fields: schema.fields.map((f) => ({
      name: f.name,
      title: f.title ?? f.name,
      type: f.type === "list" ? `list of ${f.itemType ?? "string"}` : f.type,
      role: f.lero.role,
      description: f.description ?? "",
      values: (f.categories ?? []).map((c) => (typeof c === "string" ? c : c.label ?? c.value)).join("; "),
    })),
  };
});

process.stdout.write(
  JSON.stringify({
    version: datapackage.version,
    illustrative: datapackage.lero.illustrative,
    // Which datasets' exports were the bundled sample's files (all of them for the sample itself), so
    // Methods can say which figures are illustrative when sample files sat beside real exports.
    sampleDatasets: datapackage.lero.sampleDatasets ?? [],
    datasets: datapackage.lero.datasets ?? [...DATASETS],
    policy: { settings: policy.settings, groups: policy.groups, person: policy.person, organisation: policy.organisation },
    intruder: report.intruder,
    schemas,
    resources: datapackage.resources.map(({ name, title, path, format, bytes, hash, lero }) => ({ name, title, path, format, bytes, hash, kind: lero.kind, dataset: lero.dataset })),
  }),
);
