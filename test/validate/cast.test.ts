import { describe, expect, it } from "vitest";
import { castValue, compileCaster, INVALID } from "../../loaders/validate/index.ts";
import { field, table } from "./fixtures.ts";

const ok = (value: unknown) => ({ ok: true, value });

function fails(result: ReturnType<typeof castValue>, reason: RegExp): void {
  expect(result.ok).toBe(false);
  if (!result.ok) expect(result.message).toMatch(reason);
}

describe("castValue", () => {
  it("trims strings and treats blank cells and missing values as null", () => {
    const name = field("name", "string");
    expect(castValue(name, "  Hope House ")).toEqual(ok("Hope House"));
    expect(castValue(name, null)).toEqual(ok(null));
    expect(castValue(name, "   ")).toEqual(ok(null));
    expect(castValue(name, "NA")).toEqual(ok("NA"));
    expect(castValue(name, "NA", { missingValues: ["NA"] })).toEqual(ok(null));
    expect(castValue(field("name", "string", { missingValues: ["-"] }), "NA", { missingValues: ["NA"] })).toEqual(ok("NA"));
  });

  it("checks string formats", () => {
    expect(castValue(field("email", "string", { format: "email" }), "a@b.org")).toEqual(ok("a@b.org"));
    fails(castValue(field("email", "string", { format: "email" }), "a at b"), /e-mail address/);
    fails(castValue(field("id", "string", { format: "uuid" }), "1234"), /UUID/);
  });

  it("casts integers with an optional sign and rejects fractions and exponents", () => {
    const n = field("n", "integer");
    expect(castValue(n, "42")).toEqual(ok(42));
    expect(castValue(n, "-7")).toEqual(ok(-7));
    expect(castValue(n, "+3")).toEqual(ok(3));
    expect(castValue(n, "-0")).toEqual(ok(0));
    fails(castValue(n, "1.5"), /fraction or exponent/);
    fails(castValue(n, "1e3"), /fraction or exponent/);
    fails(castValue(n, "twelve"), /whole number/);
    fails(castValue(n, "12345678901234567890"), /too large/);
  });

  it("casts numbers with a decimal point and rejects decimal commas", () => {
    const x = field("x", "number");
    expect(castValue(x, "12.50")).toEqual(ok(12.5));
    expect(castValue(x, "-3")).toEqual(ok(-3));
    expect(castValue(x, ".5")).toEqual(ok(0.5));
    expect(castValue(x, "1e3")).toEqual(ok(1000));
    fails(castValue(x, "12,5"), /decimal point, not a comma/);
    fails(castValue(x, "1,234.5"), /expected a number/);
    fails(castValue(x, "abc"), /expected a number/);
  });

  it("casts booleans with default and custom true/false values", () => {
    const b = field("b", "boolean");
    for (const text of ["true", "True", "TRUE", "1", "yes", "Yes"]) expect(castValue(b, text)).toEqual(ok(true));
    for (const text of ["false", "False", "FALSE", "0", "no", "No"]) expect(castValue(b, text)).toEqual(ok(false));
    fails(castValue(b, "maybe"), /expected yes or no/);
    const consent = field("consent", "boolean", { trueValues: ["I agree"], falseValues: ["I do not agree"] });
    expect(castValue(consent, "I agree")).toEqual(ok(true));
    expect(castValue(consent, "I do not agree")).toEqual(ok(false));
    fails(castValue(consent, "yes"), /"I agree", "I do not agree"/);
  });

  it("casts ISO dates and rejects impossible calendar dates", () => {
    const d = field("d", "date");
    expect(castValue(d, "2024-02-29")).toEqual(ok("2024-02-29"));
    expect(castValue(d, "2024-03-01T00:00:00.000Z")).toEqual(ok("2024-03-01"));
    fails(castValue(d, "2024-02-30"), /not a calendar date: month 2 of 2024 has 29 days/);
    fails(castValue(d, "2023-02-29"), /has 28 days/);
    fails(castValue(d, "2024-13-01"), /no month 13/);
    fails(castValue(d, "01/03/2024"), /ISO date/);
    fails(castValue(d, "2024-03-01T10:30:00"), /without a time of day/);
  });

  it("casts dates written with a format pattern", () => {
    const uk = field("d", "date", { format: "%d/%m/%Y" });
    expect(castValue(uk, "31/03/2024")).toEqual(ok("2024-03-31"));
    expect(castValue(uk, "1/3/2024")).toEqual(ok("2024-03-01"));
    fails(castValue(uk, "31/04/2024"), /has 30 days/);
    fails(castValue(uk, "2024-03-31"), /written as %d\/%m\/%Y/);
    expect(castValue(field("d", "date", { format: "%d.%m.%y" }), "05.11.99")).toEqual(ok("1999-11-05"));
    expect(castValue(field("d", "date", { format: "any" }), "31/03/2024")).toEqual(ok("2024-03-31"));
    expect(castValue(field("d", "date", { format: "any" }), "2024-03-31")).toEqual(ok("2024-03-31"));
    fails(castValue(field("d", "date", { format: "any" }), "31/02/2024"), /has 29 days/);
    expect(castValue(field("d", "date", { format: "%d/%m/%Y %H:%M" }), "31/03/2024 14:05")).toEqual(ok("2024-03-31"));
  });

  it("casts date-times to ISO without milliseconds, in UTC when a zone is given", () => {
    const t = field("t", "datetime");
    expect(castValue(t, "2024-03-31T14:05:09.123Z")).toEqual(ok("2024-03-31T14:05:09Z"));
    expect(castValue(t, "2024-03-31T14:05:09+01:00")).toEqual(ok("2024-03-31T13:05:09Z"));
    expect(castValue(t, "2024-03-31 14:05")).toEqual(ok("2024-03-31T14:05:00"));
    fails(castValue(t, "2024-03-31T25:00:00"), /not a time of day/);
    fails(castValue(t, "yesterday"), /ISO date/);
    const monkey = field("t", "datetime", { format: "%m/%d/%Y %I:%M:%S %p" });
    expect(castValue(monkey, "03/31/2024 02:05:09 PM")).toEqual(ok("2024-03-31T14:05:09"));
    expect(castValue(monkey, "03/31/2024 12:05:09 AM")).toEqual(ok("2024-03-31T00:05:09"));
    fails(castValue(monkey, "03/31/2024 13:05:09 PM"), /between 1 and 12/);
  });

  it("casts four-digit years", () => {
    const y = field("y", "year");
    expect(castValue(y, "2024")).toEqual(ok(2024));
    fails(castValue(y, "24"), /four digits/);
    fails(castValue(y, "2024.0"), /four digits/);
  });

  it("passes any value through, trimmed", () => {
    expect(castValue(field("a", "any"), " x ")).toEqual(ok("x"));
  });

  it("maps a category label, ignoring case, to its value", () => {
    const stage = field("stage", "string", {
      categories: [{ value: "emerging", label: "Emerging (under 2 years)" }, { value: "established", label: "Established" }, "other"],
    });
    expect(castValue(stage, "Emerging (under 2 years)")).toEqual(ok("emerging"));
    expect(castValue(stage, "ESTABLISHED")).toEqual(ok("established"));
    expect(castValue(stage, "Other")).toEqual(ok("other"));
    expect(castValue(stage, "unknown")).toEqual(ok("unknown"));
    const likert = field("confidence", "integer", {
      categories: [{ value: "1", label: "Not at all confident" }, { value: "5", label: "Very confident" }],
    });
    expect(castValue(likert, "Very confident")).toEqual(ok(5));
    expect(castValue(likert, "1")).toEqual(ok(1));
  });

  it("splits a list, keeping an option that contains the separator whole", () => {
    const activities = field("activities", "list", {
      categories: [
        { value: "peer-support", label: "Peer support" },
        { value: "arts", label: "Art, music or sport" },
        { value: "cafe", label: "Recovery café" },
      ],
    });
    expect(castValue(activities, "Peer support, Art, music or sport, Recovery café", { listSeparator: ", " })).toEqual(
      ok(["peer-support", "arts", "cafe"]),
    );
    expect(castValue(activities, "peer-support;cafe", { listSeparator: ";" })).toEqual(ok(["peer-support", "cafe"]));
    expect(castValue(activities, "Peer support, knitting, baking", { listSeparator: ", " })).toEqual(
      ok(["peer-support", "knitting, baking"]),
    );
  });

  it("takes the separator from the table it reads", () => {
    const googleForms = table(["activities"], [], { listSeparator: ", " });
    expect(castValue(field("activities", "list", { delimiter: ";" }), "a, b", googleForms)).toEqual(ok(["a", "b"]));
  });

  it("uses the field's delimiter when the export has no separator, and types the items", () => {
    const scores = field("scores", "list", { delimiter: "|", itemType: "integer" });
    expect(castValue(scores, "1|2| 3")).toEqual(ok([1, 2, 3]));
    fails(castValue(scores, "1|two"), /^item 2 of the list: expected a whole number/);
    expect(castValue(field("tags", "list"), "a, b")).toEqual(ok(["a", "b"]));
  });

  it("reports failure through INVALID and reason when compiled", () => {
    const caster = compileCaster(field("n", "integer"));
    expect(caster.cast("7")).toBe(7);
    expect(caster.cast("x")).toBe(INVALID);
    expect(caster.reason).toMatch(/whole number/);
  });
});
