/**
 * The built-in intruder: it attacks a published release the way a determined reader could, and
 * reports every way in (DESIGN.md §5, "The release is the unit of disclosure control").
 *
 * What it reads — only what the public can download, plus the published policy:
 * - `aggregates/*.json`, in the aggregate contract: `dimensions`, `measures`, `totalLabel`, `rows`,
 *   `level`, `dataset`, optional `base`, and the linking metadata `population` (tables of one
 *   population count the same units, so one key is one number), `additive` (cells along each
 *   dimension add up to its Total), `counts` (which measures count units, and the extra pairs each
 *   implies: `enacted_count` is the `count` cell with enacted=yes) and `hierarchy` (a child value lies
 *   in one parent value). A cell's key is its row's (dimension, value) pairs, Totals dropped, plus the
 *   measure's extra pairs;
 * - `datapackage.json` and the microdata files it lists (CSV, else Parquet), with each field's role,
 *   type and the level it is generalised to (its description says `Published at the level "UK"`);
 * - `data/disclosure.json` (thresholds, rounding, k).
 *
 * What it knows: the rules. A published count v of people is a raw count in v−2…v+2 above the threshold
 * (rounding to 5); organisations' counts are exact; 0 is 0; `[c]` is at least 1; `[low]` is 1 to below
 * half the rounding base; `[z]` is 0.
 *
 * What it tries:
 * 1. the interval audit (`interval-audit.ts`): one LP per population over every cell key, with every
 *    table's intervals, Totals, subsets, bases and hierarchies; each suppressed cell is minimised and
 *    maximised, and each (subset, superset) difference too (`narrow-interval`, `small-complement`);
 * 2. differencing (`differencing.ts`): each table cell the microdata can count, against the microdata
 *    (`microdata-difference`);
 * 3. re-attachment (`reattach.ts`): a whole-number programme that puts generalised values back on
 *    microdata records from tables that show them in full (`re-attached`; `solver-limit` when its time
 *    budget ran out);
 * 4. k and l over the declared quasi-identifiers and sensitive fields (`k-and-l.ts`: `small-k`,
 *    `small-l`);
 * 5. means and their 95% intervals (`means.ts`): a mean shown for a group whose size is hidden
 *    (`mean-small-group`), an interval narrow enough to prove a group all answered alike
 *    (`mean-homogeneous`).
 * Setup problems found on the way are findings too: `inconsistent-tables` (no counts fit a
 * population's figures), `missing-population` (a table audited alone).
 *
 * Limits: percentages and medians are not modelled, nor are means as constraints on the counts or on
 * re-attachment (a region's mean is a sum over its records, which could narrow a programme further);
 * intervals come from the LP relaxation, so a whole-number intruder may pin a little more; tables
 * whose labels the microdata does not use (a boolean shown as "Evaluates its work", a derived
 * dimension) are not compared with it; cells are linked only through the declared metadata, so a
 * wrong `population`, `additive` or `counts` weakens (or, if it claims too much, confuses) the attack;
 * re-attachment of one generalised field at a time, and only of whole classes.
 */
import type { DisclosurePolicy } from "../policy.ts";
import { loadPolicy } from "../policy.ts";
import { collectGarbage } from "../../memory.ts";
import { compareWithMicrodata } from "./differencing.ts";
import { auditIntervals } from "./interval-audit.ts";
import { checkKAndL } from "./k-and-l.ts";
import { auditMeans } from "./means.ts";
import { loadSolver } from "./lp.ts";
import { reattach } from "./reattach.ts";
import { readRelease } from "./release.ts";
import type { IntruderFinding, IntruderReport } from "./types.ts";

export type { IntruderCode, IntruderFigures, IntruderFinding, IntruderReport, MicrodataFigures } from "./types.ts";
export { normaliseTable, readRelease, type AggregateTable, type Microdata, type Release } from "./release.ts";

export interface IntruderOptions {
  /** The disclosure policy (default: `data/disclosure.json`). */
  policy?: DisclosurePolicy;
  /** Seconds the re-attachment programme may take in all (default 60). */
  timeLimit?: number;
}

const ORDER = ["inconsistent-tables", "missing-population", "narrow-interval", "small-complement", "microdata-difference", "re-attached", "solver-limit", "small-k", "small-l", "mean-small-group", "mean-homogeneous"];

/** Attacks the release in `dir` (a published folder: `.tmp/published` or `dist/data`). */
export async function runIntruder(dir: string, options: IntruderOptions = {}): Promise<IntruderReport> {
  const started = performance.now();
  // The build's garbage is collected before the microdata and the solver take their memory.
  collectGarbage();
  const policy = options.policy ?? loadPolicy();
  const release = await readRelease(dir, policy);
  const highs = await loadSolver();
  const intervals = auditIntervals(highs, release, policy);
  const differencing = compareWithMicrodata(release, policy);
  const reattached = reattach(highs, release, policy, { timeLimit: options.timeLimit ?? 60 });
  const kl = checkKAndL(release.microdata, policy);
  const means = auditMeans(release, policy);
  const findings: IntruderFinding[] = [...intervals.findings, ...differencing.findings, ...reattached.findings, ...kl.findings, ...means.findings];
  findings.sort((a, b) => ORDER.indexOf(a.code) - ORDER.indexOf(b.code) || (a.resources[0] ?? "").localeCompare(b.resources[0] ?? ""));
  return {
    findings,
    figures: {
      cellsAudited: intervals.cellsAudited,
      narrowest: intervals.narrowest,
      meansAudited: means.meansAudited,
      tablesCompared: differencing.tablesCompared,
      recordsForced: reattached.recordsForced,
      microdata: kl.figures,
      elapsedMs: Math.round(performance.now() - started),
    },
  };
}
