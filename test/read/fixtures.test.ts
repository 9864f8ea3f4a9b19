import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readExport } from "../../loaders/read/index.ts";
import type { RawTable } from "../../loaders/types.ts";
import { EXPORTS } from "./helpers.ts";

const fixture = (path: string) => join(EXPORTS, path);

function expectConsistent(table: RawTable): void {
  expect(table.sourceLabels).toEqual(table.labels);
  expect(table.questions).toHaveLength(table.labels.length);
  expect(table.lines).toHaveLength(table.rows.length);
  expect(table.widths).toHaveLength(table.rows.length);
  for (const row of table.rows) expect(row).toHaveLength(table.labels.length);
  for (const label of table.metadata) expect(table.labels).toContain(label);
}

describe("Qualtrics export (3 header rows)", async () => {
  const table = await readExport(fixture("qualtrics/sample.csv"));
  it("is detected with its three header rows", () => {
    expect(table).toMatchObject({ format: "qualtrics", encoding: "utf-8", delimiter: ",", headerRows: 3, listSeparator: "," });
    expect(table.rows).toHaveLength(1);
    expect(table.lines).toEqual([4]);
    expect(table.widths).toEqual([20]);
    expectConsistent(table);
  });
  it("labels columns by their IDs and keeps the question text", () => {
    expect(table.labels.slice(17)).toEqual(["Q1", "Q2", "Q2 - Topics"]);
    expect(table.labels[8]).toBe("ResponseId");
    expect(table.questions[17]).toBe("This is a multiple choice question.");
    expect(table.questions[3]).toBe("IP-Adresse");
  });
  it("reads the cells", () => {
    const row = table.rows[0]!;
    expect(row[table.labels.indexOf("Q2")]).toBe("Hello World!");
    expect(row[table.labels.indexOf("IPAddress")]).toBe("130.92.34.66");
    expect(row[table.labels.indexOf("RecipientEmail")]).toBeNull();
    expect(row[table.labels.indexOf("Q2 - Topics")]).toBeNull();
  });
  it("lists the personal and technical metadata columns, and no question", () => {
    expect(table.metadata).toEqual(expect.arrayContaining(["IPAddress", "RecipientEmail", "RecipientFirstName", "RecipientLastName", "LocationLatitude", "LocationLongitude", "ResponseId", "Duration (in seconds)", "ExternalReference"]));
    expect(table.metadata).toHaveLength(17);
    expect(table.metadata).not.toContain("Q1");
  });
});

describe("legacy Qualtrics export (2 header rows, BOM, trailing comma)", async () => {
  const table = await readExport(fixture("qualtrics/sample_legacy.csv"));
  it("is detected, the BOM is gone and the trailing comma adds no column", () => {
    expect(table).toMatchObject({ format: "qualtrics-legacy", encoding: "utf-8-bom", headerRows: 2 });
    expect(table.labels).toHaveLength(15);
    expect(table.labels[0]).toBe("V1");
    expect(table.labels.at(-1)).toBe("LocationAccuracy");
    expect(table.widths).toEqual([15]);
    expect(table.lines).toEqual([3]);
    expectConsistent(table);
  });
  it("takes question text from the second row", () => {
    expect(table.questions[5]).toBe("IPAddress");
    expect(table.questions[11]).toBe("This is a free text question.");
    expect(table.rows[0]![11]).toBe("Hello World!");
  });
  it("lists V1…V10 and the location as metadata", () => {
    expect(table.metadata).toEqual(["V1", "V2", "V3", "V4", "V5", "V6", "V7", "V8", "V9", "V10", "LocationLatitude", "LocationLongitude", "LocationAccuracy"]);
  });
});

describe("SurveyMonkey export (2 header rows, spread checkbox question)", async () => {
  const table = await readExport(fixture("surveymonkey/synthetic-two-header.csv"));
  const activities = "Which of these activities does your organisation run? (tick all that apply)";
  it("is detected and the spread question becomes one column", () => {
    expect(table).toMatchObject({ format: "surveymonkey", encoding: "utf-8", headerRows: 2, listSeparator: "; " });
    expect(table.rows).toHaveLength(3);
    expect(table.labels).toHaveLength(13);
    expect(table.labels.slice(9)).toEqual([
      "Which region is your organisation based in?",
      activities,
      "How confident are you in evaluating your work?",
      "Tell us about one new idea you have tried",
    ]);
    expect(table.widths).toEqual([13, 13, 13]);
    expectConsistent(table);
  });
  it("joins the chosen options, 'Other' text included", () => {
    const j = table.labels.indexOf(activities);
    expect(table.rows.map((row) => row[j])).toEqual(["Peer support; Recovery café", "Peer support; Mutual aid; Allotment project", "Recovery café; Mutual aid"]);
  });
  it("keeps quoted line breaks inside the cell and counts lines from where records start", () => {
    expect(table.lines).toEqual([3, 4, 5]);
    expect(table.rows[2]![12]).toBe("A family group, Parents in Recovery, meets fortnightly;\nit is now run by the parents themselves.");
  });
  it("lists the metadata columns", () => {
    expect(table.metadata).toEqual(["Respondent ID", "Collector ID", "Start Date", "End Date", "IP Address", "Email Address", "First Name", "Last Name", "Custom Data 1"]);
  });
});

