/** Exports as the survey tools name and write them: REDCap's file names, comma decimals, Alchemer and Microsoft Forms metadata. */
import { describe, expect, it } from "vitest";
import { describeLook, inspectExport, lookOf } from "../../loaders/read/index.ts";
import { readExport } from "../../loaders/read/read.ts";
import { locateExport } from "../../loaders/pipeline/locate.ts";
import { expectPipelineError, tempFolder } from "./helpers.ts";

const DICTIONARY_HEADER =
  'Variable / Field Name,Form Name,Section Header,Field Type,Field Label,"Choices, Calculations, OR Slider Labels",Field Note,Text Validation Type OR Show Slider Number,Text Validation Min,Text Validation Max,Identifier?\n';
const dictionary =
  DICTIONARY_HEADER +
  "record_id,f,,text,Record ID,,,,,,\n" +
  "email,f,,text,E-mail,,,email,,,y\n" +
  "weight,f,,text,Weight (kg),,,number_1dp_comma_decimal,,,\n" +
  'help,f,,checkbox,Help received,"1, Peer | 2, Family",,,,,\n';
const data = "record_id,email,weight,help___1,help___2,f_complete\n1,a@example.org,\"72,5\",1,0,2\n2,,80,0,1,0\n3,,\"-0,5\",0,0,0\n";

describe("REDCap exports under REDCap's own file names", () => {
  it("finds <Project>_DataDictionary_<date>.csv beside <Project>_DATA_<date>_<time>.csv, the newest when there are several", async () => {
    const folder = tempFolder("redcap-names");
    const file = folder.write("StigmaSurvey_DATA_2026-03-01_1402.csv", data);
    folder.write("StigmaSurvey_DataDictionary_2025-01-01.csv", DICTIONARY_HEADER + "record_id,f,,text,Record ID,,,,,,\n");
    folder.write("StigmaSurvey_DataDictionary_2026-03-01.csv", dictionary);
    const table = await readExport(file);
    expect(table.format).toBe("redcap");
    expect(table.labels).toEqual(["record_id", "email", "weight", "help", "f_complete"]);
    expect(table.metadata).toEqual(["record_id", "email", "f_complete"]);
  });

  it("types comma decimals from the dictionary's validation type", async () => {
    const folder = tempFolder("redcap-comma");
    const file = folder.write("Project_DATA_2026-03-01_0900.csv", data);
    folder.write("Project_DataDictionary_2026-03-01.csv", dictionary);
    const table = await readExport(file);
    expect(table.rows.map((row) => row[2])).toEqual(["72.5", "80", "-0.5"]);
    const inspection = await inspectExport(file);
    expect(inspection.columns.find((c) => c.label === "weight")?.inferredType).toBe("number");
  });

  it("uses the only *_DataDictionary_* in the folder when the project names differ", async () => {
    const folder = tempFolder("redcap-other-name");
    const file = folder.write("stigma_DATA_2026-03-01_1402.csv", data);
    folder.write("MyProject_DataDictionary_2026-03-01.csv", dictionary);
    expect((await readExport(file)).labels).toContain("help");
  });

  it("inspect describes a REDCap export whose dictionary is missing, with a warning; reading it for a check still fails", async () => {
    const folder = tempFolder("redcap-nodict");
    const file = folder.write("Project_DATA_2026-03-01_1402.csv", data);
    const inspection = await inspectExport(file);
    expect(inspection.format).toBe("redcap");
    expect(inspection.columns.map((c) => c.label)).toEqual(["record_id", "email", "weight", "help___1", "help___2", "f_complete"]);
    expect(inspection.warnings).toHaveLength(1);
    expect(inspection.warnings[0]).toContain(file);
    expect(inspection.warnings[0]).toMatch(/data dictionary is missing.*Project_DataDictionary_<date>\.csv.*--dictionary PATH/);
    await expectPipelineError(readExport(file), "format-error", file, /data dictionary is missing.*Download the current Data Dictionary.*--dictionary PATH/);
  });

  it("refuses REDCap's export with labels and says which export to download instead", async () => {
    const folder = tempFolder("redcap-labels");
    const file = folder.write("Project_DATA_LABELS_2026-03-01_1402.csv", "Record ID,E-mail\n1,a@example.org\n");
    folder.write("Project_DataDictionary_2026-03-01.csv", dictionary);
    await expectPipelineError(readExport(file), "format-error", file, /_DATA_LABELS_.*raw data/);
  });

  it("the build finds <dataset>_DATA_<date>_<time>.csv for a dataset, and says so when there is none or more than one", () => {
    const folder = tempFolder("redcap-locate");
    folder.write("Stigma_DATA_2026-03-01_1402.csv", data);
    folder.write("Other_DATA_2026-03-01_1402.csv", data);
    const dir = folder.path("");
    expect(locateExport(dir, "stigma")).toBe(folder.path("Stigma_DATA_2026-03-01_1402.csv"));
    expect(() => locateExport(dir, "audit")).toThrow(/audit_DATA_<date>_<time>\.csv \(a REDCap download\)/);
    folder.write("stigma_DATA_2026-04-01_0800.csv", data);
    expect(() => locateExport(dir, "stigma")).toThrow(/More than one export for the "stigma" dataset.*Keep only the one to publish/);
  });
});

