/**
 * Preloaded (`node --import ./scripts/bench/peak.ts …`) into a command the bench measures from outside,
 * such as `lero-evidence check`: on exit, writes the process's peak resident memory in kilobytes to the
 * file named by LERO_PEAK_FILE.
 */
import { writeFileSync } from "node:fs";

const file = process.env["LERO_PEAK_FILE"];
if (file) process.on("exit", () => writeFileSync(file, String(process.resourceUsage().maxRSS)));
