import { describe, expect, it } from "vitest";
import { aggregates } from "../../loaders/aggregates/research.ts";
import { withDuckDB } from "../../loaders/publish/duckdb.ts";
import { loadRecords, type Column } from "../../loaders/publish/table.ts";
import { aggregateContext } from "../support/aggregates.ts";

const COLUMNS: Column[] = [
  { name: "lero_ref", type: "string" },
  { name: "wave", type: "year" },
  { name: "region", type: "string" },
  { name: "stage", type: "string" },
  { name: "evaluates", type: "boolean" },
  { name: "evaluation_methods", type: "list", itemType: "string" },
  { name: "barriers", type: "list", itemType: "string" },
  { name: "innovation_description", type: "string" },
];

interface Lero {
  stage: string;
  evaluates: boolean;
  methods?: string[];
  barriers?: string[] | null;
  description?: string;
  wave?: number;
  region?: string;
}

/**
 * Latest wave (2025): 2 informal groups (1 evaluates, with REC-CAP), 4 emerging LEROs (3 evaluate, 2
 * with REC-CAP), 3 established LEROs (all evaluate, 3 with REC-CAP), no mature LEROs. One emerging
 * LERO left the barriers question blank. An older wave (2024) must be ignored.
 */
const LEROS: Lero[] = [
  { stage: "Informal group", evaluates: true, methods: ["REC-CAP"], barriers: ["No funding for evaluation"], description: "A walking group." },
  { stage: "Informal group", evaluates: false, barriers: ["No funding for evaluation"] },
  { stage: "Emerging", evaluates: true, methods: ["REC-CAP", "Case studies"], barriers: ["No funding for evaluation"], description: "A walking group." },
  { stage: "Emerging", evaluates: true, methods: ["REC-CAP"], barriers: [] },
  { stage: "Emerging", evaluates: true, methods: ["Case studies"], barriers: null, description: "<img src=x onerror=alert(1)> Our drop-in." },
  { stage: "Emerging", evaluates: false, barriers: ["No funding for evaluation"] },
  { stage: "Established", evaluates: true, methods: ["REC-CAP"], barriers: ["No funding for evaluation"] },
  { stage: "Established", evaluates: true, methods: ["REC-CAP"], barriers: [] },
  { stage: "Established", evaluates: true, methods: ["REC-CAP", "BARC-10"], barriers: ["No funding for evaluation"], description: "   " },
  { stage: "Mature", evaluates: true, methods: ["BARC-10"], barriers: [], wave: 2024, description: "Last year's news." },
];

async function build(id: string) {
  const definition = aggregates.find((a) => a.id === id);
  if (!definition) throw new Error(`no aggregate ${id}`);
  return withDuckDB(async (db) => {
    await loadRecords(
      db,
      "t_audit",
      COLUMNS,
      LEROS.map((l, i) => ({
        lero_ref: `l${i}`,
        wave: l.wave ?? 2025,
        region: l.region ?? "North East",
        stage: l.stage,
        evaluates: l.evaluates,
        evaluation_methods: l.methods ?? null,
        barriers: l.barriers === undefined ? [] : l.barriers,
        innovation_description: l.description ?? null,
      })),
    );
    return definition.build(aggregateContext(db));
  });
}

const cells = (rows: Record<string, unknown>[], option: string, optionDim: string) =>
  rows.filter((r) => r[optionDim] === option).map((r) => [r.stage, r.base_count, r.count, r.percent]);

describe("research aggregates", () => {
  it("are all research tables from the audit", () => {
    expect(aggregates.every((a) => a.topic === "research" && a.dataset === "audit" && a.id.startsWith("research-"))).toBe(true);
    expect(aggregates.map((a) => a.id)).toContain("research-methods-by-region");
  });

  it("counts the LEROs of the latest wave", async () => {
    const { rows } = await build("research-wave");
    expect(rows).toEqual([{ wave: "2025", count: 9 }]);
  });

  it("gives the share of each stage's LEROs that evaluate, hiding 1–2 LEROs and any cell that would reveal them", async () => {
    const table = await build("research-evaluates-by-stage");
    expect(table.measures).toEqual(["base_count", "count", "percent"]);
    // Bases 2, 4, 3, 0 (total 9): the 2 is hidden, and the smallest other base too, or it could be
    // worked out from the total. Evaluating 1, 3, 3, 0 (total 7): the 1 is hidden, then the first 3.
    // And 9 − 7 = 2 LEROs do not evaluate: shown together, base and count would reveal them, so the
    // total count is hidden too.
    expect(cells(table.rows, "Evaluates its work", "evaluation")).toEqual([
      ["Informal group", "[c]", "[c]", null],
      ["Emerging", 4, "[c]", null],
      ["Established", "[c]", 3, null],
      ["Mature", 0, 0, null],
      ["Total", 9, "[c]", null],
    ]);
  });

  it("gives each method's share of all LEROs, non-evaluators included", async () => {
    const table = await build("research-methods-by-stage");
    // REC-CAP: 1, 2, 3, 0 (total 6) of bases [c], 4, [c], 0 (9).
    expect(cells(table.rows, "REC-CAP", "evaluation_methods")).toEqual([
      ["Informal group", "[c]", "[c]", null],
      ["Emerging", 4, "[c]", null],
      ["Established", "[c]", 3, null],
      ["Mature", 0, 0, null],
      ["Total", 9, 6, 66.7],
    ]);
    // Case studies: 0, 2, 0, 0: the 2 is hidden and so is the total it equals.
    expect(cells(table.rows, "Case studies", "evaluation_methods").map((c) => c[2])).toEqual([0, "[c]", 0, 0, "[c]"]);
    // Options with no LERO are published as 0, with a percentage where the base allows.
    expect(cells(table.rows, "Outcomes Star", "evaluation_methods").at(-1)).toEqual(["Total", 9, 0, 0]);
  });

  it("takes the base of other questions from the LEROs that answered", async () => {
    const table = await build("research-barriers-by-stage");
    // One emerging LERO left the question blank: bases 2, 3, 3, 0 (total 8); the 2 is hidden, then
    // the first 3. Two LEROs in each stage name no funding: all hidden, and so is their total (6), since
    // 8 − 6 = 2 LEROs do not name it.
    expect(cells(table.rows, "No funding for evaluation", "barriers")).toEqual([
      ["Informal group", "[c]", "[c]", null],
      ["Emerging", "[c]", "[c]", null],
      ["Established", 3, "[c]", null],
      ["Mature", 0, 0, null],
      ["Total", 8, "[c]", null],
    ]);
  });

  it("publishes each region's share the same way", async () => {
    const table = await build("research-evaluates-by-region");
    const northEast = table.rows.find((r) => r.region === "North East");
    // 9 − 7 = 2 North East LEROs do not evaluate: the count is hidden so that they cannot be worked out.
    expect(northEast).toEqual({ region: "North East", evaluation: "Evaluates its work", base_count: 9, count: "[c]", percent: null });
    expect(table.rows.find((r) => r.region === "Wales")).toMatchObject({ base_count: 0, count: 0, percent: null });
  });

  it("publishes consented innovation descriptions as texts only, once each, exactly as redacted", async () => {
    const table = await build("research-innovation-descriptions");
    expect(table.measures).toEqual([]);
    expect(table.rows).toEqual([{ description: "<img src=x onerror=alert(1)> Our drop-in." }, { description: "A walking group." }]);
  });
});
