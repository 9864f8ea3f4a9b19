import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { checkPayloads, findPayloads, formatPayloadFinding, pageText } from "../../scripts/payload-gate.ts";
import { PAYLOAD_MARKERS } from "../fixtures/hostile/payloads.ts";

function site(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "lero-payload-"));
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(join(dir, name, ".."), { recursive: true });
    writeFileSync(join(dir, name), content);
  }
  return dir;
}

const PAGE = (body: string) => `<!DOCTYPE html><html lang="en"><head><title>T</title><script type="module">import "./x.js"; if (a) alert("never text");</script><style>a{}</style></head><body>${body}</body></html>`;

describe("the payload gate", () => {
  it("passes a page whose only scripts are real elements, and a clean data file", () => {
    const dir = site({ "index.html": PAGE("<p>Staff laughed when I said I was in recovery.</p>"), "data/quotes.json": '{"rows":[{"quote":"Nobody checked on me."}]}', "_observablehq/runtime.js": "alert(1)" });
    const result = checkPayloads(dir);
    expect(result).toMatchObject({ ok: true, findings: [] });
    expect(result.files).toBe(2);
  });

  it("fails on a page showing <script>alert(1)</script> as text, naming the file and payload", () => {
    const dir = site({ "stigma.html": PAGE("<blockquote>&lt;script&gt;alert(1)&lt;/script&gt; staff laughed</blockquote>") });
    const result = checkPayloads(dir);
    expect(result.ok).toBe(false);
    expect(result.findings.map((f) => f.payload)).toEqual(["alert("]);
    expect(formatPayloadFinding(result.findings[0]!)).toMatch(/^stigma\.html: a test payload \(alert\(\) in what visitors read: "….*<script>alert\(1\)<\/script> staff laughed…"/);
    // A snippet that shows how to embed a chart is not a payload.
    expect(checkPayloads(site({ "embed/index.html": PAGE('<pre><code>&lt;script src="https://example.org/embed/resize.js" async&gt;&lt;/script&gt;</code></pre>') })).ok).toBe(true);
  });

  it("fails on a data file the pages read in the browser", () => {
    const dir = site({ "_file/data/aggregates/workforce-feedback.json": '{"rows":[{"text":"=HYPERLINK(\\"x\\") click"}]}', "data/outcomes.csv": "a,b\n1,javascript:alert(1)\n" });
    const result = checkPayloads(dir);
    expect(result.findings.map((f) => `${f.file} ${f.payload}`).sort()).toEqual(["_file/data/aggregates/workforce-feedback.json =HYPERLINK", "data/outcomes.csv alert(", "data/outcomes.csv javascript:"]);
  });

  it("knows every marker the hostile fixtures use", () => {
    for (const marker of PAYLOAD_MARKERS) expect(findPayloads(`before ${marker} after`, "x"), marker).not.toEqual([]);
    expect(findPayloads("She was alerted (by a friend) to the javascript course", "x")).toEqual([]);
    expect(pageText(PAGE("<p>text</p>"))).toBe("text");
  });
});
