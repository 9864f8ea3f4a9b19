/**
 * Stigma in services, as a Framework page loader: it prints the page's Markdown when the site is built,
 * with every chart drawn into it (scripts/pages/prerender.ts), so the charts show at first paint and
 * with scripts off.
 *
 * The quote picker needs no input library: the quotes for each choice are drawn here too (the overview
 * shown, each setting's in a `<template>`), and `components/stigma/picker.ts` swaps them.
 */
import { stigmaLead } from "./components/stigma/lead.ts";
import { quotesList, type QuoteRow } from "./components/stigma/quotes.ts";
import { rolesFigure, type RoleRow } from "./components/stigma/roles.ts";
import { scalesFigure, type ScalesRow } from "./components/stigma/scales.ts";
import { shareFigure, type ShareRow } from "./components/stigma/share.ts";
import { phraseElement } from "./components/shared/measure-figure.ts";
import type { AggregateTable } from "./components/shared/headline-figures.ts";
import { sourceLine } from "./components/shared/sources.ts";
import { createDocument, enhanceScript, personRules, printIfNotCollected, printPage, rawHtml, responsive, topicTables } from "../scripts/pages/prerender.ts";

printIfNotCollected("stigma", { title: "Stigma", heading: "Stigma in services" });
const doc = createDocument();
const tables = topicTables("stigma") as Record<string, AggregateTable & { notes?: string[] }>;
const rowsOf = <T>(id: string): T[] => tables[id]!.rows as unknown as T[];
const notes = (id: string) => tables[id]?.notes;
const SOURCE = sourceLine("stigma");
const enacted = rowsOf<ShareRow>("stigma-enacted-by-setting");
const avoided = rowsOf<ShareRow>("stigma-avoided-by-setting");
const lead = stigmaLead({ enacted, avoided, anyByRole: rowsOf("stigma-enacted-any-by-role") } as Parameters<typeof stigmaLead>[0]);
const settings = enacted.map((r) => r.setting);
const quotes = rowsOf<QuoteRow>("stigma-quotes");
const chart = (draw: (width: number) => Element): string => rawHtml(responsive(draw));

const leadParagraph = doc.createElement("p");
leadParagraph.className = "stigma-lead";
const headline = doc.createElement("strong");
headline.textContent = `${lead.headline}.`;
leadParagraph.append(headline, " ", phraseElement(lead.parts, { document: doc }));

// The picker (shown once its script runs), the overview, and each setting's quotes for the picker.
const picker = doc.createElement("form");
picker.className = "stigma-quote-picker";
picker.hidden = true;
const label = doc.createElement("label");
const select = doc.createElement("select");
select.name = "setting";
for (const choice of ["All settings", ...settings]) {
  const option = doc.createElement("option");
  option.value = choice;
  option.textContent = choice;
  select.append(option);
}
label.append("Quotes about ", select);
picker.append(label);
const view = doc.createElement("div");
view.className = "stigma-quote-view";
view.append(quotesList(quotes, { perSetting: 2, document: doc }));
const choices = ["All settings", ...settings].map((choice) => {
  const template = doc.createElement("template");
  template.className = "stigma-quote-choice";
  template.dataset.setting = choice;
  template.content.append(quotesList(quotes, choice === "All settings" ? { perSetting: 2, document: doc } : { setting: choice, document: doc }));
  return rawHtml(template);
});

printPage(`
---
title: Stigma
---

# Stigma in services

${rawHtml(leadParagraph)}

<p class="stigma-definition"><strong>Enacted stigma</strong> here means a person said at least one of these happened often or very often: staff treated them with less respect because of substance use; staff were slower to help or refused help; staff spoke about them in a judging way. <strong>Anticipated stigma</strong> is what people expect next time; <strong>internalised stigma</strong> is how it made them feel about themselves. The items are adapted from the Substance Use Stigma Mechanisms Scale (Smith et al., 2016) and asked separately for each setting. This page counts stigma met <strong>often or very often</strong>; the home page, the report and the region pages count stigma met <strong>sometimes or more often</strong>, a wider measure, so their shares are higher.</p>

## Where people meet stigma

${chart((width) => shareFigure(enacted, { id: "stigma-where", measure: "enacted", source: SOURCE, width, notes: notes("stigma-enacted-by-setting"), document: doc }))}

## Expected, met and felt: three kinds of stigma

${chart((width) => scalesFigure(rowsOf<ScalesRow>("stigma-scales-by-setting"), { id: "stigma-kinds", source: SOURCE, width, notes: notes("stigma-scales-by-setting"), document: doc }))}

## Stigma keeps people away from care

${chart((width) => shareFigure(avoided, { id: "stigma-avoided", measure: "avoided", source: SOURCE, width, notes: notes("stigma-avoided-by-setting"), document: doc }))}

## People in recovery, family members and workers

Respondents answered as a person in recovery, a family member or a worker. Where fewer than 10 people in a role answered about a setting, or the number who met stigma is small, the figure is hidden ([c]).

${chart((width) => rolesFigure(rowsOf<RoleRow>("stigma-enacted-by-role-setting"), { id: "stigma-roles", source: SOURCE, rules: personRules(), width, notes: notes("stigma-enacted-by-role-setting"), document: doc }))}

## In their own words

People's own words, from those who agreed to be quoted without their name. Quotes are left as said: personal details are replaced by placeholders such as [name], and the same words from several people appear once. Nothing else about the person is published with their words.

${rawHtml(picker)}

${rawHtml(view)}

${choices.join("\n")}

${enhanceScript()}

\`\`\`js
import {quotePicker} from "./components/stigma/picker.js";
quotePicker(document.getElementById("observablehq-main"));
\`\`\`
`);
