/**
 * The home page, as a Framework page loader: it prints the page's Markdown when the site is built,
 * with the headline figures and the stigma chart drawn into it (scripts/pages/prerender.ts), so they
 * show at first paint and with scripts off.
 */
import { barc10 } from "./components/outcomes/barc.ts";
import { reportFindings, SECTIONS } from "./components/report/findings.ts";
import { findingBlock, findingsFor, sectionLink } from "./components/report/section.ts";
import { headlineCards } from "./components/shared/headline-card.ts";
import { headlineFigures } from "./components/shared/headline-figures.ts";
import { createDocument, enhanceScript, instruments, personRules, printPage, rawHtml, releaseInfo, responsive, topicTables } from "../scripts/pages/prerender.ts";
import { topFindings, topFindingsBlock } from "./components/report/top-findings.ts";
import { publishedDatasets } from "../loaders/site-data.ts";

const doc = createDocument();
const rules = personRules();
const headlines = topicTables("headlines");
const datasets = publishedDatasets();
const topList = topFindings(headlines);
const findings = reportFindings(headlines, barc10(instruments()), rules, datasets);
// Stigma in services first when the release has it; else the first part of the evidence it has. A part
// whose data is not yet collected is never mentioned.
const focusSection = [SECTIONS.find((s) => s.id === "stigma")!, ...SECTIONS].find((s) => findingsFor(findings, s.id).length > 0);
const focus = focusSection ? findingsFor(findings, focusSection.id)[0] : undefined;
const cards = headlineFigures(headlines);

const topBlock = topList.length === 0 ? "" : `## What matters first

${rawHtml(topFindingsBlock(topList, releaseInfo(), { document: doc }))}`;

const cardsBlock = cards.length === 0 ? "" : `## The evidence at a glance

${rawHtml(headlineCards(cards, { document: doc }))}

<p class="lero-source">Figures are rounded: counts of people to the nearest ${rules.rounding}. [c] means a figure is hidden to protect confidentiality. <a href="/methods">How the figures are made</a>.</p>`;

const focusIntro = focusSection?.id === "stigma"
  ? "People who use drugs tell us where they meet stigma. This chart comes straight from the latest survey; the [report](/report) has one like it for every part of the evidence."
  : "This chart comes straight from the latest data; the [report](/report) has one like it for every part of the evidence.";
const focusBlock = focus && focusSection ? `## In focus: ${focusSection.about}

${focusIntro}

${rawHtml(responsive((width) => findingBlock(focus, { width, document: doc })))}

${rawHtml(sectionLink(focusSection.id, { document: doc }))}` : "";

printPage(`
---
title: LERO Evidence
toc: false
---

# Evidence from Lived Experience Recovery Organisations

Lived Experience Recovery Organisations (LEROs) are independent UK organisations led by people with lived experience of drug or alcohol problems and recovery. They run peer support, recovery cafés, mutual aid, sober social events, housing, training and family support, and they reach people that treatment services often do not. Most sit outside the national treatment monitoring system, so their impact is under-evidenced.

The College of Lived Experience Recovery Organisations (CLERO) trains peer researchers, people with lived experience of recovery, to audit research, evaluation and innovation in LEROs and to find out how LEROs meet quality standards. This site brings that evidence together with a survey of the stigma people who use drugs meet in services and with recovery capital measured over time. Every figure is anonymised and checked so that no person or small charity can be singled out.

${topBlock}

${cardsBlock}

${focusBlock}

## Read more

- [The evidence report](/report): the key findings in two minutes, with charts; printable.
- [Stories](/stories/): LEROs' impact in the words of the people involved.
- [Explore the data](/explore): query the published data in your browser.
- [Methods and data](/methods): how the data was collected and protected, downloads and how to cite.

${enhanceScript()}
`);
