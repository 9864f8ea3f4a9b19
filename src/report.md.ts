/**
 * The evidence report, as a Framework page loader: it prints the page's Markdown when the site is
 * built, with every finding's chart drawn into it (scripts/pages/prerender.ts). The page's HTML holds
 * every chart, description and table, so it reads the same with scripts off and draws at first paint.
 */
import { barc10 } from "./components/outcomes/barc.ts";
import { reportFindings } from "./components/report/findings.ts";
import { findingList, reportSection } from "./components/report/section.ts";
import { SECTIONS } from "./components/report/findings.ts";
import { publishedDatasets } from "../loaders/site-data.ts";
import { describeRules } from "./lib/disclosure-rules.ts";
import { createDocument, enhanceScript, instruments, personRules, printPage, rawHtml, releaseInfo, responsive, topicTables } from "../scripts/pages/prerender.ts";
import { topFindings, topFindingsBlock, topFindingsIntro } from "./components/report/top-findings.ts";

const doc = createDocument();
const rules = personRules();
const headlines = topicTables("headlines");
const datasets = publishedDatasets();
const findings = reportFindings(headlines, barc10(instruments()), rules, datasets);
const topList = topFindings(headlines);
// Only the parts of the evidence the release has: a part whose data is not yet collected is not mentioned.
const sections = SECTIONS.filter((s) => datasets.includes(s.dataset));
const abouts = sections.map((s) => s.about);
const covers = abouts.length === 1 ? abouts[0]! : `${abouts.slice(0, -1).join(", ")} and ${abouts.at(-1)!}`;

const topBlock = topList.length === 0 ? "" : `## What matters first

${topFindingsIntro(topList)} Open a press box for the exact words to quote, the definition, base and caveats, and how to cite them.

${rawHtml(topFindingsBlock(topList, releaseInfo(), { document: doc }))}`;

const sectionBlocks = sections.map((s) => `## ${s.title}

${rawHtml(responsive((width) => reportSection(findings, s.id, { width, document: doc })))}`).join("\n\n");

const about = [
  "This report is generated from the data published on this site.",
  ...(datasets.includes("stigma") ? ["The questions on stigma are adapted from the Substance Use Stigma Mechanisms Scale (Smith et al., 2016) and are asked separately for each service; results are not comparable with scores on the published scale."] : []),
  ...(datasets.includes("outcomes") ? ["Recovery capital is measured with BARC-10 (Vilsaint et al., 2017); the outcomes are not a controlled comparison, and people who stay in touch may differ from those who do not."] : []),
  "Full methods, data downloads and how to cite are on [Methods and data](/methods).",
].join(" ");

printPage(`
---
title: The evidence report
---

<div class="lero-report-cover">

# The evidence report

Lived Experience Recovery Organisations (LEROs) and the College of Lived Experience Recovery Organisations (CLERO): what the latest data says about ${covers}.

</div>

${topBlock}

## Key findings

${rawHtml(findingList(findings, { document: doc }))}

Every sentence on this page is written from the published figures when the site is built, so it stays true when the data is updated. ${describeRules(rules, "person")} See [Methods and data](/methods).

${sectionBlocks}

## About this report

${about}

${enhanceScript()}
`);
