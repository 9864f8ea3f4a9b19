/**
 * The runtime of a module embed (`/embed/<chart>.js`): `render(element, options)` draws the chart
 * into the host page. The chart, its table and its stylesheet are pre-rendered at build time and
 * carried in the module, inside a shadow root so the host's styles and the chart's never mix; the
 * host can still recolour it through custom properties (`--lero-cat-1`, `--lero-bg`, …), which cross
 * the shadow boundary. No framework, no data loading, no requests beyond the module itself.
 */
import { applyOptions, type RegionNames } from "./apply.ts";
import { normaliseOptions, type EmbedOptions, type RawOptions } from "./options.ts";

export interface ModuleConfig {
  id: string;
  css: string;
  regions: string[];
  names: RegionNames;
  /** Pre-rendered HTML by variant: "uk" and each region slug. Built by scripts/embed/render.ts. */
  variants: Record<string, string>;
}

declare const __LERO_EMBED__: ModuleConfig;
const config: ModuleConfig = __LERO_EMBED__;

/** The options this chart understands, normalised (unknown or bad values become defaults). */
export function options(raw: RawOptions = {}): EmbedOptions {
  return normaliseOptions(raw ?? {}, config.regions);
}

/** Draws the chart into `element` (replacing what an earlier call drew); returns the chart's root. */
export function render(element: Element, raw: RawOptions = {}): HTMLElement {
  if (!element || typeof element.appendChild !== "function") throw new TypeError("render(element, options): element must be a DOM element.");
  const chosen = options(raw);
  const doc = element.ownerDocument;
  let host = element.querySelector(":scope > .lero-embed-host");
  if (!host) {
    host = doc.createElement("div");
    host.className = "lero-embed-host";
    element.appendChild(host);
  }
  const shadow = host.shadowRoot ?? host.attachShadow({ mode: "open" });
  const style = doc.createElement("style");
  style.textContent = config.css;
  const root = doc.createElement("div");
  root.className = "lero-embed";
  root.setAttribute("data-chart", config.id);
  // Trusted markup: serialised at build time from DOM built with textContent (never from the host).
  root.innerHTML = config.variants[chosen.region ?? "uk"] ?? config.variants.uk ?? "";
  for (const link of root.querySelectorAll<HTMLAnchorElement>("a[href^='/']")) {
    link.href = new URL(link.getAttribute("href") ?? "/", import.meta.url).href;
    link.removeAttribute("target");
  }
  shadow.replaceChildren(style, root);
  applyOptions(root, chosen, config.names);
  return root;
}

export const chart = config.id;
export const regions: readonly string[] = config.regions;
