/**
 * Methods and data, as a Framework page loader: it prints the page's Markdown when the site is built,
 * from the release itself (the disclosure policy, the build report, the schemas and datapackage.json),
 * so every number on it is this release's and the page reads the same with scripts off.
 *
 * It opens with a plain-language account a funder or commissioner can read in a few screens (where the
 * data comes from, who is in it, how people and small charities are protected and what that does to
 * the numbers, what the intervals mean, how to cite); the technical detail (settings, the intruder's
 * results, the data dictionary, the files) follows in folded sections, with words for labels, never
 * the settings file's keys. Anchors other pages link to are kept: #illustrative-data, #cite, #licence,
 * #release.
 */
import { loadPolicy, type PolicySetting } from "../loaders/disclose/policy.ts";
import { DATASETS, loadSchema } from "../loaders/schema.ts";
import { readPublishedJson } from "../loaders/site-data.ts";
import type { BuildReport } from "../loaders/pipeline/index.ts";
import type { DataPackage } from "./lib/published.ts";
import { describeRules, SYMBOLS } from "./lib/disclosure-rules.ts";
import { citations } from "./components/report/top-findings.ts";
import { createDocument, pageTable, printPage, rawHtml, releaseInfo } from "../scripts/pages/prerender.ts";

const doc = createDocument();
const policy = loadPolicy();
const datapackage = readPublishedJson<DataPackage>("datapackage.json");
const report = readPublishedJson<BuildReport>("build-report.json");
const release = releaseInfo();
const cite = citations(release);
const { person, organisation } = policy;
const n = (value: number): string => value.toLocaleString("en-GB");
const percent = (share: number): string => `${n(Math.round(share * 1000) / 10)}%`;

const table = (caption: string, columns: string[], rows: (string | Node)[][]): string => pageTable(doc, caption, columns, rows);

// --- Where the data comes from: each dataset, with this release's counts ---------------------------

const WHAT: Record<(typeof DATASETS)[number], { name: string; what: string }> = {
  audit: { name: "Audit of LEROs", what: "CLERO's peer researchers asked LEROs how they evaluate their work, what gets in the way, and how they use evidence and innovate." },
  standards: { name: "Quality standards", what: "Each LERO assessed itself against each statement of the quality standards for lived experience recovery organisations." },
  workforce: { name: "Peer research training", what: "Trainees in CLERO's peer research training rated their confidence before and after, and each training day." },
  stigma: { name: "Stigma survey", what: "People who use drugs, people in recovery, family members and workers said how staff treated them in each kind of service." },
  outcomes: { name: "Recovery outcomes", what: "LEROs measured recovery capital (the BARC-10 questionnaire) when people started with them and at 3, 6 and 12 months." },
};
const units = new Map(report.intruder.microdata.map((m) => [m.dataset, m.units]));
const sourceRows = DATASETS.map((dataset) => {
  const rows = report.datasets[dataset]?.rows;
  if (!rows) return [WHAT[dataset].name, WHAT[dataset].what, "Not yet collected: this release has none of it"];
  const schema = loadSchema(dataset);
  const people = units.get(dataset);
  const size = people !== undefined ? `${n(rows.published)} rows (one row is ${schema.lero.unit}) from ${n(people)} people` : `${n(rows.published)} rows (one row is ${schema.lero.unit})`;
  return [WHAT[dataset].name, WHAT[dataset].what, size];
});

// --- The technical settings, with words for labels ------------------------------------------------

const LEVEL_LABEL = { person: "People", organisation: "Organisations (LEROs)" } as const;
const SETTING_LABEL: Record<string, string> = {
  k: "Smallest group that may share the same identifying details in a row-level file (k)",
  l: "Fewest different answers each such group must give (l)",
  threshold: "Largest count that is hidden",
  rounding: "Counts rounded to the nearest",
  minimumBase: "Fewest behind a mean or percentage",
  maxSuppressionShare: "Most records that may be removed to protect rare combinations",
  maxRejectedShare: "Most rows of an export that may fail the checks before the build stops",
  "symbols.confidential": "Symbol for a figure hidden to protect confidentiality",
  "symbols.notAvailable": "Symbol for a figure not collected",
  "symbols.notApplicable": "Symbol for a combination that cannot occur",
  "symbols.low": "Symbol for a figure above zero that rounds to zero",
  "csvEscape.characters": "Characters that would make a spreadsheet run a cell as a formula",
  "csvEscape.prefix": "Mark put before such a cell in downloads",
  allowedEmails: "E-mail addresses allowed in published text",
};

