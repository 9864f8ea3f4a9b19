/**
 * k-anonymity for published microdata: generalise quasi-identifiers along their hierarchies and remove
 * the few records left in rare combinations, so that every combination is shared by at least k people
 * (or organisations).
 *
 * The search (a full-domain generalisation with local suppression, as in ARX and sdcMicro):
 * - A *node* of the lattice gives each quasi field a level: 0 is the value as collected, level L applies
 *   the schema's hierarchy levels 1..L in turn (each level maps the previous level's value through `map`,
 *   falling back to `otherwise`, else leaving it as it is). Null is never mapped: it stays null at every
 *   level and forms its own class.
 * - A node is *feasible* when the records in classes smaller than k are at most `maxSuppressionShare` of
 *   all records; those records are then removed whole (local suppression = deleting the record, not
 *   blanking cells, so no half-record hints at a rare combination).
 * - Among feasible nodes we take the one with the least *information loss*: the mean over fields of
 *   `weight × level / levels in the hierarchy` (normalised generalisation height, Sweeney's "Prec"),
 *   0 when nothing is generalised, 1 when every field is at its coarsest level. Ties go to the node that
 *   suppresses fewer records, then to the node that keeps the earlier fields of `quasi` finer — so list
 *   the field the charts need most first.
 * - When no node is feasible, the coarsest node is used and every record in a class smaller than k is
 *   removed however many that is, and `feasible` is false: the output is still k-anonymous, and the
 *   build should stop and say why (`message`).
 *
 * Longitudinal data (`subject` given): a record is a person, not a row. Class sizes count distinct
 * subjects, the suppression share is a share of subjects, and suppressing a subject removes all its
 * rows. Quasi values must be constant per subject; where they are not, every row of the subject takes
 * the values of the subject's first row (counted in `inconsistentSubjects`). Rows with a null subject
 * each count as a subject of their own.
 *
 * Speed: values are encoded once as small integers per field; rows collapse to distinct combinations of
 * codes with their record counts; each node then only re-codes the distinct combinations through
 * per-level lookup tables. Nodes are visited in order of information loss and the search stops at the
 * first loss with a feasible node, so most of the lattice is never evaluated.
 */
import type { HierarchyLevel } from "../schema.ts";
import type { TableSchema } from "../schema.ts";
import { PipelineError } from "../types.ts";

export interface QuasiIdentifier {
  field: string;
  /** Generalisation levels from finest to coarsest; level L of the search applies levels 1..L. */
  hierarchy: HierarchyLevel[];
  /** How much generalising this field costs relative to others (default 1). */
  weight?: number;
}

export interface KAnonymityOptions {
  quasi: QuasiIdentifier[];
  k: number;
  /** Share (0–1) of records — of subjects for longitudinal data — that local suppression may remove. */
  maxSuppressionShare: number;
  /** The field naming the person in longitudinal data. */
  subject?: string;
  /**
   * Write generalised values into the given rows instead of copying them: for callers that own the
   * rows and will not read them again (saves one object per row on large exports).
   */
  inPlace?: boolean;
  /**
   * How many records each row stands for, for callers that hold the distinct combinations of quasi
   * values with their counts rather than one row per record (not with `subject`). Every figure is
   * then as for the rows repeated that many times; `rows` has one row per combination kept.
   * @example kAnonymise([{ region: "Wales" }, { region: "London" }], { quasi, k: 10, maxSuppressionShare: 0.05, counts: [12, 40] })
   */
  counts?: readonly number[];
}

/** Re-identification risk (prosecutor model: a record's risk is 1 / the size of its class). */
export interface RiskFigures {
  /** Records (subjects) in classes smaller than k. */
  recordsAtRisk: number;
  /** 1 / the smallest class size (0 when there are no records). */
  highestRisk: number;
  /** Mean risk over records (= classes / records). */
  averageRisk: number;
  /** Number of distinct combinations of quasi values. */
  classes: number;
}

