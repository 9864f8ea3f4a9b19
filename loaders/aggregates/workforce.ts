/**
 * Tables for the Peer research workforce page: confidence in research skills before and after the
 * training, ratings of each training day, attendance by cohort, and consented feedback.
 *
 * Cohorts are small (a few dozen trainees), so every mean sits beside its protected base, cohorts and
 * the all-trainee total are protected as one table (a hidden cohort cannot be worked out from the
 * total), and a mean is shown only where its base is.
 */
import type { AggregateJson } from "../disclose/cells.ts";
import { quoteIdentifier, quoteLiteral } from "../publish/duckdb.ts";
import type { Field } from "../schema.ts";
import { LinkedCells } from "../disclose/linked.ts";
import { categoriesOf, crossTab, meansBy, shown, textList, type AggregateContext, type AggregateDefinition, type Published } from "./index.ts";

const DATASET = "workforce";
const TOPIC = "workforce";
const TOTAL = "Total";
const column = quoteIdentifier;

/** The research skills asked about, in schema order, from the `confidence_before_*` fields. */
export function skillsOf(fields: readonly Field[]): { key: string; label: string }[] {
  return fields
    .filter((f) => f.name.startsWith("confidence_before_") && fields.some((g) => g.name === f.name.replace("_before_", "_after_")))
    .map((f) => {
      const key = f.name.slice("confidence_before_".length);
      const topic = (f.title ?? key).replace(/^[^:]*:\s*/, "");
      return { key, label: topic.charAt(0).toUpperCase() + topic.slice(1) };
    });
}

/** The training days, from the `day_<n>` fields: "Day 2: Ethics, consent and safety". */
export function daysOf(fields: readonly Field[]): { key: string; label: string }[] {
  return fields
    .filter((f) => /^day_\d+$/.test(f.name))
    .map((f) => {
      const number = f.name.slice(4);
      const topic = /\(([^)]+)\)/.exec(f.description ?? "")?.[1];
      return { key: f.name, label: topic ? `Day ${number}: ${topic.charAt(0).toUpperCase()}${topic.slice(1)}` : `Day ${number}` };
    });
}

/**
 * How many trainees of each cohort (and in all) answered, protected with the cohort sizes beside them:
 * a cohort's size minus those who answered (trainees who missed a day, say) is protected like a count.
 */
async function answeredByCohort(context: AggregateContext, cohorts: string[], answered: string): Promise<{ rows: Record<string, Published>[] }> {
  const table = column(context.table(DATASET));
  const found = await context.query(`SELECT CAST(${column("cohort")} AS VARCHAR) AS cohort, count(*) AS everyone, count(*) FILTER (WHERE ${answered}) AS answered FROM ${table} GROUP BY 1`);
  const raw = (cohort: string, what: "everyone" | "answered"): number => Number(found.find((r) => r.cohort === cohort)?.[what] ?? 0);
  const cells = new LinkedCells(context.policy[context.level(DATASET)]);
  const sizes = cohorts.map((c) => cells.cell(`everyone|${c}`, raw(c, "everyone")));
  const counts = cohorts.map((c) => cells.cell(`answered|${c}`, raw(c, "answered")));
  const allSize = cells.cell(`everyone|${TOTAL}`, sizes.reduce((a, s) => a + (s.raw ?? 0), 0));
  const all = cells.cell(`answered|${TOTAL}`, counts.reduce((a, s) => a + (s.raw ?? 0), 0));
  cells.sum(sizes, allSize);
  cells.sum(counts, all);
  cells.sum(counts.map((count, i) => cells.complement(count, sizes[i]!)), cells.complement(all, allSize));
  cells.protect();
  return { rows: [...cohorts, TOTAL].map((cohort) => ({ cohort, count: shown(cells.shown(`answered|${cohort}`)) })) };
}

/**
 * Means for each cohort and for all trainees (`cohort` = "Total"), each beside its base. The bases come
 * from one protected table of cohorts with their total; a mean is dropped wherever its base is hidden.
 */