function settingLabel(setting: PolicySetting): string {
  const level = /^levels\.(person|organisation)\.(\w+)$/.exec(setting.key);
  const label = level ? SETTING_LABEL[level[2]!] : SETTING_LABEL[setting.key];
  if (!label) throw new Error(`data/disclosure.json has a setting "${setting.key}" that the Methods page has no label for: add one to SETTING_LABEL in src/methods.md.ts.`);
  return level ? `${LEVEL_LABEL[level[1] as keyof typeof LEVEL_LABEL]}: ${label.charAt(0).toLowerCase()}${label.slice(1)}` : label;
}

function settingValue(setting: PolicySetting): string {
  const { key, value } = setting;
  if (Array.isArray(value)) return value.length === 0 ? "none" : value.map((v) => (String(v).trim() === "" ? JSON.stringify(v) : String(v))).join(" ");
  if (typeof value === "number" && /Share$/.test(key)) return percent(value);
  if (/\.rounding$/.test(key) && value === 1) return "not rounded";
  return String(value);
}

const settingsTable = table("Disclosure control settings of this release", ["Setting", "Value", "What it means"], policy.settings.map((s) => [settingLabel(s), settingValue(s), s.description]));

// --- The intruder's results ---------------------------------------------------------------------

const intruder = report.intruder;
const range = (i: readonly number[]) => (i[0] === i[1] ? `exactly ${i[0]}` : `${i[0]} to ${i[1]}`);
const microdata = intruder.microdata.filter((m) => m.k !== null).map((m) => `In the ${m.dataset} file the smallest group of people who share their identifying details has ${m.k} members, and every group gives at least ${m.l} different answers to each sensitive question`);

// --- The data dictionary ------------------------------------------------------------------------

const ROLE: Record<string, string> = {
  identifier: "Never published (a pseudonym where rows must be linked)",
  quasi: "Could identify someone in combination: coarsened",
  sensitive: "Published only in protected form",
  "free-text": "Published only with consent, with personal details removed",
  public: "Published",
};
const dictionary = [...DATASETS, "stories" as const].map((name) => {
  const schema = loadSchema(name);
  const heading = doc.createElement("h3");
  heading.id = `dictionary-${name}`;
  heading.textContent = schema.title;
  const intro = doc.createElement("p");
  intro.textContent = `${schema.description} One row is ${schema.lero.unit}. Published as ${schema.lero.publish === "microdata" ? "row-level data and tables" : "tables only"}.`;
  const rows = schema.fields.map((f) => [
    f.title ?? f.name,
    f.name,
    f.type === "list" ? `list of ${f.itemType ?? "string"}` : f.type,
    ROLE[f.lero.role] ?? f.lero.role,
    (f.categories ?? []).map((c) => (typeof c === "string" ? c : c.label ?? c.value)).join("; "),
    f.description ?? "",
  ]);
  return `${rawHtml(heading)}\n\n${rawHtml(intro)}\n\n${table(`Fields of the ${schema.title.charAt(0).toLowerCase()}${schema.title.slice(1)} data`, ["Field", "Column name", "Type", "How it is published", "Values", "Description"], rows)}`;
});

// --- The files ----------------------------------------------------------------------------------

const files = table(
  "Published files",
  ["File", "What it is", "Size", "SHA-256 (first 16 characters)"],
  datapackage.resources.map((r) => {
    const link = doc.createElement("a");
    link.href = `./data/${r.path}`;
    // Copied to data/ by scripts/build.ts: "external" tells Framework it is not a page or a file of its own.
    link.rel = "external";
    link.setAttribute("download", "");
    link.textContent = r.path;
    const code = doc.createElement("code");
    code.textContent = `${r.hash.replace("sha256:", "").slice(0, 16)}…`;
    return [link, r.title ?? "", `${(r.bytes / 1024).toLocaleString("en-GB", { maximumFractionDigits: 1 })} KB`, code];
  }),
);

const citation = (label: string, text: string): string => {
  const p = doc.createElement("p");
  p.className = "lero-methods-citation";
  const strong = doc.createElement("strong");
  strong.textContent = `${label}: `;
  const code = doc.createElement("code");
  code.textContent = text;
  p.append(strong, code);
  return rawHtml(p);
};