export interface KAnonymityResult<T extends Record<string, unknown>> {
  /** The published rows, in input order: quasi fields generalised, suppressed records removed. */
  rows: T[];
  /** False when even the coarsest node needed more suppression than allowed (see `message`). */
  feasible: boolean;
  message?: string;
  /** The chosen level of each quasi field, with the level's name (level 0 is "as collected"). */
  levels: Record<string, { level: number; name: string }>;
  /** Removed rows, and removed subjects (equal to rows when there is no subject field). */
  suppressed: { rows: number; subjects: number };
  /** The k achieved: the smallest class size in the output (0 when nothing is left). */
  k: number;
  /** At the chosen node: `recordsAtRisk` before suppression (they are the suppressed ones), the rest on the output. */
  risk: RiskFigures;
  /** On the raw quasi values, before generalisation and suppression. */
  before: RiskFigures;
  /** Information loss of the chosen node, 0–1 (see the module comment). */
  informationLoss: number;
  /** What "records" means in the figures above. */
  unit: "rows" | "subjects";
  /** Subjects whose quasi values varied between rows and were set to those of their first row. */
  inconsistentSubjects: number;
  /** How many lattice nodes were evaluated, and how many there are. */
  search: { evaluated: number; nodes: number };
}

export const LEVEL_ZERO_NAME = "as collected";
const MAX_NODES = 1_000_000;

/** The quasi-identifiers of a schema, in schema order, ready for `kAnonymise`. */
export function quasiIdentifiers(schema: TableSchema): QuasiIdentifier[] {
  return schema.fields.filter((f) => f.lero.role === "quasi").map((f) => ({ field: f.name, hierarchy: f.lero.hierarchy ?? [] }));
}

export function kAnonymise<T extends Record<string, unknown>>(rows: readonly T[], options: KAnonymityOptions): KAnonymityResult<T> {
  checkOptions(options);
  const { quasi, subject } = options;
  const n = rows.length;
  if (options.counts !== undefined && options.counts.length !== n) {
    throw new PipelineError("schema-error", `k-anonymity options are not valid: ${options.counts.length} counts were given for ${n} rows.`);
  }

  // 1. Encode each quasi field's values as small integers; code 0 is null.
  const encoded = quasi.map((q) => encodeField(rows, q.field));

  // 2. Records: subjects (or rows). Make quasi codes constant per subject.
  const { unitOfRow, units, inconsistentSubjects } = subject === undefined ? rowUnits(n) : subjectUnits(rows, subject, encoded);

  // 3–5. Combinations, the lattice and the search.
  const found = search(encoded, unitOfRow, units, options);

  // 6. Build the output.
  const { node, base, keep, ladders } = found;
  const outputValues = quasi.map((q, f) => levelValues(encoded[f]!, ladders[f]!, node[f]!));
  const out: T[] = [];
  let suppressedRows = 0;
  for (let i = 0; i < n; i++) {
    const combination = base.ofUnit[unitOfRow[i]!]!;
    if (keep[combination] === 0) {
      suppressedRows++;
      continue;
    }
    const row = rows[i]!;
    let copy: Record<string, unknown> | undefined;
    for (let f = 0; f < quasi.length; f++) {
      const field = quasi[f]!.field;
      const value = outputValues[f]![base.codes[f]![combination]!];
      if (row[field] === value) continue;
      copy ??= options.inPlace === true ? row : { ...row };
      copy[field] = value;
    }
    out.push((copy ?? row) as T);
  }
  return withRows(out, found.result, suppressedRows, inconsistentSubjects);
}

/**
 * Distinct combinations of quasi values, already encoded as codes per field, with how many records
 * each stands for: for callers that count the combinations where the records are (the fast path,
 * in DuckDB) and so never hold one object per combination.
 */
export interface EncodedCombinations {
  /** Per quasi field, in `quasi` order: the value of each code, code 0 being null. */
  values: (string | null)[][];
  /** Per quasi field, in `quasi` order: each combination's code. */
  codes: Int32Array[];
  /** Records each combination stands for (whole numbers of at least 1). */
  counts: readonly number[];
}

