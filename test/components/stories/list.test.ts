import { describe, expect, it } from "vitest";
import { ALL_REGIONS, filterStories, storyArticle, storyCountText, storyExcerpt, storyList, storyRegions, type Story } from "../../../src/components/stories/list.ts";
import { createDocument, expectSnapshot } from "../snapshot.ts";

const STORIES: Story[] = [
  { slug: "a-walk", title: "A walk on Sundays", lero: "Example Walkers (fictional)", region: "Wales", themes: ["connectedness", "hope"], illustrative: true, body: "> **Illustrative story.** Fictional.\n\nShe joined the *Sunday* walk." },
  { slug: "a-cafe", title: "<script>alert(1)</script> café", lero: null, region: "London", themes: ["meaning"], illustrative: false, body: "He opened the café <img src=x onerror=alert(1)>." },
  { slug: "no-region", title: "Somewhere", lero: null, region: null, themes: ["hope", "identity"], illustrative: false, body: "A story." },
];

describe("story filters", () => {
  it("filters by any chosen theme and by region", () => {
    expect(filterStories(STORIES).map((s) => s.slug)).toEqual(["a-walk", "a-cafe", "no-region"]);
    expect(filterStories(STORIES, { themes: ["hope"] }).map((s) => s.slug)).toEqual(["a-walk", "no-region"]);
    expect(filterStories(STORIES, { themes: ["meaning", "identity"] }).map((s) => s.slug)).toEqual(["a-cafe", "no-region"]);
    expect(filterStories(STORIES, { themes: ["hope"], region: "Wales" }).map((s) => s.slug)).toEqual(["a-walk"]);
    expect(filterStories(STORIES, { region: ALL_REGIONS })).toHaveLength(3);
    expect(filterStories(STORIES, { region: "Scotland" })).toEqual([]);
  });

  it("lists regions in the order given and counts stories in words", () => {
    expect(storyRegions(STORIES, ["London", "Wales"])).toEqual(["London", "Wales"]);
    expect(storyRegions(STORIES)).toEqual(["London", "Wales"]);
    expect(storyCountText(1)).toBe("1 story");
    expect(storyCountText(12)).toBe("12 stories");
    expect(storyCountText(3, 12)).toBe("3 of 12 stories");
    expect(storyCountText(0, 12)).toBe("0 of 12 stories");
  });

  it("makes a short excerpt without the illustrative note", () => {
    expect(storyExcerpt(STORIES[0]!)).toBe("She joined the Sunday walk.");
    expect(storyExcerpt({ ...STORIES[0]!, body: "word ".repeat(100) }, 40).length).toBeLessThanOrEqual(41);
  });
});

describe("story list and page", () => {
  it("renders cards with the illustrative label and hostile text shown literally", () => {
    const list = storyList(STORIES, { document: createDocument() });
    expectSnapshot("story-list", list);
    expect(list.querySelectorAll("li.lero-story-item")).toHaveLength(3);
    expect(list.querySelectorAll(".lero-story-illustrative")).toHaveLength(1);
    expect(list.querySelectorAll("script, img")).toHaveLength(0);
    expect(list.querySelector("li:nth-child(2) h2")?.textContent).toBe("<script>alert(1)</script> café");
    expect(list.querySelector("li:nth-child(1) a")?.getAttribute("href")).toBe("./a-walk.html");
  });

  it("says so when no story matches", () => {
    expect(storyList([], { document: createDocument() }).textContent).toContain("No stories match");
  });

  it("renders a story page body safely", () => {
    const article = storyArticle(STORIES[1]!, { document: createDocument() });
    expectSnapshot("story-article", article);
    expect(article.querySelector(".lero-story-illustrative")).toBeNull();
    expect(article.querySelectorAll("img")).toHaveLength(0);
    expect(article.textContent).toContain("<img src=x onerror=alert(1)>");
    expect(article.querySelector(".lero-story-meta")?.textContent).toBe("London · LERO not named");
  });
});
