/**
 * The report's building blocks around the findings: the list of key findings at the top (each linking
 * to its chart), and a finding as a sentence followed by its chart. Text is set with `textContent`; a
 * sentence's figures are spans marked with their measure and key.
 */
import { defined } from "../shared/chart.js";
import { reportBarsFigure } from "./bars.js";
import { SECTIONS, type Finding, type Section } from "./findings.js";
import { phraseNodes } from "../shared/measure-figure.js";

export function findingsFor(findings: readonly Finding[], section: Section): Finding[] {
  return findings.filter((f) => f.section === section);
}

/** The key findings as an ordered list in section order, each with a link to its chart. */
export function findingList(findings: readonly Finding[], options: { document?: Document } = {}): HTMLElement {
  const doc = options.document ?? document;
  const list = doc.createElement("ol");
  list.className = "lero-key-findings";
  for (const section of SECTIONS) {
    for (const finding of findingsFor(findings, section.id)) {
      const item = doc.createElement("li");
      const link = doc.createElement("a");
      link.href = `#${finding.id}-finding`;
      link.className = "lero-finding-link";
      link.textContent = "Chart";
      link.setAttribute("aria-label", `Chart: ${finding.figure.title}`);
      item.append(...phraseNodes(doc, finding.parts), " ", link);
      list.append(item);
    }
  }
  return list;
}

/** A finding: its sentence, then its chart in the figure frame. */
export function findingBlock(finding: Finding, options: { width?: number; document?: Document } = {}): HTMLElement {
  const doc = options.document ?? document;
  const block = doc.createElement("div");
  block.className = "lero-finding-block";
  const sentence = doc.createElement("p");
  sentence.className = "lero-finding";
  sentence.id = `${finding.id}-finding`;
  sentence.append(...phraseNodes(doc, finding.parts));
  block.append(sentence, reportBarsFigure(finding.data, { ...finding.figure, ...defined({ width: options.width }), document: doc }));
  return block;
}

/** The link to the section's full page. */
export function sectionLink(section: Section, options: { document?: Document } = {}): HTMLElement {
  const doc = options.document ?? document;
  const meta = SECTIONS.find((s) => s.id === section)!;
  const p = doc.createElement("p");
  p.className = "lero-more";
  const a = doc.createElement("a");
  a.href = meta.href;
  a.textContent = `${meta.more} →`;
  p.append(a);
  return p;
}

/** A report section's body: each finding with its chart, then the link to the full page. */
export function reportSection(findings: readonly Finding[], section: Section, options: { width?: number; document?: Document } = {}): HTMLElement {
  const doc = options.document ?? document;
  const div = doc.createElement("div");
  div.className = "lero-report-section";
  for (const finding of findingsFor(findings, section)) div.append(findingBlock(finding, options));
  div.append(sectionLink(section, { document: doc }));
  return div;
}
