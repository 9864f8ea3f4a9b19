import { describe, expect, it } from "vitest";
import { loadPolicy } from "../../../loaders/disclose/policy.ts";
import { exploreChart, updateChartSelection, type ChartBar } from "../../../src/components/explore/chart.ts";
import { toSafeCsv } from "../../../src/components/explore/csv.ts";
import { decodeState, encodeState, normaliseState, toggleFilter } from "../../../src/components/explore/state.ts";
import { exploreDatasets, orderValues } from "../../../src/components/explore/datasets.ts";
import type { DataPackage } from "../../../src/lib/published.ts";
import { createDocument, expectSnapshot } from "../snapshot.ts";

const policy = loadPolicy();

const bars: ChartBar[] = [
  { value: "GP", shown: 245, selected: true },
  { value: "Hospital or A&E", shown: 180, selected: false },
  { value: "Dentist", shown: "[c]", selected: false },
  { value: "<img src=x onerror=alert(1)>", shown: 0, selected: false },
];

describe("explorer chart", () => {
  it("draws bars whose categories are buttons, with [c] kept and hostile labels shown literally", () => {
    const toggled: string[] = [];
    const element = exploreChart(bars, {
      id: "explore-chart-setting",
      title: "People by setting: GP is the largest group",
      subtitle: "People counted once each, rounded to the nearest 5",
      description: "People by Setting. Highest: GP, 245.",
      dimensionTitle: "Setting",
      measureLabel: "People",
      measureKind: "count",
      chartType: "bars",
      source: "Test data",
      policy,
      width: 480,
      document: createDocument(),
      onToggle: (value) => toggled.push(value),
      focusValue: "Dentist",
    });
    expectSnapshot("explore-chart-bars", element);
    const hits = [...element.querySelectorAll("rect.explore-hit")];
    expect(hits.map((h) => h.getAttribute("aria-pressed"))).toEqual(["true", "false", "false", "false"]);
    expect(hits.map((h) => h.getAttribute("tabindex"))).toEqual(["-1", "-1", "0", "-1"]);
    expect(hits[2]!.getAttribute("aria-label")).toBe("Dentist: [c]");
    expect(element.querySelector("svg")!.getAttribute("aria-describedby")).toBe("explore-chart-setting-description");
    expect(element.querySelector("img")).toBeNull();
    expect([...element.querySelectorAll("svg text")].map((t) => t.textContent)).toEqual(expect.arrayContaining(["✓ 245", "[c]"]));
    hits[1]!.dispatchEvent(new (element.ownerDocument.defaultView!.MouseEvent)("click", { bubbles: true }));
    // The keyboard stop follows the click at once (before the view changes).
    expect(hits.map((h) => h.getAttribute("tabindex"))).toEqual(["-1", "0", "-1", "-1"]);
    hits[2]!.dispatchEvent(new (element.ownerDocument.defaultView!.KeyboardEvent)("keydown", { key: "Enter", bubbles: true }));
    expect(toggled).toEqual(["Hospital or A&E", "Dentist"]);
  });

  it("draws dots", () => {
    const element = exploreChart(bars, {
      id: "explore-chart-dots",
      title: "Mean by setting",
      subtitle: "Mean",
      description: "Means.",
      dimensionTitle: "Setting",
      measureLabel: "Mean score",
      measureKind: "mean",
      chartType: "dots",
      source: "Test data",
      policy,
      width: 400,
      document: createDocument(),
    });
    expectSnapshot("explore-chart-dots", element);
    expect(element.querySelectorAll("rect.explore-hit").length).toBe(0);
    expect(element.querySelector("svg")!.getAttribute("role")).toBe("img");
  });

  it("shows a new choice of bars in place, exactly as drawing the chart again would, and refuses new figures", () => {
    const options = (title: string) => ({
      id: "explore-chart-setting",
      title,
      subtitle: "People counted once each",
      description: `${title}.`,
      dimensionTitle: "Setting",
      measureLabel: "People",
      measureKind: "count" as const,
      chartType: "bars" as const,
      source: "Test data",
      policy,
      width: 480,
      document: createDocument(),
      onToggle: () => undefined,
    });
    const none = bars.map((b) => ({ ...b, selected: false }));
    const chosen = bars.map((b) => ({ ...b, selected: b.value === "Dentist" || b.value === "Hospital or A&E" }));
    const figure = exploreChart(none, options("Before"));
    const svg = figure.querySelector("svg");
    expect(updateChartSelection(figure, chosen, { title: "After", subtitle: "People counted once each", description: "After." })).toBe(true);
    // The same elements (the focus stays), and the same markup as a chart drawn with the new choice.
    expect(figure.querySelector("svg")).toBe(svg);
    expect(figure.outerHTML).toBe(exploreChart(chosen, options("After")).outerHTML);
    expect([...figure.querySelectorAll("rect.explore-hit")].map((h) => h.getAttribute("aria-pressed"))).toEqual(["false", "true", "true", "false"]);
    expect(figure.querySelector(".explore-labels-hidden text")!.getAttribute("font-weight")).toBe("bold");
    expect([...figure.querySelectorAll("table tbody tr td:last-child")].map((c) => c.textContent)).toEqual(["", "Yes", "Yes", ""]);
    // And back: no choice leaves no bold label and every bar in the strong colour.
    updateChartSelection(figure, none, { title: "Before", subtitle: "People counted once each", description: "Before." });
    expect(figure.outerHTML).toBe(exploreChart(none, options("Before")).outerHTML);
    expect(() => updateChartSelection(figure, none.map((b) => ({ ...b, shown: 5 })), { title: "x", subtitle: "x", description: "x" })).toThrow(/figures differ/);
    expect(updateChartSelection(createDocument().createElement("figure"), none, { title: "x", subtitle: "x", description: "x" })).toBe(false);
  });

  it("writes spreadsheet-safe CSV", () => {
    expect(toSafeCsv(["a", "b"], [["=1+1", "x,y"], ["-3", '"q"'], ["@me", "\tt"]], policy)).toBe(`a,b\r\n'=1+1,"x,y"\r\n'-3,"""q"""\r\n'@me,'\tt\r\n`);
  });

  it("escapes full-width formula characters in downloads too", () => {
    expect(toSafeCsv(["＝a"], [["＝1+1"], ["＋1"], ["－1"], ["＠me"]], policy)).toBe(`'＝a\r\n'＝1+1\r\n'＋1\r\n'－1\r\n'＠me\r\n`);
  });
});

