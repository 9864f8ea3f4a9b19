/**
 * The catalogue of embeddable charts: for each id, the component that draws it, the published
 * aggregates it reads, whether it can be narrowed to one region, its default size, the page it links
 * back to and its source line. `scripts/embed/render.ts` renders every entry for the UK and for each
 * region it allows, at build time in Node (jsdom), into static iframe pages and module embeds; the
 * builder page (`src/embed.md`) lists the same entries.
 *
 * A chart draws only what its region's rows say: with a region, no UK or other-region figure is passed
 * to the component, so an embed cannot show another region's numbers by mistake.
 */
import { barsFigure, type BarDatum, type Value } from "../components/shared/bars.ts";
import { embedHeadlineFigure } from "../components/embed/headline.ts";
import { latestWave, type AggregateTable, type Cell, type Headline } from "../components/shared/headline-figures.ts";
import { ALL, formatMeasureValue, keyOf, measureValue } from "../lib/measures.ts";
import { tileMapFigure, type TileDatum, type TileRegion } from "../components/regions/tile-map.ts";
import { shareFigure, type ShareRow } from "../components/stigma/share.ts";
import { trajectoryFigure, type TrajectoryRow } from "../components/outcomes/trajectory.ts";
import { barc10 } from "../components/outcomes/barc.ts";
import { isNumber, TOTAL } from "../components/shared/chart.ts";
import { sourceLine } from "../components/shared/sources.ts";
import instruments from "../../data/reference/instruments.json" with { type: "json" };
import { confidenceFigure, type ConfidenceRow } from "../components/workforce/confidence.ts";

export interface EmbedRegion extends TileRegion {
  name_cy: string;
}

/** The published tables by id (`aggregates/<id>.json`). */
export type Tables = Readonly<Record<string, AggregateTable | undefined>>;

export interface EmbedRenderContext {
  tables: Tables;
  /** The region to show, or null for the UK. */
  region: EmbedRegion | null;
  /** Every region (the tile map draws them all). */
  regions: readonly EmbedRegion[];
  width: number;
  document: Document;
}

export interface EmbedChart {
  id: string;
  /** What the chart is about, for the builder's list ("Evaluation methods LEROs use"). */
  title: string;
  /** The page the embed links back to, and its name. */
  page: { path: string; name: string };
  /** The aggregates it reads; every one must be published. */
  aggregates: readonly string[];
  /** Whether a region can be chosen (the data has a region-level table). */
  regional: boolean;
  /** The iframe height the snippet sets, in pixels (the resize script then fits the content). */
  height: number;
  source: string;
  /**
   * The custom property of the chart's main colour, which a host's `colour` option replaces; absent
   * when colour encodes a scale (the tile map), where one host colour would break the key.
   */
  mainColour?: `--lero-cat-${1 | 2 | 3 | 4 | 5 | 6}`;
  /** Draws the chart, with its title, table and source line. */
  render(context: EmbedRenderContext): HTMLElement;
}

const AUDIT_SOURCE = sourceLine("audit");
const STANDARDS_SOURCE = sourceLine("standards");
const WORKFORCE_SOURCE = sourceLine("workforce");
const STIGMA_SOURCE = sourceLine("stigma");
const OUTCOMES_SOURCE = sourceLine("outcomes");
const BARC = barc10(instruments);

/** Region slugs are the Regions pages' own. */
export { regionSlug } from "../../loaders/reference.ts";

function table(tables: Tables, id: string): AggregateTable {
  const found = tables[id];
  if (!found) throw new Error(`The embed needs the published aggregate "${id}", which is missing: check loaders/aggregates/.`);
  return found;
}

/** The rows for one region (or the UK's "Total" rows) of a table with a `region` dimension. */
function regionRows(tables: Tables, id: string, region: EmbedRegion | null): Record<string, Cell>[] {
  const name = region?.name ?? TOTAL;
  return table(tables, id).rows.filter((row) => row.region === name);
}

/** "in the North East" / "in the UK": read after "LEROs". */
function where(region: EmbedRegion | null): string {
  if (!region) return "across the UK";
  return `in ${region.name}`;
}

const countText = (value: Cell | undefined): string => (isNumber(value) ? value.toLocaleString("en-GB") : value === null || value === undefined ? "[x]" : String(value));

