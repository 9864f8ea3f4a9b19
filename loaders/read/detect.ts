import type { Cell, ExportFormat } from "../types.ts";
import { isGoogleFormsHeader } from "./adapters/google-forms.ts";
import { isOdkHeader } from "./adapters/odk.ts";
import { isMicrosoftFormsHeader } from "./adapters/microsoft-forms.ts";
import { isLegacyQualtricsHeader, isQualtricsHeader } from "./adapters/qualtrics.ts";
import { looksLikeRedcap } from "./adapters/redcap.ts";
import { isSurveyGizmoHeader } from "./adapters/surveygizmo.ts";
import { isSurveyMonkeyHeader } from "./adapters/surveymonkey.ts";

export interface DetectHints {
  /** A REDCap data dictionary was named in the options or found next to the export under its name, or the file has REDCap's own name. */
  dictionary?: boolean;
}

/**
 * Which tool wrote an export, from its first rows. The checks go from the most specific signature
 * (Qualtrics' ImportId row) to the least, and anything unrecognised is a plain table.
 */
export function detectFormat(records: readonly Cell[][], hints: DetectHints = {}): ExportFormat {
  const header = records[0] ?? [];
  if (isQualtricsHeader(records)) return "qualtrics";
  if (isLegacyQualtricsHeader(records)) return "qualtrics-legacy";
  if (isSurveyMonkeyHeader(records)) return "surveymonkey";
  if (isMicrosoftFormsHeader(header)) return "microsoft-forms";
  if (isGoogleFormsHeader(header)) return "google-forms";
  if (isSurveyGizmoHeader(header)) return "surveygizmo";
  if (isOdkHeader(header)) return "odk";
  if (hints.dictionary === true || looksLikeRedcap(header)) return "redcap";
  return "plain";
}
