/**
 * The explorer's results: the table behind the charts, its downloads (CSV, Parquet made by DuckDB in
 * the browser), the permalink and the citation of the view. The table is protected before it gets
 * here (`view.ts`); this draws it and writes the files.
 */
import { dataTable, download, type TableColumn } from "../shared/figure.js";
import { toSafeCsv } from "./csv.js";
import type { ExploreDataset } from "./datasets.js";
import { formatShown, type ExplorePolicy, type Shown } from "./disclosure.js";
import { doc, el, errorText } from "./dom.js";
import type { Engine } from "./engine.js";
import { exportParquetSql } from "./sql.js";
import type { ExploreState } from "./state.js";
import { resultCsvRows, resultParquet, titleOf, type ResultTable } from "./view.js";

export interface Results {
  root: HTMLElement;
  /** Shows the table for a state, and keeps it for the downloads. */
  show(state: ExploreState, table: ResultTable, dataset: ExploreDataset): void;
  cite(text: string): void;
}

export interface ResultsOptions {
  engine: Pick<Engine, "exportParquet">;
  policy: ExplorePolicy;
  /** The start of the download file names ("lero-stigma-explorer"). */
  fileBase(): string;
  /** Where a failed download is said. */
  status: HTMLElement;
}

export function buildResults(options: ResultsOptions): Results {
  const { engine, policy } = options;
  const resultsTable = el("div", { class: "explore-table-wrap" });
  const actions = el("div", { class: "lero-chart-downloads explore-downloads", role: "group", "aria-label": "Download the results table" });
  const csvButton = el("button", { type: "button", id: "explore-download-csv" }, "Table (CSV)");
  const parquetButton = el("button", { type: "button", id: "explore-download-parquet" }, "Table (Parquet)");
  const copyLink = el("button", { type: "button", id: "explore-copy-link" }, "Copy link to this view");
  actions.append(csvButton, parquetButton, copyLink);
  const citeText = el("p", { id: "explore-citation", class: "explore-citation" });
  const copyCite = el("button", { type: "button", id: "explore-copy-citation" }, "Copy citation");
  const copyStatus = el("span", { class: "explore-copy-status", role: "status", "aria-live": "polite" });
  const citeBlock = el("div", { class: "explore-cite" });
  citeBlock.append(el("p", { class: "explore-cite-label" }, "Cite this view:"), citeText, copyCite, copyStatus);
  const root = el("div", { class: "explore-results" });
  root.append(resultsTable, actions, citeBlock);

  let table: ResultTable | undefined;
  csvButton.addEventListener("click", () => {
    if (!table) return;
    const text = toSafeCsv(table.columns.map((c) => c.label), resultCsvRows(table), policy);
    download(document, `${options.fileBase()}.csv`, new Blob([text], { type: "text/csv;charset=utf-8" }));
  });
  parquetButton.addEventListener("click", async () => {
    if (!table) return;
    const { columns, rows } = resultParquet(table);
    try {
      const bytes = await engine.exportParquet((file) => exportParquetSql(file, columns, rows));
      download(document, `${options.fileBase()}.parquet`, new Blob([bytes.slice()], { type: "application/vnd.apache.parquet" }));
    } catch (error) {
      options.status.textContent = `The Parquet file could not be made: ${errorText(error)}`;
    }
  });
  const copy = async (text: string, what: string) => {
    try {
      await navigator.clipboard.writeText(text);
      copyStatus.textContent = `${what} copied.`;
    } catch {
      copyStatus.textContent = `Could not copy: select the ${what.toLowerCase()} and copy it yourself.`;
    }
  };
  copyLink.addEventListener("click", () => void copy(location.href, "Link"));
  copyCite.addEventListener("click", () => void copy(citeText.textContent ?? "", "Citation"));

  return {
    root,
    cite(text) {
      citeText.textContent = text;
    },
    show(state, result, dataset) {
      table = result;
      const columns: TableColumn[] = result.columns.map((c) => ({
        key: c.key,
        label: c.label,
        numeric: c.kind !== "text",
        format: (v) => (c.kind === "text" ? String(v ?? "") : formatShown(v as Shown, c.kind)),
        ...(c.mark ? { measure: (row: Record<string, unknown>) => c.mark!(row as Record<string, Shown>) } : {}),
      }));
      const filterText = Object.entries(state.filters)
        .map(([d, v]) => `${titleOf(dataset, d)}: ${v.join(" or ")}`)
        .join("; ");
      const caption = `${result.columns.find((c) => c.kind === "count")!.label} by ${state.dims.map((d) => titleOf(dataset, d)).join(", ") || "nothing"}${filterText ? ` (${filterText})` : ""}`;
      const node = dataTable(doc(), columns, result.rows, caption);
      node.id = "explore-results-table";
      resultsTable.replaceChildren(node);
      if (result.rows.length === 0) resultsTable.append(el("p", { class: "explore-empty" }, `No ${dataset.noun.many} match these filters.`));
      if (result.rows.some((r) => Object.values(r).some((v) => v === policy.symbols.confidential))) {
        resultsTable.append(el("p", { class: "lero-source" }, "[c] = hidden to protect confidentiality (too few people or organisations, or a percentage or mean on too small a base)."));
      }
    },
  };
}
