import { describe, expect, it } from "vitest";
import { headlineCard, headlineCards } from "../../../src/components/shared/headline-card.ts";
import { formatHeadline, headlineFigures } from "../../../src/components/shared/headline-figures.ts";
import { TABLES, suppressed } from "../headline-fixture.ts";
import { createDocument, expectSnapshot } from "../snapshot.ts";

describe("headline figures", () => {
  it("picks the latest wave and the figures from the tables", () => {
    const figures = headlineFigures(TABLES);
    expect(figures.length).toBeGreaterThanOrEqual(5);
    expect(figures.length).toBeLessThanOrEqual(7);
    const byId = Object.fromEntries(figures.map((f) => [f.id, f]));
    expect(byId["leros-audited"]?.value).toBe(120);
    expect(byId["leros-evaluating"]?.value).toBe(60);
    expect(byId["leros-evaluating"]?.base).toBe("Base: 120 LEROs, 2025 audit");
    expect(byId["standards-in-place"]?.value).toBe(40);
    expect(byId["trainees"]?.base).toBe("Across 2 training cohorts");
    expect(byId["stigma-gp"]?.value).toBe(75);
    expect(byId["avoided-care"]?.value).toBe(55);
    expect(byId["barc-change"]?.value).toBe(7.9);
    for (const f of figures) expect(f.href).toMatch(/^\.\/(research|standards|workforce|stigma|outcomes)\.html$/);
  });

  it("formats counts, percentages and changes, and keeps symbols", () => {
    expect(formatHeadline(1200, "count")).toBe("1,200");
    expect(formatHeadline(67.6, "percent")).toBe("68%");
    expect(formatHeadline(8.7, "change")).toBe("+8.7");
    expect(formatHeadline(-2, "change")).toBe("−2");
    expect(formatHeadline("[c]", "percent")).toBe("[c]");
    expect(formatHeadline(null, "count")).toBe("[x]");
  });
});

describe("headline cards", () => {
  it("renders every card with its value, label, base and link", () => {
    const element = headlineCards(headlineFigures(TABLES), { document: createDocument() });
    expectSnapshot("headline-cards", element);
    expect(element.querySelectorAll("article.lero-headline-card")).toHaveLength(7);
    const first = element.querySelector("article")!;
    expect(first.querySelector(".lero-headline-value")?.textContent).toBe("120");
    expect(first.querySelector("a")?.getAttribute("href")).toBe("./research.html");
  });

  it("shows [c] and says why when a figure is suppressed", () => {
    const [figure] = headlineFigures(suppressed()).filter((f) => f.id === "stigma-gp");
    const card = headlineCard(figure!, { document: createDocument(), origin: "https://example.org" });
    expectSnapshot("headline-card-suppressed", card);
    expect(card.querySelector(".lero-headline-value")?.textContent).toBe("[c]");
    expect(card.textContent).toContain("hidden to protect confidentiality");
    expect(card.querySelector("a")?.getAttribute("href")).toBe("https://example.org/stigma.html");
  });

  it("shows hostile text literally", () => {
    const card = headlineCard({ id: "x", value: 5, format: "count", label: "<img src=x onerror=alert(1)>", base: "<script>alert(1)</script>", href: "/stigma" }, { document: createDocument() });
    expect(card.querySelector("img, script")).toBeNull();
    expect(card.textContent).toContain("<img src=x onerror=alert(1)>");
  });
});
