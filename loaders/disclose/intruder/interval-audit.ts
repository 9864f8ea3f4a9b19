/**
 * The interval audit: for every suppressed cell, the smallest and largest count that fits every
 * published figure of its population (one LP model per population; only the objective changes), and
 * for every (subset, superset) pair of published, unsuppressed figures the model relates, the range
 * of their difference.
 *
 * A suppressed cell fails when its interval is narrower than its rule protects: max − min <
 * threshold − 1 (people, threshold 7: it must stay open over at least 1–7; organisations, threshold 2:
 * it must not be pinned to one value). A difference fails when it is forced into 1..threshold (base −
 * option count of 1 organisation, Total − cell of 1 to 7 people). Bounds are those of the LP
 * relaxation, rounded inwards to whole numbers: a whole-number intruder may do better, never worse.
 */
import type { DisclosurePolicy } from "../policy.ts";
import { LinearProgram, type SolveResult } from "./lp.ts";
import { buildPopulation, describeKey, type ModelCell, type PopulationModel } from "./population.ts";
import type { AggregateTable, Release } from "./release.ts";
import type { Highs } from "highs";
import type { IntruderFinding } from "./types.ts";

export interface IntervalAuditResult {
  findings: IntruderFinding[];
  cellsAudited: number;
  narrowest: { cell: string; resources: string[]; interval: [number, number] } | null;
}

const EPS = 1e-6;

/** Groups the tables by population and audits each. */
export function auditIntervals(highs: Highs, release: Release, policy: DisclosurePolicy): IntervalAuditResult {
  const overlapping = overlappingDimensions(release);
  const byPopulation = new Map<string, AggregateTable[]>();
  for (const t of release.tables) {
    if (t.counts.size === 0 || !t.rows.some((r) => [...t.counts.keys()].some((m) => m in r))) continue;
    byPopulation.set(t.population, [...(byPopulation.get(t.population) ?? []), t]);
  }
  const result: IntervalAuditResult = { findings: [], cellsAudited: 0, narrowest: null };
  for (const [population, tables] of [...byPopulation].sort(([a], [b]) => a.localeCompare(b))) {
    for (const t of tables) {
      if (t.declaredPopulation) continue;
      result.findings.push({
        code: "missing-population",
        message: `${t.resource}: declares no population, so it was audited alone and not against the tables it shares units with; add "population" (and "additive", "counts") to the table's metadata.`,
        resources: [t.resource],
      });
    }
    auditPopulation(highs, buildPopulation(population, tables, policy, overlapping), policy, result);
  }
  return result;
}

/**
 * A dimension of a table declared not additive overlaps (one unit in several values) when the dataset's
 * microdata shows it does (a list field, or a subject with several values), or when there is no
 * microdata to tell.
 */
function overlappingDimensions(release: Release): (table: AggregateTable, dimension: string) => boolean {
  const cache = new Map<string, boolean>();
  return (table, dimension) => {
    const id = `${table.dataset}\u0000${dimension}`;
    let answer = cache.get(id);
    if (answer === undefined) {
      const micro = release.microdata.find((m) => m.dataset === table.dataset);
      const field = micro?.fields.find((f) => f.name === dimension);
      if (micro === undefined || field === undefined) answer = true;
      else if (field.type === "list") answer = true;
      else if (micro.subject === undefined) answer = false;
      else {
        // Values compared by their codes: equal codes, equal values.
        const seen = new Map<string, number>();
        answer = false;
        for (let row = 0; row < micro.columns.length; row++) {
          const s = String(micro.columns.value(row, micro.subject));
          const v = micro.columns.code(row, dimension);
          if (seen.has(s) && seen.get(s) !== v) {
            answer = true;
            break;
          }
          seen.set(s, v);
        }
      }
      cache.set(id, answer);
    }
    return answer;
  };
}

function resourcesOf(cell: ModelCell): string[] {
  return cell.publications.map((p) => p.table.resource);
}

const unique = (xs: string[]): string[] => [...new Set(xs)].sort();

