// The disclosure rules the explorer applies in the browser, copied from data/disclosure.json (never hard-coded in the page).
import { loadPolicy } from "../../loaders/disclose/policy.ts";

const policy = loadPolicy();
process.stdout.write(
  JSON.stringify({
    person: policy.person,
    organisation: policy.organisation,
    symbols: policy.symbols,
    csvEscape: policy.csvEscape,
  }),
);
