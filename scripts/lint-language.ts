/**
 * `npm run lint:language`: finds stigmatising words in the site's own text (docs/LANGUAGE.md lists
 * each term, what to say instead, and why). It reads the words a reader sees:
 * - every line of `src/**\/*.md`;
 * - string literals in `src/components/**\/*.ts`, page loaders (`src/**\/*.md.ts`) and
 *   `observablehq.config.ts` (titles, labels, sentences);
 * - `title` and `description` values in `data/schemas/*.json`;
 * - labels in `data/reference/*.json` and `*.csv` (titles of other organisations' publications are
 *   names, quoted as published, and are not checked).
 * Verbatim quotes are left as said: text inside `<blockquote>` or `<q>`, Markdown `>` quote lines, and
 * any line marked `<!-- quote -->` are skipped.
 *
 * Prints `file:line: term → alternative (reason)` for each finding; exits 1 if any is an error.
 * Warnings (terms that are acceptable but loaded, such as "relapse") are printed and do not fail.
 */
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { parse as parseCsv } from "csv-parse/sync";
import ts from "typescript";
import { PROJECT_ROOT } from "../loaders/schema.ts";

export type Severity = "error" | "warning";

export interface Rule {
  /** The term as listed in docs/LANGUAGE.md. */
  term: string;
  pattern: RegExp;
  alternative: string;
  reason: string;
  severity: Severity;
  /** Matches that are not the drug-related sense ("clean data", "alcoholic drinks"). */
  allow?: (match: RegExpExecArray, line: string) => boolean;
}

const TEST_WORDS = "(?:urine|drug|test|tests|screen|screens|sample|samples|result|results|drug test|drug screen)";

export const RULES: Rule[] = [
  {
    term: "addict",
    pattern: /\baddicts?\b/gi,
    alternative: "person who uses drugs, person with a drug or alcohol problem",
    reason: "defines a person by one condition; person-first language is what people with lived experience ask for",
    severity: "error",
  },
  {
    term: "junkie",
    pattern: /\bjunk(?:ie|y|ies)\b/gi,
    alternative: "person who uses drugs",
    reason: "a slur; it dehumanises and is linked to worse treatment by staff",
    severity: "error",
  },
  {
    term: "abuser",
    pattern: /\b(?:(?:drug|alcohol|substance|opioid|heroin|crack|cocaine)[ -])?abusers?\b/gi,
    alternative: "person who uses drugs, person with a drug or alcohol problem",
    reason: "frames a health condition as wrongdoing; studies show it makes clinicians more punitive",
    severity: "error",
    // "Domestic abuser" or "child abuser" is about abuse of people, not substance use.
    allow: (match, line) => /\b(?:domestic|child|sexual|partner)\s+$/i.test(line.slice(0, match.index)),
  },
  {
    term: "substance abuse",
    pattern: /\b(?:substance|drug|drugs|alcohol|opioid|solvent)[ -]abuse\b/gi,
    alternative: "substance use (or misuse, for harmful use)",
    reason: "\"abuse\" implies wilful misconduct and is associated with blame and punishment",
    severity: "error",
  },
  {
    term: "clean (as in drug-free)",
    pattern: new RegExp(
      [
        "\\bclean and sober\\b",
        "\\b(?:stay|stays|stayed|staying|get|gets|got|getting|been|being|keep|keeps|kept|keeping|went|go|goes|going|remain|remains|remained)\\s+clean\\b",
        "\\bclean\\s+(?:for|since)\\s+(?:\\d|a |an |one |two |three |six |over |nearly |almost |the past )",
        "\\b(?:days?|weeks?|months?|years?)\\s+clean\\b",
        "\\bclean\\s+time\\b",
        `\\bclean\\s+${TEST_WORDS}\\b`,
        "\\b(?:tested|tests|testing|came back|comes back)\\s+clean\\b",
      ].join("|"),
      "gi",
    ),
    alternative: "in recovery, not currently using; for tests: tested negative",
    reason: "implies that a person who uses drugs is dirty; only the drug-free sense is flagged (\"clean data\" is fine)",
    severity: "error",
  },
  {
    term: "dirty (as in a positive test)",
    pattern: new RegExp([`\\bdirty\\s+${TEST_WORDS}\\b`, "\\b(?:tested|tests|testing|came back|comes back|was|were|is)\\s+dirty\\b", "\\bdirty\\s+(?:user|addict)s?\\b"].join("|"), "gi"),
    alternative: "tested positive",
    reason: "attaches shame to a test result; only the drug-test sense is flagged (\"dirty data\" is not about people)",
    severity: "error",
    allow: (match, line) => /\b(?:was|were|is)\s+dirty\b/i.test(match[0]) && !/\b(?:test|sample|urine|screen|result)/i.test(line),
  },
  {
    term: "alcoholic",
    pattern: /\b(?:non-)?alcoholics?\b/gi,
    alternative: "person with alcohol dependence, person with an alcohol problem (unless people use it of themselves, in a quote)",
    reason: "a label that defines a person by a condition; people may use it of themselves, and quotes keep it",
    severity: "error",
    // Drinks are alcoholic; people are not.
    allow: (match, line) => /^non-/i.test(match[0]) || /^\s+(?:drinks?|beverages?|content|strength|liquor)\b/i.test(line.slice(match.index + match[0].length)),
  },
  {
    term: "user (as in drug user)",
    pattern: /\b(?:drugs?|alcohol|substance|heroin|crack|cocaine|opioid|opiate|methadone|cannabis|injecting(?: drug)?|iv|intravenous)[ -]users?\b/gi,
    alternative: "person who uses drugs (alcohol, heroin…)",
    reason: "reduces a person to their drug use; \"service user\" and website users are not flagged",
    severity: "error",
  },
  {
    term: "substitute or replacement drug",
    pattern: /\b(?:substitute|substitution|replacement)\s+(?:drugs?|medication|prescribing|therapy|treatment)\b/gi,
    alternative: "medication for opioid dependence (opioid agonist treatment)",
    reason: "suggests swapping one drug for another, which undermines a recognised treatment",
    severity: "error",
  },
  {
    term: "relapse",
    pattern: /\brelaps(?:e|es|ed|ing)\b/gi,
    alternative: "recurrence, return to use",
    reason: "acceptable but loaded: it can imply failure; prefer recurrence or return to use where it reads naturally",
    severity: "warning",
  },
];

