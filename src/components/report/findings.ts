/**
 * The report's key findings, written from the published tables: each finding is a sentence and the
 * bar chart that shows it. Pure functions of plain JSON, so the words stay true when the data changes
 * (a figure that is suppressed or missing is said to be so, never guessed).
 */
import type { BarDatum, BarsFigureOptions } from "../shared/bars.js";
import type { BarcScale } from "../outcomes/barc.js";
import { reportSourceLine, type Dataset } from "../shared/sources.js";
import { atSetting } from "../stigma/settings.js";
import { defined, isNumber } from "../shared/chart.js";
import { ANY_SETTING, countOf, formatHeadline, GP, headlineData, latestWave, rowOf, statOf, TWELVE_MONTHS, type AggregateTable, type Cell, type Tables } from "../shared/headline-figures.js";
import { figureOf, phraseText, type Phrase } from "../shared/measure-figure.js";
import { ALL, KEY_SEPARATOR } from "../../lib/measures.js";
import { compareIntervals, wilsonPercent } from "../../lib/intervals.js";
import { meanIntervalOf } from "../shared/intervals.js";
import type { CellRules } from "../../lib/disclosure-rules.js";

export type Section = "research" | "standards" | "workforce" | "stigma" | "outcomes";

export interface Finding {
  id: string;
  section: Section;
  /** The sentence as text. */
  sentence: string;
  /** The sentence as text and figures, each figure marked with its registry measure and key. */
  parts: Phrase;
  data: BarDatum[];
  figure: Omit<BarsFigureOptions, "width" | "document">;
  /** The count the sentence's figures are out of (LEROs audited, people who answered): a finding with a base of 0 is never written. */
  base: Cell;
}

export const SECTIONS: { id: Section; dataset: Dataset; title: string; href: string; more: string; about: string }[] = [
  { id: "research", dataset: "audit", title: "Research and evaluation", href: "./research.html", more: "More on research and evaluation", about: "research and evaluation" },
  { id: "standards", dataset: "standards", title: "Quality standards", href: "./standards.html", more: "More on quality standards", about: "quality standards" },
  { id: "workforce", dataset: "workforce", title: "The peer research workforce", href: "./workforce.html", more: "More on the peer research workforce", about: "the peer research workforce" },
  { id: "stigma", dataset: "stigma", title: "Stigma", href: "./stigma.html", more: "More on stigma", about: "stigma in services" },
  { id: "outcomes", dataset: "outcomes", title: "Recovery outcomes", href: "./outcomes.html", more: "More on recovery outcomes", about: "recovery outcomes" },
];

/** Every dataset, for pages built from a release that has them all. */
export const ALL_DATASETS: readonly Dataset[] = SECTIONS.map((s) => s.dataset);

const HIDDEN = "is hidden to protect confidentiality";

/** A finding whose chart has the finding's id. */
function finding(section: Section, id: string, sentence: Phrase, data: BarDatum[], figure: Omit<Finding["figure"], "id">, base: Cell | undefined): Finding {
  return { id, section, sentence: phraseText(sentence), parts: sentence, data, figure: { id, ...figure }, base: base ?? null };
}
/** A figure of a registry measure, for a phrase. */
const fig = figureOf;
const pct = (value: Cell | undefined): string => formatHeadline(value ?? null, "percent");
const num = (value: Cell | undefined): string => formatHeadline(value ?? null, "count");
const asValue = (value: Cell | undefined): number | string | null => (value === undefined ? null : value);
/** A row's statistic for a bar: the number, or `[c]` when it was withheld. */
const statValue = (row: Record<string, Cell> | undefined, key: string): number | string | null => statOf(row, key);
const capitalise = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

/** Rows of a table other than its totals. */
function members(table: AggregateTable | undefined, dim: string, match: Record<string, string> = {}): Record<string, Cell>[] {
  return (table?.rows ?? []).filter((row) => row[dim] !== table?.totalLabel && Object.entries(match).every(([k, v]) => row[k] === v));
}

