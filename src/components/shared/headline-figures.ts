/**
 * The headline figures, read from the published `headlines` tables (already protected: counts rounded
 * or suppressed, percentages and means only on a large enough base). Pure functions of plain JSON, so
 * the home page, the report, the tests and the embeds all read the same numbers the same way.
 */
import type { PublishedAggregate, PublishedValue } from "../../lib/published.js";
import { isNumber } from "./chart.js";
import { ALL, figureCanBeWritten, formatMeasureValue, measure, measureValue, type MeasureFormat } from "../../lib/measures.js";

/** A published value: a number, or a symbol such as `[c]` standing in for one. */
export type Cell = PublishedValue;

/** An aggregate table as published in `aggregates/<id>.json`, less what pages do not read. */
export type AggregateTable = Omit<PublishedAggregate, "topic" | "dataset">;

/** The tables of a topic, keyed by id (what `data/aggregates/<topic>.json` holds). */
export type Tables = Record<string, AggregateTable | undefined>;

export type HeadlineFormat = "count" | "percent" | "change";

export interface Headline {
  id: string;
  /** The number, or the symbol shown instead (`[c]`); null when the table is missing. */
  value: Cell;
  format: HeadlineFormat;
  /** What the number is, read after it: "of LEROs audited evaluate their work". */
  label: string;
  /** Who or what it is counted over: "Base: 150 LEROs, 2025 audit". */
  base: string;
  /** The page that tells the rest of the story. */
  href: string;
  /** The registry measure the figure is, and its key: the card marks its number with them. */
  measure?: string;
  key?: string;
}

/** The row of a table whose dimensions have the given values. */
export function rowOf(table: AggregateTable | undefined, match: Record<string, string>): Record<string, Cell> | undefined {
  return table?.rows.find((row) => Object.entries(match).every(([key, value]) => row[key] === value));
}

/**
 * A statistic (percentage, mean) from a row: a published null means it was withheld (its count is
 * hidden or its base too small), shown as `[c]`; a missing row or table gives null (`[x]`).
 */
export function statOf(row: Record<string, Cell> | undefined, key: string): Cell {
  if (row === undefined) return null;
  const value = row[key];
  return isNumber(value) ? value : typeof value === "string" ? value : "[c]";
}

/** The latest wave named in a table's `wave` column (waves are years, so they sort as numbers). */
export function latestWave(table: AggregateTable | undefined): string | undefined {
  const waves = [...new Set((table?.rows ?? []).map((r) => r.wave).filter((w): w is string => typeof w === "string" && w !== ""))];
  return waves.sort((a, b) => Number(a) - Number(b)).at(-1);
}

/** A value as read in a sentence or a card: "1,200", "68%", "+8.7", or the symbol itself (the registry's format). */
export function formatHeadline(value: Cell | undefined, format: HeadlineFormat): string {
  return formatMeasureValue(value, format);
}

/** "150 LEROs" / "[c] people": a base count with its unit, singular when it is 1. */
export function countOf(value: Cell | undefined, singular: string, plural: string): string {
  if (!isNumber(value)) return `${typeof value === "string" ? value : "[x]"} ${plural}`;
  return `${value.toLocaleString("en-GB")} ${value === 1 ? singular : plural}`;
}

export interface HeadlineData {
  lerosAudited: Cell;
  evaluatesPercent: Cell;
  auditWave: string | undefined;
  standardsInPlacePercent: Cell;
  standardsAnswers: Cell;
  standardsWave: string | undefined;
  trainees: Cell;
  cohorts: number;
  gpMetPercent: Cell;
  gpAnswered: Cell;
  avoidedPercent: Cell;
  avoidedAnswered: Cell;
  barcChange: Cell;
  barcPeople: Cell;
}

/** The key of the GP in the stigma measures, of "any setting" in avoided care, of the 12-month follow-up. */
export const GP = "GP";
export const ANY_SETTING = "Any setting";
export const TWELVE_MONTHS = "12 months";