async function meansByCohort(context: AggregateContext, measures: Record<string, string>, answered: string): Promise<Record<string, Published>[]> {
  const cohorts = categoriesOf(context.field(DATASET, "cohort"));
  const bases = await answeredByCohort(context, cohorts, answered);
  const byCohort = await meansBy(context, { dataset: DATASET, dimSql: column("cohort"), dim: "cohort", values: cohorts, measures, where: answered, intervals: true });
  const overall = await meansBy(context, { dataset: DATASET, dimSql: quoteLiteral(TOTAL), dim: "cohort", values: [TOTAL], measures, where: answered, intervals: true });
  const means = [...byCohort.rows, ...overall.rows];
  return [...cohorts, TOTAL].map((cohort) => {
    const count = bases.rows.find((r) => r.cohort === cohort)?.count ?? null;
    const found = means.find((r) => r.cohort === cohort);
    const row: Record<string, Published> = { cohort, count };
    // A mean and its 95% interval are dropped together wherever the base is hidden.
    for (const name of Object.keys(measures).flatMap((m) => [m, `${m}_low`, `${m}_high`])) row[name] = typeof count === "number" ? (found?.[name] ?? null) : null;
    return row;
  });
}

export const aggregates: AggregateDefinition[] = [
  {
    id: "workforce-confidence",
    topic: TOPIC,
    dataset: DATASET,
    title: "Confidence in research skills before and after the training, by cohort",
    async build(context) {
      const rows: AggregateJson["rows"] = [];
      for (const skill of skillsOf(context.fields(DATASET))) {
        const before = column(`confidence_before_${skill.key}`);
        const after = column(`confidence_after_${skill.key}`);
        const means = await meansByCohort(context, { mean_before: before, mean_after: after }, `${before} IS NOT NULL AND ${after} IS NOT NULL`);
        for (const row of means) rows.push({ skill: skill.label, ...row });
      }
      return {
        dimensions: ["skill", "cohort"],
        measures: ["count", "mean_before", "mean_before_low", "mean_before_high", "mean_after", "mean_after_low", "mean_after_high"],
        totalLabel: TOTAL,
        rows,
        links: { additive: false, additiveDimensions: ["cohort"] },
        notes: [
          "Self-rated confidence from 1 (not at all) to 5 (very), asked at the end of the training: 'before' looking back, 'after' as things stood then. Base: trainees who rated the skill both before and after.",
        ],
      };
    },
  },
  {
    id: "workforce-day-ratings",
    topic: TOPIC,
    dataset: DATASET,
    title: "How useful trainees found each training day, by cohort",
    async build(context) {
      const rows: AggregateJson["rows"] = [];
      for (const day of daysOf(context.fields(DATASET))) {
        const rating = column(day.key);
        const means = await meansByCohort(context, { mean_rating: rating }, `${rating} IS NOT NULL`);
        for (const row of means) rows.push({ day: day.label, ...row });
      }
      return {
        dimensions: ["day", "cohort"],
        measures: ["count", "mean_rating", "mean_rating_low", "mean_rating_high"],
        totalLabel: TOTAL,
        rows,
        links: { additive: false, additiveDimensions: ["cohort"] },
        notes: ["Rated from 1 (not useful) to 5 (very useful). Base: trainees who rated the day (those who missed it did not)."],
      };
    },
  },
  {
    id: "workforce-attendance-by-cohort",
    topic: TOPIC,
    dataset: DATASET,
    title: "How trainees attended most sessions, by cohort",
    async build(context) {
      return crossTab(context, {
        dataset: DATASET,
        rowSql: column("cohort"),
        rowDim: "cohort",
        rows: categoriesOf(context.field(DATASET, "cohort")),
        colSql: column("attendance"),
        colDim: "attendance",
        cols: categoriesOf(context.field(DATASET, "attendance")),
      });
    },
  },
  {
    id: "workforce-feedback",
    topic: TOPIC,
    dataset: DATASET,
    title: "Trainees' feedback on the training, as said",
    async build(context) {
      // Only the words: no cohort, attendance or other detail that could point to a trainee.
      const rows = await textList(context, { dataset: DATASET, field: "feedback", as: "feedback", where: `${column("feedback_consent")} IS TRUE` });
      return {
        dimensions: ["feedback"],
        measures: [],
        totalLabel: TOTAL,
        rows,
        notes: [
          "Published only where the trainee agreed to be quoted without their name. Personal details are replaced by placeholders such as [email]; the same words from several trainees are shown once. Feedback is left as written.",
        ],
      };
    },
  },
];
