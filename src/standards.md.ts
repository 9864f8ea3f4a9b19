/**
 * Quality standards, as a Framework page loader: it prints the page's Markdown when the site is built,
 * with every chart drawn into it (scripts/pages/prerender.ts), so the charts show at first paint and
 * with scripts off.
 */
import type { StandardsRow } from "./components/standards/by-stage.ts";
import { standardsByStage } from "./components/standards/by-stage.ts";
import { standardsNotes } from "./components/standards/notes.ts";
import { standardsStatus, type Statement } from "./components/standards/status.ts";
import { standardsSummary } from "./components/standards/summary.ts";
import { sourceLine } from "./components/shared/sources.ts";
import type { AggregateTable } from "./components/shared/headline-figures.ts";
import { describeRules } from "./lib/disclosure-rules.ts";
import { createDocument, enhanceScript, organisationRules, printIfNotCollected, printPage, rawHtml, responsive, topicTables } from "../scripts/pages/prerender.ts";

printIfNotCollected("standards", { title: "Quality standards", heading: "Quality standards in LEROs" });
const doc = createDocument();
const tables = topicTables("standards") as Record<string, AggregateTable & { notes?: string[] }>;
const headlines = topicTables("headlines");
const statementsTable = tables["standards-statements"]!;
const statements = statementsTable.rows as unknown as Statement[];
const sections = [...new Set(statements.map((s) => s.section))];
const status = tables["standards-statement-status"]!.rows as unknown as StandardsRow[];
const byStage = tables["standards-in-place-by-stage"]!;
const source = sourceLine("standards");

let illustrative = "";
if (statementsTable.notes?.length) {
  const note = doc.createElement("p");
  note.className = "standards-illustrative";
  note.setAttribute("role", "note");
  note.textContent = statementsTable.notes.join(" ");
  illustrative = rawHtml(note);
}

const statusFigures = sections
  .map((section, i) => rawHtml(responsive((width) => standardsStatus(status, statements, { id: `standards-status-${i + 1}`, section, source, width, document: doc }))))
  .join("\n\n");

printPage(`
---
title: Quality standards
---

# Quality standards in LEROs

CLERO's national LERO standards set out what a good Lived Experience Recovery Organisation looks like, in statements grouped in four sections: culture and values; support offer; staff and volunteers; operations and management. They are guidance that LEROs aspire to, not an accreditation. Each LERO assessed itself against every statement: in place, partly in place, not yet in place, or not applicable (some statements apply only to LEROs with a formal structure).

${illustrative}

## Key findings

${rawHtml(standardsSummary({ status, statements, byStage: byStage.rows as unknown as StandardsRow[], headlines }, { document: doc }))}

${describeRules(organisationRules(), "organisation")} Any count that would reveal a hidden one is hidden too. See [Methods and data](/methods).

## How far each statement is in place

${statusFigures}

## Statements in place by stage of development

Larger, more established LEROs might be expected to have more of the standards in place. Each LERO's stage comes from the audit of LEROs, linked through the LERO's pseudonym (never its name).

${rawHtml(responsive((width) => standardsByStage(byStage.rows as unknown as StandardsRow[], { id: "standards-in-place-by-stage", source: `${source}, linked to the audit of LEROs`, notAvailable: byStage.notes?.[0] ?? "Not available for the current data.", width, document: doc })))}

## Good practice in LEROs' own words

Notes that LEROs wrote about how they meet a statement, published with their consent. They are not part of the figures above.

${rawHtml(standardsNotes(tables["standards-good-practice"]!.rows as { statement_id?: unknown; note?: unknown }[], statements, { id: "standards-good-practice", source: `${source}; consented notes`, document: doc }))}

${enhanceScript()}
`);
