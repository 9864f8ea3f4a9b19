/**
 * What the Outcomes page says about the published tables, worked out here so the page only lays it
 * out: the top band (the one at or above the cut-off), the share at or above the cut-off at each
 * assessment, how many people were still assessed at the last point, and the headlines of the charts,
 * each written from the data (a hidden figure is never guessed; the headline then says what is shown).
 */
import { isNumber, TOTAL, type Value } from "../shared/chart.js";
import { compared, meanIntervalOf, shareInterval } from "../shared/intervals.js";
import type { BarcScale } from "./barc.js";
import type { BandRow } from "./bands.js";
import type { ChangeRow } from "./change.js";
import type { ShareRow } from "./share.js";
import type { TrajectoryRow } from "./trajectory.js";

/** A row of `outcomes-paired-change`: the same people at intake and at a follow-up. */
export interface PairedRow {
  follow_up: string;
  count: Value;
  mean_intake: Value;
  mean_follow_up: Value;
  mean_change: Value;
  /** 95% intervals of the means (`mean_intake_low`, `mean_intake_high`, …). */
  [interval: `${string}_${"low" | "high"}`]: Value;
}

/** A number in the page's prose: "1,195", "42.5" with `digits` decimals; a hidden one is "[c]". */
export function formatNumber(value: Value | undefined, digits = 0): string {
  return isNumber(value) ? value.toLocaleString("en-GB", { minimumFractionDigits: digits, maximumFractionDigits: digits }) : "[c]";
}

/** The band at or above the cut-off: the last band of `outcomes-barc-bands`. */
export function topBand(bands: readonly BandRow[]): string | undefined {
  return [...new Set(bands.map((r) => r.band))].filter((b) => b !== TOTAL).at(-1);
}

/** The share of the people assessed at `assessment` in the top band, or null where it is not shown. */
export function shareAtCutOff(bands: readonly BandRow[], assessment: string | undefined): Value {
  const top = topBand(bands);
  return bands.find((r) => r.assessment === assessment && r.band === top)?.percent ?? null;
}

/** One row per assessment for the share chart: the people assessed and the share at or above the cut-off. */
export function shareRows(bands: readonly BandRow[]): ShareRow[] {
  return [...new Set(bands.map((r) => r.assessment))].map((assessment) => ({
    assessment,
    count: bands.find((r) => r.assessment === assessment && r.band === TOTAL)?.count ?? null,
    percent: shareAtCutOff(bands, assessment) ?? "[c]",
  }));
}

/** People assessed at the last point per 100 assessed at intake, or null when either count is hidden. */
export function retainedPer100(means: readonly TrajectoryRow[]): number | null {
  const intake = means[0];
  const last = means.at(-1);
  return isNumber(intake?.count) && isNumber(last?.count) && intake.count > 0 ? (100 * last.count) / intake.count : null;
}

/** "38% scored 47 or more at 12 months, against 12% at intake". */
export function shareTitle(rows: readonly ShareRow[], scale: BarcScale): string {
  const first = rows[0];
  const last = rows.at(-1);
  return isNumber(first?.percent) && isNumber(last?.percent)
    ? `${formatNumber(last.percent)}% scored ${scale.cutOff} or more at ${last.assessment.toLowerCase()}, against ${formatNumber(first.percent)}% at intake`
    : `Share scoring ${scale.cutOff} or more at each assessment`;
}

/** The people assessed at `assessment` (the base of its shares), or null where hidden. */
function assessedAt(bands: readonly BandRow[], assessment: string | undefined): Value {
  return bands.find((r) => r.assessment === assessment && r.band === TOTAL)?.count ?? null;
}

/**
 * Says totals sat higher up the scale only when both the top-band share and the mean rose by more
 * than chance: their 95% intervals at the last point lie wholly above those at intake.
 */
export function bandsTitle(bands: readonly BandRow[], means: readonly TrajectoryRow[]): string {
  const intake = means[0];
  const last = means.at(-1);
  const share = (r: TrajectoryRow | undefined) => shareInterval(shareAtCutOff(bands, r?.assessment), assessedAt(bands, r?.assessment));
  const mean = (r: TrajectoryRow | undefined) => meanIntervalOf(r, "mean_barc");
  return last && compared(share(last), share(intake)) === "higher" && compared(mean(last), mean(intake)) === "higher"
    ? `Totals sat higher up the scale at ${last.assessment.toLowerCase()} than at intake`
    : "How BARC-10 totals were spread at each assessment";
}

