// The embed catalogue for the builder page (`/embed`): each chart's id, title, page, default height and
// the region slugs it allows, and the regions' names in English and Welsh. No data, no components.
// Charts whose tables the release does not have (their data is not yet collected) are left out.
import { loadRegions } from "../../loaders/reference.ts";
import { readPublishedJson } from "../../loaders/site-data.ts";
import type { DataPackage } from "../lib/published.ts";
import { regionSlug, summarise } from "./catalogue.ts";

const regions = loadRegions().map((r) => ({ ...r, slug: regionSlug(r.name) }));
const tables = new Set(readPublishedJson<DataPackage>("datapackage.json").resources.filter((r) => r.lero.kind === "aggregate").map((r) => r.name));
process.stdout.write(JSON.stringify(summarise(regions, (id) => tables.has(id))));