function auditPopulation(highs: Highs, model: PopulationModel, policy: DisclosurePolicy, result: IntervalAuditResult): void {
  const tablesOf = unique(model.tables.map((t) => t.resource));
  const name = model.population.startsWith("table:") ? `of ${model.tables[0]!.resource}` : `of population "${model.population}"`;
  if (model.conflicts.length > 0) {
    const cell = model.conflicts[0]!;
    result.findings.push({
      code: "inconsistent-tables",
      message: `${tablesOf.join(", ")}: the cell "${describeKey(cell)}" is published as ${cell.publications.map((p) => `${p.shown} in ${p.table.resource}`).join(" and ")}, which no count fits under the rules (threshold, rounding, zeros shown); the tables ${name} do not count the same units as declared, or a figure was not protected: check their population and counts metadata and the figure.`,
      resources: unique(resourcesOf(cell)),
      population: model.population,
      cell: describeKey(cell),
    });
    return;
  }
  const lp = new LinearProgram(
    highs,
    model.cells.map((c) => c.lo),
    model.cells.map((c) => c.hi),
    model.rows,
  );
  try {
    if (lp.solve([], "min").status === "infeasible") {
      result.findings.push({
        code: "inconsistent-tables",
        message: `${tablesOf.join(", ")}: no set of counts fits every published figure of the tables ${name} (their totals, subsets and hierarchies contradict each other); check the population, additive, counts and hierarchy metadata.`,
        resources: tablesOf,
        population: model.population,
      });
      return;
    }
    const threshold = policy[model.level].threshold;
    const range = new Map<number, [number, number]>();
    const explain = new Map<number, Set<string>>();
    const bounds = (cell: ModelCell): [number, number] => {
      let r = range.get(cell.index);
      if (r === undefined) {
        const lo = lp.solve([[cell.index, 1]], "min", { duals: true });
        const hi = lp.solve([[cell.index, 1]], "max", { duals: true });
        r = [Math.ceil(lo.value - EPS), hi.status === "unbounded" ? Infinity : Math.floor(hi.value + EPS)];
        range.set(cell.index, r);
        explain.set(cell.index, new Set([...binding(model, lo), ...binding(model, hi)]));
      }
      return r;
    };

    for (const cell of model.cells) {
      if (!cell.publications.some((p) => p.published.suppressed)) continue;
      result.cellsAudited++;
      const [lo, hi] = bounds(cell);
      const resources = unique([...resourcesOf(cell), ...(explain.get(cell.index) ?? [])]);
      const width = hi - lo;
      if (result.narrowest === null || width < result.narrowest.interval[1] - result.narrowest.interval[0]) {
        const own = cell.publications.find((p) => p.published.suppressed)!;
        result.narrowest = { cell: `${own.table.resource}: ${own.label}`, resources, interval: [lo, hi] };
      }
      if (width >= threshold - 1) continue;
      const own = cell.publications.find((p) => p.published.suppressed)!;
      result.findings.push({
        code: "narrow-interval",
        message: `${own.table.resource}: the suppressed cell "${own.label}" ${lo === hi ? `is exactly ${lo}` : `lies between ${lo} and ${hi}`} once the tables ${name} are combined (${resources.join(", ")}); a suppressed count must stay open over at least 1–${threshold}: suppress more cells in the groups that pin it, or drop or coarsen one of these tables.`,
        resources,
        population: model.population,
        cell: own.label,
        interval: [lo, hi],
      });
    }

    const box = (cell: ModelCell): [number, number] => {
      const published = Number.isFinite(cell.hi) && cell.publications.length > 0;
      return published ? [cell.lo, cell.hi] : bounds(cell);
    };
    for (const pair of model.complements) {
      const sub = model.cells[pair.sub]!;
      const sup = model.cells[pair.sup]!;
      // A published complement: both figures shown (a suppressed one is audited above).
      const shown = (c: ModelCell): boolean => c.publications.length > 0 && !c.publications.some((p) => p.published.suppressed);
      if (!shown(sub) || !shown(sup) || sub.hi === 0) continue;
      const [subLo, subHi] = box(sub);
      const [supLo, supHi] = box(sup);
      let lo = Math.max(0, supLo - subHi);
      let hi = supHi - subLo;
      if (hi < 1 || lo > threshold) continue;
      let why: string[] = [];
      if (!(lo >= 1 && hi <= threshold)) {
        const min = lp.solve([[sup.index, 1], [sub.index, -1]], "min", { duals: true });
        const max = lp.solve([[sup.index, 1], [sub.index, -1]], "max", { duals: true });
        lo = Math.max(lo, Math.ceil(min.value - EPS));
        hi = max.status === "unbounded" ? hi : Math.min(hi, Math.floor(max.value + EPS));
        if (!(lo >= 1 && hi <= threshold)) continue;
        why = [...binding(model, min), ...binding(model, max)];
      }
      const resources = unique([...resourcesOf(sub), ...resourcesOf(sup), ...why]);
      const subject = model.level === "organisation" ? "organisations" : "people";
      result.findings.push({
        code: "small-complement",
        message: `${(sup.publications[0] ?? sub.publications[0])!.table.resource}: "${describeKey(sup)}" minus "${describeKey(sub)}" ${lo === hi ? `is exactly ${lo}` : `lies between ${lo} and ${hi}`} in the tables ${name} (${resources.join(", ")}): the ${subject} in the difference are singled out by subtraction; suppress the cell and another in its group, or publish the pair at a level where the difference is 0 or above ${threshold}.`,
        resources,
        population: model.population,
        cell: describeKey(sub),
        interval: [lo, hi],
      });
    }
  } finally {
    lp.dispose();
  }
}

/** The tables whose figures hold the optimum where it is (non-zero duals). */
function binding(model: PopulationModel, solved: SolveResult): string[] {
  const out: string[] = [];
  if (solved.rowDual) solved.rowDual.forEach((d, i) => {
    if (Math.abs(d) > EPS) {
      const source = model.rows[i]?.source;
      if (source) out.push(source.resource);
    }
  });
  if (solved.colDual) solved.colDual.forEach((d, j) => {
    if (Math.abs(d) > EPS) for (const p of model.cells[j]?.publications ?? []) out.push(p.table.resource);
  });
  return out;
}
