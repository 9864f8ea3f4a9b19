import type { Cell } from "../../types.ts";
import { headerText, labelKey, oneToOneColumns, type Adapted } from "../columns.ts";

/**
 * The first column of every Google Forms response sheet, in the form owner's language. Matched with
 * its exact case, so that a plain export with a `timestamp` field is not taken for a form.
 */
const TIMESTAMP = ["Timestamp", "Marca temporal", "Horodateur", "Zeitstempel", "Informazioni cronologiche"];

const METADATA = new Set(
  [...TIMESTAMP, "Email address", "Username", "Adresse e-mail", "E-Mail-Adresse", "Dirección de correo electrónico"].map(labelKey),
);

/** Whether a header row starts the way a Google Forms response sheet does. */
export function isGoogleFormsHeader(header: readonly Cell[]): boolean {
  return TIMESTAMP.includes(headerText(header[0]));
}

/**
 * Google Forms: `Timestamp`, then one column per question headed by its full text. Checkbox answers
 * stay joined with ", " in one cell; validation splits them knowing the schema's categories.
 */
export function adaptGoogleForms(records: readonly Cell[][]): Adapted {
  const columns = oneToOneColumns(records);
  const metadata: string[] = [];
  const toolColumns: string[] = [];
  for (const column of columns) {
    if (TIMESTAMP.includes(column.label)) toolColumns.push(column.label);
    if (METADATA.has(labelKey(column.label))) metadata.push(column.label);
    else column.question = column.label === "" ? null : column.label;
  }
  return { format: "google-forms", headerRows: 1, columns, metadata, toolColumns, listSeparator: ", " };
}
