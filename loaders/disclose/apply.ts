/**
 * Applies the disclosure rules to one dataset's validated records (DESIGN.md §5), in this order:
 *
 * 1. Free text: kept only when the schema marks the field publishable and the row's consent field is
 *    true; then redacted. Text the redactor is unsure of is held back for review, never published.
 * 2. Identifiers: the subject of longitudinal data and the key of organisation-level data become keyed
 *    pseudonyms (`person_id` → `person_ref`), so rows can still be linked; every other identifier is
 *    dropped.
 * 3. Quasi-identifiers that are dates get their generalisation ladder from the data (date → quarter
 *    → year); then, for data published as rows, k-anonymity by generalisation and local suppression,
 *    counting the schema's `patternQuasi` (which assessments a person attended) as one more
 *    quasi-identifier, and l-diversity over the sensitive fields on top.
 * 4. Row-level files never hold free text or its consent flag (see `rowLevelExcluded`).
 *
 * The release has one protected base: `tableRecords`, from which every table is counted, are exactly
 * the people (organisations) whose rows are published — after rejection, consent and k-anonymity — with
 * their quasi-identifiers as collected. A table minus the microdata therefore gives back nobody.
 *
 * The result is what may be published, the schema of the published fields, and a report of what was
 * done (no personal data in it).
 */
import type { Field, HierarchyLevel, TableSchema } from "../schema.ts";
import { diversify } from "./ldiversity.ts";
import { kAnonymise, type KAnonymityResult, type RiskFigures } from "./kanon.ts";
import type { DisclosurePolicy } from "./policy.ts";
import { pseudonym } from "./pseudonym.ts";
import type { PseudonymRegister } from "./register.ts";
import { redactText } from "./redact.ts";

export interface HeldText {
  dataset: string;
  row: number;
  field: string;
  text: string;
  reasons: string[];
}

export interface FreeTextReport {
  field: string;
  consented: number;
  published: number;
  redacted: Record<string, number>;
  heldForReview: number;
  droppedWithoutConsent: number;
}

export interface DisclosureReport {
  level: "person" | "organisation";
  publish: "microdata" | "aggregates";
  identifiersDropped: string[];
  pseudonymised: Record<string, string>;
  /** Pseudonyms used to link datasets in tables, never published as a column. */
  linkedInTablesOnly?: string[];
  freeText: FreeTextReport[];
  kAnonymity?: {
    k: number;
    required: number;
    unit: "rows" | "subjects";
    feasible: boolean;
    levels: Record<string, { level: number; name: string }>;
    suppressed: { rows: number; subjects: number };
    /** Classes removed because a sensitive field took fewer than l values in them (counted in `suppressed`). */
    lDiversity: { l: number | null; required: number; sensitive: string[]; removed: { classes: number; rows: number; subjects: number } };
    informationLoss: number;
    before: RiskFigures;
    after: RiskFigures;
  };
}

export interface DisclosedDataset {
  /**
   * Set by the DuckDB fast path (`loaders/pipeline/fast.ts`), which never holds rows in JavaScript:
   * `records` and `tableRecords` are then empty and the rows are in these Parquet files instead, in
   * the columns of `fields` and `tableFields` (dates as ISO text, whole numbers as BIGINT).
   */
  stored?: { dir: string; microdata: string; table: string; rows: number };
  /** What may be published row by row (for `publish: "microdata"` datasets). */
  records: Record<string, unknown>[];
  /**
   * The rows of the published people (organisations), identifiers pseudonymised and free text handled,
   * but quasi-identifiers as collected: the input of aggregate tables, which the cell rules protect.
   * For data published as tables only, every accepted row.
   */
  tableRecords: Record<string, unknown>[];
  /** The fields of `tableRecords`. */
  tableFields: Field[];
  /** The published fields: schema fields with identifiers replaced by pseudonyms or removed. */
  fields: Field[];
  sortKey: string[];
  report: DisclosureReport;
  held: HeldText[];
}

