// Whether this build prints the PDFs (the report, each region's briefing), for pages drawn in the
// browser that link them; set by scripts/build.ts from whether Chromium is installed.
import { pdfsBuilt } from "../../scripts/print/site.ts";

process.stdout.write(JSON.stringify({ built: pdfsBuilt() }));
