import { existsSync } from "node:fs";
import { basename, dirname, extname, join } from "node:path";
import type { Cell } from "../../types.ts";
import { headerText, labelKey, usedColumns, type Adapted, type ColumnSpec } from "../columns.ts";
import { formatError, sourceError } from "../errors.ts";
import type { Source } from "../source.ts";

export const REDCAP_SEPARATOR = "|";

export interface DictionaryField {
  name: string;
  /** REDCap's field type: text, notes, radio, dropdown, checkbox, yesno, calc, file, … */
  type: string;
  label: string;
  choices: { code: string; label: string }[];
  /** Marked `y` in the dictionary's "Identifier?" column: personal data. */
  identifier: boolean;
}

export interface Dictionary {
  file: string;
  fields: Map<string, DictionaryField>;
  /** Field names in dictionary order; the first is the record ID field. */
  order: string[];
}

/** Header names of the dictionary's columns, as the REDCap web export and the API spell them. */
const DICTIONARY_COLUMNS = {
  name: ["variable / field name", "field_name"],
  type: ["field type", "field_type"],
  label: ["field label", "field_label"],
  choices: ["choices, calculations, or slider labels", "select_choices_or_calculations"],
  identifier: ["identifier?", "identifier"],
} as const;

const SYSTEM_COLUMNS = new Set([
  "record_id",
  "redcap_event_name",
  "redcap_repeat_instrument",
  "redcap_repeat_instance",
  "redcap_data_access_group",
  "redcap_survey_identifier",
]);

function isSystemColumn(label: string): boolean {
  return SYSTEM_COLUMNS.has(label) || /^[a-z][a-z0-9_]*_(timestamp|complete)$/.test(label);
}

/** Whether a header row carries REDCap's own column names (a system column or checkbox columns). */
export function looksLikeRedcap(header: readonly Cell[]): boolean {
  const labels = header.map(headerText);
  if (labels.some((label) => label.startsWith("redcap_"))) return true;
  if (!labels.every((label) => label === "" || /^[a-z][a-z0-9_]*$/.test(label))) return false;
  let signals = 0;
  if (labels[0] === "record_id") signals++;
  if (labels.some((label) => /_complete$/.test(label))) signals++;
  if (labels.some((label) => /_timestamp$/.test(label))) signals++;
  if (labels.some((label) => /^[a-z][a-z0-9_]*___[a-z0-9_]+$/.test(label))) signals++;
  return signals >= 2;
}

/**
 * Where the data dictionary of a REDCap export is: the `dictionary` option, else `<stem>.dictionary.csv`,
 * `<stem>_dictionary.csv` or `dictionary.csv` next to the export. Undefined when there is none.
 */
export function findDictionary(file: string, option?: string): string | undefined {
  if (option !== undefined) {
    if (!existsSync(option)) {
      throw sourceError(option, `the data dictionary given for ${file} does not exist; check the path of the dictionary option.`);
    }
    return option;
  }
  const folder = dirname(file);
  const stem = basename(file, extname(file));
  return [`${stem}.dictionary.csv`, `${stem}_dictionary.csv`, "dictionary.csv"]
    .map((name) => join(folder, name))
    .find((candidate) => candidate !== file && existsSync(candidate));
}

/** Whether a dictionary named after the export sits next to it (a bare `dictionary.csv` is not evidence). */
export function hasOwnDictionary(file: string): boolean {
  const folder = dirname(file);
  const stem = basename(file, extname(file));
  return existsSync(join(folder, `${stem}.dictionary.csv`)) || existsSync(join(folder, `${stem}_dictionary.csv`));
}

