/**
 * A thin frame around HiGHS (the `highs` package, WebAssembly, loaded once from `node_modules`): one
 * persistent model per linear programme, whose objective (and a few bounds) change between solves so
 * HiGHS can start from the last basis.
 */
import * as highsModule from "highs";
import type { Highs, Model } from "highs";

// The package's types describe its CommonJS build; under ESM the loader is the module's default export.
const loadHighs = highsModule.default as unknown as () => Promise<Highs>;
let runtime: Promise<Highs> | undefined;

/** The HiGHS runtime, loaded on first use. */
export function loadSolver(): Promise<Highs> {
  runtime ??= loadHighs();
  return runtime;
}

/** `lo ≤ Σ values[i] · x[indices[i]] ≤ hi`. */
export interface LinearRow {
  indices: number[];
  values: number[];
  lo: number;
  hi: number;
}

export type SolveStatus = "optimal" | "infeasible" | "unbounded" | "time-limit" | "failed";

export interface SolveResult {
  status: SolveStatus;
  /** The objective at the optimum (±Infinity when unbounded). */
  value: number;
  colValue?: Float64Array;
  rowDual?: Float64Array;
  colDual?: Float64Array;
}

export class LinearProgram {
  readonly #highs: Highs;
  readonly #model: Model;
  readonly #columns: number;
  #cost: Map<number, number> = new Map();

  /** `integer` makes every column an integer (a MIP); `timeLimit` is in seconds per solve. */
  constructor(highs: Highs, lower: number[], upper: number[], rows: LinearRow[], options: { integer?: boolean; timeLimit?: number } = {}) {
    this.#highs = highs;
    this.#columns = lower.length;
    const starts = [0];
    const indices: number[] = [];
    const values: number[] = [];
    for (const row of rows) {
      indices.push(...row.indices);
      values.push(...row.values);
      starts.push(indices.length);
    }
    const inf = (v: number): number => (v === Infinity ? highs.infinity : v === -Infinity ? -highs.infinity : v);
    this.#model = highs.createModel({
      numCols: lower.length,
      numRows: rows.length,
      colCost: new Float64Array(lower.length),
      colLower: lower.map(inf),
      colUpper: upper.map(inf),
      rowLower: rows.map((r) => inf(r.lo)),
      rowUpper: rows.map((r) => inf(r.hi)),
      matrix: { format: "csr", numRows: rows.length, numCols: lower.length, starts: new Int32Array(starts), indices: new Int32Array(indices), values: new Float64Array(values) },
      ...(options.integer ? { integrality: new Int32Array(lower.length).fill(highs.constants.variableType.integer) } : {}),
    });
    this.#model.options.set({ output_flag: false });
    if (options.timeLimit !== undefined) this.#model.options.set({ time_limit: options.timeLimit });
  }

  get columns(): number {
    return this.#columns;
  }

  /** Seconds each later solve may take. */
  setTimeLimit(seconds: number): void {
    this.#model.options.set({ time_limit: Math.max(0.01, seconds) });
  }

  setBounds(column: number, lo: number, hi: number): void {
    const inf = this.#highs.infinity;
    this.#model.changeColBounds(column, lo === -Infinity ? -inf : lo, hi === Infinity ? inf : hi);
  }

  /** Minimises or maximises `Σ coef · x[column]`; an empty objective asks only for a feasible point. */
  solve(objective: [number, number][], sense: "min" | "max", want: { duals?: boolean } = {}): SolveResult {
    const next = new Map(objective);
    for (const column of this.#cost.keys()) if (!next.has(column)) this.#model.changeColCost(column, 0);
    for (const [column, coef] of next) if (this.#cost.get(column) !== coef) this.#model.changeColCost(column, coef);
    this.#cost = next;
    const { objectiveSense, modelStatus } = this.#highs.constants;
    this.#model.changeObjectiveSense(sense === "min" ? objectiveSense.minimize : objectiveSense.maximize);
    try {
      this.#model.run();
    } catch {
      return { status: "failed", value: NaN };
    }
    const status = this.#model.getModelStatus();
    if (status === modelStatus.optimal || (status === modelStatus.empty && objective.length === 0)) {
      const solution = this.#model.getSolution();
      return { status: "optimal", value: this.#model.getObjectiveValue(), colValue: solution.colValue, ...(want.duals ? { rowDual: solution.rowDual, colDual: solution.colDual } : {}) };
    }
    if (status === modelStatus.infeasible) return { status: "infeasible", value: NaN };
    if (status === modelStatus.unbounded) return { status: "unbounded", value: sense === "min" ? -Infinity : Infinity };
    if (status === modelStatus.unboundedOrInfeasible) return { status: objective.length === 0 ? "infeasible" : "unbounded", value: sense === "min" ? -Infinity : Infinity };
    if (status === modelStatus.timeLimit || status === modelStatus.interrupted || status === modelStatus.iterationLimit) {
      // A MIP stopped early may still hold a feasible point (primal_solution_status 2).
      const feasible = Number(this.#model.info.get("primal_solution_status")) === 2;
      return { status: "time-limit", value: NaN, ...(feasible ? { colValue: this.#model.getSolution().colValue } : {}) };
    }
    return { status: "failed", value: NaN };
  }

  dispose(): void {
    this.#model.dispose();
  }
}
