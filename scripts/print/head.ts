/**
 * What every page carries when printed: a running header and footer (the site and page title, the
 * release version and date, "Illustrative data" when it is, the page's address and page numbers),
 * written into the page's `<head>` as `@page` margin boxes (a print stylesheet in a `data:` URL). The same rules apply whether a reader
 * prints from the browser or the build prints the PDFs, so the two are the same document.
 */
import { pageAddress } from "./site.ts";

export interface Release {
  version: string;
  /** YYYY-MM-DD. */
  date: string;
  illustrative: boolean;
}

/** `2026-11-25` as `25 November 2026`. */
export function longDate(date: string): string {
  const [year, month, day] = date.split("-").map(Number);
  return new Date(Date.UTC(year!, month! - 1, day!)).toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
}

/** Text as a CSS string that cannot end the string or the `<style>` element. */
export function cssString(text: string): string {
  return `"${text.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/[\r\n]+/g, " ").replace(/</g, "\\3c ")}"`;
}

const BOX = 'font: 8pt system-ui, sans-serif; color: #444;';

/** The CSS that gives a printed page its header and footer. */
export function printHeaderCss(page: string, title: string, release: Release, env: NodeJS.ProcessEnv = process.env): string {
  const release_ = `Release ${release.version}, ${longDate(release.date)}`;
  const boxes = [
    `@top-left { content: ${cssString(title)}; ${BOX} }`,
    `@top-right { content: ${cssString(release.illustrative ? `Illustrative data · ${release_}` : release_)}; ${BOX}${release.illustrative ? " font-weight: 700; color: #6b4d00;" : ""} }`,
    `@bottom-left { content: ${cssString(pageAddress(page, env))}; ${BOX} }`,
    `@bottom-right { content: "Page " counter(page) " of " counter(pages); ${BOX} }`,
  ];
  return `@page { ${boxes.join(" ")} }`;
}

/**
 * The header and footer as a print stylesheet in a `data:` URL. Decision: not a `<style>` element,
 * because the build's gates read every page with jsdom, whose CSS parser cannot read `@page` margin
 * boxes and reports each as an error; jsdom does not load linked stylesheets, and Chromium does.
 */
export function printHeaderLink(css: string): string {
  return `<link rel="stylesheet" media="print" href="data:text/css,${encodeURIComponent(css)}">`;
}