/** Shown values, largest first (ties keep table order). */
function ranked(data: readonly BarDatum[]): (BarDatum & { value: number })[] {
  return data.filter((d): d is BarDatum & { value: number } => isNumber(d.value)).sort((a, b) => b.value - a.value);
}


export function researchFindings(tables: Tables): Finding[] {
  const d = headlineData(tables);
  const evaluates = tables["headlines-audit-evaluates"];
  const methods = tables["headlines-audit-evaluation-methods"];
  const wave = d.auditWave;
  const auditedText = countOf(d.lerosAudited, "LERO", "LEROs");
  const evaluatesData: BarDatum[] = members(evaluates, "evaluates", wave ? { wave } : {}).map((r) => ({
    label: String(r.evaluates),
    value: statValue(r, "percent"),
    ...(r.evaluates === "Evaluates its work" ? { measure: "leros-evaluating", key: ALL } : {}),
  }));
  const sentence1: Phrase = isNumber(d.evaluatesPercent)
    ? [fig("leros-evaluating", ALL, d.evaluatesPercent), " of the ", fig("leros-audited", ALL, d.lerosAudited), ` ${isNumber(d.lerosAudited) && d.lerosAudited === 1 ? "LERO" : "LEROs"} audited${wave ? ` in ${wave}` : ""} evaluate their work in some way.`]
    : [`The share of LEROs that evaluate their work ${HIDDEN}.`];
  const methodData: BarDatum[] = members(methods, "evaluation_methods").map((r) => ({
    label: String(r.evaluation_methods),
    value: statValue(r, "percent"),
    measure: "evaluation-methods",
    key: String(r.evaluation_methods),
  }));
  const top = ranked(methodData);
  const recoveryTools = top.filter((m) => /BARC-10|REC-CAP|Recovery Capital/.test(m.label));
  const first = top[0];
  const tool = recoveryTools[0];
  const sentence2: Phrase = first
    ? [
        `The evaluation method most LEROs use is “${first.label}” (`,
        fig("evaluation-methods", first.label, first.value),
        " of LEROs)",
        ...(tool ? [`; the most used recovery-capital tool, ${tool.label}, is used by `, fig("evaluation-methods", tool.label, tool.value)] : []),
        ".",
      ]
    : [`How LEROs evaluate their work ${HIDDEN}.`];
  return [
    finding("research", "report-evaluates", sentence1, evaluatesData, {
      title: isNumber(d.evaluatesPercent) ? `${pct(d.evaluatesPercent)} of LEROs evaluate their work` : "LEROs that evaluate their work",
      subtitle: `Percentage of LEROs audited; base: ${auditedText}`,
      source: reportSourceLine("audit", { wave }),
      labelHeading: "Answer",
      valueHeading: "% of LEROs",
      measure: "percent",
      axisLabel: "Percentage of LEROs",
    }, d.lerosAudited),
    finding("research", "report-evaluation-methods", sentence2, top.length > 0 ? [...top, ...methodData.filter((m) => !isNumber(m.value))] : methodData, {
      title: first ? `“${first.label}” is the most common evaluation method` : "How LEROs evaluate their work",
      subtitle: `Percentage of LEROs using each method (a LERO can use several); base: ${countOf(methods?.base ?? null, "LERO", "LEROs")}`,
      source: reportSourceLine("audit", { wave: latestWave(methods) }),
      labelHeading: "Method",
      valueHeading: "% of LEROs",
      measure: "percent",
      axisLabel: "Percentage of LEROs",
    }, methods?.base),
  ];
}

