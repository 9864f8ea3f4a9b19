/**
 * Re-attachment: microdata publishes a field generalised ("UK" for every region) while tables of the
 * same dataset show it in full. The intruder groups the microdata's units into classes by what the
 * tables can see of them (the set of their rows' values on the tables' other dimensions, and the
 * generalised value they carry), and solves for how many units of each class hold each detailed value:
 * x[class, value] ≥ 0 whole, Σ_value x = class size, and every table cell involving the field is the sum
 * of the matching classes, within its published interval. A class is re-attached (its records forced)
 * when every whole-number solution puts all of it on one value.
 *
 * Method: one feasible whole-number solution; for each class it keeps on one value, the LP relaxation
 * first (if not even a fraction of a unit can move, it is forced); then whole-number programmes that
 * try to move as many of the remaining classes as possible at once, until none can move (all forced)
 * or the time budget runs out (reported as `solver-limit`, so the build does not pass silently).
 * When the tables count units the microdata does not hold, each cell gets a slack for them.
 */
import type { Highs } from "highs";
import type { DisclosurePolicy } from "../policy.ts";
import { cellPairs, keyOf, publishedInterval, type Pair } from "./cells.ts";
import { LinearProgram, type LinearRow } from "./lp.ts";
import type { AggregateTable, Microdata, MicrodataField, Release } from "./release.ts";
import type { IntruderFinding } from "./types.ts";
import { countMatching, FieldValues, rowHas, unitsOf, type Row } from "./units.ts";

export interface ReattachResult {
  findings: IntruderFinding[];
  recordsForced: number;
}

export interface ReattachOptions {
  /** Seconds the whole re-attachment may take (all fields of all datasets). */
  timeLimit: number;
}

interface Cell {
  rest: Pair[];
  value: string;
  lo: number;
  hi: number;
  resources: Set<string>;
}

interface Class {
  size: number;
  /** The unit's rows, cut to the tables' other dimensions. */
  rows: Row[];
  allowed: string[];
  /** Column of x[class, allowed[i]]. */
  columns: number[];
}

export function reattach(highs: Highs, release: Release, policy: DisclosurePolicy, options: ReattachOptions): ReattachResult {
  const result: ReattachResult = { findings: [], recordsForced: 0 };
  const deadline = Date.now() + options.timeLimit * 1000;
  for (const micro of release.microdata) {
    for (const field of micro.fields.filter((f) => f.generalisedTo !== undefined)) {
      reattachField(highs, release, micro, field, policy, deadline, result);
    }
  }
  return result;
}

