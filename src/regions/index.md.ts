/**
 * The Regions page, as a Framework page loader: it prints the page's Markdown when the site is built,
 * with the tile map drawn into it for every measure (scripts/pages/prerender.ts): the first shown, the
 * others in `<template>`s that `components/regions/map-picker.ts` swaps in when a measure is chosen.
 * The map, its table and the list of regions show at first paint and with scripts off.
 */
import { formatTileValue, tileMapFigure, tileMapTitle } from "../components/regions/tile-map.ts";
import { regionMeasures, UK, type RegionMeasure, type Table } from "../components/regions/measures.ts";
import { loadRegions, regionSlug } from "../../loaders/reference.ts";
import { notCollected } from "../components/shared/not-collected.ts";
import { createDocument, enhanceScript, printPage, radioGroup, rawHtml, responsive, topicTables } from "../../scripts/pages/prerender.ts";

const doc = createDocument();
const regions = loadRegions().map((region) => ({ ...region, slug: regionSlug(region.name) }));
const measures = regionMeasures(topicTables("regions") as unknown as Record<string, Table>, topicTables("outcomes") as unknown as Record<string, Table>);

/** The map of one measure, at both widths, with its title, table and source. */
function mapOf(measure: RegionMeasure): HTMLElement {
  const data = regions.map((r) => ({ region: r.name, ...measure.at(r.name) }));
  const uk = measure.at(UK);
  return responsive((width) =>
    tileMapFigure(regions, data, measure, {
      id: "regions-map",
      title: tileMapTitle(regions, data, measure),
      subtitle: `${measure.subtitle} UK: ${formatTileValue(uk.value, measure.kind)}.`,
      source: measure.source,
      notes: measure.notes,
      width: Math.min(width, 520),
      href: (slug) => `./${slug}.html`,
      document: doc,
    }),
  );
}

// The measure control: radio buttons, shown only when scripts run (without them they could do nothing).
const picker = doc.createElement("form");
picker.className = "lero-map-picker";
picker.append(radioGroup(doc, "Measure shown", "measure", measures.map((m) => [m.id, m.label] as const), measures[0]?.id ?? ""));
// One measure needs no choice.
if (measures.length < 2) picker.hidden = true;

const view = doc.createElement("div");
view.className = "lero-map-view";
if (measures[0]) view.append(mapOf(measures[0]));
else view.append(notCollected("audit", { document: doc }));
const choices = measures.map((measure) => {
  const template = doc.createElement("template");
  template.className = "lero-map-choice";
  template.dataset.choice = measure.id;
  template.content.append(mapOf(measure));
  return rawHtml(template);
});

const list = doc.createElement("ul");
list.className = "lero-region-list";
for (const r of regions) {
  const item = doc.createElement("li");
  const link = doc.createElement("a");
  link.href = `./${r.slug}.html`;
  link.textContent = r.name;
  item.append(link);
  if (r.nation === "Wales" && r.name_cy && r.name_cy !== r.name) {
    const welsh = doc.createElement("span");
    welsh.lang = "cy";
    welsh.className = "lero-region-cy";
    welsh.textContent = ` (${r.name_cy})`;
    item.append(welsh);
  }
  list.append(item);
}

printPage(`
---
title: Regions
---

# Regions

LEROs work in every part of the UK. This page shows how the evidence differs between the 12 UK regions: the nine English regions, Wales, Scotland and Northern Ireland. Choose a measure to colour the map; select a region (or press Tab to reach it) to open its page, where its figures sit beside the UK's.

Regions hold very different numbers of LEROs and people, so some regional figures rest on small numbers and some are hidden ([c]) to protect confidentiality. A difference between two regions may be chance, and none of these figures ranks LEROs.

## Map of the regions

<div class="lero-noscript"><noscript><style>.lero-map-picker { display: none; }</style></noscript></div>

${rawHtml(picker)}

${rawHtml(view)}

${choices.join("\n")}

## Every region

${rawHtml(list)}

${enhanceScript("../")}

\`\`\`js
import {mapPicker} from "../components/regions/map-picker.js";
mapPicker(document.getElementById("observablehq-main"));
\`\`\`
`);
