/**
 * Where each column of a console query comes from, read from the query's text: what the disclosure
 * rule must do with it.
 *
 * - `row`: the query aggregates nothing, so every column holds values of published rows (a year, a
 *   score, a pseudonym) and is shown as it is.
 * - `key`: in a query with a top-level GROUP BY and no aggregate below the top level, a select item
 *   with no aggregate in it is one of the grouping values, shown as it is.
 * - `statistic`: an item that is exactly one call of a statistic (avg, median, stddev, min, max…) of
 *   row values, shown as returned, but hidden in a row whose count is hidden or small.
 * - `aggregate`: anything else in a query that aggregates. It is a count unless proven otherwise:
 *   a count cast to text, concatenated, shifted by arithmetic, put in a list, a histogram, a map or a
 *   struct is still a count, so a number is protected as a count and any other value is hidden.
 *
 * Decision: the reading is deliberately simple and errs towards hiding. A query that aggregates in a
 * subquery or CTE, combines queries (UNION…), or selects `*` in an aggregating query gets every column
 * treated as `aggregate`; the reader can always ask the same question more plainly.
 */
import { tokenize, type Token } from "./readonly.js";

export type ColumnOrigin = "row" | "key" | "statistic" | "aggregate";

/** Functions that combine rows. A column name that happens to match is only counted when called. */
const AGGREGATES = new Set(
  "count count_star sum avg mean median mode min max first last any_value arg_min arg_max argmin argmax min_by max_by list array_agg string_agg group_concat listagg histogram histogram_exact approx_count_distinct approx_quantile quantile quantile_cont quantile_disc reservoir_quantile stddev stddev_samp stddev_pop var_samp var_pop variance corr covar_pop covar_samp entropy kurtosis skewness mad product bit_and bit_or bit_xor bool_and bool_or every fsum sumkahan kahan_sum favg regr_avgx regr_avgy regr_count regr_intercept regr_r2 regr_slope regr_sxx regr_sxy regr_syy bitstring_agg map_agg count_if countif sum_no_overflow weighted_avg wavg".split(" "),
);
/** Statistics of row values that are not counts (each needs a large enough base beside it). */
const STATISTICS = new Set("avg mean median quantile quantile_cont quantile_disc stddev stddev_samp stddev_pop var_samp var_pop variance min max corr covar_pop covar_samp".split(" "));
const SET_OPERATORS = new Set(["union", "intersect", "except"]);

function isCall(tokens: readonly Token[], i: number, names: ReadonlySet<string>): boolean {
  const t = tokens[i];
  return t !== undefined && (t.kind === "word" || t.kind === "quoted") && names.has(t.value.toLowerCase()) && tokens[i + 1]?.text === "(";
}

function aggregates(tokens: readonly Token[]): boolean {
  return tokens.some((t, i) => isCall(tokens, i, AGGREGATES) || (t.kind === "word" && t.value === "over"));
}

/** The top-level select list of an aggregating query, split into items, or why it cannot be read. */
interface SelectList {
  tokens: Token[];
  items: Token[][];
  grouped: boolean;
  /** Where the select list ends in the text (the top-level FROM, or the end). */
  end: number;
}

function selectList(sql: string, columns: number): SelectList | "rows" | "unreadable" {
  const tokens = tokenize(sql);
  if (!Array.isArray(tokens)) return "unreadable";
  if (!aggregates(tokens)) return "rows";
  // Depth of each token; the top-level SELECT is the last SELECT at depth 0 (after any CTEs).
  const depth: number[] = [];
  let d = 0;
  for (const t of tokens) {
    if (t.text === ")") d--;
    depth.push(d);
    if (t.text === "(") d++;
  }
  const topSelects = tokens.map((t, i) => (t.kind === "word" && t.value === "select" && depth[i] === 0 ? i : -1)).filter((i) => i >= 0);
  const nestedSelect = tokens.some((t, i) => t.kind === "word" && t.value === "select" && depth[i]! > 0);
  const combined = tokens.some((t, i) => t.kind === "word" && SET_OPERATORS.has(t.value) && depth[i] === 0);
  if (topSelects.length !== 1 || nestedSelect || combined) return "unreadable";
  const start = topSelects[0]! + 1;
  const clause = (word: string, from: number): number => tokens.findIndex((t, i) => i >= from && depth[i] === 0 && t.kind === "word" && t.value === word);
  const fromAt = clause("from", start);
  const listEnd = fromAt >= 0 ? fromAt : tokens.length;
  const groupAt = clause("group", listEnd);
  const grouped = groupAt >= 0 && tokens[groupAt + 1]?.value === "by";
  // The select list, split at top-level commas.
  let first = start;
  while (first < listEnd && tokens[first]!.kind === "word" && (tokens[first]!.value === "distinct" || tokens[first]!.value === "all")) first++;
  const items: Token[][] = [[]];
  for (let i = first; i < listEnd; i++) {
    if (tokens[i]!.text === "," && depth[i] === 0) items.push([]);
    else items[items.length - 1]!.push(tokens[i]!);
  }
  if (items.length !== columns || items.some((item) => item.length === 0 || item.some((t, k) => t.text === "*" && (k === 0 || item[k - 1]?.text === ".")))) return "unreadable";
  const last = tokens[listEnd - 1]!;
  return { tokens, items, grouped, end: fromAt >= 0 ? tokens[fromAt]!.at : last.at + last.text.length };
}

