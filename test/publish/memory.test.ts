import { describe, expect, it } from "vitest";
import { collectGarbage } from "../../loaders/memory.ts";

describe("collectGarbage", () => {
  it("collects what nothing refers to any more, without exposing gc to the program", async () => {
    const hadGc = "gc" in globalThis;
    let garbage: object | undefined = { rows: Array.from({ length: 1000 }, (_, i) => ({ i })) };
    const ref = new WeakRef(garbage);
    garbage = undefined;
    // A WeakRef's target lives at least until the current job ends.
    await new Promise((resolve) => setTimeout(resolve, 0));
    collectGarbage();
    expect(ref.deref()).toBeUndefined();
    expect("gc" in globalThis).toBe(hadGc);
  });
});
