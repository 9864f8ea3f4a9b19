/**
 * Tables for the Quality standards page, from the LEROs' self-assessment (one row per LERO per
 * statement per wave; only the latest wave is counted, so each LERO counts once per statement).
 *
 * - the statements themselves (id, section, label), from `data/reference/standards-statements.csv`;
 * - the status of each statement: LEROs by status, with the percentage of the statement's LEROs;
 * - by stage of development: the average share of the statements that apply to a LERO that it has in
 *   place (or partly in place), for all statements and by section. This needs each LERO's stage from
 *   the audit, linked by the LERO pseudonym `lero_ref`;
 * - good-practice notes (consented and redacted by the pipeline): statement id and text only.
 */
import { percent, protectCounts, type ProtectedCell } from "../disclose/cells.ts";
import { LinkedCells } from "../disclose/linked.ts";
import { quoteIdentifier, quoteLiteral } from "../publish/duckdb.ts";
import { readReferenceCsv } from "../reference.ts";
import type { Dataset } from "../schema.ts";
import { categoriesOf, groupMeans, oncePerContext, roundPercent, shown, textList, type AggregateContext, type AggregateDefinition, type Published } from "./index.ts";

export const TOPIC = "standards";
const DATASET: Dataset = "standards";
export const ALL_SECTIONS = "All sections";
export const TOTAL = "Total";
const LINK = "lero_ref";

export const IN_PLACE = "In place";
export const PARTLY = "Partly in place";
export const NOT_APPLICABLE = "Not applicable";

export interface StatementRow {
  statement_id: string;
  section: string;
  number: number;
  label: string;
  applies_to: string;
  illustrative: boolean;
}

/** The statements in file order (sections, then numbers). */
export function statementRows(dir?: string): StatementRow[] {
  return readReferenceCsv("standards-statements.csv", dir).map((r) => ({
    statement_id: r.id ?? "",
    section: r.section ?? "",
    number: Number(r.number),
    label: r.label ?? "",
    applies_to: r.applies_to ?? "",
    illustrative: r.illustrative === "true",
  }));
}

export function sectionsOf(statements: readonly StatementRow[]): string[] {
  return [...new Set(statements.map((s) => s.section))];
}

const id = quoteIdentifier;

async function latestWaveSql(context: AggregateContext, dataset: Dataset): Promise<string> {
  const [row] = await context.query(`SELECT max(${id("wave")}) AS wave FROM ${id(context.table(dataset))}`);
  const wave = row?.wave;
  return typeof wave === "number" && Number.isInteger(wave) ? `${id("wave")} = ${wave}` : "FALSE";
}

const statements: AggregateDefinition = {
  id: `${TOPIC}-statements`,
  topic: TOPIC,
  dataset: DATASET,
  title: "Quality-standard statements",
  async build() {
    const rows = statementRows();
    return {
      dimensions: ["statement_id"],
      measures: [],
      totalLabel: TOTAL,
      rows: rows.map((s): Record<string, Published> => ({ statement_id: s.statement_id, section: s.section, number: s.number, label: s.label, applies_to: s.applies_to })),
      notes: rows.some((s) => s.illustrative) ? ["Illustrative statements written for this site, in the four sections of CLERO's national LERO standards; not the standards' own wording."] : [],
    };
  },
};

/** The protected answers of the latest wave by statement, section and status (see `statusCells`). */
export interface StatusCells {
  wave: number | null;
  statuses: string[];
  sections: string[];
  statements: StatementRow[];
  /** Key: `statementCellKey` / `sectionCellKey`. */
  cells: LinkedCells;
}

/** A statement's answers with a status, or all its answers (`TOTAL`). */
export const statementCellKey = (statement: string, status: string): string => `statement|${statement}|${status}`;
/**
 * A section's (or `ALL_SECTIONS`') answers with a status; `TOTAL` for all its answers, `APPLICABLE`
 * for those not marked not applicable.
 */
export const sectionCellKey = (section: string, status: string): string => `section|${section}|${status}`;
export const APPLICABLE = "Applicable";

/**
 * The answers (a LERO × a statement) of the latest wave, counted once and protected as one linked set:
 * statement × status with statement totals, each section as the sum of its statements, all sections
 * as the sum of the sections, and the applicable answers (everything but not applicable) at section
 * level. The statement table and the headline table by section print cells of this one set, so a
 * hidden statement cell cannot be worked out from its section's total, nor a hidden section cell
 * from its statements.
 */
export const statusCells = oncePerContext(buildStatusCells);

