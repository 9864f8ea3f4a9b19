import { describe, expect, it } from "vitest";
import { assessmentComparisons, breakdownTitle, settingComparisons } from "../../../src/components/regions/briefing.ts";

const stigma = {
  rows: [
    { region: "Wales", setting: "GP", count: 85, enacted_count: 45, percent: 52.9 },
    { region: "Total", setting: "GP", count: 995, enacted_count: 425, percent: 42.7 },
    { region: "Wales", setting: "Pharmacy", count: 55, enacted_count: "[c]", percent: null },
    { region: "Total", setting: "Pharmacy", count: 660, enacted_count: 70, percent: 10.6 },
    { region: "Wales", setting: "Police", count: 400, enacted_count: 60, percent: 15 },
    { region: "Total", setting: "Police", count: 4000, enacted_count: 1800, percent: 45 },
  ],
};
const barc = {
  rows: [
    { region: "Wales", assessment: "Intake", count: 725, mean_barc: 34.4, mean_barc_low: 33.7, mean_barc_high: 35.1 },
    { region: "Total", assessment: "Intake", count: 7700, mean_barc: 34.6, mean_barc_low: 34.4, mean_barc_high: 34.8 },
    { region: "Wales", assessment: "3 months", count: "[c]", mean_barc: null, mean_barc_low: null, mean_barc_high: null },
    { region: "Total", assessment: "3 months", count: 5250, mean_barc: 39.9, mean_barc_low: 39.6, mean_barc_high: 40.2 },
  ],
};

describe("region briefing breakdowns", () => {
  it("sets each setting's share beside the UK's, with Wilson intervals and registry keys", () => {
    const rows = settingComparisons(stigma, "Wales");
    expect(rows.map((r) => r.label)).toEqual(["GP", "Pharmacy", "Police"]);
    const gp = rows[0]!;
    expect(gp).toMatchObject({ kind: "percent", region: 52.9, uk: 42.7, regionBase: "85 people", ukBase: "995 people", measure: "stigma-met-often" });
    expect(gp.regionKey).toBe("GP / Wales");
    expect(gp.ukKey).toBe("GP");
    expect(gp.regionInterval!.low).toBeGreaterThan(40);
    expect(gp.regionInterval!.high).toBeLessThan(65);
    // A hidden share has no interval, so nothing is said about it.
    expect(rows[1]!.region).toBeNull();
    expect("regionInterval" in rows[1]!).toBe(false);
  });

  it("sets each assessment's mean beside the UK's, with the published t intervals", () => {
    const rows = assessmentComparisons(barc, "Wales");
    expect(rows[0]).toMatchObject({ kind: "mean", region: 34.4, uk: 34.6, regionInterval: { value: 34.4, low: 33.7, high: 35.1 }, measure: "barc-mean", ukKey: "Intake" });
    expect(rows[1]!.regionBase).toBe("[c] people");
  });

  it("names only the differences whose intervals do not overlap", () => {
    const settings = settingComparisons(stigma, "Wales");
    const where = (s: string) => `at the ${s}`;
    expect(breakdownTitle(settings, "Wales", "stigma by setting", where)).toBe("Wales: stigma by setting, lower than the UK at the Police");
    expect(breakdownTitle(settings.slice(0, 2), "Wales", "stigma by setting", where)).toBe("Wales: stigma by setting, similar to the UK wherever the two can be compared");
    expect(breakdownTitle(assessmentComparisons(barc, "Wales").slice(1), "Wales", "BARC-10", where)).toBe("Wales: BARC-10, mostly hidden to protect confidentiality");
  });
});
