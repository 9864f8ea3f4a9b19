import { describe, expect, it } from "vitest";
import { compareIntervals, comparisonWords, formatInterval, meanInterval, t975, wilsonPercent } from "../../src/lib/intervals.ts";

describe("wilsonPercent", () => {
  it("matches published Wilson intervals", () => {
    // 8 of 10, 0 of 10 and 50 of 100, checked against the closed form in Newcombe (1998), method 3.
    const eight = wilsonPercent(80, 10)!;
    expect(eight.low).toBeCloseTo(49.02, 1);
    expect(eight.high).toBeCloseTo(94.33, 1);
    const none = wilsonPercent(0, 10)!;
    expect(none.low).toBe(0);
    expect(none.high).toBeCloseTo(27.75, 1);
    const half = wilsonPercent(50, 100)!;
    expect(half.low).toBeCloseTo(40.38, 1);
    expect(half.high).toBeCloseTo(59.62, 1);
  });

  it("stays within 0–100% and narrows as the base grows", () => {
    const all = wilsonPercent(100, 3)!;
    expect(all.high).toBe(100);
    expect(all.low).toBeGreaterThan(0);
    const small = wilsonPercent(66, 40)!;
    const large = wilsonPercent(66, 4000)!;
    expect(small.high - small.low).toBeGreaterThan(large.high - large.low);
    expect(large.low).toBeLessThan(66);
    expect(large.high).toBeGreaterThan(66);
  });

  it("gives no interval without a base", () => {
    expect(wilsonPercent(50, 0)).toBeUndefined();
    expect(wilsonPercent(Number.NaN, 10)).toBeUndefined();
  });
});

describe("t975 and meanInterval", () => {
  it("is within 0.001 of Student's t tables", () => {
    const table: [number, number][] = [[1, 12.706], [2, 4.303], [3, 3.182], [5, 2.571], [10, 2.228], [30, 2.042], [100, 1.984], [1000, 1.962]];
    for (const [df, t] of table) expect(Math.abs(t975(df) - t), `df ${df}`).toBeLessThan(0.001);
    expect(() => t975(0)).toThrow(RangeError);
  });

  it("gives the t interval of a mean, and none for fewer than two people", () => {
    const interval = meanInterval(27, 8, 25)!;
    expect(interval.low).toBeCloseTo(27 - (2.0639 * 8) / 5, 2);
    expect(interval.high).toBeCloseTo(27 + (2.0639 * 8) / 5, 2);
    expect(meanInterval(27, 8, 1)).toBeUndefined();
    expect(meanInterval(27, -1, 10)).toBeUndefined();
  });
});

describe("comparisons", () => {
  it("calls a difference higher or lower only when the intervals do not overlap", () => {
    // A 3-point gap between two regions of 40 people is not a finding.
    const a = wilsonPercent(68, 40)!;
    const b = wilsonPercent(65, 40)!;
    expect(compareIntervals(a, b)).toBe("similar");
    expect(comparisonWords(compareIntervals(a, b))).toBe("similar to");
    const big = wilsonPercent(80, 2000)!;
    const small = wilsonPercent(60, 2000)!;
    expect(compareIntervals(big, small)).toBe("higher");
    expect(compareIntervals(small, big)).toBe("lower");
    expect(comparisonWords("lower")).toBe("lower than");
  });

  it("formats an interval for a table", () => {
    expect(formatInterval(wilsonPercent(50, 100)!, "percent")).toBe("40% to 60%");
    expect(formatInterval({ value: 27, low: 23.696, high: 30.3 }, "mean")).toBe("23.7 to 30.3");
  });
});
