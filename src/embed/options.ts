/**
 * The options an embed reads, from an iframe's query string or a module's `render(element, options)`,
 * normalised once here. Anything unknown or malformed falls back to the default, and a region must be
 * one of the slugs the chart was built for, so no value from a URL ever reaches markup unchecked.
 *
 * No imports: this file is bundled into the few-KB scripts that run on LERO websites.
 */

export type Theme = "light" | "dark" | "auto";
export type Lang = "en" | "cy";

export interface EmbedOptions {
  /** A region slug the chart has a variant for, or null for the whole UK. */
  region: string | null;
  theme: Theme;
  lang: Lang;
  /** Show the chart's title (`title=0` hides it from view; it stays the figure's accessible name). */
  title: boolean;
  /** A fixed height in pixels (between 120 and 4000), or null to fit the content. */
  height: number | null;
  /** An id the host chooses, echoed in height messages (letters, digits, `-` and `_`, up to 64). */
  id: string | null;
  /**
   * The host's colour for the chart's main series, as `#rrggbb`, or null for the site's own. Used
   * only on the backgrounds it stands out from (see `colourFit`); charts whose colours encode a scale
   * (the tile map) keep theirs.
   */
  colour: string | null;
}

export const DEFAULT_OPTIONS: EmbedOptions = { region: null, theme: "auto", lang: "en", title: true, height: null, id: null, colour: null };

/** The embed's background in each theme (as in embed-chart.css). */
export const BACKGROUNDS: Readonly<Record<"light" | "dark", string>> = { light: "#ffffff", dark: "#17191c" };
/** WCAG 2.2 (1.4.11): bars, lines and marks need a contrast of at least 3:1 with what is around them. */
export const MIN_GRAPHIC_CONTRAST = 3;

export const MIN_HEIGHT = 120;
export const MAX_HEIGHT = 4000;

/** Loose input: strings from a URL, or values a host page passes to `render`. */
export type RawOptions = Partial<Record<keyof EmbedOptions, unknown>>;

function text(value: unknown): string | null {
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return typeof value === "string" ? value.trim() : null;
}

function parseRegion(value: unknown, regions: readonly string[]): string | null {
  const slug = text(value)?.toLowerCase() ?? "";
  return regions.includes(slug) ? slug : null;
}

function parseTheme(value: unknown): Theme {
  const theme = text(value)?.toLowerCase();
  return theme === "light" || theme === "dark" ? theme : "auto";
}

function parseLang(value: unknown): Lang {
  const lang = text(value)?.toLowerCase();
  return lang === "cy" ? "cy" : "en";
}

function parseTitle(value: unknown): boolean {
  const flag = text(value)?.toLowerCase();
  return !(flag === "0" || flag === "false" || flag === "no" || flag === "off");
}

function parseHeight(value: unknown): number | null {
  const raw = text(value);
  if (raw === null || !/^\d{1,5}(px)?$/.test(raw)) return null;
  const height = Number.parseInt(raw, 10);
  return height >= MIN_HEIGHT && height <= MAX_HEIGHT ? height : null;
}

function parseId(value: unknown): string | null {
  const id = text(value);
  return id !== null && /^[A-Za-z0-9_-]{1,64}$/.test(id) ? id : null;
}

