/**
 * Applies normalised options to a rendered embed: theme, title, Welsh region names and a fixed
 * height. Shared by the iframe page's script and the module embed. It imports only options.ts, which
 * has no imports of its own, so the scripts stay a few KB.
 */
import { colourFit, type EmbedOptions } from "./options.ts";

/** [English name, Welsh name] of each region, from `data/reference/regions.csv`. */
export type RegionNames = readonly (readonly [string, string])[];

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Replaces English region names with Welsh ones in the text and accessible names under `root`. */
export function welshRegionNames(root: Node, names: RegionNames): void {
  const pairs = [...names].filter(([en, cy]) => en && cy).sort((a, b) => b[0].length - a[0].length);
  if (pairs.length === 0) return;
  const welsh = new Map(pairs);
  const pattern = new RegExp(pairs.map(([en]) => escapeRegExp(en)).join("|"), "g");
  const swap = (text: string): string => text.replace(pattern, (en) => welsh.get(en) ?? en);
  const doc = root.ownerDocument ?? (root as Document);
  const walker = doc.createTreeWalker(root, 4 /* NodeFilter.SHOW_TEXT */);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.nodeValue ?? "";
    const swapped = swap(text);
    if (swapped !== text) node.nodeValue = swapped;
  }
  const elements = (root as ParentNode).querySelectorAll?.("[aria-label]") ?? [];
  for (const element of elements) element.setAttribute("aria-label", swap(element.getAttribute("aria-label") ?? ""));
}

export function applyOptions(root: HTMLElement, options: EmbedOptions, names: RegionNames): void {
  if (options.theme === "auto") root.removeAttribute("data-theme");
  else root.setAttribute("data-theme", options.theme);
  if (options.title) root.removeAttribute("data-title");
  else root.setAttribute("data-title", "0");
  // The chart's main series is drawn with var(--lero-main, <its own colour>) (scripts/embed/render.ts),
  // and embed-chart.css takes --lero-main from the host colour of the background in use, if any.
  const fit = options.colour ? colourFit(options.colour, options.theme) : { light: false, dark: false };
  for (const t of ["light", "dark"] as const) {
    if (fit[t]) root.style.setProperty(`--lero-host-${t}`, options.colour);
    else root.style.removeProperty(`--lero-host-${t}`);
  }
  if (options.height) {
    root.setAttribute("data-fixed-height", "");
    root.style.height = `${options.height}px`;
  }
  // Only the region names change language; the rest of the text stays in English, so no lang="cy".
  if (options.lang === "cy") welshRegionNames(root, names);
}
