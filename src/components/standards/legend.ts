/**
 * The key above the standards charts: a swatch and a label for each status. In HTML (not SVG text),
 * so it wraps on a phone; hidden from screen readers, which get the chart's description instead.
 */
export function standardsLegend(doc: Document, labels: readonly string[], colours: readonly string[]): HTMLElement {
  const legend = doc.createElement("ul");
  legend.className = "standards-legend";
  legend.setAttribute("aria-hidden", "true");
  labels.forEach((label, i) => {
    const item = doc.createElement("li");
    const swatch = doc.createElement("span");
    swatch.className = "standards-swatch";
    swatch.setAttribute("style", `background:${colours[i]}`);
    item.append(swatch, doc.createTextNode(label));
    legend.append(item);
  });
  return legend;
}
