import { existsSync as existsSync, readdirSync } from "node:fs";
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
  /** The text validation type: `number`, `number_comma_decimal`, `date_dmy`, … ("" when none). */
  validation: string;
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
  validation: ["text validation type or show slider number", "text_validation_type_or_show_slider_number"],
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
 * The parts of a file name REDCap gives a data export, `<Project>_DATA_<yyyy-mm-dd>_<hhmm>.csv`
 * (`_DATA_LABELS_` for the export with labels instead of codes): the project part, or undefined.
 */
export function redcapDataName(file: string): { project: string; labels: boolean } | undefined {
  const match = /^(.+?)_DATA_(LABELS_)?\d{4}-\d{2}-\d{2}_\d{4}(\.csv)?$/i.exec(basename(file));
  return match === null ? undefined : { project: match[1]!, labels: match[2] !== undefined };
}

const REDCAP_DICTIONARY = /^(.+?)_DataDictionary_\d{4}-\d{2}-\d{2}(_\d{4})?\.csv$/i;

/** The names looked for, in order, in messages. */
export function dictionaryNames(file: string): string[] {
  const stem = basename(file, extname(file));
  const redcap = redcapDataName(file);
  return [`${stem}.dictionary.csv`, `${stem}_dictionary.csv`, ...(redcap === undefined ? [] : [`${redcap.project}_DataDictionary_<date>.csv`]), "dictionary.csv"];
}

/**
 * Where the data dictionary of a REDCap export is: the `dictionary` option, else beside the export
 * `<stem>.dictionary.csv` or `<stem>_dictionary.csv`; for a file named as REDCap names it
 * (`<Project>_DATA_<date>_<time>.csv`), the newest `<Project>_DataDictionary_<date>.csv`, or the only
 * `*_DataDictionary_*.csv` in the folder; and last `dictionary.csv`. Undefined when there is none.
 */
export function findDictionary(file: string, option?: string): string | undefined {
  if (option !== undefined) {
    if (!existsSync(option)) {
      throw sourceError(option, `the data dictionary given for ${file} does not exist; check the path given with --dictionary.`);
    }
    return option;
  }
  return ownDictionary(file) ?? [join(dirname(file), "dictionary.csv")].find((candidate) => candidate !== file && existsSync(candidate));
}

/** A dictionary beside the export that is named after it (a bare `dictionary.csv` is not evidence). */
function ownDictionary(file: string): string | undefined {
  const folder = dirname(file);
  const stem = basename(file, extname(file));
  const named = [`${stem}.dictionary.csv`, `${stem}_dictionary.csv`].map((name) => join(folder, name)).find((candidate) => existsSync(candidate));
  if (named !== undefined) return named;
  const redcap = redcapDataName(file);
  if (redcap === undefined) return undefined;
  let entries: string[];
  try {
    entries = readdirSync(folder);
  } catch {
    return undefined;
  }
  const dictionaries = entries.filter((name) => REDCAP_DICTIONARY.test(name)).sort();
  const project = dictionaries.filter((name) => REDCAP_DICTIONARY.exec(name)![1]!.toLowerCase() === redcap.project.toLowerCase());
  // The dates sort as text, so the last is the newest download.
  const chosen = project.at(-1) ?? (dictionaries.length === 1 ? dictionaries[0] : undefined);
  return chosen === undefined ? undefined : join(folder, chosen);
}

/** Whether a dictionary named after the export sits next to it, or the export has REDCap's own file name. */
export function hasOwnDictionary(file: string): boolean {
  return ownDictionary(file) !== undefined || redcapDataName(file) !== undefined;
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
    validation: at(DICTIONARY_COLUMNS.validation),
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
      validation: labelKey(text(index.validation)),
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
 * the checked choices' labels joined by "|"; a radio or dropdown answer's code becomes its label too. Fields marked as identifiers and REDCap's own columns are metadata.
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
        const column: ColumnSpec = { label: field.name, question: field.label || null, sources: [j], merge: checkedLabels(field, codes) };
        checkboxColumns.set(field.name, { column, codes });
        columns.push(column);
      } else {
        existing.column.sources.push(j);
        existing.codes.push(code);
      }
      continue;
    }
    const entry = dictionary.fields.get(label);
    const question = entry?.label ?? "";
    const column: ColumnSpec = { label, question: question === "" ? null : question, sources: [j] };
    if (entry !== undefined && entry.validation.includes("comma_decimal")) column.merge = pointDecimal;
    else if (entry !== undefined && (entry.type === "radio" || entry.type === "dropdown") && entry.choices.length > 0) column.merge = choiceLabel(entry);
    columns.push(column);
  }
  const recordIdField = dictionary.order[0];
  const metadata = columns
    .map((column) => column.label)
    .filter((label) => isSystemColumn(label) || label === recordIdField || dictionary.fields.get(label)?.identifier === true);
  return { format: "redcap", headerRows: 1, columns, metadata, listSeparator: REDCAP_SEPARATOR };
}

/** "3,5" → "3.5": a REDCap field validated as `number_comma_decimal` (or `number_1dp_comma_decimal`, …) is a number. */
function pointDecimal(cells: Cell[]): Cell {
  const cell = cells[0] ?? null;
  if (cell === null) return null;
  const text = cell.trim();
  return /^[+-]?\d*,\d+$/.test(text) ? text.replace(",", ".") : cell;
}

/** REDCap writes a choice code into a variable name in lower case with other characters as "_". */
function choiceCode(field: DictionaryField, suffix: string): string {
  const wanted = suffix.toLowerCase();
  const choice = field.choices.find((c) => c.code.toLowerCase().replace(/[^a-z0-9_]/g, "_") === wanted);
  return choice?.code ?? suffix;
}

/**
 * A raw export holds choice codes ("3"), which mean nothing without the dictionary: the answer is
 * the choice's label ("Hospital or A&E"), which the schema's categories name. A code the dictionary
 * does not list stays as it is, for validation to report.
 */
function labelOf(field: DictionaryField, code: string): string {
  return field.choices.find((choice) => choice.code === code)?.label || code;
}

function choiceLabel(field: DictionaryField): (cells: Cell[]) => Cell {
  return (cells) => {
    const cell = cells[0] ?? null;
    return cell === null || cell.trim() === "" ? cell : labelOf(field, cell.trim());
  };
}

/** The labels of the checked choices, joined by "|". */
function checkedLabels(field: DictionaryField, codes: readonly string[]): (cells: Cell[]) => Cell {
  return (cells) => {
    const checked = codes.filter((_, k) => {
      const value = labelKey(cells[k] ?? "");
      return value === "1" || value === "checked";
    });
    return checked.length === 0 ? null : checked.map((code) => labelOf(field, code)).join(REDCAP_SEPARATOR);
  };
}
