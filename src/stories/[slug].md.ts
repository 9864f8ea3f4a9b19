/**
 * One story's page, as a parameterised Framework page loader: Framework runs it once per published
 * story (`/stories/<slug>`, listed in observablehq.config.ts's dynamicPaths) with `--slug=<slug>`, and
 * it prints the page's Markdown with the story in it: readable at first paint and with scripts off,
 * and no script at all.
 */
import { parseArgs } from "node:util";
import { storyArticle, type Story } from "../components/stories/list.ts";
import { readPublishedJson } from "../../loaders/site-data.ts";
import { createDocument, printPage, rawHtml } from "../../scripts/pages/prerender.ts";

const { values } = parseArgs({ options: { slug: { type: "string" } }, strict: false });
const stories = readPublishedJson<Story[]>("stories.json");
const story = stories.find((s) => s.slug === values.slug);
if (!story) throw new Error(`No published story has the slug "${String(values.slug)}" (stories.json): a story page is built only for a published story.`);

const doc = createDocument();
const heading = doc.createElement("h1");
heading.textContent = story.title;

printPage(`
---
title: ${JSON.stringify(story.title)}
toc: false
---

${rawHtml(heading)}

${rawHtml(storyArticle(story, { document: doc }))}

<p class="lero-story-back"><a href="./">All stories</a></p>
`);
