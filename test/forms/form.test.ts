import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { main } from "../../loaders/cli.ts";
import { googleFormsScript, planForm, redcapDictionary, REDCAP_HEADER, xlsformSheets, xlsformWorkbook } from "../../loaders/forms/index.ts";
import { columnLetter } from "../../loaders/forms/google-forms.ts";
import { helpText } from "../../loaders/forms/questions.ts";
import { parseDictionary } from "../../loaders/read/adapters/redcap.ts";
import { readText } from "../../loaders/read/source.ts";
import { DATASETS, loadSchema } from "../../loaders/schema.ts";
import { runFormScript } from "./exports.ts";

const folder = mkdtempSync(join(tmpdir(), "lero-form-cli-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

async function run(argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

describe("lero-evidence form: bad input", () => {
  it("refuses an unknown dataset, naming the datasets, and writes nothing", async () => {
    const dir = mkdtempSync(join(folder, "unknown-"));
    const result = await run(["form", "stigmas", "--tool", "redcap", "--out", join(dir, "x.csv")]);
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/Unknown dataset "stigmas"; use one of: audit, standards, workforce, stigma, outcomes\./);
    expect(readdirSync(dir)).toEqual([]);
  });

  it("refuses an unknown or missing tool, naming the tools, and writes nothing", async () => {
    const dir = mkdtempSync(join(folder, "tool-"));
    const unknown = await run(["form", "stigma", "--tool", "surveymonkey", "--out", join(dir, "x")]);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toMatch(/Unknown tool "surveymonkey"; use one of: redcap, xlsform, google-forms\./);
    const missing = await run(["form", "stigma", "--out", join(dir, "x")]);
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/form needs --tool/);
    expect(readdirSync(dir)).toEqual([]);
  });

  it("leaves an existing file as it is without --force, and replaces it with --force", async () => {
    const dir = mkdtempSync(join(folder, "exists-"));
    const out = join(dir, "stigma.csv");
    writeFileSync(out, "keep me");
    const refused = await run(["form", "stigma", "--tool", "redcap", "--out", out]);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain(`${out}: already exists and was left as it is; add --force to replace it, or give another file with --out.`);
    expect(readFileSync(out, "utf8")).toBe("keep me");
    const forced = await run(["form", "stigma", "--tool", "redcap", "--out", out, "--force"]);
    expect(forced.code).toBe(0);
    expect(forced.out).toBe(`Wrote the REDCap data dictionary for stigma to ${out}.`);
    expect(readFileSync(out, "utf8")).toMatch(/^Variable \/ Field Name,/);
    expect(readdirSync(dir)).toEqual(["stigma.csv"]);
  });

  it("says when the output folder does not exist, and writes nothing", async () => {
    const out = join(folder, "no-such-folder", "form.gs");
    const result = await run(["form", "stigma", "--tool", "google-forms", "--out", out]);
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/the folder .*no-such-folder does not exist/);
    expect(existsSync(join(folder, "no-such-folder"))).toBe(false);
  });
});

describe("the REDCap data dictionary", () => {
  it("has REDCap's 18 columns, the record ID first, codes 1, 2, … with the categories as labels, and identifiers flagged", () => {
    const csv = redcapDictionary(planForm(loadSchema("stigma")));
    const source = readText("d.csv", csv, "utf-8");
    expect(source.records[0]).toEqual([...REDCAP_HEADER]);
    const dictionary = parseDictionary(source);
    expect(dictionary.order[0]).toBe("respondent_id");
    expect(dictionary.fields.get("respondent_id")).toMatchObject({ type: "text", identifier: true });
    expect(dictionary.fields.get("setting")!.choices.slice(0, 3)).toEqual([
      { code: "1", label: "GP" },
      { code: "2", label: "Mental health service" },
      { code: "3", label: "Hospital or A&E" },
    ]);
    expect(dictionary.fields.get("enacted_1")).toMatchObject({ type: "radio", choices: [1, 2, 3, 4, 5].map((n) => ({ code: String(n), label: String(n) })) });
    expect(dictionary.fields.get("avoided_care")!.type).toBe("yesno");
    expect(dictionary.fields.get("year")).toMatchObject({ type: "text", validation: "integer" });
    expect(dictionary.fields.get("quote")!.type).toBe("notes");
    const year = source.records.find((record) => record[0] === "year")!;
    expect([year[8], year[9], year[12]]).toEqual(["2020", "2035", "y"]);
  });

  it("gives a dataset without a response number REDCap's record_id, a checkbox for a list and a calc field for a total", () => {
    const outcomes = parseDictionary(readText("d.csv", redcapDictionary(planForm(loadSchema("outcomes"))), "utf-8"));
    expect(outcomes.order.slice(0, 2)).toEqual(["record_id", "person_id"]);
    expect(outcomes.fields.get("assessment_date")).toMatchObject({ type: "text", validation: "date_ymd" });
    expect(outcomes.fields.get("barc_total")).toMatchObject({ type: "calc" });
    const audit = parseDictionary(readText("d.csv", redcapDictionary(planForm(loadSchema("audit"))), "utf-8"));
    expect(audit.fields.get("activities")!.type).toBe("checkbox");
  });
});

