/**
 * l-diversity on top of k-anonymity: within every class of published rows that share their
 * quasi-identifiers, each sensitive field must take at least `l` different values. A class of ten
 * people who all avoided care tells anyone who knows a person is in it that they avoided care, however
 * large the class.
 *
 * Classes are formed on the values as published (after generalisation). For longitudinal data a class
 * holds people, and their sensitive values over all their rows count. A field that is empty for the
 * whole class says nothing and is not counted. A class that fails is removed whole (its rows, all rows
 * of its people), as k-anonymity's local suppression does; the caller counts the removals against the
 * same suppression budget.
 */

export interface DiversityOptions {
  quasi: readonly string[];
  sensitive: readonly string[];
  l: number;
  subject?: string;
}

export interface DiversityResult<T> {
  rows: T[];
  /** The smallest number of distinct values of a sensitive field within a class, after removal (Infinity with no sensitive values). */
  l: number;
  removed: { classes: number; rows: number; subjects: number };
}

export function diversify<T extends Record<string, unknown>>(rows: readonly T[], options: DiversityOptions): DiversityResult<T> {
  const { quasi, sensitive, l, subject } = options;
  const keyOf = (row: T): string => JSON.stringify(quasi.map((field) => row[field] ?? null));
  const classes = new Map<string, { values: Set<string>[]; subjects: Set<unknown> }>();
  const keys = rows.map((row) => {
    const key = keyOf(row);
    let entry = classes.get(key);
    if (entry === undefined) classes.set(key, (entry = { values: sensitive.map(() => new Set<string>()), subjects: new Set() }));
    entry.subjects.add(subject === undefined ? row : row[subject]);
    sensitive.forEach((field, f) => {
      const value = row[field];
      if (value !== null && value !== undefined) entry!.values[f]!.add(String(value));
    });
    return key;
  });
  const diversity = (entry: { values: Set<string>[] }): number => Math.min(Infinity, ...entry.values.filter((set) => set.size > 0).map((set) => set.size));
  const failing = new Set([...classes].filter(([, entry]) => diversity(entry) < l).map(([key]) => key));
  const kept = rows.filter((_, i) => !failing.has(keys[i]!));
  let subjects = 0;
  for (const key of failing) subjects += classes.get(key)!.subjects.size;
  const remaining = [...classes].filter(([key]) => !failing.has(key)).map(([, entry]) => diversity(entry));
  return {
    rows: kept,
    l: Math.min(Infinity, ...remaining),
    removed: { classes: failing.size, rows: rows.length - kept.length, subjects },
  };
}
