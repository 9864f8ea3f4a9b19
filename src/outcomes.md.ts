/**
 * Outcomes (recovery capital over time), as a Framework page loader: it prints the page's Markdown when
 * the site is built, with every chart drawn into it (scripts/pages/prerender.ts), so the charts show at
 * first paint and with scripts off.
 */
import type { BandRow } from "./components/outcomes/bands.ts";
import { bandsFigure } from "./components/outcomes/bands.ts";
import { barc10 } from "./components/outcomes/barc.ts";
import { changeFigure, type ChangeRow } from "./components/outcomes/change.ts";
import { shareFigure } from "./components/outcomes/share.ts";
import type { PairedRow } from "./components/outcomes/summary.ts";
import { bandsTitle, formatNumber as fmt, pairedChangeTitle, pairedRows, regionChangeTitle, retainedPer100, shareAtCutOff, shareRows, shareTitle, stageChangeAvailable, stageChangeTitle, topBand, totalFirst } from "./components/outcomes/summary.ts";
import { trajectoryFigure, type TrajectoryRow } from "./components/outcomes/trajectory.ts";
import { isNumber } from "./components/shared/chart.ts";
import { compared, meanIntervalOf } from "./components/shared/intervals.ts";
import type { AggregateTable } from "./components/shared/headline-figures.ts";
import { sourceLine } from "./components/shared/sources.ts";
import { describeRules } from "./lib/disclosure-rules.ts";
import { createDocument, enhanceScript, instruments, personRules, printIfNotCollected, printPage, rawHtml, responsive, topicTables } from "../scripts/pages/prerender.ts";

printIfNotCollected("outcomes", { title: "Outcomes", heading: "Recovery capital over time" });
const doc = createDocument();
const tables = topicTables("outcomes") as Record<string, AggregateTable & { notes?: string[] }>;
const scale = barc10(instruments());
const CUT_OFF = scale.cutOff;
const SOURCE = sourceLine("outcomes");
const rowsOf = <T>(id: string): T[] => (tables[id]?.rows ?? []) as unknown as T[];
const means = rowsOf<TrajectoryRow>("outcomes-barc-mean");
const bands = rowsOf<BandRow>("outcomes-barc-bands");
const paired = rowsOf<PairedRow>("outcomes-paired-change");
const byRegion = rowsOf<Record<string, unknown>>("outcomes-change-by-region");
const top = topBand(bands);
const intake = means[0];
const last = means.at(-1);
const lastPaired = paired.at(-1);
const shareAt = (assessment: string | undefined) => shareAtCutOff(bands, assessment);
const retained = retainedPer100(means);
const notes = (id: string) => tables[id]?.notes;

/** Text for HTML: the page's figures and labels come from the data. */
const esc = (value: unknown): string => String(value ?? "").replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
const mark = (tag: string, measure: string, key: unknown, text: string): string => `<${tag} data-measure="${esc(measure)}" data-key="${esc(key)}">${esc(text)}</${tag}>`;
/** An element from HTML written here (every value in it escaped). */
const fromHtml = (html: string): Element => {
  const template = doc.createElement("template");
  template.innerHTML = html.trim();
  return template.content.firstElementChild!;
};
const chart = (draw: (width: number) => Element): string => rawHtml(responsive(draw));

