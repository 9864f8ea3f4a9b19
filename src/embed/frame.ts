/**
 * The script inlined in each iframe embed page (`/embed/<chart>`): reads the query string, swaps in
 * the chosen region's pre-rendered variant, applies theme, title, language and height, and posts the
 * height to the parent page on load and whenever it changes. The chart is already in the HTML, so a
 * reader with scripts off still sees the UK chart and its table.
 */
import { applyOptions, type RegionNames } from "./apply.ts";
import { parseQuery } from "./options.ts";

export interface FrameConfig {
  id: string;
  regions: string[];
  names: RegionNames;
}

export const HEIGHT_MESSAGE = "lero-embed:height";
/** The host's resize script asks for the height again when it starts after the embed did. */
export const MEASURE_MESSAGE = "lero-embed:measure";

function start(): void {
  const configElement = document.getElementById("lero-embed-config");
  const root = document.getElementById("lero-embed");
  const main = root?.querySelector("[data-variant]");
  if (!configElement || !root || !main) return;
  const config = JSON.parse(configElement.textContent ?? "{}") as FrameConfig;
  const options = parseQuery(location.search, config.regions);
  if (options.region) {
    const template = [...document.querySelectorAll("template")].find((t) => t.dataset.region === options.region);
    if (template) {
      main.replaceChildren(template.content.cloneNode(true));
      main.setAttribute("data-variant", options.region);
    }
  }
  applyOptions(root, options, config.names);
  const id = options.id ?? config.id;
  let last = -1;
  const post = (): void => {
    const height = options.height ?? Math.ceil(root.getBoundingClientRect().height);
    if (height === last || window.parent === window) return;
    last = height;
    window.parent.postMessage({ type: HEIGHT_MESSAGE, id, chart: config.id, height }, "*");
  };
  post();
  window.addEventListener("load", post);
  window.addEventListener("message", (event: MessageEvent) => {
    const data = event.data as { type?: unknown } | null;
    if (event.source !== window.parent || data?.type !== MEASURE_MESSAGE) return;
    last = -1;
    post();
  });
  if (typeof ResizeObserver === "function") new ResizeObserver(post).observe(root);
  else window.addEventListener("resize", post);
}

start();
