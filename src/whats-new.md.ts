/**
 * What's new in this release, as a Framework page loader: the comparison the build wrote to
 * `whats-new.json` (loaders/publish/changes.ts), printed as plain HTML at build time.
 */
import type { WhatsNew } from "../loaders/publish/changes.ts";
import { readPublishedJson } from "../loaders/site-data.ts";
import { createDocument, pageTable, printPage, rawHtml } from "../scripts/pages/prerender.ts";

const doc = createDocument();
const news = readPublishedJson<WhatsNew>("whats-new.json");

const count = (n: number) => n.toLocaleString("en-GB");
const figure = (value: number, format: string) =>
  format === "percent" ? `${value.toLocaleString("en-GB", { maximumFractionDigits: 1 })}%` : value.toLocaleString("en-GB", { maximumFractionDigits: 1 });
const longDate = (iso: string) => new Date(`${iso}T12:00:00Z`).toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });

function paragraph(text: string, className?: string): HTMLParagraphElement {
  const p = doc.createElement("p");
  if (className) p.className = className;
  p.textContent = text;
  return p;
}

function list(items: string[]): HTMLUListElement {
  const ul = doc.createElement("ul");
  for (const item of items) {
    const li = doc.createElement("li");
    li.textContent = item;
    ul.append(li);
  }
  return ul;
}

const sections: string[] = [];
const release = `Data version ${news.version}, released ${longDate(news.date)}${news.illustrative ? " (illustrative sample data)" : ""}.`;
const compared = news.previous === null ? "" : ` Compared with version ${news.previous.version}, released ${longDate(news.previous.date)}.`;
const releaseLine = rawHtml(paragraph(`${release}${compared}`, "whats-new-release"));
sections.push(rawHtml(list(news.summary)));

if (news.datasetsAdded.length > 0 || news.datasetsRemoved.length > 0) {
  const rows = [...news.datasetsAdded.map((d) => [d.title, `Added, ${count(d.rows)} rows`]), ...news.datasetsRemoved.map((d) => [d.title, "Not in this release"])];
  sections.push("### Data added or left out", pageTable(doc, "Datasets new in this release or no longer in it", ["Data", "Change"], rows));
}
if (news.rows.length > 0) {
  sections.push(
    "### Rows added",
    pageTable(doc, "Rows published in each dataset, previous release and this one", ["Data", "Before", "Now", "Change"], news.rows.map((r) => [r.title, count(r.before), count(r.after), `${r.added > 0 ? "+" : "−"}${count(Math.abs(r.added))}`]), [1, 2, 3]),
  );
}
if (news.figures.length > 0) {
  sections.push(
    "### Figures that changed beyond their 95% intervals",
    "A figure is listed when its 95% interval in this release does not overlap its 95% interval in the previous one: a change that large is unlikely to be chance alone.",
    pageTable(
      doc,
      "Figures whose 95% intervals in the two releases do not overlap",
      ["Figure", "Before (95% interval)", "Now (95% interval)", "Change"],
      news.figures.map((f) => [
        f.name,
        `${figure(f.before, f.format)} (${figure(f.beforeInterval[0], f.format)} to ${figure(f.beforeInterval[1], f.format)})`,
        `${figure(f.after, f.format)} (${figure(f.afterInterval[0], f.format)} to ${figure(f.afterInterval[1], f.format)})`,
        f.direction === "higher" ? "Higher" : "Lower",
      ]),
      [1, 2],
    ),
  );
}
if (news.definitions.length > 0) {
  sections.push("### Definitions changed", pageTable(doc, "Measures whose definition changed", ["Measure", "Before", "Now"], news.definitions.map((d) => [d.name, d.before, d.after])));
}

printPage(`
---
title: What's new
---

# What's new

${releaseLine}

## What's new in this release

${sections.join("\n\n")}

Every figure and its definition are on the topic pages; how the data is collected and protected is in [Methods and data](/methods). The comparison is also published as [whats-new.json](/data/whats-new.json).
`);
