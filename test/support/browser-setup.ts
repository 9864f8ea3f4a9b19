// Before any browser test: Chromium must be there and dist/ must be built. Under CI a missing
// Chromium is a failure; elsewhere too, with the exact command to install it.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { CHROMIUM_MISSING, DIST, chromiumAvailable } from "./browser.ts";

export default function setup(): void {
  if (!chromiumAvailable()) throw new Error(CHROMIUM_MISSING);
  if (!existsSync(join(DIST, "index.html"))) throw new Error("dist/ is not built: run `npm run build` (or `npm test`, which builds it) first.");
}