// A folder that mixes real exports with the bundled sample's files is marked illustrative as a whole;
// say which parts were the sample rather than claim every dataset was generated.
const published = datapackage.lero.datasets ?? [];
const sampleParts = datapackage.lero.sampleDatasets ?? [];
const mixed = sampleParts.length > 0 && sampleParts.length < published.length;
const partName = (dataset: string): string => {
  const name = WHAT[dataset as keyof typeof WHAT]?.name ?? dataset;
  return name.charAt(0).toLowerCase() + name.slice(1);
};
const illustrative = mixed
  ? `<p class="lero-notice" role="note"><strong>This release mixes collected data with illustrative sample data.</strong> The ${new Intl.ListFormat("en-GB", { type: "conjunction" }).format(sampleParts.map(partName))} ${sampleParts.length === 1 ? "is" : "are"} the bundled sample, generated by a program, not collected from anyone. Because the release is only as real as its least real part, every figure on the site is marked illustrative: it should not be quoted as a finding until the sample files are replaced by collected data.</p>`
  : release.illustrative
  ? `<p class="lero-notice" role="note"><strong>This release uses illustrative sample data.</strong> Every dataset was generated by a program to look like real survey exports (Microsoft Forms, Qualtrics, Google Forms and plain spreadsheets). No row describes a real person or organisation, LERO names are invented, and the stories were written for the sample. The figures show how the site works; they are not findings, and should not be quoted as such.</p>`
  : `<p>This release uses data collected by CLERO's peer researchers and partners, protected as described on this page.</p>`;

