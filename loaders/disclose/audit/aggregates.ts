/**
 * Aggregate tables: no count from 1 to the threshold, person counts multiples of the rounding base, no
 * group (a dimension's values with the other dimensions fixed) with exactly one `[c]` while its total is
 * published, no mean/median/percentage on a base below the minimum.
 */
import type { DisclosurePolicy, Level } from "../policy.ts";
import { SYMBOLS } from "../policy.ts";
import type { Finding } from "./findings.ts";
import type { LoadedTable } from "./resources.ts";

const COUNT_MEASURE = /^(count|n|people|organisations|organizations|respondents)$|_count$|^count_|_n$/i;
const STAT_MEASURE = /mean|median|average|percent|pct|share|proportion|rate/i;

type CountValue = { kind: "number"; value: number } | { kind: "hidden" } | { kind: "unavailable" } | { kind: "bad"; text: string };

function countValue(value: unknown): CountValue {
  if (value === null || value === undefined || value === "") return { kind: "unavailable" };
  if (typeof value === "number") return { kind: "number", value };
  if (typeof value === "bigint") return { kind: "number", value: Number(value) };
  if (typeof value === "string") {
    const text = value.trim();
    if (text === SYMBOLS.confidential || text === SYMBOLS.low) return { kind: "hidden" };
    if (text === SYMBOLS.notAvailable || text === SYMBOLS.notApplicable) return { kind: "unavailable" };
    if (/^-?\d+(\.\d+)?$/.test(text)) return { kind: "number", value: Number(text) };
    return { kind: "bad", text };
  }
  return { kind: "bad", text: JSON.stringify(value) };
}

export function checkAggregate(table: LoadedTable, policy: DisclosurePolicy, level: Level): Finding[] {
  const rules = policy[level];
  const rows = table.rows ?? [];
  const found: Finding[] = [];
  const declared = table.aggregate?.measures ?? [];
  const counts = table.columns.filter((c) => COUNT_MEASURE.test(c));
  const stats = table.columns.filter((c) => !COUNT_MEASURE.test(c) && STAT_MEASURE.test(c));
  const dimensions = table.aggregate?.dimensions ?? table.columns.filter((c) => !counts.includes(c) && !stats.includes(c) && !declared.includes(c));
  const totalLabel = table.aggregate?.totalLabel ?? "Total";
  const unit = level === "person" ? "people" : "organisations";

  // A top-level `base` (the people who answered a multi-select question) is a published count too.
  const cells: { at: { row?: number; field: string }; value: unknown }[] = [];
  if (table.aggregate?.base !== undefined) cells.push({ at: { field: "base" }, value: table.aggregate.base });
  rows.forEach((row, i) => {
    for (const measure of counts) cells.push({ at: { row: i + 1, field: measure }, value: row[measure] });
  });
  for (const { at, value } of cells) {
    const v = countValue(value);
    if (v.kind === "bad") found.push({ code: "bad-count", ...at, message: `"${v.text}" is neither a count nor a symbol (${SYMBOLS.confidential}, ${SYMBOLS.notAvailable}, ${SYMBOLS.notApplicable}, ${SYMBOLS.low})` });
    if (v.kind !== "number") continue;
    if (!Number.isInteger(v.value) || v.value < 0) found.push({ code: "bad-count", ...at, message: `${v.value} is not a whole number of ${unit}` });
    else if (v.value >= 1 && v.value <= rules.threshold) {
      found.push({ code: "small-count", ...at, message: `a count of ${v.value} ${unit} is published; counts from 1 to ${rules.threshold} must be shown as ${SYMBOLS.confidential}` });
    } else if (rules.rounding > 1 && v.value % rules.rounding !== 0) {
      found.push({ code: "unrounded-count", ...at, message: `a count of ${v.value} ${unit} is not rounded to a multiple of ${rules.rounding}` });
    }
  }
  rows.forEach((row, i) => {
    if (stats.length > 0 && counts.length > 0) {
      const base = countValue(row[counts[0]!]);
      const small = base.kind === "hidden" || (base.kind === "number" && base.value > 0 && base.value < rules.minimumBase);
      for (const stat of stats) {
        if (small && countValue(row[stat]).kind === "number") {
          found.push({
            code: "small-base",
            row: i + 1,
            field: stat,
            message: `${stat} is published for a row whose ${counts[0]} is below the minimum base of ${rules.minimumBase} ${unit} (or suppressed)`,
          });
        }
      }
    }
  });

  // Secondary suppression: a group with one hidden cell and a published total gives the cell away.
  // Only along dimensions whose values split the units (the table's links say which, when it has them).
  const links = table.aggregate?.links;
  const additiveAlong = (dim: string): boolean => links?.additive !== false || (links.additiveDimensions ?? []).includes(dim);
  for (const dim of dimensions.filter(additiveAlong)) {
    const others = dimensions.filter((d) => d !== dim);
    const groups = new Map<string, { members: number[]; totals: number[] }>();
    rows.forEach((row, i) => {
      const key = JSON.stringify(others.map((d) => row[d] ?? null));
      let group = groups.get(key);
      if (group === undefined) groups.set(key, (group = { members: [], totals: [] }));
      (row[dim] === totalLabel ? group.totals : group.members).push(i);
    });
    for (const group of groups.values()) {
      if (group.totals.length === 0) continue;
      for (const measure of counts) {
        const totalPublished = group.totals.some((i) => countValue(rows[i]![measure]).kind === "number");
        const hidden = group.members.filter((i) => countValue(rows[i]![measure]).kind === "hidden");
        if (!totalPublished || hidden.length !== 1) continue;
        found.push({
          code: "secondary-suppression",
          row: hidden[0]! + 1,
          field: measure,
          message: `the only ${SYMBOLS.confidential} among the ${dim} values of its group while the group's ${totalLabel} is published: it can be worked out by subtraction`,
        });
      }
    }
  }
  return found;
}
