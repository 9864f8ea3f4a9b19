import { describe, expect, it } from "vitest";
import { contextFigure, contextTitle, type ContextFigure } from "../../../src/components/context/figures.ts";
import { createDocument, expectSnapshot } from "../snapshot.ts";

const base = { unit: "deaths", publication: "Drug deaths release", published_date: "2025-01-01", url: "https://example.org/release", checked: false, table_or_section: "Table 2", accessed: "2026-12-01" };
const figures: ContextFigure[] = [
  { ...base, id: "A1", nation_or_area: "Northern Ireland", measure: "drug-related deaths", period: "2023", value: 169, publisher: "NISRA" },
  { ...base, id: "A2", nation_or_area: "Northern Ireland", measure: "drug misuse deaths", period: "2023", value: 146, publisher: "NISRA" },
];

describe("context figures", () => {
  it("draws one labelled bar per figure, naming each measure, with its source and where in it the value is", () => {
    const element = contextFigure(figures, { id: "context-ni", subtitle: "Deaths registered", width: 640, document: createDocument() });
    expectSnapshot("context-figures", element);
    expect(element.querySelector("h3")?.textContent).toBe("Drug-related deaths, Northern Ireland: 169 deaths (2023)");
    expect(element.querySelector("figcaption")?.textContent).toContain("Not yet checked against the primary publication");
    const cells = [...element.querySelectorAll("tbody td")].map((t) => t.textContent);
    expect(cells).toEqual(expect.arrayContaining(["https://example.org/release", "Table 2", "2026-12-01"]));
  });

  it("titles rates with one decimal and the latest period", () => {
    const rates: ContextFigure[] = [
      { ...base, id: "B1", nation_or_area: "England and Wales", measure: "rate", period: "2023 registrations", value: 93, unit: "per million people", publisher: "ONS" },
      { ...base, id: "B2", nation_or_area: "England and Wales", measure: "rate", period: "2024 registrations", value: 93.9, unit: "per million people", publisher: "ONS" },
    ];
    expect(contextTitle(rates)).toBe("Rate, England and Wales: 93.9 per million people (2024 registrations)");
    expect(contextTitle([rates[0]!])).toBe("Rate, England and Wales: 93.0 per million people (2023 registrations)");
  });
});