/**
 * Percentages of LEROs choosing each option of a multi-select question (the research page's
 * `research-<question>-by-region` tables), for a region or the UK. A share with no published
 * percentage shows `[c]` when its count or base is hidden, `[x]` when the base is too small.
 */
function optionBars(rows: readonly Record<string, Cell>[], optionDim: string): BarDatum[] {
  return rows.map((row) => {
    const value: Value = isNumber(row.percent) ? row.percent : typeof row.count === "string" || typeof row.base_count === "string" ? "[c]" : "[x]";
    return { label: String(row[optionDim]), value };
  });
}

function optionsFigure(
  context: EmbedRenderContext,
  options: { id: string; aggregate: string; optionDim: string; headline: (top: BarDatum | undefined) => string; what: string; labelHeading: string; source: string },
): HTMLElement {
  const rows = regionRows(context.tables, options.aggregate, context.region);
  const data = optionBars(rows, options.optionDim);
  const shown = data.filter((d) => isNumber(d.value)).sort((a, b) => (b.value as number) - (a.value as number));
  const base = rows[0]?.base_count;
  return barsFigure(data, {
    id: options.id,
    title: options.headline(shown[0]),
    subtitle: `Percentage of LEROs ${where(context.region)} ${options.what}; base: ${countText(base)} LEROs. A LERO may choose several.`,
    source: options.source,
    notes: ["[x] = no percentage: too few LEROs to show one."],
    labelHeading: options.labelHeading,
    valueHeading: "% of LEROs",
    measure: "percent",
    axisLabel: "Percentage of LEROs",
    width: context.width,
    ...(context.width < 480 ? { marginLeft: 150 } : {}),
    document: context.document,
  });
}

const evaluationMethods: EmbedChart = {
  id: "evaluation-methods",
  title: "Evaluation methods LEROs use",
  page: { path: "/research", name: "Research and evaluation" },
  aggregates: ["research-methods-by-region"],
  regional: true,
  height: 620,
  mainColour: "--lero-cat-1",
  source: AUDIT_SOURCE,
  render: (context) =>
    optionsFigure(context, {
      id: "embed-evaluation-methods",
      aggregate: "research-methods-by-region",
      optionDim: "evaluation_methods",
      headline: (top) => (top ? `${top.label}: the way LEROs ${where(context.region)} most often evaluate their work` : `How LEROs ${where(context.region)} evaluate their work`),
      what: "using each evaluation method or tool",
      labelHeading: "Method or tool",
      source: AUDIT_SOURCE,
    }),
};

const barriers: EmbedChart = {
  id: "barriers",
  title: "Barriers to evidencing impact",
  page: { path: "/research", name: "Research and evaluation" },
  aggregates: ["research-barriers-by-region"],
  regional: true,
  height: 560,
  mainColour: "--lero-cat-1",
  source: AUDIT_SOURCE,
  render: (context) =>
    optionsFigure(context, {
      id: "embed-barriers",
      aggregate: "research-barriers-by-region",
      optionDim: "barriers",
      headline: (top) => (top ? `“${top.label}” is the barrier to evidencing impact most often named by LEROs ${where(context.region)}` : `Barriers to evidencing impact named by LEROs ${where(context.region)}`),
      what: "naming each barrier to evidencing their impact, of those who answered",
      labelHeading: "Barrier",
      source: AUDIT_SOURCE,
    }),
};