describe("the XLSForm", () => {
  it("has survey, choices and settings sheets; names are field names, choice names have no spaces", async () => {
    const { survey, choices, settings } = xlsformSheets(planForm(loadSchema("audit")));
    expect(survey.slice(0, 3)).toEqual([
      { type: "start", name: "start" },
      { type: "end", name: "end" },
      { type: "calculate", name: "response_id", calculation: "once(uuid())" },
    ]);
    expect(survey.find((row) => row.name === "activities")).toMatchObject({ type: "select_multiple activities", label: "Activities" });
    expect(survey.find((row) => row.name === "activities")).not.toHaveProperty("required");
    expect(survey.find((row) => row.name === "wave")).toMatchObject({ type: "integer", required: "yes", constraint: ". >= 2020 and . <= 2035" });
    expect(choices.filter(([, name]) => !/^[A-Za-z0-9_]+$/.test(name!))).toEqual([]);
    expect(settings).toMatchObject({ form_title: loadSchema("audit").title, form_id: "lero_audit" });
    const outcomes = xlsformSheets(planForm(loadSchema("outcomes"))).survey;
    expect(outcomes.find((row) => row.name === "barc_total")!.calculation).toBe(Array.from({ length: 10 }, (_, i) => `\${barc_${i + 1}}`).join(" + "));
    expect(outcomes.find((row) => row.name === "assessment_date")!.constraint).toBe(". >= date('2020-01-01') and . <= date('2030-12-31')");
  });

  it("is the same bytes for the same schema", async () => {
    const plan = planForm(loadSchema("workforce"));
    expect(Buffer.from(await xlsformWorkbook(plan)).equals(Buffer.from(await xlsformWorkbook(plan)))).toBe(true);
  });
});

describe("the Google Apps Script", () => {
  it("creates one item per asked question, with the schema's titles, choices and scale ends", () => {
    const plan = planForm(loadSchema("stigma"));
    const form = runFormScript(googleFormsScript(plan));
    expect(form.items[0]).toEqual({ kind: "multiple-choice", title: "Setting", choices: loadSchema("stigma").fields[1]!.categories, required: true });
    expect(form.items.find((item) => item.title === "Enacted stigma 1 (adapted)")!.kind).toBe("scale");
    expect(googleFormsScript(plan)).toContain('.setBounds(1, 5).setLabels("never", "very often")');
    // The response number is a formula column after the Timestamp and the 18 questions.
    expect(form.formulas).toEqual([{ column: 20, formula: expect.stringMatching(/^=\{"Respondent";ARRAYFORMULA\(/) }]);
  });

  it("adds a total's formula over the right columns", () => {
    const form = runFormScript(googleFormsScript(planForm(loadSchema("outcomes"))));
    const first = form.items.findIndex((item) => item.title.startsWith("BARC-10 item 1:"));
    expect(form.formulas[0]!.formula).toContain(`${columnLetter(first + 2)}2:${columnLetter(first + 2)}+`);
    expect(columnLetter(1)).toBe("A");
    expect(columnLetter(26)).toBe("Z");
    expect(columnLetter(27)).toBe("AA");
  });
});

describe("question wording", () => {
  it("keeps the description's sentences for the person answering and leaves out the analysts'", () => {
    const field = loadSchema("stigma").fields.find((f) => f.name === "enacted_1")!;
    expect(helpText(field)).toBe("Staff treated me with less respect because of substance use. Scored 1 (never) to 5 (very often).");
  });

  it("every dataset's form has a question (or a tool-filled column) for every field", () => {
    for (const dataset of DATASETS) {
      const schema = loadSchema(dataset);
      expect(planForm(schema).questions.map((q) => q.name)).toEqual(schema.fields.map((f) => f.name));
    }
  });
});