function relativeLuminance(hex: string): number {
  const channel = (i: number): number => {
    const c = Number.parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}

/** The WCAG contrast ratio of two `#rrggbb` colours (1 to 21). */
export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** `#rrggbb` (lower case) from `#rrggbb`, `rrggbb`, `#rgb` or `rgb`; null for anything else. */
export function parseHexColour(value: unknown): string | null {
  const raw = text(value)?.toLowerCase().replace(/^#/, "") ?? "";
  if (/^[0-9a-f]{6}$/.test(raw)) return `#${raw}`;
  if (/^[0-9a-f]{3}$/.test(raw)) return `#${[...raw].map((c) => c + c).join("")}`;
  return null;
}

/** The backgrounds a theme setting can show: `auto` follows the reader, so it may show either. */
function backgroundsOf(theme: Theme): ("light" | "dark")[] {
  return theme === "auto" ? ["light", "dark"] : [theme];
}

/**
 * On which backgrounds a host's colour is used: where it reaches a 3:1 contrast. Elsewhere the chart
 * keeps its own colour, so a dark brand colour still works on the light background of `auto`.
 */
export function colourFit(colour: string, theme: Theme): { light: boolean; dark: boolean } {
  const shown = backgroundsOf(theme);
  const fits = (t: "light" | "dark"): boolean => shown.includes(t) && contrastRatio(colour, BACKGROUNDS[t]) >= MIN_GRAPHIC_CONTRAST;
  return { light: fits("light"), dark: fits("dark") };
}

/**
 * What a host should know about a colour under a theme: null when it is used on every background the
 * theme can show, otherwise which background keeps the chart's own colour and why.
 */
export function colourProblem(colour: string, theme: Theme): string | null {
  const fit = colourFit(colour, theme);
  // White and the dark background differ by more than 3 × 3, so no colour fails on both.
  const failing = backgroundsOf(theme).find((t) => !fit[t]);
  if (failing === undefined) return null;
  const ratio = contrastRatio(colour, BACKGROUNDS[failing]).toFixed(1);
  const where = theme === "auto" ? `on the ${failing} background (for readers who use ${failing} mode) the chart keeps its own colour` : "the chart keeps its own colour";
  return `${colour} has a contrast of ${ratio}:1 with the ${failing} background, and bars and lines need at least ${MIN_GRAPHIC_CONTRAST}:1 to be seen, so ${where}. Pick a ${failing === "light" ? "darker" : "lighter"} colour to use it there.`;
}

function parseColour(value: unknown, theme: Theme): string | null {
  const colour = parseHexColour(value);
  if (colour === null) return null;
  const fit = colourFit(colour, theme);
  return fit.light || fit.dark ? colour : null;
}

/** Normalises loose options; `regions` are the slugs the chart has variants for (none: UK only). */
export function normaliseOptions(raw: RawOptions, regions: readonly string[]): EmbedOptions {
  return {
    region: parseRegion(raw.region, regions),
    theme: parseTheme(raw.theme),
    lang: parseLang(raw.lang),
    title: parseTitle(raw.title),
    height: parseHeight(raw.height),
    id: parseId(raw.id),
    colour: parseColour(raw.colour, parseTheme(raw.theme)),
  };
}

/** Reads options from a query string (`?region=london&theme=dark`); the first value of a repeated key wins. */
export function parseQuery(search: string, regions: readonly string[]): EmbedOptions {
  const params = new URLSearchParams(search);
  const raw: RawOptions = {};
  for (const key of Object.keys(DEFAULT_OPTIONS) as (keyof EmbedOptions)[]) {
    const value = params.get(key);
    if (value !== null) raw[key] = value;
  }
  // The American spelling, for hosts who type it.
  if (raw.colour === undefined && params.get("color") !== null) raw.colour = params.get("color");
  return normaliseOptions(raw, regions);
}

/** The query string for options, leaving out defaults (what the builder puts in a snippet). */
export function toQuery(options: Partial<EmbedOptions>): string {
  const params = new URLSearchParams();
  if (options.region) params.set("region", options.region);
  if (options.theme && options.theme !== "auto") params.set("theme", options.theme);
  if (options.lang && options.lang !== "en") params.set("lang", options.lang);
  if (options.title === false) params.set("title", "0");
  if (options.height) params.set("height", String(options.height));
  if (options.id) params.set("id", options.id);
  if (options.colour) params.set("colour", options.colour.replace(/^#/, ""));
  const query = params.toString();
  return query ? `?${query}` : "";
}
