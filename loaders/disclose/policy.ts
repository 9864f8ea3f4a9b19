/**
 * The disclosure policy: `data/disclosure.json`, read once, checked, and handed to the rest of the
 * pipeline as plain typed numbers.
 *
 * In the file every setting is `{ "value": …, "description": "…" }` so that the Methods page can print
 * it; groups of settings may carry a description of their own. `loadPolicy()` checks every setting
 * (type, range, a description that is not empty, no unknown keys — a misspelt key must not silently
 * fall back to nothing) and throws one `PipelineError` listing every problem with its path.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { PROJECT_ROOT } from "../schema.ts";
import { PipelineError } from "../types.ts";

import { LEVELS, SYMBOLS, type Level, type Symbols } from "../../src/lib/disclosure-rules.ts";

export { LEVELS, SYMBOLS, type Level, type Symbols };

/** The rules for one level (whose privacy is at stake). */
export interface LevelPolicy {
  /** Every quasi-identifier combination in published microdata is shared by at least `k` people (organisations). */
  k: number;
  /** Within every such class, each sensitive field takes at least `l` different values (l-diversity). */
  l: number;
  /** Counts from 1 to `threshold` are suppressed as `[c]`; 0 stays 0. */
  threshold: number;
  /** Counts above the threshold are rounded to the nearest multiple of this (1 = not rounded). */
  rounding: number;
  /** Means, medians and percentages need at least this base. */
  minimumBase: number;
}


/** One setting as the Methods page prints it: `person.k`, 10, "Row-level data about people…". */
export interface PolicySetting {
  key: string;
  value: unknown;
  description: string;
}

export interface DisclosurePolicy {
  person: LevelPolicy;
  organisation: LevelPolicy;
  /** Largest share of records (people for longitudinal data) that k-anonymity may remove by local suppression. */
  maxSuppressionShare: number;
  /** Largest share of rows of an export that may fail validation before the build stops. */
  maxRejectedShare: number;
  symbols: Symbols;
  csvEscape: {
    /** A CSV text cell starting with one of these is escaped: ["=", "+", "-", "@", "\t", "\r"]. */
    characters: string[];
    /** What goes in front of such a cell: "'". */
    prefix: string;
  };
  /** E-mail addresses (lower case) the site may show; the audit reports any other. */
  allowedEmails: string[];
  /** Every setting in file order, with its description, for the Methods page. */
  settings: PolicySetting[];
  /** Descriptions of the groups, by key (`levels.person`, `symbols`, …) and of the whole file (""). */
  groups: Record<string, string>;
}

export const POLICY_FILE = join(PROJECT_ROOT, "data", "disclosure.json");

/** Reads and checks the policy. Throws a `PipelineError` naming every problem when the file is wrong. */
export function loadPolicy(file: string = POLICY_FILE): DisclosurePolicy {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (cause) {
    throw new PipelineError("source-error", `${file}: cannot read the disclosure policy.`, { file, cause });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    throw new PipelineError("format-error", `${file}: the disclosure policy is not valid JSON (${(cause as Error).message}).`, {
      file,
      cause,
    });
  }
  return parsePolicy(json, file);
}

type Check = (value: unknown) => string | undefined;

const wholeAtLeast =
  (min: number): Check =>
  (v) =>
    typeof v === "number" && Number.isInteger(v) && v >= min ? undefined : `must be a whole number of at least ${min}`;
const share: Check = (v) => (typeof v === "number" && v >= 0 && v <= 1 ? undefined : "must be a number from 0 to 1 (0.05 is 5%)");
const exactly =
  (expected: string): Check =>
  (v) =>
    v === expected ? undefined : `must be "${expected}" (the Government Statistical Service symbol)`;
const characters: Check = (v) =>
  Array.isArray(v) && v.length > 0 && v.every((c) => typeof c === "string" && [...c].length === 1)
    ? undefined
    : "must be a list of single characters";
const nonEmptyString: Check = (v) => (typeof v === "string" && v !== "" ? undefined : "must be a text that is not empty");
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const emails: Check = (v) =>
  Array.isArray(v) && v.every((e) => typeof e === "string" && EMAIL.test(e)) ? undefined : "must be a list of e-mail addresses";

/** The shape of the file: groups are objects, settings are checks. */
type Spec = { [key: string]: Spec | Check };

