/**
 * The Stories index, as a Framework page loader: it prints the page's Markdown when the site is built,
 * with every story's card in it (scripts/pages/prerender.ts), so the list shows at first paint and with
 * scripts off. The theme and region filters are plain form controls; `components/stories/filter.ts`
 * makes them narrow the list once scripts run (without scripts they are not shown).
 */
import { ALL_REGIONS, THEMES, storyCountText, storyList, storyRegions, themeLabel, type Story } from "../components/stories/list.ts";
import { loadRegions } from "../../loaders/reference.ts";
import { readPublishedJson } from "../../loaders/site-data.ts";
import { createDocument, printPage, rawHtml } from "../../scripts/pages/prerender.ts";

const doc = createDocument();
const stories = readPublishedJson<Story[]>("stories.json");
const regions = storyRegions(stories, loadRegions().map((r) => r.name));

const filters = doc.createElement("form");
filters.className = "lero-story-filters";
const themes = doc.createElement("fieldset");
themes.className = "lero-story-themes-filter";
const legend = doc.createElement("legend");
legend.textContent = "Themes";
themes.append(legend);
for (const theme of THEMES) {
  const label = doc.createElement("label");
  const input = doc.createElement("input");
  input.type = "checkbox";
  input.name = "theme";
  input.value = theme;
  label.append(input, themeLabel(theme));
  themes.append(label);
}
const regionLabel = doc.createElement("label");
regionLabel.className = "lero-story-region-filter";
const select = doc.createElement("select");
select.name = "region";
for (const region of [ALL_REGIONS, ...regions]) {
  const option = doc.createElement("option");
  option.value = region;
  option.textContent = region;
  select.append(option);
}
regionLabel.append("Region ", select);
filters.append(themes, regionLabel);

// Each card carries what the filters need: its themes and region.
const list = storyList(stories, { document: doc });
[...list.querySelectorAll("li.lero-story-item")].forEach((item, i) => {
  const story = stories[i]!;
  item.setAttribute("data-themes", story.themes.join(" "));
  item.setAttribute("data-region", story.region ?? "");
});

printPage(`
---
title: Stories
toc: false
---

# Stories of LERO impact

What Lived Experience Recovery Organisations change for people, told by the people involved and shared with their consent. The themes follow CHIME, the five processes of personal recovery: connectedness, hope, identity, meaning and empowerment. A story is removed from the site when its teller withdraws consent.

<div class="lero-noscript"><noscript><style>.lero-story-filters { display: none; }</style></noscript></div>

${rawHtml(filters)}

<p class="lero-story-count" role="status" aria-live="polite" aria-atomic="true">${storyCountText(stories.length, stories.length)}</p>

${rawHtml(list)}

\`\`\`js
import {storyFilters} from "../components/stories/filter.js";
storyFilters(document.getElementById("observablehq-main"));
\`\`\`
`);