export interface DiscloseContext {
  policy: DisclosurePolicy;
  pseudonymKey: string;
  /** Gives each identifier its random ID; the published pseudonym is the keyed hash of that ID. */
  register: PseudonymRegister;
  /** Row numbers of the records, for the review file. */
  rows: readonly number[];
  /** Reviewed phrases that may be published as they are. */
  allow?: ReadonlySet<string>;
}

/** The published name of a pseudonymised identifier: `person_id` → `person_ref`, `lero` → `lero_ref`. */
export function pseudonymField(name: string): string {
  return `${name.replace(/_id$/, "")}_ref`;
}

export function pseudonymised(schema: TableSchema): Set<string> {
  const keep = new Set<string>();
  if (schema.lero.subject) keep.add(schema.lero.subject);
  if (schema.lero.level === "organisation" && schema.lero.publish === "microdata") {
    for (const name of schema.primaryKey ?? []) {
      if (schema.fields.find((f) => f.name === name)?.lero.role === "identifier") keep.add(name);
    }
  }
  return keep;
}

function quarterOf(date: string): string {
  const month = Number(date.slice(5, 7));
  return `${date.slice(0, 4)} Q${Math.ceil(month / 3)}`;
}

/** Date quasi-identifiers generalise by computation, so their ladder is built from the values present. */
export function dateLadder(records: readonly Record<string, unknown>[], field: Field): HierarchyLevel[] {
  const dates = new Set<string>();
  for (const record of records) {
    const value = record[field.name];
    if (typeof value === "string") dates.add(value);
  }
  const toQuarter: Record<string, string> = {};
  const toYear: Record<string, string> = {};
  for (const date of dates) {
    toQuarter[date] = quarterOf(date);
    toYear[quarterOf(date)] = date.slice(0, 4);
  }
  const names = (field.lero.hierarchy ?? []).map((level) => level.name);
  return [
    { name: names[0] ?? "quarter", map: toQuarter },
    { name: names[1] ?? "year", map: toYear },
  ];
}

/**
 * Free text and its consent flag never go into row-level files: a quote beside a person's answers
 * says more about them than either alone. Consented, redacted text is published only in its own lists.
 */
export function rowLevelExcluded(schema: TableSchema): Set<string> {
  const excluded = new Set<string>();
  for (const field of schema.fields) {
    if (field.lero.role !== "free-text") continue;
    excluded.add(field.name);
    if (field.lero.consentField !== undefined) excluded.add(field.lero.consentField);
  }
  return excluded;
}

export function publishedFields(schema: TableSchema, keep: ReadonlySet<string>, generalised: Record<string, { level: number; name: string }>, excluded: ReadonlySet<string> = new Set()): Field[] {
  const fields: Field[] = [];
  for (const field of schema.fields) {
    if (excluded.has(field.name)) continue;
    if (field.lero.role === "identifier") {
      if (!keep.has(field.name)) continue;
      fields.push({
        name: pseudonymField(field.name),
        type: "string",
        title: `${field.title ?? field.name} (pseudonym)`,
        description: `A pseudonym for the ${field.title?.toLowerCase() ?? field.name}: a keyed hash (HMAC-SHA256) of a random number CLERO gives each one in a private register, never of the identifier itself. It is the same in every row and every release, so rows can be linked, but it cannot be turned back into the original.`,
        lero: { role: "public" },
      });
      continue;
    }
    const level = generalised[field.name];
    const copy: Field = { ...field, lero: { ...field.lero } };
    if (level && level.level > 0) {
      copy.description = `${field.description ?? ""} Published at the level "${level.name}" so that nobody can be singled out.`.trim();
      if (field.type !== "string") {
        copy.type = "string";
        delete copy.format;
        delete copy.constraints;
      }
      delete copy.categories;
    }
    fields.push(copy);
  }
  return fields;
}

