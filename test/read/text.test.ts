import { describe, expect, it } from "vitest";
import { detectFormat, readExport } from "../../loaders/read/index.ts";
import { expectPipelineError, tempFolder } from "./helpers.ts";

const folder = tempFolder("text");

describe("encodings", () => {
  it("reads Windows-1252 when the bytes are not UTF-8", async () => {
    const bytes = Buffer.concat([Buffer.from("name,activity\r\nAlex,caf"), Buffer.from([0xe9, 0x20, 0x80]), Buffer.from(" 5\r\n")]);
    const table = await readExport(folder.write("cp1252.csv", bytes));
    expect(table.encoding).toBe("windows-1252");
    expect(table.rows).toEqual([["Alex", "café € 5"]]);
  });
  it("reads UTF-8 without a BOM", async () => {
    const table = await readExport(folder.write("utf8.csv", "name,activity\nAlex,café\n"));
    expect(table.encoding).toBe("utf-8");
    expect(table.rows[0]![1]).toBe("café");
  });
  it("drops a UTF-8 byte order mark from the first label", async () => {
    const table = await readExport(folder.write("bom.csv", "\uFEFFregion,count\nWales,3\n"));
    expect(table.encoding).toBe("utf-8-bom");
    expect(table.labels).toEqual(["region", "count"]);
  });
  it("refuses UTF-16 with a message that says how to save the file", async () => {
    const file = folder.write("utf16.csv", Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("a,b\n", "utf16le")]));
    await expectPipelineError(readExport(file), "encoding-error", file, /UTF-16.*CSV UTF-8/);
  });
  it("refuses binary data", async () => {
    const file = folder.write("binary.csv", Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00]));
    await expectPipelineError(readExport(file), "encoding-error", file, /NUL byte/);
  });
});

describe("delimiters and line endings", () => {
  it("sniffs semicolons, ignoring commas inside quotes and in decimals", async () => {
    const table = await readExport(folder.write("semicolon.csv", 'region;score;note\nWales;4,5;"a, b; c"\nNorth East;3,0;\n'));
    expect(table.delimiter).toBe(";");
    expect(table.labels).toEqual(["region", "score", "note"]);
    expect(table.rows).toEqual([
      ["Wales", "4,5", "a, b; c"],
      ["North East", "3,0", null],
    ]);
  });
  it("sniffs tabs", async () => {
    const table = await readExport(folder.write("tab.tsv", "region\tcount, approx\nWales\t3\n"));
    expect(table.delimiter).toBe("\t");
    expect(table.labels).toEqual(["region", "count, approx"]);
  });
  it("sniffs pipes", async () => {
    const table = await readExport(folder.write("pipe.csv", "a|b|c\n1|2|3\n"));
    expect(table.delimiter).toBe("|");
    expect(table.rows).toEqual([["1", "2", "3"]]);
  });
  it("reads a one-column file as comma-separated", async () => {
    const table = await readExport(folder.write("one.csv", "region\nWales\nScotland\n"));
    expect(table.delimiter).toBe(",");
    expect(table.rows).toEqual([["Wales"], ["Scotland"]]);
  });
  it("handles CRLF, quoted CRLF and a last line without a line break", async () => {
    const table = await readExport(folder.write("crlf.csv", 'id,text\r\n1,"first\r\nsecond"\r\n2,plain\r\n3,"x\r\n\r\ny"\r\n4,end'));
    expect(table.rows.map((row) => row[1])).toEqual(["first\r\nsecond", "plain", "x\r\n\r\ny", "end"]);
    expect(table.lines).toEqual([2, 4, 5, 8]);
  });
});

