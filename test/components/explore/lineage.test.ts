/**
 * The console reads where each result column comes from, so a count cannot leave it disguised as text,
 * arithmetic, a list, a histogram or a struct, and a year stays a year.
 */
import { describe, expect, it } from "vitest";
import { loadPolicy } from "../../../loaders/disclose/policy.ts";
import { protectQueryResult, type ExplorePolicy } from "../../../src/components/explore/disclosure.ts";
import { columnOrigins } from "../../../src/components/explore/lineage.ts";

const full = loadPolicy();
const policy: ExplorePolicy = { person: full.person, organisation: full.organisation, symbols: full.symbols, csvEscape: full.csvEscape };

describe("columnOrigins", () => {
  it("shows the values of a query that aggregates nothing as they are", () => {
    expect(columnOrigins("SELECT year, enacted_1, respondent_ref FROM stigma WHERE setting = 'GP'", 3)).toEqual(["row", "row", "row"]);
    expect(columnOrigins("SELECT * FROM outcomes", 20)).toEqual(Array(20).fill("row"));
  });

  it("tells grouping values, statistics and counts apart in a grouped query", () => {
    expect(columnOrigins("SELECT year, setting, count(DISTINCT respondent_ref) AS people, avg(enacted_1) mean FROM stigma GROUP BY year, setting", 4)).toEqual(["key", "key", "aggregate", "statistic"]);
    expect(columnOrigins('SELECT "region", max(barc_total) FROM outcomes GROUP BY ALL', 2)).toEqual(["key", "statistic"]);
  });

  it.each([
    ["concatenation", "SELECT setting, 'n=' || count(*) AS n FROM stigma GROUP BY setting"],
    ["arithmetic", "SELECT setting, count(*) + 0.5 AS n FROM stigma GROUP BY setting"],
    ["a histogram as text", "SELECT setting, histogram(age_band)::VARCHAR AS h FROM stigma GROUP BY setting"],
    ["a list", "SELECT setting, list(respondent_ref) AS people FROM stigma GROUP BY setting"],
    ["a struct", "SELECT setting, {'n': count(*)}::VARCHAR AS s FROM stigma GROUP BY setting"],
    ["a statistic of a count", "SELECT setting, avg(1) * count(*) AS n FROM stigma GROUP BY setting"],
    ["a window", "SELECT setting, count(*) OVER (PARTITION BY setting) AS n FROM stigma"],
  ])("treats %s of an aggregate as a count", (_what, sql) => {
    expect(columnOrigins(sql, 2)).toEqual(["key", "aggregate"].map((o, i) => (i === 0 && /OVER/.test(sql) ? "aggregate" : o)));
  });

  it("treats every column as an aggregate when a subquery, CTE or UNION aggregates, or * meets GROUP BY", () => {
    expect(columnOrigins("SELECT region, n FROM (SELECT region, count(*) AS n FROM stigma GROUP BY region)", 2)).toEqual(["aggregate", "aggregate"]);
    expect(columnOrigins("WITH t AS (SELECT count(*) AS n FROM stigma) SELECT n FROM t", 1)).toEqual(["aggregate"]);
    expect(columnOrigins("SELECT setting, count(*) FROM stigma GROUP BY 1 UNION ALL SELECT 'x', 1", 2)).toEqual(["aggregate", "aggregate"]);
    expect(columnOrigins("SELECT *, count(*) OVER () FROM stigma", 19)).toEqual(Array(19).fill("aggregate"));
  });

  it("hides a count in disguise and keeps a year a year, end to end", () => {
    const sql = "SELECT year, 'n=' || count(*) AS label, count(*) + 0.5 AS shifted, count(*) AS n FROM stigma GROUP BY year";
    const result = protectQueryResult(
      [
        { name: "year", type: "INTEGER" },
        { name: "label", type: "VARCHAR" },
        { name: "shifted", type: "DOUBLE" },
        { name: "n", type: "BIGINT" },
      ],
      [
        [2024, "n=548", 548.5, 548],
        [2025, "n=3", 3.5, 3],
      ],
      policy,
      columnOrigins(sql, 4),
    );
    expect(result.rows).toEqual([
      [2024, "[c]", 550, 550],
      [2025, "[c]", "[c]", "[c]"],
    ]);
  });
});
