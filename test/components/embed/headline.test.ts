import { describe, expect, it } from "vitest";
import { embedHeadlineFigure } from "../../../src/components/embed/headline.ts";
import { createDocument, expectSnapshot } from "../snapshot.ts";

describe("embed headline figure", () => {
  it("shows the figure, its base, a one-row table and the source", () => {
    const element = embedHeadlineFigure(
      { id: "embed-evaluates", value: 71, format: "percent", label: "of LEROs in North East evaluate their work", base: "Base: 14 LEROs, latest audit wave", href: "/research" },
      { id: "embed-headline-evaluates", source: "CLERO peer-researcher audit of LEROs, latest wave", valueHeading: "% of LEROs", rowLabel: "North East", document: createDocument() },
    );
    expectSnapshot("embed-headline", element);
    expect(element.querySelector(".lero-headline-value")!.textContent).toBe("71%");
    expect(element.querySelectorAll("tbody tr")).toHaveLength(1);
  });

  it("says why a hidden figure is hidden, and shows hostile text literally", () => {
    const element = embedHeadlineFigure(
      { id: "x", value: "[c]", format: "percent", label: "<img src=x onerror=alert(1)>", base: "Base: [c] LEROs", href: "/research" },
      { id: "embed-x", source: "<script>alert(1)</script>", valueHeading: "%", rowLabel: "Wales", document: createDocument() },
    );
    expect(element.querySelector("img, script")).toBeNull();
    expect(element.textContent).toContain("<script>alert(1)</script>");
    expect(element.textContent).toContain("hidden to protect confidentiality");
  });
});
