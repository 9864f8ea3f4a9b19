/**
 * The Context page (official statistics), as a Framework page loader: it prints the page's Markdown
 * when the site is built, with every chart and table drawn into it (scripts/pages/prerender.ts), so
 * they show at first paint and with scripts off. Only figures checked against their primary
 * publication are shown (loaders/context-figures.ts).
 */
import { contextFigure } from "./components/context/figures.ts";
import { CONTEXT_SECTIONS, contextGroups, contextKeyList, pendingNotice } from "./components/context/summary.ts";
import { contextSourcesTable } from "./components/context/sources-table.ts";
import { loadContextFigures } from "../loaders/context-figures.ts";
import { createDocument, enhanceScript, printPage, rawHtml, responsive } from "../scripts/pages/prerender.ts";

const doc = createDocument();
const { shown: figures, pending } = loadContextFigures();
const groups = contextGroups(figures);

const sections = CONTEXT_SECTIONS.filter((section) => groups[section.group].length > 0).map((section) => {
  const heading = doc.createElement("h2");
  heading.id = `${section.id}-heading`;
  heading.textContent = section.heading;
  return `${rawHtml(heading)}\n\n${rawHtml(responsive((width) => contextFigure(groups[section.group], { id: section.id, subtitle: section.subtitle, width, document: doc })))}`;
});

const allChecked = doc.createElement("p");
allChecked.textContent = "Every official figure the project holds has been checked against its primary publication.";

printPage(`
---
title: Context
---

# The wider picture: official statistics

LEROs work against a background of high numbers of deaths from drugs and a large treatment system that many people in recovery pass through. These are the official figures, each from the body that publishes it. A figure appears here only once it has been checked against the publisher's own release: the table at the end says where in the publication each one is and when it was read.

${rawHtml(contextKeyList(figures, { document: doc }))}

<div class="lero-context-warning" role="note">
<p><strong>Never add these figures across nations.</strong> England and Wales (ONS), Scotland (National Records of Scotland) and Northern Ireland (NISRA) each define a drug death in their own way: which causes of death and which substances count differ, and so do the rules for when a death is counted (the year it happened or the year it was registered). There is no single UK total, and the figures below are kept apart and labelled with each publisher's measure.</p>
</div>

${sections.join("\n\n")}

## Figures still to be checked

${rawHtml(pendingNotice(pending, { document: doc }) ?? allChecked)}

## All figures and their sources

${rawHtml(contextSourcesTable(figures, { document: doc }))}

All figures are published under the [Open Government Licence v3.0](https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/) by the bodies named. LERO Evidence has not changed them.

${enhanceScript()}
`);
