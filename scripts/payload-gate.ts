/**
 * The payload gate: a site built from the illustrative sample shows no test payload. The quality gates
 * plant markup and spreadsheet formulas (`<script>alert(…)`, `=HYPERLINK`, `onerror=`, `javascript:`)
 * in a copy of the sample to prove they are shown as text and never run; visitors of the sample site
 * must never read them as if they were someone's answer.
 *
 * It reads every HTML page's text (scripts, styles and tags removed, entities decoded, so a real
 * `<script>` element is not text but an escaped `&lt;script&gt;` is) and every published data file
 * (JSON, CSV) as it is, since most answers reach the page from those files in the browser. Real data may
 * hold such text (it is then shown safely); the build runs this gate on the sample only.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { extname, join, relative } from "node:path";
import { JSDOM } from "jsdom";

/** What a planted test payload looks like. */
export const PAYLOAD_PATTERNS: readonly { name: string; pattern: RegExp }[] = [
  // Not "<script" on its own: the Embed page rightly shows `<script src=…>` in its snippets; every
  // planted script payload calls alert().
  { name: "=HYPERLINK", pattern: /=HYPERLINK/i },
  { name: "alert(", pattern: /\balert\(/i },
  { name: "onerror=", pattern: /\bonerror\s*=/i },
  { name: "javascript:", pattern: /\bjavascript:/i },
];

export interface PayloadFinding {
  /** The file under the site folder. */
  file: string;
  payload: string;
  /** A few characters either side, for the message. */
  context: string;
}

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    // Framework's own modules and the npm cache are code, not content.
    if (statSync(path).isDirectory()) return name === "_observablehq" || name === "_npm" || name === "_node" ? [] : files(path);
    return [path];
  });
}

/** The text a reader sees in an HTML page (without scripts and styles). */
export function pageText(html: string): string {
  const { document } = new JSDOM(html).window;
  for (const element of document.querySelectorAll("script, style, template, noscript")) element.remove();
  return document.body?.textContent ?? "";
}

/** Every payload found in the text of `text`, named by `file`. */
export function findPayloads(text: string, file: string): PayloadFinding[] {
  const found: PayloadFinding[] = [];
  for (const { name, pattern } of PAYLOAD_PATTERNS) {
    const match = pattern.exec(text);
    if (match) found.push({ file, payload: name, context: text.slice(Math.max(0, match.index - 30), match.index + 40).replace(/\s+/g, " ") });
  }
  return found;
}

/** Checks a built site folder: pages by their text, data files as they are. */
export function checkPayloads(dir: string): { ok: boolean; findings: PayloadFinding[]; files: number } {
  const findings: PayloadFinding[] = [];
  let checked = 0;
  for (const path of files(dir)) {
    const ext = extname(path);
    const file = relative(dir, path);
    if (ext === ".html") {
      checked++;
      findings.push(...findPayloads(pageText(readFileSync(path, "utf8")), file));
    } else if (ext === ".json" || ext === ".csv") {
      checked++;
      findings.push(...findPayloads(readFileSync(path, "utf8"), file));
    }
  }
  return { ok: findings.length === 0, findings, files: checked };
}

export function formatPayloadFinding(f: PayloadFinding): string {
  return `${f.file}: a test payload (${f.payload}) in what visitors read: "…${f.context}…". Test payloads belong in test/fixtures/hostile/, not in the sample.`;
}