export interface Finding {
  file: string;
  line: number;
  term: string;
  text: string;
  alternative: string;
  reason: string;
  severity: Severity;
}

/** A line marked as a quote. (Written so no `<!` `--` sequence appears in a regex: module code forbids it.) */
const QUOTE_MARK = /<!-{2}\s*quote\s*-{2}>/i;

/** Blanks out quoted text (keeping line breaks so line numbers hold). */
export function maskQuotes(text: string, options: { markdown?: boolean } = {}): string {
  let masked = text.replace(/<(blockquote|q)\b[^>]*>[\s\S]*?<\/\1\s*>/gi, (m) => m.replace(/[^\n]/g, " "));
  // An unclosed quote runs to the end (a quote built over several template strings).
  masked = masked.replace(/<(blockquote|q)\b[^>]*>[\s\S]*$/i, (m) => m.replace(/[^\n]/g, " "));
  return masked
    .split("\n")
    .map((line) => (QUOTE_MARK.test(line) || (options.markdown && /^\s*>/.test(line)) ? "" : line))
    .join("\n");
}

/** The findings in one piece of text; `firstLine` is the file line the text starts on. */
export function lintText(text: string, file: string, firstLine = 1, options: { markdown?: boolean } = {}): Finding[] {
  const findings: Finding[] = [];
  maskQuotes(text, options)
    .split("\n")
    .forEach((line, i) => {
      for (const rule of RULES) {
        rule.pattern.lastIndex = 0;
        for (let m = rule.pattern.exec(line); m !== null; m = rule.pattern.exec(line)) {
          if (rule.allow?.(m, line)) continue;
          findings.push({ file, line: firstLine + i, term: rule.term, text: m[0], alternative: rule.alternative, reason: rule.reason, severity: rule.severity });
        }
      }
    });
  return findings;
}

