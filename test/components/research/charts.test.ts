import { describe, expect, it } from "vitest";
import { researchHeatmap, heatmapTitle, widestGap } from "../../../src/components/research/heatmap.ts";
import { researchOptions, optionsTitle } from "../../../src/components/research/options.ts";
import { researchQuotes } from "../../../src/components/research/quotes.ts";
import { researchShare, shareTitle } from "../../../src/components/research/share.ts";
import { researchFindings, researchSummary } from "../../../src/components/research/summary.ts";
import { fillTemplate, lowerFirst, type ResearchRow } from "../../../src/components/research/text.ts";
import { createDocument, expectSnapshot } from "../snapshot.ts";

const STAGES = ["Informal group", "Emerging", "Established", "Mature"];

/** A by-stage table as published: base, count and percent per stage and option, with a Total. */
function table(optionDim: string, options: Record<string, (number | string)[]>, bases: (number | string)[] = [20, 30, 25, 2, 77]): ResearchRow[] {
  const rows: ResearchRow[] = [];
  for (const [option, counts] of Object.entries(options)) {
    [...STAGES, "Total"].forEach((stage, i) => {
      const base = bases[i]!;
      const count = counts[i]!;
      const percent = typeof base === "number" && typeof count === "number" && base >= 3 ? Math.round((1000 * count) / base) / 10 : null;
      rows.push({ stage, [optionDim]: option, base_count: base, count, percent });
    });
  }
  return rows;
}

const evaluates = table("evaluation", { "Evaluates its work": [8, 21, 20, "[c]", 51] });
const methods = table("evaluation_methods", {
  "Case studies": [6, 15, 18, "[c]", 40],
  "REC-CAP": ["[c]", 6, 12, "[c]", 20],
  "BARC-10": [0, "[c]", 10, "[c]", 15],
  "Assessment of Recovery Capital (ARC)": [0, 0, "[c]", 0, "[c]"],
});
const barriers = table("barriers", { "Not enough staff or volunteer time": [10, 15, 10, "[c]", 36], "No funding for evaluation": [12, 9, 5, "[c]", 27] });
const uses = table("evidence_uses", { "Funding bids": [5, 20, 20, "[c]", 46], "We do not use it yet": [12, 5, 0, 0, 17] });
const innovation = table("innovation_categories", { "New activity or service": [6, 12, 10, "[c]", 29], "None in the last year": [9, 8, 4, 0, 21] });