/** The origin of each of `columns` result columns of a checked read-only query (see the file comment). */
export function columnOrigins(sql: string, columns: number): ColumnOrigin[] {
  const all = (origin: ColumnOrigin): ColumnOrigin[] => Array.from({ length: columns }, () => origin);
  const list = selectList(sql, columns);
  if (list === "rows") return all("row");
  if (list === "unreadable") return all("aggregate");
  return list.items.map((item) => {
    const expression = withoutAlias(item);
    if (!aggregates(expression)) return list.grouped ? "key" : "aggregate";
    return isStatistic(expression) ? "statistic" : "aggregate";
  });
}

/** What a console query needs to give each of its means a 95% interval. */
export interface MeanIntervals {
  /** The query with, after its own columns, the standard deviation and the count of values of each mean. */
  sql: string;
  /** The result columns that are means (`avg(x)` or `mean(x)`), in order. */
  means: number[];
}

/**
 * The query asking also, for each column that is exactly `avg(x)` (or `mean(x)`) of row values, for
 * `stddev_samp(x)` and `count(x)`: added after the query's own columns, so these keep their places.
 * Undefined, with the reason, when the query has no such mean or is not read plainly enough (see the
 * file comment): then no interval is given.
 */
export function meanIntervalSql(sql: string, columns: number): MeanIntervals | { reason: string } {
  const list = selectList(sql, columns);
  if (list === "rows") return { reason: "the query has no mean" };
  if (list === "unreadable") return { reason: "the query combines rows in a subquery, combines queries or selects every column, so its means cannot be read from its text" };
  const means: number[] = [];
  const extra: string[] = [];
  list.items.forEach((item, i) => {
    const expression = withoutAlias(item);
    const name = expression[0]?.value.toLowerCase();
    if (!isStatistic(expression) || (name !== "avg" && name !== "mean")) return;
    const inner = expression.slice(2, -1);
    if (inner.length === 0 || inner.some((t) => t.kind === "word" && t.value === "distinct")) return;
    const argument = sql.slice(inner[0]!.at, inner[inner.length - 1]!.at + inner[inner.length - 1]!.text.length);
    means.push(i);
    extra.push(`stddev_samp(${argument})`, `count(${argument})`);
  });
  if (means.length === 0) return { reason: "the query has no plain avg(…) column" };
  return { sql: `${sql.slice(0, list.end).trimEnd()}, ${extra.join(", ")} ${sql.slice(list.end)}`.trimEnd(), means };
}

/** The item without a trailing `AS name` (or bare trailing name after a closing bracket). */
function withoutAlias(item: readonly Token[]): Token[] {
  const as = item.findIndex((t, i) => t.kind === "word" && t.value === "as" && i > 0);
  if (as >= 0 && as === item.length - 2) return item.slice(0, as);
  const last = item[item.length - 1];
  if (item.length > 1 && last && (last.kind === "word" || last.kind === "quoted") && item[item.length - 2]?.text === ")") return item.slice(0, -1);
  return [...item];
}

/** Exactly `fn(…)` with fn a statistic and no aggregate inside: a mean, a median, a minimum… */
function isStatistic(expression: readonly Token[]): boolean {
  if (!isCall(expression, 0, STATISTICS) || expression[expression.length - 1]?.text !== ")") return false;
  let d = 0;
  for (let i = 1; i < expression.length; i++) {
    if (expression[i]!.text === "(") d++;
    if (expression[i]!.text === ")") d--;
    if (d === 0 && i < expression.length - 1) return false;
  }
  return !aggregates(expression.slice(2, -1));
}
