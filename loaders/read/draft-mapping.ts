/**
 * Drafts a `<dataset>.mapping.json` for an export, so that a person with a survey tool's download
 * does not have to copy long question texts into a mapping by hand. Each export column is matched
 * to the schema field whose name, title or alias (the question text a form asked) is closest to the
 * column's header or question; tool metadata and columns that hold personal data and match no field
 * are left out, saying what they hold; required fields the export lacks get a constant (a year read
 * from the export's dates) or a generated row ID. Whatever the draft is unsure of becomes a question
 * for the person, never a silent choice.
 */
import type { Field, TableSchema } from "../schema.ts";
import type { Cell, ExportFormat, RawTable } from "../types.ts";
import { labelKey } from "./columns.ts";
import { describeLook, isPersonalLook, lookOf, type ColumnLook } from "./looks.ts";
import type { ColumnMapping } from "./mapping.ts";

/** At or above this score a column is matched without asking. */
export const SURE_SCORE = 0.8;
/** Below this score a column is not matched at all. */
export const GUESS_SCORE = 0.45;
/** A second field this close to the best makes the match a question, however high the best. */
const CLOSE_MARGIN = 0.08;

/** The column a tool writes its own response (or record) ID in, as the tools spell it. */
const RESPONSE_ID_LABELS = new Set(["responseid", "response id", "respondent id", "record_id", "record id"].map(labelKey));

export interface DraftColumn {
  /** 1-based column of the export file (its first, for a column merged from several). */
  exportColumn: number;
  /** The header as the mapping must repeat it. */
  label: string;
  question: string | null;
  /** The field written in the mapping, or null when the column is left out. */
  field: string | null;
  /** 0 to 1: how closely the header or question matches the field (absent when no field is near). */
  score?: number;
  /** Why: "matches the question text of region", "tool metadata; looks like email addresses, 1,390 values". */
  reason: string;
  /** Fields that came close, best first, when the draft is unsure. */
  alternatives?: { field: string; score: number }[];
}

export interface DraftAdded {
  field: string;
  entry: { value: string | number | boolean } | { generate: "row" };
  reason: string;
}

export interface DraftMapping {
  dataset: string;
  file: string;
  format: ExportFormat;
  rows: number;
  columns: DraftColumn[];
  added: DraftAdded[];
  /** What the person must decide; each names the column or field and how to edit the mapping. */
  questions: string[];
  mapping: ColumnMapping;
}

/** Lower-case words, punctuation gone, simple plurals folded, so that wording differences count little. */
function words(text: string): string[] {
  return text
    .replace(/([a-z])([A-Z])/g, "$1 $2")
    .toLowerCase()
    .replace(/\$\{[^}]*\}/g, " ")
    .replace(/[_/]/g, " ")
    .replace(/[^\p{L}\p{N}\s]/gu, " ")
    .split(/\s+/)
    .filter((word) => word !== "")
    .map((word) => (word.length > 3 && word.endsWith("s") && !word.endsWith("ss") ? word.slice(0, -1) : word));
}

/**
 * How alike two texts are, 0 to 1: 1 for the same text (case, spacing and punctuation aside), else
 * the share of words they have in common (Dice's coefficient on words), so that "What is your age?"
 * is near "What's your age" and far from "What is your gender?" only by one word in four.
 */
export function textScore(a: string, b: string): number {
  if (labelKey(a) === labelKey(b)) return 1;
  const left = words(a);
  const right = words(b);
  if (left.length === 0 || right.length === 0) return 0;
  if (left.join(" ") === right.join(" ")) return 0.98;
  const pool = new Map<string, number>();
  for (const word of right) pool.set(word, (pool.get(word) ?? 0) + 1);
  let shared = 0;
  for (const word of left) {
    const n = pool.get(word) ?? 0;
    if (n > 0) {
      shared++;
      pool.set(word, n - 1);
    }
  }
  // Numbers tell items apart ("Day 1" and "Day 2"): texts whose numbers differ are not the same question.
  const numbers = (list: string[]) => list.filter((word) => /^\d+$/.test(word)).join(" ");
  const [leftNumbers, rightNumbers] = [numbers(left), numbers(right)];
  const penalty = leftNumbers !== "" && rightNumbers !== "" && leftNumbers !== rightNumbers ? 0.6 : 1;
  return Math.round(((2 * shared) / (left.length + right.length)) * penalty * 100) / 100;
}

