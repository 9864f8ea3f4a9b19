/**
 * A REDCap data dictionary for a dataset's form: the CSV REDCap's Online Designer imports under
 * Project Setup → Data Dictionary → "Upload", with REDCap's own 18 column header.
 *
 * The first row is the record ID. A dataset whose schema has a survey response number uses that field
 * (REDCap numbers the records); any other gets REDCap's usual `record_id`, which the reader knows as
 * REDCap's own column. The instrument is named after the dataset, so its status column is
 * `<dataset>_complete`. Choices are coded 1, 2, 3 … with the category as the label; the reader turns
 * the codes of a raw export back into the labels with this dictionary.
 */
import { stringify } from "csv-stringify/sync";
import type { FormPlan, Question } from "./questions.ts";

export const REDCAP_HEADER = [
  "Variable / Field Name",
  "Form Name",
  "Section Header",
  "Field Type",
  "Field Label",
  "Choices, Calculations, OR Slider Labels",
  "Field Note",
  "Text Validation Type OR Show Slider Number",
  "Text Validation Min",
  "Text Validation Max",
  "Identifier?",
  "Branching Logic (Show field only if...)",
  "Required Field?",
  "Custom Alignment",
  "Question Number (surveys only)",
  "Matrix Group Name",
  "Matrix Ranking?",
  "Field Annotation",
] as const;

type Row = Record<(typeof REDCAP_HEADER)[number], string>;

/** The REDCap name of the record ID field of the plan's form. */
export function redcapRecordId(plan: FormPlan): string {
  return plan.questions.find((question) => question.source === "record-id")?.name ?? "record_id";
}

/** The choice codes REDCap stores for a question's choices: 1, 2, 3 … in order. */
export function redcapChoices(question: Question): { code: string; label: string }[] {
  return question.kind === "scale"
    ? points(question).map((n) => ({ code: String(n), label: String(n) }))
    : question.choices.map((choice, i) => ({ code: String(i + 1), label: choice.label }));
}

function points(question: Question): number[] {
  const min = Number(question.min);
  const max = Number(question.max);
  return Array.from({ length: max - min + 1 }, (_, i) => min + i);
}

/** The data dictionary CSV. */
export function redcapDictionary(plan: FormPlan): string {
  const form = plan.dataset;
  const recordId = redcapRecordId(plan);
  const blank = (): Row => Object.fromEntries(REDCAP_HEADER.map((column) => [column, ""])) as Row;
  const rows: Row[] = [];
  const first = blank();
  const own = plan.questions.find((question) => question.name === recordId);
  Object.assign(first, {
    "Variable / Field Name": recordId,
    "Form Name": form,
    "Field Type": "text",
    "Field Label": own?.title ?? "Record ID",
    "Field Note": "Filled in by REDCap.",
    "Identifier?": own?.personal === true ? "y" : "",
  });
  rows.push(first);
  for (const question of plan.questions) {
    if (question.name === recordId) continue;
    rows.push(fieldRow(question, form, blank()));
  }
  return stringify([[...REDCAP_HEADER], ...rows.map((row) => REDCAP_HEADER.map((column) => row[column]))], { record_delimiter: "\r\n" });
}

function fieldRow(question: Question, form: string, row: Row): Row {
  const choices = (list: { code: string; label: string }[]) => list.map((choice) => `${choice.code}, ${choice.label}`).join(" | ");
  row["Variable / Field Name"] = question.name;
  row["Form Name"] = form;
  row["Field Label"] = question.title;
  row["Field Note"] = question.help;
  row["Identifier?"] = question.personal ? "y" : "";
  row["Required Field?"] = question.required && question.source === "answer" ? "y" : "";
  const range = () => {
    if (question.min !== undefined) row["Text Validation Min"] = String(question.min);
    if (question.max !== undefined) row["Text Validation Max"] = String(question.max);
  };
  if (question.source === "derived") {
    row["Field Type"] = "calc";
    row["Choices, Calculations, OR Slider Labels"] = `sum(${(question.sumOf ?? []).map((name) => `[${name}]`).join(",")})`;
    row["Field Note"] = `Worked out by REDCap: the sum of ${(question.sumOf ?? []).join(", ")}.`;
    return row;
  }
  switch (question.kind) {
    case "choice":
      row["Field Type"] = question.choices.length > 8 ? "dropdown" : "radio";
      row["Choices, Calculations, OR Slider Labels"] = choices(redcapChoices(question));
      break;
    case "choices":
      row["Field Type"] = "checkbox";
      row["Choices, Calculations, OR Slider Labels"] = choices(redcapChoices(question));
      break;
    case "scale":
      row["Field Type"] = "radio";
      row["Choices, Calculations, OR Slider Labels"] = choices(redcapChoices(question));
      row["Custom Alignment"] = "RH";
      break;
    case "yes-no":
      // REDCap stores Yes as 1 and No as 0; the field accepts those only if its values say so.
      if (question.digits === true) row["Field Type"] = "yesno";
      else {
        row["Field Type"] = "radio";
        row["Choices, Calculations, OR Slider Labels"] = choices([{ code: "1", label: question.yes ?? "Yes" }, { code: "0", label: question.no ?? "No" }]);
      }
      break;
    case "integer":
    case "year":
      row["Field Type"] = "text";
      row["Text Validation Type OR Show Slider Number"] = "integer";
      range();
      break;
    case "number":
      row["Field Type"] = "text";
      row["Text Validation Type OR Show Slider Number"] = "number";
      range();
      break;
    case "date":
      row["Field Type"] = "text";
      row["Text Validation Type OR Show Slider Number"] = "date_ymd";
      range();
      break;
    case "long-text":
      row["Field Type"] = "notes";
      break;
    case "text":
      row["Field Type"] = "text";
      break;
  }
  return row;
}
