/**
 * The gate in front of the SQL console. A query runs only when it is one read-only statement over the
 * published tables:
 * - exactly one statement, starting with SELECT or WITH (a final semicolon is allowed);
 * - none of the words that change or reach outside the database (COPY, ATTACH, INSTALL, LOAD, PRAGMA,
 *   SET, CREATE, INSERT, EXPORT, CALL, …) outside quotes;
 * - no function that reads files or settings (`read_csv`, `read_parquet`, `parquet_scan`, `glob`,
 *   `getenv`, `query`, `duckdb_*`, `pragma_*`…), bare or quoted;
 * - no text or quoted name that looks like a file or a web address (DuckDB reads `FROM 'x.parquet'`);
 * - no escape strings (`E'…'`), dollar quoting or parameters, whose quoting rules differ.
 * The console also runs on its own connection, where only the published tables exist (as views), and
 * its results pass the disclosure rule (`protectQueryResult`).
 *
 * Problems are data: a stable code, a message that says what to change, and the offset in the text.
 */

export interface SqlProblem {
  code: "empty" | "not-select" | "several-statements" | "forbidden-word" | "forbidden-function" | "file-reference" | "unsupported-quoting" | "unterminated";
  message: string;
  /** Offset of the problem in the text (0-based). */
  at: number;
}

export type GateResult = { ok: true; sql: string } | { ok: false; problem: SqlProblem };

export interface Token {
  kind: "word" | "string" | "quoted" | "symbol" | "number";
  text: string;
  /** For strings and quoted identifiers, the value without quotes. */
  value: string;
  at: number;
}

const FORBIDDEN_WORDS = new Set(
  "copy attach detach install load pragma set reset create drop alter insert update delete truncate export import call checkpoint force vacuum use begin commit rollback abort transaction prepare execute deallocate grant revoke comment analyze merge upsert into".split(
    " ",
  ),
);
const FORBIDDEN_FUNCTIONS = /^(read_\w*|parquet_\w*|sqlite_\w*|postgres_\w*|mysql_\w*|iceberg_\w*|delta_\w*|arrow_\w*|json_\w*|duckdb_\w*|pragma_\w*|glob|sniff_csv|query|query_table|getenv|current_setting|which_secret|load_aws_credentials|csv_scan|from_csv_auto|from_json|seq_scan|system|shell)$/i;
const FILE_LIKE = /[/\\:*?]|\.(parquet|csv|tsv|txt|json|jsonl|ndjson|db|duckdb|sqlite|arrow|feather|gz|zst|zstd|xlsx|xls|wasm)$/i;

function problem(code: SqlProblem["code"], message: string, at: number): GateResult {
  return { ok: false, problem: { code, message, at } };
}

/** Splits SQL into tokens, dropping whitespace and comments. */
export function tokenize(sql: string): Token[] | SqlProblem {
  const tokens: Token[] = [];
  let i = 0;
  while (i < sql.length) {
    const c = sql[i]!;
    if (/\s/.test(c)) {
      i++;
    } else if (c === "-" && sql[i + 1] === "-") {
      while (i < sql.length && sql[i] !== "\n") i++;
    } else if (c === "/" && sql[i + 1] === "*") {
      const end = sql.indexOf("*/", i + 2);
      if (end < 0) return { code: "unterminated", message: "A comment opened with /* is never closed with */.", at: i };
      if (sql.slice(i + 2, end).includes("/*")) return { code: "unsupported-quoting", message: "Nested comments are not supported.", at: i };
      i = end + 2;
    } else if (c === "'" || c === '"') {
      let j = i + 1;
      let value = "";
      for (;;) {
        if (j >= sql.length) {
          return { code: "unterminated", message: c === "'" ? "A text in single quotes is never closed." : "A name in double quotes is never closed.", at: i };
        }
        if (sql[j] === c) {
          if (sql[j + 1] === c) {
            value += c;
            j += 2;
            continue;
          }
          break;
        }
        value += sql[j];
        j++;
      }
      const previous = tokens[tokens.length - 1];
      if (c === "'" && previous?.kind === "word" && previous.at + previous.text.length === i && /^[eEbBxXuU]&?$/.test(previous.text)) {
        return { code: "unsupported-quoting", message: `Prefixed strings such as ${previous.text}'…' are not supported; write a plain '…' text.`, at: previous.at };
      }
      tokens.push({ kind: c === "'" ? "string" : "quoted", text: sql.slice(i, j + 1), value, at: i });
      i = j + 1;
    } else if (/[A-Za-z_\u0080-\uffff]/.test(c)) {
      let j = i + 1;
      while (j < sql.length && /[A-Za-z0-9_$\u0080-\uffff]/.test(sql[j]!)) j++;
      const text = sql.slice(i, j);
      tokens.push({ kind: "word", text, value: text.toLowerCase(), at: i });
      i = j;
    } else if (/[0-9.]/.test(c)) {
      let j = i + 1;
      while (j < sql.length && /[0-9.eE_]/.test(sql[j]!)) j++;
      tokens.push({ kind: "number", text: sql.slice(i, j), value: sql.slice(i, j), at: i });
      i = j;
    } else if (c === "$" || c === "?" || c === "`") {
      return { code: "unsupported-quoting", message: `“${c}” is not supported here (no parameters, dollar quoting or backticks): write names in double quotes and texts in single quotes.`, at: i };
    } else {
      tokens.push({ kind: "symbol", text: c, value: c, at: i });
      i++;
    }
  }
  return tokens;
}

