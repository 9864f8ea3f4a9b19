/**
 * Which splits the published rows make safe, and the geography split in particular. Row-level data is
 * published only when every combination of its quasi-identifiers (year, region, age band, gender,
 * role…) is shared by at least k people; the pipeline reaches that by generalising along each field's
 * hierarchy (region → nation → UK, gender → all). The build report says, per dataset, how far each
 * field went. So the `region` column holds regions where every cell passes with regions, nations where
 * it needs nations, and "UK" where even nations would single people out.
 *
 * The explorer offers the geography split under the name of what the column holds (Region or Nation)
 * and never offers a split whose column has one value in the published rows: it would draw one bar.
 * It says which splits it leaves out, and why, in words built from the build report. Pure functions.
 */

/** How far the release generalised one field: level 0 is as collected; `name` is the level's name. */
export interface FieldLevel {
  level: number;
  name: string;
}

/** The k-anonymity a dataset's release reached, from the build report. */
export interface ReleaseRule {
  k: number;
  levels: Record<string, FieldLevel>;
}

/** The geography field of the published rows. */
export const GEOGRAPHY = "region";

/** Reads each dataset's release rule from the public build report (`build-report.json`). */
export function releaseRules(report: unknown): Record<string, ReleaseRule> {
  const out: Record<string, ReleaseRule> = {};
  const datasets = (report as { datasets?: Record<string, { disclosure?: { kAnonymity?: { k?: number; required?: number; levels?: Record<string, FieldLevel> } } }> })?.datasets ?? {};
  for (const [name, entry] of Object.entries(datasets)) {
    const anonymity = entry?.disclosure?.kAnonymity;
    if (!anonymity?.levels) continue;
    const k = anonymity.required ?? anonymity.k;
    if (typeof k !== "number") continue;
    out[name] = { k, levels: anonymity.levels };
  }
  return out;
}

/** What the geography column holds in this release: "Region", "Nation", or undefined (the whole UK, or unknown). */
export function geographyTitle(rule: ReleaseRule | undefined, values: readonly string[] = []): "Region" | "Nation" | undefined {
  const level = rule?.levels[GEOGRAPHY]?.level;
  if (values.length < 2) return undefined;
  if (level === 1) return "Nation";
  if (level === 0 || level === undefined) return "Region";
  return undefined;
}

/** The rule in words, for the page: "region where every cell passes, nation otherwise". */
export function geographyRuleText(rule: ReleaseRule | undefined, quasi: readonly string[]): string {
  const k = rule?.k ?? 10;
  const fields = quasi.length ? ` (${listText(quasi)})` : "";
  const base = `Geography is published as region only where every combination of the fields that could single someone out${fields} is shared by at least ${k} people; otherwise as nation, and as the whole UK where even nations would not pass.`;
  const level = rule?.levels[GEOGRAPHY];
  if (!level) return base;
  const now = level.level === 0 ? "regions" : level.level === 1 ? "nations" : "the whole UK only";
  return `${base} In this release the rows give ${now}.`;
}

/** A split the explorer leaves out, and why. */
export interface SplitNote {
  dim: string;
  title: string;
  /** The one value every published row has. */
  value: string;
  text: string;
}

/**
 * The splits not offered because their column has one value in the published rows, each with why:
 * generalised for k-anonymity (named from the build report) or simply one value in the data.
 */
export function singleValueSplits(dimensions: readonly { name: string; title: string }[], known: ReadonlyMap<string, readonly string[]>, rule: ReleaseRule | undefined): SplitNote[] {
  const notes: SplitNote[] = [];
  for (const d of dimensions) {
    const values = known.get(d.name) ?? [];
    if (values.length !== 1) continue;
    const value = values[0]!;
    const level = rule?.levels[d.name];
    const why =
      level && level.level > 0
        ? `generalised to “${level.name}” so that at least ${rule!.k} people share every combination of the fields that could single someone out`
        : "the published rows hold no other value";
    notes.push({ dim: d.name, title: d.title, value, text: `${d.title}: every published row says “${value}” (${why}), so a split by it would draw one bar.` });
  }
  return notes;
}

/** The fields a release generalises (its quasi-identifiers), by their titles. */
export function quasiTitles(rule: ReleaseRule | undefined, dimensions: readonly { name: string; title: string }[]): string[] {
  if (!rule) return [];
  return Object.keys(rule.levels).map((name) => dimensions.find((d) => d.name === name)?.title ?? name);
}

function listText(items: readonly string[]): string {
  const lower = items.map((s) => s.toLowerCase());
  return lower.length <= 1 ? lower.join("") : `${lower.slice(0, -1).join(", ")} and ${lower[lower.length - 1]}`;
}
