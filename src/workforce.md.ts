/**
 * Peer research workforce, as a Framework page loader: it prints the page's Markdown when the site is
 * built, with every chart drawn into it (scripts/pages/prerender.ts), so the charts show at first paint
 * and with scripts off.
 */
import { backgroundFigure, type CountTable } from "./components/workforce/background.ts";
import { confidenceFigure, confidenceTitle, type ConfidenceRow } from "./components/workforce/confidence.ts";
import { daysFigure, type DayRow } from "./components/workforce/days.ts";
import { feedbackList } from "./components/workforce/feedback.ts";
import { cohortsOf, traineesPhrase } from "./components/workforce/lead.ts";
import { phraseElement } from "./components/shared/measure-figure.ts";
import { sourceLine } from "./components/shared/sources.ts";
import { describeRules } from "./lib/disclosure-rules.ts";
import { createDocument, enhanceScript, personRules, printIfNotCollected, printPage, rawHtml, responsive, topicTables } from "../scripts/pages/prerender.ts";

printIfNotCollected("workforce", { title: "Peer research workforce", heading: "Peer research workforce" });
const doc = createDocument();
const tables = topicTables("workforce") as unknown as Record<string, CountTable & { notes?: string[] }>;
const rules = personRules();
const SOURCE = sourceLine("workforce");
const confidence = tables["workforce-confidence"]!.rows as unknown as ConfidenceRow[];
const days = tables["workforce-day-ratings"]!.rows as unknown as DayRow[];
const cohorts = cohortsOf(tables["workforce-cohort"]!);
const chart = (draw: (width: number) => Element): string => rawHtml(responsive(draw));

const lead = doc.createElement("p");
lead.className = "workforce-lead";
const headline = doc.createElement("strong");
headline.textContent = `${confidenceTitle(confidence)}.`;
lead.append("CLERO trains people with lived experience of recovery as peer researchers, so that LEROs can audit and evaluate their own work. ", headline, " ", phraseElement(traineesPhrase(tables["workforce-cohort"]!), { document: doc }));

const background = (table: string, id: string, question: "prior_research_experience" | "higher_education" | "attendance", labelHeading: string, sort = false) =>
  chart((width) => backgroundFigure(tables[table]!, { id, question, labelHeading, source: SOURCE, rules, width, document: doc, ...(sort ? { sort } : {}) }));

printPage(`
---
title: Peer research workforce
---

# Peer research workforce

${rawHtml(lead)}

Cohorts are small, and the rules for counts of people apply to every figure about trainees. ${describeRules(rules, "person")} Differences between cohorts of this size are easily due to chance.

## Confidence in research skills

${chart((width) => confidenceFigure(confidence, { id: "workforce-confidence-all", source: SOURCE, width, notes: tables["workforce-confidence"]!.notes, document: doc }))}

### By cohort

${chart((width) => confidenceFigure(confidence, { id: "workforce-confidence-cohorts", cohorts, source: SOURCE, width, notes: tables["workforce-confidence"]!.notes, document: doc }))}

## How useful each training day was

${chart((width) => daysFigure(days, { id: "workforce-days", source: SOURCE, width, notes: tables["workforce-day-ratings"]!.notes, document: doc }))}

## Who took part

${background("workforce-prior-research-experience", "workforce-prior-research", "prior_research_experience", "Research done before the training")}

${background("workforce-higher-education", "workforce-higher-education-chart", "higher_education", "Studied at college or university level")}

${background("workforce-attendance", "workforce-attendance-chart", "attendance", "How they attended most sessions", true)}

## In their own words

Feedback from trainees who agreed to be quoted without their name. Personal details are replaced by placeholders such as [email]; the same words from several trainees appear once. Nothing else about the trainee is published with their words.

${rawHtml(feedbackList(tables["workforce-feedback"]!.rows as never, { document: doc }))}

${enhanceScript()}
`);
