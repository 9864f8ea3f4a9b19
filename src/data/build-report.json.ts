// The public build report: rows read, published, rejected and suppressed per dataset, and disclosure figures.
import { readPublished } from "../../loaders/site-data.ts";

process.stdout.write(readPublished("build-report.json"));