describe("record widths", () => {
  it("pads short records with null and reports their real width", async () => {
    const table = await readExport(folder.write("ragged.csv", "a,b,c\n1,2\n1,2,3,4\n1,2,3,,\n\n5,6,7\n"));
    expect(table.rows).toEqual([
      ["1", "2", null],
      ["1", "2", "3"],
      ["1", "2", "3"],
      [null, null, null],
      ["5", "6", "7"],
    ]);
    expect(table.widths).toEqual([2, 4, 3, 3, 3]);
    expect(table.lines).toEqual([2, 3, 4, 5, 6]);
  });
  it("ignores a trailing comma on every line", async () => {
    const table = await readExport(folder.write("trailing.csv", "a,b,\n1,2,\n3,4,\n"));
    expect(table.labels).toEqual(["a", "b"]);
    expect(table.widths).toEqual([2, 2]);
  });
  it("keeps a column whose header is blank but which has data, for validation to report", async () => {
    const table = await readExport(folder.write("blank-label.csv", "a,,c\n1,2,3\n"));
    expect(table.labels).toEqual(["a", "", "c"]);
  });
  it("keeps duplicated labels, for validation to report", async () => {
    const table = await readExport(folder.write("duplicate.csv", "a,a\n1,2\n"));
    expect(table.labels).toEqual(["a", "a"]);
  });
});

describe("files with nothing to read", () => {
  it("refuses an empty file", async () => {
    const file = folder.write("empty.csv", "");
    await expectPipelineError(readExport(file), "format-error", file, /empty/);
  });
  it("refuses a file of blank lines", async () => {
    const file = folder.write("blank.csv", "\uFEFF\r\n\r\n");
    await expectPipelineError(readExport(file), "format-error", file, /empty/);
  });
  it("refuses a file whose first line is blank", async () => {
    const file = folder.write("no-header.csv", "\na,b\n1,2\n");
    await expectPipelineError(readExport(file), "format-error", file, /no header row: line 1 is blank/);
  });
  it("reads a header-only file as a table with no rows", async () => {
    const table = await readExport(folder.write("header-only.csv", "region,count\r\n"));
    expect(table).toMatchObject({ format: "plain", labels: ["region", "count"], rows: [], lines: [], widths: [], metadata: [] });
  });
  it("reports a missing file as a source error", async () => {
    const file = folder.path("does-not-exist.csv");
    await expectPipelineError(readExport(file), "source-error", file, /no such file/);
  });
  it("reports a folder given as a file", async () => {
    const file = folder.path("");
    await expectPipelineError(readExport(file), "source-error", file, /folder/);
  });
  it("reports an unclosed quote with its line", async () => {
    const file = folder.write("unclosed.csv", 'a,b\n1,2\n3,"never closed\n4,5\n');
    await expectPipelineError(readExport(file), "format-error", file, /line \d+.*never closed/);
  });
  it("reports an old .xls workbook", async () => {
    const file = folder.write("old.xls", Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]));
    await expectPipelineError(readExport(file), "source-error", file, /\.xls.*save it as \.xlsx/);
  });
});

describe("format detection", () => {
  it("recognises each tool from its first rows", () => {
    expect(detectFormat([["ID", "Start time", "Completion time"]])).toBe("microsoft-forms");
    expect(detectFormat([["Id", "Heure de début", "Heure de fin"]])).toBe("microsoft-forms");
    expect(detectFormat([["Timestamp", "Q"]])).toBe("google-forms");
    expect(detectFormat([["Marca temporal", "Q"]])).toBe("google-forms");
    expect(detectFormat([["record_id", "a___1", "form_complete"]])).toBe("redcap");
    expect(detectFormat([["region", "count"]])).toBe("plain");
    expect(detectFormat([["region", "count"]], { dictionary: true })).toBe("redcap");
    expect(detectFormat([["StartDate", "Q1"], ["Start Date", "Question"], ['{"ImportId":"startDate"}', '{"ImportId":"QID1"}']])).toBe("qualtrics");
    expect(detectFormat([["Respondent ID", "Q"], [null, "Response"]])).toBe("surveymonkey");
  });
  it("does not take plain tables for tools' exports", () => {
    expect(detectFormat([["timestamp", "region"]])).toBe("plain");
    expect(detectFormat([["type", "count"], ["Response", "3"]])).toBe("plain");
    expect(detectFormat([["study", "form_complete"], ["1", "2"]])).toBe("plain");
    expect(detectFormat([["ID", "Name"]])).toBe("plain");
  });
  it("lets the format option override detection", async () => {
    const table = await readExport(folder.write("forced.csv", "Timestamp,Q\n2024-01-01,x\n"), { format: "plain" });
    expect(table.format).toBe("plain");
    expect(table.listSeparator).toBeUndefined();
  });
  it("refuses a forced multi-row format when there are too few rows", async () => {
    const file = folder.write("short-qualtrics.csv", "a,b\n");
    await expectPipelineError(readExport(file, { format: "qualtrics" }), "format-error", file, /3 header rows/);
  });
});

