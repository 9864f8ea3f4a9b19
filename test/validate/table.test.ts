import { describe, expect, it } from "vitest";
import type { TableSchema } from "../../loaders/schema.ts";
import type { Issue } from "../../loaders/types.ts";
import { TableValidator, validateTable } from "../../loaders/validate/index.ts";
import { field, schema, table } from "./fixtures.ts";

/** The position and identity of an issue, without its message. */
function where(issue: Issue | undefined) {
  if (issue === undefined) return undefined;
  // The export header (`label`) is checked in its own tests below.
  const { message: _message, label: _label, ...rest } = issue;
  return rest;
}

const audit: TableSchema = schema(
  [
    field("lero_id", "string", { lero: { role: "identifier" }, constraints: { required: true } }),
    field("region", "string", {
      lero: { role: "quasi" },
      categories: [{ value: "E12000001", label: "North East" }, { value: "E12000002", label: "North West" }],
    }),
    field("staff", "integer", { constraints: { minimum: 0, maximum: 500 } }),
    field("note", "string", { lero: { role: "free-text" }, constraints: { maxLength: 10 } }),
  ],
  { primaryKey: ["lero_id"], lero: { unit: "a LERO", level: "organisation", publish: "microdata", sortKey: ["lero_id"], drop: ["IP Address"] } },
);
const LABELS = ["lero_id", "IP Address", "region", "staff", "note"];

describe("validateTable: accepted rows", () => {
  it("returns typed records keyed by field, without dropped columns", () => {
    const result = validateTable(
      table(LABELS, [
        ["L001", "10.0.0.1", "North East", "12", "fine"],
        ["L002", "10.0.0.2", "e12000002", "0", null],
      ]),
      audit,
    );
    expect(result.valid).toBe(true);
    expect(result.issues).toEqual([]);
    expect(result.records).toEqual([
      { lero_id: "L001", region: "E12000001", staff: 12, note: "fine" },
      { lero_id: "L002", region: "E12000002", staff: 0, note: null },
    ]);
    expect(result.rows).toEqual([1, 2]);
    expect(result.dropped).toEqual(["IP Address"]);
    expect(result.read).toBe(2);
  });
});

describe("validateTable: label issues stop validation", () => {
  it("blank-label", () => {
    const result = validateTable(table([...LABELS, " "], [["L001", null, null, null, null, null]]), audit);
    expect(result.valid).toBe(false);
    expect(result.issues.map(where)).toEqual([
      { code: "blank-label", severity: "error", file: "audit.csv", line: 1, column: 6, field: " ", value: " " },
    ]);
    expect(result.read).toBe(0);
    expect(result.records).toEqual([]);
  });

  it("duplicate-label", () => {
    const result = validateTable(table([...LABELS, "Region"], [["L001"]]), audit);
    expect(result.issues.map(where)).toEqual([
      { code: "duplicate-label", severity: "error", file: "audit.csv", line: 1, column: 6, field: "region", value: "Region" },
    ]);
    expect(result.issues[0]!.label).toBe("Region");
    expect(result.issues[0]!.message).toBe(
      'Column 6 "Region" and column 3 "region" both give field "region": keep one. To leave this one out, add "Region": null to audit.mapping.json.',
    );
  });

  it("extra-label, with a message that says how to fix it", () => {
    const result = validateTable(table([...LABELS, "Email"], [["L001"]], { metadata: ["Email"] }), audit);
    expect(result.issues.map(where)).toEqual([
      { code: "extra-label", severity: "error", file: "audit.csv", line: 1, column: 6, field: "Email", value: "Email" },
    ]);
    expect(result.issues[0]!.message).toBe(
      'Column 6 "Email" is not a field of the audit data, so nothing says whether it may be published (it is empty). ' +
        "The survey tool marks it as its own metadata, which may hold personal data. " +
        'To leave it out, add "Email": null to audit.mapping.json. If it holds answers the release needs, map it to a field instead ("Email": "field_name"), ' +
        "or ask a developer to add a field with a disclosure role to data/schemas/audit.json.",
    );
  });

  it("drops lero.drop labels ignoring case", () => {
    const result = validateTable(table(["lero_id", "ip address", "region", "staff", "note"], [["L001", "1.2.3.4", null, null, null]]), audit);
    expect(result.valid).toBe(true);
    expect(result.dropped).toEqual(["ip address"]);
  });

  it("matches labels to fields ignoring case, and by alias", () => {
    const withAlias = schema([field("staff", "integer", { lero: { role: "public", aliases: ["How many paid staff?"] } }), field("id", "string")]);
    const result = validateTable(table(["how many paid staff?", "ID"], [["3", "a"]]), withAlias);
    expect(result.records).toEqual([{ staff: 3, id: "a" }]);
  });

  it("missing-label: an error for a required field", () => {
    const result = validateTable(table(["IP Address", "region", "staff", "note"], [[null, "North East", "1", "x"]]), audit);
    expect(result.valid).toBe(false);
    expect(result.issues.map(where)).toEqual([
      { code: "missing-label", severity: "error", file: "audit.csv", line: 1, field: "lero_id" },
    ]);
    expect(result.read).toBe(0);
  });

  it("missing-label: a warning for an optional field, whose values are null", () => {
    const result = validateTable(table(["lero_id", "IP Address", "region", "staff"], [["L001", null, "North East", "1"]], { sheet: "Responses" }), audit);
    expect(result.valid).toBe(true);
    expect(result.issues.map(where)).toEqual([
      { code: "missing-label", severity: "warning", file: "audit.csv", sheet: "Responses", line: 1, field: "note" },
    ]);
    expect(result.records).toEqual([{ lero_id: "L001", region: "E12000001", staff: 1, note: null }]);
  });
});

