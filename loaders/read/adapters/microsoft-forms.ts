import type { Cell } from "../../types.ts";
import { headerText, labelKey, oneToOneColumns, type Adapted } from "../columns.ts";

/**
 * The columns Microsoft Forms puts before the questions, in English and in the languages whose
 * wording we are sure of. `ID` is the same everywhere.
 */
const START_TIME = new Set(["start time", "heure de début", "startzeit", "hora de inicio"]);
const COMPLETION_TIME = new Set(["completion time", "heure de fin", "fertigstellungszeit", "hora de finalización"]);
const METADATA = new Set([
  "id",
  ...START_TIME,
  ...COMPLETION_TIME,
  "email",
  "adresse de messagerie",
  "e-mail",
  "correo electrónico",
  "name",
  "nom",
  "nombre",
  "last modified time",
  "total points",
  "quiz feedback",
  "grade posted time",
  "language",
]);

/** A quiz form puts "Points - <question>" and "Feedback - <question>" after each marked question. */
function isQuizColumn(key: string): boolean {
  return /^(points|feedback) - /.test(key);
}

/** Whether a header row starts the way a Microsoft Forms export does. */
export function isMicrosoftFormsHeader(header: readonly Cell[]): boolean {
  const first = header.slice(0, 3).map((cell) => labelKey(headerText(cell)));
  if (first[0] === "id" && START_TIME.has(first[1] ?? "")) return true;
  // Someone deleted the ID column, or the sheet was saved as CSV with its columns reordered.
  return first.some((key) => START_TIME.has(key)) && first.some((key) => COMPLETION_TIME.has(key));
}

/**
 * Microsoft Forms (XLSX): ID, Start time, Completion time, Email, Name (and Last modified time), then
 * one column per question. Multi-select answers are joined with ";", often with one at the end too.
 */
export function adaptMicrosoftForms(records: readonly Cell[][]): Adapted {
  const columns = oneToOneColumns(records);
  const metadata: string[] = [];
  let leading = true;
  for (const column of columns) {
    const key = labelKey(column.label);
    if ((leading && METADATA.has(key)) || isQuizColumn(key)) {
      metadata.push(column.label);
      continue;
    }
    leading = false;
    column.question = column.label === "" ? null : column.label;
  }
  return { format: "microsoft-forms", headerRows: 1, columns, metadata, listSeparator: ";" };
}