describe("explorer state in the URL", () => {
  const licence = { name: "OGL-UK-3.0", title: "Open Government Licence v3.0", path: "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/" };
  const pkg: DataPackage = {
    $schema: "https://datapackage.org/profiles/2.0/datapackage.json",
    name: "lero-evidence",
    title: "Test package",
    description: "A data package with one resource.",
    version: "v1",
    licenses: [licence],
    lero: { illustrative: true, version: "v1" },
    resources: [
      {
        name: "stigma-parquet",
        path: "stigma.parquet",
        format: "parquet",
        mediatype: "application/vnd.apache.parquet",
        encoding: "utf-8",
        bytes: 1,
        hash: "0",
        licenses: [licence],
        title: "Stigma (PARQUET)",
        lero: { kind: "microdata", dataset: "stigma", level: "person", subject: "respondent_ref" },
        schema: {
          fields: [
            { name: "respondent_ref", type: "string" },
            { name: "setting", type: "string", categories: ["GP", "Dentist"] },
            { name: "avoided_care", type: "boolean", lero: { role: "sensitive" } },
            { name: "quote", type: "string", lero: { role: "free-text" } },
          ],
        },
      },
    ],
  };
  const [dataset] = exploreDatasets(pkg);

  it("reads the data package", () => {
    expect(dataset!.title).toBe("Stigma");
    expect(dataset!.dimensions.map((d) => d.name)).toEqual(["setting", "avoided_care"]);
    expect(dataset!.measures.map((m) => m.id)).toEqual(["count", "share"]);
    expect(orderValues(dataset!.dimensions[0], ["[x]", "Police", "Dentist", "GP"])).toEqual(["GP", "Dentist", "Police", "[x]"]);
  });

  it("round-trips through the query string and drops what it does not know", () => {
    const known = new Map([
      ["setting", ["GP", "Dentist"]],
      ["avoided_care", ["Yes", "No"]],
    ]);
    const state = normaliseState(
      decodeState("?dataset=stigma&dims=setting,nope,avoided_care&f.setting=Dentist&f.setting=Mars&f.nope=x&measure=share&chart=dots&sql=SELECT+1"),
      dataset!,
      known,
      ["setting"],
    );
    expect(state).toEqual({ dataset: "stigma", dims: ["setting", "avoided_care"], filters: { setting: ["Dentist"] }, measure: "share", chart: "dots", sql: "SELECT 1" });
    expect(normaliseState(decodeState(encodeState(state)), dataset!, known, [])).toEqual(state);
    expect(toggleFilter(state, "setting", "GP", known.get("setting")!).filters).toEqual({ setting: ["GP", "Dentist"] });
    expect(toggleFilter(state, "setting", "Dentist", known.get("setting")!).filters).toEqual({});
    expect(normaliseState(decodeState(""), dataset!, known, ["setting"])).toMatchObject({ dims: ["setting"], measure: "count", chart: "bars", filters: {} });
  });
});

describe("explorer chart with 95% intervals", () => {
  it("draws each share's interval across its bar, names it in the table and the caption, and draws none for a hidden share", () => {
    const shares: ChartBar[] = [
      { value: "GP", shown: 60, selected: false, interval: { value: 60, low: 53.1, high: 66.5 } },
      { value: "Dentist", shown: "[c]", selected: false },
    ];
    const element = exploreChart(shares, {
      id: "explore-chart-interval",
      title: "Met stigma by setting",
      subtitle: "Share",
      description: "Met stigma by setting.",
      dimensionTitle: "Setting",
      measureLabel: "Met stigma",
      measureKind: "percent",
      chartType: "bars",
      source: "Test data",
      policy,
      width: 480,
      document: createDocument(),
      onToggle: () => undefined,
    });
    const rules = element.querySelectorAll("svg .explore-interval line");
    expect(rules.length).toBe(1);
    expect([...element.querySelectorAll("table thead th")].map((th) => th.textContent)).toContain("95% interval");
    expect([...element.querySelectorAll("table tbody tr")].map((tr) => tr.textContent)).toEqual(expect.arrayContaining([expect.stringContaining("53% to 67%")]));
    expect(element.querySelector(".explore-interval-note")?.textContent).toContain("95% interval");
  });
});