export function standardsFindings(tables: Tables): Finding[] {
  const d = headlineData(tables);
  const table = tables["headlines-standards-status"];
  const wave = d.standardsWave;
  const inWave: Record<string, string> = wave ? { wave } : {};
  const statusData: BarDatum[] = members(table, "status", { ...inWave, section: "All sections" }).map((r) => ({
    label: String(r.status),
    value: statValue(r, "percent"),
    ...(r.status === "In place" ? { measure: "standards-in-place", key: ALL } : {}),
  }));
  const notYet = statusData.find((s) => s.label === "Not yet in place");
  const sentence1: Phrase = isNumber(d.standardsInPlacePercent)
    ? [fig("standards-in-place", ALL, d.standardsInPlacePercent), ` of the quality-standards statements that apply to a LERO are fully in place${isNumber(notYet?.value) ? `, and ${pct(notYet.value)} are not yet in place` : ""}.`]
    : [`The share of quality-standards statements in place ${HIDDEN}.`];
  const sections = [...new Set(members(table, "section", inWave).map((r) => r.section))].filter((s): s is string => typeof s === "string" && s !== "All sections");
  const bySection: BarDatum[] = sections.map((section) => ({ label: section, value: statValue(rowOf(table, { ...inWave, section, status: "In place" }), "percent"), measure: "standards-in-place", key: section }));
  const order = ranked(bySection);
  const best = order[0];
  const worst = order.at(-1);
  const sentence2: Phrase =
    best && worst && best !== worst
      ? [`${best.label} has the largest share of statements in place (`, fig("standards-in-place", best.label, best.value), `); ${worst.label} the smallest (`, fig("standards-in-place", worst.label, worst.value), ")."]
      : [`How standards are met by section ${HIDDEN}.`];
  const base = `base: ${countOf(d.standardsAnswers, "applicable answer", "applicable answers")} (a LERO × a statement)`;
  return [
    finding("standards", "report-standards-status", sentence1, statusData, {
      title: isNumber(d.standardsInPlacePercent) ? `About ${pct(d.standardsInPlacePercent)} of applicable standards are fully in place` : "Quality standards in place",
      subtitle: `Percentage of applicable statements by status, all sections; ${base}`,
      source: reportSourceLine("standards", { wave }),
      labelHeading: "Status",
      valueHeading: "% of applicable statements",
      measure: "percent",
      axisLabel: "Percentage of applicable statements",
    }, d.standardsAnswers),
    finding("standards", "report-standards-sections", sentence2, bySection, {
      title: best ? `${best.label} has the largest share of standards in place` : "Standards in place, by section",
      subtitle: "Percentage of applicable statements fully in place, by section of the standards",
      source: reportSourceLine("standards", { wave }),
      labelHeading: "Section",
      valueHeading: "% in place",
      measure: "percent",
      axisLabel: "Percentage in place",
    }, d.standardsAnswers),
  ];
}

/** " (rounded to the nearest 5)" from the policy's rules for counts of people; "" when counts are not rounded. */
export function roundingNote(rules: CellRules): string {
  return rules.rounding > 1 ? ` (rounded to the nearest ${rules.rounding})` : "";
}

