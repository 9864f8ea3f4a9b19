import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { formatInspection, inferType, inspectExport } from "../../loaders/read/index.ts";
import { EXPORTS } from "./helpers.ts";

describe("inspectExport", () => {
  it("describes a Qualtrics export column by column", async () => {
    const inspection = await inspectExport(join(EXPORTS, "qualtrics", "sample.csv"));
    expect(inspection).toMatchObject({ format: "qualtrics", encoding: "utf-8", delimiter: ",", headerRows: 3, rowCount: 1 });
    expect(inspection.metadata).toContain("IPAddress");
    expect(inspection.columns).toHaveLength(20);
    expect(inspection.columns[0]).toEqual({
      index: 1,
      exportColumn: 1,
      label: "StartDate",
      question: "Anfangsdatum",
      inferredType: "datetime",
      examples: ["2017-07-18 08:28:09"],
      looks: "looks like dates or times, 1 value",
      empty: 0,
    });
    expect(inspection.columns[4]).toMatchObject({ label: "Progress", inferredType: "integer" });
    expect(inspection.columns[13]).toMatchObject({ label: "LocationLatitude", inferredType: "number" });
    expect(inspection.columns[9]).toMatchObject({ label: "RecipientLastName", inferredType: "empty", examples: [], empty: 1 });
  });
  it("gives at most three distinct examples, cut to 40 characters", async () => {
    const inspection = await inspectExport(join(EXPORTS, "google-forms", "jupyter-2016-education-survey.csv"));
    for (const column of inspection.columns) {
      expect(column.examples.length).toBeLessThanOrEqual(3);
      expect(new Set(column.examples).size).toBe(column.examples.length);
      for (const example of column.examples) expect(example.length).toBeLessThanOrEqual(40);
    }
    expect(inspection.columns[0]!.inferredType).toBe("datetime");
    expect(inspection.rowCount).toBe(125);
  });
  it("formats a readable table", async () => {
    const text = formatInspection(await inspectExport(join(EXPORTS, "redcap", "checkboxes-1", "data.csv")));
    const lines = text.split("\n");
    expect(lines[1]).toBe('format redcap (1 header row), encoding utf-8, delimiter ","');
    expect(lines[2]).toBe("4 rows, 6 columns");
    expect(lines[3]).toBe("tool metadata (personal or technical, not survey answers): record_id, form_1_complete, form_2_complete");
    expect(lines[5]).toMatch(/^\s*#\s+header\s+type\s+empty\s+examples\s+question$/);
    // "#" is the column of the export file: check_two's choices start at its column 7.
    expect(text).toContain(' 7  check_two        string       2  "A|C", "B|D"');
  });
});

describe("inferType", () => {
  it.each([
    [["1", "-2", null], "integer"],
    [["1", "2.5"], "number"],
    [["TRUE", "false"], "boolean"],
    [["2024-01-31", "1/2/2024"], "date"],
    [["2024-01-31T10:00:00", "2024-01-31 10:00"], "datetime"],
    [["2024-01-31", "2024-01-31T10:00:00"], "datetime"],
    [["1", "x"], "string"],
    [[null, " "], "empty"],
  ] as const)("%j is %s", (values, type) => {
    expect(inferType(values)).toBe(type);
  });
});