/** The paired-change table as chart rows, one per follow-up. */
export function pairedRows(paired: readonly PairedRow[]): ChangeRow[] {
  return paired.map(({ follow_up, ...r }) => ({ ...r, label: follow_up }));
}

/** "People assessed at intake and 12 months gained 6.2 points on average". */
export function pairedChangeTitle(rows: readonly ChangeRow[]): string {
  const last = rows.at(-1);
  return isNumber(last?.mean_change)
    ? `People assessed at intake and ${last.label} ${last.mean_change >= 0 ? "gained" : "lost"} ${formatNumber(Math.abs(last.mean_change), 1)} points on average`
    : "Change from intake for the same people";
}

/**
 * The rows of a change table grouped by `dim` (region, stage) as chart rows: the Total row first,
 * labelled `totalLabel` ("All regions"), then the groups.
 */
export function totalFirst<T extends Record<string, unknown>>(rows: readonly T[], dim: string, totalLabel: string): (T & { label: string })[] {
  return [
    ...rows.filter((r) => r[dim] === TOTAL).map((r) => ({ ...r, label: totalLabel })),
    ...rows.filter((r) => r[dim] !== TOTAL).map((r) => ({ ...r, label: String(r[dim]) })),
  ];
}

/** The groups after the Total row whose change is shown, largest change first. */
function rankedGroups(rows: readonly ChangeRow[]): (ChangeRow & { mean_change: number })[] {
  return rows
    .slice(1)
    .filter((r): r is ChangeRow & { mean_change: number } => isNumber(r.mean_change))
    .sort((a, b) => b.mean_change - a.mean_change);
}

/** True when the change's 95% interval lies wholly above zero: a rise that is not chance. */
function roseBeyondChance(row: ChangeRow): boolean {
  const interval = meanIntervalOf(row as unknown as Record<string, unknown>, "mean_change");
  return interval !== undefined && interval.low > 0;
}

/**
 * "Mean totals rose in every region shown, by 4.1 to 8.3 points" when every region's change is above
 * zero beyond chance (its interval excludes zero), or the range otherwise.
 */
export function regionChangeTitle(rows: readonly ChangeRow[]): string {
  const ranked = rankedGroups(rows);
  const high = ranked[0];
  const low = ranked.at(-1);
  if (ranked.length > 1 && high && low) {
    return ranked.every(roseBeyondChance)
      ? `Mean totals rose in every region shown, by ${formatNumber(low.mean_change, 1)} to ${formatNumber(high.mean_change, 1)} points`
      : `Mean change from intake to 12 months ranged from ${formatNumber(low.mean_change, 1)} to ${formatNumber(high.mean_change, 1)} points by region`;
  }
  return "Change from intake to 12 months by region";
}

/** The spread of the mean change between stages (largest minus smallest), or null with fewer than two. */
export function stageSpread(rows: readonly ChangeRow[]): number | null {
  const shown = rankedGroups(rows);
  return shown.length > 1 ? shown[0]!.mean_change - shown.at(-1)!.mean_change : null;
}

/**
 * Says changes differed between stages only when the largest and smallest changes' 95% intervals do
 * not overlap; otherwise they are similar.
 */
export function stageChangeTitle(rows: readonly ChangeRow[]): string {
  const spread = stageSpread(rows);
  if (spread === null) return "Change from intake to 12 months by LERO stage of development";
  const ranked = rankedGroups(rows);
  const interval = (r: ChangeRow | undefined) => meanIntervalOf(r, "mean_change");
  const differs = compared(interval(ranked[0]), interval(ranked.at(-1))) === "higher";
  if (!differs && spread >= 1) {
    return `Mean change from intake to 12 months was similar at LEROs of every stage shown (${formatNumber(ranked.at(-1)!.mean_change, 1)} to ${formatNumber(ranked[0]!.mean_change, 1)} points; the 95% intervals overlap)`;
  }
  return spread < 1
    ? `People gained about the same at LEROs of every stage shown (within ${formatNumber(spread, 1)} points)`
    : `Mean change from intake to 12 months differed by up to ${formatNumber(spread, 1)} points between LERO stages`;
}

/** Whether the change-by-stage table has anything to draw (no rows, or every count is "[x]", has not). */
export function stageChangeAvailable(rows: readonly ChangeRow[]): boolean {
  return rows.length > 0 && !rows.every((r) => r.count === "[x]");
}
