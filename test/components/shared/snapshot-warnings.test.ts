import * as Plot from "@observablehq/plot";
import { describe, expect, it } from "vitest";
import { createDocument, expectWarnings } from "../snapshot.ts";

describe("snapshot harness", () => {
  it("counts Plot's warnings: a test passes only when it expects each one", () => {
    expectWarnings(1);
    // Plot warns when it has to guess: strings that look like numbers on a scale it infers.
    const chart = Plot.plot({ document: createDocument(), marks: [Plot.dotX(["1", "2", "10"], { x: (d: string) => d })] });
    expect(chart.tagName.toLowerCase()).toBe("svg");
  });
});
