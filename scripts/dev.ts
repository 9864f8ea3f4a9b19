// `npm run dev`: publish the data, seed the npm cache, then Framework's live preview (no network).
import { spawn } from "node:child_process";
import { buildData } from "../loaders/pipeline/index.ts";
import { PROJECT_ROOT } from "../loaders/schema.ts";
import { PUBLISHED_DIR } from "../loaders/site-data.ts";
import { dropLoaderOutputs, FRAMEWORK_BIN } from "./build.ts";
import { seedNpmCache } from "./seed-npm-cache.ts";

await buildData({ out: PUBLISHED_DIR });
await seedNpmCache();
// Start from fresh loader output, as a build does (a loader's imports may have changed since).
await dropLoaderOutputs();
const child = spawn(process.execPath, [FRAMEWORK_BIN, "preview", ...process.argv.slice(2)], {
  cwd: PROJECT_ROOT,
  stdio: "inherit",
  env: { ...process.env, OBSERVABLE_TELEMETRY_DISABLE: "true", LERO_PUBLISHED_DIR: PUBLISHED_DIR },
});
child.on("exit", (code) => process.exit(code ?? 1));
