/**
 * The explorer's SQL console: the tables and their columns, example queries, one read-only query at
 * a time (checked by `readonly.ts`, run by DuckDB in the browser), its result protected like every
 * other figure (`protectQueryResult`), shown as a table with a CSV download and, where it fits, a
 * quick bar chart.
 */
import { dataTable, download, type TableColumn } from "../shared/figure.js";
import { exploreChart, type ChartBar } from "./chart.js";
import { toSafeCsv } from "./csv.js";
import type { ExploreDataset } from "./datasets.js";
import { countRuleText, formatShown, plainShown, protectQueryResult, withMeanIntervals, type ColumnKind, type ExplorePolicy, type Shown } from "./disclosure.js";
import { columnOrigins, meanIntervalSql } from "./lineage.js";
import { doc, el, errorText, field } from "./dom.js";
import type { Engine } from "./engine.js";
import { checkReadOnlySql, describeSql, resultSql } from "./readonly.js";
import type { Row } from "./cube.js";

const CONSOLE_ROWS = 1000;
const SOURCE = "LERO Evidence, published anonymised data (explored in your browser)";

export interface Console {
  root: HTMLElement;
  /** Puts a query in the box (from the URL), without running it. */
  setQuery(sql: string): void;
  /** Checks and runs a query, and shows its result or what is wrong with it. */
  run(text: string): Promise<void>;
  clear(): void;
  /** Called when the reader runs the query in the box (the button, or Ctrl+Enter). */
  onRun(handler: (text: string) => void): void;
}