/** The workforce findings; `rules` are the disclosure policy's rules for counts of people (`policy.person`). */
export function workforceFindings(tables: Tables, rules: CellRules): Finding[] {
  const d = headlineData(tables);
  const trainees = tables["headlines-workforce-trainees"];
  const confidence = tables["headlines-workforce-confidence"]?.rows[0];
  const cohortData: BarDatum[] = members(trainees, "cohort").map((r) => ({ label: String(r.cohort), value: asValue(r.count), measure: "trainees", key: String(r.cohort) }));
  const sentence1: Phrase = isNumber(d.trainees)
    ? ["CLERO has trained ", fig("trainees", ALL, d.trainees), ` ${d.trainees === 1 ? "peer researcher" : "peer researchers"} with lived experience of recovery, in ${d.cohorts} ${d.cohorts === 1 ? "cohort" : "cohorts"}.`]
    : [`The number of peer researchers trained ${HIDDEN}.`];
  const before = confidence?.mean_before;
  const after = confidence?.mean_after;
  const direction = isNumber(before) && isNumber(after) ? (after > before ? "rose" : after < before ? "fell" : "stayed") : undefined;
  const sentence2 =
    direction && isNumber(before) && isNumber(after)
      ? direction === "stayed"
        ? `Trainees' mean confidence in research skills stayed at ${num(before)} out of 5.`
        : `Trainees' mean confidence in research skills ${direction} from ${num(before)} to ${num(after)} out of 5 over the training.`
      : `Trainees' confidence before and after the training ${HIDDEN}.`;
  return [
    finding("workforce", "report-trainees", sentence1, cohortData, {
      title: isNumber(d.trainees) ? `${num(d.trainees)} peer researchers trained` : "Peer researchers trained",
      subtitle: `Number of trainees by training cohort${roundingNote(rules)}`,
      source: reportSourceLine("workforce"),
      labelHeading: "Cohort",
      valueHeading: "Trainees",
      measure: "count",
      axisLabel: "Trainees",
    }, d.trainees),
    {
      id: "report-confidence",
      section: "workforce",
      sentence: sentence2,
      parts: [sentence2],
      data: [
        { label: "Before the training", value: statValue(confidence, "mean_before") },
        { label: "After the training", value: statValue(confidence, "mean_after") },
      ],
      figure: {
        id: "report-confidence",
        title: direction === "rose" ? "Confidence in research skills rose over the training" : "Confidence in research skills before and after the training",
        subtitle: `Mean rating from 1 (not at all confident) to 5 (very confident), five skills; base: ${countOf(confidence?.count ?? null, "trainee", "trainees")}`,
        source: reportSourceLine("workforce"),
        labelHeading: "When",
        valueHeading: "Mean rating (1–5)",
        measure: "count",
        axisLabel: "Mean rating (1–5)",
      },
      base: confidence?.count ?? null,
    },
  ];
}

