/** What the intruder reports: findings (each one a way in) and figures (what it tried). */

/**
 * Stable finding codes:
 * - `narrow-interval`: a suppressed cell is pinned more narrowly than its rule protects.
 * - `small-complement`: a superset minus a subset (Total − cell, count − enacted, base − option) is
 *   forced into 1..threshold.
 * - `microdata-difference`: a table cell counts more (or fewer) units than the microdata holds.
 * - `re-attached`: records of the microdata whose generalised value the tables give back.
 * - `solver-limit`: the re-attachment programme was stopped by its time limit, so it proves nothing.
 * - `inconsistent-tables`: no set of counts fits every published figure of a population (the
 *   metadata or the tables are wrong), so its interval audit could not run.
 * - `missing-population`: a table with counts declares no population; it was audited alone.
 * - `small-k`: a class of the quasi-identifiers holds fewer units than the policy's k.
 * - `small-l`: a sensitive field has fewer than 2 distinct values within a class.
 * - `mean-small-group`: a mean is shown for a group whose size is hidden or never published.
 * - `mean-homogeneous`: a mean's interval proves everyone in its group gave the same answer.
 */
export type IntruderCode =
  | "narrow-interval"
  | "small-complement"
  | "microdata-difference"
  | "re-attached"
  | "solver-limit"
  | "inconsistent-tables"
  | "missing-population"
  | "small-k"
  | "small-l"
  | "mean-small-group"
  | "mean-homogeneous";

export interface IntruderFinding {
  code: IntruderCode;
  /** One line: what was learnt, from which tables and cells, and how to fix it. */
  message: string;
  /** The published files involved, relative to the published folder (`aggregates/x.json`, `stigma.csv`). */
  resources: string[];
  /** The population (aggregates) or dataset (microdata) concerned. */
  population?: string;
  /** The cell, written `dimension=value, … / measure` (`Total / count` for a grand total). */
  cell?: string;
  /** What the intruder worked out: the cell's (or difference's) interval, or a class size. */
  interval?: [number, number];
}

export interface IntruderFigures {
  /** Suppressed cells (distinct cells of a population) whose feasible interval was computed. */
  cellsAudited: number;
  /** The narrowest interval found for a suppressed cell, and which cell; null when none was audited. */
  narrowest: { cell: string; resources: string[]; interval: [number, number] } | null;
  /** Published means (with or without their intervals) checked for hidden groups and for groups with no spread. */
  meansAudited: number;
  /** Tables compared with microdata for differencing. */
  tablesCompared: number;
  /** Microdata records (units) whose generalised value the tables pin down. */
  recordsForced: number;
  /** Per microdata dataset: the smallest class over the quasi-identifiers and the smallest l. */
  microdata: MicrodataFigures[];
  /** Wall-clock time of the whole run, in milliseconds. */
  elapsedMs: number;
}

export interface MicrodataFigures {
  dataset: string;
  /** The file read (`stigma.csv`). */
  resource: string;
  units: number;
  /** Smallest number of units sharing one combination of quasi-identifiers (null: no quasi-identifiers). */
  k: number | null;
  /** Smallest number of distinct values of a sensitive field within a class (null: no sensitive fields). */
  l: number | null;
  /** The sensitive field where l is smallest. */
  lField?: string;
}

export interface IntruderReport {
  findings: IntruderFinding[];
  figures: IntruderFigures;
}
