import { readFileSync } from "node:fs";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { readExport } from "../../loaders/read/index.ts";
import { plainNumber } from "../../loaders/read/xlsx.ts";
import { expectPipelineError, tempFolder } from "./helpers.ts";

const folder = tempFolder("xlsx");

async function writeWorkbook(name: string, sheets: Record<string, ExcelJS.CellValue[][]>, edit?: (workbook: ExcelJS.Workbook) => void): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  for (const [sheetName, rows] of Object.entries(sheets)) {
    const worksheet = workbook.addWorksheet(sheetName);
    for (const row of rows) worksheet.addRow(row);
  }
  edit?.(workbook);
  const file = folder.path(name);
  await workbook.xlsx.writeFile(file);
  return file;
}

describe("Microsoft Forms workbook", () => {
  it("is detected, with its metadata columns and ';' lists", async () => {
    const file = await writeWorkbook("forms.xlsx", {
      Sheet1: [
        ["ID", "Start time", "Completion time", "Email", "Name", "Last modified time", "Which region are you in?", "Which activities do you run?"],
        [1, new Date(Date.UTC(2025, 2, 11, 9, 14, 2)), new Date(Date.UTC(2025, 2, 11, 9, 21, 40)), "anonymous", null, null, "Wales", "Peer support;Recovery café;"],
        [2, new Date(Date.UTC(2025, 2, 12, 16, 40, 55)), new Date(Date.UTC(2025, 2, 12, 16, 58, 30)), "sam@example.org", "Sam Example", null, "North West", "Mutual aid;"],
      ],
    });
    const table = await readExport(file);
    expect(table).toMatchObject({ format: "microsoft-forms", encoding: "xlsx", sheet: "Sheet1", headerRows: 1, listSeparator: ";" });
    expect(table.delimiter).toBeUndefined();
    expect(table.metadata).toEqual(["ID", "Start time", "Completion time", "Email", "Name", "Last modified time"]);
    expect(table.questions[6]).toBe("Which region are you in?");
    expect(table.rows[0]).toEqual(["1", "2025-03-11T09:14:02", "2025-03-11T09:21:40", "anonymous", null, null, "Wales", "Peer support;Recovery café;"]);
    expect(table.lines).toEqual([2, 3]);
    expect(table.widths).toEqual([8, 8]);
  });
  it("is recognised from French headers", async () => {
    const file = await writeWorkbook("forms-fr.xlsx", {
      Feuil1: [
        ["ID", "Heure de début", "Heure de fin", "Adresse de messagerie", "Nom", "Région ?"],
        [1, new Date(Date.UTC(2025, 0, 2, 10, 0, 0)), new Date(Date.UTC(2025, 0, 2, 10, 5, 0)), "anonymous", null, "Wales"],
      ],
    });
    const table = await readExport(file);
    expect(table.format).toBe("microsoft-forms");
    expect(table.metadata).toEqual(["ID", "Heure de début", "Heure de fin", "Adresse de messagerie", "Nom"]);
  });
});

describe("cell values", () => {
  it("reads every kind of cell as the text a person sees", async () => {
    const file = await writeWorkbook(
      "cells.xlsx",
      {
        Data: [
          ["date", "datetime", "small", "big", "decimal", "rich", "formula", "link", "flag", "error"],
          [
            new Date(Date.UTC(2024, 5, 30)),
            new Date(Date.UTC(2024, 5, 30, 13, 5, 9)),
            0.000001,
            1e21,
            12.5,
            { richText: [{ text: "Recovery " }, { text: "café", font: { bold: true } }] },
            { formula: "C2*2", result: 4 },
            { text: "our site", hyperlink: "https://example.org" },
            true,
            { error: "#N/A" },
          ],
        ],
      },
    );
    const table = await readExport(file);
    expect(table.format).toBe("plain");
    expect(table.rows[0]).toEqual(["2024-06-30", "2024-06-30T13:05:09", "0.000001", "1000000000000000000000", "12.5", "Recovery café", "4", "our site", "TRUE", "#N/A"]);
  });
  it("reads the named sheet, keeps empty cells as null and stops at the last used row", async () => {
    const file = await writeWorkbook("sheets.xlsx", {
      Notes: [["read me first"]],
      Responses: [
        ["region", "count", "note"],
        ["Wales", 3],
        [null, null, null],
        ["Scotland", null, "x"],
      ],
    });
    const table = await readExport(file, { sheet: "Responses" });
    expect(table.sheet).toBe("Responses");
    expect(table.rows).toEqual([
      ["Wales", "3", null],
      [null, null, null],
      ["Scotland", null, "x"],
    ]);
    expect(table.lines).toEqual([2, 3, 4]);
    expect(table.widths).toEqual([3, 3, 3]);
    const first = await readExport(file);
    expect(first.sheet).toBe("Notes");
  });
  it("reads cells under a merge as empty, as the CSV of the same export would have them", async () => {
    const file = await writeWorkbook(
      "merged.xlsx",
      {
        Sheet1: [
          ["Respondent ID", "Pick", null, "Comment"],
          [null, "A", "B", "Open-Ended Response"],
          [1, "A", "B", "hi"],
        ],
      },
      (workbook) => workbook.getWorksheet("Sheet1")!.mergeCells("B1:C1"),
    );
    const table = await readExport(file);
    expect(table.format).toBe("surveymonkey");
    expect(table.labels).toEqual(["Respondent ID", "Pick", "Comment"]);
    expect(table.rows).toEqual([["1", "A; B", "hi"]]);
    expect(table.lines).toEqual([3]);
  });
  it("writes numbers without exponents", () => {
    expect(plainNumber(1.5e-7)).toBe("0.00000015");
    expect(plainNumber(-2.5e22)).toBe("-25000000000000000000000");
    expect(plainNumber(42)).toBe("42");
  });
});

describe("unreadable workbooks", () => {
  it("reports a damaged workbook", async () => {
    const file = folder.write("corrupt.xlsx", Buffer.concat([Buffer.from("PK\x03\x04"), Buffer.alloc(200, 7)]));
    await expectPipelineError(readExport(file), "source-error", file, /cannot be opened as an Excel workbook/);
  });
  it("reports a truncated workbook", async () => {
    const whole = await writeWorkbook("whole.xlsx", { Sheet1: [["a"], [1]] });
    const bytes = readFileSync(whole);
    const file = folder.write("truncated.xlsx", bytes.subarray(0, Math.floor(bytes.length / 2)));
    await expectPipelineError(readExport(file), "source-error", file, /Excel workbook/);
  });
  it("names the sheets when the asked-for sheet is not there", async () => {
    const file = await writeWorkbook("named.xlsx", { Responses: [["a"]] });
    await expectPipelineError(readExport(file, { sheet: "Answers" }), "source-error", file, /no worksheet called "Answers".*"Responses"/);
  });
  it("reports an empty workbook", async () => {
    const file = await writeWorkbook("blank.xlsx", { Sheet1: [] });
    await expectPipelineError(readExport(file), "format-error", file, /empty/);
  });
});