describe("validateTable: row issues reject the row", () => {
  const labels = LABELS;
  const good = ["L001", null, "North East", "1", null];

  function single(rows: (string | null)[][], options: Parameters<typeof validateTable>[2] = {}, on: TableSchema = audit) {
    const result = validateTable(table(labels, rows), on, { maxRejectedShare: 1, ...options });
    expect(result.read).toBe(result.records.length + result.rejected.length);
    expect(result.read).toBe(rows.length);
    return result;
  }

  it("blank-row", () => {
    const result = single([good, [null, "", "  ", null, null]]);
    expect(result.valid).toBe(true);
    expect(result.issues.map(where)).toEqual([{ code: "blank-row", severity: "warning", file: "audit.csv", line: 3, row: 2 }]);
    expect(result.rejected).toEqual([{ row: 2, line: 3, issues: result.issues }]);
    expect(result.records).toHaveLength(1);
  });

  it("missing-cell", () => {
    const result = single([["L001", null, "North East"]]);
    expect(result.issues.map(where)).toEqual([
      { code: "missing-cell", severity: "error", file: "audit.csv", line: 2, row: 1, column: 4, field: "staff", value: null },
    ]);
    expect(result.rejected.map((r) => r.row)).toEqual([1]);
  });

  it("extra-cell", () => {
    const result = single([["L001", null, "North East", "1", "x", "surplus"]]);
    expect(result.issues.map(where)).toEqual([
      { code: "extra-cell", severity: "error", file: "audit.csv", line: 2, row: 1, column: 6, value: "surplus" },
    ]);
  });

  it("type-error", () => {
    const result = single([good, ["L002", null, "North East", "1.5", null]]);
    expect(result.valid).toBe(false);
    expect(result.issues.map(where)).toEqual([
      { code: "type-error", severity: "error", file: "audit.csv", line: 3, row: 2, column: 4, field: "staff", value: "1.5" },
    ]);
    expect(result.issues[0]!.message).toBe(
      'Cannot read "staff" (type integer): expected a whole number, but this has a fraction or exponent: round it or change the field type to number.',
    );
    expect(result.records).toEqual([{ lero_id: "L001", region: "E12000001", staff: 1, note: null }]);
    expect(result.rejected).toEqual([{ row: 2, line: 3, issues: result.issues }]);
  });

  it("constraint-error: required", () => {
    const result = single([["  ", "x", "North East", "1", null]]);
    expect(result.issues.map(where)).toEqual([
      { code: "constraint-error", severity: "error", file: "audit.csv", line: 2, row: 1, column: 1, field: "lero_id", value: "  " },
    ]);
  });

  it("constraint-error: categories, with the label accepted", () => {
    const result = single([["L001", null, "Narnia", "1", null]]);
    expect(result.issues.map(where)).toEqual([
      { code: "constraint-error", severity: "error", file: "audit.csv", line: 2, row: 1, column: 3, field: "region", value: "Narnia" },
    ]);
    expect(result.issues[0]!.message).toBe(
      'The value is not one of the categories of "region" ("E12000001", "E12000002"): correct the answer, or add it to the field\'s categories in data/schemas/audit.json if it is a valid option.',
    );
  });

  it("constraint-error: minimum, maximum and maxLength", () => {
    const result = single([
      ["L001", null, null, "-1", null],
      ["L002", null, null, "501", "far too long"],
    ]);
    expect(result.issues.map(where)).toEqual([
      { code: "constraint-error", severity: "error", file: "audit.csv", line: 2, row: 1, column: 4, field: "staff", value: "-1" },
      { code: "constraint-error", severity: "error", file: "audit.csv", line: 3, row: 2, column: 4, field: "staff", value: "501" },
      { code: "constraint-error", severity: "error", file: "audit.csv", line: 3, row: 2, column: 5, field: "note", value: "far too long" },
    ]);
    expect(result.rejected.map((r) => r.issues.length)).toEqual([1, 2]);
  });

  it("constraint-error: enum, minLength and an anchored pattern", () => {
    const strict = schema([
      field("code", "string", { constraints: { pattern: "[A-Z]{2}\\d", minLength: 3 } }),
      field("wave", "integer", { constraints: { enum: [2023, 2024] } }),
    ]);
    const result = validateTable(table(["code", "wave"], [["AB1", "2024"], ["xAB1", "2024"], ["AB", "2022"]]), strict, { maxRejectedShare: 1 });
    expect(result.issues.map(where)).toEqual([
      { code: "constraint-error", severity: "error", file: "audit.csv", line: 3, row: 2, column: 1, field: "code", value: "xAB1" },
      { code: "constraint-error", severity: "error", file: "audit.csv", line: 4, row: 3, column: 1, field: "code", value: "AB" },
      { code: "constraint-error", severity: "error", file: "audit.csv", line: 4, row: 3, column: 2, field: "wave", value: "2022" },
    ]);
    expect(result.issues[1]!.message).toMatch(/shorter than the 3 characters/);
  });

  it("constraint-error: unique", () => {
    const withUnique = schema([field("id", "string"), field("email", "string", { constraints: { unique: true } })]);
    const result = validateTable(table(["id", "email"], [["1", "a@b.org"], ["2", null], ["3", null], ["4", "a@b.org"]]), withUnique, {
      maxRejectedShare: 1,
    });
    expect(result.issues.map(where)).toEqual([
      { code: "constraint-error", severity: "error", file: "audit.csv", line: 5, row: 4, column: 2, field: "email", value: "a@b.org" },
    ]);
    expect(result.issues[0]!.message).toBe('"email" must be unique, but row 4 repeats the value of row 1 (line 2): correct one of them.');
  });

  it("constraint-error: uniqueKeys", () => {
    const withKeys = schema([field("lero", "string"), field("wave", "integer"), field("n", "integer")], { uniqueKeys: [["lero", "wave"]] });
    const result = validateTable(table(["lero", "wave", "n"], [["a", "1", "1"], ["a", "2", "1"], ["a", "1", "2"]]), withKeys, { maxRejectedShare: 1 });
    expect(result.issues.map(where)).toEqual([
      { code: "constraint-error", severity: "error", file: "audit.csv", line: 4, row: 3, column: 1, field: "lero", value: "a, 1" },
    ]);
  });

  it("primary-key", () => {
    const result = single([good, ["L001", null, "North West", "2", null]]);
    expect(result.issues.map(where)).toEqual([
      { code: "primary-key", severity: "error", file: "audit.csv", line: 3, row: 2, column: 1, field: "lero_id", value: "L001" },
    ]);
    expect(result.issues[0]!.message).toBe(
      'Row 2 repeats the key "lero_id" of row 1 (line 2): each row needs its own key. Remove the repeated response, or correct the key.',
    );
    expect(result.records.map((r) => r["region"])).toEqual(["E12000001"]);
  });

  it("primary-key over several fields, cast before comparing", () => {
    const waves = schema([field("lero", "string"), field("wave", "integer"), field("note", "string")], { primaryKey: ["lero", "wave"] });
    const result = validateTable(table(["lero", "wave", "note"], [["a", "1", "x"], ["a", "2", "x"], ["a", "01", "y"]], { sheet: "Data" }), waves, {
      maxRejectedShare: 1,
    });
    expect(result.issues.map(where)).toEqual([
      { code: "primary-key", severity: "error", file: "audit.csv", sheet: "Data", line: 4, row: 3, column: 1, field: "lero", value: "a, 1" },
    ]);
    expect(result.issues[0]!.message).toBe(
      "Row 3 repeats the key (lero, wave) of row 1 (line 2): each row needs its own key. Remove the repeated response, or correct the key.",
    );
  });

  it("primary-key compares with accepted rows only", () => {
    const result = single([["L001", null, "North East", "x", null], ["L001", null, "North East", "1", null]]);
    expect(result.issues.map((i) => i.code)).toEqual(["type-error"]);
    expect(result.rows).toEqual([2]);
  });

  it("duplicate-row, reported instead of primary-key", () => {
    const result = single([good, ["L002", null, "North West", "2", null], [...good]]);
    expect(result.valid).toBe(true);
    expect(result.issues.map(where)).toEqual([{ code: "duplicate-row", severity: "warning", file: "audit.csv", line: 4, row: 3 }]);
    expect(result.issues[0]!.message).toBe(
      "Row 3 repeats row 1 (line 2) cell for cell, as if submitted twice: it was skipped. Delete the repeat to silence this.",
    );
    expect(result.rejected.map((r) => r.row)).toEqual([3]);
    expect(result.rows).toEqual([1, 2]);
  });

  it("foreign-key", () => {
    const withRegions = schema(
      [field("id", "string"), field("region", "string")],
      { foreignKeys: [{ fields: ["region"], reference: { resource: "regions", fields: ["gss_code"] } }] },
    );
    const rows = [["1", "E12000001"], ["2", "E99999999"], ["3", null]];
    const result = validateTable(table(["id", "region"], rows), withRegions, {
      references: { regions: new Set(["E12000001"]) },
      maxRejectedShare: 1,
    });
    expect(result.issues.map(where)).toEqual([
      { code: "foreign-key", severity: "error", file: "audit.csv", line: 3, row: 2, column: 2, field: "region", value: "E99999999" },
    ]);
    expect(result.issues[0]!.message).toBe(
      '"E99999999" is not a gss_code in the reference table "regions": correct "region", or add the value to that reference table.',
    );
    expect(validateTable(table(["id", "region"], rows), withRegions, { maxRejectedShare: 1 }).issues).toEqual([]);
  });

  it("lists every issue of a rejected row", () => {
    const result = single([["L001", null, "Narnia", "lots", null]]);
    expect(result.rejected).toHaveLength(1);
    expect(result.rejected[0]!.issues.map((i) => [i.code, i.field])).toEqual([
      ["constraint-error", "region"],
      ["type-error", "staff"],
    ]);
  });

  it("checks categories on each item of a list", () => {
    const activities = schema([
      field("activities", "list", { categories: [{ value: "peer", label: "Peer support" }, { value: "arts", label: "Art, music or sport" }] }),
    ]);
    const result = validateTable(
      table(["activities"], [["Peer support, Art, music or sport"], ["Peer support, Knitting"]], { listSeparator: ", " }),
      activities,
      { maxRejectedShare: 1 },
    );
    expect(result.records).toEqual([{ activities: ["peer", "arts"] }]);
    expect(result.issues.map(where)).toEqual([
      { code: "constraint-error", severity: "error", file: "audit.csv", line: 3, row: 2, column: 1, field: "activities", value: "Peer support, Knitting" },
    ]);
    expect(result.issues[0]!.message).toMatch(/^The value includes "Knitting" \(answer 2\), which is not one of the categories/);
  });
});