async function buildStatusCells(context: AggregateContext): Promise<StatusCells> {
  const [latest] = await context.query(`SELECT max(${id("wave")}) AS wave FROM ${id(context.table(DATASET))}`);
  const wave = typeof latest?.wave === "number" && Number.isInteger(latest.wave) ? latest.wave : null;
  const statuses = categoriesOf(context.field(DATASET, "status"));
  const statements = statementRows();
  const sections = sectionsOf(statements);
  const counted = wave === null ? [] : await context.query(`SELECT CAST(${id("statement_id")} AS VARCHAR) AS statement, CAST(${id("status")} AS VARCHAR) AS status, count(*) AS n FROM ${id(context.table(DATASET))} WHERE ${id("wave")} = ${wave} GROUP BY ALL`);
  const raw = (statement: string, status: string): number => Number(counted.find((r) => r.statement === statement && r.status === status)?.n ?? 0);
  const cells = new LinkedCells(context.policy[context.level(DATASET)]);
  const applicable = statuses.filter((status) => status !== NOT_APPLICABLE);
  const sum = (keys: string[]): number => keys.reduce((total, key) => total + (cells.get(key).raw ?? 0), 0);
  for (const st of statements) {
    const parts = statuses.map((status) => cells.cell(statementCellKey(st.statement_id, status), raw(st.statement_id, status)));
    cells.sum(parts, cells.cell(statementCellKey(st.statement_id, TOTAL), parts.reduce((a, p) => a + (p.raw ?? 0), 0)));
  }
  const groupOf = (section: string): StatementRow[] => (section === ALL_SECTIONS ? statements : statements.filter((st) => st.section === section));
  for (const section of [...sections, ALL_SECTIONS]) {
    const members = groupOf(section);
    for (const status of [...statuses, TOTAL]) {
      const parts = members.map((st) => statementCellKey(st.statement_id, status));
      cells.sum(parts.map((key) => cells.get(key)), cells.cell(sectionCellKey(section, status), sum(parts)));
    }
    const applicableParts = applicable.map((status) => cells.get(sectionCellKey(section, status)));
    const applicableCell = cells.cell(sectionCellKey(section, APPLICABLE), applicableParts.reduce((a, p) => a + (p.raw ?? 0), 0));
    cells.sum(applicableParts, applicableCell);
    cells.sum([applicableCell, cells.get(sectionCellKey(section, NOT_APPLICABLE))], cells.get(sectionCellKey(section, TOTAL)));
    cells.sum(statuses.map((status) => cells.get(sectionCellKey(section, status))), cells.get(sectionCellKey(section, TOTAL)));
  }
  for (const status of [...statuses, TOTAL, APPLICABLE]) {
    cells.sum(sections.map((section) => cells.get(sectionCellKey(section, status))), cells.get(sectionCellKey(ALL_SECTIONS, status)));
  }
  cells.protect();
  return { wave, statuses, sections, statements, cells };
}

const statementStatus: AggregateDefinition = {
  id: `${TOPIC}-statement-status`,
  topic: TOPIC,
  dataset: DATASET,
  title: "Status of each quality-standard statement",
  async build(context) {
    const { statuses, statements, cells } = await statusCells(context);
    const level = context.level(DATASET);
    const rows: Record<string, Published>[] = [];
    for (const st of statements) {
      const total = cells.shown(statementCellKey(st.statement_id, TOTAL));
      for (const status of [...statuses, TOTAL]) {
        const cell = cells.shown(statementCellKey(st.statement_id, status));
        rows.push({ statement_id: st.statement_id, status, count: shown(cell), percent: roundPercent(percent(cell, total, context.policy, level)) });
      }
    }
    const all = cells.shown(sectionCellKey(ALL_SECTIONS, TOTAL));
    for (const status of [...statuses, TOTAL]) {
      const cell = cells.shown(sectionCellKey(ALL_SECTIONS, status));
      rows.push({ statement_id: TOTAL, status, count: shown(cell), percent: roundPercent(percent(cell, all, context.policy, level)) });
    }
    return {
      dimensions: ["statement_id", "status"],
      measures: ["count", "percent"],
      totalLabel: TOTAL,
      rows,
      notes: ["LEROs by status of each statement, latest wave; percentages are of the LEROs that assessed the statement."],
      links: {
        population: "standards:latest-wave",
        additive: true,
        hierarchy: { statement_id: { parent: "section", map: Object.fromEntries(statements.map((st) => [st.statement_id, st.section])) } },
      },
    };
  },
};

/**
 * Each LERO's share of applicable statements in place (and partly in place), overall and by section,
 * averaged over the LEROs of each stage. A LERO counts in a section when at least one of the section's
 * statements applies to it.
 */
