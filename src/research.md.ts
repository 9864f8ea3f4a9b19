/**
 * Research and evaluation, as a Framework page loader: it prints the page's Markdown when the site is
 * built, with every chart drawn into it (scripts/pages/prerender.ts), so the charts show at first paint
 * and with scripts off.
 *
 * The "Break down by" switch needs no script: each grid is drawn for both breakdowns, and a plain radio
 * group shows one (`.research-breakdown` in src/style.css, by `:has()`); the stage grid shows first.
 */
import { researchAudit } from "./components/research/audit.ts";
import type { ResearchRow } from "./components/research/text.ts";
import { researchHeatmap } from "./components/research/heatmap.ts";
import { researchOptions } from "./components/research/options.ts";
import { researchQuotes } from "./components/research/quotes.ts";
import { researchShare } from "./components/research/share.ts";
import { researchSummary } from "./components/research/summary.ts";
import { describeRules } from "./lib/disclosure-rules.ts";
import { createDocument, enhanceScript, organisationRules, printIfNotCollected, printPage, radioGroup, rawHtml, responsive, topicTables } from "../scripts/pages/prerender.ts";

printIfNotCollected("audit", { title: "Research and evaluation", heading: "Research and evaluation in LEROs" });
const doc = createDocument();
const tables = topicTables("research");
const { wave, source, stages, regions } = researchAudit(tables);
const table = (question: string, by: string) => tables[`research-${question}-by-${by}`]!.rows as unknown as ResearchRow[];
const BY = { "Stage of development": "stage", Region: "region" } as const;
const chart = (draw: (width: number) => Element): string => rawHtml(responsive(draw));

interface GridOptions {
  optionDim: string;
  optionHeading: string;
  baseLabel: string;
  titleTemplate: string;
  fallbackTitle: string;
}

/** The grid of one question, drawn by stage and by region, with a radio group that shows one (no script needed). */
function breakdown(question: string, options: GridOptions): string {
  const box = doc.createElement("div");
  box.className = "research-breakdown";
  const form = doc.createElement("form");
  form.className = "research-breakdown-switch";
  const fieldset = radioGroup(doc, "Break down by", `research-${question}-by`, Object.entries(BY).map(([label, by]) => [by, label] as const), "stage");
  form.append(fieldset);
  box.append(form);
  for (const by of Object.values(BY)) {
    const view = doc.createElement("div");
    view.className = "research-breakdown-view";
    view.dataset.by = by;
    view.append(
      responsive((width) =>
        researchHeatmap(table(question, by), {
          id: `research-${question}-by-${by}`,
          groupDim: by,
          groups: by === "stage" ? stages : regions,
          groupNoun: by === "stage" ? "stage of development" : "region",
          source,
          wave,
          width,
          document: doc,
          ...options,
        }),
      ),
    );
    box.append(view);
  }
  return rawHtml(box);
}

printPage(`
---
title: Research and evaluation
---

# Research and evaluation in LEROs

CLERO's peer researchers, people with lived experience of recovery, audit how Lived Experience Recovery Organisations (LEROs) gather and use evidence of the difference they make: whether they evaluate their work, with which methods and tools, what gets in the way, what they use the evidence for, and what new work they have started. Each LERO counts once, from the latest audit wave.

## Key findings

${rawHtml(
  researchSummary(
    {
      wave: tables["research-wave"],
      evaluates: tables["research-evaluates-by-stage"],
      methods: tables["research-methods-by-stage"],
      barriers: tables["research-barriers-by-stage"],
      uses: tables["research-uses-by-stage"],
      innovation: tables["research-innovation-by-stage"],
    } as Parameters<typeof researchSummary>[0],
    { document: doc },
  ),
)}

Percentages are of the LEROs in each group. ${describeRules(organisationRules(), "organisation")} Any count that would reveal a hidden one is hidden too. See [Methods and data](/methods).

## How many LEROs evaluate their work

${chart((width) => researchShare(table("evaluates", "stage"), { id: "research-evaluates-by-stage", measure: "leros-evaluating", groupDim: "stage", groupHeading: "Stage of development", doing: "evaluate their work", countHeading: "Evaluate their work", source, wave, width, document: doc }))}

${chart((width) => researchShare(table("evaluates", "region"), { id: "research-evaluates-by-region", measure: "leros-evaluating", groupDim: "region", groupHeading: "Region", doing: "evaluate their work", countHeading: "Evaluate their work", source, wave, width, document: doc }))}

## Methods and tools

Routine monitoring, recovery-capital tools (REC-CAP, BARC-10, the Assessment of Recovery Capital), the Outcomes Star, surveys, case studies and partnerships with evaluators or universities.

${chart((width) => researchOptions(table("methods", "stage"), { id: "research-methods", optionDim: "evaluation_methods", groupDim: "stage", titleTemplate: "The method LEROs use most: {option}, by {percent} of all LEROs", optionHeading: "Method or tool", baseLabel: "all LEROs", sort: true, source, wave, width, document: doc }))}

${breakdown("methods", { optionDim: "evaluation_methods", optionHeading: "Method or tool", baseLabel: "all LEROs", titleTemplate: "{Option} varies most: used by {low} of {lowGroup} and {high} of {highGroup}", fallbackTitle: "Methods and tools in use, by group" })}

## Barriers to evidencing impact

${chart((width) => researchOptions(table("barriers", "stage"), { id: "research-barriers", optionDim: "barriers", groupDim: "stage", titleTemplate: "{Option}: the barrier LEROs name most often ({percent})", optionHeading: "Barrier", baseLabel: "LEROs that answered", sort: true, source, wave, width, document: doc }))}

${breakdown("barriers", { optionDim: "barriers", optionHeading: "Barrier", baseLabel: "LEROs that answered", titleTemplate: "{Option} varies most: named by {low} of {lowGroup} and {high} of {highGroup}", fallbackTitle: "Barriers to evidencing impact, by group" })}

## What LEROs use evidence for

${chart((width) => researchOptions(table("uses", "stage"), { id: "research-uses", optionDim: "evidence_uses", groupDim: "stage", titleTemplate: "LEROs use evidence most for {option} ({percent}) and {second} ({secondPercent})", optionHeading: "Use of evidence", baseLabel: "LEROs that answered", sort: true, source, wave, width, document: doc }))}

${breakdown("uses", { optionDim: "evidence_uses", optionHeading: "Use of evidence", baseLabel: "LEROs that answered", titleTemplate: "{Option} varies most: {low} of {lowGroup} and {high} of {highGroup}", fallbackTitle: "Uses of evidence, by group" })}

## Innovation

New or innovative work started in the last year.

${chart((width) => researchOptions(table("innovation", "stage"), { id: "research-innovation", optionDim: "innovation_categories", groupDim: "stage", titleTemplate: "The most common new work: {option} ({percent} of LEROs)", optionHeading: "Kind of new work", baseLabel: "LEROs that answered", sort: true, source, wave, width, document: doc }))}

${breakdown("innovation", { optionDim: "innovation_categories", optionHeading: "Kind of new work", baseLabel: "LEROs that answered", titleTemplate: "{Option} varies most: {low} of {lowGroup} and {high} of {highGroup}", fallbackTitle: "New work started in the last year, by group" })}

### Innovations in LEROs' own words

Descriptions that LEROs agreed to publish, with personal details replaced by placeholders. They are not part of the figures above and are not linked to any LERO.

${rawHtml(researchQuotes(tables["research-innovation-descriptions"]!.rows as { description?: unknown }[], { id: "research-innovation-quotes", source: `${source}; consented descriptions`, document: doc }))}

${enhanceScript()}
`);
