import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { formatFinding, lintCsv, lintJson, lintProject, lintText, lintTypeScript, maskQuotes, RULES, stringsOf } from "../../scripts/lint-language.ts";

const terms = (text: string, options: { markdown?: boolean } = {}) => lintText(text, "page.md", 1, options).map((f) => [f.text.toLowerCase(), f.severity]);

describe("language lint: planted terms", () => {
  it.each([
    ["He was an addict for years.", "addict"],
    ["Addicts deserve care.", "addicts"],
    ["No junkie should be turned away.", "junkie"],
    ["Drug abusers were refused.", "drug abusers"],
    ["Funding for substance abuse services", "substance abuse"],
    ["Tackling drug-abuse in towns", "drug-abuse"],
    ["She has been clean for two years.", "been clean"],
    ["Clean for six months now.", "clean for six "],
    ["Staying clean is hard.", "staying clean"],
    ["Five months clean and counting", "months clean"],
    ["A clean urine test was required.", "clean urine"],
    ["He tested dirty twice.", "tested dirty"],
    ["A dirty sample means a sanction.", "dirty sample"],
    ["Her father was an alcoholic.", "alcoholic"],
    ["A drug user in recovery", "drug user"],
    ["Injecting drug users need clean needles.", "injecting drug users"],
    ["Replacement therapy such as methadone", "replacement therapy"],
  ])("flags %j as an error", (text, term) => {
    expect(terms(text)).toContainEqual([term, "error"]);
  });

  it("flags relapse as a warning, not an error", () => {
    expect(terms("After a relapse she came back.")).toEqual([["relapse", "warning"]]);
    expect(terms("He relapsed in March.")).toEqual([["relapsed", "warning"]]);
  });

  it("says where, what and what to say instead", () => {
    const [finding] = lintText("intro\n\nHe is an addict.", "src/page.md");
    expect(finding).toMatchObject({ file: "src/page.md", line: 3, term: "addict", severity: "error" });
    expect(formatFinding(finding!)).toMatch(/^src\/page\.md:3: error: "addict" \(addict\) → person who uses drugs/);
  });

  it("lists every rule with an alternative and a reason", () => {
    for (const rule of RULES) {
      expect(rule.alternative.length).toBeGreaterThan(5);
      expect(rule.reason.length).toBeGreaterThan(10);
    }
  });
});

describe("language lint: what it accepts", () => {
  it.each([
    "Clean data is published after checks.",
    "A clean build from a clean checkout.",
    "Volunteers clean up the allotment.",
    "Dirty data is fixed before publishing.",
    "Non-alcoholic drinks at the recovery café",
    "Alcoholic drinks were not served.",
    "Service users and website users",
    "Addiction recovery and people in recovery",
    "Support for victims of domestic abusers",
    "People who use drugs; substance use; in recovery; tested negative.",
    "Recurrence or return to use",
  ])("accepts %j", (text) => {
    expect(terms(text)).toEqual([]);
  });

  it("leaves quotes as said", () => {
    expect(terms("<blockquote>I was a junkie, and I said so.</blockquote>")).toEqual([]);
    expect(terms("She said <q>I'm an alcoholic</q> and smiled.")).toEqual([]);
    expect(terms("<blockquote>\nI stayed clean\nfor a year\n</blockquote>\nHe is an addict.")).toEqual([["addict", "error"]]);
    expect(terms("The addict label hurts. <!-- quote -->")).toEqual([]);
    expect(terms("> I was an addict.", { markdown: true })).toEqual([]);
    expect(terms("> I was an addict.")).toEqual([["addict", "error"]]);
    expect(maskQuotes("a <q>b</q> c")).toBe("a          c");
  });
});

describe("language lint: sources", () => {
  it("reads string literals and template text in TypeScript, not comments or imports", () => {
    const source = [
      'import { x } from "./addict-helper.js";',
      "// an addict in a comment is not shown to readers",
      'const title = "Help for every addict";',
      "const sentence = `${n} drug users said so`;",
      'const quote = "I was an alcoholic"; // <!-- quote -->',
    ].join("\n");
    expect(stringsOf(source).map((s) => s.line)).toEqual([3, 4, 5]);
    expect(lintTypeScript(source, "c.ts").map((f) => [f.line, f.text])).toEqual([
      [3, "addict"],
      [4, "drug users"],
    ]);
  });

  it("reads titles and descriptions in JSON and labels in CSV", () => {
    const json = JSON.stringify({ title: "Survey", fields: [{ name: "x", description: "Days clean since intake" }, { example: "an addict" }] }, null, 2);
    expect(lintJson(json, "s.json", new Set(["title", "description"])).map((f) => [f.line, f.text])).toEqual([[6, "Days clean"]]);
    const csv = "id,label,publication\nA1,Help for every addict,\nA2,Fine,Drug abuse statistics\n";
    expect(lintCsv(csv, "r.csv").map((f) => [f.line, f.text])).toEqual([[2, "addict"]]);
  });

  it("scans a project tree: pages, components, config, schemas and reference data", () => {
    const root = mkdtempSync(join(tmpdir(), "lero-lang-"));
    for (const dir of ["src/components", "src/stories", "data/schemas", "data/reference"]) mkdirSync(join(root, dir), { recursive: true });
    writeFileSync(join(root, "src", "index.md"), "# Home\n\nPeople who use drugs.\n\n<blockquote>I was a junkie</blockquote>\n");
    writeFileSync(join(root, "src", "stories", "[slug].md"), "Staying clean matters.\n");
    writeFileSync(join(root, "src", "components", "c.ts"), 'export const t = "relapse rates";\n');
    writeFileSync(join(root, "observablehq.config.ts"), 'export default { title: "For every addict" };\n');
    writeFileSync(join(root, "data", "schemas", "s.json"), JSON.stringify({ title: "Substance abuse survey" }));
    writeFileSync(join(root, "data", "reference", "r.csv"), "id,label\nX,Alcoholic parents\n");
    const found = lintProject(root).map((f) => `${f.file}:${f.line}:${f.severity}:${f.text}`);
    expect(found.sort()).toEqual(
      [
        "data/reference/r.csv:2:error:Alcoholic",
        "data/schemas/s.json:1:error:Substance abuse",
        "observablehq.config.ts:1:error:addict",
        "src/components/c.ts:1:warning:relapse",
        "src/stories/[slug].md:1:error:Staying clean",
      ].sort(),
    );
  });
});
