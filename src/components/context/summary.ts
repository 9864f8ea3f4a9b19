/**
 * What the Context page says about the official figures, worked out here so the page only lays it
 * out: which figures each chart shows, the latest figure of each kind for the key list, and which
 * figures are not shown yet because nobody has checked them against their primary publication.
 * Figures from different nations are kept apart: nothing here adds them up.
 */
import type { ContextFigure } from "./figures.js";
import type { PendingContextFigure } from "../../lib/published.js";

/** A value as the page writes it: "5,448", "93" (at most one decimal). */
export function formatContextValue(value: number): string {
  return value.toLocaleString("en-GB", { maximumFractionDigits: 1 });
}

const isOns = (f: ContextFigure): boolean => f.publisher.startsWith("Office for National Statistics");

/** The figures of each chart on the page, by what they count and who publishes them. */
export function contextGroups(figures: readonly ContextFigure[]): Record<ContextGroup, ContextFigure[]> {
  const rates = figures.filter((f) => isOns(f) && f.unit === "per million people");
  // Areas are compared in one period only: the latest that the rates share.
  const period = latestOf(rates)?.period;
  return {
    onsDeaths: figures.filter((f) => isOns(f) && f.unit === "deaths"),
    onsRates: rates.filter((f) => f.period === period),
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

export type ContextGroup = "onsDeaths" | "onsRates" | "scotland" | "northernIreland" | "treatment";

/** The page's charts, in order: each drawn only when it has a checked figure. */
export const CONTEXT_SECTIONS: readonly { group: ContextGroup; id: string; heading: string; subtitle: string }[] = [
  {
    group: "onsDeaths",
    id: "context-ons-deaths",
    heading: "Deaths in England and Wales",
    subtitle: "Number of deaths registered in the year; ONS measures: deaths related to drug poisoning (all drug poisonings, legal and illegal drugs) and, within them, deaths related to drug misuse. Wales is part of England and Wales.",
  },
  {
    group: "onsRates",
    id: "context-ons-rates",
    heading: "Rates by region in England and Wales",
    subtitle: "Deaths related to drug poisoning per million people, age-standardised (so areas with older or younger populations can be compared), in one year's registrations; ONS.",
  },
  {
    group: "scotland",
    id: "context-nrs-deaths",
    heading: "Deaths in Scotland",
    subtitle: "Drug misuse deaths in the year, National Records of Scotland definition (not the same as the ONS measures: do not compare directly or add).",
  },
  {
    group: "northernIreland",
    id: "context-nisra-deaths",
    heading: "Deaths in Northern Ireland",
    subtitle: "Deaths registered in the year, NISRA measures: drug-related deaths and, within them, drug misuse deaths (NISRA's definitions; not to be added to other nations).",
  },
  {
    group: "treatment",
    id: "context-ohid-treatment",
    heading: "Adults in treatment in England",
    subtitle: "Adults in contact with drug and alcohol treatment services in England during the financial year (April to March); OHID. Most LERO work happens alongside or after treatment, and much of it outside this count.",
  },
];

/** A figure not yet checked against its primary publication: what it is, never its value. */
export type PendingFigure = PendingContextFigure;

/** The unchecked figures, one line per publication: its measures, areas and periods. */
export function pendingLines(pending: readonly PendingFigure[]): string[] {
  const byPublication = new Map<string, PendingFigure[]>();
  for (const f of pending) {
    const key = `${f.publisher}: ${f.publication}`;
    byPublication.set(key, [...(byPublication.get(key) ?? []), f]);
  }
  const list = (values: string[]) => [...new Set(values)].join(", ");
  return [...byPublication].map(([publication, figures]) => `${publication} (${list(figures.map((f) => f.measure))}; ${list(figures.map((f) => f.nation_or_area))})`);
}

/** The paragraph and list that say which figures wait to be checked, or nothing when none does. */
export function pendingNotice(pending: readonly PendingFigure[], options: { document?: Document } = {}): HTMLElement | null {
  if (pending.length === 0) return null;
  const doc = options.document ?? document;
  const section = doc.createElement("div");
  section.className = "lero-context-pending";
  const intro = doc.createElement("p");
  intro.textContent = `${pending.length} more official ${pending.length === 1 ? "figure is" : "figures are"} not shown yet: so far they have been read only in news reports or copies of the release, and each will appear once it has been checked against the publisher’s own. They come from:`;
  const list = doc.createElement("ul");
  for (const line of pendingLines(pending)) {
    const item = doc.createElement("li");
    item.textContent = line;
    list.append(item);
  }
  section.append(intro, list);
  return section;
}
