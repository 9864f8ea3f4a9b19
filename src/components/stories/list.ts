/**
 * Stories of LERO impact: filtering by CHIME theme and region, the live count, the index list and a
 * story's own page. Titles, names and bodies are written by the public, so every piece of text is set
 * with `textContent` (the body through `storyBody`, which understands only paragraphs and emphasis).
 */
import type { PublishedStory } from "../../lib/published.js";
import { storyBody, storyText } from "./body.js";

/** A story as published in `stories.json`. */
export type Story = PublishedStory;

/** The CHIME themes of recovery, in their usual order. */
export const THEMES = ["connectedness", "hope", "identity", "meaning", "empowerment"] as const;

export const ALL_REGIONS = "All regions";

export function themeLabel(theme: string): string {
  return theme.charAt(0).toUpperCase() + theme.slice(1);
}

export interface StoryFilter {
  /** Show stories with any of these themes; none means every theme. */
  themes?: readonly string[];
  /** A region name, or `ALL_REGIONS` / null for every region. */
  region?: string | null;
}

export function filterStories(stories: readonly Story[], filter: StoryFilter = {}): Story[] {
  const themes = filter.themes ?? [];
  const region = filter.region && filter.region !== ALL_REGIONS ? filter.region : null;
  return stories.filter((s) => (themes.length === 0 || s.themes.some((t) => themes.includes(t))) && (region === null || s.region === region));
}

/** The regions that have stories, in the order given (the reference order), then any others A–Z. */
export function storyRegions(stories: readonly Story[], order: readonly string[] = []): string[] {
  const present = new Set(stories.map((s) => s.region).filter((r): r is string => typeof r === "string" && r !== ""));
  return [...order.filter((r) => present.has(r)), ...[...present].filter((r) => !order.includes(r)).sort()];
}

export function storyCountText(shown: number, total?: number): string {
  const noun = (n: number): string => (n === 1 ? "story" : "stories");
  if (total === undefined || total === shown) return `${shown.toLocaleString("en-GB")} ${noun(shown)}`;
  return `${shown.toLocaleString("en-GB")} of ${total.toLocaleString("en-GB")} ${noun(total)}`;
}

/** A short plain-text opening of the story (the illustrative note left out). */
export function storyExcerpt(story: Story, maxLength = 180): string {
  const text = storyText(story.body, { skipAsides: true }).replace(/\s+/g, " ").trim();
  if (text.length <= maxLength) return text;
  const cut = text.slice(0, maxLength);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(" "), maxLength / 2)).replace(/[\s,;:.]+$/, "")}…`;
}

function el<K extends keyof HTMLElementTagNameMap>(doc: Document, tag: K, className?: string, text?: string): HTMLElementTagNameMap[K] {
  const node = doc.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function meta(doc: Document, story: Story): HTMLElement {
  const list = el(doc, "p", "lero-story-meta");
  const parts = [story.region ?? "Region not given", story.lero ?? "LERO not named"];
  list.textContent = parts.join(" · ");
  return list;
}

function themes(doc: Document, story: Story): HTMLElement {
  const list = el(doc, "ul", "lero-story-themes");
  list.setAttribute("aria-label", "Themes");
  for (const theme of story.themes) list.append(el(doc, "li", `lero-story-theme lero-theme-${THEMES.includes(theme as (typeof THEMES)[number]) ? theme : "other"}`, themeLabel(theme)));
  return list;
}

function illustrativeLabel(doc: Document): HTMLElement {
  return el(doc, "p", "lero-story-illustrative", "Illustrative story");
}

/** The index: one card per story, linking to its page. */
export function storyList(stories: readonly Story[], options: { document?: Document; hrefBase?: string } = {}): HTMLElement {
  const doc = options.document ?? document;
  const list = el(doc, "ul", "lero-story-list");
  list.setAttribute("role", "list");
  for (const story of stories) {
    const item = el(doc, "li", "lero-story-item");
    const card = el(doc, "article", "lero-story-card");
    if (story.illustrative) card.append(illustrativeLabel(doc));
    const heading = el(doc, "h2", "lero-story-title");
    const link = el(doc, "a", undefined, story.title);
    link.href = `${options.hrefBase ?? "./"}${encodeURIComponent(story.slug)}.html`;
    heading.append(link);
    card.append(heading, meta(doc, story), el(doc, "p", "lero-story-excerpt", storyExcerpt(story)), themes(doc, story));
    item.append(card);
    list.append(item);
  }
  if (stories.length === 0) {
    const empty = el(doc, "li", "lero-story-empty", "No stories match these filters. Try another theme or region.");
    list.append(empty);
  }
  return list;
}

/** A story's own page content (the page supplies the h1 title). */
export function storyArticle(story: Story, options: { document?: Document } = {}): HTMLElement {
  const doc = options.document ?? document;
  const article = el(doc, "article", "lero-story");
  if (story.illustrative) article.append(illustrativeLabel(doc));
  article.append(meta(doc, story), themes(doc, story), storyBody(story.body, { document: doc }));
  return article;
}
