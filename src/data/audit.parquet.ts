// The published, disclosure-controlled audit rows (written by the pipeline before the site build).
import { readPublished } from "../../loaders/site-data.ts";

process.stdout.write(readPublished("audit.parquet"));
