import { describe, expect, it } from "vitest";
import type { ContextFigure } from "../../../src/components/context/figures.ts";
import { contextSourcesTable } from "../../../src/components/context/sources-table.ts";
import { contextGroups, contextKeyFigures, contextKeyList, latestOf, pendingLines, pendingNotice } from "../../../src/components/context/summary.ts";
import { createDocument } from "../snapshot.ts";

const base = { unit: "deaths", publication: "Release", published_date: "2025-01-01", url: "https://example.org/release", checked: true };
const ONS = "Office for National Statistics (ONS)";
const figures: ContextFigure[] = [
  { ...base, id: "E1", nation_or_area: "England and Wales", measure: "deaths related to drug poisoning", period: "2022 registrations", value: 4907, publisher: ONS },
  { ...base, id: "E2", nation_or_area: "England and Wales", measure: "deaths related to drug poisoning", period: "2023 registrations", value: 5448, publisher: ONS },
  { ...base, id: "E3", nation_or_area: "England and Wales", measure: "rate", period: "2023 registrations", value: 93, unit: "per million people", publisher: ONS },
  { ...base, id: "S1", nation_or_area: "Scotland", measure: "drug misuse deaths", period: "2023", value: 1172, publisher: "National Records of Scotland" },
  { ...base, id: "N1", nation_or_area: "Northern Ireland", measure: "drug-related deaths", period: "2023 registrations", value: 169, publisher: "NISRA", checked: false },
  { ...base, id: "T1", nation_or_area: "England", measure: "adults in contact with drug and alcohol treatment", period: "2023 to 2024", value: 310863, unit: "people", publisher: "OHID", url: "javascript:alert(1)" },
];

describe("context page summary", () => {
  it("groups the figures by chart, never mixing publishers", () => {
    const groups = contextGroups(figures);
    expect(groups.onsDeaths.map((f) => f.id)).toEqual(["E1", "E2"]);
    expect(groups.onsRates.map((f) => f.id)).toEqual(["E3"]);
    expect(groups.scotland.map((f) => f.id)).toEqual(["S1"]);
    expect(groups.northernIreland.map((f) => f.id)).toEqual(["N1"]);
    expect(groups.treatment.map((f) => f.id)).toEqual(["T1"]);
  });

  it("takes the latest period of each kind for the key figures", () => {
    expect(latestOf([])).toBeUndefined();
    expect(latestOf(figures.slice(0, 2))?.id).toBe("E2");
    expect(contextKeyFigures(figures)).toEqual([
      { value: "5,448", text: " deaths related to drug poisoning were registered in England and Wales in 2023 (ONS)." },
      { value: "1,172", text: " drug misuse deaths in Scotland in 2023 (National Records of Scotland), counted on Scotland's own definition." },
      { value: "169", text: " drug-related deaths registered in Northern Ireland in 2023 (NISRA)." },
      { value: "310,863", text: " adults were in contact with drug and alcohol treatment in England in 2023 to 2024 (OHID)." },
    ]);
    const list = contextKeyList(figures, { document: createDocument() });
    expect(list.className).toBe("lero-context-key");
    expect(list.querySelector("li")?.innerHTML).toBe("<strong>5,448</strong> deaths related to drug poisoning were registered in England and Wales in 2023 (ONS).");
  });

  it("compares areas in one period only: the latest the rates share", () => {
    const rate = { ...base, measure: "deaths related to drug poisoning, age-standardised rate", unit: "per million people", publisher: ONS };
    const groups = contextGroups([
      { ...rate, id: "R1", nation_or_area: "North East", period: "2023 registrations", value: 174.3 },
      { ...rate, id: "R2", nation_or_area: "London", period: "2023 registrations", value: 58.1 },
      { ...rate, id: "R3", nation_or_area: "North East", period: "2024 registrations", value: 167.6 },
      { ...rate, id: "R4", nation_or_area: "East of England", period: "2024 registrations", value: 66.3 },
    ]);
    expect(groups.onsRates.map((f) => f.id)).toEqual(["R3", "R4"]);
  });

  it("lists the figures still to be checked by publication, without their values", () => {
    const pending = [
      { nation_or_area: "England and Wales", measure: "deaths related to drug poisoning", period: "2023 registrations", publisher: ONS, publication: "Deaths 2023" },
      { nation_or_area: "North East", measure: "rate", period: "2023 registrations", publisher: ONS, publication: "Deaths 2023" },
      { nation_or_area: "Scotland", measure: "drug misuse deaths", period: "2024", publisher: "NRS", publication: "Deaths in Scotland 2024" },
    ];
    expect(pendingLines(pending)).toEqual([`${ONS}: Deaths 2023 (deaths related to drug poisoning, rate; England and Wales, North East)`, "NRS: Deaths in Scotland 2024 (drug misuse deaths; Scotland)"]);
    const notice = pendingNotice(pending, { document: createDocument() })!;
    expect(notice.querySelector("p")?.textContent).toMatch(/^3 more official figures are not shown yet/);
    expect(notice.querySelectorAll("li")).toHaveLength(2);
    expect(pendingNotice([], { document: createDocument() })).toBeNull();
  });

  it("lists every figure with a web link to its source, and no other kind of link", () => {
    const wrap = contextSourcesTable(figures, { document: createDocument() });
    expect(wrap.getAttribute("role")).toBe("region");
    const rows = [...wrap.querySelectorAll("tbody tr")];
    expect(rows).toHaveLength(figures.length);
    expect(rows[0]!.querySelector("th")?.textContent).toBe("England and Wales");
    expect([...rows[0]!.querySelectorAll("td")].map((td) => td.textContent)).toEqual(["deaths related to drug poisoning", "2022 registrations", "4,907", "deaths", `${ONS}: Release`, "2025-01-01", "", "", ""]);
    expect(rows.at(-1)!.querySelector("a")?.getAttribute("href")).toBe("#");
  });
});
