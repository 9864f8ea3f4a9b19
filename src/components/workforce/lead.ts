/** The opening of the Workforce page, written from the published tables: the cohorts and the trainees. */
import { isNumber, TOTAL } from "../shared/chart.js";
import { backgroundBase, type CountTable } from "./background.js";

/** The cohorts of `workforce-cohort`, in order, without its Total row. */
export function cohortsOf(table: CountTable): string[] {
  return table.rows.map((r) => r.cohort).filter((c): c is string => typeof c === "string" && c !== TOTAL);
}

/** "85 trainees in 2 cohorts rated their confidence …"; a hidden count is "[c]". */
export function traineesSentence(table: CountTable): string {
  const trainees = backgroundBase(table);
  return `${isNumber(trainees) ? trainees.toLocaleString("en-GB") : "[c]"} trainees in ${cohortsOf(table).length} cohorts rated their confidence at the end of the training, looking back to before it and as it stood then.`;
}