describe("Alchemer (SurveyGizmo) and Microsoft Forms metadata", () => {
  it("recognises an Alchemer export and its metadata columns, but not a later question with a metadata-like name", async () => {
    const folder = tempFolder("alchemer");
    const file = folder.write(
      "alchemer.csv",
      "Response ID,Time Started,Date Submitted,Status,Contact ID,Language,Referer,SessionID,User Agent,IP Address,Longitude,Latitude,Country,City,State/Region,Postal,Which service?,Region\n" +
        "1,2026-03-01 10:00:00,2026-03-01 10:05:00,Complete,,English,,abc,Mozilla,192.0.2.1,-1.5,53.8,United Kingdom,Leeds,England,LS1,GP,Yorkshire\n",
    );
    const table = await readExport(file);
    expect(table.format).toBe("surveygizmo");
    expect(table.metadata).toEqual(["Response ID", "Time Started", "Date Submitted", "Status", "Contact ID", "Language", "Referer", "SessionID", "User Agent", "IP Address", "Longitude", "Latitude", "Country", "City", "State/Region", "Postal"]);
    expect(table.questions.at(-1)).toBe("Region");
  });

  it("recognises Microsoft Forms without its ID column, and its quiz columns", async () => {
    const folder = tempFolder("msforms");
    const file = folder.write("forms.csv", "Start time,Completion time,Email,Name,Total points,Quiz feedback,How many staff?,Points - How many staff?,Feedback - How many staff?\n1/3/26 10:00:00,1/3/26 10:05:00,a@example.org,A Person,,,12,,\n");
    const table = await readExport(file);
    expect(table.format).toBe("microsoft-forms");
    expect(table.metadata).toEqual(["Start time", "Completion time", "Email", "Name", "Total points", "Quiz feedback", "Points - How many staff?", "Feedback - How many staff?"]);
  });
});

describe("what a column looks like", () => {
  it.each([
    [["a@example.org", "b.c@example.co.uk", ""], "looks like email addresses, 2 values"],
    [["07700 900123", "+44 7700 900456"], "looks like phone numbers, 2 values"],
    [["LS1 4AP", "SW1A 1AA"], "looks like UK postcodes, 2 values"],
    [["192.0.2.1", "198.51.100.7"], "looks like IP addresses, 2 values"],
    [["Jane Smith", "Ali Khan"], "looks like people's names, 2 values"],
    [["1", "2", "3"], "looks like whole numbers, 3 values"],
    [[null, " "], "is empty"],
  ])("%j %s", (values, expected) => {
    expect(describeLook(lookOf(values))).toBe(expected);
  });
  it("counts with thousands separators", () => {
    expect(describeLook(lookOf(Array.from({ length: 1390 }, (_, i) => `p${i}@example.org`)))).toBe("looks like email addresses, 1,390 values");
  });
});