/** Checks a console query. On success `sql` is the statement without its final semicolon. */
export function checkReadOnlySql(text: string): GateResult {
  const tokens = tokenize(text);
  if (!Array.isArray(tokens)) return { ok: false, problem: tokens };
  if (tokens.length === 0) return problem("empty", "Write a query first, for example: SELECT setting, count(DISTINCT respondent_ref) AS people FROM stigma GROUP BY setting", 0);
  const semicolons = tokens.filter((t) => t.kind === "symbol" && t.text === ";");
  const last = tokens[tokens.length - 1]!;
  for (const semicolon of semicolons) {
    if (semicolon !== last) return problem("several-statements", "Only one statement can run at a time: remove the semicolon and what follows it.", semicolon.at);
  }
  const body = semicolons.length ? tokens.slice(0, -1) : tokens;
  const first = body[0];
  if (!first || first.kind !== "word" || (first.value !== "select" && first.value !== "with")) {
    return problem("not-select", "Only queries that read data can run here: start with SELECT or WITH.", first?.at ?? 0);
  }
  for (let k = 0; k < body.length; k++) {
    const token = body[k]!;
    if (token.kind === "word" && FORBIDDEN_WORDS.has(token.value)) {
      return problem("forbidden-word", `“${token.text}” is not allowed: the console only reads the published tables. (If it is a column name, put it in double quotes.)`, token.at);
    }
    if ((token.kind === "word" || token.kind === "quoted") && FORBIDDEN_FUNCTIONS.test(token.value)) {
      return problem("forbidden-function", `“${token.value}” is not allowed: the console reads only the published tables stigma and outcomes, not files or settings.`, token.at);
    }
    if ((token.kind === "string" || token.kind === "quoted") && FILE_LIKE.test(token.value)) {
      return problem("file-reference", `${token.text} looks like a file or web address, which the console cannot read. Query the tables stigma or outcomes instead.`, token.at);
    }
  }
  const end = semicolons.length ? last.at : text.length;
  return { ok: true, sql: text.slice(0, end).trimEnd() };
}

/** Describes the columns of a checked query without running it in full. */
export function describeSql(checked: string): string {
  return `DESCRIBE SELECT * FROM (\n${checked}\n) AS console_query`;
}

/**
 * Runs a checked query with its columns renamed by position (names may repeat) and cast to types the
 * browser reads plainly: integers and decimals to DOUBLE, dates and nested values to text.
 */
export function resultSql(checked: string, types: readonly string[], limit: number): string {
  const aliases = types.map((_, i) => `c${i}`);
  const casts = types.map((type, i) => {
    const column = `"c${i}"`;
    if (/^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|DOUBLE|FLOAT|REAL|(DECIMAL|NUMERIC)(\(\d+,\s*\d+\))?)$/i.test(type)) return `CAST(${column} AS DOUBLE) AS ${column}`;
    if (/^VARCHAR$/i.test(type)) return column;
    return `CAST(${column} AS VARCHAR) AS ${column}`;
  });
  return `SELECT ${casts.join(", ")} FROM (\n${checked}\n) AS console_query(${aliases.map((a) => `"${a}"`).join(", ")}) LIMIT ${Math.max(1, Math.floor(limit))}`;
}
