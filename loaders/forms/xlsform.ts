/**
 * An XLSForm (survey, choices and settings sheets) for ODK Central, ODK Collect and KoboToolbox.
 *
 * Question names are the schema's field names and choice names are `choiceName` of each category,
 * so the tools' exports ("XML values and headers" in Kobo; every ODK Central CSV) carry the field
 * names as headers and choice names as answers, which validation accepts as the categories. The
 * survey response number is `once(uuid())`, worked out once per submission; a total is a
 * `calculate` row. `start` and `end` record when the form was opened and finished, as Kobo's own
 * forms do; the reader knows them as the tool's columns.
 */
import { createHash } from "node:crypto";
import ExcelJS from "exceljs";
import { fixZipTimes } from "../../scripts/sample/util.ts";
import type { FormPlan, Question } from "./questions.ts";

const SURVEY_COLUMNS = ["type", "name", "label", "hint", "required", "constraint", "constraint_message", "calculation", "appearance"] as const;
type SurveyRow = Partial<Record<(typeof SURVEY_COLUMNS)[number], string>>;

/** The list name of a question's choices: the field name, or the shared yes/no list. */
export function listName(question: Question): string {
  return question.kind === "yes-no" ? `yes_no_${question.yes}_${question.no}`.toLowerCase().replace(/[^a-z0-9_]/g, "_") : question.name;
}

/** The choices an XLSForm offers for a question (name and label), empty for one without. */
export function xlsformChoices(question: Question): { name: string; label: string }[] {
  if (question.kind === "yes-no") return [{ name: question.yes ?? "yes", label: "Yes" }, { name: question.no ?? "no", label: "No" }];
  return question.choices;
}

function quote(text: string): string {
  return `'${text.replace(/'/g, "")}'`;
}

function surveyRow(question: Question): SurveyRow {
  const row: SurveyRow = { name: question.name, label: question.title };
  if (question.help !== "") row.hint = question.help;
  if (question.required && question.source === "answer") row.required = "yes";
  if (question.source === "record-id") return { type: "calculate", name: question.name, calculation: "once(uuid())" };
  if (question.source === "derived") return { type: "calculate", name: question.name, calculation: (question.sumOf ?? []).map((name) => `\${${name}}`).join(" + ") };
  const range = (wrap: (value: number | string) => string) => {
    const parts = [
      ...(question.min === undefined ? [] : [`. >= ${wrap(question.min)}`]),
      ...(question.max === undefined ? [] : [`. <= ${wrap(question.max)}`]),
    ];
    if (parts.length > 0) {
      row.constraint = parts.join(" and ");
      row.constraint_message = `Give a value from ${question.min ?? "any"} to ${question.max ?? "any"}.`;
    }
  };
  switch (question.kind) {
    case "choice":
    case "yes-no":
      row.type = `select_one ${listName(question)}`;
      break;
    case "choices":
      row.type = `select_multiple ${listName(question)}`;
      break;
    case "scale":
    case "integer":
    case "year":
      row.type = "integer";
      range(String);
      break;
    case "number":
      row.type = "decimal";
      range(String);
      break;
    case "date":
      row.type = "date";
      range((value) => `date(${quote(String(value))})`);
      break;
    case "long-text":
      row.type = "text";
      row.appearance = "multiline";
      break;
    case "text":
      row.type = "text";
      break;
  }
  if ((question.kind === "text" || question.kind === "long-text") && (question.pattern !== undefined || question.maxLength !== undefined)) {
    const parts = [
      ...(question.pattern === undefined ? [] : [`regex(., ${quote(question.pattern)})`]),
      ...(question.maxLength === undefined ? [] : [`string-length(.) <= ${question.maxLength}`]),
    ];
    row.constraint = parts.join(" and ");
    row.constraint_message = question.maxLength === undefined ? "Check the format of this answer." : `At most ${question.maxLength} characters.`;
  }
  return row;
}

/** The form's version: a digest of its content, so an unchanged schema gives the same version. */
function versionOf(rows: readonly SurveyRow[], choices: readonly string[][]): string {
  return createHash("sha256").update(JSON.stringify([rows, choices])).digest("hex").slice(0, 10);
}

/** The rows of the three sheets, for the writer and for tests. */
export function xlsformSheets(plan: FormPlan): { survey: SurveyRow[]; choices: string[][]; settings: Record<string, string> } {
  const survey: SurveyRow[] = [
    { type: "start", name: "start" },
    { type: "end", name: "end" },
    ...plan.questions.map(surveyRow),
  ];
  const choices: string[][] = [];
  const listed = new Set<string>();
  for (const question of plan.questions) {
    if (question.source !== "answer") continue;
    const list = listName(question);
    if (listed.has(list)) continue;
    for (const choice of xlsformChoices(question)) choices.push([list, choice.name, choice.label]);
    listed.add(list);
  }
  const settings = { form_title: plan.title, form_id: `lero_${plan.dataset}`, version: versionOf(survey, choices) };
  return { survey, choices, settings };
}

/** The XLSForm workbook as bytes. */
export async function xlsformWorkbook(plan: FormPlan): Promise<Uint8Array> {
  const { survey, choices, settings } = xlsformSheets(plan);
  const workbook = new ExcelJS.Workbook();
  // Fixed, so that the same schema always gives the same file.
  workbook.created = workbook.modified = new Date(Date.UTC(2020, 0, 1));
  workbook.creator = "lero-evidence";
  const surveySheet = workbook.addWorksheet("survey");
  surveySheet.addRow([...SURVEY_COLUMNS]);
  for (const row of survey) surveySheet.addRow(SURVEY_COLUMNS.map((column) => row[column] ?? null));
  const choicesSheet = workbook.addWorksheet("choices");
  choicesSheet.addRow(["list_name", "name", "label"]);
  for (const row of choices) choicesSheet.addRow(row);
  const settingsSheet = workbook.addWorksheet("settings");
  settingsSheet.addRow(Object.keys(settings));
  settingsSheet.addRow(Object.values(settings));
  // exceljs stamps each zip entry with the time of writing; a fixed time makes the bytes repeatable.
  return new Uint8Array(fixZipTimes(Buffer.from(await workbook.xlsx.writeBuffer())));
}
