/**
 * Synthetic exports "as the survey tool would write them" from a form this project generated: the
 * answers are the sample's accepted records, and everything about the layout (headers, codes, choice
 * names, metadata columns) is read back from the generated form file itself, not from the plan.
 */
import { runInNewContext } from "node:vm";
import { existsSync } from "node:fs";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { stringify } from "csv-stringify/sync";
import { parseDictionary } from "../../loaders/read/adapters/redcap.ts";
import { readText } from "../../loaders/read/source.ts";
import { applyMapping, loadMapping, readExport } from "../../loaders/read/index.ts";
import { referenceSets } from "../../loaders/reference.ts";
import { loadSchema, PROJECT_ROOT, type Dataset } from "../../loaders/schema.ts";
import { validateTable } from "../../loaders/validate/index.ts";

type Value = string | number | boolean | string[] | null | undefined;
export type SampleRecord = Record<string, Value>;

const SAMPLE_FILES: Record<Dataset, string> = { audit: "audit.xlsx", standards: "standards.csv", workforce: "workforce.csv", stigma: "stigma.csv", outcomes: "outcomes.csv" };

/** The first `count` accepted records of the sample's export of `dataset`. */
export async function sampleRecords(dataset: Dataset, count: number): Promise<SampleRecord[]> {
  const dir = join(PROJECT_ROOT, "data", "sample");
  const mapping = join(dir, `${dataset}.mapping.json`);
  const schema = loadSchema(dataset);
  const table = applyMapping(await readExport(join(dir, SAMPLE_FILES[dataset])), schema, existsSync(mapping) ? loadMapping(mapping) : {});
  const { records } = validateTable(table, schema, { references: referenceSets() });
  return records.slice(0, count) as SampleRecord[];
}

const text = (value: Value): string => (value === null || value === undefined ? "" : Array.isArray(value) ? value.join(", ") : String(value));

/** REDCap "CSV (raw data)": the record ID, codes for choices, `field___code` 0/1 columns for checkboxes, `<form>_complete`. */
export function redcapExport(dictionaryCsv: string, records: readonly SampleRecord[]): string {
  const dictionary = parseDictionary(readText("dictionary.csv", dictionaryCsv, "utf-8"));
  const [recordId, ...fields] = dictionary.order.map((name) => dictionary.fields.get(name)!);
  const form = readText("dictionary.csv", dictionaryCsv, "utf-8").records[1]![1]!;
  const header = [recordId!.name];
  for (const field of fields) {
    if (field.type === "checkbox") header.push(...field.choices.map((choice) => `${field.name}___${choice.code}`));
    else header.push(field.name);
  }
  header.push(`${form}_complete`);
  const code = (field: (typeof fields)[number], label: string) => {
    const choice = field.choices.find((c) => c.label === label);
    if (choice === undefined) throw new Error(`${field.name}: no REDCap choice for ${label}`);
    return choice.code;
  };
  const rows = records.map((record, i) => {
    // REDCap numbers its records itself, whatever the sample called them.
    const row = [String(i + 1)];
    for (const field of fields) {
      const value = record[field.name];
      if (field.type === "checkbox") {
        const chosen = new Set(Array.isArray(value) ? value : []);
        row.push(...field.choices.map((choice) => (chosen.has(choice.label) ? "1" : "0")));
      } else if (value === null || value === undefined) row.push("");
      else if (field.type === "yesno") row.push(value === true ? "1" : "0");
      else if (field.type === "radio" || field.type === "dropdown") {
        const label = typeof value === "boolean" ? field.choices[value ? 0 : 1]!.label : String(value);
        row.push(code(field, label));
      } else row.push(text(value));
    }
    row.push("2");
    return row;
  });
  return stringify([header, ...rows], { record_delimiter: "\n" });
}

interface XlsForm {
  survey: Record<string, string>[];
  /** list name → choice label → choice name */
  choices: Map<string, Map<string, string>>;
}

function cellString(value: ExcelJS.CellValue): string {
  return value === null || value === undefined ? "" : String(value);
}

export async function readXlsForm(bytes: Uint8Array): Promise<XlsForm> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  const rowsOf = (name: string) => {
    const sheet = workbook.getWorksheet(name);
    if (sheet === undefined) throw new Error(`the XLSForm has no ${name} sheet`);
    const rows: string[][] = [];
    sheet.eachRow((row) => rows.push((row.values as ExcelJS.CellValue[]).slice(1).map(cellString)));
    const [head, ...body] = rows;
    return body.map((row) => Object.fromEntries(head!.map((column, j) => [column, row[j] ?? ""])));
  };
  const choices = new Map<string, Map<string, string>>();
  for (const row of rowsOf("choices")) {
    if (!choices.has(row.list_name!)) choices.set(row.list_name!, new Map());
    choices.get(row.list_name!)!.set(row.label!, row.name!);
  }
  return { survey: rowsOf("survey"), choices };
}

/** The value an ODK or Kobo export holds for one survey row's answer. */
function odkValue(form: XlsForm, row: Record<string, string>, value: Value, index: number): string | number {
  const [type, list] = row.type!.split(" ");
  if (row.type === "calculate") return row.calculation === "once(uuid())" ? `uuid:00000000-0000-4000-8000-${String(index).padStart(12, "0")}` : text(value);
  if (value === null || value === undefined) return "";
  const names = form.choices.get(list ?? "");
  if (type === "select_one") {
    const label = typeof value === "boolean" ? (value ? "Yes" : "No") : String(value);
    const name = names?.get(label);
    if (name === undefined) throw new Error(`${row.name}: no choice named for ${label}`);
    return name;
  }
  if (type === "select_multiple") return (value as string[]).map((label) => names!.get(label)!).join(" ");
  return typeof value === "number" ? value : text(value);
}

