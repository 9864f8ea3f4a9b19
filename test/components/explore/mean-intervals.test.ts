/**
 * The console gives each plain mean a 95% interval: the query is asked also for each mean's spread and
 * count of values (after its own columns), and the interval follows the mean's protection.
 */
import { describe, expect, it } from "vitest";
import { withDuckDB, queryRows } from "../../../loaders/publish/duckdb.ts";
import { loadPolicy } from "../../../loaders/disclose/policy.ts";
import { protectQueryResult, withMeanIntervals, type ExplorePolicy } from "../../../src/components/explore/disclosure.ts";
import { columnOrigins, meanIntervalSql } from "../../../src/components/explore/lineage.ts";
import { checkReadOnlySql } from "../../../src/components/explore/readonly.ts";
import { intervalNote } from "../../../src/components/explore/console.ts";
import { meanInterval } from "../../../src/lib/intervals.ts";

const full = loadPolicy();
const policy: ExplorePolicy = { person: full.person, organisation: full.organisation, symbols: full.symbols, csvEscape: full.csvEscape };

describe("meanIntervalSql", () => {
  it("asks for each plain mean's spread and count after the query's own columns", () => {
    const asked = meanIntervalSql("SELECT assessment, count(DISTINCT person_ref) AS people, avg(barc_total) AS mean_total, mean(\"barc_1\") FROM outcomes GROUP BY assessment ORDER BY 1", 4);
    expect(asked).toEqual({
      sql: 'SELECT assessment, count(DISTINCT person_ref) AS people, avg(barc_total) AS mean_total, mean("barc_1"), stddev_samp(barc_total), count(barc_total), stddev_samp("barc_1"), count("barc_1") FROM outcomes GROUP BY assessment ORDER BY 1',
      means: [2, 3],
    });
    // Without FROM, at the end; the result still passes the console's gate.
    expect(meanIntervalSql("SELECT avg(2) AS two", 1)).toEqual({ sql: "SELECT avg(2) AS two, stddev_samp(2), count(2)", means: [0] });
    expect(meanIntervalSql("SELECT avg(x * 2) FROM (VALUES (1)) t(x)", 1)).toEqual({ sql: "SELECT avg(x * 2), stddev_samp(x * 2), count(x * 2) FROM (VALUES (1)) t(x)", means: [0] });
    const plain = meanIntervalSql("SELECT avg(barc_total) m FROM outcomes", 1);
    expect("sql" in plain && checkReadOnlySql(plain.sql).ok).toBe(true);
  });

  it("gives no interval, with the reason, where a mean is not its own plain column", () => {
    expect(meanIntervalSql("SELECT year FROM stigma", 1)).toEqual({ reason: "the query has no mean" });
    expect(meanIntervalSql("SELECT round(avg(barc_total), 1) FROM outcomes", 1)).toEqual({ reason: "the query has no plain avg(…) column" });
    expect(meanIntervalSql("SELECT avg(DISTINCT barc_total), median(barc_total) FROM outcomes", 2)).toEqual({ reason: "the query has no plain avg(…) column" });
    expect(meanIntervalSql("SELECT avg(n) FROM (SELECT count(*) AS n FROM outcomes GROUP BY region)", 1)).toHaveProperty("reason");
    expect(meanIntervalSql("SELECT avg(barc_total) FROM outcomes UNION ALL SELECT avg(barc_1) FROM outcomes", 1)).toHaveProperty("reason");
    expect(intervalNote(false, "the query has no plain avg(…) column", policy)).toMatch(/^No 95% interval for the means: the query has no plain avg\(…\) column\. /);
  });

  it("works out each interval as the t interval of the mean, from DuckDB's own spread and count, under the mean's protection", async () => {
    await withDuckDB(async (db) => {
      const rows: string[] = [];
      // Group a: 40 people, values 10…49; group b: 3 people (a small base); group c: one value repeated (no spread).
      for (let i = 0; i < 40; i++) rows.push(`('a', 'p${i}', ${10 + i})`);
      for (let i = 0; i < 3; i++) rows.push(`('b', 'q${i}', ${20 + i})`);
      for (let i = 0; i < 30; i++) rows.push(`('c', 'r${i}', 7)`);
      await db.run(`CREATE TABLE outcomes AS SELECT * FROM (VALUES ${rows.join(", ")}) AS t(grp, person_ref, barc_total)`);
      const sql = "SELECT grp, count(DISTINCT person_ref) AS people, avg(barc_total) AS mean FROM outcomes GROUP BY grp ORDER BY grp";
      const asked = meanIntervalSql(sql, 3);
      if (!("sql" in asked)) throw new Error(asked.reason);
      const raw = await queryRows(db, asked.sql);
      const values = raw.map((r) => [r.grp, Number(r.people), Number(r.mean)]);
      const columns = [{ name: "grp", type: "VARCHAR" }, { name: "people", type: "BIGINT" }, { name: "mean", type: "DOUBLE" }];
      const base = protectQueryResult(columns, values, policy, columnOrigins(sql, 3));
      const keys = Object.keys(raw[0]!);
      const spreads = asked.means.map((column, m) => ({ column, rows: raw.map((r) => ({ sd: r[keys[3 + 2 * m]!] === null ? null : Number(r[keys[3 + 2 * m]!]), n: Number(r[keys[4 + 2 * m]!]) })) }));
      const result = withMeanIntervals(base, spreads, policy);
      expect(result.columns.map((c) => c.name)).toEqual(["grp", "people", "mean", "mean: 95% interval, low", "mean: 95% interval, high"]);
      // a: the t interval from the sample standard deviation of 10…49 over 40 values.
      const sd = Math.sqrt(Array.from({ length: 40 }, (_, i) => (10 + i - 29.5) ** 2).reduce((s, x) => s + x, 0) / 39);
      const want = meanInterval(29.5, sd, 40)!;
      expect(result.rows[0]![2]).toBe(29.5);
      expect(result.rows[0]![3]).toBeCloseTo(want.low, 9);
      expect(result.rows[0]![4]).toBeCloseTo(want.high, 9);
      // b: a count of 3 is hidden, so is the mean and its interval (two more hidden cells).
      expect(result.rows[1]!.slice(2)).toEqual([policy.symbols.confidential, policy.symbols.confidential, policy.symbols.confidential]);
      expect(result.hidden).toBe(base.hidden + 2);
      // c: shown, but no spread: an interval of no width, from 30 values.
      expect(result.rows[2]!.slice(2)).toEqual([7, 7, 7]);
    });
  });

  it("says not available where the mean averages fewer values than the minimum base", () => {
    const base = protectQueryResult([{ name: "m", type: "DOUBLE" }], [[12.5]], policy, ["statistic"]);
    const result = withMeanIntervals(base, [{ column: 0, rows: [{ sd: 2, n: policy.person.minimumBase - 1 }] }], policy);
    expect(result.rows[0]).toEqual([12.5, policy.symbols.notAvailable, policy.symbols.notAvailable]);
    const enough = withMeanIntervals(base, [{ column: 0, rows: [{ sd: 2, n: policy.person.minimumBase }] }], policy);
    expect(enough.rows[0]![1]).toBeCloseTo(meanInterval(12.5, 2, policy.person.minimumBase)!.low, 9);
  });
});
