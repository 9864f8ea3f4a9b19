/**
 * The headline figures, read from the published `headlines` tables (already protected: counts rounded
 * or suppressed, percentages and means only on a large enough base). Pure functions of plain JSON, so
 * the home page, the report, the tests and the embeds all read the same numbers the same way.
 */
import type { PublishedAggregate, PublishedValue } from "../../lib/published.js";
import { defined, isNumber, TOTAL } from "./chart.js";

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

/** A value as read in a sentence or a card: "1,200", "68%", "+8.7", or the symbol itself. */
export function formatHeadline(value: Cell | undefined, format: HeadlineFormat): string {
  if (!isNumber(value)) return typeof value === "string" ? value : "[x]";
  if (format === "percent") return `${Math.round(value).toLocaleString("en-GB")}%`;
  if (format === "change") return `${value > 0 ? "+" : value < 0 ? "−" : ""}${Math.abs(value).toLocaleString("en-GB", { maximumFractionDigits: 1 })}`;
  return value.toLocaleString("en-GB", { maximumFractionDigits: 1 });
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

/** The numbers behind the headlines, picked from the tables (missing tables give nulls). */
export function headlineData(tables: Tables): HeadlineData {
  const evaluates = tables["headlines-audit-evaluates"];
  const auditWave = latestWave(evaluates);
  const standards = tables["headlines-standards-status"];
  const standardsWave = latestWave(standards);
  const trainees = tables["headlines-workforce-trainees"];
  const stigma = tables["headlines-stigma-met-by-setting"];
  const avoided = tables["headlines-stigma-avoided-care"];
  const change = tables["headlines-outcomes-change"];
  const total = (table: AggregateTable | undefined, match: Record<string, string>, dim: string): Record<string, Cell> | undefined =>
    rowOf(table, { ...match, [dim]: table?.totalLabel ?? TOTAL });
  return {
    lerosAudited: total(evaluates, auditWave ? { wave: auditWave } : {}, "evaluates")?.count ?? null,
    evaluatesPercent: statOf(rowOf(evaluates, { ...defined({ wave: auditWave }), evaluates: "Evaluates its work" }), "percent"),
    auditWave,
    standardsInPlacePercent: statOf(rowOf(standards, { ...defined({ wave: standardsWave }), section: "All sections", status: "In place" }), "percent"),
    standardsAnswers: total(standards, { ...defined({ wave: standardsWave }), section: "All sections" }, "status")?.count ?? null,
    standardsWave,
    trainees: total(trainees, {}, "cohort")?.count ?? null,
    cohorts: (trainees?.rows ?? []).filter((r) => r.cohort !== trainees?.totalLabel && r.count !== 0).length,
    gpMetPercent: statOf(rowOf(stigma, { setting: "GP", enacted: "Met stigma" }), "percent"),
    gpAnswered: total(stigma, { setting: "GP" }, "enacted")?.count ?? null,
    avoidedPercent: statOf(rowOf(avoided, { avoided_care: "Avoided care" }), "percent"),
    avoidedAnswered: total(avoided, {}, "avoided_care")?.count ?? null,
    barcChange: statOf(change?.rows[0], "mean_change"),
    barcPeople: change?.rows[0]?.count ?? null,
  };
}

/** The five to seven figures the home page leads with, each linking to its page. */
export function headlineFigures(tables: Tables): Headline[] {
  const d = headlineData(tables);
  const wave = (w: string | undefined, what: string): string => (w ? `, ${w} ${what}` : "");
  return [
    { id: "leros-audited", value: d.lerosAudited, format: "count", label: "LEROs took part in the audit of research and evaluation", base: `Organisations audited${wave(d.auditWave, "audit")}`, href: "/research" },
    { id: "leros-evaluating", value: d.evaluatesPercent, format: "percent", label: "of LEROs audited evaluate their work in some way", base: `Base: ${countOf(d.lerosAudited, "LERO", "LEROs")}${wave(d.auditWave, "audit")}`, href: "/research" },
    { id: "standards-in-place", value: d.standardsInPlacePercent, format: "percent", label: "of quality-standards statements that apply to a LERO are fully in place", base: `Base: ${countOf(d.standardsAnswers, "answer", "answers")} (a LERO × a statement)${wave(d.standardsWave, "self-assessment")}`, href: "/standards" },
    { id: "trainees", value: d.trainees, format: "count", label: "peer researchers with lived experience trained by CLERO", base: `Across ${d.cohorts} training ${d.cohorts === 1 ? "cohort" : "cohorts"}`, href: "/workforce" },
    { id: "stigma-gp", value: d.gpMetPercent, format: "percent", label: "of people asked about their GP met stigma from GP staff", base: `Base: ${countOf(d.gpAnswered, "person", "people")} who answered about their GP`, href: "/stigma" },
    { id: "avoided-care", value: d.avoidedPercent, format: "percent", label: "avoided or put off care because of stigma", base: `Base: ${countOf(d.avoidedAnswered, "person", "people")} who answered`, href: "/stigma" },
    { id: "barc-change", value: d.barcChange, format: "change", label: "points: mean change in recovery capital (BARC-10) from intake to 12 months", base: `Base: ${countOf(d.barcPeople, "person", "people")} assessed at both points`, href: "/outcomes" },
  ];
}