describe("validateTable: types in records", () => {
  it("types every kind of field", () => {
    const all = schema([
      field("s", "string"),
      field("i", "integer"),
      field("n", "number"),
      field("b", "boolean"),
      field("d", "date", { format: "%d/%m/%Y" }),
      field("t", "datetime"),
      field("y", "year"),
      field("l", "list", { itemType: "number" }),
      field("a", "any"),
    ]);
    const result = validateTable(
      table(["s", "i", "n", "b", "d", "t", "y", "l", "a"], [[" x ", "-2", "2.50", "Yes", "29/02/2024", "2024-03-31T14:05:00+01:00", "2023", "1.5, 2", "?"]]),
      all,
    );
    expect(result.records).toEqual([
      { s: "x", i: -2, n: 2.5, b: true, d: "2024-02-29", t: "2024-03-31T13:05:00Z", y: 2023, l: [1.5, 2], a: "?" },
    ]);
  });

  it("uses the schema's missing values unless the field has its own", () => {
    const withMissing = schema([field("n", "integer"), field("m", "integer", { missingValues: ["-99"] })], { missingValues: ["NA", "-99"] });
    const result = validateTable(table(["n", "m"], [["NA", "-99"], ["-99", "NA"]]), withMissing, { maxRejectedShare: 1 });
    expect(result.records).toEqual([{ n: null, m: null }]);
    expect(result.issues.map(where)).toEqual([
      { code: "type-error", severity: "error", file: "audit.csv", line: 3, row: 2, column: 2, field: "m", value: "NA" },
    ]);
  });
});

