import type { Cell } from "../../types.ts";
import { headerText, labelKey, oneToOneColumns, type Adapted } from "../columns.ts";

/**
 * The columns an Alchemer (formerly SurveyGizmo) CSV export puts before the questions: the response's
 * own data, the browser's, and where the respondent was. Most are personal or technical.
 */
const METADATA = new Set(
  [
    "Response ID",
    "Time Started",
    "Date Submitted",
    "Status",
    "Contact ID",
    "Legacy Comments",
    "Comments",
    "Language",
    "Referer",
    "Extended Referer",
    "SessionID",
    "Session ID",
    "User Agent",
    "Extended User Agent",
    "Tags",
    "IP Address",
    "Longitude",
    "Latitude",
    "Country",
    "City",
    "State/Region",
    "Postal",
    "Postal Code",
    "Region",
    "Is Test Data",
    "Email",
    "Email Address",
    "Link Name",
    "Invite Status",
    "Invite Link",
  ].map(labelKey),
);

/** Whether a header row is an Alchemer/SurveyGizmo export's: "Time Started" and "Date Submitted" among its first columns. */
export function isSurveyGizmoHeader(header: readonly Cell[]): boolean {
  const first = header.slice(0, 12).map((cell) => labelKey(headerText(cell)));
  return first.includes("time started") && first.includes("date submitted");
}

/**
 * Alchemer / SurveyGizmo CSV: one header row, the metadata columns above, then one column per
 * question headed by its text (a checkbox question has one column per option, headed
 * "Option:Question", holding the option when it was ticked). Metadata is recognised only before the
 * first question, so a question that happens to be called "Region" stays a question.
 */
export function adaptSurveyGizmo(records: readonly Cell[][]): Adapted {
  const columns = oneToOneColumns(records);
  const metadata: string[] = [];
  let leading = true;
  for (const column of columns) {
    const key = labelKey(column.label);
    if (leading && (METADATA.has(key) || /^(url variable|invite custom field|contact custom field)\b/.test(key))) {
      metadata.push(column.label);
      continue;
    }
    leading = false;
    column.question = column.label === "" ? null : column.label;
  }
  return { format: "surveygizmo", headerRows: 1, columns, metadata, listSeparator: "," };
}
