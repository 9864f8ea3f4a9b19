/** `check` and `inspect` in the export's own words, on generated exports (no real personal data). */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../../loaders/cli.ts";

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (t: string) => out.push(t), err: (t: string) => err.push(t) }, text: () => out.join("\n"), err: () => err.join("\n") };
}

const folder = mkdtempSync(join(tmpdir(), "lero-check-report-"));
const write = (name: string, content: string) => {
  const path = join(folder, name);
  writeFileSync(path, content);
  return path;
};

/**
 * A plain stigma export: three columns before Q5_1 that the mapping drops, so Q5_1 is the file's
 * column 7 but the mapped table's column 4; an email column nobody classified; no response ID and
 * no year, which the mapping generates and sets.
 */
const HEADER = ["Contact", "Junk A", "Junk B", "Junk C", "Field-1", "Q4", "Q5_1", "Q5_2"];
function exportWith(rows: number, bad: (i: number) => boolean): string {
  const lines = [HEADER.join(",")];
  for (let i = 0; i < rows; i++) lines.push([`person${i}@example.org`, "x", "y", "z", i % 2 === 0 ? "GP" : "Pharmacy", "North East", bad(i) ? `seven${i}` : String((i % 5) + 1), String((Math.floor(i / 5) % 5) + 1)].join(","));
  return `${lines.join("\n")}\n`;
}
const mapping = write(
  "stigma.mapping.json",
  JSON.stringify({ "Junk A": null, "Junk B": null, "Junk C": null, "Field-1": "setting", respondent_id: { generate: "row" }, year: { value: 2026 } }),
);

