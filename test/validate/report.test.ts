import { describe, expect, it } from "vitest";
import type { Issue } from "../../loaders/types.ts";
import { formatIssue, groupIssues, summariseIssues } from "../../loaders/validate/index.ts";

const typeError: Issue = {
  code: "type-error",
  severity: "error",
  message: 'Cannot read "staff" (type integer): expected a whole number.',
  file: "data/audit.xlsx",
  sheet: "Responses",
  line: 14,
  row: 12,
  column: 5,
  field: "staff",
  value: "twelve",
};

describe("formatIssue", () => {
  it("puts where, code, message and value on one line", () => {
    expect(formatIssue(typeError)).toBe(
      'data/audit.xlsx:14 [Responses] row 12 column 5 (staff): type-error — Cannot read "staff" (type integer): expected a whole number. (value "twelve")',
    );
  });

  it("leaves out what the issue lacks and says when the value is empty", () => {
    expect(formatIssue({ code: "source-error", severity: "error", message: "Too many rows rejected.", file: "a.csv" })).toBe(
      "a.csv: source-error — Too many rows rejected.",
    );
    expect(formatIssue({ code: "missing-cell", severity: "error", message: "Short row.", file: "a.csv", line: 3, row: 2, column: 4, value: null })).toBe(
      "a.csv:3 row 2 column 4: missing-cell — Short row. (value empty)",
    );
  });

  it("cuts a long value to 60 characters and keeps line breaks escaped", () => {
    const long = `${"x".repeat(58)}\nmore text that is cut`;
    const line = formatIssue({ ...typeError, value: long });
    expect(line.endsWith(`(value "${"x".repeat(58)}\\n…")`)).toBe(true);
    expect(line).not.toContain("\n");
  });
});

describe("summariseIssues", () => {
  const many: Issue[] = Array.from({ length: 10_000 }, (_, i) => ({ ...typeError, row: i + 1, line: i + 3 }));
  const warning: Issue = { code: "blank-row", severity: "warning", message: "Row 5 is empty.", file: "data/audit.xlsx", line: 7, row: 5 };

  it("folds repeats of one code and field into one line, errors first", () => {
    const text = summariseIssues([warning, ...many], { rows: 3 });
    expect(text.split("\n")).toEqual([
      `error: ${formatIssue(many[0]!)} — and 9999 more like it (rows 2, 3, 4 and 9996 more)`,
      `warning: ${formatIssue(warning)}`,
    ]);
  });

  it("shows at most `max` groups and counts the rest", () => {
    const other: Issue = { ...typeError, field: "volunteers" };
    const text = summariseIssues([...many.slice(0, 3), other, warning], { max: 1 });
    expect(text.split("\n")).toEqual([
      `error: ${formatIssue(many[0]!)} — and 2 more like it (rows 2, 3)`,
      "… and 2 more issues of 2 other kinds",
    ]);
  });

  it("groups by file, code, severity and field", () => {
    expect(groupIssues([...many.slice(0, 2), warning]).map((g) => [g.code, g.field, g.count, g.rows])).toEqual([
      ["type-error", "staff", 2, [1, 2]],
      ["blank-row", undefined, 1, [5]],
    ]);
  });
});
