/**
 * One region's briefing, as a parameterised Framework page loader: Framework runs it once per region
 * page (`/regions/<slug>`, listed in observablehq.config.ts's dynamicPaths) with `--region=<slug>`, and
 * it prints the page's Markdown with every chart drawn into it (scripts/pages/prerender.ts), so the
 * briefing shows at first paint, with scripts off and in print.
 */
import { parseArgs } from "node:util";
import { comparisonFigure, formatMeasure } from "../components/regions/comparison.ts";
import { regionMeasures, UK, type Table } from "../components/regions/measures.ts";
import { assessmentComparisons, breakdownTitle, briefingPrintOffer, settingComparisons } from "../components/regions/briefing.ts";
import { pdfsBuilt } from "../../scripts/print/site.ts";
import { loadContextFigures } from "../../loaders/context-figures.ts";
import { loadRegions, regionSlug } from "../../loaders/reference.ts";
import { readPublishedJson } from "../../loaders/site-data.ts";
import { notCollected } from "../components/shared/not-collected.ts";
import { createDocument, enhanceScript, printPage, rawHtml, responsive, topicTables } from "../../scripts/pages/prerender.ts";

const { values } = parseArgs({ options: { region: { type: "string" } }, strict: false });
const slug = values.region;
const regions = loadRegions();
const region = regions.find((r) => regionSlug(r.name) === slug);
if (!region) {
  throw new Error(`No region has the page "/regions/${String(slug)}": the region pages are ${regions.map((r) => regionSlug(r.name)).join(", ")} (data/reference/regions.csv).`);
}

const doc = createDocument();
const name = region.name;
const regionTables = topicTables("regions") as unknown as Record<string, Table>;
const outcomeTables = topicTables("outcomes") as unknown as Record<string, Table>;
const embedTables = topicTables("embed") as unknown as Record<string, Table>;
const measures = regionMeasures(regionTables, outcomeTables);
const stories = readPublishedJson<{ slug: string; title: string; region?: string; lero?: string }[]>("stories.json");
const official = loadContextFigures().shown.filter((f) => f.nation_or_area === name);
const chart = (draw: (width: number) => Element): string => rawHtml(responsive(draw));
/** A breakdown's chart, or, when the release has none of its data, the note that says so. */
const breakdown = (rows: readonly unknown[], dataset: "stigma" | "outcomes", draw: (width: number) => Element): string => (rows.length > 0 ? chart(draw) : rawHtml(notCollected(dataset, { document: doc })));
const count = (v: unknown, unit: string): string => (typeof v === "number" ? `${v.toLocaleString("en-GB")} ${unit}` : v === null || v === undefined ? "" : `${String(v)} ${unit}`);
const paragraph = (className?: string): HTMLParagraphElement => {
  const p = doc.createElement("p");
  if (className) p.className = className;
  return p;
};
const link = (href: string, text: string): HTMLAnchorElement => {
  const a = doc.createElement("a");
  a.href = href;
  a.textContent = text;
  return a;
};

// Only Wales has an official Welsh name on this site: the Welsh forms of English region names are not shown.
let welsh = "";
if (region.nation === "Wales" && region.name_cy && region.name_cy !== name) {
  const p = paragraph("lero-region-welsh");
  const span = doc.createElement("span");
  span.lang = "cy";
  span.textContent = region.name_cy;
  p.append("In Welsh: ", span);
  welsh = rawHtml(p);
}

const lerosMeasure = measures.find((m) => m.id === "leros");
const leros = lerosMeasure?.at(name);
const ukLeros = lerosMeasure?.at(UK);
const hidden = measures.filter((m) => typeof m.at(name).value !== "number").length;
const intro = paragraph();
intro.textContent = `${name} is one of the 12 regions and nations of the UK${region.nation !== name ? `, in ${region.nation}` : ""}. ${
  typeof leros?.value === "number"
    ? `The latest audit wave includes ${leros.value.toLocaleString("en-GB")} of its LEROs, out of ${formatMeasure(ukLeros?.value ?? null, "count")} across the UK.`
    : lerosMeasure === undefined
      ? "The audit of LEROs is not yet collected, so this release does not count its LEROs."
      : "The number of its LEROs in the audit is hidden to protect confidentiality."
}${hidden > 0 ? ` ${hidden} of the ${measures.length} figures below ${hidden === 1 ? "is" : "are"} hidden ([c]) because they rest on too few people or organisations.` : ""}`;

const comparisonRows = measures.map((m) => {
  const r = m.at(name);
  const u = m.at(UK);
  const unit = m.baseHeading?.toLowerCase() ?? "";
  return {
    label: m.label,
    kind: m.kind,
    region: r.value,
    uk: u.value,
    regionBase: count(r.base, unit),
    ukBase: count(u.base, unit),
    ...(r.interval ? { regionInterval: r.interval } : {}),
    ...(u.interval ? { ukInterval: u.interval } : {}),
    measure: m.measure,
    regionKey: m.key(name),
    ukKey: m.key(UK),
  };
});
const settings = settingComparisons(embedTables["embed-stigma-enacted-by-region"], name);
const assessments = assessmentComparisons(embedTables["embed-barc-mean-by-region"], name);