function reattachField(highs: Highs, release: Release, micro: Microdata, field: MicrodataField, policy: DisclosurePolicy, deadline: number, result: ReattachResult): void {
  const g = field.name;
  const values = new FieldValues(micro);
  const units = unitsOf(micro);
  const rowOf = (row: number, fields: readonly string[]): Row => Object.fromEntries(fields.map((d) => [d, micro.columns.value(row, d)]));
  const cells = new Map<string, Cell>();
  for (const table of release.tables.filter((t) => t.dataset === micro.dataset && t.dimensions.includes(g))) {
    if (countsSubset(table, g, micro, values, policy)) continue;
    for (const row of table.rows) {
      for (const measure of table.counts.keys()) {
        if (!(measure in row)) continue;
        const pairs = cellPairs(table, row, measure);
        const own = pairs.find(([d]) => d === g);
        const rest = pairs.filter(([d]) => d !== g);
        if (own === undefined || !values.comparable(rest)) continue;
        const interval = publishedInterval(row[measure], policy[table.level]);
        if (interval === undefined) continue;
        const id = keyOf(pairs);
        const cell = cells.get(id) ?? { rest, value: own[1], lo: 0, hi: Infinity, resources: new Set<string>() };
        cell.lo = Math.max(cell.lo, interval.lo);
        cell.hi = Math.min(cell.hi, interval.hi);
        cell.resources.add(table.resource);
        cells.set(id, cell);
      }
    }
  }
  if (cells.size === 0) return;
  const fine = [...new Set([...cells.values()].map((c) => c.value))].sort();
  const dims = [...new Set([...cells.values()].flatMap((c) => c.rest.map(([d]) => d)))].sort();

  const classes = new Map<string, Class>();
  const read = [...dims, g];
  for (let u = 0; u < units.count; u++) {
    const unitRows = [...units.rows.subarray(units.starts[u]!, units.starts[u + 1]!)].map((row) => rowOf(row, read));
    const cut = unitRows.map((row) => Object.fromEntries(dims.map((d) => [d, Array.isArray(row[d]) ? [...(row[d] as string[])].sort() : row[d] ?? null])) as Row);
    const distinct = [...new Map(cut.map((r) => [JSON.stringify(r), r])).entries()].sort(([a], [b]) => a.localeCompare(b));
    const published = unitRows.map((r) => r[g]).find((v): v is string => typeof v === "string");
    const allowed = allowedValues(field, published, fine);
    const id = JSON.stringify([distinct.map(([k]) => k), allowed]);
    const c = classes.get(id) ?? { size: 0, rows: distinct.map(([, r]) => r), allowed, columns: [] };
    c.size++;
    classes.set(id, c);
  }
  const list = [...classes.values()].filter((c) => c.allowed.length > 0);
  let columns = 0;
  for (const c of list) c.columns = c.allowed.map(() => columns++);
  const cellList = [...cells.values()];
  const unitsCounted = list.reduce((n, c) => n + c.size, 0);
  const unit = micro.level === "organisation" ? "organisations" : "people";
  const resources = [micro.resource, ...new Set(cellList.flatMap((c) => [...c.resources]))].sort();

  const build = (slack: boolean, integer: boolean): LinearProgram => {
    const rows: LinearRow[] = list.map((c) => ({ indices: c.columns, values: c.columns.map(() => 1), lo: c.size, hi: c.size }));
    cellList.forEach((cell, i) => {
      const indices: number[] = [];
      for (const c of list) {
        const at = c.allowed.indexOf(cell.value);
        if (at >= 0 && c.rows.some((r) => cell.rest.every(([d, v]) => rowHas(r, d, v)))) indices.push(c.columns[at]!);
      }
      if (slack) indices.push(columns + i);
      rows.push({ indices, values: indices.map(() => 1), lo: cell.lo, hi: cell.hi });
    });
    const n = columns + (slack ? cellList.length : 0);
    return new LinearProgram(highs, new Array<number>(n).fill(0), new Array<number>(n).fill(Infinity), rows, { integer });
  };

  let slack = false;
  let lp = build(false, false);
  if (lp.solve([], "min").status === "infeasible") {
    lp.dispose();
    slack = true;
    lp = build(true, false);
    if (lp.solve([], "min").status === "infeasible") {
      lp.dispose();
      return;
    }
  }
  const mip = build(slack, true);
  const undecided = (count: number, forced: number): void => {
    result.findings.push({
      code: "solver-limit",
      message: `${micro.resource}: the re-attachment programme for ${g} stopped at its time limit with ${count} ${unit} undecided (${forced} forced so far); the release is not shown safe: give the intruder more time or publish the tables by ${g} less finely.`,
      resources,
      population: micro.dataset,
    });
  };
  try {
    const remaining = (): number => (deadline - Date.now()) / 1000;
    if (remaining() <= 0) return undecided(unitsCounted, 0);
    mip.setTimeLimit(remaining());
    const reference = mip.solve([], "min");
    if (reference.colValue === undefined) {
      if (reference.status === "time-limit") undecided(unitsCounted, 0);
      return;
    }
    // Classes the reference solution keeps on one value: candidates for being forced.
    let candidates = list.flatMap((c) => {
      if (c.allowed.length < 2) return [];
      const at = c.columns.findIndex((col) => reference.colValue![col]! > c.size - 0.5);
      return at < 0 ? [] : [{ c, column: c.columns[at]! }];
    });
    const forced: typeof candidates = [];
    candidates = candidates.filter((cand) => {
      const others = cand.c.columns.filter((col) => col !== cand.column).map((col) => [col, 1] as [number, number]);
      const moved = lp.solve(others, "max");
      if (moved.status === "optimal" && moved.value < 1 - 1e-6) {
        forced.push(cand);
        return false;
      }
      return true;
    });
    while (candidates.length > 0) {
      if (remaining() <= 0) {
        undecided(candidates.reduce((n, x) => n + x.c.size, 0), forced.reduce((n, x) => n + x.c.size, 0));
        break;
      }
      mip.setTimeLimit(remaining());
      const tried = mip.solve(candidates.map((x) => [x.column, 1]), "min");
      if (tried.colValue === undefined) {
        undecided(candidates.reduce((n, x) => n + x.c.size, 0), forced.reduce((n, x) => n + x.c.size, 0));
        break;
      }
      const stay = candidates.filter((x) => tried.colValue![x.column]! > x.c.size - 0.5);
      if (stay.length === candidates.length) {
        if (tried.status === "optimal") forced.push(...stay);
        else undecided(stay.reduce((n, x) => n + x.c.size, 0), forced.reduce((n, x) => n + x.c.size, 0));
        break;
      }
      candidates = stay;
    }
    const count = forced.reduce((n, x) => n + x.c.size, 0);
    result.recordsForced += count;
    if (count > 0) {
      result.findings.push({
        code: "re-attached",
        message: `${micro.resource}: the tables by ${g} (${resources.filter((r) => r !== micro.resource).join(", ")}) give back ${g} for ${count} of ${unitsCounted} ${unit} that the microdata publishes as "${field.generalisedTo}"${slack ? " (even allowing for units the microdata does not hold)" : ""}; publish these tables no finer than the microdata, or suppress their cells by ${g}.`,
        resources,
        population: micro.dataset,
        interval: [count, count],
      });
    }
  } finally {
    lp.dispose();
    mip.dispose();
  }
}

/**
 * A table some of whose cells without the generalised field count fewer units than the microdata
 * holds counts a subset of the units (people who answered one question): its cells are not sums over
 * the microdata's classes, so it is left out.
 */
function countsSubset(table: AggregateTable, g: string, micro: Microdata, values: FieldValues, policy: DisclosurePolicy): boolean {
  for (const row of table.rows) {
    for (const measure of table.counts.keys()) {
      if (!(measure in row)) continue;
      const pairs = cellPairs(table, row, measure);
      if (pairs.some(([d]) => d === g) || !values.comparable(pairs)) continue;
      const interval = publishedInterval(row[measure], policy[table.level]);
      if (interval !== undefined && countMatching(micro, pairs) > interval.hi) return true;
    }
  }
  return false;
}

/** Detailed values a unit published as `published` can hold: itself, its children in the field's hierarchy, or (top level) any. */
function allowedValues(field: MicrodataField, published: string | undefined, fine: string[]): string[] {
  if (published === undefined) return fine;
  if (fine.includes(published)) return [published];
  const within = fine.filter((f) => {
    let v: string | undefined = f;
    for (const map of field.hierarchyMaps) {
      v = v === undefined ? undefined : map.get(v);
      if (v === published) return true;
    }
    return false;
  });
  return within.length > 0 ? within : fine;
}
