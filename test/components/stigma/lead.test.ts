import { describe, expect, it } from "vitest";
import { stigmaLead } from "../../../src/components/stigma/lead.ts";

const enacted = [
  { setting: "GP", count: 400, enacted_count: 120, percent: 30 },
  { setting: "Hospital or A&E", count: 300, enacted_count: 150, percent: 50 },
];
const avoided = [
  { setting: "GP", count: 400, avoided_count: 80, percent: 20 },
  { setting: "Pharmacy", count: 200, avoided_count: "[c]", percent: null },
];

describe("stigma page lead", () => {
  it("says how many met stigma anywhere, where most, and where it kept people away", () => {
    const lead = stigmaLead({ enacted, avoided, anyByRole: [{ role: "Worker", count: 50, percent: 40 }, { role: "Total", count: 1195, percent: 62 }] });
    expect(lead.headline).toBe("6 in 10 people met stigma from staff often or very often in at least one of the services they used");
    expect(lead.text).toBe(
      "5 in 10 people who used hospital or A&E met stigma there, more than in any other setting; and 20% of people who used their GP said how they were treated led them to avoid or put off going. 1,195 people answered about the services they had used in the last 12 months.",
    );
    expect(lead.parts.filter((p) => typeof p !== "string")).toEqual([
      { measure: "avoided-care", key: "GP", value: 20, text: "20%" },
      // The people who answered are the registry's stigma-respondents, over every setting.
      { measure: "stigma-respondents", key: "all", value: 1195, text: "1,195" },
    ]);
  });

  it("does not guess a hidden figure", () => {
    const lead = stigmaLead({ enacted, avoided: avoided.slice(1), anyByRole: [{ role: "Total", count: "[c]", percent: null }] });
    expect(lead.headline).toBe("How often people meet stigma from staff in services");
    expect(lead.text).toContain("; some people avoided care because of it. [c] people answered");
    expect(lead.parts.filter((p) => typeof p !== "string")).toEqual([{ measure: "stigma-respondents", key: "all", value: "[c]", text: "[c]" }]);
  });
});