const inPlaceByStage: AggregateDefinition = {
  id: `${TOPIC}-in-place-by-stage`,
  topic: TOPIC,
  dataset: DATASET,
  title: "Share of statements in place, by stage of development",
  async build(context) {
    const stages = categoriesOf(context.field("audit", "stage"));
    const sections = [ALL_SECTIONS, ...sectionsOf(statementRows())];
    const linked = context.has("audit") && context.fields(DATASET).some((f) => f.name === LINK) && context.fields("audit").some((f) => f.name === LINK);
    const measures = ["count", "percent_in_place", "percent_in_place_low", "percent_in_place_high", "percent_partly", "percent_partly_low", "percent_partly_high"];
    if (!linked) {
      return {
        dimensions: ["stage", "section"],
        measures,
        totalLabel: TOTAL,
        rows: [...stages, TOTAL].flatMap((stage) => sections.map((section) => ({ stage, section, ...Object.fromEntries(measures.map((m) => [m, m === "count" ? "[x]" : null])) }))),
        notes: [
          context.has("audit")
            ? "Not available: the standards data carries no LERO pseudonym, so it cannot be linked to each LERO's stage of development in the audit."
            : "Not available: the audit of LEROs is not yet collected, so the standards cannot be linked to each LERO's stage of development.",
        ],
      };
    }
    const s = id(context.table(DATASET));
    const a = id(context.table("audit"));
    const status = id("status");
    const wave = await latestWaveSql(context, DATASET);
    const sectionOf = statementRows()
      .map((st) => `WHEN ${quoteLiteral(st.statement_id)} THEN ${quoteLiteral(st.section)}`)
      .join(" ");
    // One row per LERO and section (plus "All sections"): its shares of the statements that apply to it.
    const perLero = `
      SELECT s.${id(LINK)} AS lero, CAST(a.${id("stage")} AS VARCHAR) AS stage,
             coalesce(CASE s.${id("statement_id")} ${sectionOf} END, '') AS section, ${status} AS status
      FROM ${s} AS s JOIN ${a} AS a ON a.${id(LINK)} = s.${id(LINK)} AND a.${id("wave")} = s.${id("wave")}
      WHERE s.${wave}`;
    // Named as the dataset's subject (when it has one), so the means helper counts each LERO once.
    const subject = context.subject(DATASET) ?? "lero";
    const per = `
      WITH answers AS (${perLero}),
      everything AS (SELECT lero, stage, section, status FROM answers UNION ALL SELECT lero, stage, ${quoteLiteral(ALL_SECTIONS)}, status FROM answers)
      SELECT lero AS ${id(subject)}, stage, section,
             count(*) FILTER (WHERE status <> ${quoteLiteral(NOT_APPLICABLE)}) AS applicable,
             count(*) FILTER (WHERE status = ${quoteLiteral(IN_PLACE)}) AS in_place,
             count(*) FILTER (WHERE status = ${quoteLiteral(PARTLY)}) AS partly
      FROM everything GROUP BY ALL`;
    const rows: Record<string, Published>[] = [];
    for (const section of sections) {
      // One row per LERO to which the section applies: the shared means helper protects the counts
      // (with secondary suppression), hides means of small or uniform groups and gives t intervals.
      const table = await groupMeans(context, {
        dataset: DATASET,
        dimSql: id("stage"),
        dim: "stage",
        values: stages,
        measures: { percent_in_place: "100.0 * in_place / applicable", percent_partly: "100.0 * partly / applicable" },
        fromSql: `(${per}) AS per`,
        where: `section = ${quoteLiteral(section)} AND applicable > 0`,
      });
      // A share lies between 0 and 100%, so its interval's ends are kept there.
      const clip = (m: string, v: Published | undefined): Published => (typeof v === "number" && /_(low|high)$/.test(m) ? Math.min(100, Math.max(0, v)) : (v ?? null));
      for (const row of table.rows) rows.push({ stage: row.stage ?? null, section, ...Object.fromEntries(measures.map((m) => [m, clip(m, row[m])])) });
    }
    return {
      dimensions: ["stage", "section"],
      measures,
      totalLabel: TOTAL,
      rows,
      notes: [
        "For each LERO, the percentage of the statements that apply to it (not marked 'not applicable') that are in place, or partly in place; averaged over the LEROs at each stage. Latest wave, linked to the LERO's stage in the audit of the same wave.",
      ],
    };
  },
};

const goodPractice: AggregateDefinition = {
  id: `${TOPIC}-good-practice`,
  topic: TOPIC,
  dataset: DATASET,
  title: "Good-practice notes",
  async build(context) {
    const rows = await textList(context, { dataset: DATASET, field: "good_practice_note", as: "note", keys: ["statement_id"], where: await latestWaveSql(context, DATASET) });
    return {
      dimensions: ["statement_id", "note"],
      measures: [],
      totalLabel: TOTAL,
      rows,
      notes: ["Notes published with the LERO's consent, after names, contact details and links were replaced by placeholders such as [name]. Repeated notes are shown once per statement."],
    };
  },
};

export const aggregates: AggregateDefinition[] = [statements, statementStatus, inPlaceByStage, goodPractice];