/** `timed` records how long a query took, for the explorer's timings. */
export function buildConsole(datasets: readonly ExploreDataset[], policy: ExplorePolicy, engine: Pick<Engine, "console">, timed: (ms: number) => void): Console {
  const view = consoleView(datasets, policy);
  async function run(text: string): Promise<void> {
    const started = performance.now();
    const checked = checkReadOnlySql(text);
    if (!checked.ok) {
      const before = text.slice(0, checked.problem.at).split("\n");
      view.fail(`Not run (line ${before.length}, column ${before[before.length - 1]!.length + 1}): ${checked.problem.message}`);
      return;
    }
    view.message.textContent = "Running…";
    try {
      const described = await engine.console(describeSql(checked.sql));
      const columns = described.map((r) => ({ name: String(r.column_name), type: String(r.column_type) }));
      const origins = columnOrigins(checked.sql, columns.length);
      // Means get a 95% interval: the same query asked also for each mean's spread and count of values.
      const asked = meanIntervalSql(checked.sql, columns.length);
      let spreadQuery = "sql" in asked ? checkReadOnlySql(asked.sql) : undefined;
      let raw: Row[] | undefined;
      let types = columns.map((c) => c.type);
      let why = "reason" in asked ? asked.reason : "";
      if (spreadQuery?.ok && "sql" in asked) {
        try {
          const wider = (await engine.console(describeSql(spreadQuery.sql))).map((r) => String(r.column_type));
          raw = await engine.console(resultSql(spreadQuery.sql, wider, CONSOLE_ROWS + 1));
          types = wider;
        } catch (error) {
          why = `DuckDB could not work out the spread of its means (${errorText(error)})`;
          spreadQuery = undefined;
        }
      }
      raw ??= await engine.console(resultSql(checked.sql, types, CONSOLE_ROWS + 1));
      const more = raw.length > CONSOLE_ROWS;
      const kept = raw.slice(0, CONSOLE_ROWS);
      const values = kept.map((row) => columns.map((_, i) => row[`c${i}`]));
      let result = protectQueryResult(columns, values, policy, origins);
      if (spreadQuery?.ok && "means" in asked) {
        const number = (v: unknown) => (v === null || v === undefined ? null : Number(v));
        const spreads = asked.means.map((column, m) => ({
          column,
          rows: kept.map((row) => ({ sd: number(row[`c${columns.length + 2 * m}`]), n: number(row[`c${columns.length + 2 * m + 1}`]) })),
        }));
        result = withMeanIntervals(result, spreads, policy);
      }
      const means = /\b(avg|mean)\s*\(/i.test(checked.sql);
      view.show(result, more, means ? intervalNote(spreadQuery?.ok === true, why, policy) : "");
      timed(performance.now() - started);
    } catch (error) {
      view.fail(`DuckDB could not run the query: ${errorText(error)}`);
    }
  }
  return {
    root: view.root,
    setQuery: (sql) => {
      view.textarea.value = sql;
    },
    run,
    clear: view.clear,
    onRun: view.onRun,
  };
}

interface ConsoleView {
  root: HTMLElement;
  textarea: HTMLTextAreaElement;
  message: HTMLElement;
  /** `note`: what the result says about its means' intervals ("" for nothing). */
  show(result: ReturnType<typeof protectQueryResult>, more: boolean, note: string): void;
  fail(text: string): void;
  clear(): void;
  onRun(handler: (text: string) => void): void;
}

/** The example queries offered for the data sets the explorer has; none groups by a column the release publishes with one value. */
export function examples(datasets: readonly ExploreDataset[]): { label: string; sql: string }[] {
  const names = new Set(datasets.map((d) => d.name));
  const list: { label: string; sql: string }[] = [];
  if (names.has("stigma")) {
    list.push({
      label: "Respondents who avoided care, by setting",
      sql: "SELECT setting,\n  count(DISTINCT respondent_ref) AS respondents,\n  count(DISTINCT respondent_ref) FILTER (WHERE avoided_care) AS avoided_care\nFROM stigma\nGROUP BY setting\nORDER BY avoided_care DESC",
    });
    list.push({
      label: "Avoided their GP because of stigma, by survey year",
      sql: "SELECT year,\n  count(DISTINCT respondent_ref) AS answered,\n  count(DISTINCT respondent_ref) FILTER (WHERE avoided_care) AS avoided_care\nFROM stigma\nWHERE setting = 'GP' AND avoided_care IS NOT NULL\nGROUP BY year\nORDER BY year",
    });
  }
  if (names.has("outcomes")) {
    list.push({
      label: "Mean recovery capital at each assessment",
      sql: "SELECT assessment,\n  count(DISTINCT person_ref) AS people,\n  avg(barc_total) AS mean_barc_total\nFROM outcomes\nGROUP BY assessment\nORDER BY min(CASE assessment WHEN 'Intake' THEN 0 WHEN '3 months' THEN 1 WHEN '6 months' THEN 2 ELSE 3 END)",
    });
  }
  if (names.has("audit")) {
    list.push({ label: "LEROs by stage of development", sql: "SELECT stage, count(DISTINCT lero_ref) AS organisations\nFROM audit\nGROUP BY stage\nORDER BY organisations DESC" });
  }
  return list;
}

function consoleView(datasets: readonly ExploreDataset[], policy: ExplorePolicy): ConsoleView {
  const root = el("div", { class: "explore-console" });
  const tables = el("details", { class: "explore-schema" });
  tables.append(el("summary", {}, "Tables and columns"));
  for (const d of datasets) {
    const block = el("div");
    block.append(el("h3", {}, `${d.name} — ${d.title}`));
    const list = el("ul", { class: "explore-columns" });
    for (const f of d.fields) {
      const item = el("li");
      item.append(el("code", {}, f.name), ` (${f.type}): ${f.title}`);
      list.append(item);
    }
    block.append(list);
    tables.append(block);
  }
  const exampleGroup = el("div", { class: "explore-examples", role: "group", "aria-label": "Example queries" });
  exampleGroup.append(el("span", { class: "explore-examples-label" }, "Start from an example:"));
  const textarea = el("textarea", { id: "explore-sql", rows: "7", spellcheck: "false", autocapitalize: "off", "aria-describedby": "explore-sql-help" });
  for (const example of examples(datasets)) {
    const button = el("button", { type: "button", class: "explore-example" }, example.label);
    button.addEventListener("click", () => {
      textarea.value = example.sql;
      textarea.focus();
    });
    exampleGroup.append(button);
  }
  const runButton = el("button", { type: "button", id: "explore-sql-run", class: "explore-run" }, "Run query");
  const message = el("p", { id: "explore-sql-message", class: "explore-sql-message", role: "status", "aria-live": "polite" });
  const output = el("div", { class: "explore-sql-output" });
  const helpText = el("p", { id: "explore-sql-help", class: "explore-help" }, "One SELECT (or WITH) query over the tables stigma and outcomes. Press Ctrl+Enter (or ⌘+Enter) to run.");
  root.append(tables, exampleGroup, field("explore-sql", "SQL query", textarea), helpText, runButton, message, output);

  let handler: (text: string) => void = () => undefined;
  runButton.addEventListener("click", () => handler(textarea.value));
  textarea.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      handler(textarea.value);
    }
  });

  return {
    root,
    textarea,
    message,
    onRun: (h) => (handler = h),
    clear: () => {
      output.replaceChildren();
      message.textContent = "";
      message.classList.remove("explore-error");
    },
    fail: (text) => {
      output.replaceChildren();
      message.textContent = text;
      message.classList.add("explore-error");
    },
    show: (result, more, note) => {
      message.classList.remove("explore-error");
      const n = result.rows.length;
      message.textContent = `${n.toLocaleString("en-GB")} ${n === 1 ? "row" : "rows"}${more ? ` (the first ${CONSOLE_ROWS.toLocaleString("en-GB")}; add LIMIT or GROUP BY to see fewer)` : ""}. ${result.hidden ? `${result.hidden} ${result.hidden === 1 ? "figure is" : "figures are"} hidden ([c]).` : ""} ${note}`.trim();
      const columns: TableColumn[] = result.columns.map((c, i) => ({
        key: `c${i}`,
        label: c.name,
        numeric: c.kind === "count" || c.kind === "statistic" || (c.kind === "value" && result.rows.some((row) => typeof row[i] === "number")),
        format: (v) => (v === null || v === undefined ? "" : c.kind === "count" ? formatShown(v as Shown) : c.kind === "statistic" ? (typeof v === "number" ? v.toLocaleString("en-GB", { maximumFractionDigits: 2 }) : String(v)) : String(v)),
      }));
      const rows = result.rows.map((row) => Object.fromEntries(row.map((v, i) => [`c${i}`, v])));
      const tableNode = dataTable(doc(), columns, rows, "Query result");
      tableNode.id = "explore-sql-table";
      const wrap = el("div", { class: "explore-table-wrap" });
      wrap.append(tableNode);
      const csv = el("button", { type: "button", id: "explore-sql-csv" }, "Result (CSV)");
      csv.addEventListener("click", () => {
        const cells = result.rows.map((row) => row.map((v, i) => (v === null ? "" : result.columns[i]!.kind === "statistic" && typeof v === "number" ? String(Math.round(v * 100) / 100) : plainShown(v))));
        download(document, "lero-query.csv", new Blob([toSafeCsv(result.columns.map((c) => c.name), cells, policy)], { type: "text/csv;charset=utf-8" }));
      });
      const actions = el("div", { class: "lero-chart-downloads", role: "group", "aria-label": "Download the query result" });
      actions.append(csv);
      output.replaceChildren(wrap, actions);
      // A quick chart: the first value column (a grouping) against the figure the query asked for — its
      // last statistic (a share or a mean), else its last count.
      const label = result.columns.findIndex((c) => c.kind === "value");
      const lastOf = (kind: ColumnKind): number => result.columns.map((c) => (c.intervalOf ? "" : c.kind)).lastIndexOf(kind);
      const value = lastOf("statistic") >= 0 ? lastOf("statistic") : lastOf("count");
      if (label >= 0 && value >= 0 && n >= 1 && n <= 40) {
        const kind = result.columns[value]!.kind;
        const end = (which: "low" | "high") => result.columns.findIndex((c) => c.intervalOf?.column === value && c.intervalOf.end === which);
        const [low, high] = [end("low"), end("high")];
        const bars: ChartBar[] = result.rows.map((row) => {
          const shown = row[value] ?? "[x]";
          const [l, h] = [row[low], row[high]];
          const interval = low >= 0 && typeof shown === "number" && typeof l === "number" && typeof h === "number" ? { interval: { value: shown, low: l, high: h } } : {};
          return { value: String(row[label] ?? "[x]"), shown, selected: false, ...interval };
        });
        const name = result.columns[value]!.name;
        const by = result.columns[label]!.name;
        output.append(
          exploreChart(bars, {
            id: "explore-sql-chart",
            title: `${name} by ${by}`,
            subtitle: kind === "count" ? `Figures worked out from counts are treated as counts of people: ${countRuleText(policy)}.` : `As the query returned it${low >= 0 ? ", with its 95% interval" : ""}; hidden beside a hidden count.`,
            description: describeBars(bars, name, by),
            dimensionTitle: by,
            measureLabel: name,
            measureKind: kind === "count" ? "count" : "mean",
            chartType: "bars",
            source: SOURCE,
            policy,
          }),
        );
      }
    },
  };
}

/** What the console says about its means' 95% intervals: how they are worked out, or why there are none. */
export function intervalNote(given: boolean, why: string, policy: ExplorePolicy): string {
  if (given) return `Each mean has its 95% interval (t interval from the standard deviation and the number of values), given where the mean is shown and averages at least ${policy.person.minimumBase} values.`;
  return `No 95% interval for the means: ${why || "the query could not be read"}. Write each mean as its own column, avg(column), in a query without subqueries to get one.`;
}

function describeBars(bars: readonly ChartBar[], name: string, by: string): string {
  const shown = bars.filter((b) => typeof b.shown === "number").sort((a, b) => (b.shown as number) - (a.shown as number));
  const hidden = bars.length - shown.length;
  const parts = [`${name} by ${by}, from the query result.`];
  if (shown[0]) parts.push(`Highest: ${shown[0].value}, ${formatShown(shown[0].shown)}.`);
  if (shown.length > 1) parts.push(`Lowest: ${shown[shown.length - 1]!.value}, ${formatShown(shown[shown.length - 1]!.shown)}.`);
  if (hidden) parts.push(`${hidden} ${hidden === 1 ? "value is" : "values are"} hidden ([c]).`);
  return parts.join(" ");
}
