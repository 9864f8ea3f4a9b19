/**
 * The measure registry against the sample as the pipeline publishes it: ids unique, every table and
 * column it names published, every measure resolving to a figure, and every key that two tables publish
 * given the same value by both (tables of one population are counted from the same records).
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildData } from "../../loaders/pipeline/index.ts";
import type { PublishedAggregate } from "../../src/lib/published.ts";
import { ALL, baseText, formatMeasureValue, keyOf, measure, measureCells, MEASURE_BARC_CUT_OFF, measureValue, MEASURES } from "../../src/lib/measures.ts";
import { barc10 } from "../../src/components/outcomes/barc.ts";
import instruments from "../../data/reference/instruments.json" with { type: "json" };

let work = "";
const tables: Record<string, PublishedAggregate> = {};

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), "lero-measures-"));
  const out = join(work, "published");
  await buildData({ out, log: () => {} });
  for (const file of readdirSync(join(out, "aggregates"))) {
    if (!file.endsWith(".json")) continue;
    const table = JSON.parse(readFileSync(join(out, "aggregates", file), "utf8")) as PublishedAggregate;
    tables[table.id] = table;
  }
}, 180_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe("the measure registry", () => {
  it("gives every measure a unique id, a label, a definition and a base", () => {
    const ids = MEASURES.map((m) => m.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const m of MEASURES) {
      expect(m.label.length, m.id).toBeGreaterThan(5);
      expect(m.definition.length, m.id).toBeGreaterThan(20);
      expect(m.sources.length, m.id).toBeGreaterThan(0);
      if (m.baseMeasure) expect(measure(m.baseMeasure).format, m.id).toBe("count");
    }
  });

  it("names only published tables, their columns and dimensions", () => {
    for (const m of MEASURES) {
      for (const source of m.sources) {
        const table = tables[source.table];
        expect(table, `${m.id}: ${source.table}`).toBeDefined();
        const columns = [...table!.dimensions, ...table!.measures];
        for (const column of [...Object.keys(source.row ?? {}), ...Object.values(source.dims ?? {}), source.value, ...Object.values(source.valueBy?.columns ?? {})]) {
          expect(columns, `${m.id}: ${source.table}.${column}`).toContain(column);
        }
        for (const dim of [...Object.keys(source.dims ?? {}), ...Object.keys(source.fixed ?? {}), ...(source.valueBy ? [source.valueBy.dim] : [])]) {
          expect(m.dimensions, `${m.id}: ${dim}`).toContain(dim);
        }
        expect(table!.level, `${m.id}: ${source.table}`).toBe(m.level);
      }
    }
  });

  it("resolves every measure to a shown figure, and every key it publishes", () => {
    for (const m of MEASURES) {
      const cells = measureCells(tables, m.id);
      expect(cells.length, m.id).toBeGreaterThan(0);
      expect(cells.some((c) => typeof c.value === "number"), m.id).toBe(true);
      for (const cell of cells) expect(measureValue(tables, m.id, cell.key), `${m.id} ${cell.key}`).not.toBeNull();
    }
  });

  it("gives one value per key: every table that publishes a key agrees", () => {
    const conflicts: string[] = [];
    for (const m of MEASURES) {
      const byKey = new Map<string, { table: string; value: unknown }>();
      for (const cell of measureCells(tables, m.id)) {
        const first = byKey.get(cell.key);
        if (!first) byKey.set(cell.key, cell);
        else if (first.value !== cell.value) conflicts.push(`${m.id} ${cell.key}: ${first.table} ${String(first.value)} ≠ ${cell.table} ${String(cell.value)}`);
      }
    }
    expect(conflicts).toEqual([]);
  });

  it("reads a key from whichever of its tables a page has", () => {
    const only = (...ids: string[]) => Object.fromEntries(ids.map((id) => [id, tables[id]]));
    expect(measureValue(only("headlines-stigma-met-by-setting"), "stigma-met-sometimes", "GP")).toBe(measureValue(only("regions-stigma-gp"), "stigma-met-sometimes", "GP"));
    expect(measureValue(only("stigma-enacted-by-setting"), "stigma-met-often", "GP")).toBe(measureValue(only("embed-stigma-enacted-by-region"), "stigma-met-often", "GP"));
    expect(measureValue(only("headlines-outcomes-barc"), "people-assessed", "Intake")).toBe(measureValue(only("outcomes-barc-bands"), "people-assessed", "Intake"));
    expect(measureValue(only("stigma-enacted-by-setting"), "stigma-met-often", "GP / North East")).toBeNull();
    expect(measureValue(only("regions-stigma-gp"), "stigma-met-sometimes", ALL)).toBeNull();
  });

  it("keeps the two definitions of stigma, and of scoring 47 or more, apart", () => {
    expect(measureValue(tables, "stigma-met-sometimes", "GP")).not.toBe(measureValue(tables, "stigma-met-often", "GP"));
    expect(measureValue(tables, "barc-cutoff-assessed", "Intake")).not.toBe(measureValue(tables, "barc-cutoff-paired", "Intake"));
    expect(measure("stigma-met-sometimes").label).not.toBe(measure("stigma-met-often").label);
  });

  it("uses the cut-off of the instruments data", () => {
    expect(MEASURE_BARC_CUT_OFF).toBe(barc10(instruments).cutOff);
  });

  it("makes keys in dimension order and writes bases from the base measure", () => {
    expect(keyOf("stigma-met-often", { region: "Wales", setting: "GP" })).toBe("GP / Wales");
    expect(keyOf("stigma-met-often")).toBe(ALL);
    expect(() => keyOf("no-such-measure")).toThrow(/No measure "no-such-measure"/);
    expect(baseText(tables, "leros-evaluating")).toMatch(/^Base: [0-9,]+ LEROs \(LEROs audited\)$/);
    expect(formatMeasureValue(8.6, "change")).toBe("+8.6");
    expect(formatMeasureValue(null, "percent")).toBe("[x]");
  });
});
