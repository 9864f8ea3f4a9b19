/**
 * Wording shared by the research charts: how a group of LEROs is named in a sentence, how a
 * percentage or a count is written, and how a template title is filled in from the data.
 */
import { TOTAL } from "../shared/chart.js";
import { stagePhrase } from "../shared/stages.js";

/** One row of a research table (`research-<question>-by-<group>`), as published. */
export type ResearchRow = Record<string, string | number | null>;

export const ALL_LABEL = "All LEROs";
/** Whole percentages for titles and sentences: "45%". */
export function roundedPercent(value: number): string {
  return `${Math.round(value)}%`;
}

/** How the LEROs of a group are named mid-sentence: "mature LEROs", "LEROs in Wales". */
export function groupPhrase(dim: string, group: string): string {
  if (group === TOTAL) return "all LEROs";
  if (dim === "stage") return stagePhrase(group);
  if (dim === "region") return `LEROs in ${group}`;
  return `LEROs (${group})`;
}

/** A group's label in a chart or table: the Total row is "All LEROs". */
export function groupLabel(group: string): string {
  return group === TOTAL ? ALL_LABEL : group;
}

/** An option's label mid-sentence: lower-cased first letter, unless it starts with an acronym (REC-CAP). */
export function lowerFirst(label: string): string {
  const first = label.split(/\s/)[0] ?? "";
  return /^[A-Z0-9-]{2,}$/.test(first) ? label : label.charAt(0).toLowerCase() + label.slice(1);
}

/**
 * Fills `{name}` placeholders. `{Option}` is the option as written, `{option}` mid-sentence; other
 * names are looked up as given. Unknown placeholders are left as they are, so a mistake shows.
 */
export function fillTemplate(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (match, name: string) => {
    if (name in values) return values[name]!;
    const lower = name.charAt(0).toLowerCase() + name.slice(1);
    if (name !== lower && lower in values) {
      const value = values[lower]!;
      return value.charAt(0).toUpperCase() + value.slice(1);
    }
    return match;
  });
}