describe("validateTable: scale", () => {
  // Speed is measured by `npm run bench` (the pipeline at 10k–1M rows), not asserted here: these machines are shared.
  it("validates 200,000 rows of 20 columns", () => {
    const fields = Array.from({ length: 20 }, (_, i) =>
      i === 0 ? field("id", "string") : field(`item${i}`, "integer", { constraints: { minimum: 1, maximum: 6 } }),
    );
    const rows = Array.from({ length: 200_000 }, (_, r) => fields.map((_, i) => (i === 0 ? `P${r}` : String(1 + ((r + i) % 6)))));
    const big = table(fields.map((f) => f.name), rows);
    const result = validateTable(big, schema(fields, { primaryKey: ["id"] }));
    expect(result.valid).toBe(true);
    expect(result.records).toHaveLength(200_000);
    expect(result.records[199_999]).toMatchObject({ id: "P199999", item1: 3, item19: 3 });
  });
});

describe("validateTable: the rejected share", () => {
  const simple = schema([field("n", "integer")]);
  const rows = (bad: number, total: number) => Array.from({ length: total }, (_, i) => [i < bad ? `x${i}` : String(i)]);

  it("adds a source-error when more than 5% of rows are rejected", () => {
    const result = validateTable(table(["n"], rows(2, 20)), simple);
    expect(result.read).toBe(20);
    expect(result.read).toBe(result.records.length + result.rejected.length);
    const last = result.issues.at(-1)!;
    expect(where(last)).toEqual({ code: "source-error", severity: "error", file: "audit.csv" });
    expect(last.message).toBe(
      "2 of 20 rows (10.0%) were rejected, more than the 5% allowed: so many usually mean the export or its mapping does not match the schema. Check the mapping first (a column sent to the wrong field rejects every row); if it is right, correct the rejected rows in the export.",
    );
  });

  it("allows exactly the share", () => {
    const result = validateTable(table(["n"], rows(1, 20)), simple);
    expect(result.issues.map((i) => i.code)).toEqual(["type-error"]);
  });

  it("counts warnings-only rejections, and keeps the table valid under the share", () => {
    const result = validateTable(table(["n"], [...rows(0, 99), [null]]), simple);
    expect(result.valid).toBe(true);
    expect(result.read).toBe(100);
    expect(result.rejected).toHaveLength(1);
  });

  it("takes another share from the options, and refuses a share outside 0–1", () => {
    expect(validateTable(table(["n"], rows(2, 20)), simple, { maxRejectedShare: 0.1 }).issues.map((i) => i.code)).toEqual(["type-error", "type-error"]);
    expect(() => validateTable(table(["n"], rows(2, 20)), simple, { maxRejectedShare: 5 })).toThrow(/between 0 and 1/);
  });
});

describe("TableValidator: rows in batches", () => {
  it("gives validateTable's result, its indexes growing past the rows expected (none here)", () => {
    const records: (string | null)[][] = [];
    for (let i = 0; i < 300; i++) records.push([`L${i % 250}`, null, i % 2 ? "North East" : "North West", String(i % 400), null]);
    records.push([...records[10]!]);
    const whole = table(LABELS, records);
    const expected = validateTable(whole, audit);
    const { rows: _rows, lines: _lines, widths: _widths, ...header } = whole;
    const validator = new TableValidator(header, audit, { keepRecords: false, cellsOf: (index) => whole.rows[index]! });
    for (let from = 0; from < records.length; from += 37) {
      validator.add({ rows: whole.rows.slice(from, from + 37), lines: whole.lines.slice(from, from + 37), widths: whole.widths.slice(from, from + 37) });
    }
    const batched = validator.finish();
    expect(expected.issues.map((issue) => issue.code).sort()).toEqual([...Array(50).fill("primary-key"), "duplicate-row", "source-error"].sort());
    expect(batched.issues).toEqual(expected.issues);
    expect(batched.rejected).toEqual(expected.rejected);
    expect(batched.accepted).toBe(expected.records.length);
    expect(batched.records).toEqual([]);
  });
});
