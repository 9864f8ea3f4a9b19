/**
 * A Google Apps Script that creates the dataset's Google Form and its response spreadsheet. Run it
 * once at script.google.com (paste, then Run `createForm`); it logs the links to the new form.
 *
 * Each question's title is the field's title, which is the header Google Forms gives its column, so
 * the downloaded responses need no mapping. Google Forms cannot number responses or add answers up,
 * so the script adds those columns to the response sheet as formulas: the response number from the
 * Timestamp and the row, a total as the sum of its items.
 */
import type { FormPlan, Question } from "./questions.ts";

const js = (value: unknown) => JSON.stringify(value);

/** Google Forms' scale runs from 0 or 1 to 3 … 10. */
function fitsScale(question: Question): boolean {
  return (question.min === 0 || question.min === 1) && typeof question.max === "number" && question.max >= 3 && question.max <= 10;
}

/** The column letter of a 1-based column number: 1 → A, 27 → AA. */
export function columnLetter(n: number): string {
  let letters = "";
  for (let rest = n; rest > 0; rest = Math.floor((rest - 1) / 26)) letters = String.fromCharCode(65 + ((rest - 1) % 26)) + letters;
  return letters;
}

function validation(question: Question): string | undefined {
  const builder = "FormApp.createTextValidation()";
  const range = `${question.min ?? "-1e15"}, ${question.max ?? "1e15"}`;
  switch (question.kind) {
    case "integer":
    case "scale":
    case "year":
      return `${builder}.setHelpText(${js(`A whole number from ${question.min ?? "any"} to ${question.max ?? "any"}.`)}).requireNumberBetween(${range}).build()`;
    case "number":
      return `${builder}.setHelpText(${js(`A number from ${question.min ?? "any"} to ${question.max ?? "any"}.`)}).requireNumberBetween(${range}).build()`;
    case "date":
      return `${builder}.setHelpText("Write the date as year-month-day, for example 2025-03-31.").requireTextMatchesPattern("\\\\d{4}-\\\\d{2}-\\\\d{2}").build()`;
    case "text":
    case "long-text":
      if (question.pattern !== undefined) return `${builder}.setHelpText("Check the format of this answer.").requireTextMatchesPattern(${js(question.pattern)}).build()`;
      if (question.maxLength !== undefined) return `${builder}.setHelpText(${js(`At most ${question.maxLength} characters.`)}).requireTextLengthLessThanOrEqualTo(${question.maxLength}).build()`;
      return undefined;
    default:
      return undefined;
  }
}

/** The statements that add one question to `form`. */
function itemCode(question: Question): string {
  const common = `.setTitle(${js(question.title)})${question.help === "" ? "" : `.setHelpText(${js(question.help)})`}.setRequired(${question.required})`;
  switch (question.kind) {
    case "choice":
      return `form.addMultipleChoiceItem()${common}.setChoiceValues(${js(question.choices.map((choice) => choice.label))});`;
    case "choices":
      return `form.addCheckboxItem()${common}.setChoiceValues(${js(question.choices.map((choice) => choice.label))});`;
    case "yes-no":
      return `form.addMultipleChoiceItem()${common}.setChoiceValues(${js([question.yes, question.no])});`;
    case "scale":
      if (fitsScale(question)) {
        const labels = question.anchors === undefined ? "" : `.setLabels(${js(question.anchors[0])}, ${js(question.anchors[1])})`;
        return `form.addScaleItem()${common}.setBounds(${question.min}, ${question.max})${labels};`;
      }
      break;
    case "long-text":
      return `form.addParagraphTextItem()${common}${withValidation(question)};`;
    default:
      break;
  }
  return `form.addTextItem()${common}${withValidation(question)};`;
}

function withValidation(question: Question): string {
  const rule = validation(question);
  return rule === undefined ? "" : `.setValidation(${rule})`;
}

/** The response sheet's formula columns, after the Timestamp and one column per question. */
export function computedColumns(plan: FormPlan): { title: string; formula: string }[] {
  const asked = plan.questions.filter((question) => question.source === "answer");
  const columnOf = (name: string) => columnLetter(2 + asked.findIndex((question) => question.name === name));
  return plan.questions.flatMap((question) => {
    if (question.source === "record-id") {
      return [{ title: question.title, formula: `={${js(question.title)};ARRAYFORMULA(IF(A2:A="","",TEXT(A2:A,"yyyymmddhhmmss")&"-"&(ROW(A2:A)-1)))}` }];
    }
    if (question.source === "derived") {
      const sum = (question.sumOf ?? []).map((name) => `${columnOf(name)}2:${columnOf(name)}`).join("+");
      return [{ title: question.title, formula: `={${js(question.title)};ARRAYFORMULA(IF(A2:A="","",${sum}))}` }];
    }
    return [];
  });
}

/** The Apps Script source. */
export function googleFormsScript(plan: FormPlan): string {
  const asked = plan.questions.filter((question) => question.source === "answer");
  const computed = computedColumns(plan);
  const lines = [
    `/**`,
    ` * Creates the Google Form "${plan.title}" and its response spreadsheet for LERO Evidence.`,
    ` * Made by \`lero-evidence form ${plan.dataset} --tool google-forms\` from data/schemas/${plan.dataset}.json.`,
    ` *`,
    ` * 1. Open https://script.google.com, choose New project and paste this file over the empty one.`,
    ` * 2. Choose Run (createForm) and allow the script to manage your forms and spreadsheets.`,
    ` * 3. The log shows the form's link to send out and the spreadsheet the answers go to.`,
    ` * 4. To check the answers, download the spreadsheet's first sheet as CSV (File, Download,`,
    ` *    Comma-separated values) and run: lero-evidence check ${plan.dataset} <the downloaded file>.`,
    ` *`,
    ` * Keep the question titles as they are: they are how the answers are matched to the data.`,
    ` */`,
    `function createForm() {`,
    `  var form = FormApp.create(${js(plan.title)});`,
    `  form.setDescription(${js(plan.intro)});`,
    `  form.setCollectEmail(false);`,
    ...asked.map((question) => `  ${itemCode(question)}`),
    `  var spreadsheet = SpreadsheetApp.create(${js(`${plan.title} (responses)`)});`,
    `  form.setDestination(FormApp.DestinationType.SPREADSHEET, spreadsheet.getId());`,
    `  SpreadsheetApp.flush();`,
    `  var sheet = responseSheet(spreadsheet, form);`,
  ];
  if (computed.length > 0) {
    lines.push(`  // Columns Google Forms cannot fill in, worked out from the answers in each new row.`);
    computed.forEach((column, i) => lines.push(`  sheet.getRange(1, ${asked.length + 2 + i}).setFormula(${js(column.formula)});`));
  }
  lines.push(
    `  Logger.log("Form to send out: " + form.getPublishedUrl());`,
    `  Logger.log("Form to edit: " + form.getEditUrl());`,
    `  Logger.log("Responses: " + spreadsheet.getUrl());`,
    `}`,
    ``,
    `/** The sheet the form writes its responses to (Google adds it to the spreadsheet). */`,
    `function responseSheet(spreadsheet, form) {`,
    `  var sheets = spreadsheet.getSheets();`,
    `  for (var i = 0; i < sheets.length; i++) {`,
    `    var url = sheets[i].getFormUrl();`,
    `    if (url && url.indexOf(form.getId()) >= 0) return sheets[i];`,
    `  }`,
    `  return sheets[0];`,
    `}`,
    ``,
  );
  return lines.join("\n");
}
