import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { loadPolicy, parsePolicy, POLICY_FILE } from "../../loaders/disclose/policy.ts";
import { PipelineError } from "../../loaders/types.ts";

const raw = (): Record<string, any> => JSON.parse(readFileSync(POLICY_FILE, "utf8"));

describe("loadPolicy", () => {
  it("reads the project policy as plain numbers", () => {
    const policy = loadPolicy();
    expect(policy.person).toEqual({ k: 10, l: 2, threshold: 7, rounding: 5, minimumBase: 10 });
    expect(policy.organisation).toEqual({ k: 3, l: 2, threshold: 2, rounding: 1, minimumBase: 3 });
    expect(policy.maxSuppressionShare).toBe(0.05);
    expect(policy.maxRejectedShare).toBe(0.05);
    expect(policy.symbols).toEqual({ confidential: "[c]", notAvailable: "[x]", notApplicable: "[z]", low: "[low]" });
    expect(policy.csvEscape.characters).toEqual(["=", "+", "-", "@", "\t", "\r"]);
    expect(policy.csvEscape.prefix).toBe("'");
  });

  it("lists every setting with a description for the Methods page", () => {
    const { settings, groups } = loadPolicy();
    expect(settings.map((s) => s.key)).toContain("levels.person.k");
    expect(settings.find((s) => s.key === "levels.person.threshold")?.value).toBe(7);
    for (const s of settings) expect(s.description.length).toBeGreaterThan(20);
    expect(groups["levels.organisation"]).toMatch(/Organisations/);
    expect(settings).toHaveLength(19);
  });

  it("names every problem with its path", () => {
    const json = raw();
    json.levels.person.k.value = "ten";
    json.levels.person.threshold.description = "";
    json.maxSuppressionShare.value = 5;
    json.levels.organisation.treshold = { value: 2, description: "typo" };
    delete json.allowedEmails;
    let error: unknown;
    try {
      parsePolicy(json, "disclosure.json");
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(PipelineError);
    const message = (error as Error).message;
    expect(message).toContain('levels.person.k.value must be a whole number of at least 1 (found "ten")');
    expect(message).toContain("levels.person.threshold.description must say");
    expect(message).toContain("maxSuppressionShare.value must be a number from 0 to 1 (0.05 is 5%) (found 5)");
    expect(message).toContain("levels.organisation.treshold is not a known setting");
    expect(message).toContain("allowedEmails is missing");
  });

  it("keeps the GSS symbols fixed", () => {
    const json = raw();
    json.symbols.confidential.value = "*";
    expect(() => parsePolicy(json)).toThrow(/symbols.confidential.value must be "\[c\]"/);
  });

  it("refuses a k that a published count would itself suppress", () => {
    const json = raw();
    json.levels.person.k.value = 5;
    expect(() => parsePolicy(json)).toThrow(/levels.person.k.value must be larger than levels.person.threshold.value \(5 ≤ 7\)/);
  });

  it("lower-cases allowed e-mail addresses and checks them", () => {
    const json = raw();
    json.allowedEmails.value = ["Hello@CLERO.example"];
    expect(parsePolicy(json).allowedEmails).toEqual(["hello@clero.example"]);
    json.allowedEmails.value = ["not an address"];
    expect(() => parsePolicy(json)).toThrow(/allowedEmails.value must be a list of e-mail addresses/);
  });
});
