/**
 * What a form asks, in terms no survey tool owns: one question per schema field, in schema order,
 * with its wording, choices and limits. The REDCap, XLSForm and Google Forms writers turn these into
 * each tool's own format, so that an export of the form matches the schema with no mapping.
 *
 * Two kinds of field are not asked:
 * - the survey tool's own response number (`source: "record-id"`), which the tool fills in;
 * - a total the form can add up itself (`source: "derived"`, listed in `DERIVED`).
 * Identifiers that people know (a LERO's name, a trainee number) are asked; the pipeline replaces
 * them with keyed pseudonyms before anything is published.
 */
import { categoryValue, type Field, type TableSchema } from "../schema.ts";
import { choiceName } from "../read/choice-name.ts";
import { DEFAULT_FALSE_VALUES, DEFAULT_TRUE_VALUES } from "../validate/cast.ts";

export type QuestionKind =
  /** One of the choices. */
  | "choice"
  /** Any number of the choices. */
  | "choices"
  /** Yes or no. */
  | "yes-no"
  /** A whole number on a short scale (at most 11 points), offered as its points. */
  | "scale"
  | "integer"
  | "number"
  | "year"
  | "date"
  /** A short answer. */
  | "text"
  /** A long answer (free text of more than 255 characters). */
  | "long-text";

export interface Choice {
  /** The code a tool needs where labels may not be used as values (an XLSForm choice name). */
  name: string;
  /** The words shown, which are the schema's category value: exports carry them as they are. */
  label: string;
}

export interface Question {
  /** The schema field: the question's variable name in every tool. */
  name: string;
  kind: QuestionKind;
  /** The field's title: short, and matched to the field when a tool exports question text as headers. */
  title: string;
  /** Plain help shown under the question, from the field's description (may be ""). */
  help: string;
  required: boolean;
  /** An identifier or other personal field: marked as such where the tool can (REDCap's "Identifier?"). */
  personal: boolean;
  source: "answer" | "record-id" | "derived";
  choices: Choice[];
  min?: number | string;
  max?: number | string;
  /** For a scale: the words at its two ends, from "Scored 1 (never) to 5 (very often)". */
  anchors?: [string, string];
  pattern?: string;
  maxLength?: number;
  /** For a derived field: the fields it adds up. */
  sumOf?: string[];
  /** For yes-no: the words a Yes and a No are written as, both accepted by the field. */
  yes?: string;
  no?: string;
  /** For yes-no: whether the field also takes 1 and 0 (what REDCap's yes/no field stores). */
  digits?: boolean;
}

export interface FormPlan {
  dataset: string;
  title: string;
  /** A short plain paragraph for the top of the form. */
  intro: string;
  questions: Question[];
}

/**
 * Totals a form works out from other answers instead of asking. Decision: listed here rather than
 * in the schema, because only a form needs to know how a total is made; the schema keeps the total
 * as a field so that exports made elsewhere (which carry it) still validate.
 */
export const DERIVED: Record<string, Record<string, string[]>> = {
  outcomes: { barc_total: Array.from({ length: 10 }, (_, i) => `barc_${i + 1}`) },
};

const SCALE_POINTS = 11;

/** Sentences of a description written for analysts, not for the person answering. */
const ANALYST_SENTENCE = /pseudonym|publish|quasi-identifier|never published|item written for|adapted from|generalised|following the government|counted as/i;

/** The help text: the description's sentences a person answering needs. */
export function helpText(field: Field): string {
  // A sentence ends at ".", "!" or "?" before a capital letter, so "et al., 2016" stays inside one.
  const sentences = (field.description ?? "").split(/(?<=[.!?])\s+(?=[A-Z])/);
  return sentences
    .map((sentence) => sentence.trim())
    .filter((sentence) => sentence !== "" && !ANALYST_SENTENCE.test(sentence))
    .join(" ");
}

function anchorsOf(field: Field): [string, string] | undefined {
  const match = /Scored \d+ \(([^)]+)\) to \d+ \(([^)]+)\)/i.exec(field.description ?? "");
  return match === null ? undefined : [match[1]!, match[2]!];
}

