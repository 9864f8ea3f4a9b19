#!/usr/bin/env node
// The `lero-evidence` command. The pipeline is TypeScript; tsx compiles it on the fly.
import { register } from "tsx/esm/api";

register();
const { main } = await import("../loaders/cli.ts");
process.exitCode = await main(process.argv.slice(2));
