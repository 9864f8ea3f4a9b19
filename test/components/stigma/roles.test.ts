import { describe, expect, it } from "vitest";
import { rolesFigure, rolesTitle, type RoleRow } from "../../../src/components/stigma/roles.ts";
import { createDocument, expectSnapshot } from "../snapshot.ts";
import { loadPolicy } from "../../../loaders/disclose/policy.ts";

// The cell rules for people, as the page takes them from the disclosure policy.
const RULES = loadPolicy().person;

const rows: RoleRow[] = [
  { setting: "GP", role: "Person in recovery", count: 620, enacted_count: 315, percent: 50.8 },
  { setting: "GP", role: "Family member", count: 260, enacted_count: 85, percent: 32.7 },
  { setting: "GP", role: "Worker", count: 140, enacted_count: 30, percent: 21.4 },
  { setting: "GP", role: "Total", count: 1020, enacted_count: 430, percent: 42.2 },
  { setting: "Police", role: "Person in recovery", count: 160, enacted_count: 85, percent: 53.1 },
  { setting: "Police", role: "Family member", count: 70, enacted_count: "[c]", percent: null },
  { setting: "Police", role: "Worker", count: 30, enacted_count: "[c]", percent: null },
  { setting: "Police", role: "Total", count: 260, enacted_count: 120, percent: 46.2 },
];

describe("stigma by role", () => {
  it("draws a dot per role in each setting and lists hidden roles", () => {
    const element = rolesFigure(rows, { id: "stigma-roles", source: "Stigma survey (test)", rules: RULES, width: 640, document: createDocument() });
    expectSnapshot("stigma-roles", element);
    expect(element.querySelector("h3")?.textContent).toBe("People in recovery met stigma more often than family members or workers in every setting where they can be compared");
    const texts = [...element.querySelectorAll("svg text")].map((t) => t.textContent);
    expect(texts).toContain("Family member, Worker: [c]");
    expect([...element.querySelectorAll("tbody tr")].map((tr) => tr.firstElementChild?.textContent)).toContain("Police");
    expect(element.textContent).toContain("All roles");
  });

  it("puts setting names above the dots and hidden roles below them on a narrow screen", () => {
    const element = rolesFigure(rows, { id: "stigma-roles", source: "Stigma survey (test)", rules: RULES, width: 320, document: createDocument() });
    expectSnapshot("stigma-roles-narrow", element);
    const texts = [...element.querySelectorAll("svg text")].map((t) => t.textContent);
    expect(texts).toContain("Police");
    expect(texts).toContain("Family member, Worker: [c]");
  });

  it("counts the settings each role leads when no role leads everywhere", () => {
    const mixed = rows.map((r) => (r.setting === "GP" && r.role === "Worker" ? { ...r, percent: 60 } : r));
    expect(rolesTitle(mixed.map((r) => (r.setting === "Police" && r.role === "Family member" ? { ...r, percent: 20 } : r)))).toBe("People in recovery met stigma most often in 1 of 2 settings");
  });
});
