/**
 * What matters first: the three findings Home and the Report open with, in order of importance, each
 * a sentence written from the published figures with a press box beside it (the exact words to quote,
 * the definition, base, period and caveat from the measures registry, and a citation).
 *
 * The order is the evidence base's purpose, not the size of the numbers: first the stigma people meet
 * in the service most of them use (their GP), then what stigma costs (care avoided or put off), then
 * what recovery looks like over time (recovery capital a year on). Each links to the Report's finding
 * where the same figure, with the same measure and key, is shown beside its chart.
 */
import { baseText, figureCanBeWritten, measure, type MeasureTables } from "../../lib/measures.js";
import { phraseNodes, phraseText, shownFigure, type Phrase, type ShownFigure } from "../shared/measure-figure.js";

export interface TopFinding {
  rank: number;
  /** The sentence, its figures marked with their measure and key. */
  parts: Phrase;
  /** The registry measure the sentence leads with, and its key. */
  measure: string;
  key: string;
  definition: string;
  base: string;
  period: string;
  caveat: string;
  /** The Report's finding that shows the same figure (relative to the site's root). */
  href: string;
  /** What the finding is about, for the sentence that introduces the list ("the stigma people meet at their GP"). */
  about: string;
}

const unsigned = (figure: ShownFigure): ShownFigure => ({ ...figure, text: figure.text.replace(/^\+/, "") });

interface TopDefinition {
  measure: string;
  key: string;
  anchor: string;
  caveat: string;
  about: string;
  sentence(tables: MeasureTables): Phrase;
}

const TOP: readonly TopDefinition[] = [
  {
    measure: "stigma-met-sometimes",
    key: "GP",
    anchor: "report-stigma-settings-finding",
    about: "the stigma people meet at their GP",
    caveat: "People who took part in the survey through LEROs, not a random sample of everyone who uses drugs; the questions are adapted from a published scale and are not comparable with its scores.",
    sentence: (tables) => [shownFigure(tables, "stigma-met-sometimes", "GP"), " of people asked about their GP said staff there had treated them unfairly because of their substance use sometimes or more often."],
  },
  {
    measure: "avoided-care",
    key: "Any setting",
    anchor: "report-avoided-care-finding",
    about: "what stigma costs",
    caveat: "Self-reported, by people who took part through LEROs; it counts anyone who avoided or put off care in at least one of the settings asked about.",
    sentence: (tables) => [shownFigure(tables, "avoided-care", "Any setting"), " of the people who answered said stigma had led them to avoid or put off care in at least one setting."],
  },
  {
    measure: "barc-change",
    key: "12 months",
    anchor: "report-barc-assessments-finding",
    about: "what recovery looks like a year on",
    caveat: "The same people at intake and 12 months later, not a controlled comparison: people who stay in touch may differ from those who do not.",
    sentence: (tables) => [
      "Among the ",
      shownFigure(tables, "people-assessed-paired", "12 months"),
      " people assessed both when they started and a year later, recovery capital (BARC-10) rose by ",
      // "rose by 8.6", not "rose by +8.6": the sentence carries the sign.
      unsigned(shownFigure(tables, "barc-change", "12 months")),
      " points on average.",
    ],
  },
];

/**
 * The findings, ranked, from the tables a page has: up to three. A finding whose figure the release
 * does not publish (its data is not yet collected) or whose base is 0 is left out, never written.
 */
export function topFindings(tables: MeasureTables): TopFinding[] {
  return TOP.filter((top) => figureCanBeWritten(tables, top.measure, top.key)).map((top, i) => {
    const m = measure(top.measure);
    return {
      rank: i + 1,
      parts: top.sentence(tables),
      measure: top.measure,
      key: top.key,
      definition: m.definition,
      base: baseText(tables, top.measure, top.key).replace(/^Base: /, ""),
      period: m.population.wave,
      caveat: top.caveat,
      href: `report.html#${top.anchor}`,
      about: top.about,
    };
  });
}

const COUNT_WORDS = ["no", "one", "two", "three"];

/** "The three findings that matter most, in order: a, b and c." (or the one or two there are); "" for none. */
export function topFindingsIntro(findings: readonly TopFinding[]): string {
  if (findings.length === 0) return "";
  const abouts = findings.map((f) => f.about);
  const list = abouts.length === 1 ? abouts[0]! : `${abouts.slice(0, -1).join(", ")} and ${abouts.at(-1)!}`;
  const count = COUNT_WORDS[findings.length] ?? String(findings.length);
  return findings.length === 1 ? `The finding that matters most: ${list}.` : `The ${count} findings that matter most, in order: ${list}.`;
}

export interface ReleaseInfo {
  /** The data version (datapackage.json). */
  version: string;
  /** The year of the release, for the citation. */
  year: string;
  illustrative: boolean;
}

/** How to cite the release, in APA style and as plain text. */
export function citations(release: ReleaseInfo): { apa: string; plain: string } {
  const sample = release.illustrative ? " Illustrative sample data." : "";
  return {
    apa: `College of Lived Experience Recovery Organisations. (${release.year}). LERO Evidence: Data on Lived Experience Recovery Organisations (Data version ${release.version}) [Data set]. Open Government Licence v3.0.${sample}`,
    plain: `CLERO and LERO Evidence (${release.year}), LERO Evidence: data on Lived Experience Recovery Organisations, data version ${release.version}, Open Government Licence v3.0.${sample}`,
  };
}

/**
 * The findings as an ordered list, each with its press box in a `<details>` (so it works without
 * scripts; the copy buttons need them: `enhanceCopyButtons` in `../shared/copy.ts`).
 * `root` is the way from the page to the site's root, for the link to the Report.
 */
export function topFindingsBlock(findings: readonly TopFinding[], release: ReleaseInfo, options: { document?: Document; root?: string } = {}): HTMLElement {
  const doc = options.document ?? document;
  const root = options.root ?? "./";
  const cite = citations(release);
  const list = doc.createElement("ol");
  list.className = "lero-top-findings";
  for (const finding of findings) {
    const item = doc.createElement("li");
    item.className = "lero-top-finding";
    const sentence = doc.createElement("p");
    sentence.className = "lero-top-finding-sentence";
    sentence.append(...phraseNodes(doc, finding.parts));
    const link = doc.createElement("a");
    link.href = `${root}${finding.href}`;
    link.textContent = "See it in the report";
    sentence.append(" ", link);

    const press = doc.createElement("details");
    press.className = "lero-press-box";
    const summary = doc.createElement("summary");
    summary.textContent = "Press box: quote, definition and citation";
    const facts = doc.createElement("dl");
    const fact = (term: string, text: string, copy = false) => {
      const dt = doc.createElement("dt");
      dt.textContent = term;
      const dd = doc.createElement("dd");
      const value = doc.createElement("span");
      value.textContent = text;
      dd.append(value);
      if (copy) {
        const button = doc.createElement("button");
        button.type = "button";
        button.className = "lero-copy";
        button.setAttribute("data-copy", text);
        button.textContent = "Copy";
        button.setAttribute("aria-label", `Copy: ${term}`);
        dd.append(" ", button);
      }
      facts.append(dt, dd);
    };
    fact("Quote", phraseText(finding.parts), true);
    fact("Definition", finding.definition);
    fact("Base", finding.base);
    fact("Period", finding.period);
    fact("Caveat", finding.caveat);
    fact("Cite (APA)", cite.apa, true);
    fact("Cite (plain text)", cite.plain, true);
    press.append(summary, facts);
    item.append(sentence, press);
    list.append(item);
  }
  return list;
}
