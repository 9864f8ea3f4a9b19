import { describe, expect, it } from "vitest";
import instruments from "../../../data/reference/instruments.json" with { type: "json" };
import { barc10 } from "../../../src/components/outcomes/barc.ts";
import type { BandRow } from "../../../src/components/outcomes/bands.ts";
import type { ChangeRow } from "../../../src/components/outcomes/change.ts";
import {
  bandsTitle,
  formatNumber,
  pairedChangeTitle,
  pairedRows,
  regionChangeTitle,
  retainedPer100,
  shareAtCutOff,
  shareRows,
  shareTitle,
  stageChangeAvailable,
  stageChangeTitle,
  topBand,
  totalFirst,
} from "../../../src/components/outcomes/summary.ts";

const scale = barc10(instruments);

const band = (assessment: string, rows: [string, number | string | null, number | string | null][]): BandRow[] =>
  rows.map(([b, count, percent]) => ({ assessment, band: b, count, percent }));

const bands: BandRow[] = [
  ...band("Intake", [["40–46", 60, 15], ["47–60", 20, 5], ["Total", 400, 100]]),
  ...band("12 months", [["40–46", 40, 33.3], ["47–60", 45, 37.5], ["Total", 120, 100]]),
];

const means = [
  { assessment: "Intake", count: 400, mean_barc: 33.2, mean_barc_low: 32.3, mean_barc_high: 34.1 },
  { assessment: "12 months", count: 120, mean_barc: 44.5, mean_barc_low: 42.8, mean_barc_high: 46.2 },
];

/** A change row whose change has a 95% interval of ± `half` points. */
const change = (label: string, mean_change: number | string | null, half = 1): ChangeRow => ({
  label,
  count: 50,
  mean_intake: 30,
  mean_follow_up: 30,
  mean_change,
  ...(typeof mean_change === "number" ? { mean_change_low: mean_change - half, mean_change_high: mean_change + half } : {}),
});

describe("outcomes page summary", () => {
  it("finds the top band and the share in it at each assessment", () => {
    expect(topBand(bands)).toBe("47–60");
    expect(shareAtCutOff(bands, "12 months")).toBe(37.5);
    expect(shareAtCutOff(bands, "6 months")).toBeNull();
    expect(shareRows(bands)).toEqual([
      { assessment: "Intake", count: 400, percent: 5 },
      { assessment: "12 months", count: 120, percent: 37.5 },
    ]);
  });

  it("writes the share headline with the cut-off from the reference data", () => {
    expect(shareTitle(shareRows(bands), scale)).toBe("38% scored 47 or more at 12 months, against 5% at intake");
    expect(shareTitle([{ assessment: "Intake", count: 400, percent: "[c]" }], scale)).toBe("Share scoring 47 or more at each assessment");
  });

  it("says totals sat higher only when both the top band and the mean rose", () => {
    expect(bandsTitle(bands, means)).toBe("Totals sat higher up the scale at 12 months than at intake");
    expect(bandsTitle(bands, [means[0]!, { ...means[1]!, mean_barc: "[c]" }])).toBe("How BARC-10 totals were spread at each assessment");
  });

  it("counts those still assessed per 100 at intake, unless a count is hidden", () => {
    expect(retainedPer100(means)).toBe(30);
    expect(retainedPer100([means[0]!, { ...means[1]!, count: "[c]" }])).toBeNull();
  });

  it("puts the Total row first under its own label", () => {
    const rows = totalFirst([{ region: "Wales", n: 1 }, { region: "Total", n: 2 }], "region", "All regions");
    expect(rows).toEqual([
      { region: "Total", n: 2, label: "All regions" },
      { region: "Wales", n: 1, label: "Wales" },
    ]);
  });

  it("writes the change headlines from the rows shown", () => {
    const paired = pairedRows([{ follow_up: "12 months", count: 100, mean_intake: 30, mean_follow_up: 36.2, mean_change: 6.2 }]);
    expect(pairedChangeTitle(paired)).toBe("People assessed at intake and 12 months gained 6.2 points on average");
    expect(pairedChangeTitle([change("12 months", "[c]")])).toBe("Change from intake for the same people");
    expect(regionChangeTitle([change("All regions", 5), change("North East", 8.3), change("Wales", 4.1)])).toBe("Mean totals rose in every region shown, by 4.1 to 8.3 points");
    expect(regionChangeTitle([change("All regions", 5), change("North East", 2), change("Wales", -1)])).toBe("Mean change from intake to 12 months ranged from -1.0 to 2.0 points by region");
    expect(regionChangeTitle([change("All regions", 5), change("Wales", "[c]")])).toBe("Change from intake to 12 months by region");
    expect(stageChangeTitle([change("All stages", 5), change("Emerging", 5.2), change("Mature", 5.6)])).toBe("People gained about the same at LEROs of every stage shown (within 0.4 points)");
    expect(stageChangeTitle([change("All stages", 5), change("Emerging", 3), change("Mature", 6)])).toBe("Mean change from intake to 12 months differed by up to 3.0 points between LERO stages");
    // The same gap with overlapping intervals is similar, not a difference.
    expect(stageChangeTitle([change("All stages", 5), change("Emerging", 3, 2), change("Mature", 6, 2)])).toBe("Mean change from intake to 12 months was similar at LEROs of every stage shown (3.0 to 6.0 points; the 95% intervals overlap)");
    // A region whose change could be zero (its interval reaches below it) is not said to have risen.
    expect(regionChangeTitle([change("All regions", 5), change("North East", 8.3), change("Wales", 0.5)])).toBe("Mean change from intake to 12 months ranged from 0.5 to 8.3 points by region");
  });

  it("knows when the change by stage cannot be shown", () => {
    expect(stageChangeAvailable([])).toBe(false);
    expect(stageChangeAvailable([{ ...change("All stages", null), count: "[x]" }])).toBe(false);
    expect(stageChangeAvailable([change("All stages", 5)])).toBe(true);
  });

  it("writes numbers for prose, and [c] for a hidden one", () => {
    expect(formatNumber(1195)).toBe("1,195");
    expect(formatNumber(6.25, 1)).toBe("6.3");
    expect(formatNumber("[c]")).toBe("[c]");
  });
});
