/**
 * The official statistics the site shows beside its own (`data/reference/context-figures.csv`). A
 * figure is shown only once a person has checked it against its primary publication: the row then
 * says so (`checked_against_primary` = `yes`) and names where in the publication the value is, when
 * it was read and the period it covers. A figure reached only through news reporting cannot be marked
 * checked. Unchecked figures are listed by publication, without their values, so readers know what is
 * coming and nobody quotes a number the project has not checked.
 */
import { join } from "node:path";
import { readReferenceCsv } from "./reference.ts";
import { REFERENCE_DIR } from "./schema.ts";
import type { ContextFigure, PendingContextFigure } from "../src/lib/published.ts";

export const CONTEXT_FILE = "context-figures.csv";

/** A checked figure: everything a reader needs to find the value in its publication. */
export type CheckedFigure = ContextFigure & { licence: string; table_or_section: string; accessed: string; checked: true };

export class ContextFigureError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly column: string,
    message: string,
  ) {
    super(`${file}:${line} column "${column}": ${message}`);
    this.name = "ContextFigureError";
  }
}

const REQUIRED = ["id", "nation_or_area", "measure", "period", "value", "unit", "publisher", "publication", "url", "licence"] as const;
const CHECKED_REQUIRED = ["published_date", "table_or_section", "accessed"] as const;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
/** Where official figures may come from: the publishers' own sites. */
const OFFICIAL_URL = /^https:\/\/www\.(ons\.gov\.uk|nrscotland\.gov\.uk|nisra\.gov\.uk|gov\.uk)\//;

/**
 * Reads and checks the file: every row complete, every checked row with its place in the publication,
 * the date it was read and an official web address, never reached through the news. An error names
 * the file, line and column, and says how to put it right.
 */
export function loadContextFigures(dir: string = REFERENCE_DIR): { shown: CheckedFigure[]; pending: PendingContextFigure[] } {
  const file = join(dir, CONTEXT_FILE);
  const rows = readReferenceCsv(CONTEXT_FILE, dir);
  const shown: CheckedFigure[] = [];
  const pending: PendingContextFigure[] = [];
  const ids = new Set<string>();
  rows.forEach((row, index) => {
    const line = index + 2;
    const fail = (column: string, message: string): never => {
      throw new ContextFigureError(file, line, column, message);
    };
    for (const column of REQUIRED) if (!row[column]?.trim()) fail(column, "is empty: every figure needs it, even before it is checked.");
    if (ids.has(row.id!)) fail("id", `repeats "${row.id}"; give each figure its own id.`);
    ids.add(row.id!);
    if (!Number.isFinite(Number(row.value))) fail("value", `"${row.value}" is not a number; write it without commas or units (e.g. 5448).`);
    if (!OFFICIAL_URL.test(row.url!)) fail("url", `"${row.url}" is not a page of ONS, NRS, NISRA or GOV.UK; link the primary publication itself.`);
    const checked = row.checked_against_primary?.trim();
    if (checked !== "yes" && checked !== "no") fail("checked_against_primary", `must be "yes" or "no", not "${checked ?? ""}".`);
    if (checked === "no") {
      pending.push({ nation_or_area: row.nation_or_area!, measure: row.measure!, period: row.period!, publisher: row.publisher!, publication: row.publication! });
      return;
    }
    for (const column of CHECKED_REQUIRED) if (!row[column]?.trim()) fail(column, `is empty, but the figure is marked checked: say ${column === "table_or_section" ? "where in the publication the value is (e.g. Summary, Table 1)" : column === "accessed" ? "the date you read the value on the publisher's page" : "the publication's release date"}, or mark it "no".`);
    for (const column of ["published_date", "accessed"] as const) if (!DATE.test(row[column]!)) fail(column, `"${row[column]}" is not a date written as YYYY-MM-DD.`);
    if (/news|press|media|report(ing|s) of the release/i.test(row.reached_via ?? "")) {
      fail("reached_via", `says "${row.reached_via}": a figure read in the news is not checked. Read it in the publication itself, then say so here.`);
    }
    shown.push({
      id: row.id!,
      nation_or_area: row.nation_or_area!,
      measure: row.measure!,
      period: row.period!,
      value: Number(row.value),
      unit: row.unit!,
      publisher: row.publisher!,
      publication: row.publication!,
      published_date: row.published_date!,
      url: row.url!,
      licence: row.licence!,
      table_or_section: row.table_or_section!,
      accessed: row.accessed!,
      checked: true,
      ...(row.note?.trim() ? { note: row.note.trim() } : {}),
    });
  });
  return { shown, pending };
}