describe("Google Forms export", async () => {
  const table = await readExport(fixture("google-forms/jupyter-2016-education-survey.csv"));
  it("is detected, with checkbox answers left joined", () => {
    expect(table).toMatchObject({ format: "google-forms", encoding: "utf-8", delimiter: ",", headerRows: 1, listSeparator: ", " });
    expect(table.rows).toHaveLength(125);
    expect(table.labels).toHaveLength(25);
    expect(table.labels[0]).toBe("Timestamp");
    expect(table.metadata).toEqual(["Timestamp"]);
    expect(table.questions[1]).toBe("What is the official name of your course?");
    expect(table.rows[0]![10]).toBe("Computer science, Data science, Machine learning, Psychology");
    expectConsistent(table);
  });
  it("gives the start line of a record that follows a cell with a line break", () => {
    expect(table.rows[0]![5]).toBe("Tom Griffiths\nJessica Hamrick");
    expect(table.lines.slice(0, 3)).toEqual([2, 4, 5]);
    expect(table.rows[1]![0]).toBe("4/22/2016 20:06:22");
    expect(table.rows.at(-1)![1]).toBe("A Journey in Signal Processing with IPython");
  });
  it("counts every record as full width", () => {
    expect(new Set(table.widths)).toEqual(new Set([25]));
  });
});

describe("REDCap export with its data dictionary", () => {
  it("merges checkbox columns into one column of the checked choices' labels", async () => {
    const table = await readExport(fixture("redcap/checkboxes-1/data.csv"));
    expect(table).toMatchObject({ format: "redcap", headerRows: 1, listSeparator: "|" });
    expect(table.labels).toEqual(["record_id", "form_1_complete", "check_one", "check_two", "desired_result", "form_2_complete"]);
    expect(table.rows.map((row) => [row[2], row[3]])).toEqual([
      ["one", "A|C"],
      [null, "B|D"],
      ["one|two|three|four", null],
      [null, null],
    ]);
    expect(table.questions[3]).toBe("check two");
    expect(table.metadata).toEqual(["record_id", "form_1_complete", "form_2_complete"]);
    expect(table.widths).toEqual([6, 6, 6, 6]);
    expectConsistent(table);
  });
  it("marks identifier fields as metadata and reads records with line breaks", async () => {
    const table = await readExport(fixture("redcap/simple/data.csv"));
    expect(table.rows).toHaveLength(5);
    expect(table.labels).toHaveLength(19);
    expect(table.labels).toContain("race");
    expect(table.labels).not.toContain("race___1");
    expect(table.rows.map((row) => row[table.labels.indexOf("race")])).toEqual([
      "White",
      "Native Hawaiian or Other Pacific Islander|White",
      "Black or African American|White",
      "Asian|White",
      "American Indian/Alaska Native|Unknown / Not Reported",
    ]);
    expect(table.metadata).toEqual(expect.arrayContaining(["name_first", "name_last", "address", "telephone", "email", "dob", "record_id"]));
    expect(table.metadata).not.toContain("age");
    expect(table.lines).toEqual([2, 4, 6, 8, 13]);
    expect(table.rows[3]![13]).toBe("This record doesn't have a DAG assigned\n\nSo call up Trudy on the telephone\nSend her a letter in the mail");
    expect(table.questions[table.labels.indexOf("telephone")]).toBe("Phone number");
    expectConsistent(table);
  });
  it("recognises the system columns of a survey project", async () => {
    const table = await readExport(fixture("redcap/survey/data.csv"));
    expect(table.rows).toHaveLength(2);
    expect(table.labels).toContain("consent");
    expect(table.rows.map((row) => row[table.labels.indexOf("consent")])).toEqual(["I consent", null]);
    expect(table.metadata).toEqual(
      expect.arrayContaining(["participant_id", "redcap_survey_identifier", "prescreening_survey_timestamp", "prescreening_survey_complete", "email", "first_name", "telephone_1"]),
    );
    expect(table.metadata).not.toContain("pmq1");
    expectConsistent(table);
  });
});