/**
 * `kAnonymise` over encoded combinations with their counts (as its `counts` option, without a subject):
 * the same search and figures, and which combinations are kept (`keep`, 1 or 0 per combination) in
 * place of the rows. `suppressed.rows` counts the combinations removed.
 */
export function kAnonymiseEncoded(combinations: EncodedCombinations, options: Omit<KAnonymityOptions, "subject" | "counts" | "inPlace">): Omit<KAnonymityResult<never>, "rows"> & { keep: Uint8Array } {
  const { values, codes, counts } = combinations;
  checkOptions({ ...options, counts });
  const n = counts.length;
  if (values.length !== options.quasi.length || codes.length !== options.quasi.length || codes.some((c) => c.length !== n)) {
    throw new PipelineError("schema-error", `k-anonymity options are not valid: the combinations need values and ${n} codes for each of the ${options.quasi.length} quasi-identifiers.`);
  }
  values.forEach((v, f) => {
    if (new Set(v).size !== v.length) throw new PipelineError("schema-error", `k-anonymity options are not valid: ${options.quasi[f]!.field} names a value by more than one code.`);
  });
  codes.forEach((column, f) => {
    for (const code of column) if (!(code >= 0 && code < values[f]!.length) || (code === 0) !== (values[f]![code] === null)) {
      throw new PipelineError("schema-error", `k-anonymity options are not valid: ${options.quasi[f]!.field} has code ${code}, which names no value (code 0 is null and only code 0).`);
    }
  });
  const encoded: EncodedField[] = values.map((v, f) => ({ codes: codes[f]!, values: v, originals: v }));
  const { unitOfRow, units } = rowUnits(n);
  const found = search(encoded, unitOfRow, units, { ...options, counts });
  let removed = 0;
  const keep = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    keep[i] = found.keep[found.base.ofUnit[i]!]!;
    if (keep[i] === 0) removed++;
  }
  const { rows: _, ...result } = withRows([], found.result, removed, 0);
  return { ...result, keep };
}

/** The result with its fields in `KAnonymityResult`'s order, so that reports written from it keep their bytes. */
function withRows<T extends Record<string, unknown>>(rows: T[], found: Found["result"], suppressedRows: number, inconsistentSubjects: number): KAnonymityResult<T> {
  const { feasible, message, levels, suppressed, k, risk, before, informationLoss, unit, search } = found;
  return {
    rows,
    feasible,
    ...(message === undefined ? {} : { message }),
    levels,
    suppressed: { rows: suppressedRows, subjects: suppressed.subjects },
    k,
    risk,
    before,
    informationLoss,
    unit,
    inconsistentSubjects,
    search,
  };
}

interface Found {
  node: number[];
  base: Base;
  ladders: Rung[][];
  /** Per combination: 1 when its class has at least k records. */
  keep: Uint8Array;
  result: Omit<KAnonymityResult<never>, "rows" | "inconsistentSubjects">;
}