const standardsInPlace: EmbedChart = {
  id: "standards-in-place",
  title: "Quality standards in place",
  page: { path: "/standards", name: "Quality standards" },
  aggregates: ["headlines-standards-status"],
  regional: false,
  height: 440,
  mainColour: "--lero-cat-3",
  source: STANDARDS_SOURCE,
  render(context) {
    // The registry's measure (standards-in-place): shares of the applicable answers, as on Home and in the Report.
    const status = table(context.tables, "headlines-standards-status");
    const wave = latestWave(status);
    const data: BarDatum[] = status.rows
      .filter((r) => (wave === undefined || r.wave === wave) && r.section === "All sections" && r.status !== status.totalLabel)
      .map((r) => ({
        label: String(r.status),
        value: isNumber(r.percent) ? r.percent : "[c]",
        ...(r.status === "In place" ? { measure: "standards-in-place", key: ALL } : {}),
      }));
    const inPlace = measureValue(context.tables, "standards-in-place");
    return barsFigure(data, {
      id: "embed-standards-in-place",
      title: isNumber(inPlace) ? `LEROs rate ${formatMeasureValue(inPlace, "percent")} of the quality-standard statements that apply to them as fully in place` : "How far LEROs have the quality standards in place",
      subtitle: `Percentage of applicable answers (a LERO × a statement, leaving out statements a LERO marked not applicable), all LEROs across the UK; base: ${countText(measureValue(context.tables, "standards-answers"))} applicable answers`,
      source: STANDARDS_SOURCE,
      labelHeading: "Status",
      valueHeading: "% of applicable answers",
      measure: "percent",
      axisLabel: "Percentage of applicable answers",
      fill: "var(--lero-cat-3, #009e73)",
      width: context.width,
      document: context.document,
    });
  },
};

const workforceConfidence: EmbedChart = {
  id: "workforce-confidence",
  title: "Peer researchers' confidence before and after training",
  page: { path: "/workforce", name: "Peer research workforce" },
  aggregates: ["workforce-confidence"],
  regional: false,
  height: 620,
  mainColour: "--lero-cat-1",
  source: WORKFORCE_SOURCE,
  render(context) {
    const rows = table(context.tables, "workforce-confidence").rows as unknown as ConfidenceRow[];
    return confidenceFigure(rows, { id: "embed-workforce-confidence", source: WORKFORCE_SOURCE, width: context.width, document: context.document });
  },
};

const stigmaBySetting: EmbedChart = {
  id: "stigma-by-setting",
  title: "Where people meet stigma",
  page: { path: "/stigma", name: "Stigma" },
  aggregates: ["embed-stigma-enacted-by-region"],
  regional: true,
  height: 600,
  mainColour: "--lero-cat-6",
  source: STIGMA_SOURCE,
  render(context) {
    const rows = regionRows(context.tables, "embed-stigma-enacted-by-region", context.region) as unknown as ShareRow[];
    return shareFigure(rows, {
      id: "embed-stigma-by-setting",
      measure: "enacted",
      ...(context.region ? { region: context.region.name } : {}),
      source: STIGMA_SOURCE,
      ...(context.region ? { subtitle: `Percentage of people in ${context.region.name} who used each setting and met enacted stigma there` } : {}),
      notes: table(context.tables, "embed-stigma-enacted-by-region").notes?.slice(0, 1) ?? [],
      width: context.width,
      document: context.document,
    });
  },
};

const outcomesOverTime: EmbedChart = {
  id: "outcomes-over-time",
  title: "Recovery capital over time (BARC-10)",
  page: { path: "/outcomes", name: "Outcomes" },
  aggregates: ["embed-barc-mean-by-region"],
  regional: true,
  height: 560,
  mainColour: "--lero-cat-1",
  source: OUTCOMES_SOURCE,
  render(context) {
    const rows = regionRows(context.tables, "embed-barc-mean-by-region", context.region) as unknown as TrajectoryRow[];
    return trajectoryFigure(rows, {
      id: "embed-outcomes-over-time",
      ...(context.region ? { region: context.region.name } : {}),
      source: context.region ? `${OUTCOMES_SOURCE}; people assessed in ${context.region.name}` : OUTCOMES_SOURCE,
      cutOff: BARC.cutOff,
      width: context.width,
      document: context.document,
    });
  },
};

function evaluatesRow(context: EmbedRenderContext, name: string): { percent: Cell; count: Cell; base: Cell } {
  const rows = table(context.tables, "regions-audit-evaluates").rows.filter((r) => r.region === name);
  const yes = rows.find((r) => r.evaluates === "Evaluates its work");
  const total = rows.find((r) => r.evaluates === TOTAL);
  return { percent: yes?.percent ?? null, count: yes?.count ?? null, base: total?.count ?? null };
}