/** The working column that carries a person's attendance pattern through k-anonymity (never published). */
export const PATTERN = "__pattern";

/**
 * Writes into each row the sorted set of values `field` takes over the row's subject ("3 months +
 * Intake"), so that k-anonymity counts it as a quasi-identifier. The column is not a published field,
 * so the writers never see it.
 */
function attendancePatterns(rows: Record<string, unknown>[], subject: string, field: string): true {
  const values = new Map<unknown, Set<string>>();
  for (const row of rows) {
    const key = row[subject];
    let set = values.get(key);
    if (set === undefined) values.set(key, (set = new Set()));
    set.add(String(row[field] ?? ""));
  }
  const texts = new Map<unknown, string>();
  for (const [key, set] of values) texts.set(key, [...set].sort().join(" + "));
  for (const row of rows) row[PATTERN] = texts.get(row[subject]);
  return true;
}

export function discloseRecords(records: readonly Record<string, unknown>[], schema: TableSchema, context: DiscloseContext): DisclosedDataset {
  const { policy, pseudonymKey, register } = context;
  const level = schema.lero.level;
  const keep = pseudonymised(schema);
  // The LERO a row belongs to is never published as a column of people's data, but tables need it to
  // link datasets (standards or outcomes by the LERO's stage in the audit): pseudonymised for tables only.
  const tableOnly = new Set(schema.fields.filter((f) => f.lero.role === "identifier" && !keep.has(f.name) && /^lero(_id)?$/.test(f.name)).map((f) => f.name));
  const tableKeep = new Set([...keep, ...tableOnly]);
  const identifiers = schema.fields.filter((f) => f.lero.role === "identifier").map((f) => f.name);
  const freeTextFields = schema.fields.filter((f) => f.lero.role === "free-text");
  const held: HeldText[] = [];
  const freeText: FreeTextReport[] = freeTextFields.map((f) => ({ field: f.name, consented: 0, published: 0, redacted: {}, heldForReview: 0, droppedWithoutConsent: 0 }));

  // Longitudinal data repeats each person's identifier on every row: compute each pseudonym once.
  // The hash is of the identifier's random ID in the register, never of the identifier itself.
  const pseudonyms = new Map<string, string>();
  const pseudonymOf = (kind: string, value: string): string => {
    const key = `${kind}\0${value}`;
    let result = pseudonyms.get(key);
    if (result === undefined) pseudonyms.set(key, (result = pseudonym(register.idOf(kind, value), pseudonymKey)));
    return result;
  };
  const out: Record<string, unknown>[] = records.map((record, index) => {
    const row: Record<string, unknown> = {};
    for (const field of schema.fields) {
      const value = record[field.name];
      if (field.lero.role === "identifier") {
        if (tableKeep.has(field.name)) {
          const name = pseudonymField(field.name);
          row[name] = value === null || value === undefined || String(value).trim() === "" ? null : pseudonymOf(name, String(value));
        }
        continue;
      }
      row[field.name] = value;
    }
    freeTextFields.forEach((field, f) => {
      const stats = freeText[f]!;
      const text = record[field.name];
      if (typeof text !== "string" || text.trim() === "") {
        row[field.name] = null;
        return;
      }
      const consented = field.lero.publishable === true && field.lero.consentField !== undefined && record[field.lero.consentField] === true;
      if (!consented) {
        stats.droppedWithoutConsent++;
        row[field.name] = null;
        return;
      }
      stats.consented++;
      const redaction = redactText(text, context.allow ? { allow: context.allow } : {});
      if (redaction.status === "review") {
        stats.heldForReview++;
        held.push({ dataset: schema.name, row: context.rows[index] ?? index + 1, field: field.name, text, reasons: redaction.reasons });
        row[field.name] = null;
        return;
      }
      for (const finding of redaction.findings) stats.redacted[finding.kind] = (stats.redacted[finding.kind] ?? 0) + 1;
      stats.published++;
      row[field.name] = redaction.text;
    });
    return row;
  });

  const report: DisclosureReport = {
    level,
    publish: schema.lero.publish,
    identifiersDropped: identifiers.filter((name) => !keep.has(name)),
    ...(tableOnly.size > 0 ? { linkedInTablesOnly: [...tableOnly].map(pseudonymField) } : {}),
    pseudonymised: Object.fromEntries([...keep].map((name) => [name, pseudonymField(name)])),
    freeText,
  };
  const sortKey = schema.lero.sortKey.map((name) => (keep.has(name) ? pseudonymField(name) : name)).filter((name) => !identifiers.includes(name));

  if (schema.lero.publish !== "microdata") {
    const fields = publishedFields(schema, tableKeep, {});
    return { records: out, fields, tableRecords: out, tableFields: fields, sortKey, report, held };
  }

  const quasi = schema.fields
    .filter((f) => f.lero.role === "quasi")
    .map((f) => ({ field: f.name, hierarchy: f.type === "date" ? dateLadder(out, f) : (f.lero.hierarchy ?? []) }));
  const subject = schema.lero.subject ? pseudonymField(schema.lero.subject) : undefined;
  const k = policy[level].k;
  const excluded = rowLevelExcluded(schema);
  const hidden = new Set([...[...tableOnly].map(pseudonymField), ...excluded]);
  // Fresh rows without the table-only columns and free text (built field by field: deleting keys would
  // leave every row a slow dictionary-mode object), which k-anonymity may then generalise in place.
  const visible = Object.keys(out[0] ?? {}).filter((name) => !hidden.has(name));
  const microdata = out.map((row) => {
    const copy: Record<string, unknown> = {};
    for (const name of visible) copy[name] = row[name];
    return copy;
  });
  const patterns = schema.lero.patternQuasi !== undefined && subject !== undefined ? attendancePatterns(microdata, subject, schema.lero.patternQuasi) : undefined;
  if (patterns) quasi.unshift({ field: PATTERN, hierarchy: [] });
  const result: KAnonymityResult<Record<string, unknown>> = kAnonymise(microdata, {
    quasi,
    k,
    maxSuppressionShare: policy.maxSuppressionShare,
    ...(subject ? { subject } : {}),
    inPlace: true,
  });
  const sensitive = schema.fields.filter((f) => f.lero.role === "sensitive" && !hidden.has(f.name)).map((f) => f.name);
  const diverse = diversify(result.rows, { quasi: quasi.map((q) => q.field), sensitive, l: policy[level].l, ...(subject ? { subject } : {}) });
  const suppressed = { rows: result.suppressed.rows + diverse.removed.rows, subjects: result.suppressed.subjects + diverse.removed.subjects };
  const units = subject === undefined ? microdata.length : new Set(microdata.map((row) => row[subject])).size;
  report.kAnonymity = {
    k: result.k,
    required: k,
    unit: result.unit,
    feasible: result.feasible && suppressed.subjects <= policy.maxSuppressionShare * units + 1e-9,
    levels: result.levels,
    suppressed,
    lDiversity: { l: Number.isFinite(diverse.l) ? diverse.l : null, required: policy[level].l, sensitive, removed: diverse.removed },
    informationLoss: result.informationLoss,
    before: result.before,
    after: result.risk,
  };
  if (patterns) delete result.levels[PATTERN];
  // One protected base: tables count exactly the people (organisations) whose rows are published, so
  // a table minus the microdata gives back nobody; quasi-identifiers stay as collected in tables.
  const published = new Set<Record<string, unknown>>(diverse.rows);
  return {
    records: diverse.rows,
    fields: publishedFields(schema, keep, result.levels, excluded),
    tableRecords: out.filter((_, i) => published.has(microdata[i]!)),
    tableFields: publishedFields(schema, tableKeep, {}),
    sortKey,
    report,
    held,
  };
}
