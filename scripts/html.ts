/** Text made safe to put in HTML built at build time, as element content or a quoted attribute value. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** Gives every id under `root` a prefix, and follows it in references (`url(#id)`, `href="#id"`). */
export function prefixIds(root: Element, prefix: string): void {
  const ids = [...root.querySelectorAll("[id]")].map((el) => el.id);
  if (ids.length === 0) return;
  for (const el of root.querySelectorAll("[id]")) el.id = `${prefix}${el.id}`;
  for (const el of [root, ...root.querySelectorAll("*")]) {
    for (const attribute of [...el.attributes]) {
      let value = attribute.value;
      for (const id of ids) value = value.replaceAll(`url(#${id})`, `url(#${prefix}${id})`).replace(new RegExp(`^#${id}$`), `#${prefix}${id}`);
      if (value !== attribute.value) el.setAttribute(attribute.name, value);
    }
  }
}

/** The id of a page's first chart, which the first paint waits for (`<link rel="expect">` in its head). */
export const FIRST_CHART_ID = "lero-first-chart";

/** What every page's `<head>` holds besides Framework's own. */
export const SITE_HEAD = `<meta name="description" content="Evidence on Lived Experience Recovery Organisations (LEROs): research, quality standards, stigma and recovery outcomes."><link rel="icon" href="data:,">`;

/** The head of a page with a chart drawn into its HTML: its first paint waits for the first chart. */
export const CHART_PAGE_HEAD = `${SITE_HEAD}<link rel="expect" href="#${FIRST_CHART_ID}" blocking="render">`;
