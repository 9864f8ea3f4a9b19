/**
 * Differencing: a table counted from more (or fewer) units than the microdata of its dataset holds
 * gives the difference back (table minus microdata = the records k-anonymity removed). Every cell
 * whose dimensions the microdata holds at the same detail is counted from the microdata's units and
 * compared with the cell's published interval.
 *
 * Decision: a cell counting more units than the microdata holds is always a finding (no table of the
 * dataset may hold units the release does not). A cell counting fewer is one only in tables of the
 * population named after the dataset, whose units are the microdata's; other populations (people
 * assessed twice, people who answered one question) are subsets the microdata's fields cannot pick out.
 */
import type { DisclosurePolicy } from "../policy.ts";
import { cellPairs, describeCell, publishedInterval, span } from "./cells.ts";
import type { Release } from "./release.ts";
import type { IntruderFinding } from "./types.ts";
import { countMatching, FieldValues } from "./units.ts";

export interface DifferencingResult {
  findings: IntruderFinding[];
  tablesCompared: number;
}

export function compareWithMicrodata(release: Release, policy: DisclosurePolicy): DifferencingResult {
  const result: DifferencingResult = { findings: [], tablesCompared: 0 };
  for (const micro of release.microdata) {
    const values = new FieldValues(micro);
    const counted = new Map<string, number>();
    const count = (pairs: [string, string][]): number => {
      const id = JSON.stringify(pairs);
      let n = counted.get(id);
      if (n === undefined) counted.set(id, (n = countMatching(micro, pairs)));
      return n;
    };
    const unit = micro.level === "organisation" ? "organisations" : "people";
    for (const table of release.tables.filter((t) => t.dataset === micro.dataset)) {
      const sameUnits = table.population === micro.dataset;
      let compared = 0;
      const misses: { label: string; published: string; held: number; gap: number }[] = [];
      for (const row of table.rows) {
        for (const measure of table.counts.keys()) {
          if (!(measure in row)) continue;
          const pairs = cellPairs(table, row, measure);
          if (!values.comparable(pairs)) continue;
          const interval = publishedInterval(row[measure], policy[table.level]);
          if (interval === undefined) continue;
          compared++;
          const held = count(pairs);
          if (held >= interval.lo && (held <= interval.hi || !sameUnits)) continue;
          misses.push({ label: describeCell(table, row, measure), published: span(interval.lo, interval.hi), held, gap: held < interval.lo ? interval.lo - held : held - interval.hi });
        }
      }
      if (compared === 0) continue;
      result.tablesCompared++;
      if (misses.length === 0) continue;
      const worst = misses.reduce((a, b) => (b.gap > a.gap ? b : a));
      result.findings.push({
        code: "microdata-difference",
        message: `${table.resource}: ${misses.length} of ${compared} cells do not match ${micro.resource} (e.g. "${worst.label}" counts ${worst.published} ${unit} but the microdata holds ${worst.held}): tables minus microdata give back removed records; count every published figure from the records the release publishes.`,
        resources: [table.resource, micro.resource],
        population: table.population.startsWith("table:") ? micro.dataset : table.population,
        cell: worst.label,
      });
    }
  }
  return result;
}
