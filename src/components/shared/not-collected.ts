/**
 * The one message a page shows when its data has not been collected yet: the data folder the release
 * was built from had no export of the dataset, so the release has no figures for it. Every topic page,
 * region briefing and embed says it in these words, and nothing else on such a page guesses a figure.
 */
import { SOURCES, type Dataset } from "./sources.js";

/** The message in plain words, e.g. "Data from the stigma survey is not yet collected: …". */
export function notCollectedText(dataset: Dataset): string {
  const name = SOURCES[dataset].short;
  return `Data from the ${name} is not yet collected: this release has none of it, so there are no figures to show here yet. They will appear when the data is added and the site is built again.`;
}

/** The message as a note: "Not yet collected." in bold, then `notCollectedText`. */
export function notCollected(dataset: Dataset, options: { document?: Document } = {}): HTMLElement {
  const doc = options.document ?? document;
  const note = doc.createElement("p");
  note.className = "lero-not-collected";
  note.setAttribute("role", "note");
  note.dataset.dataset = dataset;
  const strong = doc.createElement("strong");
  strong.textContent = "Not yet collected.";
  note.append(strong, " ", notCollectedText(dataset));
  return note;
}
