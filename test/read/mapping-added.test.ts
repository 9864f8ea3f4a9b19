/** Mapping constants (`{"value": 2026}`) and generated row IDs (`{"generate": "row"}`). */
import { describe, expect, it } from "vitest";
import { applyMapping, loadMapping } from "../../loaders/read/index.ts";
import { validateTable } from "../../loaders/validate/index.ts";
import { PipelineError } from "../../loaders/types.ts";
import { field, schema, table } from "../validate/fixtures.ts";
import { tempFolder } from "./helpers.ts";

const folder = tempFolder("mapping-added");
const survey = schema([field("respondent_id", "string", { lero: { role: "identifier" } }), field("year", "year"), field("answer", "string")], { primaryKey: ["respondent_id"] });

describe("mapping constants and generated IDs", () => {
  it("reads them from the mapping file", () => {
    const file = folder.write("ok.mapping.json", '{"Q1": "answer", "year": {"value": 2026}, "respondent_id": {"generate": "row"}, "Junk": null}');
    expect(loadMapping(file)).toEqual({ Q1: "answer", year: { value: 2026 }, respondent_id: { generate: "row" }, Junk: null });
  });

  it("sets the constant on every row and numbers the rows from 1, the same for the same file", () => {
    const input = table(["Junk", "Q1"], [["x", "a"], ["y", "b"], ["z", "c"]]);
    const mapping = { Q1: "answer", Junk: null, year: { value: 2026 }, respondent_id: { generate: "row" as const } };
    const mapped = applyMapping(input, survey, mapping);
    expect(mapped.labels).toEqual(["year", "respondent_id", "answer"]);
    expect(mapped.rows).toEqual([["2026", "row-1", "a"], ["2026", "row-2", "b"], ["2026", "row-3", "c"]]);
    expect(mapped.sourceColumns).toEqual([-1, -1, 1]);
    expect(applyMapping(input, survey, mapping).rows).toEqual(mapped.rows);
    const result = validateTable(mapped, survey);
    expect(result.valid).toBe(true);
    expect(result.records).toEqual([
      { respondent_id: "row-1", year: 2026, answer: "a" },
      { respondent_id: "row-2", year: 2026, answer: "b" },
      { respondent_id: "row-3", year: 2026, answer: "c" },
    ]);
  });

  it("does not let added columns hide a blank row or a repeated submission", () => {
    const input = table(["Q1"], [["a"], [null], ["a"]]);
    const result = validateTable(applyMapping(input, survey, { Q1: "answer", year: { value: 2026 }, respondent_id: { generate: "row" } }), survey);
    expect(result.issues.filter((issue) => issue.row !== undefined).map((issue) => [issue.code, issue.row])).toEqual([["blank-row", 2], ["duplicate-row", 3]]);
  });

  it("names an added column by what the mapping does when a field clashes", () => {
    const input = table(["Year"], [["2025"]]);
    const result = validateTable(applyMapping(input, survey, { year: { value: 2026 }, respondent_id: { generate: "row" } }), survey);
    const duplicate = result.issues.find((issue) => issue.code === "duplicate-label")!;
    expect(duplicate.message).toBe('Column 1 "Year" and "year" (the constant 2026 the mapping sets) both give field "year": keep one. To leave this one out, add "Year": null to audit.mapping.json.');
    expect(duplicate.column).toBe(1);
  });

  it.each([
    ['{"year": {"value": [2026]}}', /"year" sets the constant \[2026\]; a constant must be one text, number or true\/false/],
    ['{"id": {"generate": "uuid"}}', /"id" asks to generate "uuid"; the only ID that can be generated is \{"generate": "row"\}/],
    ['{"id": {"make": "row"}}', /"id" is \{"make":"row"\}; an entry in braces must be either \{"value": …\}.*\{"generate": "row"\}/],
  ])("rejects %s, naming the file, the entry and the fix", (content, message) => {
    const file = folder.write(`bad-${content.length}.mapping.json`, content);
    let error: unknown;
    try {
      loadMapping(file);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(PipelineError);
    expect((error as PipelineError).code).toBe("format-error");
    expect((error as PipelineError).message).toContain(file);
    expect((error as PipelineError).message).toMatch(message);
  });

  it("refuses a constant or generated ID for a field the schema does not have", () => {
    expect(() => applyMapping(table(["Q1"], []), survey, { yaer: { value: 2026 } })).toThrow(/gives "yaer" the constant 2026 the mapping sets, but "yaer" is not a field of the audit schema; use one of: respondent_id, year, answer/);
  });
});