export function stigmaFindings(tables: Tables): Finding[] {
  const d = headlineData(tables);
  const bySetting = tables["headlines-stigma-met-by-setting"];
  const avoided = tables["headlines-stigma-avoided-care"];
  const settings: BarDatum[] = members(bySetting, "enacted")
    .filter((r) => r.enacted === "Met stigma")
    .map((r) => ({ label: String(r.setting), value: statValue(r, "percent"), measure: "stigma-met-sometimes", key: String(r.setting) }));
  const order = ranked(settings);
  const highest = order[0];
  // A setting is called higher than another only when their 95% intervals (Wilson, from each share and
  // the people who answered about the setting) do not overlap.
  const interval = (setting: string) => {
    const share = settings.find((s) => s.label === setting)?.value;
    const base = statValue(rowOf(bySetting, { setting, enacted: bySetting?.totalLabel ?? "Total" }), "count");
    return isNumber(share) && isNumber(base) ? wilsonPercent(share, base) : undefined;
  };
  const gp = interval(GP);
  const top = highest ? interval(highest.label) : undefined;
  const clearlyHighest = highest !== undefined && top !== undefined && order.slice(1).every((s) => {
    const other = interval(s.label);
    return other !== undefined && compareIntervals(top, other) === "higher";
  });
  let comparison: Phrase = [];
  if (highest && highest.label === GP) comparison = clearlyHighest ? [`, the highest of the ${order.length} settings asked about`] : [`, among the highest of the ${order.length} settings asked about`];
  else if (highest && gp && top) {
    comparison = compareIntervals(top, gp) === "higher"
      ? [`; it was higher at ${atSetting(highest.label)} (`, fig("stigma-met-sometimes", highest.label, highest.value), ")"]
      : [`, similar to the share at ${atSetting(highest.label)} (`, fig("stigma-met-sometimes", highest.label, highest.value), ")"];
  }
  const sentence1: Phrase = isNumber(d.gpMetPercent)
    ? [fig("stigma-met-sometimes", GP, d.gpMetPercent), " of people asked about their GP said GP staff had treated them unfairly because of substance use sometimes or more often", ...comparison, "."]
    : [`The share of people who met stigma at their GP ${HIDDEN}.`];
  const avoidedData: BarDatum[] = members(avoided, "avoided_care").map((r) => ({
    label: String(r.avoided_care),
    value: statValue(r, "percent"),
    ...(r.avoided_care === "Avoided care" ? { measure: "avoided-care", key: ANY_SETTING } : {}),
  }));
  const sentence2: Phrase = isNumber(d.avoidedPercent)
    ? [fig("avoided-care", ANY_SETTING, d.avoidedPercent), " of the ", fig("avoided-care-answered", ANY_SETTING, d.avoidedAnswered), ` ${d.avoidedAnswered === 1 ? "person" : "people"} who answered said stigma had led them to avoid or put off care in at least one setting.`]
    : [`The share who avoided care because of stigma ${HIDDEN}.`];
  return [
    finding("stigma", "report-stigma-settings", sentence1, [...order, ...settings.filter((s) => !isNumber(s.value))].map((s) => ({ ...s, ...defined({ interval: interval(s.label) }) })), {
      title: highest && clearlyHighest ? `Stigma is met most often at ${atSetting(highest.label)}` : order.length > 0 && order.length === settings.length && order.every((o) => o.value > 0) ? "Stigma is met in every setting asked about" : "Stigma met in services",
      subtitle: "Percentage of people who answered about each setting who met unfair treatment from staff there (sometimes or more often)",
      source: reportSourceLine("stigma", { detail: "(questions adapted from the Substance Use Stigma Mechanisms Scale)" }),
      labelHeading: "Setting",
      valueHeading: "% who met stigma",
      measure: "percent",
      axisLabel: "Percentage who met stigma",
    }, d.gpAnswered),
    finding("stigma", "report-avoided-care", sentence2, avoidedData, {
      title: isNumber(d.avoidedPercent) ? `${capitalise(pct(d.avoidedPercent))} avoided or put off care because of stigma` : "Avoiding care because of stigma",
      subtitle: `Percentage of respondents; base: ${countOf(d.avoidedAnswered, "person", "people")} who answered`,
      source: reportSourceLine("stigma"),
      labelHeading: "Answer",
      valueHeading: "% of respondents",
      measure: "percent",
      axisLabel: "Percentage of respondents",
    }, d.avoidedAnswered),
  ];
}