describe("research charts", () => {
  it("fills title templates, keeping acronyms as written", () => {
    expect(lowerFirst("Case studies")).toBe("case studies");
    expect(lowerFirst("REC-CAP")).toBe("REC-CAP");
    expect(fillTemplate("{Option} at {percent}; {unknown}", { Option: "BARC-10", percent: "5%" })).toBe("BARC-10 at 5%; {unknown}");
    expect(fillTemplate("{LowGroup}", { lowGroup: "informal groups" })).toBe("Informal groups");
  });

  it("shows the share of each stage that evaluates, with the range in the title", () => {
    expect(shareTitle(evaluates, { groupDim: "stage", doing: "evaluate their work" })).toBe("66% of LEROs evaluate their work: from 40% of informal groups to 80% of established LEROs");
    const element = researchShare(evaluates, {
      id: "research-evaluates-by-stage",
      groupDim: "stage",
      groupHeading: "Stage of development",
      doing: "evaluate their work",
      countHeading: "Evaluate their work",
      source: "Audit of LEROs (test)",
      wave: "2025 audit",
      width: 600,
      document: createDocument(),
    });
    expectSnapshot("research-share", element);
    const labels = [...element.querySelectorAll("svg text")].map((t) => t.textContent);
    expect(labels).toContain("All LEROs");
    expect(labels).toContain("[c]");
    expect(element.querySelector(".lero-chart-description")?.textContent).toContain("Mature: [x]");
  });

  it("ranks the options of a question across all LEROs", () => {
    const options = { optionDim: "evaluation_methods", groupDim: "stage", titleTemplate: "The method LEROs use most: {option}, by {percent} of all LEROs" };
    expect(optionsTitle(methods, options)).toBe("The method LEROs use most: case studies, by 52% of all LEROs");
    const element = researchOptions(methods, { ...options, id: "research-methods", optionHeading: "Method", baseLabel: "all LEROs", sort: true, source: "Audit of LEROs (test)", width: 320, document: createDocument() });
    expectSnapshot("research-options", element);
    const rows = [...element.querySelectorAll("tbody tr")].map((tr) => [...tr.children].map((c) => c.textContent));
    expect(rows[0]).toEqual(["Case studies", "40", "51.9%"]);
    expect(rows.at(-1)).toEqual(["Assessment of Recovery Capital (ARC)", "[c]", "[x]"]);
  });

  it("grids an option by stage, naming the widest gap among groups with a base of at least 10", () => {
    const options = {
      optionDim: "evaluation_methods",
      groupDim: "stage",
      titleTemplate: "{Option} varies most: used by {low} of {lowGroup} and {high} of {highGroup}",
      fallbackTitle: "Methods by stage",
    };
    expect(widestGap(methods, options)?.option).toBe("Case studies");
    expect(heatmapTitle(methods, options)).toBe("Case studies varies most: used by 30% of informal groups and 72% of established LEROs");
    expect(heatmapTitle(methods, { ...options, minimumBaseForTitle: 100 })).toBe("Methods by stage");
    const element = researchHeatmap(methods, {
      ...options,
      id: "research-methods-by-stage",
      groups: STAGES,
      optionHeading: "Method",
      groupNoun: "stage of development",
      baseLabel: "all LEROs",
      source: "Audit of LEROs (test)",
      width: 640,
      document: createDocument(),
    });
    expectSnapshot("research-heatmap", element);
    const head = [...element.querySelectorAll("thead th")].map((t) => t.textContent);
    expect(head).toEqual(["Method", "All LEROs (77)", "Informal group (20)", "Emerging (30)", "Established (25)", "Mature (2)"]);
    expect(element.querySelectorAll("svg text").length).toBeGreaterThan(20);
  });

  it("lets a wide grid scroll rather than shrink on a narrow screen", () => {
    const regions = ["North East", "North West", "Yorkshire and The Humber", "East Midlands", "West Midlands", "East of England", "London", "South East", "South West", "Wales", "Scotland", "Northern Ireland"];
    const rows: ResearchRow[] = [...regions, "Total"].map((region, i) => ({ region, barriers: "No funding for evaluation", base_count: 12, count: i % 3 === 0 ? "[c]" : 6, percent: i % 3 === 0 ? null : 50 }));
    const element = researchHeatmap(rows, {
      id: "research-barriers-by-region",
      optionDim: "barriers",
      groupDim: "region",
      groups: regions,
      titleTemplate: "{Option} varies most",
      fallbackTitle: "Barriers by region",
      optionHeading: "Barrier",
      groupNoun: "region",
      baseLabel: "LEROs that answered",
      source: "Audit of LEROs (test)",
      width: 300,
      document: createDocument(),
    });
    expect(element.querySelector(".lero-chart-title")?.textContent).toBe("Barriers by region");
    const svg = element.querySelector("svg")!;
    expect(Number(svg.getAttribute("width"))).toBeGreaterThan(300);
    expect(svg.getAttribute("style")).toContain("max-width: none");
  });

  it("writes the key findings from the tables", () => {
    const tables = {
      wave: { rows: [{ wave: "2025", count: 77 }] },
      evaluates: { rows: evaluates },
      methods: { rows: methods },
      barriers: { rows: barriers },
      uses: { rows: uses },
      innovation: { rows: innovation },
    };
    expect(researchFindings(tables)).toEqual([
      "66% of the 77 LEROs in the 2025 audit evaluate or measure the difference they make in some way, from 40% of informal groups to 80% of established LEROs.",
      "The methods used most are case studies (52% of all LEROs) and REC-CAP (26%).",
      "Recovery-capital tools are less common: REC-CAP 26%, BARC-10 20% of LEROs.",
      "The barrier to evidencing impact named most often: not enough staff or volunteer time (47% of LEROs).",
      "Evidence is used most for funding bids (60% of LEROs).",
      "The most common new work in the last year: new activity or service (38% of LEROs).",
    ]);
    expectSnapshot("research-summary", researchSummary(tables, { document: createDocument() }));
    expect(researchFindings({})).toEqual([]);
  });

  it("shows innovation descriptions as quotations, markup and all, literally", () => {
    const doc = createDocument();
    const element = researchQuotes([{ description: "<img src=x onerror=alert(1)> Drop-in at the library." }, { description: "Our coordinator [name] set up a group." }, { description: "  " }], {
      id: "research-innovation-quotes",
      source: "Audit of LEROs (test)",
      document: doc,
    });
    expectSnapshot("research-quotes", element);
    expect(element.querySelectorAll("blockquote")).toHaveLength(2);
    expect(element.querySelector("img")).toBeNull();
    expect(element.querySelector("blockquote")?.textContent).toBe("<img src=x onerror=alert(1)> Drop-in at the library.");
    expect(element.textContent).toContain("Quotes, as said");
    expect(researchQuotes([], { id: "q", source: "s", document: doc }).textContent).toMatch(/No LERO/);
  });
});
