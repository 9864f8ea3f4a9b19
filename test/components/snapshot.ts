/**
 * Snapshot tests for chart components, in the manner of Plot's own tests: a named builder renders a
 * component over a fixed fixture in jsdom; the HTML is normalised (generated class names and ids
 * renumbered, numbers rounded) and compared with `test/output/<name>.html`. On a mismatch the new
 * rendering is written to `test/output/<name>-changed.html` for review and the test fails. A missing
 * or changed snapshot is (re)written only when `UPDATE_SNAPSHOTS=1`; otherwise the test fails.
 *
 * As in Plot's harness, a chart must not warn: every test in a file that imports this harness runs
 * with `console.warn` spied on, and a warning fails the test (Plot warns about scales and data it had
 * to guess at, which would otherwise pass unseen). A test that expects warnings says so with
 * `expectWarnings(count)`.
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { JSDOM } from "jsdom";
import { afterEach, beforeEach, vi, type MockInstance } from "vitest";
import { PROJECT_ROOT } from "../../loaders/schema.ts";

const OUTPUT = join(PROJECT_ROOT, "test", "output");

let warn: MockInstance<typeof console.warn> | undefined;
let expectedWarnings = 0;

beforeEach(() => {
  expectedWarnings = 0;
  warn = vi.spyOn(console, "warn").mockImplementation(() => {});
});

afterEach(() => {
  const calls = warn?.mock.calls ?? [];
  warn?.mockRestore();
  warn = undefined;
  if (calls.length !== expectedWarnings) {
    const messages = calls.map((args) => args.map(String).join(" ")).join("\n  ");
    throw new Error(`Expected ${expectedWarnings} warning(s), got ${calls.length}${calls.length ? `:\n  ${messages}` : ""}`);
  }
});

/** Declares that the current test is expected to warn `count` times (Plot's `warn` in its tests). */
export function expectWarnings(count: number): void {
  expectedWarnings = count;
}

/** A fresh DOM for one rendering. */
export function createDocument(): Document {
  return new JSDOM("<!DOCTYPE html><html><body></body></html>", { pretendToBeVisual: true }).window.document;
}

/** Normalises HTML so that only meaningful changes show: generated ids and classes, float noise. */
export function normalise(html: string): string {
  const ids = new Map<string, string>();
  const renumber = (prefix: string) => (match: string) => {
    if (!ids.has(match)) ids.set(match, `${prefix}${ids.size}`);
    return ids.get(match)!;
  };
  return html
    .replace(/plot-[0-9a-f]{6}(-[a-z0-9-]+)?/g, (m) => renumber("plot-")(m) + "")
    .replace(/(clip|pattern|marker|gradient)-[0-9]+/g, renumber("ref-"))
    .replace(/-?\d+\.\d{3,}/g, (m) => String(Math.round(Number(m) * 100) / 100))
    .replace(/></g, ">\n<");
}

export function expectSnapshot(name: string, element: Element): void {
  const actual = normalise(element.outerHTML);
  const expected = join(OUTPUT, `${name}.html`);
  const changed = join(OUTPUT, `${name}-changed.html`);
  if (!existsSync(expected)) {
    if (process.env.UPDATE_SNAPSHOTS === "1") {
      writeFileSync(expected, actual);
      return;
    }
    writeFileSync(changed, actual);
    throw new Error(`No snapshot test/output/${name}.html. Review test/output/${name}-changed.html and run with UPDATE_SNAPSHOTS=1 to accept it.`);
  }
  if (readFileSync(expected, "utf8") !== actual) {
    if (process.env.UPDATE_SNAPSHOTS === "1") {
      writeFileSync(expected, actual);
      rmSync(changed, { force: true });
      return;
    }
    writeFileSync(changed, actual);
    throw new Error(`Chart ${name} changed: compare test/output/${name}.html with test/output/${name}-changed.html; if the change is right, run with UPDATE_SNAPSHOTS=1.`);
  }
  rmSync(changed, { force: true });
}