/** String literals (and the text parts of template literals) in TypeScript source, with their lines. */
export function stringsOf(source: string, fileName = "file.ts"): { text: string; line: number }[] {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const out: { text: string; line: number }[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateHead(node) || ts.isTemplateMiddle(node) || ts.isTemplateTail(node)) {
      // Import paths are not text anyone reads.
      if (node.text.trim() !== "" && !(ts.isStringLiteral(node) && (ts.isImportDeclaration(node.parent) || ts.isExportDeclaration(node.parent)))) {
        out.push({ text: node.text, line: file.getLineAndCharacterOfPosition(node.getStart(file)).line + 1 });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return out;
}

export function lintTypeScript(source: string, file: string): Finding[] {
  const quoteLines = new Set(source.split("\n").flatMap((line, i) => (QUOTE_MARK.test(line) ? [i + 1] : [])));
  return stringsOf(source, file)
    .filter((s) => !quoteLines.has(s.line))
    .flatMap((s) => lintText(s.text, file, s.line));
}

const JSON_TEXT_KEYS = new Set(["title", "description", "label", "labels", "name", "shortName", "adaptation"]);

function lineOf(raw: string, value: string): number {
  const at = raw.indexOf(JSON.stringify(value).slice(1, -1));
  return at < 0 ? 1 : raw.slice(0, at).split("\n").length;
}

/** `title`/`description`/label values anywhere in a JSON document. */
export function lintJson(raw: string, file: string, keys: ReadonlySet<string> = JSON_TEXT_KEYS): Finding[] {
  const findings: Finding[] = [];
  const visit = (value: unknown, key: string | undefined): void => {
    if (typeof value === "string") {
      if (key !== undefined && keys.has(key)) findings.push(...lintText(value, file, lineOf(raw, value)));
    } else if (Array.isArray(value)) value.forEach((v) => visit(v, key));
    else if (value !== null && typeof value === "object") for (const [k, v] of Object.entries(value)) visit(v, k);
  };
  visit(JSON.parse(raw) as unknown, undefined);
  return findings;
}

/** Columns of reference CSVs that hold this site's labels (not codes, URLs or other publishers' titles). */
const CSV_TEXT_COLUMNS = new Set(["label", "name", "title", "description", "section", "measure", "unit", "note", "notes"]);

export function lintCsv(raw: string, file: string): Finding[] {
  const records = parseCsv(raw, { columns: true, bom: true, skip_empty_lines: true, info: true }) as { record: Record<string, string>; info: { lines: number } }[];
  return records.flatMap(({ record, info }) =>
    Object.entries(record)
      .filter(([column]) => CSV_TEXT_COLUMNS.has(column))
      .flatMap(([, value]) => lintText(value, file, info.lines)),
  );
}

function walk(dir: string, keep: (path: string) => boolean): string[] {
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return [];
  }
  return entries.sort().flatMap((entry) => {
    const path = join(dir, entry);
    if (entry.startsWith(".") || entry === "node_modules") return [];
    return statSync(path).isDirectory() ? walk(path, keep) : keep(path) ? [path] : [];
  });
}

/** Every finding in the project's own text. */
export function lintProject(root: string = PROJECT_ROOT): Finding[] {
  const rel = (path: string): string => relative(root, path);
  const read = (path: string): string => readFileSync(path, "utf8");
  const flat = (dir: string, ext: RegExp): string[] => walk(dir, (p) => ext.test(p)).filter((p) => relative(dir, p).split(/[\\/]/).length === 1);
  return [
    ...walk(join(root, "src"), (p) => p.endsWith(".md")).flatMap((p) => lintText(read(p), rel(p), 1, { markdown: true })),
    ...walk(join(root, "src", "components"), (p) => p.endsWith(".ts")).flatMap((p) => lintTypeScript(read(p), rel(p))),
    // Page loaders (`report.md.ts`) print a page's Markdown: their text is the page's text.
    ...walk(join(root, "src"), (p) => /\.md\.[jt]s$/.test(p)).flatMap((p) => lintTypeScript(read(p), rel(p))),
    ...[join(root, "observablehq.config.ts")].flatMap((p) => lintTypeScript(read(p), rel(p))),
    ...flat(join(root, "data", "schemas"), /\.json$/).flatMap((p) => lintJson(read(p), rel(p), new Set(["title", "description"]))),
    ...flat(join(root, "data", "reference"), /\.json$/).flatMap((p) => lintJson(read(p), rel(p))),
    ...flat(join(root, "data", "reference"), /\.csv$/).flatMap((p) => lintCsv(read(p), rel(p))),
  ];
}

export function formatFinding(f: Finding): string {
  return `${f.file}:${f.line}: ${f.severity === "warning" ? "warning" : "error"}: "${f.text}" (${f.term}) → ${f.alternative}. ${f.reason}.`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const findings = lintProject();
  for (const f of findings) process.stdout.write(`${formatFinding(f)}\n`);
  const errors = findings.filter((f) => f.severity === "error").length;
  const warnings = findings.length - errors;
  process.stderr.write(
    errors + warnings === 0
      ? "Language check passed: no stigmatising terms in the site's own text.\n"
      : `Language check: ${errors} error${errors === 1 ? "" : "s"}, ${warnings} warning${warnings === 1 ? "" : "s"}. See docs/LANGUAGE.md; quotes go in <blockquote> or <q>, or on a line marked <!-- quote -->.\n`,
  );
  if (errors > 0) process.exitCode = 1;
}
