/**
 * Row-level files: no identifier column, no column without a role, and k over the quasi-identifiers
 * (distinct subjects for longitudinal data, whose quasi values must not vary) at least the policy's k
 * for the resource's level. Stories are rows too, published on each storyteller's consent: only the
 * story fields may appear.
 */
import type { DuckDBConnection } from "@duckdb/node-api";
import { STORY_FIELDS } from "../../../src/lib/published.ts";
import { quoteIdentifier, quoteLiteral } from "../../publish/duckdb.ts";
import type { Role } from "../../schema.ts";
import type { DisclosurePolicy, Level } from "../policy.ts";
import type { Finding } from "./findings.ts";
import type { LoadedTable } from "./resources.ts";

export async function checkMicrodata(
  db: DuckDBConnection,
  table: LoadedTable,
  roles: Map<string, Role>,
  subject: string | undefined,
  policy: DisclosurePolicy,
  level: Level,
): Promise<{ found: Finding[]; k?: number }> {
  const found: Finding[] = [];
  const k = policy[level].k;
  table.columns.forEach((name, i) => {
    const role = roles.get(name);
    const at = { column: i + 1, field: name };
    if (role === "identifier") found.push({ code: "identifier-column", ...at, message: `identifier column "${name}" must never be published` });
    else if (role === undefined) found.push({ code: "unclassified-column", ...at, message: `column "${name}" has no disclosure role in any schema, so it cannot be judged safe` });
  });
  const quasi = table.columns.filter((c) => roles.get(c) === "quasi");
  if (subject !== undefined && !table.columns.includes(subject)) {
    found.push({ code: "missing-subject", field: subject, message: `the subject column "${subject}" is declared but not published, so people cannot be counted for k` });
    return { found };
  }
  const { classes, smallest, small, varying } =
    table.format === "parquet" ? await parquetClasses(db, table.file, quasi, subject, k) : rowClasses(table.rows ?? [], quasi, subject, k);
  if (classes === 0) return { found };
  const unit = subject === undefined ? (level === "person" ? "people" : "organisations") : "people";
  for (const cls of small) {
    found.push({
      code: "k-anonymity",
      row: cls.firstRow,
      field: quasi.join("+") || "(all rows)",
      message: `only ${cls.size} ${unit} share ${describe(quasi, cls.values)}; the ${level} threshold is k = ${k}`,
    });
  }
  if (varying > 0) {
    found.push({
      code: "varying-quasi",
      field: subject,
      message: `${varying} subject(s) have more than one combination of ${quasi.join(", ")}: rows of one person can be linked across groups`,
    });
  }
  return { found, k: smallest };
}

interface ClassSummary {
  classes: number;
  smallest: number;
  small: { size: number; firstRow: number; values: unknown[] }[];
  varying: number;
}

const MAX_CLASS_FINDINGS = 20;

function rowClasses(rows: Record<string, unknown>[], quasi: string[], subject: string | undefined, k: number): ClassSummary {
  const classes = new Map<string, { subjects: Set<string>; firstRow: number; values: unknown[] }>();
  const combinationOf = new Map<string, string>();
  const varying = new Set<string>();
  rows.forEach((row, i) => {
    const values = quasi.map((q) => row[q] ?? null);
    const key = JSON.stringify(values.map((v) => (v === null ? null : String(v))));
    const s = subject === undefined || row[subject] === null || row[subject] === undefined ? `\u0000row ${i}` : String(row[subject]);
    let cls = classes.get(key);
    if (cls === undefined) classes.set(key, (cls = { subjects: new Set(), firstRow: i + 1, values }));
    cls.subjects.add(s);
    if (subject !== undefined) {
      const previous = combinationOf.get(s);
      if (previous === undefined) combinationOf.set(s, key);
      else if (previous !== key) varying.add(s);
    }
  });
  const all = [...classes.values()];
  const small = all.filter((c) => c.subjects.size < k).map((c) => ({ size: c.subjects.size, firstRow: c.firstRow, values: c.values }));
  return {
    classes: all.length,
    smallest: all.length === 0 ? 0 : Math.min(...all.map((c) => c.subjects.size)),
    small: small.slice(0, MAX_CLASS_FINDINGS),
    varying: varying.size,
  };
}

async function parquetClasses(db: DuckDBConnection, file: string, quasi: string[], subject: string | undefined, k: number): Promise<ClassSummary> {
  const source = `read_parquet(${quoteLiteral(file)}, file_row_number = true)`;
  const q = quasi.map(quoteIdentifier);
  const size = subject === undefined ? "count(*)" : `count(DISTINCT ${quoteIdentifier(subject)}) + count(*) FILTER (WHERE ${quoteIdentifier(subject)} IS NULL)`;
  const grouped = `SELECT ${[...q, `${size} AS __size`, "min(file_row_number) + 1 AS __first"].join(", ")} FROM ${source}${q.length ? ` GROUP BY ${q.join(", ")}` : ""}`;
  const summary = (await db.runAndReadAll(`SELECT count(*) AS classes, min(__size) AS smallest FROM (${grouped})`)).getRowObjectsJson()[0] ?? {};
  const smallRows = (
    await db.runAndReadAll(`SELECT * FROM (${grouped}) WHERE __size < ${Math.floor(k)} ORDER BY __first LIMIT ${MAX_CLASS_FINDINGS}`)
  ).getRowObjectsJson();
  let varying = 0;
  if (subject !== undefined && q.length > 0) {
    const s = quoteIdentifier(subject);
    const result = await db.runAndReadAll(
      `SELECT count(*) AS n FROM (SELECT ${s} FROM ${source} WHERE ${s} IS NOT NULL GROUP BY ${s} HAVING count(DISTINCT row(${q.join(", ")})) > 1)`,
    );
    varying = Number(result.getRowObjectsJson()[0]?.["n"] ?? 0);
  }
  return {
    classes: Number(summary["classes"] ?? 0),
    smallest: Number(summary["smallest"] ?? 0),
    small: smallRows.map((r) => ({ size: Number(r["__size"]), firstRow: Number(r["__first"]), values: quasi.map((c) => r[c] ?? null) })),
    varying,
  };
}

function describe(quasi: string[], values: unknown[]): string {
  if (quasi.length === 0) return "the whole file";
  return quasi.map((q, i) => `${q} = ${values[i] === null ? "(blank)" : JSON.stringify(values[i])}`).join(", ");
}

/** Each story is published on its storyteller's recorded consent, so k does not apply; nothing but the story's own fields may appear. */
export function checkStories(table: LoadedTable): Finding[] {
  const found: Finding[] = [];
  (table.rows ?? []).forEach((row, index) => {
    for (const key of Object.keys(row)) {
      if (!(STORY_FIELDS as string[]).includes(key)) found.push({ code: "unclassified-column", row: index + 1, field: key, message: `a story may only publish ${STORY_FIELDS.join(", ")}` });
    }
  });
  return found;
}
