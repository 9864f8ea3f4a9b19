// `npm run clean`: removes everything the build makes, including Framework's loader and npm caches,
// so the next build starts from nothing (the loader cache does not notice edits to loaders/).
import { rm } from "node:fs/promises";
import { join } from "node:path";
import { PROJECT_ROOT } from "../loaders/schema.ts";

for (const path of ["dist", ".tmp", join("src", ".observablehq", "cache")]) {
  await rm(join(PROJECT_ROOT, path), { recursive: true, force: true });
}
process.stderr.write("Removed dist/, .tmp/ and src/.observablehq/cache/.\n");
