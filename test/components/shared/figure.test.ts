import { describe, expect, it } from "vitest";
import { chartWidth, figure, toCsv } from "../../../src/components/shared/figure.ts";
import { createDocument, expectSnapshot } from "../snapshot.ts";

function build(document: Document) {
  const chart = document.createElementNS("http://www.w3.org/2000/svg", "svg");
  return figure({
    id: "example",
    title: "Most LEROs evaluate their work",
    subtitle: "Number of LEROs; base: 150 LEROs",
    chart,
    description: "120 of 150 LEROs evaluate their work in some way.",
    source: "LERO Evidence audit, 2025",
    columns: [
      { key: "answer", label: "Answer" },
      { key: "count", label: "LEROs", numeric: true },
    ],
    rows: [
      { answer: "Yes", count: 120 },
      { answer: "<img src=x onerror=alert(1)>", count: "[c]" },
    ],
    document,
  });
}

describe("chartWidth", () => {
  it("keeps a given width, falls back when there is none, and never goes below the minimum", () => {
    expect(chartWidth(720)).toBe(720);
    expect(chartWidth(undefined)).toBe(640);
    expect(chartWidth(undefined, 480)).toBe(480);
    expect(chartWidth(0)).toBe(240);
    expect(chartWidth(-50)).toBe(240);
    expect(chartWidth(Number.NaN)).toBe(640);
  });
});

describe("figure", () => {
  it("renders the frame: title, subtitle, described chart, table, source, notes and downloads", () => {
    expectSnapshot("figure-basic", build(createDocument()));
  });

  it("shows hostile labels as text, never as markup", () => {
    const element = build(createDocument());
    expect(element.querySelector("img")).toBeNull();
    expect(element.querySelector("tbody")!.textContent).toContain("<img src=x onerror=alert(1)>");
  });

  it("marks suppressed cells and explains [c] under the source", () => {
    const element = build(createDocument());
    expect(element.querySelector("td.lero-symbol")!.textContent).toBe("[c]");
    expect(element.querySelector("figcaption")!.textContent).toContain("[c] = hidden to protect confidentiality");
  });

  it("writes spreadsheet-safe CSV", () => {
    const csv = toCsv([{ key: "a", label: "Answer" }, { key: "n", label: "n" }], [{ a: "=1+1", n: 5 }, { a: "plain, with comma", n: "[c]" }]);
    expect(csv).toBe("Answer,n\r\n'=1+1,5\r\n\"plain, with comma\",[c]\r\n");
  });

  it("escapes full-width formula characters in the CSV too", () => {
    const csv = toCsv([{ key: "a", label: "＝Answer" }], [{ a: "＝1+1" }, { a: "＋1" }, { a: "－1" }, { a: "＠me" }]);
    expect(csv).toBe("'＝Answer\r\n'＝1+1\r\n'＋1\r\n'－1\r\n'＠me\r\n");
  });
});