const regionsMap: EmbedChart = {
  id: "regions-map",
  title: "Map: LEROs that evaluate their work, by region",
  page: { path: "/regions", name: "Regions" },
  aggregates: ["regions-audit-evaluates"],
  regional: false,
  height: 760,
  source: AUDIT_SOURCE,
  render(context) {
    const data: TileDatum[] = context.regions.map((r) => {
      const row = evaluatesRow(context, r.name);
      return { region: r.name, value: isNumber(row.percent) ? row.percent : typeof row.count === "string" ? "[c]" : null, base: row.base };
    });
    const uk = evaluatesRow(context, TOTAL);
    const tiles = {
      label: "LEROs that evaluate their work",
      kind: "percent" as const,
      valueHeading: "% of LEROs",
      baseHeading: "LEROs",
      // The registry's leros-evaluating by region (its base leros-audited), as on the Regions page.
      measure: "leros-evaluating",
      key: (region: string) => keyOf("leros-evaluating", { region }),
    };
    return tileMapFigure(context.regions, data, tiles, {
      id: "embed-regions-map",
      title: isNumber(uk.percent) ? `${Math.round(uk.percent)}% of LEROs across the UK evaluate their work; the share differs by region` : "LEROs that evaluate their work, by region",
      subtitle: `Percentage of LEROs in each region that evaluate their work in any way; base: ${countText(uk.base)} LEROs across the UK`,
      source: AUDIT_SOURCE,
      width: Math.min(context.width, 560),
      href: (slug) => `/regions/${slug}`,
      document: context.document,
    });
  },
};

const headlineEvaluates: EmbedChart = {
  id: "headline-evaluates",
  title: "Headline figure: LEROs that evaluate their work",
  page: { path: "/research", name: "Research and evaluation" },
  aggregates: ["regions-audit-evaluates"],
  regional: true,
  height: 300,
  mainColour: "--lero-cat-1",
  source: AUDIT_SOURCE,
  render(context) {
    const key = context.region?.name ?? ALL;
    const headline: Headline = {
      id: "embed-evaluates",
      measure: "leros-evaluating",
      key,
      value: measureValue(context.tables, "leros-evaluating", key),
      format: "percent",
      label: `of LEROs ${where(context.region)} evaluate their work in some way`,
      base: `Base: ${countText(measureValue(context.tables, "leros-audited", key))} LEROs, latest audit wave`,
      href: "/research",
    };
    return embedHeadlineFigure(headline, {
      id: "embed-headline-evaluates",
      source: AUDIT_SOURCE,
      valueHeading: "% of LEROs",
      rowLabel: context.region?.name ?? "UK",
      linkText: "See the evidence",
      document: context.document,
    });
  },
};

/** Every embeddable chart, in the order the builder lists them. */
export const CATALOGUE: readonly EmbedChart[] = [
  evaluationMethods,
  barriers,
  standardsInPlace,
  workforceConfidence,
  stigmaBySetting,
  outcomesOverTime,
  regionsMap,
  headlineEvaluates,
];

export function findChart(id: string): EmbedChart | undefined {
  return CATALOGUE.find((chart) => chart.id === id);
}

/** The region slugs a chart can be narrowed to (none for UK-only charts). */
export function allowedRegions(chart: EmbedChart, regions: readonly EmbedRegion[]): string[] {
  return chart.regional ? regions.map((r) => r.slug) : [];
}

/** What the builder page needs to know about the catalogue (no components, no data). */
export interface CatalogueSummary {
  charts: { id: string; title: string; page: { path: string; name: string }; height: number; regions: string[]; colourable: boolean }[];
  regions: { slug: string; name: string; name_cy: string }[];
}

/** The charts whose tables are all published: a chart of data not yet collected is not offered. */
export function availableCharts(published: (id: string) => boolean): EmbedChart[] {
  return CATALOGUE.filter((chart) => chart.aggregates.every(published));
}

/** The builder's list; `published` says whether a table is in the release (every table when not given). */
export function summarise(regions: readonly EmbedRegion[], published: (id: string) => boolean = () => true): CatalogueSummary {
  return {
    charts: availableCharts(published).map((c) => ({ id: c.id, title: c.title, page: c.page, height: c.height, regions: allowedRegions(c, regions), colourable: c.mainColour !== undefined })),
    regions: regions.map((r) => ({ slug: r.slug, name: r.name, name_cy: r.name_cy })),
  };
}