/** The texts a field is known by, with what each is: its name, title and known wordings (aliases). */
function fieldTexts(field: Field): [string, string][] {
  const texts: [string, string][] = [
    [field.name, "name"],
    [field.name.replace(/_/g, " "), "name"],
    [field.title ?? "", "title"],
    ...(field.lero.aliases ?? []).map((alias): [string, string] => [alias, "known wording"]),
  ];
  return texts.filter(([text]) => text.trim() !== "");
}

interface Candidate {
  field: string;
  score: number;
  /** What matched: "header" or "question text". */
  by: string;
  /** What of the field it matched: "name", "title" or "known wording". */
  kind: string;
}

function candidatesFor(label: string, question: string | null, fields: readonly Field[]): Candidate[] {
  const out: Candidate[] = [];
  for (const field of fields) {
    let best: Candidate = { field: field.name, score: 0, by: "header", kind: "name" };
    for (const [text, kind] of fieldTexts(field)) {
      const byLabel = textScore(label, text);
      if (byLabel > best.score) best = { field: field.name, score: byLabel, by: "header", kind };
      if (question !== null && question !== label) {
        const byQuestion = textScore(question, text);
        if (byQuestion > best.score) best = { field: field.name, score: byQuestion, by: "question text", kind };
      }
    }
    if (best.score > 0) out.push(best);
  }
  return out.sort((a, b) => b.score - a.score);
}

const TOOL_NAMES: Record<ExportFormat, string> = {
  qualtrics: "Qualtrics",
  "qualtrics-legacy": "Qualtrics",
  surveymonkey: "SurveyMonkey",
  "google-forms": "Google Forms",
  "microsoft-forms": "Microsoft Forms",
  surveygizmo: "Alchemer (SurveyGizmo)",
  redcap: "REDCap",
  plain: "the export",
};

const fmt = (score: number) => score.toFixed(2);
const quoted = (text: string) => JSON.stringify(text.length > 70 ? `${text.slice(0, 69)}…` : text);

/**
 * Drafts the mapping for a table read from an export. Throws nothing: an export that matches no
 * field gives a draft whose columns are all left out, which `noMatchMessage` turns into an error.
 */
