import { describe, expect, it } from "vitest";
import { splitMultiSelect } from "../../loaders/read/multiselect.ts";

describe("splitMultiSelect", () => {
  const options = ["Peer support", "Art, music or sport", "Recovery café", "Family support"];
  it("keeps options that contain the separator whole", () => {
    expect(splitMultiSelect("Peer support, Art, music or sport, Family support", ", ", options)).toEqual([
      "Peer support",
      "Art, music or sport",
      "Family support",
    ]);
  });
  it("keeps unknown 'other' text, commas and all, up to the next known option", () => {
    expect(splitMultiSelect("Recovery café, knitting, baking, Family support", ", ", options)).toEqual([
      "Recovery café",
      "knitting, baking",
      "Family support",
    ]);
  });
  it("splits plainly when no options are known", () => {
    expect(splitMultiSelect("a; b;", ";")).toEqual(["a", "b"]);
  });
  it("returns no items for blank text", () => {
    expect(splitMultiSelect("  ", ", ", options)).toEqual([]);
  });
  it("does not take a prefix of a longer word for an option", () => {
    expect(splitMultiSelect("Peer supporters, Family support", ", ", options)).toEqual(["Peer supporters", "Family support"]);
  });
});
