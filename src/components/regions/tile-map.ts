/**
 * A tile-grid map of the 12 UK ITL1 regions: one square per region at its grid position, coloured by a
 * measure, with the region's abbreviation (or short name, where tiles are wide enough) and the value
 * printed on the tile, so colour never carries the number alone. Hidden values show [c] on a grey,
 * dashed tile. Each tile is a link to the region's page and can be reached with the keyboard.
 *
 * Plain SVG built with DOM calls (no HTML parsing), so it runs in Node under jsdom too.
 */
import * as d3 from "d3";
import { frameOptions, isNumber, type ChartFigureOptions, type ChartOptions, type Value } from "../shared/chart.js";
import { chartWidth, figure, type TableColumn } from "../shared/figure.js";
import { markMeasure } from "../shared/measure-figure.js";
import { measure as registryMeasure } from "../../lib/measures.js";
import { compareIntervals, type Interval } from "../../lib/intervals.js";

export interface TileRegion {
  name: string;
  name_cy?: string;
  slug: string;
  tile_row: number;
  tile_col: number;
  /** From data/reference/regions.csv: a name that fits a small tile, and a few letters for the smallest. */
  short_name: string;
  abbreviation: string;
}

export interface TileMeasure {
  /** What the value is, in a few words ("LEROs in the audit"). */
  label: string;
  kind: "count" | "percent" | "mean" | "change";
  /** The heading of the value column in the table ("LEROs", "% of LEROs"). */
  valueHeading: string;
  /** The base for each region, if it differs from the value ("LEROs", "people"). */
  baseHeading?: string;
  /**
   * The registry measure (`src/lib/measures.ts`) the values are, and its key for a region name: each
   * tile's value and table cell is marked with it, and each base with the registry's base measure.
   */
  measure?: string;
  key?(region: string): string;
}

/** The registry measure and key of a region's value (`base`: of its base), where the map says which measure it shows. */
export function tileMark(measure: TileMeasure, region: string, base = false): { measure: string; key: string } | undefined {
  if (!measure.measure || !measure.key) return undefined;
  const id = base ? registryMeasure(measure.measure).baseMeasure : measure.measure;
  return id ? { measure: id, key: measure.key(region) } : undefined;
}

export interface TileDatum {
  region: string;
  value: Value;
  base?: Value;
  /** The value's 95% interval, when it can be had: the title compares regions only through these. */
  interval?: Interval;
}

export interface TileMapOptions extends ChartOptions {
  /** The link of a region's page from its slug (default `./regions/<slug>`). */
  href?: (slug: string) => string;
}

const SVG = "http://www.w3.org/2000/svg";
const SUPPRESSED_FILL = "#bdbdbd";



