import { describe, expect, it } from "vitest";
import { available, byStageTitle, standardsByStage } from "../../../src/components/standards/by-stage.ts";
import { standardsNotes } from "../../../src/components/standards/notes.ts";
import { standardsStatus, statusTitle, type StandardsRow, type Statement } from "../../../src/components/standards/status.ts";
import { standardsFindings, standardsSummary } from "../../../src/components/standards/summary.ts";
import { TABLES } from "../headline-fixture.ts";
import { createDocument, expectSnapshot } from "../snapshot.ts";

const statements: Statement[] = [
  { statement_id: "CV01", section: "Culture and values", label: "People with lived experience lead decisions" },
  { statement_id: "CV02", section: "Culture and values", label: "Values are written down and shared with members, in words everyone can follow" },
  { statement_id: "SO01", section: "Support offer", label: "There is a clear description of the support on offer" },
];

/** Status rows as published: per statement, LEROs by status with percentages of the statement's total. */
function status(id: string, counts: (number | string)[], total: number): StandardsRow[] {
  const statuses = ["In place", "Partly in place", "Not yet in place", "Not applicable"];
  return [
    ...statuses.map((s, i) => ({ statement_id: id, status: s, count: counts[i]!, percent: typeof counts[i] === "number" ? Math.round((1000 * (counts[i] as number)) / total) / 10 : null })),
    { statement_id: id, status: "Total", count: total, percent: 100 },
  ];
}

const rows: StandardsRow[] = [
  ...status("CV01", [20, 15, 5, 0], 40),
  ...status("CV02", ["[c]", 18, 17, "[c]"], 40),
  ...status("SO01", [30, 6, 4, 0], 40),
  { statement_id: "Total", status: "In place", count: 52, percent: 43.3 },
  { statement_id: "Total", status: "Partly in place", count: 39, percent: 32.5 },
  { statement_id: "Total", status: "Not yet in place", count: 26, percent: 21.7 },
  { statement_id: "Total", status: "Not applicable", count: 3, percent: 2.5 },
  { statement_id: "Total", status: "Total", count: 120, percent: 100 },
];

const byStage: StandardsRow[] = ["All sections", "Culture and values"].flatMap((section) => [
  { stage: "Informal group", section, count: 12, percent_in_place: 10.5, percent_in_place_low: 2.1, percent_in_place_high: 18.9, percent_partly: 30 },
  { stage: "Emerging", section, count: "[c]", percent_in_place: null, percent_in_place_low: null, percent_in_place_high: null, percent_partly: null },
  { stage: "Established", section, count: "[c]", percent_in_place: null, percent_in_place_low: null, percent_in_place_high: null, percent_partly: null },
  { stage: "Mature", section, count: 20, percent_in_place: 70.25, percent_in_place_low: 58.3, percent_in_place_high: 82.2, percent_partly: 20 },
  { stage: "Total", section, count: 40, percent_in_place: 45, percent_in_place_low: 36, percent_in_place_high: 54, percent_partly: 25 },
]);

