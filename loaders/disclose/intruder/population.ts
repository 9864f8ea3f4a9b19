/**
 * One population's linear model: a variable per distinct cell key seen in any of its tables (plus the
 * sums the constraints imply), bounds from every published figure, and rows for what the metadata says
 * about how cells relate.
 *
 * Rows, each tagged with the table it comes from:
 * - additivity: along each dimension, the cells of the dimension's values add up to its Total cell
 *   (created when the table does not print it). In a table declared not additive, a dimension whose
 *   values overlap (a list field, or one a unit of the microdata holds several values of, or any
 *   dimension of a dataset without microdata) adds nothing but its cells' subset relation to the Total
 *   (a unit may hold several values, or none of those listed);
 * - subsets: a key with one more pair counts a subset of units (`enacted_count` ≤ `count`, a region's
 *   cell ≤ the Total), for every pair of keys in the model;
 * - base: each cell of a multi-select table ≤ its base ≤ the population;
 * - hierarchy: a cell keyed by parent = v is the sum of the cells keyed by each child value within v.
 * The same key in two tables is one variable, so its published intervals intersect.
 */
import type { DisclosurePolicy, Level } from "../policy.ts";
import { cellPairs, describeCell, keyOf, publishedInterval, type Pair, type Published } from "./cells.ts";
import type { LinearRow } from "./lp.ts";
import type { AggregateTable } from "./release.ts";

export interface Publication {
  table: AggregateTable;
  /** The cell as a reader sees it: `region=North East, setting=GP / count`. */
  label: string;
  /** The figure as printed (`10`, `[c]`). */
  shown: string;
  published: Published;
}

export interface ModelCell {
  index: number;
  key: string;
  pairs: Pair[];
  lo: number;
  hi: number;
  publications: Publication[];
}

export interface ModelRow extends LinearRow {
  /** The table whose metadata gave the row (undefined for subset rows, which hold in any population). */
  source?: AggregateTable;
}

/** A (subset, superset) pair whose difference a reader can work out. */
export interface Complement {
  sub: number;
  sup: number;
  source?: AggregateTable;
}

export interface PopulationModel {
  population: string;
  level: Level;
  tables: AggregateTable[];
  cells: ModelCell[];
  rows: ModelRow[];
  complements: Complement[];
  /** Cells whose published intervals do not meet (the same key published twice, differently). */
  conflicts: ModelCell[];
}

const BASE = " answered";

export function describeKey(cell: ModelCell): string {
  const first = cell.publications[0];
  if (first !== undefined) return first.label;
  const pairs = cell.pairs.filter(([d]) => d !== BASE);
  return `${pairs.length === 0 ? "Total" : pairs.map(([d, v]) => `${d}=${v}`).join(", ")} (implied)`;
}