/** Reads a REDCap data dictionary already parsed into records. */
export function parseDictionary(source: Source): Dictionary {
  const header = (source.records[0] ?? []).map((cell) => labelKey(headerText(cell)));
  const at = (names: readonly string[]) => header.findIndex((name) => names.includes(name));
  const index = {
    name: at(DICTIONARY_COLUMNS.name),
    type: at(DICTIONARY_COLUMNS.type),
    label: at(DICTIONARY_COLUMNS.label),
    choices: at(DICTIONARY_COLUMNS.choices),
    identifier: at(DICTIONARY_COLUMNS.identifier),
  };
  if (index.name < 0 || index.type < 0) {
    throw formatError(
      source.file,
      'is not a REDCap data dictionary: it has no "Variable / Field Name" and "Field Type" columns. Download it again from REDCap (Project Setup → Data Dictionary → Download the current Data Dictionary).',
    );
  }
  const fields = new Map<string, DictionaryField>();
  const order: string[] = [];
  for (const record of source.records.slice(1)) {
    const name = headerText(record[index.name]);
    if (name === "") continue;
    const text = (i: number) => (i < 0 ? "" : headerText(record[i]));
    fields.set(name, {
      name,
      type: labelKey(text(index.type)),
      label: stripTags(text(index.label)),
      choices: parseChoices(text(index.choices)),
      identifier: labelKey(text(index.identifier)) === "y",
    });
    order.push(name);
  }
  return { file: source.file, fields, order };
}

/** "1, One | 2, Two" → codes and labels. */
export function parseChoices(text: string): { code: string; label: string }[] {
  if (text === "") return [];
  return text.split("|").flatMap((choice) => {
    const comma = choice.indexOf(",");
    if (comma < 0) return [];
    return [{ code: choice.slice(0, comma).trim(), label: choice.slice(comma + 1).trim() }];
  });
}

function stripTags(text: string): string {
  return text.replace(/<[^>]*>/g, "").replace(/\s+/g, " ").trim();
}

/**
 * REDCap (raw data export): one column per field, except checkbox fields, which come as one 0/1
 * column per choice (`field___code`). Those are merged back into one column `field` whose cell lists
 * the checked codes joined by "|". Fields marked as identifiers and REDCap's own columns are metadata.
 */
export function adaptRedcap(records: readonly Cell[][], dictionary: Dictionary): Adapted {
  const header = records[0] ?? [];
  const count = usedColumns(records, 1);
  const columns: ColumnSpec[] = [];
  const checkboxColumns = new Map<string, { column: ColumnSpec; codes: string[] }>();
  for (let j = 0; j < count; j++) {
    const label = headerText(header[j]);
    const checkbox = /^(.+?)___(.+)$/.exec(label);
    const field = checkbox === null ? undefined : dictionary.fields.get(checkbox[1]!);
    if (checkbox !== null && field?.type === "checkbox") {
      const code = choiceCode(field, checkbox[2]!);
      const existing = checkboxColumns.get(field.name);
      if (existing === undefined) {
        const codes = [code];
        const column: ColumnSpec = { label: field.name, question: field.label || null, sources: [j], merge: checkedCodes(codes) };
        checkboxColumns.set(field.name, { column, codes });
        columns.push(column);
      } else {
        existing.column.sources.push(j);
        existing.codes.push(code);
      }
      continue;
    }
    const question = dictionary.fields.get(label)?.label ?? "";
    columns.push({ label, question: question === "" ? null : question, sources: [j] });
  }
  const recordIdField = dictionary.order[0];
  const metadata = columns
    .map((column) => column.label)
    .filter((label) => isSystemColumn(label) || label === recordIdField || dictionary.fields.get(label)?.identifier === true);
  return { format: "redcap", headerRows: 1, columns, metadata, listSeparator: REDCAP_SEPARATOR };
}

/** REDCap writes a choice code into a variable name in lower case with other characters as "_". */
function choiceCode(field: DictionaryField, suffix: string): string {
  const wanted = suffix.toLowerCase();
  const choice = field.choices.find((c) => c.code.toLowerCase().replace(/[^a-z0-9_]/g, "_") === wanted);
  return choice?.code ?? suffix;
}

function checkedCodes(codes: readonly string[]): (cells: Cell[]) => Cell {
  return (cells) => {
    const checked = codes.filter((_, k) => {
      const value = labelKey(cells[k] ?? "");
      return value === "1" || value === "checked";
    });
    return checked.length === 0 ? null : checked.join(REDCAP_SEPARATOR);
  };
}
