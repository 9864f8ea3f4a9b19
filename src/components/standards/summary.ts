/**
 * The key findings of the Quality standards page, written from the published tables so they stay
 * true when the data changes: how far the statements are in place overall, which statements are most
 * and least often in place, and how that differs by stage of development where it can be shown.
 */
import { compared, meanIntervalOf } from "../shared/intervals.js";
import { isNumber, TOTAL } from "../shared/chart.js";
import { ALL_SECTIONS } from "./by-stage.js";
import { stagePhrase } from "../shared/stages.js";
import { sentenceList } from "../shared/text.js";
import type { StandardsRow, Statement } from "./status.js";
import { phraseText, shownFigure, type Phrase } from "../shared/measure-figure.js";
import type { MeasureTables } from "../../lib/measures.js";

export interface StandardsTables {
  status: readonly StandardsRow[];
  statements: readonly Statement[];
  byStage: readonly StandardsRow[];
  /** The headline tables (`aggregates/headlines.json`): the overall shares are the registry's measures, of applicable answers, as on Home and in the Report. */
  headlines: MeasureTables;
}


export function standardsFindings(tables: StandardsTables): string[] {
  return standardsFindingPhrases(tables).map((p) => (typeof p === "string" ? p : phraseText(p)));
}

/** The key findings, the overall shares as figures marked with their registry measures. */
export function standardsFindingPhrases(tables: StandardsTables): (string | Phrase)[] {
  const findings: (string | Phrase)[] = [];
  const inPlace = shownFigure(tables.headlines, "standards-in-place");
  const partly = shownFigure(tables.headlines, "standards-partly-in-place");
  const leros = Math.max(0, ...tables.status.filter((r) => r.status === TOTAL && r.statement_id !== TOTAL).map((r) => r.count).filter(isNumber));
  if (isNumber(inPlace.value) && isNumber(partly.value)) {
    findings.push([
      `Across all ${tables.statements.length} statements and ${leros.toLocaleString("en-GB")} LEROs, `,
      inPlace,
      " of the answers that apply to a LERO say a statement is fully in place and ",
      partly,
      " partly in place (statements a LERO marked not applicable are left out).",
    ]);
  }
  const ranked = tables.statements
    .map((s) => ({ s, percent: tables.status.find((r) => r.statement_id === s.statement_id && r.status === "In place")?.percent }))
    .filter((x): x is { s: Statement; percent: number } => isNumber(x.percent))
    .sort((a, b) => b.percent - a.percent);
  const top = ranked[0];
  const bottom = ranked.at(-1);
  if (top && bottom && top !== bottom) {
    findings.push(`Most often in place: “${top.s.label}” (${top.s.statement_id}, ${Math.round(top.percent)}% of LEROs). Least often: “${bottom.s.label}” (${bottom.s.statement_id}, ${Math.round(bottom.percent)}%).`);
  }
  const stages = tables.byStage.filter((r) => r.section === ALL_SECTIONS && r.stage !== TOTAL && isNumber(r.percent_in_place)).sort((a, b) => (a.percent_in_place as number) - (b.percent_in_place as number));
  const low = stages[0];
  const high = stages.at(-1);
  if (low && high && low !== high) {
    const name = (r: StandardsRow) => stagePhrase(String(r.stage));
    // A difference between stages is stated only when their 95% intervals do not overlap.
    const differs = compared(meanIntervalOf(high, "percent_in_place"), meanIntervalOf(low, "percent_in_place")) === "higher";
    findings.push(
      differs
        ? `On average, ${name(high)} have ${Math.round(high.percent_in_place as number)}% of the statements that apply to them in place, against ${Math.round(low.percent_in_place as number)}% for ${name(low)}.`
        : `On average, LEROs at each stage shown have a similar share of the statements that apply to them in place (from ${Math.round(low.percent_in_place as number)}% for ${name(low)} to ${Math.round(high.percent_in_place as number)}% for ${name(high)}; the 95% intervals overlap).`,
    );
  }
  return findings;
}

export function standardsSummary(tables: StandardsTables, options: { document?: Document } = {}): HTMLElement {
  return sentenceList(options.document ?? document, "standards-key-findings", standardsFindingPhrases(tables));
}