const keyList = fromHtml(`<ul class="lero-outcomes-key">
  <li>${mark("strong", "people-assessed", intake?.assessment, fmt(intake?.count))} people were assessed when they started with a LERO; ${mark("strong", "people-assessed", last?.assessment, fmt(last?.count))} were assessed again at ${esc(last?.assessment.toLowerCase())}${isNumber(retained) ? ` (about ${esc(fmt(retained))} in 100)` : ""}.</li>
  <li>Among the ${mark("strong", "people-assessed-paired", lastPaired?.follow_up, fmt(lastPaired?.count))} people assessed both at intake and at ${esc(lastPaired?.follow_up.toLowerCase())}, the mean BARC-10 total went from ${mark("strong", "barc-mean-paired", `${lastPaired?.follow_up} / Intake`, fmt(lastPaired?.mean_intake, 1))} to ${mark("strong", "barc-mean-paired", `${lastPaired?.follow_up} / Follow-up`, fmt(lastPaired?.mean_follow_up, 1))} (a change of ${isNumber(lastPaired?.mean_change) && lastPaired.mean_change > 0 ? "+" : ""}${mark("span", "barc-change", lastPaired?.follow_up, fmt(lastPaired?.mean_change, 1))} points).</li>
  <li>${mark("strong", "barc-cutoff-assessed", last?.assessment, `${fmt(shareAt(last?.assessment), 0)}%`)} of everyone assessed at ${esc(last?.assessment.toLowerCase())} scored ${esc(CUT_OFF)} or more, against ${mark("strong", "barc-cutoff-assessed", intake?.assessment, `${fmt(shareAt(intake?.assessment), 0)}%`)} of everyone assessed at intake (not the same people; the <a href="/report">report</a> gives the share for the people assessed at both points).</li>
</ul>`);

const atCutOff = shareRows(bands);
const changeRows = pairedRows(paired);
const regionRows = totalFirst(byRegion, "region", "All regions") as unknown as ChangeRow[];
const byStageTable = tables["outcomes-change-by-stage"];
const stageRows = totalFirst((byStageTable?.rows ?? []) as Record<string, unknown>[], "stage", "All stages") as unknown as ChangeRow[];

// Those still assessed against everyone at intake, in words the 95% intervals allow: "higher" or
// "lower" only when they do not overlap, and then it is worth saying that those who stay differ.
const stayedComparison = compared(meanIntervalOf(lastPaired, "mean_intake"), meanIntervalOf(intake, "mean_barc"));
const stayed =
  isNumber(lastPaired?.mean_intake) && isNumber(intake?.mean_barc) && stayedComparison !== undefined
    ? rawHtml(
        fromHtml(
          `<p class="lero-outcomes-aside">People still assessed at ${esc(lastPaired.follow_up.toLowerCase())} had a mean of ${esc(fmt(lastPaired.mean_intake, 1))} at intake, ${
            stayedComparison === "similar"
              ? `similar to the ${esc(fmt(intake.mean_barc, 1))} of everyone assessed at intake.`
              : `${stayedComparison} than the ${esc(fmt(intake.mean_barc, 1))} of everyone assessed at intake (their 95% intervals do not overlap): those who stay in touch differ from those who do not.`
          }</p>`,
        ),
      )
    : "";

const byStage = !stageChangeAvailable(stageRows)
  ? rawHtml(fromHtml(`<p>${esc(byStageTable?.notes?.[0] ?? "Change by stage of development is not available in this data.")}</p>`))
  : chart((width) =>
      changeFigure(stageRows, {
        id: "outcomes-change-by-stage",
        title: stageChangeTitle(stageRows),
        subtitle: "Mean BARC-10 total at intake and at 12 months for the people assessed at both points, by their LERO's stage of development (informal group to mature); base: those people.",
        source: `${SOURCE}. Stage of development: the LERO audit.`,
        notes: byStageTable?.notes,
        groupHeading: "Stage of development",
        followUpLabel: "12 months",
        cutOff: CUT_OFF,
        width,
        document: doc,
      }),
    );