/** Steps 3–5 of `kAnonymise`: combinations of level-0 codes, the lattice, the search and its figures. */
function search(encoded: EncodedField[], unitOfRow: Int32Array, units: number, options: KAnonymityOptions): Found {
  const { quasi, k, maxSuppressionShare, subject } = options;
  // 3. Collapse records to distinct combinations of level-0 codes.
  const base = combinations(unitOfRow, units, encoded, options.counts);
  const records = options.counts === undefined ? units : options.counts.reduce((total, count) => total + count, 0);

  // 4. Lookup tables: level-0 code → code at each level, per field.
  const ladders = quasi.map((q, f) => ladder(q, encoded[f]!.values));

  // 5. Search the lattice in order of information loss.
  const heights = ladders.map((l) => l.length - 1);
  const weights = quasi.map((q) => q.weight ?? 1);
  const nodes = latticeNodes(heights);
  const loss = (node: number[]): number => informationLoss(node, heights, weights);
  nodes.sort((a, b) => loss(a) - loss(b) || compareLevels(a, b));
  const allowed = maxSuppressionShare * records + 1e-9;
  let evaluated = 0;
  let raw: Classes | undefined;
  let chosen: { node: number[]; classes: Classes } | undefined;
  for (let i = 0; i < nodes.length && chosen === undefined; ) {
    const first = loss(nodes[i]!);
    let j = i;
    while (j < nodes.length && Math.abs(loss(nodes[j]!) - first) < 1e-9) j++;
    for (let m = i; m < j; m++) {
      const node = nodes[m]!;
      const classes = classify(node, base, ladders);
      if (evaluated === 0) raw = classes; // the first node is all zeros: the raw quasi values
      evaluated++;
      const atRisk = unitsBelow(classes, k);
      if (atRisk <= allowed && (chosen === undefined || atRisk < unitsBelow(chosen.classes, k))) chosen = { node, classes };
    }
    i = j;
  }
  let feasible = true;
  let message: string | undefined;
  if (chosen === undefined) {
    feasible = false;
    const top = heights.slice();
    chosen = { node: top, classes: classify(top, base, ladders) };
    evaluated++;
    const share = unitsBelow(chosen.classes, k) / Math.max(records, 1);
    message =
      `k = ${k} cannot be reached by suppressing at most ${percentText(maxSuppressionShare)} of ${subject === undefined ? "rows" : "subjects"}: ` +
      `even with every quasi-identifier at its coarsest level (${quasi.map((q, f) => `${q.field}: ${levelName(q, heights[f]!)}`).join(", ")}), ` +
      `${percentText(share)} would have to be removed. They have been removed; add a coarser hierarchy level or publish aggregates only.`;
  }

  const { node, classes } = chosen;
  const keep = new Uint8Array(base.count);
  for (let c = 0; c < base.count; c++) keep[c] = classes.size[classes.ofCombination[c]!]! >= k ? 1 : 0;
  const before = raw ?? classify(heights.map(() => 0), base, ladders);
  const { smallest, ...after } = riskOf(classes, k);
  const { smallest: _, ...rawRisk } = riskOf(before, 0);
  const levels: Record<string, { level: number; name: string }> = {};
  quasi.forEach((q, f) => (levels[q.field] = { level: node[f]!, name: levelName(q, node[f]!) }));
  const suppressedUnits = unitsBelow(classes, k);
  return {
    node,
    base,
    ladders,
    keep,
    result: {
      feasible,
      ...(message === undefined ? {} : { message }),
      levels,
      suppressed: { rows: 0, subjects: suppressedUnits },
      k: smallest,
      risk: { ...after, recordsAtRisk: suppressedUnits },
      before: { ...rawRisk, recordsAtRisk: unitsBelow(before, k) },
      informationLoss: loss(node),
      unit: subject === undefined ? "rows" : "subjects",
      search: { evaluated, nodes: nodes.length },
    },
  };
}

function checkOptions(options: KAnonymityOptions): void {
  const problems: string[] = [];
  if (!Number.isInteger(options.k) || options.k < 1) problems.push(`k must be a whole number of at least 1 (found ${options.k})`);
  const share = options.maxSuppressionShare;
  if (!(share >= 0 && share <= 1)) problems.push(`maxSuppressionShare must be from 0 to 1 (found ${share})`);
  const seen = new Set<string>();
  for (const q of options.quasi) {
    if (seen.has(q.field)) problems.push(`quasi-identifier "${q.field}" is listed twice`);
    seen.add(q.field);
    if (q.field === options.subject) problems.push(`"${q.field}" cannot be both the subject and a quasi-identifier`);
    if (q.weight !== undefined && !(q.weight > 0)) problems.push(`the weight of "${q.field}" must be more than 0`);
    q.hierarchy.forEach((level, i) => {
      if (typeof level.name !== "string" || level.name === "") problems.push(`hierarchy level ${i + 1} of "${q.field}" needs a name`);
    });
  }
  if (options.counts !== undefined) {
    if (options.subject !== undefined) problems.push("counts cannot be given with a subject (a row with a count stands for records, not a person's rows)");
    if (!options.counts.every((c) => Number.isInteger(c) && c >= 1)) problems.push("every count must be a whole number of at least 1");
  }
  if (problems.length > 0) throw new PipelineError("schema-error", `k-anonymity options are not valid: ${problems.join("; ")}.`);
}

