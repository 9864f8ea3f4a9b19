/**
 * What a chart drawn at build time needs from scripts: its download buttons (CSV, SVG, PNG). The
 * chart, its description and its table are already in the page's HTML and are left as they are; this
 * only adds listeners, so nothing is redrawn and nothing moves. Imports no charting library.
 */
import { download, serializeSvg, svgToPng } from "./figure.js";

/** The chart the reader sees: the drawing the CSS shows at this width (`.lero-chart-wide` / `-narrow`). */
function shownSvg(figure: Element): SVGSVGElement | null {
  const all = [...figure.querySelectorAll<SVGSVGElement>(".lero-chart-body svg")];
  return all.find((svg) => svg.getBoundingClientRect().width > 0) ?? all[0] ?? null;
}

export function enhanceFigures(root: ParentNode | null = document): void {
  if (!root) return;
  for (const group of root.querySelectorAll<HTMLElement>(".lero-chart-downloads[data-prerendered]:not([data-ready])")) {
    const figure = group.closest("figure");
    if (!figure) continue;
    group.setAttribute("data-ready", "");
    const doc = group.ownerDocument;
    const id = figure.id || "chart";
    const [csv, svg, png] = group.querySelectorAll("button");
    csv?.addEventListener("click", () => download(doc, `${id}.csv`, new Blob([group.dataset.csv ?? ""], { type: "text/csv;charset=utf-8" })));
    svg?.addEventListener("click", () => {
      const chart = shownSvg(figure);
      if (chart) download(doc, `${id}.svg`, new Blob([serializeSvg(chart)], { type: "image/svg+xml" }));
    });
    png?.addEventListener("click", async () => {
      const chart = shownSvg(figure);
      if (!chart) return;
      const box = chart.getBoundingClientRect();
      download(doc, `${id}.png`, await svgToPng(doc, serializeSvg(chart), Math.ceil(box.width) || 640, Math.ceil(box.height) || 400));
    });
  }
}