/** `scale` is BARC-10's, from the instruments reference data (`barc10(instruments)`). */
export function outcomesFindings(tables: Tables, scale: BarcScale): Finding[] {
  const cutOff = scale.cutOff;
  const barc = tables["headlines-outcomes-barc"];
  const change = tables["headlines-outcomes-change"]?.rows[0];
  const people = countOf(change?.count ?? null, "person", "people");
  const delta = change?.mean_change;
  const before = change?.mean_intake;
  const after = change?.mean_12_months;
  let sentence1: Phrase = [`The change in recovery capital from intake to 12 months ${HIDDEN}.`];
  if (isNumber(delta) && isNumber(before) && isNumber(after)) {
    // A rise reads as the change without its "+" ("rose by 8.6", the gate reads "+8.6" and "8.6" as one value); a fall's
    // number is the change without its minus sign, so it is not marked.
    const moved: Phrase = delta > 0 ? ["rose by ", { ...fig("barc-change", TWELVE_MONTHS, delta), text: num(delta) }, " points"] : delta < 0 ? [`fell by ${num(-delta)} points`] : ["did not change"];
    const paired = (when: string): string => `${TWELVE_MONTHS}${KEY_SEPARATOR}${when}`;
    sentence1 = [
      "Among the ",
      fig("people-assessed-paired", TWELVE_MONTHS, change?.count ?? null),
      ` ${change?.count === 1 ? "person" : "people"} assessed both at intake and at 12 months, mean recovery capital (BARC-10, scored ${scale.min} to ${scale.max}) `,
      ...moved,
      ", from ",
      fig("barc-mean-paired", paired("Intake"), before),
      " to ",
      fig("barc-mean-paired", paired("Follow-up"), after),
      ".",
    ];
  }
  const pIntake = change?.percent_cutoff_intake;
  const pFinal = change?.percent_cutoff_12_months;
  const sentence2: Phrase =
    isNumber(pIntake) && isNumber(pFinal)
      ? [`The share of them scoring ${cutOff} or more, the level linked with lasting remission, went from `, fig("barc-cutoff-paired", "Intake", pIntake), " at intake to ", fig("barc-cutoff-paired", TWELVE_MONTHS, pFinal), " at 12 months."]
      : [`The share scoring ${cutOff} or more ${HIDDEN}.`];
  const means: BarDatum[] = members(barc, "assessment").map((r) => ({
    label: String(r.assessment),
    value: statValue(r, "mean_barc"),
    measure: "barc-mean",
    key: String(r.assessment),
    ...defined({ interval: meanIntervalOf(r, "mean_barc") }),
  }));
  // "Higher at each later assessment" only when each interval lies above the one before it.
  const rising = means.length > 1 && means.every((m, i) => i === 0 || (m.interval !== undefined && means[i - 1]!.interval !== undefined && compareIntervals(m.interval, means[i - 1]!.interval!) === "higher"));
  return [
    finding("outcomes", "report-barc-assessments", sentence1, means, {
      title: rising ? "Mean recovery capital is higher at each later assessment" : "Mean recovery capital at each assessment",
      subtitle: "Mean BARC-10 total (10 to 60) of everyone assessed at each point; people who stay in touch may differ from those who do not",
      source: reportSourceLine("outcomes"),
      labelHeading: "Assessment",
      valueHeading: "Mean BARC-10",
      measure: "count",
      axisLabel: "Mean BARC-10 total",
    }, change?.count),
    {
      id: "report-barc-cutoff",
      section: "outcomes",
      sentence: phraseText(sentence2),
      parts: sentence2,
      data: [
        { label: "At intake", value: statValue(change, "percent_cutoff_intake"), measure: "barc-cutoff-paired", key: "Intake" },
        { label: "At 12 months", value: statValue(change, "percent_cutoff_12_months"), measure: "barc-cutoff-paired", key: TWELVE_MONTHS },
      ],
      figure: {
        id: "report-barc-cutoff",
        title: isNumber(pIntake) && isNumber(pFinal) && pFinal > pIntake ? "More people reach the remission-linked level by 12 months" : "People at the remission-linked level",
        subtitle: `Percentage with a BARC-10 total of ${cutOff} or more; base: ${people} assessed both at intake and at 12 months`,
        source: reportSourceLine("outcomes"),
        labelHeading: "When",
        valueHeading: `% at ${cutOff} or more`,
        measure: "percent",
        axisLabel: `Percentage at ${cutOff} or more`,
      },
      base: change?.count ?? null,
    },
  ];
}

/**
 * Every finding, in report order, for the `datasets` the release has (a section whose data is not yet
 * collected has none); a finding whose base is 0 is left out rather than written. `rules` are the
 * disclosure policy's rules for counts of people (`policy.person` of data/disclosure.json).
 */
export function reportFindings(tables: Tables, scale: BarcScale, rules: CellRules, datasets: readonly Dataset[] = ALL_DATASETS): Finding[] {
  const bySection: Record<Section, () => Finding[]> = {
    research: () => researchFindings(tables),
    standards: () => standardsFindings(tables),
    workforce: () => workforceFindings(tables, rules),
    stigma: () => stigmaFindings(tables),
    outcomes: () => outcomesFindings(tables, scale),
  };
  return SECTIONS.filter((s) => datasets.includes(s.dataset))
    .flatMap((s) => bySection[s.id]())
    .filter((f) => f.base !== 0);
}
