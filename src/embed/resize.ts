/**
 * `/embed/resize.js`: include it once on a page with LERO Evidence iframe embeds and each one takes
 * the height of its chart. It listens for the height messages the embeds post, and only believes a
 * message that comes from an iframe on this page, from that iframe's own origin, which must be the
 * origin this script was loaded from. Without it the iframes keep the height set in the snippet.
 */
const HEIGHT_MESSAGE = "lero-embed:height";
/** Asks an embed to post its height again (see frame.ts). */
const MEASURE_MESSAGE = "lero-embed:measure";
const MIN = 80;
const MAX = 6000;

const script = document.currentScript as HTMLScriptElement | null;
const site = script?.src ? new URL(script.src, location.href).origin : null;

function originOf(frame: HTMLIFrameElement): string | null {
  try {
    return new URL(frame.src, location.href).origin;
  } catch {
    return null;
  }
}

window.addEventListener("message", (event: MessageEvent) => {
  const data = event.data as { type?: unknown; height?: unknown } | null;
  if (!data || data.type !== HEIGHT_MESSAGE || typeof data.height !== "number" || !Number.isFinite(data.height)) return;
  if (site && event.origin !== site) return;
  for (const frame of document.getElementsByTagName("iframe")) {
    if (frame.contentWindow !== event.source) continue;
    if (originOf(frame) !== event.origin) return;
    const height = Math.round(Math.min(MAX, Math.max(MIN, data.height)));
    frame.style.height = `${height}px`;
    frame.setAttribute("height", String(height));
    return;
  }
});

// This script loads asynchronously, so an embed may have posted its height before anyone listened:
// ask every LERO Evidence iframe already on the page to post it again. (Frames still loading post
// theirs when they start.)
if (site) {
  for (const frame of document.getElementsByTagName("iframe")) {
    if (originOf(frame) === site) frame.contentWindow?.postMessage({ type: MEASURE_MESSAGE }, site);
  }
}
