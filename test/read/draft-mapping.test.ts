/** draftMapping: matching export columns to schema fields, and saying what it is unsure of. */
import { describe, expect, it } from "vitest";
import { applyMapping, draftMapping, formatDraft, textScore } from "../../loaders/read/index.ts";
import { loadSchema } from "../../loaders/schema.ts";
import type { Cell, ExportFormat, RawTable } from "../../loaders/types.ts";

const stigma = loadSchema("stigma");
const outcomes = loadSchema("outcomes");

/** A one-header table as a reader would give it. */
function table(labels: string[], rows: Cell[][], options: { format?: ExportFormat; metadata?: string[]; questions?: (string | null)[] } = {}): RawTable {
  return {
    file: "export.csv",
    format: options.format ?? "plain",
    encoding: "utf-8",
    headerRows: 1,
    labels,
    sourceLabels: [...labels],
    sourceColumns: labels.map((_, j) => j),
    questions: options.questions ?? labels.map(() => null),
    rows,
    lines: rows.map((_, i) => i + 2),
    widths: rows.map(() => labels.length),
    metadata: options.metadata ?? [],
  };
}

describe("textScore", () => {
  it("is 1 for the same text whatever the case and spacing, and near 1 when only punctuation differs", () => {
    expect(textScore("What is your age?", "what  is your AGE?")).toBe(1);
    expect(textScore("What is your age", "What is your age?")).toBe(0.98);
    expect(textScore("SurveyYear", "Survey year")).toBe(0.98);
  });
  it("counts shared words, and keeps items with different numbers apart", () => {
    expect(textScore("How old are you?", "What is your age?")).toBeLessThan(0.45);
    expect(textScore("Which part of the UK do you live in", "Which part of the UK are you living in?")).toBeGreaterThan(0.6);
    expect(textScore("How useful was Day 1?", "How useful was Day 2?")).toBeLessThan(textScore("How useful was Day 1?", "How useful was day 1"));
    expect(textScore("", "Age")).toBe(0);
  });
});

describe("draftMapping", () => {
  const rows: Cell[][] = [
    ["R_1", "1/3/2024 10:00:00", "ann@example.org", "London", "GP", "Fine"],
    ["R_2", "11/12/2025 12:30:00", "bo@example.org", "Wales", "Police", "Slow"],
  ];
  const labels = ["ResponseId", "Timestamp", "Contact", "Which part of the UK do you live in?", "Which service is this about?", "Anything else?"];

  it("maps what matches, leaves out personal data with what it looks like, and asks about the rest", () => {
    const draft = draftMapping(table(labels, rows), stigma);
    expect(draft.mapping).toMatchObject({ ResponseId: "respondent_id", "Which part of the UK do you live in?": "region", "Which service is this about?": "setting", Contact: null });
    const contact = draft.columns.find((column) => column.label === "Contact")!;
    expect(contact.reason).toBe("looks like email addresses, 2 values, personal data that no field uses");
    expect(draft.questions.join("\n")).toMatch(/Column 6 "Anything else\?" looks like short text, 2 values and matches no stigma field/);
  });

  it("asks for the year when the export's dates span more than one, and sets none", () => {
    const draft = draftMapping(table(labels, rows), stigma);
    expect(draft.mapping.year).toBeUndefined();
    expect(draft.questions.join("\n")).toMatch(/needs year \(Survey year\) and no column holds it: its dates in "Timestamp" run from 2024 to 2025\. Add "year": \{"value": YEAR\}/);
  });

  it("sets the year from the dates when they are all in one year, and the mapping then gives every row that year", () => {
    const sameYear = rows.map((row) => row.map((cell, j) => (j === 1 ? "2025-03-01 09:00:00" : cell)));
    const draft = draftMapping(table(labels, sameYear), stigma);
    expect(draft.mapping.year).toEqual({ value: 2025 });
    const mapped = applyMapping(table(labels, sameYear), stigma, draft.mapping);
    expect(mapped.rows.map((row) => row[mapped.labels.indexOf("year")])).toEqual(["2025", "2025"]);
  });

  it("numbers the rows when there is no response ID, saying that one person's rows count as different people", () => {
    const draft = draftMapping(table(labels.slice(1), rows.map((row) => row.slice(1))), stigma);
    expect(draft.mapping.respondent_id).toEqual({ generate: "row" });
    expect(draft.added.find((add) => add.field === "respondent_id")!.reason).toMatch(/rows from one person then count as different people/);
  });

  it("asks for a required field that is neither a year nor an ID", () => {
    const draft = draftMapping(table(["person_id", "assessment", "assessment_date"], [["P1", "Intake", "2025-01-02"]]), outcomes);
    expect(draft.questions.join("\n")).toMatch(/The outcomes data needs lero \(LERO\) and no column matches it\. If a column holds it, write "lero" after that column's header in the mapping; if it is the same for every row, add "lero": \{"value": "…"\}/);
    expect(draft.mapping.lero).toBeUndefined();
  });

  it("leaves tool metadata out unless a field has its very name", () => {
    const draft = draftMapping(table(["Collector ID", "Respondent ID", "Which service is this about?"], [["9", "11", "GP"]], { format: "surveymonkey", metadata: ["Collector ID", "Respondent ID"] }), stigma);
    // "Collector ID" is near respondent_id's "ID" wording, but the tool named it: it is left out.
    expect(draft.mapping).toEqual({ "Collector ID": null, "Respondent ID": "respondent_id", "Which service is this about?": "setting" });
    expect(draft.columns[0]!.reason).toMatch(/^SurveyMonkey metadata, not an answer; looks like whole numbers, 1 value$/);
  });

  it("matches by question text when the header is a short code", () => {
    const draft = draftMapping(table(["QID77"], [["35–44"]], { questions: ["What is your age?"] }), stigma);
    expect(draft.mapping.QID77).toBe("age_band");
    expect(draft.columns[0]!.reason).toBe("its question text is the known wording of age_band");
  });

  it("says when two columns have the same header", () => {
    const draft = draftMapping(table(["Which service is this about?", "Which service is this about?"], [["GP", "GP"]]), stigma);
    expect(draft.questions.join("\n")).toMatch(/Column 1 "Which service is this about\?" and column 2 have the same header/);
  });

  it("prints one line per column with its export column number, then the questions", () => {
    const draft = draftMapping(table(labels, rows), stigma);
    const text = formatDraft(draft, "stigma.mapping.json").join("\n");
    expect(text).toMatch(/^ {2}4 {2}"Which part of the UK do you live in\?" → region \(1\.00\): its header is the known wording of region$/m);
    expect(text).toMatch(/Questions for you \(\d\); answer them by editing stigma\.mapping\.json:/);
    expect(text).not.toContain("@example.org");
  });
});
