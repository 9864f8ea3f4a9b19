import { describe, expect, it } from "vitest";
import { atSetting, settingPhrase } from "../../../src/components/stigma/settings.ts";

describe("setting phrases", () => {
  it("reads a setting after 'used' and after 'at' from one table", () => {
    expect(settingPhrase("GP")).toBe("their GP");
    expect(atSetting("GP")).toBe("the GP");
    expect(settingPhrase("Job centre or employment service")).toBe("a job centre or employment service");
    expect(atSetting("Job centre or employment service")).toBe("job centres or employment services");
  });

  it("falls back to the label for a setting it does not know", () => {
    expect(settingPhrase("Day centre")).toBe("day centre");
    expect(atSetting("Day centre")).toBe("Day centre");
  });
});