describe("SurveyMonkey matrix questions", () => {
  it("keeps a rating grid as one column per row of the grid", async () => {
    const csv = [
      "Respondent ID,Rate our sessions,,Any comments?",
      ",Venue,Staff,Open-Ended Response",
      "1,Good,Poor,Nice",
      "2,,Good,",
    ].join("\n");
    const table = await readExport(folder.write("sm-matrix.csv", csv));
    expect(table.labels).toEqual(["Respondent ID", "Rate our sessions - Venue", "Rate our sessions - Staff", "Any comments?"]);
    expect(table.questions[1]).toBe("Rate our sessions");
    expect(table.rows).toEqual([
      ["1", "Good", "Poor", "Nice"],
      ["2", null, "Good", null],
    ]);
  });
  it("counts a short record in merged columns", async () => {
    const csv = ["Respondent ID,Pick,,,Comment", ",A,B,C,Open-Ended Response", "1,A", "2,A,,C,hi"].join("\r\n");
    const table = await readExport(folder.write("sm-short.csv", csv));
    expect(table.labels).toEqual(["Respondent ID", "Pick", "Comment"]);
    expect(table.rows).toEqual([
      ["1", "A", null],
      ["2", "A; C", "hi"],
    ]);
    expect(table.widths).toEqual([2, 3]);
  });
});

describe("REDCap dictionaries", () => {
  const dictionary = 'Variable / Field Name,Form Name,Section Header,Field Type,Field Label,"Choices, Calculations, OR Slider Labels",Field Note,Text Validation Type OR Show Slider Number,Text Validation Min,Text Validation Max,Identifier?\n' +
    'study_id,f,,text,Study ID,,,,,,\n' +
    'email,f,,text,<b>E-mail</b>,,,email,,,y\n' +
    'help,f,,checkbox,Help received,"1, Peer | 2, Family | -1, None",,,,,\n';
  const data = "study_id,email,help___1,help___2,help____1,f_complete\n1,a@example.org,1,0,0,2\n2,,0,0,1,0\n";

  it("finds <stem>.dictionary.csv next to the export", async () => {
    folder.write("project.csv", data);
    folder.write("project.dictionary.csv", dictionary);
    const table = await readExport(folder.path("project.csv"));
    expect(table.format).toBe("redcap");
    expect(table.labels).toEqual(["study_id", "email", "help", "f_complete"]);
    expect(table.rows.map((row) => row[2])).toEqual(["Peer", "None"]);
    expect(table.questions[1]).toBe("E-mail");
    expect(table.metadata).toEqual(["study_id", "email", "f_complete"]);
  });
  it("takes the dictionary from the option", async () => {
    const file = folder.write("other.csv", data);
    const dict = folder.write("elsewhere-dict.csv", dictionary);
    const table = await readExport(file, { dictionary: dict });
    expect(table.labels).toEqual(["study_id", "email", "help", "f_complete"]);
  });
  it("says how to supply a missing dictionary", async () => {
    const sub = tempFolder("redcap-missing");
    const file = sub.write("export.csv", "record_id,x___1,x___2,form_complete\n1,1,0,2\n");
    await expectPipelineError(readExport(file), "format-error", file, /data dictionary is missing.*dictionary\.csv/);
  });
  it("reports a dictionary option that does not exist", async () => {
    const file = folder.write("with-bad-dict.csv", data);
    const dict = folder.path("nope.csv");
    await expectPipelineError(readExport(file, { dictionary: dict }), "source-error", dict, /does not exist/);
  });
  it("reports a file that is not a dictionary", async () => {
    const file = folder.write("bad-dict-data.csv", data);
    const dict = folder.write("not-a-dictionary.csv", "a,b\n1,2\n");
    await expectPipelineError(readExport(file, { dictionary: dict }), "format-error", dict, /not a REDCap data dictionary/);
  });
});
