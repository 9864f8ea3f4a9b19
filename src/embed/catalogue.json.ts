// The embed catalogue for the builder page (`/embed`): each chart's id, title, page, default height and
// the region slugs it allows, and the regions' names in English and Welsh. No data, no components.
import { loadRegions } from "../../loaders/reference.ts";
import { regionSlug, summarise } from "./catalogue.ts";

const regions = loadRegions().map((r) => ({ ...r, slug: regionSlug(r.name) }));
process.stdout.write(JSON.stringify(summarise(regions)));
