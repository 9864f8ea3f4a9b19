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
}

export const DEFAULT_OPTIONS: EmbedOptions = { region: null, theme: "auto", lang: "en", title: true, height: null, id: null };

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

/** Normalises loose options; `regions` are the slugs the chart has variants for (none: UK only). */
export function normaliseOptions(raw: RawOptions, regions: readonly string[]): EmbedOptions {
  return {
    region: parseRegion(raw.region, regions),
    theme: parseTheme(raw.theme),
    lang: parseLang(raw.lang),
    title: parseTitle(raw.title),
    height: parseHeight(raw.height),
    id: parseId(raw.id),
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
  const query = params.toString();
  return query ? `?${query}` : "";
}
