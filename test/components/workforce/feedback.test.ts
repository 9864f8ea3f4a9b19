import { describe, expect, it } from "vitest";
import { feedbackList } from "../../../src/components/workforce/feedback.ts";
import { createDocument, expectSnapshot } from "../snapshot.ts";

describe("workforce feedback", () => {
  it("shows each text literally in a blockquote marked as said", () => {
    const element = feedbackList([{ feedback: "<img src=x onerror=alert(1)> loved it" }, { feedback: "=1+1 is all the maths I knew" }, { feedback: "Email [email] for slides" }], { document: createDocument() });
    expectSnapshot("workforce-feedback", element);
    expect(element.querySelectorAll("blockquote")).toHaveLength(3);
    expect(element.querySelector("img")).toBeNull();
    expect(element.querySelector("blockquote")?.textContent).toBe("<img src=x onerror=alert(1)> loved it");
    expect(element.textContent).toContain("Quote, as said");
  });

  it("says when there is nothing to show", () => {
    expect(feedbackList([], { document: createDocument() }).textContent).toContain("No trainee has agreed");
  });
});
