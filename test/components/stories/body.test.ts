import { describe, expect, it } from "vitest";
import { parseStory, storyBody, storyText } from "../../../src/components/stories/body.ts";
import { createDocument, expectSnapshot } from "../snapshot.ts";

const render = (markdown: string): HTMLElement => storyBody(markdown, { document: createDocument() });

describe("story body", () => {
  it("understands paragraphs, line breaks and emphasis only", () => {
    const body = render("> **Illustrative story.** Not a real person.\n\nFirst line\nsecond line with *emphasis* and __strong__.\r\n\r\nA new paragraph with _light_ and **bold _nested_** text.");
    expectSnapshot("story-body", body);
    const paragraphs = body.querySelectorAll("p");
    expect(paragraphs).toHaveLength(3);
    expect(paragraphs[0]!.className).toBe("lero-story-aside");
    expect(paragraphs[0]!.querySelector("strong")?.textContent).toBe("Illustrative story.");
    expect(paragraphs[1]!.querySelectorAll("br")).toHaveLength(1);
    expect(paragraphs[1]!.querySelector("em")?.textContent).toBe("emphasis");
    expect(paragraphs[1]!.querySelector("strong")?.textContent).toBe("strong");
    expect(paragraphs[2]!.querySelector("strong em")?.textContent).toBe("nested");
  });

  it("shows hostile HTML, links and images as text", () => {
    const hostile = [
      "<script>alert('x')</script>",
      '<img src=x onerror="alert(1)">',
      "[click me](javascript:alert(1))",
      "![pic](https://example.org/track.png)",
      "<a href=\"javascript:alert(1)\">link</a> & <b>bold</b>",
      "# Not a heading",
    ].join("\n\n");
    const body = render(hostile);
    expect(body.querySelectorAll("script, img, a, b, h1, iframe")).toHaveLength(0);
    expect(body.querySelectorAll("*").length).toBe(6);
    expect(body.textContent).toContain("<script>alert('x')</script>");
    expect(body.textContent).toContain('<img src=x onerror="alert(1)">');
    expect(body.textContent).toContain("[click me](javascript:alert(1))");
    expect(body.textContent).toContain("# Not a heading");
    expect(body.innerHTML).toContain("&lt;script&gt;");
  });

  it("leaves underscores inside words and lone asterisks alone", () => {
    expect(storyText("snake_case_name and 2 * 3 * 4 and file_name_here")).toBe("snake_case_name and 2 * 3 * 4 and file_name_here");
    expect(render("a * b").querySelector("em")).toBeNull();
  });

  it("parses to plain blocks and skips asides in excerpts", () => {
    expect(parseStory("\n\n  \n")).toEqual([]);
    expect(storyText("> note\n\nBody *text*.", { skipAsides: true })).toBe("Body text.");
  });
});
