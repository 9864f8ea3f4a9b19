import type { ExportFormat, RawTable } from "../types.ts";
import { adaptGoogleForms } from "./adapters/google-forms.ts";
import { adaptMicrosoftForms } from "./adapters/microsoft-forms.ts";
import { adaptPlain } from "./adapters/plain.ts";
import { adaptLegacyQualtrics, adaptQualtrics } from "./adapters/qualtrics.ts";
import { adaptRedcap, findDictionary, hasOwnDictionary, parseDictionary } from "./adapters/redcap.ts";
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
  /** The REDCap data dictionary CSV, when it is not `dictionary.csv` or `<export>.dictionary.csv` beside the export. */
  dictionary?: string;
}

const HEADER_ROWS: Record<ExportFormat, number> = {
  qualtrics: 3,
  "qualtrics-legacy": 2,
  surveymonkey: 2,
  "google-forms": 1,
  "microsoft-forms": 1,
  redcap: 1,
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

async function adapt(source: Source, options: ReadOptions): Promise<Adapted> {
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
    case "redcap":
      return adaptRedcap(records, await readDictionary(file, options.dictionary));
    case "plain":
      return adaptPlain(records);
  }
}

async function readDictionary(file: string, option: string | undefined) {
  const path = findDictionary(file, option);
  if (path === undefined) {
    throw formatError(
      file,
      "is a REDCap export but its data dictionary is missing. Download the data dictionary from REDCap and save it next to the export as dictionary.csv (or <export name>.dictionary.csv), or give its path with the dictionary option.",
    );
  }
  return parseDictionary(await readSource(path));
}
