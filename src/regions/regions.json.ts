// The 12 UK ITL1 regions from data/reference/regions.csv, each with the slug of its page.
import { loadRegions } from "../../loaders/reference.ts";
import { regionSlug } from "../../observablehq.config.ts";

process.stdout.write(JSON.stringify(loadRegions().map((region) => ({ ...region, slug: regionSlug(region.name) }))));
