import { describe, expect, it } from "vitest";
import { reportSourceLine, SOURCES, sourceLine } from "../../../src/components/shared/sources.ts";

describe("source lines", () => {
  it("cite each dataset in the same words, naming the wave where the data comes in waves", () => {
    expect(sourceLine("audit")).toBe("CLERO peer-researcher audit of LEROs, latest wave");
    expect(sourceLine("standards", "2025")).toBe("CLERO quality-standards self-assessment of LEROs, 2025");
    expect(sourceLine("stigma")).toBe(SOURCES.stigma.title);
    expect(sourceLine("outcomes", "2025")).toBe(SOURCES.outcomes.title);
  });

  it("give the report a shorter line from the same place", () => {
    expect(reportSourceLine("audit", { wave: "2025" })).toBe("LERO Evidence, audit of LEROs (2025)");
    expect(reportSourceLine("stigma", { detail: "(questions adapted)" })).toBe("LERO Evidence, stigma survey (questions adapted)");
  });
});