/** Whether a field is the survey tool's own response number, which the tool fills in. */
function isToolRecordId(field: Field): boolean {
  return field.lero.role === "identifier" && /^the survey tool's/i.test(field.description ?? "");
}

function choicesOf(field: Field): Choice[] {
  const choices = (field.categories ?? []).map((category) => {
    const label = String(categoryValue(category));
    return { name: choiceName(label), label };
  });
  const seen = new Map<string, string>();
  for (const choice of choices) {
    const earlier = seen.get(choice.name);
    if (earlier !== undefined || choice.name === "") {
      throw new Error(`Field "${field.name}": the categories ${JSON.stringify(earlier)} and ${JSON.stringify(choice.label)} give the same choice name "${choice.name}"; make them differ in letters or digits.`);
    }
    seen.set(choice.name, choice.label);
  }
  return choices;
}

function yesNo(field: Field): { yes: string; no: string; digits: boolean } {
  const trueValues = field.trueValues ?? DEFAULT_TRUE_VALUES;
  const falseValues = field.falseValues ?? DEFAULT_FALSE_VALUES;
  const yes = ["Yes", "yes", "true", "1"].find((value) => trueValues.includes(value)) ?? trueValues[0];
  const no = ["No", "no", "false", "0"].find((value) => falseValues.includes(value)) ?? falseValues[0];
  if (yes === undefined || no === undefined) throw new Error(`Field "${field.name}" is a yes/no field with no true or false values.`);
  return { yes, no, digits: trueValues.includes("1") && falseValues.includes("0") };
}

function kindOf(field: Field): QuestionKind {
  const min = field.constraints?.minimum;
  const max = field.constraints?.maximum;
  if (field.type === "list") return "choices";
  if ((field.categories ?? []).length > 0) return "choice";
  switch (field.type) {
    case "boolean":
      return "yes-no";
    case "integer":
      return typeof min === "number" && typeof max === "number" && max - min < SCALE_POINTS && min >= 0 ? "scale" : "integer";
    case "number":
      return "number";
    case "year":
      return "year";
    case "date":
      return "date";
    default:
      return (field.constraints?.maxLength ?? 0) > 255 ? "long-text" : "text";
  }
}

/** The questions of the dataset's form, in schema order. */
export function planForm(schema: TableSchema): FormPlan {
  const keys = new Set(schema.primaryKey ?? []);
  const derived = DERIVED[schema.name] ?? {};
  const names = new Set(schema.fields.map((field) => field.name));
  for (const [total, parts] of Object.entries(derived)) {
    for (const name of [total, ...parts]) if (!names.has(name)) throw new Error(`DERIVED.${schema.name}.${total} names "${name}", which is not a field of the ${schema.name} schema.`);
  }
  const questions = schema.fields.map((field): Question => {
    const constraints = field.constraints ?? {};
    const sumOf = derived[field.name];
    const question: Question = {
      name: field.name,
      kind: kindOf(field),
      title: field.title ?? field.name,
      help: helpText(field),
      required: constraints.required === true || keys.has(field.name),
      personal: field.lero.role === "identifier",
      source: isToolRecordId(field) ? "record-id" : sumOf !== undefined ? "derived" : "answer",
      choices: field.type === "list" || (field.categories ?? []).length > 0 ? choicesOf(field) : [],
    };
    if (constraints.minimum !== undefined) question.min = constraints.minimum;
    if (constraints.maximum !== undefined) question.max = constraints.maximum;
    if (constraints.pattern !== undefined) question.pattern = constraints.pattern;
    if (constraints.maxLength !== undefined) question.maxLength = constraints.maxLength;
    if (sumOf !== undefined) question.sumOf = sumOf;
    if (question.kind === "scale") {
      const anchors = anchorsOf(field);
      if (anchors !== undefined) question.anchors = anchors;
    }
    if (question.kind === "yes-no") Object.assign(question, yesNo(field));
    return question;
  });
  return { dataset: schema.name, title: schema.title, intro: introOf(schema), questions };
}

function introOf(schema: TableSchema): string {
  return `${schema.title}. Please answer every question marked as required. Your answers are checked and made anonymous before any figure is published.`;
}
