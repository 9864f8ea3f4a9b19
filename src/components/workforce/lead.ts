/** The opening of the Workforce page, written from the published tables: the cohorts and the trainees. */
import { isNumber, TOTAL } from "../shared/chart.js";
import { backgroundBase, type CountTable } from "./background.js";
import { figureOf, phraseText, type Phrase } from "../shared/measure-figure.js";
import { ALL } from "../../lib/measures.js";

/** The cohorts of `workforce-cohort`, in order, without its Total row. */
export function cohortsOf(table: CountTable): string[] {
  return table.rows.map((r) => r.cohort).filter((c): c is string => typeof c === "string" && c !== TOTAL);
}

/**
 * "85 trainees in 2 cohorts rated their confidence …", the count marked as the registry's `trainees`
 * (every trainee, all cohorts); a hidden count is "[c]".
 */
export function traineesPhrase(table: CountTable): Phrase {
  const trainees = backgroundBase(table);
  return [
    figureOf("trainees", ALL, isNumber(trainees) ? trainees : "[c]"),
    ` trainees in ${cohortsOf(table).length} cohorts rated their confidence at the end of the training, looking back to before it and as it stood then.`,
  ];
}

/** The same sentence as text. */
export function traineesSentence(table: CountTable): string {
  return phraseText(traineesPhrase(table));
}
