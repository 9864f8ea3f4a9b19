import type { Cell } from "../../types.ts";
import { headerText, labelKey, oneToOneColumns, type Adapted } from "../columns.ts";

const METADATA = new Set(
  [
    "StartDate",
    "EndDate",
    "Status",
    "IPAddress",
    "Progress",
    "Duration (in seconds)",
    "Finished",
    "RecordedDate",
    "ResponseId",
    "RecipientLastName",
    "RecipientFirstName",
    "RecipientEmail",
    "ExternalReference",
    "ExternalDataReference",
    "LocationLatitude",
    "LocationLongitude",
    "LocationAccuracy",
    "DistributionChannel",
    "UserLanguage",
    "Q_RecaptchaScore",
    // The legacy exporter's names, and the V1…V10 IDs it gives them.
    "ResponseID",
    "ResponseSet",
    "Name",
    "EmailAddress",
    "V1",
    "V2",
    "V3",
    "V4",
    "V5",
    "V6",
    "V7",
    "V8",
    "V9",
    "V10",
  ].map(labelKey),
);

function isMetadata(label: string): boolean {
  const key = labelKey(label);
  return METADATA.has(key) || key.startsWith("q_relevantid");
}

/** Whether the third row is the `{"ImportId":…}` row of a current Qualtrics export. */
export function isQualtricsHeader(records: readonly Cell[][]): boolean {
  const third = records[2];
  return third !== undefined && third.some((cell) => /^\{\s*"ImportId"\s*:/.test(headerText(cell)));
}

/** Whether the first two rows are the legacy exporter's: V1, V2, … IDs, then names or question text. */
export function isLegacyQualtricsHeader(records: readonly Cell[][]): boolean {
  const [first, second] = records;
  if (first === undefined || second === undefined) return false;
  const ids = first.map(headerText);
  if (ids[0] === "V1" && ids[1] === "V2") return true;
  const names = second.map((cell) => labelKey(headerText(cell)));
  return names.includes("responseid") && ids.some((id) => /^Q\d+/.test(id));
}

/**
 * Qualtrics: row 1 holds the column IDs (`ResponseId`, `Q5_1`), row 2 the question text, row 3 the
 * ImportId JSON. Labels are the IDs, which stay the same when a question's wording is edited.
 */
export function adaptQualtrics(records: readonly Cell[][]): Adapted {
  const columns = oneToOneColumns(records, 3, 1);
  const metadata = columns.filter((column) => isMetadata(column.label)).map((column) => column.label);
  return { format: "qualtrics", headerRows: 3, columns, metadata, listSeparator: "," };
}

/** Legacy Qualtrics: row 1 the IDs (V1…V10 for the response's own data), row 2 the names or question text. */
export function adaptLegacyQualtrics(records: readonly Cell[][]): Adapted {
  const columns = oneToOneColumns(records, 2, 1);
  const metadata = columns
    .filter((column) => isMetadata(column.label) || (column.question !== null && isMetadata(column.question)))
    .map((column) => column.label);
  return { format: "qualtrics-legacy", headerRows: 2, columns, metadata, listSeparator: "," };
}
