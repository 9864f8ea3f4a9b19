/**
 * k and l over the declared identifiers of each microdata file: k is the smallest number of units
 * (distinct subjects) sharing one combination of the quasi-identifiers (`lero.role` "quasi" in the
 * published schema); l is the smallest number of distinct values a sensitive field takes within one
 * class (classes where the field is always empty tell nothing and are left out). A unit whose rows
 * carry several combinations counts in each.
 */
import type { DisclosurePolicy } from "../policy.ts";
import type { Microdata } from "./release.ts";
import type { IntruderFinding, MicrodataFigures } from "./types.ts";
import type { CellValue } from "./columns.ts";
import { unitsOf } from "./units.ts";

export interface KAndLResult {
  findings: IntruderFinding[];
  figures: MicrodataFigures[];
}

const show = (v: CellValue): string => (Array.isArray(v) ? [...v].sort().join("; ") : (v ?? ""));

export function checkKAndL(microdata: Microdata[], policy: DisclosurePolicy): KAndLResult {
  const result: KAndLResult = { findings: [], figures: [] };
  for (const micro of microdata) {
    const quasi = micro.fields.filter((f) => f.role === "quasi").map((f) => f.name);
    const sensitive = micro.fields.filter((f) => f.role === "sensitive").map((f) => f.name);
    const units = unitsOf(micro);
    const unit = micro.level === "organisation" ? "organisations" : "people";
    // Per class: how many units have a row in it, and the values each sensitive field takes there.
    const classes = new Map<string, { units: number; lastUnit: number; values: Set<string>[] }>();
    for (let u = 0; u < units.count; u++) {
      for (let at = units.starts[u]!; at < units.starts[u + 1]!; at++) {
        const row = units.rows[at]!;
        const id = JSON.stringify(quasi.map((q) => show(micro.columns.value(row, q))));
        let c = classes.get(id);
        if (c === undefined) classes.set(id, (c = { units: 0, lastUnit: -1, values: sensitive.map(() => new Set()) }));
        if (c.lastUnit !== u) {
          c.units++;
          c.lastUnit = u;
        }
        sensitive.forEach((field, i) => c.values[i]!.add(show(micro.columns.value(row, field))));
      }
    }
    const figures: MicrodataFigures = { dataset: micro.dataset, resource: micro.resource, units: units.count, k: null, l: null };
    const describe = (id: string): string => {
      const values = JSON.parse(id) as string[];
      return quasi.map((q, i) => `${q}=${values[i]}`).join(", ");
    };
    if (quasi.length > 0 && classes.size > 0) {
      const sorted = [...classes].sort(([a, x], [b, y]) => x.units - y.units || a.localeCompare(b));
      const [smallestId, smallest] = sorted[0]!;
      figures.k = smallest.units;
      const k = policy[micro.level].k;
      const small = sorted.filter(([, c]) => c.units < k).length;
      if (figures.k < k) {
        result.findings.push({
          code: "small-k",
          message: `${micro.resource}: ${small} class${small === 1 ? "" : "es"} of the quasi-identifiers hold${small === 1 ? "s" : ""} fewer than k = ${k} ${unit} (the smallest, ${describe(smallestId)}, holds ${figures.k}); generalise a quasi-identifier further or remove the class's records.`,
          resources: [micro.resource],
          population: micro.dataset,
          cell: describe(smallestId),
          interval: [figures.k, figures.k],
        });
      }
    }
    for (const [i, field] of sensitive.entries()) {
      let lowest: { l: number; id: string } | undefined;
      let uniform = 0;
      for (const [id, c] of classes) {
        const values = c.values[i]!;
        const distinct = values.size - (values.has("") ? 1 : 0);
        if (distinct === 0) continue;
        if (lowest === undefined || distinct < lowest.l) lowest = { l: distinct, id };
        if (distinct < 2) uniform++;
      }
      if (lowest === undefined) continue;
      if (figures.l === null || lowest.l < figures.l) {
        figures.l = lowest.l;
        figures.lField = field;
      }
      if (lowest.l >= 2) continue;
      result.findings.push({
        code: "small-l",
        message: `${micro.resource}: in ${uniform} class${uniform === 1 ? "" : "es"} of the quasi-identifiers every ${unit === "people" ? "person" : "organisation"} has the same ${field} (l = 1; e.g. ${describe(lowest.id)}), so knowing someone's quasi-identifiers tells their ${field}; generalise the quasi-identifiers or the field until each class holds at least 2 values.`,
        resources: [micro.resource],
        population: micro.dataset,
        cell: describe(lowest.id),
        interval: [1, 1],
      });
    }
    result.figures.push(figures);
  }
  return result;
}