interface EncodedField {
  /** Level-0 code per row. */
  codes: Int32Array;
  /** Code → the value's text (null for code 0). */
  values: (string | null)[];
  /** Code → the first raw value seen with that text, so unchanged values keep their type. */
  originals: unknown[];
}

function encodeField(rows: readonly Record<string, unknown>[], field: string): EncodedField {
  const codes = new Int32Array(rows.length);
  const values: (string | null)[] = [null];
  const originals: unknown[] = [null];
  const index = new Map<string, number>();
  for (let i = 0; i < rows.length; i++) {
    const raw = rows[i]![field];
    if (raw === null || raw === undefined) continue; // code 0
    const text = typeof raw === "string" ? raw : raw instanceof Date ? raw.toISOString() : String(raw);
    let code = index.get(text);
    if (code === undefined) {
      code = values.length;
      index.set(text, code);
      values.push(text);
      originals.push(raw);
    }
    codes[i] = code;
  }
  return { codes, values, originals };
}

interface Units {
  unitOfRow: Int32Array;
  units: number;
  inconsistentSubjects: number;
}

function rowUnits(n: number): Units {
  const unitOfRow = new Int32Array(n);
  for (let i = 0; i < n; i++) unitOfRow[i] = i;
  return { unitOfRow, units: n, inconsistentSubjects: 0 };
}

function subjectUnits(rows: readonly Record<string, unknown>[], subject: string, encoded: EncodedField[]): Units {
  const unitOfRow = new Int32Array(rows.length);
  const index = new Map<string, number>();
  const firstRow: number[] = [];
  const inconsistent = new Set<number>();
  for (let i = 0; i < rows.length; i++) {
    const raw = rows[i]![subject];
    let unit: number | undefined;
    if (raw !== null && raw !== undefined) {
      const key = String(raw);
      unit = index.get(key);
      if (unit === undefined) index.set(key, (unit = firstRow.length));
    }
    if (unit === undefined || unit === firstRow.length) {
      unit = firstRow.length;
      firstRow.push(i);
    }
    unitOfRow[i] = unit;
    const first = firstRow[unit]!;
    if (first === i) continue;
    for (const field of encoded) {
      if (field.codes[i] !== field.codes[first]) {
        inconsistent.add(unit);
        field.codes[i] = field.codes[first]!;
      }
    }
  }
  return { unitOfRow, units: firstRow.length, inconsistentSubjects: inconsistent.size };
}

/** Distinct combinations of level-0 codes over records. */
interface Base {
  count: number;
  /** Per field: combination → level-0 code. */
  codes: Int32Array[];
  /** Records per combination. */
  units: Float64Array;
  /** Record → combination. */
  ofUnit: Int32Array;
}

