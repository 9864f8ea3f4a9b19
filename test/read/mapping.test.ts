import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { applyMapping, loadMapping, readExport } from "../../loaders/read/index.ts";
import type { TableSchema } from "../../loaders/schema.ts";
import { PipelineError, type RawTable } from "../../loaders/types.ts";
import { EXPORTS, tempFolder } from "./helpers.ts";

const folder = tempFolder("mapping");

const schema: TableSchema = {
  name: "example",
  title: "Example",
  description: "A schema for mapping tests",
  fields: [
    { name: "region", type: "string", title: "Region", lero: { role: "quasi" } },
    { name: "activities", type: "list", title: "Activities", lero: { role: "public", aliases: ["Which of these activities does your organisation run?  (tick all that apply)"] } },
    { name: "confidence", type: "string", title: "How confident are you in evaluating your work?", lero: { role: "public" } },
    { name: "idea", type: "string", lero: { role: "free-text" } },
    { name: "answer", type: "string", lero: { role: "public" } },
  ],
  lero: { unit: "a response", level: "organisation", publish: "aggregates", sortKey: ["region"] },
};

function table(overrides: Partial<RawTable>): RawTable {
  const labels = overrides.labels ?? [];
  return {
    file: "example.csv",
    format: "plain",
    encoding: "utf-8",
    headerRows: 1,
    labels,
    sourceLabels: [...labels],
    questions: labels.map(() => null),
    rows: [],
    lines: [],
    widths: [],
    metadata: [],
    ...overrides,
  };
}

describe("loadMapping", () => {
  it("reads labels mapped to field names or null", () => {
    const file = folder.write("ok.mapping.json", '\uFEFF{"Q5_1": "region", "IPAddress": null}');
    expect(loadMapping(file)).toEqual({ Q5_1: "region", IPAddress: null });
  });
  it.each([
    ["not JSON", "{region: 1", /not valid JSON/],
    ["an array", '["region"]', /one JSON object/],
    ["a number target", '{"Q1": 3}', /"Q1" maps to 3/],
    ["an empty target", '{"Q1": " "}', /"Q1" maps to " "/],
  ])("rejects %s, naming the file and the entry", (_, content, message) => {
    const file = folder.write(`bad-${content.length}.mapping.json`, content);
    let error: unknown;
    try {
      loadMapping(file);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(PipelineError);
    expect((error as PipelineError).code).toBe("format-error");
    expect((error as PipelineError).file).toBe(file);
    expect((error as PipelineError).message).toContain(file);
    expect((error as PipelineError).message).toMatch(message);
  });
  it("reports a missing mapping file", () => {
    const file = folder.path("missing.mapping.json");
    expect(() => loadMapping(file)).toThrow(expect.objectContaining({ code: "source-error", file }));
  });
});

describe("applyMapping", () => {
  it("matches the mapping first, then names, titles and aliases, ignoring case and spacing", async () => {
    const read = await readExport(join(EXPORTS, "surveymonkey", "synthetic-two-header.csv"));
    const mapped = applyMapping(read, schema, { "tell us about ONE new idea   you have tried": "idea", "IP Address": null, "Respondent ID": null });
    expect(mapped.labels).toEqual([
      "Collector ID",
      "Start Date",
      "End Date",
      "Email Address",
      "First Name",
      "Last Name",
      "Custom Data 1",
      "Which region is your organisation based in?",
      "activities",
      "confidence",
      "idea",
    ]);
    expect(mapped.sourceLabels[8]).toBe("Which of these activities does your organisation run? (tick all that apply)");
    expect(mapped.rows[1]![8]).toBe("Peer support; Mutual aid; Allotment project");
    expect(mapped.rows.every((row) => row.length === mapped.labels.length)).toBe(true);
    expect(mapped.widths).toEqual([11, 11, 11]);
    expect(mapped.metadata).not.toContain("IP Address");
    expect(mapped.metadata).toContain("Email Address");
    expect(read.labels).toHaveLength(13);
  });
  it("tries the question text of Qualtrics columns", () => {
    const input = table({
      format: "qualtrics",
      labels: ["ResponseId", "Q1", "Q2"],
      questions: ["Response ID", "Region", "Something else"],
      rows: [["R_1", "Wales", "x"]],
      lines: [4],
      widths: [3],
      metadata: ["ResponseId"],
    });
    const mapped = applyMapping(input, schema);
    expect(mapped.labels).toEqual(["ResponseId", "region", "Q2"]);
    expect(mapped.sourceLabels).toEqual(["ResponseId", "Q1", "Q2"]);
    expect(mapped.metadata).toEqual(["ResponseId"]);
  });
  it("lets a mapping entry win over a field name", () => {
    const input = table({ labels: ["region", "answer"], rows: [["a", "b"]], lines: [2], widths: [2] });
    expect(applyMapping(input, schema, { region: null, answer: "region" }).labels).toEqual(["region"]);
    expect(applyMapping(input, schema, { region: null, answer: "region" }).rows).toEqual([["b"]]);
  });
  it("shortens the widths of short records only by the dropped columns they had", () => {
    const input = table({ labels: ["a", "b", "c"], rows: [["1", null, null], ["1", "2", "3"]], lines: [2, 3], widths: [1, 4] });
    const mapped = applyMapping(input, schema, { b: null });
    expect(mapped.widths).toEqual([1, 3]);
    expect(mapped.rows).toEqual([["1", null], ["1", "3"]]);
  });
  it("refuses a mapping to a field the schema does not have", () => {
    const input = table({ labels: ["a"] });
    expect(() => applyMapping(input, schema, { a: "regoin" })).toThrow(expect.objectContaining({ code: "format-error", message: expect.stringMatching(/"regoin".*not a field of the example schema/) }));
  });
});