const LEVEL_SPEC: Spec = { k: wholeAtLeast(1), l: wholeAtLeast(1), threshold: wholeAtLeast(0), rounding: wholeAtLeast(1), minimumBase: wholeAtLeast(1) };
const SPEC: Spec = {
  levels: { person: LEVEL_SPEC, organisation: LEVEL_SPEC },
  maxSuppressionShare: share,
  maxRejectedShare: share,
  symbols: {
    confidential: exactly(SYMBOLS.confidential),
    notAvailable: exactly(SYMBOLS.notAvailable),
    notApplicable: exactly(SYMBOLS.notApplicable),
    low: exactly(SYMBOLS.low),
  },
  csvEscape: { characters, prefix: nonEmptyString },
  allowedEmails: emails,
};
/** Keys the top level may have besides the settings. */
const FILE_KEYS = new Set(["$schema", "$comment", "title", "description", "version"]);

/** Checks a parsed policy (see `loadPolicy`). `file` only names the source in messages. */
export function parsePolicy(json: unknown, file: string = POLICY_FILE): DisclosurePolicy {
  const problems: string[] = [];
  const settings: PolicySetting[] = [];
  const groups: Record<string, string> = {};
  const values: Record<string, unknown> = {};

  const walk = (node: unknown, spec: Spec, path: string): void => {
    if (!isObject(node)) {
      problems.push(`${path || "the file"} must be an object`);
      return;
    }
    if (typeof node["description"] === "string") groups[path] = node["description"];
    else if (path !== "" && node["description"] !== undefined) problems.push(`${path}.description must be a text`);
    for (const key of Object.keys(node)) {
      if (key === "description" || key in spec || (path === "" && FILE_KEYS.has(key))) continue;
      problems.push(`${join2(path, key)} is not a known setting (known here: ${Object.keys(spec).join(", ")})`);
    }
    for (const [key, sub] of Object.entries(spec)) {
      const where = join2(path, key);
      const child = node[key];
      if (child === undefined) {
        problems.push(`${where} is missing`);
        continue;
      }
      if (typeof sub === "function") readSetting(child, sub, where);
      else walk(child, sub, where);
    }
  };

  const readSetting = (node: unknown, check: Check, where: string): void => {
    if (!isObject(node) || !("value" in node)) {
      problems.push(`${where} must be an object { "value": …, "description": "…" }`);
      return;
    }
    for (const key of Object.keys(node)) if (key !== "value" && key !== "description") problems.push(`${where}.${key} is not allowed (only value and description)`);
    const description = node["description"];
    if (typeof description !== "string" || description.trim() === "") {
      problems.push(`${where}.description must say, in a sentence, what the setting does (the Methods page prints it)`);
    }
    const problem = check(node["value"]);
    if (problem !== undefined) problems.push(`${where}.value ${problem} (found ${JSON.stringify(node["value"])})`);
    values[where] = node["value"];
    settings.push({ key: where, value: node["value"], description: typeof description === "string" ? description : "" });
  };

  walk(json, SPEC, "");
  if (problems.length === 0) {
    for (const level of LEVELS) {
      const threshold = values[`levels.${level}.threshold`] as number;
      const k = values[`levels.${level}.k`] as number;
      // A class of k records shown as a count must not itself be a suppressed count.
      if (k <= threshold) problems.push(`levels.${level}.k.value must be larger than levels.${level}.threshold.value (${k} ≤ ${threshold})`);
      const l = values[`levels.${level}.l`] as number;
      if (l > k) problems.push(`levels.${level}.l.value cannot be larger than levels.${level}.k.value (${l} > ${k}): a class of k records holds at most k different values`);
    }
  }
  if (problems.length > 0) {
    throw new PipelineError("schema-error", `${file}: the disclosure policy is not valid:\n- ${problems.join("\n- ")}`, { file });
  }

  const level = (name: Level): LevelPolicy => ({
    k: values[`levels.${name}.k`] as number,
    l: values[`levels.${name}.l`] as number,
    threshold: values[`levels.${name}.threshold`] as number,
    rounding: values[`levels.${name}.rounding`] as number,
    minimumBase: values[`levels.${name}.minimumBase`] as number,
  });
  return {
    person: level("person"),
    organisation: level("organisation"),
    maxSuppressionShare: values["maxSuppressionShare"] as number,
    maxRejectedShare: values["maxRejectedShare"] as number,
    symbols: SYMBOLS,
    csvEscape: { characters: values["csvEscape.characters"] as string[], prefix: values["csvEscape.prefix"] as string },
    allowedEmails: (values["allowedEmails"] as string[]).map((e) => e.toLowerCase()),
    settings,
    groups,
  };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function join2(path: string, key: string): string {
  return path === "" ? key : `${path}.${key}`;
}
