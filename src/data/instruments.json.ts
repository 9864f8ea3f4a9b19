// The instruments' scales for the pages (BARC-10's range and cut-off), from data/reference/instruments.json.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { REFERENCE_DIR } from "../../loaders/schema.ts";

const reference = JSON.parse(readFileSync(join(REFERENCE_DIR, "instruments.json"), "utf8")) as { instruments: { id: string; shortName?: string; total?: unknown }[] };
process.stdout.write(JSON.stringify({ instruments: reference.instruments.map(({ id, shortName, total }) => ({ id, shortName, total })) }));
