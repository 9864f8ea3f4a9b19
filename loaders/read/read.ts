import type { ExportFormat, RawTable } from "../types.ts";
import { adaptGoogleForms } from "./adapters/google-forms.ts";
import { adaptMicrosoftForms } from "./adapters/microsoft-forms.ts";
import { adaptOdk } from "./adapters/odk.ts";
import { adaptPlain } from "./adapters/plain.ts";
import { adaptLegacyQualtrics, adaptQualtrics } from "./adapters/qualtrics.ts";
import { adaptRedcap, dictionaryNames, findDictionary, hasOwnDictionary, parseDictionary, redcapDataName } from "./adapters/redcap.ts";
import { adaptSurveyGizmo } from "./adapters/surveygizmo.ts";
import { adaptSurveyMonkey } from "./adapters/surveymonkey.ts";
import { buildTable, type Adapted } from "./columns.ts";
import { detectFormat } from "./detect.ts";
import { formatError } from "./errors.ts";
import { readSource, type Source } from "./source.ts";

export interface ReadOptions {
  /** The worksheet to read from an XLSX workbook; the first one by default. */
  sheet?: string;
  /** The tool that wrote the export, when detection guesses wrong. */
  format?: ExportFormat;
  /** The REDCap data dictionary CSV, when it is not beside the export under a name `findDictionary` knows. */
  dictionary?: string;
  /**
   * Read a REDCap export whose dictionary is missing anyway, with a warning in `table.warnings`
   * (for `inspect`, which describes a file before anyone has found its dictionary). Validation and
   * the build need the dictionary, which marks personal fields.
   */
  withoutDictionary?: boolean;
}

const HEADER_ROWS: Record<ExportFormat, number> = {
  qualtrics: 3,
  "qualtrics-legacy": 2,
  surveymonkey: 2,
  "google-forms": 1,
  "microsoft-forms": 1,
  surveygizmo: 1,
  redcap: 1,
  odk: 1,
  plain: 1,
};

/**
 * Reads a survey or audit export (CSV in any common encoding and delimiter, or XLSX), recognises the
 * tool that wrote it and returns its answers as one table with one header: the form validation reads.
 *
 * @example const table = await readExport("data/sample/stigma.csv");
 * @throws PipelineError (`source-error`, `encoding-error`, `format-error`) when a person must fix the file.
 */
export async function readExport(file: string, options: ReadOptions = {}): Promise<RawTable> {
  const source = await readSource(file, options.sheet === undefined ? {} : { sheet: options.sheet });
  return buildTable(source, await adapt(source, options));
}

/**
 * What the tool that wrote `source` makes of it (format, header rows, columns), before the table is built.
 * `validate/stream.ts` calls it with the header rows and a profile of the data rows.
 */
export async function adapt(source: Source, options: ReadOptions): Promise<Adapted> {
  const { file, records } = source;
  if (records.length === 0) {
    throw formatError(file, "is empty; export the survey again, with the header row and the responses.");
  }
  if (records[0]!.every((cell) => cell === null || cell.trim() === "")) {
    throw formatError(
      file,
      `has no header row: line ${source.lines[0] ?? 1} is blank. Remove any blank lines or titles above the column names, so that the first line names the columns.`,
    );
  }
  // A dictionary named after the export, or REDCap's own name for the file, says REDCap wrote it.
  const ownDictionary = options.dictionary !== undefined || hasOwnDictionary(file);
  const format = options.format ?? detectFormat(records, { dictionary: ownDictionary });
  if (records.length < HEADER_ROWS[format]) {
    throw formatError(
      file,
      `looks like a ${format} export, which has ${HEADER_ROWS[format]} header rows, but the file has only ${records.length} row(s); export it again from the survey tool.`,
    );
  }
  switch (format) {
    case "qualtrics":
      return adaptQualtrics(records);
    case "qualtrics-legacy":
      return adaptLegacyQualtrics(records);
    case "surveymonkey":
      return adaptSurveyMonkey(records);
    case "google-forms":
      return adaptGoogleForms(records);
    case "microsoft-forms":
      return adaptMicrosoftForms(records);
    case "surveygizmo":
      return adaptSurveyGizmo(records);
    case "redcap": {
      if (redcapDataName(file)?.labels === true) {
        throw formatError(
          file,
          "is REDCap's export with labels (its name has _DATA_LABELS_), whose headers are question text and whose cells are answer labels. Export the data again in REDCap as \"CSV / Microsoft Excel (raw data)\", which gives the field names the mapping and the dictionary use.",
        );
      }
      const path = findDictionary(file, options.dictionary);
      if (path === undefined && options.withoutDictionary === true) {
        const adapted = adaptRedcap(records, { file: "", fields: new Map(), order: [] });
        adapted.warnings = [`${file}: ${missingDictionary(file, "inspect shows its columns as they are, but checkbox columns are not merged, fields marked as identifiers are not known to be personal data, and comma decimals are not read as numbers")}`];
        return adapted;
      }
      if (path === undefined) throw formatError(file, missingDictionary(file, "it is needed to know which fields are personal data and how to read them"));
      return adaptRedcap(records, parseDictionary(await readSource(path)));
    }
    case "odk":
      return adaptOdk(records);
    case "plain":
      return adaptPlain(records);
  }
}

function missingDictionary(file: string, why: string): string {
  const names = dictionaryNames(file).join(", ");
  return `is a REDCap export but its data dictionary is missing: ${why}. In REDCap, open Project Setup → Data Dictionary → "Download the current Data Dictionary" and save the file in the same folder as the export (looked for: ${names}), or give its path with --dictionary PATH.`;
}
