import { describe, expect, it } from "vitest";
import { inTen, shareFigure, shareTitle, type ShareRow } from "../../../src/components/stigma/share.ts";
import { createDocument, expectSnapshot } from "../snapshot.ts";

const enacted: ShareRow[] = [
  { setting: "GP", count: 1000, enacted_count: 420, percent: 42 },
  { setting: "Hospital or A&E", count: 660, enacted_count: 325, percent: 49.2 },
  { setting: "Pharmacy", count: 680, enacted_count: 75, percent: 11 },
  { setting: "Police", count: 15, enacted_count: "[c]", percent: null },
];

describe("stigma share by setting", () => {
  it("draws settings largest first, with hidden shares marked and a campaign headline", () => {
    const element = shareFigure(enacted, { id: "stigma-where", measure: "enacted", source: "Stigma survey (test)", width: 640, document: createDocument() });
    expectSnapshot("stigma-share-enacted", element);
    expect(element.querySelector("h3")?.textContent).toBe("5 in 10 people who used hospital or A&E met stigma there, more than in any other setting");
    const texts = [...element.querySelectorAll("svg text")].map((t) => t.textContent);
    expect(texts).toContain("49.2%");
    expect(texts).toContain("[c]");
    expect([...element.querySelectorAll("tbody th")].map((t) => t.textContent)).toEqual(["Hospital or A&E", "GP", "Pharmacy", "Police"]);
    expect(element.querySelector(".lero-chart-subtitle")?.textContent).toContain("base: 15 to 1,000 people per setting");
  });

  it("words avoidance, and draws setting names above the bars on a narrow screen", () => {
    const avoided: ShareRow[] = enacted.map(({ enacted_count, ...r }) => ({ ...r, avoided_count: enacted_count ?? null }));
    const element = shareFigure(avoided, { id: "stigma-avoided", measure: "avoided", source: "Stigma survey (test)", width: 320, document: createDocument() });
    expectSnapshot("stigma-share-avoided-narrow", element);
    expect(shareTitle(avoided, "avoided")).toBe("How they were treated led 5 in 10 people to avoid or put off hospital or A&E, more than any other setting");
    expect([...element.querySelectorAll("svg text")].map((t) => t.textContent)).toContain("Hospital or A&E");
  });

  it("uses 'x in 10' only from 10% up", () => {
    expect(inTen(42)).toBe("4 in 10");
    expect(inTen(7.5)).toBe("8%");
    expect(shareTitle([{ setting: "GP", count: "[c]", percent: null }], "enacted")).toBe("The figures for this chart are hidden to protect confidentiality");
  });
});
