import { describe, expect, it } from "vitest";
import { researchAudit } from "../../../src/components/research/audit.ts";

describe("research audit basics", () => {
  it("names the wave in the subtitle and the source line, and lists the groups", () => {
    const audit = researchAudit({
      "research-wave": { rows: [{ wave: "2024", count: 40 }, { wave: "2025", count: 52 }] },
      "research-evaluates-by-region": { rows: [{ region: "Total" }, { region: "North East" }, { region: "North East" }, { region: "Wales" }] },
    });
    expect(audit).toEqual({
      wave: "2025 audit",
      source: "CLERO peer-researcher audit of LEROs, 2025",
      stages: ["Informal group", "Emerging", "Established", "Mature"],
      regions: ["North East", "Wales"],
    });
  });

  it("says 'latest' when the wave is not published", () => {
    const audit = researchAudit({});
    expect(audit.wave).toBe("latest audit");
    expect(audit.source).toBe("CLERO peer-researcher audit of LEROs, latest wave");
    expect(audit.regions).toEqual([]);
  });
});
