import { join } from "node:path";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { SAMPLE_DIR } from "../../loaders/data-dir.ts";
import { loadSchema } from "../../loaders/schema.ts";
import { checkExport } from "../../loaders/validate/index.ts";

const collected = vi.hoisted(() => ({ count: 0 }));
vi.mock("../../loaders/memory.ts", () => ({ collectGarbage: () => void collected.count++ }));

describe("checkExport's memory", () => {
  beforeEach(() => void (collected.count = 0));
  const file = join(SAMPLE_DIR, "outcomes.csv");
  const schema = loadSchema("outcomes");

  it("collects garbage every so many bytes in both passes over the pieces, and not after the last piece", async () => {
    const result = await checkExport(file, schema, { batchBytes: 16_384, collectEveryBytes: 163_840 });
    // Every tenth piece of each pass, but not after the last one (nothing is left to parse then).
    const expected = 2 * Math.floor((result.batches - 1) / 10);
    expect(result.batches).toBeGreaterThan(100);
    expect(collected.count).toBe(expected);
    expect(result.validation.accepted).toBeGreaterThan(20_000);
  });

  it("gives the same report whatever the collection schedule", async () => {
    const often = await checkExport(file, schema, { batchBytes: 16_384, collectEveryBytes: 16_384 });
    const never = await checkExport(file, schema, { batchBytes: 16_384, collectEveryBytes: Number.POSITIVE_INFINITY });
    expect(collected.count).toBe(2 * (often.batches - 1));
    expect(often.validation).toEqual(never.validation);
    expect(often.rows).toBe(never.rows);
  });
});
