import { describe, expect, it } from "vitest";
import { aggregates, statementRows } from "../../loaders/aggregates/standards.ts";
import { withDuckDB } from "../../loaders/publish/duckdb.ts";
import { loadRecords, type Column } from "../../loaders/publish/table.ts";
import { loadSchema, type Field } from "../../loaders/schema.ts";
import { aggregateContext } from "../support/aggregates.ts";

const LINK: Field = { name: "lero_ref", type: "string", lero: { role: "public" } };

type Answer = [lero: string, statement: string, status: string, note?: string];

/**
 * Latest wave (2025): A, B and C are established, D is mature; they assessed CV01, CV02 (culture and
 * values) and SO01 (support offer). Per LERO, over the statements that apply to it:
 * - A: CV01 in place, CV02 not applicable, SO01 partly → all 1/2 in place, 1/2 partly; CV 1/1; SO 0/1.
 * - B: all three in place → 100% everywhere.
 * - C: CV01 not yet, CV02 partly, SO01 not applicable → all 0/2 in place, 1/2 partly; no SO share.
 * - D: CV01 and CV02 in place, SO01 not yet → all 2/3; CV 2/2; SO 0/1.
 * An older wave (2024) must be ignored.
 */
const ANSWERS: Answer[] = [
  ["A", "CV01", "In place", "Members chair <b>every</b> meeting."],
  ["A", "CV02", "Not applicable"],
  ["A", "SO01", "Partly in place"],
  ["B", "CV01", "In place", "Members chair <b>every</b> meeting."],
  ["B", "CV02", "In place"],
  ["B", "SO01", "In place", "Our leaflet is on the café door."],
  ["C", "CV01", "Not yet in place"],
  ["C", "CV02", "Partly in place", "   "],
  ["C", "SO01", "Not applicable"],
  ["D", "CV01", "In place"],
  ["D", "CV02", "In place"],
  ["D", "SO01", "Not yet in place"],
];
const STAGES: Record<string, string> = { A: "Established", B: "Established", C: "Established", D: "Mature" };

async function build(id: string, linked = true) {
  const definition = aggregates.find((a) => a.id === id);
  if (!definition) throw new Error(`no aggregate ${id}`);
  return withDuckDB(async (db) => {
    await loadRecords(
      db,
      "t_standards",
      [...["lero_ref", "statement_id", "status", "good_practice_note"].map((name): Column => ({ name, type: "string" })), { name: "wave", type: "year" }],
      [
        ...ANSWERS.map(([lero, statement, status, note]) => ({ lero_ref: lero, statement_id: statement, status, good_practice_note: note ?? null, wave: 2025 })),
        { lero_ref: "A", statement_id: "CV02", status: "In place", good_practice_note: "Old news.", wave: 2024 },
      ],
    );
    await loadRecords(
      db,
      "t_audit",
      [
        { name: "lero_ref", type: "string" },
        { name: "wave", type: "year" },
        { name: "stage", type: "string" },
      ],
      [...Object.entries(STAGES).map(([lero, stage]) => ({ lero_ref: lero, wave: 2025, stage })), { lero_ref: "C", wave: 2024, stage: "Informal group" }],
    );
    return definition.build(aggregateContext(db, { fields: (dataset) => [...(linked ? [LINK] : []), ...loadSchema(dataset).fields.filter((f) => f.lero.role !== "identifier")] }));
  });
}

const at = (rows: Record<string, unknown>[], section: string) =>
  rows.filter((r) => r.section === section).map((r) => [r.stage, r.count, r.percent_in_place, r.percent_partly]);

describe("standards aggregates", () => {
  it("are all standards tables whose ids do not clash with the one-way field tables", () => {
    expect(aggregates.every((a) => a.topic === "standards" && a.dataset === "standards")).toBe(true);
    expect(aggregates.map((a) => a.id)).not.toContain("standards-status");
  });

  it("publishes the statements with their sections and labels, in order", async () => {
    const table = await build("standards-statements");
    expect(table.rows).toHaveLength(statementRows().length);
    expect(table.rows[0]).toMatchObject({ statement_id: "CV01", section: "Culture and values", number: 1 });
    expect(typeof table.rows[0]!.label).toBe("string");
  });

  it("counts LEROs by the status of each statement, with each statement's percentages", async () => {
    const table = await build("standards-statement-status");
    const cv02 = table.rows.filter((r) => r.statement_id === "CV02").map((r) => [r.status, r.count, r.percent]);
    // CV02: in place 2 (B, D), partly 1 (C), not applicable 1 (A): the three small cells are hidden,
    // and with them the statement's share; its total (4) is shown.
    expect(cv02).toEqual([
      ["In place", "[c]", null],
      ["Partly in place", "[c]", null],
      ["Not yet in place", 0, 0],
      ["Not applicable", "[c]", null],
      ["Total", 4, 100],
    ]);
    // Statements nobody assessed have rows of zeros.
    expect(table.rows.filter((r) => r.statement_id === "OM07").map((r) => r.count)).toEqual([0, 0, 0, 0, 0]);
  });

  it("averages each LERO's share of applicable statements in place, by stage, linked to the audit by pseudonym", async () => {
    const table = await build("standards-in-place-by-stage");
    // All sections: established A 50%, B 100%, C 0% → 50% in place; partly 50%, 0%, 50%.
    // Mature has one LERO (hidden), so established (3) is hidden too; all four: (50+100+0+66.7)/4.
    expect(at(table.rows, "All sections")).toEqual([
      ["Informal group", 0, null, null],
      ["Emerging", 0, null, null],
      ["Established", "[c]", null, null],
      ["Mature", "[c]", null, null],
      ["Total", 4, 54.2, 25],
    ]);
    // Support offer applies to A, B and D only: 0%, 100% and 0% in place.
    expect(at(table.rows, "Support offer").at(-1)).toEqual(["Total", 3, 33.3, 33.3]);
    // 95% intervals (t with 3 degrees of freedom) kept within 0–100%: in place 54.2 ± 66.3, partly 25 ± 45.9.
    const total = table.rows.find((r) => r.section === "All sections" && r.stage === "Total")!;
    expect([total.percent_in_place_low, total.percent_in_place_high, total.percent_partly_low, total.percent_partly_high]).toEqual([0, 100, 0, 70.9]);
    expect(table.rows.filter((r) => r.percent_in_place === null).every((r) => r.percent_in_place_low === null && r.percent_in_place_high === null)).toBe(true);
    expect(at(table.rows, "Staff and volunteers").at(-1)).toEqual(["Total", 0, null, null]);
  });

  it("says the stage breakdown is not available when the standards rows carry no LERO pseudonym", async () => {
    const table = await build("standards-in-place-by-stage", false);
    expect(table.rows.every((r) => r.count === "[x]" && r.percent_in_place === null && r.percent_in_place_low === null)).toBe(true);
    expect(table.notes?.[0]).toMatch(/^Not available/);
  });

  it("publishes consented notes with their statement only, once each, exactly as redacted", async () => {
    const table = await build("standards-good-practice");
    expect(table.rows).toEqual([
      { statement_id: "CV01", note: "Members chair <b>every</b> meeting." },
      { statement_id: "SO01", note: "Our leaflet is on the café door." },
    ]);
  });
});