export function draftMapping(table: RawTable, schema: TableSchema): DraftMapping {
  const fields = schema.fields;
  const metadata = new Set([...table.metadata, ...(schema.lero.drop ?? [])].map(labelKey));
  const tool = TOOL_NAMES[table.format];
  const looks: ColumnLook[] = table.labels.map((_, j) => lookOf(table.rows.map((row) => row[j] ?? null)));
  const toolId = toolIdColumn(table, metadata);
  // A tool's own column (its response ID, dates, collector) is named by the tool, not by the survey's
  // designer: only a field known by that very name takes it, and a near miss means nothing.
  const candidates = table.labels.map((label, j) =>
    candidatesFor(label, table.questions[j] ?? null, fields).filter((c) => (j !== toolId && !metadata.has(labelKey(label))) || c.score >= 0.98),
  );

  // On equal scores a survey answer beats tool metadata, and anything beats the tool's record ID
  // (REDCap's record_id against a person_id question).
  const lateness = (j: number) => (j === toolId ? 2 : metadata.has(labelKey(table.labels[j]!)) ? 1 : 0);
  // Columns claim fields best score first, so that the closest column wins a field two columns are near.
  const claimed = new Map<string, number>();
  const chosen: (Candidate | undefined)[] = table.labels.map(() => undefined);
  const order = candidates
    .flatMap((list, j) => list.filter((c) => c.score >= GUESS_SCORE).map((c) => ({ j, c })))
    .sort((a, b) => b.c.score - a.c.score || lateness(a.j) - lateness(b.j) || a.j - b.j);
  for (const { j, c } of order) {
    if (chosen[j] !== undefined || claimed.has(c.field)) continue;
    chosen[j] = c;
    claimed.set(c.field, j);
  }

  const columns: DraftColumn[] = [];
  const questions: string[] = [];
  const mapping: ColumnMapping = {};
  const exportColumn = (j: number) => (table.sourceColumns?.[j] ?? j) + 1;
  const name = (j: number) => `Column ${exportColumn(j)} ${quoted(table.labels[j]!)}`;
  table.labels.forEach((label, j) => {
    const look = looks[j]!;
    const pick = chosen[j];
    const isMetadata = metadata.has(labelKey(label));
    const column: DraftColumn = { exportColumn: exportColumn(j), label, question: table.questions[j] ?? null, field: null, reason: "" };
    // Another column took this one's best field: it may still be the closer one for the person to judge.
    const near = candidates[j]!.filter((c) => c.score >= GUESS_SCORE && c.field !== pick?.field).slice(0, 3);
    if (pick !== undefined) {
      column.field = pick.field;
      column.score = pick.score;
      column.reason = `its ${pick.by} ${pick.score === 1 ? "is" : "is close to"} the ${pick.kind} of ${pick.field}`;
      const rivals = near.filter((c) => c.score >= pick.score - CLOSE_MARGIN);
      if (pick.score < SURE_SCORE || rivals.length > 0) {
        column.alternatives = rivals.length > 0 ? rivals : near.slice(0, 2);
        const others = column.alternatives.map((c) => `${c.field} (score ${fmt(c.score)})`);
        questions.push(
          `${name(j)} could be ${pick.field} (score ${fmt(pick.score)})${others.length > 0 ? ` or ${others.join(" or ")}` : ""}; the draft says ${pick.field}. Edit the mapping to choose: put the right field name after ${quoted(label)}, or null to leave the column out.`,
        );
      }
    } else if (isMetadata) {
      column.reason = `${tool} metadata, not an answer; ${describeLook(look)}`;
    } else if (isPersonalLook(look)) {
      column.reason = `${describeLook(look)}, personal data that no field uses`;
    } else if (look.count === 0) {
      column.reason = "is empty and matches no field";
    } else {
      column.reason = `matches no field; ${describeLook(look)}`;
      if (near.length > 0) column.alternatives = near;
      const hint = near.length > 0 ? ` The nearest is ${near.map((c) => `${c.field} (score ${fmt(c.score)})`).join(" or ")}.` : "";
      questions.push(
        `${name(j)} ${describeLook(look)} and matches no ${schema.name} field, so the draft leaves it out (null).${hint} If it holds one of the fields, put that field's name in place of null.`,
      );
    }
    columns.push(column);
    mapping[label] = column.field;
  });

  const seen = new Map<string, number>();
  table.labels.forEach((label, j) => {
    const first = seen.get(labelKey(label));
    if (first === undefined) seen.set(labelKey(label), j);
    else
      questions.push(
        `${name(first)} and column ${exportColumn(j)} have the same header, which a mapping cannot tell apart; the draft uses the first one's entry for both. Rename one of them in the survey tool (or the file) and run map again.`,
      );
  });
  const added: DraftAdded[] = [];
  const matched = new Set(columns.flatMap((column) => (column.field === null ? [] : [column.field])));
  const rowId = rowIdField(schema);
  if (rowId !== undefined && !matched.has(rowId.name) && toolId !== undefined && looks[toolId]!.count > 0 && columns[toolId]!.field === null) {
    // A response ID the tool wrote under its own name is better than a generated one.
    const column = columns[toolId]!;
    column.field = rowId.name;
    column.reason = `the ${tool} response ID, used as ${rowId.name}`;
    mapping[column.label] = rowId.name;
    matched.add(rowId.name);
  }
  for (const field of fields) {
    if (matched.has(field.name) || field.constraints?.required !== true) continue;
    const fill = fillMissing(field, table, schema, looks, field === rowId);
    if (fill.entry !== undefined) {
      added.push({ field: field.name, entry: fill.entry, reason: fill.reason });
      mapping[field.name] = fill.entry;
    } else {
      questions.push(fill.reason);
    }
  }
  return { dataset: schema.name, file: table.file, format: table.format, rows: table.rows.length, columns, added, questions, mapping };
}

/** The column in which the tool wrote its own response or record ID, if it has one. */
function toolIdColumn(table: RawTable, metadata: ReadonlySet<string>): number | undefined {
  const j = table.labels.findIndex(
    (label, k) =>
      RESPONSE_ID_LABELS.has(labelKey(label)) ||
      (table.format === "microsoft-forms" && labelKey(label) === "id") ||
      (table.format === "redcap" && k === 0 && metadata.has(labelKey(label))),
  );
  return j < 0 ? undefined : j;
}

/**
 * The field that identifies a response: an identifier known by a tool's response-ID name ("ID",
 * "ResponseId"), or, for data about people, the identifier that leads the primary key.
 */
function rowIdField(schema: TableSchema): Field | undefined {
  const identifiers = schema.fields.filter((field) => field.lero.role === "identifier");
  return (
    identifiers.find((field) => (field.lero.aliases ?? []).some((alias) => RESPONSE_ID_LABELS.has(labelKey(alias)) || labelKey(alias) === "id")) ??
    (schema.lero.level === "person" ? identifiers.find((field) => schema.primaryKey?.[0] === field.name) : undefined)
  );
}

