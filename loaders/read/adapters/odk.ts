import type { Cell } from "../../types.ts";
import { headerText, oneToOneColumns, type Adapted } from "../columns.ts";

/**
 * The columns ODK Central and KoboToolbox add to a form's own questions when they export its
 * submissions (Central's CSV; Kobo's CSV or XLSX with "XML values and headers"). None holds an
 * answer; those that name who submitted are personal and are kept out of `toolColumns`.
 */
const CENTRAL = ["SubmissionDate", "meta-instanceID", "meta-instanceName", "KEY", "AttachmentsPresent", "AttachmentsExpected", "Status", "ReviewState", "DeviceID", "Edits", "FormVersion"];
const KOBO = ["_id", "_uuid", "_submission_time", "_validation_status", "_notes", "_status", "__version__", "_tags", "_index", "_parent_index", "_parent_table_name", "meta/instanceID", "meta/rootUuid", "meta/deprecatedID", "formhub/uuid"];
/** Metadata questions an XLSForm may ask the device for (Kobo adds start and end to every form). */
const DEVICE = ["start", "end", "today", "deviceid", "audit"];
/** The tool account that sent the submission (a data collector's app user, not the respondent). */
const SUBMITTER = ["SubmitterID", "SubmitterName", "_submitted_by"];

/** Matched with their exact case: a form's own question may be called `status`. */
const TOOL = new Set([...CENTRAL, ...KOBO, ...DEVICE, ...SUBMITTER]);

/** Whether a header row is an ODK Central or KoboToolbox export's: their submission ID columns. */
export function isOdkHeader(header: readonly Cell[]): boolean {
  const labels = new Set(header.map((cell) => headerText(cell)));
  return (labels.has("_uuid") && labels.has("_submission_time")) || (labels.has("SubmissionDate") && (labels.has("meta-instanceID") || labels.has("KEY")));
}

/**
 * ODK Central / KoboToolbox: one header row of question names (the XLSForm's `name` column), one
 * column per question, and the tools' submission columns (all of them `toolColumns`: none is an
 * answer; the submitter columns name a data collector's account, are listed as metadata too, and
 * are never published). A select_multiple answer is its choice
 * names joined by spaces. Kobo also writes one 0/1 column per choice, headed `question/choice`,
 * which repeats the joined column and is left out with the tool's columns.
 */
export function adaptOdk(records: readonly Cell[][]): Adapted {
  const columns = oneToOneColumns(records);
  const labels = new Set(columns.map((column) => column.label));
  const metadata: string[] = [];
  const toolColumns: string[] = [];
  for (const column of columns) {
    const slash = column.label.lastIndexOf("/");
    const choiceColumn = slash > 0 && labels.has(column.label.slice(0, slash));
    if (TOOL.has(column.label) || choiceColumn) {
      toolColumns.push(column.label);
      metadata.push(column.label);
    }
  }
  return { format: "odk", headerRows: 1, columns, metadata, toolColumns, listSeparator: " " };
}