describe("lero-evidence check names columns as the export does", () => {
  const file = write("stigma.csv", exportWith(30, (i) => i % 3 === 0));

  it("reports the file's own column number and header, the field in brackets, and what an unknown column holds without its values", async () => {
    const { io, text } = capture();
    expect(await main(["check", "stigma", file, "--mapping", mapping], io)).toBe(1);
    const out = text();
    expect(out).toContain('Column 1 "Contact" is not a field of the stigma data');
    expect(out).toContain("looks like email addresses, 30 values");
    expect(out).toContain('add "Contact": null to stigma.mapping.json');
    expect(out).not.toMatch(/person\d+@example\.org/);
    expect(out).toContain("No row was checked: the columns do not match the stigma data.");
    expect(out).not.toContain("0 rows read");
    expect(out).not.toContain("listed above");
    expect(out).toContain(`Left out by the mapping: 3 columns ("Junk A", "Junk B", "Junk C")`);
    expect(out).toContain(`writes its private review files`);
    expect(out).toContain(join(folder, "review"));
  });

  it("groups a row problem by rule and column, with a count and the first rows; --all lists every row; values only with --show-values", async () => {
    const fixed = write("stigma.mapping.json", JSON.stringify({ ...JSON.parse('{"Junk A": null, "Junk B": null, "Junk C": null, "Field-1": "setting", "Contact": null}'), respondent_id: { generate: "row" }, year: { value: 2026 } }));
    const { io, text } = capture();
    expect(await main(["check", "stigma", file, "--mapping", fixed], io)).toBe(1);
    const out = text();
    expect(out).toContain('error: type-error — column 7 "Q5_1" (enacted_1) in 10 rows');
    expect(out).toContain("rows 1 (line 2), 4 (line 5), 7 (line 8), 10 (line 11), 13 (line 14) and 5 more (add --all to list every row)");
    expect(out).not.toContain("seven");
    expect(out).not.toContain("listed above");
    expect(out).toMatch(/30 rows checked: 20 accepted, 10 rejected\./);
    expect(out).toContain("10 of 30 rows (33.3%) were rejected");
    expect(out).toMatch(/warning: missing-label — \d+ optional fields have no column, so their values will be empty: enacted_3, anticipated_1/);
    expect(out).not.toContain("duplicate-row");
    expect(out.split("\n").length).toBeLessThan(20);

    const all = capture();
    await main(["check", "stigma", file, "--mapping", fixed, "--all"], all.io);
    expect(all.text()).toContain("28 (line 29)");
    expect(all.text()).not.toContain("more (add --all");

    const shown = capture();
    await main(["check", "stigma", file, "--mapping", fixed, "--show-values"], shown.io);
    expect(shown.text()).toContain(`value "seven0"`);

    const json = capture();
    expect(await main(["check", "stigma", file, "--mapping", fixed, "--json"], json.io)).toBe(1);
    const parsed = JSON.parse(json.text());
    expect(parsed).toMatchObject({ valid: false, rows: 30, checked: true, accepted: 20, rejected: 10, reviewFolder: join(folder, "review") });
    const typeError = parsed.issues.find((issue: { code: string }) => issue.code === "type-error");
    expect(typeError).toMatchObject({ code: "type-error", column: 7, label: "Q5_1", field: "enacted_1" });
    expect(typeError).not.toHaveProperty("value");
  });

  it("uses <dataset>.mapping.json beside the export when --mapping is not given, and accepts a clean export", async () => {
    const sub = mkdtempSync(join(tmpdir(), "lero-check-beside-"));
    const clean = join(sub, "stigma.csv");
    writeFileSync(clean, exportWith(5, () => false));
    writeFileSync(join(sub, "stigma.mapping.json"), JSON.stringify({ Contact: null, "Junk A": null, "Junk B": null, "Junk C": null, "Field-1": "setting", respondent_id: { generate: "row" }, year: { value: 2026 } }));
    const { io, text } = capture();
    expect(await main(["check", "stigma", clean], io), text()).toBe(0);
    expect(text()).toContain(`Mapping: ${join(sub, "stigma.mapping.json")}.`);
    expect(text()).toContain("5 rows checked: 5 accepted, 0 rejected.");
    expect(text()).toContain("Valid.");
  });

  it("names a duplicate column by its header and file position, and says how to leave one out", async () => {
    const dup = write("dup.csv", "ResponseId,Field-1,Q4,Q5_1,Enacted_1\nR1,GP,North East,1,2\n");
    const { io, text } = capture();
    expect(await main(["check", "stigma", dup, "--mapping", write("dup.mapping.json", JSON.stringify({ "Field-1": "setting", year: { value: 2026 } }))], io)).toBe(1);
    expect(text()).toContain('Column 5 "Enacted_1" and column 4 "Q5_1" (enacted_1) both give field "enacted_1": keep one. To leave this one out, add "Enacted_1": null to stigma.mapping.json.');
  });

  it("says which field is missing and how to map or set it", async () => {
    const missing = write("missing.csv", "ResponseId,Field-1\nR1,GP\n");
    const { io, text } = capture();
    expect(await main(["check", "stigma", missing, "--mapping", write("m.mapping.json", JSON.stringify({ "Field-1": "setting" }))], io)).toBe(1);
    expect(text()).toMatch(/No column gives field "year", which is required\. .*"year": \{"value": …\}/);
  });

  it("--dictionary is a real option of check and inspect, and a wrong path is a clear error with exit 1", async () => {
    const data = write("Proj_DATA_2026-03-01_1402.csv", "record_id,q1\n1,2\n");
    const dict = write(
      "elsewhere.csv",
      'Variable / Field Name,Form Name,Section Header,Field Type,Field Label,"Choices, Calculations, OR Slider Labels",Field Note,Text Validation Type OR Show Slider Number,Text Validation Min,Text Validation Max,Identifier?\nrecord_id,f,,text,ID,,,,,,\nq1,f,,text,Q1,,,,,,\n',
    );
    const ok = capture();
    expect(await main(["inspect", data, "--dictionary", dict], ok.io), ok.err()).toBe(0);
    expect(ok.text()).not.toContain("warning");
    const bad = capture();
    expect(await main(["check", "stigma", data, "--dictionary", join(folder, "nope.csv")], bad.io)).toBe(1);
    expect(bad.err()).toMatch(/nope\.csv: the data dictionary given for .* does not exist; check the path given with --dictionary/);
  });
});

describe("lero-evidence inspect", () => {
  it("prints whole headers, the file's column numbers and a warning for a REDCap export without its dictionary", async () => {
    const long = "Thinking about your GP in the last 12 months, how often did this happen? - Staff treated me with less respect";
    const file = write("Survey_DATA_2026-03-01_1402.csv", `record_id,"${long}",email_contact\n1,3,a@example.org\n2,4,b@example.org\n`);
    const { io, text } = capture();
    expect(await main(["inspect", file], io)).toBe(0);
    expect(text()).toContain(long);
    expect(text()).toMatch(/warning: .*data dictionary is missing/);
    expect(text()).toContain("(email addresses, 2 values; hidden)");
    expect(text()).not.toContain("a@example.org");
  });

  it("--json gives the inspection as JSON with exact headers", async () => {
    const file = write("plain.csv", "A header that is much longer than thirty-two characters,b\n1,2\n");
    const { io, text } = capture();
    expect(await main(["inspect", file, "--json"], io)).toBe(0);
    const parsed = JSON.parse(text());
    expect(parsed.columns[0]).toMatchObject({ exportColumn: 1, label: "A header that is much longer than thirty-two characters", inferredType: "integer" });
    expect(parsed.warnings).toEqual([]);
  });

  it("rejects an unknown option with exit 2 and the usage", async () => {
    const { io, err } = capture();
    expect(await main(["inspect", "x.csv", "--frobnicate"], io)).toBe(2);
    expect(err()).toContain("--dictionary");
  });
});