const local = stories.filter((s) => s.region === name);
let storiesHtml: string;
if (local.length === 0) {
  const p = paragraph();
  p.append(`No story from ${name} has been published yet. `, link("../stories/", "Stories from other regions"), ".");
  storiesHtml = rawHtml(p);
} else {
  const list = doc.createElement("ul");
  list.className = "lero-region-stories";
  for (const s of local) {
    const item = doc.createElement("li");
    item.append(link(`../stories/${s.slug}.html`, s.title));
    if (s.lero) {
      const lero = doc.createElement("span");
      lero.className = "lero-region-story-lero";
      lero.textContent = `(${s.lero})`;
      item.append(" ", lero);
    }
    list.append(item);
  }
  storiesHtml = rawHtml(list);
}

let officialHtml: string;
if (official.length === 0) {
  const p = paragraph();
  p.append(`No official figure for ${name} has yet been checked against its primary publication, so none is shown here. `, link("../context.html", "The Context page lists the official figures and those still to be checked"), ".");
  officialHtml = rawHtml(p);
} else {
  const list = doc.createElement("ul");
  for (const f of official) {
    const item = doc.createElement("li");
    item.append(`${f.measure.charAt(0).toUpperCase()}${f.measure.slice(1)}, ${f.period}: ${f.value.toLocaleString("en-GB")} ${f.unit} (`, link(f.url, f.publisher), ").");
    list.append(item);
  }
  const more = paragraph();
  more.append(link("../context.html", "More official statistics, and why they cannot be added across nations"));
  officialHtml = `${rawHtml(list)}\n\n${rawHtml(more)}`;
}

const codes = paragraph("lero-region-codes");
codes.textContent = `Codes: ITL1 ${region.itl_code}; GSS ${region.gss_code}.`;

printPage(`
---
title: ${JSON.stringify(name)}
toc: false
---

<p class="lero-region-nav"><a href="./">← All regions</a></p>

# ${name}

${welsh}

${rawHtml(intro)}

${rawHtml(briefingPrintOffer(String(slug), pdfsBuilt(), { document: doc }))}

## ${name} beside the UK

${chart((width) =>
  comparisonFigure(comparisonRows, {
    id: `region-${slug}-comparison`,
    regionName: name,
    subtitle: "Each measure on its own scale (0–100% for percentages, 0–60 for BARC-10 totals): blue bars are the region, grey bars the UK; the line across each bar's end is its 95% interval. Bases in the table.",
    source: "LERO Evidence audit of LEROs, stigma survey and outcomes data (BARC-10: Vilsaint et al., 2017)",
    notes: ['Regional figures can rest on small numbers. A region is called higher or lower than the UK only when the two 95% intervals do not overlap (Wilson intervals for percentages, Student\'s t for means); otherwise it is "similar to" the UK. This is not a ranking of LEROs, and change in BARC-10 is not a controlled comparison.'],
    width,
    document: doc,
  }),
)}

## Stigma in services

${breakdown(settings, "stigma", (width) =>
  comparisonFigure(settings, {
    id: `region-${slug}-stigma-settings`,
    regionName: name,
    title: breakdownTitle(settings, name, "stigma met often or very often, setting by setting", (setting) => `at ${setting === "GP" ? "the GP" : setting.charAt(0).toLowerCase() + setting.slice(1)}`),
    subtitle: "Percentage of stigma survey respondents who answered about each setting and met unfair treatment from staff there often or very often (any of three questions); base: respondents who answered about the setting. Blue bars are the region, grey bars the UK; the line across each bar's end is its 95% interval.",
    source: "LERO Evidence stigma survey",
    notes: ["A hidden share ([c]) rests on too few people. A setting is called higher or lower than the UK only when the two 95% intervals (Wilson) do not overlap."],
    width,
    document: doc,
  }),
)}

## Recovery capital

${breakdown(assessments, "outcomes", (width) =>
  comparisonFigure(assessments, {
    id: `region-${slug}-barc-assessments`,
    regionName: name,
    title: breakdownTitle(assessments, name, "mean BARC-10 total at each assessment", (assessment) => `at ${assessment === "Intake" ? "intake" : assessment}`),
    subtitle: "Mean BARC-10 total (10 to 60; higher is more recovery capital) of everyone assessed at each point; base: people assessed then, so not the same people at each point. The line across each bar's end is its 95% interval.",
    source: "LERO Evidence outcomes data (BARC-10: Vilsaint et al., 2017)",
    notes: ["The groups get smaller at each later assessment and may differ from those at intake: this is not change in the same people (the first chart gives that for 12 months)."],
    width,
    document: doc,
  }),
)}

## Stories from ${name}

${storiesHtml}

## Official statistics for this region

${officialHtml}

## More about these figures

- [All regions on the map](./)
- [Recovery capital over time](../outcomes)
- [How these figures are protected](../methods)

${rawHtml(codes)}

${enhanceScript("../")}
`);
