/**
 * Impact stories: Markdown files with YAML front matter, validated against `data/schemas/stories.json`
 * like any export (each story is one row), then checked for consent and redacted.
 *
 * - A story without consent given is an error that stops the build: it must be removed or consented.
 * - A withdrawn story is left out, silently for readers and counted in the build report.
 * - Title and body are redacted; a story the redactor is unsure of is held back for review.
 */
import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { parseDocument } from "yaml";
import type { PublishedStory } from "../../src/lib/published.ts";
import { redactText } from "../disclose/redact.ts";
import type { HeldText } from "../disclose/apply.ts";
import type { TableSchema } from "../schema.ts";
import { PipelineError, type Cell, type Issue, type RawTable } from "../types.ts";
import { validateTable } from "../validate/index.ts";

export type { PublishedStory };

export interface StoriesResult {
  stories: PublishedStory[];
  read: number;
  withdrawn: number;
  held: HeldText[];
  issues: Issue[];
  fatal: Issue[];
}

const LIST_SEPARATOR = "|";

interface ParsedStory {
  file: string;
  data: Record<string, unknown>;
  body: string;
  bodyLine: number;
}

function parseStory(file: string): ParsedStory {
  const text = readFileSync(file, "utf8").replace(/^\uFEFF/, "");
  const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?/.exec(text);
  if (!match) {
    throw new PipelineError("format-error", `${file}: a story must start with front matter between two "---" lines (title, region, themes, consent_given, …).`, { file });
  }
  const document = parseDocument(match[1]!);
  if (document.errors.length > 0) {
    const error = document.errors[0]!;
    throw new PipelineError("format-error", `${file}: the front matter is not valid YAML (${error.message.split("\n")[0]}).`, { file });
  }
  const data = document.toJS() as unknown;
  if (data === null || typeof data !== "object" || Array.isArray(data)) {
    throw new PipelineError("format-error", `${file}: the front matter must be a set of "key: value" lines.`, { file });
  }
  return { file, data: data as Record<string, unknown>, body: text.slice(match[0].length), bodyLine: match[0].split("\n").length };
}

function toCell(value: unknown): Cell {
  if (value === null || value === undefined) return null;
  if (Array.isArray(value)) return value.map(String).join(LIST_SEPARATOR);
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  return String(value);
}

export function processStories(files: readonly string[], schema: TableSchema, references: Record<string, ReadonlySet<string>>, allow?: ReadonlySet<string>): StoriesResult {
  const parsed = files.map(parseStory);
  const fieldNames = schema.fields.map((f) => f.name);
  const issues: Issue[] = [];
  const fatal: Issue[] = [];
  const held: HeldText[] = [];
  const stories: PublishedStory[] = [];
  let withdrawn = 0;

  parsed.forEach((story) => {
    const slug = story.data.slug ?? basename(story.file, ".md");
    const data: Record<string, unknown> = { ...story.data, slug };
    const labels = fieldNames.filter((name) => name in data);
    const extra = Object.keys(data).filter((key) => !fieldNames.includes(key));
    const table: RawTable = {
      file: story.file,
      format: "plain",
      encoding: "utf-8",
      headerRows: 0,
      labels: [...labels, ...extra],
      sourceLabels: [...labels, ...extra],
      questions: [...labels, ...extra].map(() => null),
      rows: [[...labels, ...extra].map((key) => toCell(data[key]))],
      lines: [1],
      widths: [labels.length + extra.length],
      metadata: [],
      listSeparator: LIST_SEPARATOR,
    };
    const validation = validateTable(table, schema, { references, maxRejectedShare: 1 });
    issues.push(...validation.issues);
    const storyFatal = validation.issues.filter((i) => i.severity === "error");
    if (storyFatal.length > 0 || validation.records.length !== 1) {
      fatal.push(...storyFatal);
      return;
    }
    const record = validation.records[0]!;
    if (record.consent_given !== true) {
      fatal.push({
        code: "consent-error",
        severity: "error",
        message: `The story "${String(record.title ?? slug)}" has no consent recorded (consent_given is not true). Record the storyteller's consent, or remove the file; a story is never published without it.`,
        file: story.file,
        field: "consent_given",
        value: toCell(story.data.consent_given),
      });
      return;
    }
    if (record.withdrawn) {
      withdrawn++;
      return;
    }
    const title = redactText(String(record.title ?? ""), allow ? { allow } : {});
    const body = redactText(story.body, allow ? { allow } : {});
    if (title.status === "review" || body.status === "review") {
      held.push({ dataset: "stories", row: 1, field: story.file, text: `${record.title}\n\n${story.body}`, reasons: [...title.reasons, ...body.reasons] });
      return;
    }
    stories.push({
      slug: String(record.slug),
      title: title.text,
      lero: record.lero_consent === true && typeof record.lero === "string" ? record.lero : null,
      region: typeof record.region === "string" ? record.region : null,
      themes: Array.isArray(record.themes) ? record.themes.map(String) : [],
      illustrative: record.illustrative === true,
      body: body.text.trim(),
    });
  });

  stories.sort((a, b) => a.slug.localeCompare(b.slug, "en"));
  return { stories, read: parsed.length, withdrawn, held, issues, fatal };
}