printPage(`
---
title: Outcomes
---

# Recovery capital over time

Recovery capital is what a person can draw on to start and keep up their recovery: their health, a home, people who back them, things to do that matter, and a community. LEROs measure it with the Brief Assessment of Recovery Capital (BARC-10): ten statements, each scored 1 to 6, so a total from 10 to 60. A total of ${CUT_OFF} or more was associated with sustained remission when the measure was tested.

${rawHtml(keyList)}

<div class="lero-outcomes-caveat" role="note">
<p><strong>Read with care: this is not a controlled comparison.</strong> There is no comparison group of people who did not use a LERO, so these figures cannot show that LEROs caused the change. Fewer people are assessed at each later point: people who stay in touch may be doing better (or differently) than those who do not, so the later averages describe a smaller, selected group. Where we show change, it is for the <em>same people</em> at both points.</p>
</div>

## Recovery capital at each assessment

${chart((width) => trajectoryFigure(means, { id: "outcomes-trajectory", width, cutOff: CUT_OFF, source: SOURCE, notes: notes("outcomes-barc-mean"), document: doc }))}

<p class="lero-outcomes-aside">Each point is everyone assessed at that time, so the groups get smaller and may differ: the rise mixes real change with who stayed in touch. The next sections follow the same people.</p>

## How many reach the remission-associated level

${chart((width) =>
  shareFigure(atCutOff, {
    id: "outcomes-share-at-cut-off",
    title: shareTitle(atCutOff, scale),
    subtitle: `Percentage of the people assessed at each point whose BARC-10 total was ${CUT_OFF} or more (the level associated with sustained remission); base: the people assessed at that point.`,
    source: SOURCE,
    notes: ["Not the same people at each point: fewer people are assessed at each later point."],
    cutOff: CUT_OFF,
    width,
    document: doc,
  }),
)}

## How scores are spread

${chart((width) =>
  bandsFigure(bands, {
    id: "outcomes-bands",
    title: bandsTitle(bands, means),
    subtitle: `Percentage of the people assessed at each point, by BARC-10 total (${scale.min} to ${scale.max}), the top band being ${top}; base: the people assessed at that point.`,
    source: SOURCE,
    notes: notes("outcomes-barc-bands"),
    ...(top ? { highlight: top } : {}),
    width,
    document: doc,
  }),
)}

## Change for the same people

${chart((width) =>
  changeFigure(changeRows, {
    id: "outcomes-paired-change",
    title: pairedChangeTitle(changeRows),
    subtitle: "Mean BARC-10 total at intake and at each follow-up, for the people assessed at both points; base: those people (a person can be in several rows).",
    source: SOURCE,
    notes: notes("outcomes-paired-change"),
    groupHeading: "Follow-up",
    followUpLabel: "follow-up",
    cutOff: CUT_OFF,
    width,
    document: doc,
  }),
)}

${stayed}

## Change by region

${chart((width) =>
  changeFigure(regionRows, {
    id: "outcomes-change-by-region",
    title: regionChangeTitle(regionRows),
    subtitle: "Mean BARC-10 total at intake and at 12 months for the people assessed at both points, by the region of their LERO; base: those people.",
    source: SOURCE,
    notes: [...(notes("outcomes-change-by-region") ?? []), "Regions differ in who LEROs serve and how many people stay in touch: differences between regions are not a ranking of LEROs."],
    groupHeading: "Region",
    followUpLabel: "12 months",
    cutOff: CUT_OFF,
    width,
    document: doc,
  }),
)}

## Change by LERO stage of development

${byStage}

The stage is the LERO's stage when the person started, from the audit of LEROs (its latest audit in or before the year of the intake assessment). It is linked to each assessment through a keyed pseudonym of the LERO that is used only to make this table and is never published. A stage is shown only when at least three LEROs contribute to it, so no single LERO's results can be picked out.

## About these figures

- **Measure**: BARC-10 (Brief Assessment of Recovery Capital), Vilsaint and colleagues, 2017. Ten items scored 1 (strongly disagree) to 6 (strongly agree); the total runs from 10 to 60. The cut-off of ${CUT_OFF} comes from the study that tested the measure, where it was associated with sustained remission; it is a guide, not a diagnosis.
- **Who is counted**: each person once at each assessment. ${describeRules(personRules(), "person")} See [Methods and data](./methods).
- **What it cannot show**: whether LEROs caused the change. There is no comparison group, and people who stop being assessed are not followed up.

${enhanceScript()}
`);