function combinations(unitOfRow: Int32Array, units: number, encoded: EncodedField[], weights?: readonly number[]): Base {
  // One representative row per record: rows of a subject share codes by now.
  const rowOfUnit = new Int32Array(units).fill(-1);
  for (let i = 0; i < unitOfRow.length; i++) if (rowOfUnit[unitOfRow[i]!] === -1) rowOfUnit[unitOfRow[i]!] = i;
  const cardinalities = encoded.map((e) => e.values.length);
  const product = cardinalities.reduce((p, c) => p * c, 1);
  const ofUnit = new Int32Array(units);
  const first: number[] = [];
  if (product <= Number.MAX_SAFE_INTEGER) {
    const keys = new Float64Array(units);
    encoded.forEach((field, f) => {
      const card = cardinalities[f]!;
      const codes = field.codes;
      for (let u = 0; u < units; u++) keys[u] = keys[u]! * card + codes[rowOfUnit[u]!]!;
    });
    const index = indexer(product);
    for (let u = 0; u < units; u++) {
      const c = index.index(keys[u]!);
      if (c === first.length) first.push(u);
      ofUnit[u] = c;
    }
    index.done();
  } else {
    const map = new Map<string, number>();
    for (let u = 0; u < units; u++) {
      const key = encoded.map((e) => e.codes[rowOfUnit[u]!]).join(",");
      let c = map.get(key);
      if (c === undefined) {
        map.set(key, (c = first.length));
        first.push(u);
      }
      ofUnit[u] = c;
    }
  }
  const count = first.length;
  const codes = encoded.map((e) => Int32Array.from(first, (u) => e.codes[rowOfUnit[u]!]!));
  const counts = new Float64Array(count);
  // With counts, units are rows (no subject), so a unit's weight is its row's count.
  for (let u = 0; u < units; u++) counts[ofUnit[u]!]! += weights?.[u] ?? 1;
  return { count, codes, units: counts, ofUnit };
}

/**
 * Gives each distinct packed key (an integer below `product`) a dense index 0, 1, 2, … in order of first
 * appearance: a typed-array lookup when the keys are small (one scratch array shared by all calls and
 * cleared after use), else a Map.
 */
const DENSE_LIMIT = 1 << 24;
let scratch = new Int32Array(0);

function indexer(product: number): { index(key: number): number; size(): number; done(): void } {
  let next = 0;
  if (product <= DENSE_LIMIT) {
    if (scratch.length < product) scratch = new Int32Array(Math.min(DENSE_LIMIT, Math.max(product, scratch.length * 2))).fill(-1);
    const table = scratch;
    const used: number[] = [];
    return {
      index(key) {
        let i = table[key]!;
        if (i === -1) {
          table[key] = i = next++;
          used.push(key);
        }
        return i;
      },
      size: () => next,
      done() {
        for (const key of used) table[key] = -1;
      },
    };
  }
  const map = new Map<number, number>();
  return {
    index(key) {
      let i = map.get(key);
      if (i === undefined) map.set(key, (i = next++));
      return i;
    },
    size: () => next,
    done() {},
  };
}

/** Per field and level: the level's values and, per level-0 code, the code at that level. */
interface Rung {
  name: string;
  values: (string | null)[];
  fromBase: Int32Array;
}

function ladder(q: QuasiIdentifier, baseValues: (string | null)[]): Rung[] {
  const rungs: Rung[] = [{ name: LEVEL_ZERO_NAME, values: baseValues, fromBase: Int32Array.from(baseValues, (_, i) => i) }];
  let current = baseValues.slice();
  q.hierarchy.forEach((level, l) => {
    current = current.map((v) => (v === null ? null : (level.map?.[v] ?? level.otherwise ?? v)));
    const values: (string | null)[] = [null];
    const index = new Map<string, number>();
    const fromBase = new Int32Array(baseValues.length);
    current.forEach((v, code) => {
      if (v === null) return;
      let c = index.get(v);
      if (c === undefined) {
        index.set(v, (c = values.length));
        values.push(v);
      }
      fromBase[code] = c;
    });
    rungs.push({ name: level.name || `level ${l + 1}`, values, fromBase });
  });
  return rungs;
}

/** The published value for each level-0 code at a level. */
function levelValues(field: EncodedField, rungs: Rung[], level: number): unknown[] {
  if (level === 0) return field.originals;
  const rung = rungs[level]!;
  return Array.from(rung.fromBase, (c) => rung.values[c]);
}

function levelName(q: QuasiIdentifier, level: number): string {
  return level === 0 ? LEVEL_ZERO_NAME : (q.hierarchy[level - 1]?.name ?? `level ${level}`);
}

interface Classes {
  /** Combination → class. */
  ofCombination: Int32Array;
  /** Class → records. */
  size: Float64Array;
}