export function buildPopulation(
  population: string,
  tables: AggregateTable[],
  policy: DisclosurePolicy,
  overlapping: (table: AggregateTable, dimension: string) => boolean,
): PopulationModel {
  const level = tables[0]!.level;
  const cells: ModelCell[] = [];
  const byKey = new Map<string, ModelCell>();
  const rows: ModelRow[] = [];
  const seenRows = new Set<string>();
  const complements: Complement[] = [];
  const seenPairs = new Set<string>();

  const hierarchies = new Map<string, { parent: string; map: Map<string, string>; source: AggregateTable }>();
  for (const t of tables) for (const [child, h] of t.hierarchy) if (!hierarchies.has(child)) hierarchies.set(child, { ...h, source: t });

  /** A child value implies its parent: drop the parent, or mark the cell empty when they disagree. */
  const normalise = (pairs: Pair[]): { pairs: Pair[]; empty: boolean } => {
    let out = pairs;
    let empty = false;
    for (const [child, h] of hierarchies) {
      const c = out.find(([d]) => d === child);
      const p = out.find(([d]) => d === h.parent);
      if (c === undefined || p === undefined) continue;
      if (h.map.get(c[1]) !== p[1]) empty = true;
      out = out.filter(([d]) => d !== h.parent);
    }
    return { pairs: out, empty };
  };
  const cellFor = (raw: Pair[]): ModelCell => {
    const { pairs, empty } = normalise(raw);
    const key = keyOf(pairs);
    let cell = byKey.get(key);
    if (cell === undefined) {
      cell = { index: cells.length, key, pairs: [...pairs].sort((a, b) => (a[0] < b[0] ? -1 : 1)), lo: 0, hi: Infinity, publications: [] };
      cells.push(cell);
      byKey.set(key, cell);
    }
    if (empty) cell.hi = 0;
    return cell;
  };
  const addRow = (row: ModelRow): void => {
    const signature = JSON.stringify([row.indices, row.values, row.lo, row.hi]);
    if (seenRows.has(signature)) return;
    seenRows.add(signature);
    rows.push(row);
  };
  const addComplement = (sub: ModelCell, sup: ModelCell, source?: AggregateTable): void => {
    if (sub === sup) return;
    const signature = `${sub.index} ${sup.index}`;
    if (seenPairs.has(signature)) return;
    seenPairs.add(signature);
    complements.push({ sub: sub.index, sup: sup.index, ...(source === undefined ? {} : { source }) });
  };

  // Published figures.
  for (const table of tables) {
    const rules = policy[table.level];
    const tableCells: ModelCell[] = [];
    for (const row of table.rows) {
      for (const measure of table.counts.keys()) {
        if (!(measure in row)) continue;
        const cell = cellFor(cellPairs(table, row, measure));
        tableCells.push(cell);
        const published = publishedInterval(row[measure], rules);
        if (published === undefined) continue;
        cell.publications.push({ table, label: describeCell(table, row, measure), shown: String(row[measure]), published });
        cell.lo = Math.max(cell.lo, published.lo);
        cell.hi = Math.min(cell.hi, published.hi);
      }
    }
    if (table.base !== undefined) {
      const base = cellFor([[BASE, table.dimensions.join(" × ")]]);
      const published = publishedInterval(table.base, rules);
      if (published !== undefined) {
        base.publications.push({ table, label: "base (everyone who answered)", shown: String(table.base), published });
        base.lo = Math.max(base.lo, published.lo);
        base.hi = Math.min(base.hi, published.hi);
      }
      for (const cell of new Set(tableCells)) {
        addRow({ indices: [cell.index, base.index], values: [1, -1], lo: -Infinity, hi: 0, source: table });
        addComplement(cell, base, table);
      }
    }
  }

  // Additivity along each dimension (Totals created where the table does not print them).
  for (const table of tables) {
    for (const [measure, extra] of table.counts) {
      for (const d of table.dimensions) {
        if (extra.some(([e]) => e === d)) continue;
        const values = [...new Set(table.rows.map((r) => r[d]).filter((v) => v !== null && v !== undefined && v !== table.totalLabel && v !== table.totals.get(d)).map(String))];
        if (values.length === 0) continue;
        const groups = new Map<string, Pair[]>();
        for (const row of table.rows) {
          if (!(measure in row)) continue;
          const rest = cellPairs(table, row, measure).filter(([dim]) => dim !== d);
          groups.set(keyOf(rest), rest);
        }
        const additive = table.additive || table.additiveDimensions.includes(d) || !overlapping(table, d);
        for (const rest of groups.values()) {
          if (!additive) {
            cellFor(rest);
            continue;
          }
          const total = cellFor(rest);
          const members = [...new Set(values.map((v) => cellFor([...rest, [d, v]])))].filter((m) => m !== total);
          if (members.length === 0) continue;
          const indices = [total.index, ...members.map((m) => m.index)];
          const coefs = [1, ...members.map(() => -1)];
          addRow({ indices, values: coefs, lo: 0, hi: 0, source: table });
        }
      }
    }
  }

  // Hierarchy: a parent value's cell is the sum of its children's cells.
  for (const cell of [...cells]) {
    for (const [child, h] of hierarchies) {
      const parent = cell.pairs.find(([d]) => d === h.parent);
      if (parent === undefined || cell.pairs.some(([d]) => d === child)) continue;
      const rest = cell.pairs.filter(([d]) => d !== h.parent);
      const kids = [...h.map].filter(([, p]) => p === parent[1]).map(([c]) => [...rest, [child, c]] as Pair[]);
      if (!kids.some((k) => byKey.has(keyOf(k)))) continue;
      const members = kids.map(cellFor);
      addRow({ indices: [cell.index, ...members.map((m) => m.index)], values: [1, ...members.map(() => -1)], lo: 0, hi: 0, source: h.source });
      for (const m of members) addComplement(m, cell, h.source);
    }
  }

  // Subsets: one more pair, fewer units.
  for (const cell of cells) {
    for (const pair of cell.pairs) {
      const sup = byKey.get(keyOf(cell.pairs.filter((p) => p !== pair)));
      if (sup === undefined) continue;
      addRow({ indices: [cell.index, sup.index], values: [1, -1], lo: -Infinity, hi: 0 });
      addComplement(cell, sup);
    }
  }

  const conflicts = cells.filter((c) => c.lo > c.hi);
  return { population, level, tables, cells, rows, complements, conflicts };
}
