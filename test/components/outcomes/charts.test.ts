import { describe, expect, it } from "vitest";
import { bandsFigure, describeBands, type BandRow } from "../../../src/components/outcomes/bands.ts";
import { changeFigure, describeChange, type ChangeRow } from "../../../src/components/outcomes/change.ts";
import { shareFigure } from "../../../src/components/outcomes/share.ts";
import { describeTrajectory, trajectoryFigure, trajectoryTitle, type TrajectoryRow } from "../../../src/components/outcomes/trajectory.ts";
import { barc10 } from "../../../src/components/outcomes/barc.ts";
import instruments from "../../../data/reference/instruments.json" with { type: "json" };
import { createDocument, expectSnapshot } from "../snapshot.ts";

const SOURCE = "Outcomes fixture";
const { cutOff } = barc10(instruments);

const means: TrajectoryRow[] = [
  { assessment: "Intake", count: 400, mean_barc: 33.2, mean_barc_low: 32.3, mean_barc_high: 34.1 },
  { assessment: "3 months", count: 250, mean_barc: 38, mean_barc_low: 36.9, mean_barc_high: 39.1 },
  { assessment: "6 months", count: "[c]", mean_barc: null, mean_barc_low: null, mean_barc_high: null },
  { assessment: "12 months", count: 120, mean_barc: 44.5, mean_barc_low: 42.8, mean_barc_high: 46.2 },
];

const bands: BandRow[] = [
  ...[
    ["10–19", 40, 10],
    ["20–29", 120, 30],
    ["30–39", 160, 40],
    ["40–46", 60, 15],
    ["47–60", 20, 5],
    ["Total", 400, 100],
  ].map(([band, count, percent]) => ({ assessment: "Intake", band: band as string, count, percent })),
  ...[
    ["10–19", "[c]", null],
    ["20–29", "[c]", null],
    ["30–39", 30, 25],
    ["40–46", 40, 33.3],
    ["47–60", 45, 37.5],
    ["Total", 120, 100],
  ].map(([band, count, percent]) => ({ assessment: "12 months", band: band as string, count, percent })),
] as BandRow[];

const change: ChangeRow[] = [
  { label: "All regions", count: 120, mean_intake: 36, mean_intake_low: 34.9, mean_intake_high: 37.1, mean_follow_up: 44.5, mean_follow_up_low: 43.2, mean_follow_up_high: 45.8, mean_change: 8.5, mean_change_low: 7.4, mean_change_high: 9.6 },
  { label: "North East", count: 60, mean_intake: 35.5, mean_intake_low: 33.6, mean_intake_high: 37.4, mean_follow_up: 45, mean_follow_up_low: 43.1, mean_follow_up_high: 46.9, mean_change: 9.5, mean_change_low: 7.8, mean_change_high: 11.2 },
  { label: "Wales", count: "[c]", mean_intake: null, mean_follow_up: null, mean_change: null },
];

describe("BARC-10 scale", () => {
  it("comes from the instruments reference data", () => {
    expect(barc10(instruments)).toEqual({ min: 10, max: 60, cutOff: 47 });
  });

  it("refuses reference data without a BARC-10 cut-off", () => {
    expect(() => barc10({ instruments: [{ id: "barc10", total: { min: 10, max: 60 } }] })).toThrow(/no BARC-10 total with a cut-off/);
  });
});

describe("outcomes charts", () => {
  it("draws mean totals by assessment with the people assessed and the cut-off", () => {
    const element = trajectoryFigure(means, { id: "outcomes-trajectory", source: SOURCE, cutOff, width: 640, document: createDocument() });
    expectSnapshot("outcomes-trajectory", element);
    expect(element.querySelector("h3")?.textContent).toBe("Mean recovery capital was higher among the fewer people assessed at 12 months (44.5) than at intake (33.2)");
    const texts = [...element.querySelectorAll("svg text")].map((t) => t.textContent);
    expect(texts).toContain("400 people");
    expect(texts).toContain("[c]");
  });

  it("words its title and description from the data", () => {
    const at = (assessment: string, count: number, mean: number, half: number) => ({ assessment, count, mean_barc: mean, mean_barc_low: mean - half, mean_barc_high: mean + half });
    expect(trajectoryTitle([at("Intake", 100, 40, 0.5), at("12 months", 50, 38, 0.5)])).toContain("was lower");
    // Overlapping intervals are similar, never lower; without intervals nothing is compared.
    expect(trajectoryTitle([at("Intake", 100, 40, 1.5), at("12 months", 50, 38, 1.5)])).toBe("Mean recovery capital was similar among the fewer people assessed at 12 months (38.0) to that at intake (40.0)");
    expect(trajectoryTitle([{ assessment: "Intake", count: 100, mean_barc: 40 }, { assessment: "12 months", count: 50, mean_barc: 38 }])).not.toMatch(/higher|lower/);
    expect(describeTrajectory(means, cutOff)).toContain("6 months: mean not shown ([c] people)");
  });

  it("stacks score bands per assessment, naming hidden bands", () => {
    const element = bandsFigure(bands, { id: "outcomes-bands", title: "Bands", subtitle: "Percentage", source: SOURCE, width: 640, document: createDocument() });
    expectSnapshot("outcomes-bands", element);
    const texts = [...element.querySelectorAll("svg text")].map((t) => t.textContent);
    expect(texts).toContain("120 people; [c] 10–19, 20–29");
    expect(describeBands(bands)).toBe("Share of people in each BARC-10 band at each assessment. Intake: 5% scored 47–60; 12 months: 37.5% scored 47–60.");
  });

  it("draws paired change with hidden groups kept and marked, at phone width too", () => {
    const element = changeFigure(change, { id: "outcomes-change", title: "Change", subtitle: "Mean", source: SOURCE, groupHeading: "Region", followUpLabel: "12 months", cutOff, width: 320, document: createDocument() });
    expectSnapshot("outcomes-change-narrow", element);
    const texts = [...element.querySelectorAll("svg text")].map((t) => t.textContent);
    expect(texts).toContain("North East: +9.5 (60)");
    expect(texts).toContain("Wales: [c] ([c])");
    expect(describeChange(change, "12 months")).toContain("1 group is hidden");
    // Two interval marks (intake and follow-up), one line each for the two shown groups; the table gives them.
    expect([...element.querySelectorAll("svg g.lero-interval")].map((g) => g.querySelectorAll(":scope > path").length)).toEqual([2, 2]);
    const cells = [...element.querySelectorAll("tbody tr")].map((tr) => [...tr.children].map((td) => td.textContent));
    expect(cells[1]).toEqual(["North East", "60", "35.5", "33.6 to 37.4", "45.0", "43.1 to 46.9", "+9.5", "7.8 to 11.2"]);
    expect(cells[2]?.slice(3)).toEqual(["–", "[c]", "–", "[c]", "–"]);
  });

  it("draws the share at or above the cut-off", () => {
    const element = shareFigure(
      [
        { assessment: "Intake", count: 400, percent: 5 },
        { assessment: "12 months", count: 120, percent: "[c]" },
      ],
      { id: "outcomes-share", title: "Share", subtitle: "Percentage", source: SOURCE, cutOff, width: 640, document: createDocument() },
    );
    expectSnapshot("outcomes-share", element);
    expect([...element.querySelectorAll("svg text")].map((t) => t.textContent)).toEqual(expect.arrayContaining(["5%", "[c]"]));
  });
});
