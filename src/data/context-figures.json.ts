// Official statistics for the Context page, from data/reference/context-figures.csv (one row per figure).
import { readReferenceCsv } from "../../loaders/reference.ts";

const figures = readReferenceCsv("context-figures.csv").map((row) => ({
  ...row,
  value: Number(row.value),
  checked: row.checked_against_primary === "yes",
}));
process.stdout.write(JSON.stringify(figures));
