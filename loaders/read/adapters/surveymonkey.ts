import type { Cell } from "../../types.ts";
import { headerText, labelKey, usedColumns, type Adapted, type ColumnSpec } from "../columns.ts";

const METADATA = new Set(
  [
    "Respondent ID",
    "Collector ID",
    "Start Date",
    "End Date",
    "IP Address",
    "Email Address",
    "First Name",
    "Last Name",
    "Custom Data 1",
    "Custom Data",
  ].map(labelKey),
);

/** What SurveyMonkey writes in row 2 under a question that has a single answer column. */
const SINGLE_ANSWER = new Set(["response", "open-ended response"]);

export const SURVEYMONKEY_SEPARATOR = "; ";

/** Whether the first two rows are SurveyMonkey's: its metadata names, or answer kinds in row 2. */
export function isSurveyMonkeyHeader(records: readonly Cell[][]): boolean {
  const [first, second] = records;
  if (first === undefined || second === undefined) return false;
  if (first.some((cell) => labelKey(headerText(cell)) === "respondent id")) return true;
  // Row 2 is blank under the metadata columns that always come first.
  return headerText(second[0]) === "" && second.some((cell) => SINGLE_ANSWER.has(labelKey(headerText(cell))));
}

/**
 * SurveyMonkey: row 1 has each question over its first column and blank headers over the rest of its
 * columns; row 2 names what each column holds ("Response", "Open-Ended Response" or an option). A
 * checkbox question, where each checked option's column holds that option's label, becomes one column
 * whose cell lists the chosen options. Other spread questions (matrices, where a column is a row of
 * the grid and holds the chosen rating) become one column per part, labelled "question - part".
 */
export function adaptSurveyMonkey(records: readonly Cell[][]): Adapted {
  const first = records[0] ?? [];
  const second = records[1] ?? [];
  const count = usedColumns(records, 2);
  const groups: number[][] = [];
  for (let j = 0; j < count; j++) {
    const last = groups[groups.length - 1];
    if (headerText(first[j]) === "" && last !== undefined) last.push(j);
    else groups.push([j]);
  }
  const columns: ColumnSpec[] = [];
  const metadata: string[] = [];
  for (const group of groups) {
    const start = group[0]!;
    const question = headerText(first[start]);
    const parts = group.map((j) => headerText(second[j]));
    if (group.length === 1 && (parts[0] === "" || SINGLE_ANSWER.has(labelKey(parts[0]!)))) {
      columns.push({ label: question, question: question === "" ? null : question, sources: group });
      if (METADATA.has(labelKey(question))) metadata.push(question);
    } else if (isCheckboxGroup(records, group, parts)) {
      columns.push({ label: question, question, sources: group, merge: joinChosen });
    } else {
      group.forEach((j, k) => {
        const part = parts[k]!;
        const label = part === "" || SINGLE_ANSWER.has(labelKey(part)) ? question : `${question} - ${part}`;
        columns.push({ label, question, sources: [j] });
      });
    }
  }
  return { format: "surveymonkey", headerRows: 2, columns, metadata, listSeparator: SURVEYMONKEY_SEPARATOR };
}

/** In a checkbox group every filled cell repeats its option's label, except in "Other (please specify)". */
function isCheckboxGroup(records: readonly Cell[][], group: readonly number[], parts: readonly string[]): boolean {
  const options = group.filter((_, k) => !isOtherOption(parts[k]!));
  if (options.length === 0) return false;
  for (let i = 2; i < records.length; i++) {
    const record = records[i]!;
    for (const j of options) {
      const cell = record[j];
      if (cell !== null && cell !== undefined && cell.trim() !== "" && cell.trim() !== headerText(records[1]?.[j])) return false;
    }
  }
  return true;
}

function isOtherOption(part: string): boolean {
  const key = labelKey(part);
  return key.startsWith("other") || key.includes("please specify") || key === "open-ended response";
}

function joinChosen(cells: Cell[]): Cell {
  const chosen = cells.map((cell) => cell?.trim() ?? "").filter((text) => text !== "");
  return chosen.length === 0 ? null : chosen.join(SURVEYMONKEY_SEPARATOR);
}