/** The numbers behind the headlines, read through the measure registry (missing tables give nulls). */
export function headlineData(tables: Tables): HeadlineData {
  const trainees = tables["headlines-workforce-trainees"];
  return {
    lerosAudited: measureValue(tables, "leros-audited"),
    evaluatesPercent: measureValue(tables, "leros-evaluating"),
    auditWave: latestWave(tables["headlines-audit-evaluates"]),
    standardsInPlacePercent: measureValue(tables, "standards-in-place"),
    standardsAnswers: measureValue(tables, "standards-answers"),
    standardsWave: latestWave(tables["headlines-standards-status"]),
    trainees: measureValue(tables, "trainees"),
    cohorts: (trainees?.rows ?? []).filter((r) => r.cohort !== trainees?.totalLabel && r.count !== 0).length,
    gpMetPercent: measureValue(tables, "stigma-met-sometimes", GP),
    gpAnswered: measureValue(tables, "stigma-answered", GP),
    avoidedPercent: measureValue(tables, "avoided-care", ANY_SETTING),
    avoidedAnswered: measureValue(tables, "avoided-care-answered", ANY_SETTING),
    barcChange: measureValue(tables, "barc-change", TWELVE_MONTHS),
    barcPeople: measureValue(tables, "people-assessed-paired", TWELVE_MONTHS),
  };
}

/**
 * The five to seven figures the home page leads with, each linking to its page; figure, label and base
 * from the registry. A figure the tables do not publish (its data is not yet collected) or whose base
 * is 0 has no card.
 */
export function headlineFigures(tables: Tables): Headline[] {
  const d = headlineData(tables);
  const wave = (w: string | undefined, what: string): string => (w ? `, ${w} ${what}` : "");
  const card = (id: string, measureId: string, key: string, value: Cell, label: string, base: string, href: string): Headline => ({
    id,
    measure: measureId,
    key,
    value,
    format: headlineFormat(measure(measureId).format),
    label,
    base,
    href,
  });
  const base = (id: string, count: Cell, what?: string): string => `Base: ${countOf(count, measure(id).unit[0], measure(id).unit[1])}${what ? ` ${what}` : ""}`;
  return [
    card("leros-audited", "leros-audited", ALL, d.lerosAudited, measure("leros-audited").label, `Organisations audited${wave(d.auditWave, "audit")}`, "./research.html"),
    card("leros-evaluating", "leros-evaluating", ALL, d.evaluatesPercent, measure("leros-evaluating").label, `${base("leros-audited", d.lerosAudited)}${wave(d.auditWave, "audit")}`, "./research.html"),
    card("standards-in-place", "standards-in-place", ALL, d.standardsInPlacePercent, measure("standards-in-place").label, `${base("standards-answers", d.standardsAnswers, "(a LERO × a statement)")}${wave(d.standardsWave, "self-assessment")}`, "./standards.html"),
    card("trainees", "trainees", ALL, d.trainees, measure("trainees").label, `Across ${d.cohorts} training ${d.cohorts === 1 ? "cohort" : "cohorts"}`, "./workforce.html"),
    card("stigma-gp", "stigma-met-sometimes", GP, d.gpMetPercent, `of people asked about their GP ${measure("stigma-met-sometimes").label}`, base("stigma-answered", d.gpAnswered, "who answered about their GP"), "./stigma.html"),
    card("avoided-care", "avoided-care", ANY_SETTING, d.avoidedPercent, `${measure("avoided-care").label} in at least one setting`, base("avoided-care-answered", d.avoidedAnswered, "who answered"), "./stigma.html"),
    card("barc-change", "barc-change", TWELVE_MONTHS, d.barcChange, "points: mean change in recovery capital (BARC-10) from intake to 12 months", base("people-assessed-paired", d.barcPeople, "assessed at both points"), "./outcomes.html"),
  ].filter((headline) => figureCanBeWritten(tables, headline.measure!, headline.key));
}

function headlineFormat(format: MeasureFormat): HeadlineFormat {
  return format === "mean" ? "count" : format;
}