function classify(node: number[], base: Base, ladders: Rung[][]): Classes {
  const rungs = node.map((level, f) => ladders[f]![level]!);
  const cardinalities = rungs.map((r) => r.values.length);
  const ofCombination = new Int32Array(base.count);
  const product = cardinalities.reduce((p, c) => p * c, 1);
  if (product <= Number.MAX_SAFE_INTEGER) {
    // Field by field over all combinations: tight loops over typed arrays.
    const keys = new Float64Array(base.count);
    rungs.forEach((rung, f) => {
      const from = rung.fromBase;
      const codes = base.codes[f]!;
      const card = cardinalities[f]!;
      for (let c = 0; c < keys.length; c++) keys[c] = keys[c]! * card + from[codes[c]!]!;
    });
    const index = indexer(product);
    for (let c = 0; c < keys.length; c++) ofCombination[c] = index.index(keys[c]!);
    index.done();
    return { ofCombination, size: sizes(ofCombination, base, index.size()) };
  }
  const map = new Map<string, number>();
  const row: number[] = new Array<number>(node.length);
  for (let c = 0; c < base.count; c++) {
    for (let f = 0; f < node.length; f++) row[f] = rungs[f]!.fromBase[base.codes[f]![c]!]!;
    const key = row.join(",");
    let cls = map.get(key);
    if (cls === undefined) map.set(key, (cls = map.size));
    ofCombination[c] = cls;
  }
  return { ofCombination, size: sizes(ofCombination, base, map.size) };
}

function sizes(ofCombination: Int32Array, base: Base, classes: number): Float64Array {
  const size = new Float64Array(classes);
  for (let c = 0; c < base.count; c++) size[ofCombination[c]!]! += base.units[c]!;
  return size;
}

function unitsBelow(classes: Classes, k: number): number {
  let total = 0;
  for (const size of classes.size) if (size < k) total += size;
  return total;
}

/** Risk figures over the classes of at least k records (all classes when k is 0). */
function riskOf(classes: Classes, k: number): Omit<RiskFigures, "recordsAtRisk"> & { smallest: number } {
  let records = 0;
  let count = 0;
  let smallest = Infinity;
  for (const size of classes.size) {
    if (size < k || size === 0) continue;
    records += size;
    count++;
    if (size < smallest) smallest = size;
  }
  if (records === 0) return { highestRisk: 0, averageRisk: 0, classes: 0, smallest: 0 };
  return { highestRisk: 1 / smallest, averageRisk: count / records, classes: count, smallest };
}

function latticeNodes(heights: number[]): number[][] {
  const total = heights.reduce((p, h) => p * (h + 1), 1);
  if (total > MAX_NODES) {
    throw new PipelineError("schema-error", `k-anonymity: the generalisation lattice has ${total} nodes (more than ${MAX_NODES}); use fewer quasi-identifiers or hierarchy levels.`);
  }
  const nodes: number[][] = [];
  const node = heights.map(() => 0);
  for (let i = 0; i < total; i++) {
    nodes.push(node.slice());
    for (let f = node.length - 1; f >= 0; f--) {
      if (node[f]! < heights[f]!) {
        node[f]!++;
        break;
      }
      node[f] = 0;
    }
  }
  return nodes;
}

/** Mean over generalisable fields of weight × level / height, divided by the mean weight: 0–1. */
export function informationLoss(node: readonly number[], heights: readonly number[], weights: readonly number[]): number {
  let loss = 0;
  let weight = 0;
  node.forEach((level, f) => {
    const height = heights[f]!;
    if (height === 0) return;
    loss += weights[f]! * (level / height);
    weight += weights[f]!;
  });
  return weight === 0 ? 0 : loss / weight;
}

/** Earlier fields finer first. */
function compareLevels(a: readonly number[], b: readonly number[]): number {
  for (let f = 0; f < a.length; f++) if (a[f] !== b[f]) return a[f]! - b[f]!;
  return 0;
}

function percentText(share: number): string {
  return `${Math.round(share * 1000) / 10}%`;
}
