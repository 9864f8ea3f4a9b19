/**
 * What the Context page says about the official figures, worked out here so the page only lays it
 * out: which figures each chart shows, the latest figure of each kind for the key list, and whether
 * every figure has been checked against its primary publication. Figures from different nations are
 * kept apart: nothing here adds them up.
 */
import type { ContextFigure } from "./figures.js";

/** A value as the page writes it: "5,448", "93" (at most one decimal). */
export function formatContextValue(value: number): string {
  return value.toLocaleString("en-GB", { maximumFractionDigits: 1 });
}

const isOns = (f: ContextFigure): boolean => f.publisher.startsWith("Office for National Statistics");

/** The figures of each chart on the page, by what they count and who publishes them. */
export function contextGroups(figures: readonly ContextFigure[]): Record<"onsDeaths" | "onsRates" | "scotland" | "northernIreland" | "treatment", ContextFigure[]> {
  return {
    onsDeaths: figures.filter((f) => isOns(f) && f.unit === "deaths"),
    onsRates: figures.filter((f) => isOns(f) && f.unit === "per million people"),
    scotland: figures.filter((f) => f.nation_or_area === "Scotland"),
    northernIreland: figures.filter((f) => f.nation_or_area === "Northern Ireland"),
    treatment: figures.filter((f) => f.measure.startsWith("adults in contact")),
  };
}

/** The figure with the latest period (the first of equals), or undefined for none. */
export function latestOf(figures: readonly ContextFigure[]): ContextFigure | undefined {
  return figures.reduce<ContextFigure | undefined>((a, b) => (a === undefined || b.period > a.period ? b : a), undefined);
}

/** One line of the key list: the figure in bold, then what it counts. */
export interface KeyFigure {
  value: string;
  text: string;
}

const year = (period: string): string => period.replace(" registrations", "");

/** The latest figure of each kind, as the sentences at the top of the page. */
export function contextKeyFigures(figures: readonly ContextFigure[]): KeyFigure[] {
  const ew = latestOf(figures.filter((f) => isOns(f) && f.nation_or_area === "England and Wales" && f.measure === "deaths related to drug poisoning"));
  const scot = latestOf(figures.filter((f) => f.nation_or_area === "Scotland"));
  const ni = latestOf(figures.filter((f) => f.nation_or_area === "Northern Ireland" && f.measure === "drug-related deaths"));
  const treat = latestOf(figures.filter((f) => f.measure.startsWith("adults in contact")));
  const lines: KeyFigure[] = [];
  if (ew) lines.push({ value: formatContextValue(ew.value), text: ` deaths related to drug poisoning were registered in England and Wales in ${year(ew.period)} (ONS).` });
  if (scot) lines.push({ value: formatContextValue(scot.value), text: ` drug misuse deaths in Scotland in ${scot.period} (National Records of Scotland), counted on Scotland's own definition.` });
  if (ni) lines.push({ value: formatContextValue(ni.value), text: ` drug-related deaths registered in Northern Ireland in ${year(ni.period)} (NISRA).` });
  if (treat) lines.push({ value: formatContextValue(treat.value), text: ` adults were in contact with drug and alcohol treatment in England in ${treat.period} (OHID).` });
  return lines;
}

/** The key list: `<ul class="lero-context-key">` with one `<li><strong>value</strong> text</li>` a figure. */
export function contextKeyList(figures: readonly ContextFigure[], options: { document?: Document } = {}): HTMLUListElement {
  const doc = options.document ?? document;
  const list = doc.createElement("ul");
  list.className = "lero-context-key";
  for (const line of contextKeyFigures(figures)) {
    const item = doc.createElement("li");
    const strong = doc.createElement("strong");
    strong.textContent = line.value;
    item.append(strong, line.text);
    list.append(item);
  }
  return list;
}

/** Whether every figure has been checked against its primary publication, in a sentence. */
export function checkedNote(figures: readonly ContextFigure[]): string {
  const unchecked = figures.filter((f) => !f.checked).length;
  return unchecked === 0
    ? "Every figure has been checked against the primary publication."
    : `${unchecked} of the ${figures.length} figures have not yet been checked against the primary publication: they were taken from public reporting of the release (the table at the end says how). Check them before quoting.`;
}