printPage(`
---
title: Methods and data
---

# Methods and data

How the figures on this site were made, in plain words: where they come from, who they are about, how the people and charities in them are protected, and how sure you can be of them. The technical detail is at the end, folded away until you open it.

<h2 id="illustrative-data">Illustrative data</h2>

${illustrative}

## Where the data comes from

LERO Evidence brings together five sets of data, all collected by or with the College of Lived Experience Recovery Organisations (CLERO). Many of the questions are asked by peer researchers: people with lived experience of recovery, trained by CLERO.

${table("The five data sets in this release", ["Data set", "What it is", "Size in this release"], sourceRows)}

The stories on the [Stories page](./stories/) are told by the people involved, with their consent; ${n(report.stories.published)} are published in this release.

## Who is in it

The figures describe the LEROs, people and workers who took part, not every LERO or everyone in recovery in the UK. LEROs chose to join the audit; people chose to answer the survey and to be assessed again. Those who stay in touch with a LERO may be doing better than those who do not, so the outcome figures show change in the people assessed, not what LEROs achieve on average, and they have no comparison group.

## How people and small charities are protected

Nothing on this site can identify a person or a single small charity. Before anything is published:

- **Names and codes are removed.** Names, addresses, phone numbers, reference numbers and similar details never leave CLERO. Where the same person's answers must be linked over time, their reference is replaced by a code that cannot be traced back.
- **Counts of people are rounded.** ${describeRules(person, "person")} So a count of 35 means between 33 and 37 people, and a count shown as ${SYMBOLS.confidential} means between 1 and ${person.threshold}.
- **Counts of LEROs are exact but small ones are hidden.** ${describeRules(organisation, "organisation")} Exact counts matter to the sector, and few LEROs exist.
- **Some other figures are hidden too**, so that a hidden number cannot be worked out by subtracting from a total. Those also show ${SYMBOLS.confidential}.
- **Quotes are used only with consent**, with personal details replaced by placeholders such as [name], and never next to anything else about the person.

What this means for the numbers you see:

- Rounded counts may not add up to the total shown, because each is rounded on its own.
- Percentages are worked out from the rounded counts, so they can differ by a point or so from a figure worked out from exact counts.
- ${SYMBOLS.confidential} means "hidden to protect confidentiality", not zero and not missing. ${SYMBOLS.low} means more than zero but too small to show after rounding; ${SYMBOLS.notAvailable} means not collected; ${SYMBOLS.notApplicable} means the combination cannot happen.
- In small regions more figures are hidden. That is a sign of small numbers, not of a problem with the region.

<h2 id="uncertainty">What the intervals mean</h2>

Most figures come from the people who answered, not from everyone, so they would come out a little differently with other people. Where a chart shows a line across the end of a bar, or a table gives a "95% interval", that range shows how far the figure could reasonably be from the true value for people like those who answered: for percentages it is a Wilson interval, for averages a Student's t interval.

When two figures' intervals overlap, the site calls them **similar**, even if one is a few points higher: the gap could be chance. Only where the intervals do not overlap does it say **higher** or **lower**. The intervals cover chance alone; they cannot correct for who chose to take part.

<h2 id="cite">How to cite</h2>

Please cite the release and its data version, so that readers can find the same figures:

${citation("APA", cite.apa)}

${citation("Plain text", cite.plain)}

A \`CITATION.cff\` file in the project's repository gives the same in machine-readable form.

<h2 id="licence">Licence</h2>

Published data is available under the terms of the [Open Government Licence v3.0](https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/); text and charts under [CC BY 4.0](https://creativecommons.org/licenses/by/4.0/). Official statistics on the Context page remain under their publishers' terms, which they attribute.

## Technical appendix

The full detail, for analysts and for anyone checking the work. The complete disclosure policy is also available as a file: <a href="./data/disclosure.json" download>disclosure.json</a>.

<details id="release" class="lero-methods-details">
<summary>How the whole release is protected and tested</summary>

<p>A reader can set any figure on this site beside every other one. Rules that hold table by table are not enough, so the whole release is built and checked as one.</p>

<ul>
<li><strong>One protected base.</strong> For the stigma survey and recovery outcomes, every table is counted from exactly the people whose rows are published: a table minus the row-level file gives back nobody. Tables show regions and age bands as collected; the row-level files show them only as far as the smallest-group rule allows. The audit of LEROs, the quality standards and the training data are published as tables only: a LERO's answers to some sixty questions would make its row unique, and training cohorts are too small for rows about people.</li>
<li><strong>Row-level files.</strong> In the files with one row per answer, every combination of details an acquaintance or a public register could know (region, age band, gender, role, survey year, the quarter of a person's first assessment, which assessments they attended) is shared by at least ${person.k} people. To get there, details are made coarser (an age band to a wider band, a region to its nation, a date to a quarter) and a few records with rare combinations are removed (at most ${percent(policy.maxSuppressionShare)}). Every such group also gives at least ${person.l} different answers to each sensitive question, so knowing someone is in a group never tells you their answer.</li>
<li><strong>Linked tables are protected together.</strong> A number that appears in two tables is hidden in both or in neither. Parts add up to their totals, and hidden cells are chosen so that none can be worked out from those sums.</li>
<li><strong>Codes that cannot be traced.</strong> Where rows must be linked (the same person's assessments), each reference is replaced by a code made from a random number held in CLERO's private register, never from the reference itself, so nobody can test a guess against the published codes.</li>
<li><strong>Free text.</strong> Written answers are published only where the question allows it and the person consented, and only in their own lists, never beside a person's other answers. Names, e-mail addresses, phone numbers, postcodes, NHS and National Insurance numbers, web addresses and IP addresses are replaced by placeholders; text the checks are unsure of is held back for a person to review.</li>
</ul>

<p>Before anything is published, the build attacks the release with a <strong>built-in intruder</strong> that knows these rules and sees only what a reader can download. It combines every table with every other table about the same people or organisations and works out the narrowest range each hidden figure could take; it compares the tables with the row-level files; it tries to put back the region a row-level file leaves out; and it recounts the groups in the row-level files. If it learns anything the rules hide, the build stops and nothing is published.</p>

<p>On this release it checked <strong>${n(intruder.cellsAudited)}</strong> hidden figures. The narrowest range it could pin any of them to was <strong>${intruder.narrowest ? range(intruder.narrowest.interval) : "none"}</strong> (a hidden count of people must stay open over at least 1 to ${person.threshold}, and of organisations over 1 to ${organisation.threshold}). It compared ${n(intruder.tablesCompared)} tables with the row-level files and found no difference, and it could put back the region of <strong>${n(intruder.recordsForced)}</strong> records. ${microdata.join("; ")}.</p>

</details>

<details class="lero-methods-details">
<summary>Disclosure control settings</summary>

${settingsTable}

</details>

<details id="dictionary" class="lero-methods-details">
<summary>Data dictionary: every field of every data set</summary>

${dictionary.join("\n\n")}

</details>

<details id="downloads" class="lero-methods-details">
<summary>Downloads: every published file</summary>

<p>Data version <strong>${datapackage.version}</strong>. Each file's SHA-256 hash is in <a href="./data/datapackage.json" rel="external">datapackage.json</a> (a Frictionless Data Package), with its schema and licence. The <a href="./data/build-report.json" rel="external">build report</a> reconciles every data set: rows read = rows published + rows rejected (with the reason) + rows removed to protect confidentiality.</p>

${files}

</details>

## Changelog

- **0.1.0 (2026)**: first release: the pipeline from survey exports to protected, checked data; report pages; data explorer.
`);
