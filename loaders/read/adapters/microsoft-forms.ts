import type { Cell } from "../../types.ts";
import { headerText, labelKey, oneToOneColumns, type Adapted } from "../columns.ts";

/**
 * The columns Microsoft Forms puts before the questions, in English and in the languages whose
 * wording we are sure of. `ID` is the same everywhere.
 */
const START_TIME = new Set(["start time", "heure de début", "startzeit", "hora de inicio"]);
const METADATA = new Set([
  "id",
  ...START_TIME,
  "completion time",
  "heure de fin",
  "fertigstellungszeit",
  "hora de finalización",
  "email",
  "adresse de messagerie",
  "e-mail",
  "correo electrónico",
  "name",
  "nom",
  "nombre",
  "last modified time",
]);

/** Whether a header row starts the way a Microsoft Forms export does. */
export function isMicrosoftFormsHeader(header: readonly Cell[]): boolean {
  return labelKey(headerText(header[0])) === "id" && START_TIME.has(labelKey(headerText(header[1])));
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
    if (leading && METADATA.has(labelKey(column.label))) {
      metadata.push(column.label);
      continue;
    }
    leading = false;
    column.question = column.label === "" ? null : column.label;
  }
  return { format: "microsoft-forms", headerRows: 1, columns, metadata, listSeparator: ";" };
}