/** ODK Central's CSV of submissions. */
export function odkCentralExport(form: XlsForm, records: readonly SampleRecord[]): string {
  const questions = form.survey.filter((row) => row.name !== "");
  const header = ["SubmissionDate", ...questions.map((row) => row.name!), "meta-instanceID", "KEY", "SubmitterID", "SubmitterName", "AttachmentsPresent", "AttachmentsExpected", "Status", "ReviewState", "DeviceID", "Edits", "FormVersion"];
  const rows = records.map((record, i) => {
    const uuid = `uuid:00000000-0000-4000-8000-${String(i).padStart(12, "0")}`;
    const answers = questions.map((row) => (row.type === "start" || row.type === "end" ? "2026-03-01T12:00:00.000+00:00" : odkValue(form, row, record[row.name!], i)));
    return ["2026-03-01T12:05:00.000Z", ...answers, uuid, uuid, "7", "Tablet 1", "0", "0", "", "", "collect:abc", "0", "1"];
  });
  return stringify([header, ...rows], { record_delimiter: "\n" });
}

/** KoboToolbox's XLSX download ("XML values and headers", select-many as single and separate columns). */
export async function koboExport(form: XlsForm, records: readonly SampleRecord[]): Promise<Uint8Array> {
  const questions = form.survey.filter((row) => row.name !== "");
  const header: string[] = [];
  for (const row of questions) {
    header.push(row.name!);
    if (row.type!.startsWith("select_multiple ")) for (const name of form.choices.get(row.type!.split(" ")[1]!)!.values()) header.push(`${row.name}/${name}`);
  }
  header.push("_id", "_uuid", "_submission_time", "_validation_status", "_notes", "_status", "_submitted_by", "__version__", "_tags", "_index");
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("data");
  sheet.addRow(header);
  records.forEach((record, i) => {
    const cells: (string | number)[] = [];
    for (const row of questions) {
      if (row.type === "start" || row.type === "end") {
        cells.push("2026-03-01T12:00:00.000+00:00");
        continue;
      }
      const value = odkValue(form, row, record[row.name!], i);
      cells.push(value);
      if (row.type!.startsWith("select_multiple ")) {
        const chosen = new Set(String(value).split(" "));
        for (const name of form.choices.get(row.type!.split(" ")[1]!)!.values()) cells.push(chosen.has(name) ? 1 : 0);
      }
    }
    cells.push(1000 + i, `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`, "2026-03-01T12:05:00", "", "", "submitted_via_web", "", "vabc123", "", i + 1);
    sheet.addRow(cells);
  });
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

export interface ScriptedForm {
  items: { kind: string; title: string; choices: string[]; required: boolean; validation?: string }[];
  formulas: { column: number; formula: string }[];
}

/** Runs a generated Apps Script against stand-ins for FormApp and SpreadsheetApp and records the form it builds. */
export function runFormScript(script: string): ScriptedForm {
  const recorded: ScriptedForm = { items: [], formulas: [] };
  const chain = (target: Record<string, unknown>): unknown =>
    new Proxy(target, {
      get: (object, key) => (typeof key === "symbol" ? undefined : key in object ? object[key] : () => chain(object)),
    });
  const item = (kind: string) => {
    const entry: ScriptedForm["items"][number] = { kind, title: "", choices: [], required: false };
    recorded.items.push(entry);
    const self: Record<string, unknown> = {};
    Object.assign(self, {
      setTitle: (title: string) => ((entry.title = title), chain(self)),
      setChoiceValues: (values: string[]) => ((entry.choices = values), chain(self)),
      setRequired: (required: boolean) => ((entry.required = required), chain(self)),
    });
    return chain(self);
  };
  const form = chain({
    addTextItem: () => item("text"),
    addParagraphTextItem: () => item("paragraph"),
    addMultipleChoiceItem: () => item("multiple-choice"),
    addCheckboxItem: () => item("checkbox"),
    addScaleItem: () => item("scale"),
    getId: () => "form-id",
  });
  const sheet = chain({ getRange: (_row: number, column: number) => ({ setFormula: (formula: string) => recorded.formulas.push({ column, formula }) }), getFormUrl: () => "https://docs.google.com/forms/d/form-id" });
  const spreadsheet = chain({ getSheets: () => [sheet], getId: () => "sheet-id" });
  const validation = chain({});
  runInNewContext(`${script}\ncreateForm();`, {
    FormApp: { create: () => form, createTextValidation: () => validation, DestinationType: { SPREADSHEET: "SPREADSHEET" } },
    SpreadsheetApp: { create: () => spreadsheet, flush: () => undefined },
    Logger: { log: () => undefined },
  });
  return recorded;
}

/** Google Forms' CSV download of the response sheet: Timestamp, one column per item, then the script's formula columns. */
export function googleFormsExport(form: ScriptedForm, titles: ReadonlyMap<string, string>, computed: (title: string, record: SampleRecord, row: number) => string, records: readonly SampleRecord[]): string {
  const formulaTitles = form.formulas.map(({ formula }) => /^=\{"([^"]+)"/.exec(formula)![1]!);
  const header = ["Timestamp", ...form.items.map((item) => item.title), ...formulaTitles];
  const rows = records.map((record, i) => {
    const answers = form.items.map((item) => {
      const value = record[titles.get(item.title)!];
      if (typeof value === "boolean") return item.choices[value ? 0 : 1]!;
      return text(value);
    });
    return [`3/1/2026 12:${String(i % 60).padStart(2, "0")}:00`, ...answers, ...formulaTitles.map((title) => computed(title, record, i + 2))];
  });
  return stringify([header, ...rows], { record_delimiter: "\n" });
}