export function formatTileValue(value: Value | undefined, kind: TileMeasure["kind"]): string {
  if (!isNumber(value)) return value === null || value === undefined ? "[c]" : String(value);
  if (kind === "percent") return `${Math.round(value).toLocaleString("en-GB")}%`;
  if (kind === "mean") return value.toLocaleString("en-GB", { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  if (kind === "change") return `${value > 0 ? "+" : value < 0 ? "−" : ""}${Math.abs(value).toLocaleString("en-GB", { minimumFractionDigits: 1, maximumFractionDigits: 1 })}`;
  return value.toLocaleString("en-GB");
}

/** Black or white, whichever reads better on `fill`. */
function textOn(fill: string): string {
  const c = d3.rgb(fill);
  return 0.299 * c.r + 0.587 * c.g + 0.114 * c.b > 150 ? "#000000" : "#ffffff";
}

function node<K extends keyof SVGElementTagNameMap>(doc: Document, tag: K, attributes: Record<string, string | number>, text?: string): SVGElementTagNameMap[K] {
  const el = doc.createElementNS(SVG, tag) as SVGElementTagNameMap[K];
  for (const [k, v] of Object.entries(attributes)) el.setAttribute(k, String(v));
  if (text !== undefined) el.textContent = text;
  return el;
}

export function tileColour(values: readonly number[]): (value: number) => string {
  const [lo = 0, hi = 1] = d3.extent(values) as [number | undefined, number | undefined];
  const t = d3.scaleLinear().domain(lo === hi ? [lo - 1, hi + 1] : [lo, hi]).range([0.25, 0.9]).clamp(true);
  return (value) => d3.interpolateBlues(t(value));
}

export function tileMap(regions: readonly TileRegion[], data: readonly TileDatum[], measure: TileMeasure, options: TileMapOptions = {}): SVGSVGElement {
  const doc = options.document ?? document;
  const href = options.href ?? ((slug: string) => `./${slug}.html`);
  const width = chartWidth(options.width, 480);
  const cols = Math.max(...regions.map((r) => r.tile_col));
  const rows = Math.max(...regions.map((r) => r.tile_row));
  const gap = 4;
  const size = Math.max(56, Math.min(120, Math.floor((width - gap * (cols - 1)) / cols)));
  const wide = size >= 100;
  const legendHeight = 54;
  const mapWidth = cols * size + (cols - 1) * gap;
  const svgWidth = Math.max(mapWidth, Math.min(width, 360));
  const height = legendHeight + rows * size + (rows - 1) * gap;
  const byRegion = new Map(data.map((d) => [d.region, d]));
  const shown = data.map((d) => d.value).filter(isNumber);
  const colour = tileColour(shown);

  const svg = node(doc, "svg", { width: svgWidth, height, viewBox: `0 0 ${svgWidth} ${height}`, class: "lero-tile-map", "font-family": "system-ui, sans-serif", fill: "currentColor" });
  svg.append(node(doc, "title", {}, `Map of UK regions: ${measure.label}`));

  // Legend: five steps of the colour scale from the lowest to the highest shown value, then [c].
  const legend = node(doc, "g", { class: "lero-tile-legend", transform: "translate(0,4)" });
  legend.append(node(doc, "text", { x: 0, y: 12, "font-size": 12, "font-weight": "bold" }, measure.label));
  if (shown.length > 0) {
    const [lo, hi] = [Math.min(...shown), Math.max(...shown)];
    const steps = 5;
    const step = 28;
    for (let i = 0; i < steps; i++) {
      const v = lo + ((hi - lo) * i) / (steps - 1);
      legend.append(node(doc, "rect", { x: i * step, y: 20, width: step, height: 12, fill: colour(v), stroke: "currentColor", "stroke-opacity": 0.3 }));
    }
    legend.append(node(doc, "text", { x: 0, y: 46, "font-size": 12 }, formatTileValue(lo, measure.kind)));
    legend.append(node(doc, "text", { x: steps * step, y: 46, "font-size": 12, "text-anchor": "end" }, formatTileValue(hi, measure.kind)));
    const cx = steps * step + 14;
    legend.append(node(doc, "rect", { x: cx, y: 20, width: step, height: 12, fill: SUPPRESSED_FILL, "fill-opacity": 0.35, stroke: "currentColor", "stroke-dasharray": "3,2" }));
    legend.append(node(doc, "text", { x: cx + step + 4, y: 30, "font-size": 12 }, "[c] hidden"));
  }
  svg.append(legend);

  const offset = (svgWidth - mapWidth) / 2;
  for (const region of regions) {
    const datum = byRegion.get(region.name);
    const value = datum?.value ?? null;
    const x = offset + (region.tile_col - 1) * (size + gap);
    const y = legendHeight + (region.tile_row - 1) * (size + gap);
    const fill = isNumber(value) ? colour(value) : SUPPRESSED_FILL;
    const ink = isNumber(value) ? textOn(fill) : "currentColor";
    const names = { short: region.short_name, abbr: region.abbreviation };
    const text = formatTileValue(value, measure.kind);
    // The tile's visible text (name and value) is its accessible name; the table and legend say the rest.
    const link = node(doc, "a", { href: href(region.slug), class: "lero-tile" });
    link.append(node(doc, "title", {}, `${region.name}: ${text}`));
    link.append(
      node(doc, "rect", {
        x,
        y,
        width: size,
        height: size,
        rx: 3,
        fill,
        ...(isNumber(value) ? { stroke: "currentColor", "stroke-opacity": 0.25 } : { "fill-opacity": 0.35, stroke: "currentColor", "stroke-dasharray": "4,3" }),
      }),
    );
    const label = node(doc, "text", { x: x + size / 2, y: y + size * (wide ? 0.36 : 0.42), "text-anchor": "middle", fill: ink, "font-size": wide ? 12 : 14, "font-weight": "bold" });
    if (wide) {
      // Wrap short names over two lines at the space nearest the middle.
      const words = names.short.split(" ");
      const lines = words.length > 1 && names.short.length > 11 ? [words.slice(0, Math.ceil(words.length / 2)).join(" "), words.slice(Math.ceil(words.length / 2)).join(" ")] : [names.short];
      lines.forEach((line, i) => label.append(node(doc, "tspan", { x: x + size / 2, dy: i === 0 ? (lines.length > 1 ? "-0.3em" : "0") : "1.15em" }, line)));
    } else label.textContent = names.abbr;
    link.append(label);
    const valueText = node(doc, "text", { x: x + size / 2, y: y + size * (wide ? 0.76 : 0.74), "text-anchor": "middle", fill: ink, "font-size": wide ? 18 : 15, ...(isNumber(value) ? {} : { "font-style": "italic" }) }, text);
    const mark = tileMark(measure, region.name);
    if (mark) markMeasure(valueText, mark.measure, mark.key);
    link.append(valueText);
    svg.append(link);
  }
  return svg;
}

/**
 * A headline giving the range of the shown regions. It ranks nothing: when the two ends' 95% intervals
 * overlap it says the regions are similar, since the gap may be chance.
 */
export function tileMapTitle(regions: readonly TileRegion[], data: readonly TileDatum[], measure: TileMeasure): string {
  const byRegion = new Map(data.map((d) => [d.region, d]));
  const value = (name: string) => byRegion.get(name)?.value;
  const shown = regions.filter((r) => isNumber(value(r.name))).sort((a, b) => (value(b.name) as number) - (value(a.name) as number));
  const top = shown[0];
  const bottom = shown.at(-1);
  if (!top || !bottom || top === bottom) return `${measure.label}, by region`;
  const range = `${formatTileValue(value(bottom.name), measure.kind)} in ${bottom.name} to ${formatTileValue(value(top.name), measure.kind)} in ${top.name}`;
  const high = byRegion.get(top.name)?.interval;
  const low = byRegion.get(bottom.name)?.interval;
  if (high && low && compareIntervals(high, low) === "similar") return `${measure.label}: similar in every region shown (${range})`;
  return `${measure.label}: from ${range}`;
}

export function describeTileMap(regions: readonly TileRegion[], data: readonly TileDatum[], measure: TileMeasure): string {
  const byRegion = new Map(data.map((d) => [d.region, d]));
  const shown = regions.filter((r) => isNumber(byRegion.get(r.name)?.value)).sort((a, b) => (byRegion.get(b.name)!.value as number) - (byRegion.get(a.name)!.value as number));
  const hidden = regions.length - shown.length;
  if (shown.length === 0) return `${measure.label}: every region's value is hidden to protect confidentiality.`;
  const top = shown[0]!;
  const bottom = shown.at(-1)!;
  const parts = [`${measure.label}, by region. Highest: ${top.name}, ${formatTileValue(byRegion.get(top.name)!.value, measure.kind)}.`];
  if (shown.length > 1) parts.push(`Lowest: ${bottom.name}, ${formatTileValue(byRegion.get(bottom.name)!.value, measure.kind)}.`);
  if (hidden > 0) parts.push(`${hidden} ${hidden === 1 ? "region's value is" : "regions' values are"} hidden to protect confidentiality.`);
  return parts.join(" ");
}

export function tileMapFigure(
  regions: readonly TileRegion[],
  data: readonly TileDatum[],
  measure: TileMeasure,
  options: TileMapOptions & ChartFigureOptions & { title: string; subtitle: string },
): HTMLElement {
  const doc = options.document ?? document;
  const byRegion = new Map(data.map((d) => [d.region, d]));
  const columns: TableColumn[] = [
    { key: "region", label: "Region" },
    { key: "value", label: measure.valueHeading, numeric: true, format: (v) => formatTileValue(v as Value, measure.kind), measure: (row) => tileMark(measure, String(row.region)) },
    ...(measure.baseHeading
      ? [{ key: "base", label: measure.baseHeading, numeric: true, format: (v: unknown) => formatTileValue(v as Value, "count"), measure: (row: Record<string, unknown>) => tileMark(measure, String(row.region), true) }]
      : []),
  ];
  const element = figure({
    ...frameOptions(options),
    title: options.title,
    subtitle: options.subtitle,
    chart: tileMap(regions, data, measure, options),
    description: describeTileMap(regions, data, measure),
    columns,
    rows: regions.map((r) => ({ region: r.name, value: byRegion.get(r.name)?.value ?? null, base: byRegion.get(r.name)?.base ?? null })),
    document: doc,
  });
  // The tiles are links: the chart must stay a group that assistive technology can enter, not one image.
  element.querySelector(".lero-chart-body")?.setAttribute("role", "group");
  return element;
}