describe("standards charts", () => {
  it("splits each statement of a section by status, hidden shares in one block marked [c]", () => {
    expect(statusTitle(rows, statements, "Culture and values")).toBe("Culture and values: 50% of LEROs have each statement in place, where shown");
    const element = standardsStatus(rows, statements, { id: "standards-status-1", section: "Culture and values", source: "Self-assessment (test)", width: 600, document: createDocument() });
    expectSnapshot("standards-status", element);
    const texts = [...element.querySelectorAll("svg text")].map((t) => t.textContent);
    expect(texts).toContain("[c]");
    expect(texts.some((t) => t?.startsWith("CV02"))).toBe(true);
    expect(texts.some((t) => t?.startsWith("SO01"))).toBe(false);
    expect([...element.querySelectorAll("tbody tr")].map((tr) => tr.children[1]?.textContent)).toEqual(["50% (20)", "[c]"]);
  });

  it("shows the share of statements in place by stage, or says why it cannot", () => {
    expect(byStageTitle(byStage)).toBe("On average, LEROs have 45% of the statements that apply to them in place: from 11% for informal groups to 70% for mature LEROs");
    const element = standardsByStage(byStage, { id: "standards-in-place-by-stage", source: "Self-assessment (test)", width: 600, document: createDocument() });
    expectSnapshot("standards-by-stage", element);
    // Stage, LEROs, the interval of "in place" across all sections, then a column per section.
    expect([...element.querySelectorAll("thead th")].map((th) => th.textContent)).toEqual(["Stage of development", "LEROs", "All sections: in place, 95% interval", "All sections: in place (partly)", "Culture and values: in place (partly)"]);
    expect([...element.querySelectorAll("tbody tr")].map((tr) => tr.children[2]?.textContent)).toEqual(["36% to 54%", "2% to 19%", "–", "–", "58% to 82%"]);
    expect([...element.querySelectorAll("svg g.lero-interval")].map((g) => g.querySelectorAll(":scope > path").length)).toEqual([3]);
    const missing = byStage.map((r) => ({ ...r, count: "[x]", percent_in_place: null, percent_partly: null }));
    expect(available(missing)).toBe(false);
    const note = standardsByStage(missing, { id: "x", source: "s", notAvailable: "Not available: no link.", document: createDocument() });
    expect(note.tagName).toBe("P");
    expect(note.textContent).toBe("Not available: no link.");
  });

  it("writes the key findings from the tables", () => {
    expect(standardsFindings({ status: rows, statements, byStage, headlines: TABLES })).toEqual([
      "Across all 3 statements and 40 LEROs, 40% of the answers that apply to a LERO say a statement is fully in place and 35% partly in place (statements a LERO marked not applicable are left out).",
      "Most often in place: “There is a clear description of the support on offer” (SO01, 75% of LEROs). Least often: “People with lived experience lead decisions” (CV01, 50%).",
      "On average, mature LEROs have 70% of the statements that apply to them in place, against 11% for informal groups.",
    ]);
    // Overlapping intervals are never called a difference.
    const close = byStage.map((r) => (r.stage === "Mature" ? { ...r, percent_in_place_low: 15 } : r));
    expect(standardsFindings({ status: rows, statements, byStage: close, headlines: TABLES }).at(-1)).toBe(
      "On average, LEROs at each stage shown have a similar share of the statements that apply to them in place (from 11% for informal groups to 70% for mature LEROs; the 95% intervals overlap).",
    );
    const summary = standardsSummary({ status: rows, statements, byStage, headlines: TABLES }, { document: createDocument() });
    expectSnapshot("standards-summary", summary);
    expect([...summary.querySelectorAll("[data-measure]")].map((el) => `${el.getAttribute("data-measure")} ${el.getAttribute("data-key")} ${el.textContent}`)).toEqual(["standards-in-place all 40%", "standards-partly-in-place all 35%"]);
  });

  it("shows good-practice notes as quotations, grouped by statement, markup shown literally", () => {
    const element = standardsNotes(
      [
        { statement_id: "CV01", note: "<script>alert(1)</script> Members chair every meeting." },
        { statement_id: "CV01", note: "Our lead is [name]." },
        { statement_id: "SO01", note: "A leaflet on the café door." },
        { statement_id: "SO01", note: " " },
      ],
      statements,
      { id: "standards-good-practice", source: "Self-assessment (test)", document: createDocument() },
    );
    expectSnapshot("standards-notes", element);
    expect(element.querySelector("script")).toBeNull();
    expect(element.querySelectorAll("blockquote")).toHaveLength(3);
    expect(element.querySelector("blockquote")?.textContent).toBe("<script>alert(1)</script> Members chair every meeting.");
    expect([...element.querySelectorAll("summary")].map((s) => s.textContent)).toEqual(["Culture and values (2 notes)", "Support offer (1 note)"]);
    expect(element.textContent).toContain("Quotes, as said");
  });
});