interface Fill {
  entry?: DraftAdded["entry"];
  reason: string;
}

/** A required field no column matched: a generated row ID, a year read from the dates, or a question. */
function fillMissing(field: Field, table: RawTable, schema: TableSchema, looks: readonly ColumnLook[], isRowId: boolean): Fill {
  if (isRowId) {
    const people = schema.lero.subject === field.name ? "; rows from one person then count as different people" : "";
    return { entry: { generate: "row" }, reason: `the export has no response ID, so each row is numbered (row-1, row-2, …) by its place in the file${people}` };
  }
  if (field.type === "year") {
    const years = yearsOf(table, looks);
    if (years !== undefined && years.years.length === 1) {
      return { entry: { value: years.years[0]! }, reason: `the export has no ${field.name} column; every date in ${quoted(years.label)} is in ${years.years[0]}` };
    }
    const span = years === undefined ? "the export has no dates to read it from" : `its dates in ${quoted(years.label)} run from ${years.years[0]} to ${years.years.at(-1)}`;
    return {
      reason: `The ${schema.name} data needs ${field.name} (${field.title ?? field.name}) and no column holds it: ${span}. Add "${field.name}": {"value": YEAR} to the mapping (e.g. {"value": ${new Date().getUTCFullYear()}}), or split the export by year first.`,
    };
  }
  return {
    reason: `The ${schema.name} data needs ${field.name} (${field.title ?? field.name}) and no column matches it. If a column holds it, write "${field.name}" after that column's header in the mapping; if it is the same for every row, add "${field.name}": {"value": "…"}.`,
  };
}

/** The years of the first column that looks like dates (tool timestamps come first). */
function yearsOf(table: RawTable, looks: readonly ColumnLook[]): { label: string; years: number[] } | undefined {
  const j = looks.findIndex((look) => look.kind === "dates or times");
  if (j < 0) return undefined;
  const years = new Set<number>();
  for (const row of table.rows) {
    const year = yearOfDate(row[j] ?? null);
    if (year !== undefined) years.add(year);
  }
  if (years.size === 0) return undefined;
  return { label: table.labels[j]!, years: [...years].sort((a, b) => a - b) };
}

function yearOfDate(cell: Cell): number | undefined {
  if (cell === null) return undefined;
  const text = cell.trim();
  const iso = /^(\d{4})-\d{2}-\d{2}/.exec(text);
  if (iso !== null) return Number(iso[1]);
  const dmy = /^\d{1,2}[/.]\d{1,2}[/.](\d{2}|\d{4})\b/.exec(text);
  if (dmy !== null) return dmy[1]!.length === 2 ? 2000 + Number(dmy[1]) : Number(dmy[1]);
  return undefined;
}

/** How many columns the draft matched to a field. */
export function matchedCount(draft: DraftMapping): number {
  return draft.columns.filter((column) => column.field !== null).length;
}

/** The draft as the terminal summary: one line per column, what was added, then the questions. */
export function formatDraft(draft: DraftMapping, written: string): string[] {
  const lines = [
    `${draft.file}: ${TOOL_NAMES[draft.format]} export, ${draft.rows.toLocaleString("en-GB")} rows, ${draft.columns.length} columns.`,
    `Wrote ${written}: ${matchedCount(draft)} columns matched to ${draft.dataset} fields, ${draft.columns.length - matchedCount(draft)} left out${draft.added.length > 0 ? `, ${draft.added.length} added` : ""}.`,
    "",
    "  #  header → field (score): why",
  ];
  for (const column of draft.columns) {
    const target = column.field === null ? "left out" : `${column.field} (${fmt(column.score ?? 1)})`;
    lines.push(`${String(column.exportColumn).padStart(3)}  ${quoted(column.label)} → ${target}: ${column.reason}`);
  }
  for (const add of draft.added) lines.push(`  +  ${add.field} = ${JSON.stringify(add.entry)}: ${add.reason}`);
  if (draft.questions.length > 0) {
    lines.push("", `Questions for you (${draft.questions.length}); answer them by editing ${written}:`);
    draft.questions.forEach((question, k) => lines.push(`${k + 1}. ${question}`));
  } else {
    lines.push("", "Nothing to decide: every column is matched or left out with a reason.");
  }
  return lines;
}
