/**
 * Casting cell text to typed values, per Table Schema (Frictionless v2) field type.
 *
 * `compileCaster` does the per-field work once (missing values, category lookup, date pattern,
 * true/false values); its `cast` then runs per cell and reports failure through a sentinel and a
 * reason, so a million cells cost no result objects. `castValue` is the convenient one-off form.
 */
import { categoryValue, type Field, type FieldType } from "../schema.ts";
import { choiceName } from "../read/choice-name.ts";
import { splitMultiSelect } from "../read/multiselect.ts";
import type { Cell } from "../types.ts";
import { dateParserFor, emptyDateParts, formatIsoDate, formatIsoDateTime, type DateParser } from "./datetime.ts";

/** Returned by `Caster.cast` when the text is not a value of the field's type. */
export const INVALID: unique symbol = Symbol("invalid");

export interface Caster {
  /** The typed value, null for an empty cell or a missing-value marker, or INVALID (see `reason`). */
  cast(cell: Cell): unknown;
  /** Why the last cast returned INVALID: what was expected, never the cell text itself. */
  reason: string;
}

/** What casting needs beyond the field: how the export joins multi-select answers, the schema's missing values. */
export interface CastContext {
  listSeparator?: string | undefined;
  missingValues?: readonly string[] | undefined;
}

export type CastResult = { ok: true; value: unknown } | { ok: false; message: string };

export const DEFAULT_TRUE_VALUES = ["true", "True", "TRUE", "1", "yes", "Yes"];
export const DEFAULT_FALSE_VALUES = ["false", "False", "FALSE", "0", "no", "No"];

type ItemType = Exclude<FieldType, "list" | "any">;
type Parse = (text: string, failure: { reason: string }) => unknown;

const INTEGER = /^[+-]?\d+$/;
const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
const DECIMAL_COMMA = /^[+-]?[\d.]*,\d*$/;
const YEAR = /^\d{4}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const URI = /^[A-Za-z][A-Za-z0-9+.-]*:\S+$/;
const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

/**
 * Compiles the caster for one field. Text is trimmed; a blank cell or one of the missing values
 * (the field's, else the context's, else none beyond blank) becomes null. A cell equal to a
 * category's value or label (case-insensitively) becomes the category's value before typing, because
 * exports carry the labels people chose. Throws for a date format it cannot compile: check the
 * schema first (`checkSchema`).
 */
export function compileCaster(field: Field, context: CastContext = {}): Caster {
  const missing = new Set(field.missingValues ?? context.missingValues ?? []);
  const categories = categoryLookup(field);
  const parse = field.type === "list" ? listParser(field, context, categories) : scalarParser(field.type, field, categories);
  const caster: Caster = {
    reason: "",
    cast(cell) {
      if (cell === null) return null;
      const text = cell.trim();
      if (text === "" || missing.has(text)) return null;
      return parse(text, caster);
    },
  };
  return caster;
}

const cache = new WeakMap<Field, Map<string, Caster>>();

/** Casts one cell. For many cells of one field, compile once with `compileCaster`. */
export function castValue(field: Field, text: Cell, context: CastContext = {}): CastResult {
  let byContext = cache.get(field);
  if (byContext === undefined) {
    byContext = new Map();
    cache.set(field, byContext);
  }
  const key = `${context.listSeparator ?? ""}\u0000${(context.missingValues ?? []).join("\u0000")}`;
  let caster = byContext.get(key);
  if (caster === undefined) {
    caster = compileCaster(field, context);
    byContext.set(key, caster);
  }
  const value = caster.cast(text);
  return value === INVALID ? { ok: false, message: caster.reason } : { ok: true, value };
}

/** Category values and labels, looked up exactly and then case-insensitively, to the category value. */
interface CategoryLookup {
  map: Map<string, string>;
  /** Values and labels, for splitting multi-select cells. */
  texts: string[];
}

function categoryLookup(field: Field): CategoryLookup | undefined {
  if (field.categories === undefined || field.categories.length === 0) return undefined;
  const map = new Map<string, string>();
  const texts: string[] = [];
  for (const category of field.categories) {
    const value = String(categoryValue(category));
    map.set(value, value);
    texts.push(value);
  }
  for (const category of field.categories) {
    const value = String(categoryValue(category));
    const lower = value.toLowerCase();
    if (!map.has(lower)) map.set(lower, value);
    if (typeof category !== "string" && category.label !== undefined) {
      const label = category.label.trim();
      if (!map.has(label)) map.set(label, value);
      const lowerLabel = label.toLowerCase();
      if (!map.has(lowerLabel)) map.set(lowerLabel, value);
      texts.push(label);
    }
  }
  // The names a generated XLSForm gives the choices (ODK and Kobo export those), last, so that a
  // value or label that happens to look like a choice name keeps its own meaning.
  for (const category of field.categories) {
    const value = String(categoryValue(category));
    const name = choiceName(value);
    if (name !== "" && !map.has(name)) {
      map.set(name, value);
      texts.push(name);
    }
  }
  return { map, texts: [...new Set(texts)] };
}

function normalise(text: string, categories: CategoryLookup | undefined): string {
  if (categories === undefined) return text;
  return categories.map.get(text) ?? categories.map.get(text.toLowerCase()) ?? text;
}

function scalarParser(type: FieldType, field: Field, categories: CategoryLookup | undefined): Parse {
  const parse = typeParser(type === "list" ? "string" : type, field);
  if (categories === undefined) return parse;
  return (text, failure) => parse(normalise(text, categories), failure);
}

function typeParser(type: ItemType | "any", field: Field): Parse {
  switch (type) {
    case "string":
      return stringParser(field.format);
    case "any":
      return (text) => text;
    case "integer":
      return (text, failure) => {
        if (!INTEGER.test(text)) {
          failure.reason = NUMBER.test(text)
            ? "expected a whole number, but this has a fraction or exponent: round it or change the field type to number"
            : "expected a whole number: write digits only, with an optional sign (for example 12 or -3)";
          return INVALID;
        }
        const value = Number(text);
        if (!Number.isSafeInteger(value)) {
          failure.reason = "the whole number is too large to store exactly (more than 15 digits): store it as a string";
          return INVALID;
        }
        return value === 0 ? 0 : value;
      };
    case "number":
      return (text, failure) => {
        if (!NUMBER.test(text)) {
          failure.reason = DECIMAL_COMMA.test(text)
            ? "expected a number with a decimal point, not a comma, and no thousands separators (for example 12.5 or 1234)"
            : "expected a number (for example 12, -3 or 12.50)";
          return INVALID;
        }
        const value = Number(text);
        if (!Number.isFinite(value)) {
          failure.reason = "the number is too large to store";
          return INVALID;
        }
        return value === 0 ? 0 : value;
      };
    case "boolean": {
      const trueValues = new Set(field.trueValues ?? DEFAULT_TRUE_VALUES);
      const falseValues = new Set(field.falseValues ?? DEFAULT_FALSE_VALUES);
      const expected = `expected yes or no: one of ${[...trueValues, ...falseValues].map((v) => `"${v}"`).join(", ")}`;
      return (text, failure) => {
        if (trueValues.has(text)) return true;
        if (falseValues.has(text)) return false;
        failure.reason = expected;
        return INVALID;
      };
    }
    case "year":
      return (text, failure) => {
        if (YEAR.test(text)) return Number(text);
        failure.reason = "expected a year written with four digits (for example 2024)";
        return INVALID;
      };
    case "date":
      return dateParser(dateParserFor(field.format), false, isPattern(field.format));
    case "datetime":
      return dateParser(dateParserFor(field.format), true, false);
  }
}

function stringParser(format: string | undefined): Parse {
  const check =
    format === "email"
      ? { test: EMAIL, reason: "expected an e-mail address (name@example.org)" }
      : format === "uri"
        ? { test: URI, reason: "expected a web address with its scheme (https://example.org)" }
        : format === "uuid"
          ? { test: UUID, reason: "expected a UUID (8-4-4-4-12 hexadecimal digits)" }
          : undefined;
  if (check === undefined) return (text) => text;
  return (text, failure) => {
    if (check.test.test(text)) return text;
    failure.reason = check.reason;
    return INVALID;
  };
}

function isPattern(format: string | undefined): boolean {
  return format !== undefined && format !== "default" && format !== "any";
}

/** `dropTime`: the field's own pattern asks for a time, so a date field keeps only the day. */
function dateParser(parse: DateParser, withTime: boolean, dropTime: boolean): Parse {
  const parts = emptyDateParts();
  return (text, failure) => {
    const reason = parse(text, parts);
    if (reason !== undefined) {
      failure.reason = reason;
      return INVALID;
    }
    if (withTime) return formatIsoDateTime(parts);
    // A spreadsheet often stores a date as midnight; any other time means the field holds date-times.
    if (!dropTime && parts.hasTime && (parts.hour !== 0 || parts.minute !== 0 || parts.second !== 0 || (parts.offset ?? 0) !== 0)) {
      failure.reason = "expected a date without a time of day: remove the time, or change the field type to datetime";
      return INVALID;
    }
    return formatIsoDate(parts);
  };
}

function listParser(field: Field, context: CastContext, categories: CategoryLookup | undefined): Parse {
  const separator = context.listSeparator ?? field.delimiter ?? ",";
  const trimmedSeparator = separator.trim();
  const options = categories?.texts ?? [];
  const optionSet = new Set(options);
  // When no option contains the separator, a plain split into known options gives what the
  // option-aware splitter would, without its per-call sort of the options.
  const plainIsSafe = trimmedSeparator !== "" && !options.some((o) => o.includes(trimmedSeparator));
  const itemParse = scalarParser(field.itemType ?? "string", field, categories);
  return (text, failure) => {
    let items: string[] | undefined;
    if (plainIsSafe) {
      items = text.split(trimmedSeparator).map((item) => item.trim()).filter((item) => item !== "");
      if (options.length > 0 && !items.every((item) => optionSet.has(item))) items = undefined;
    }
    items ??= splitMultiSelect(text, separator, options);
    const values: unknown[] = new Array(items.length);
    for (let i = 0; i < items.length; i++) {
      const value = itemParse(items[i]!, failure);
      if (value === INVALID) {
        failure.reason = `item ${i + 1} of the list: ${failure.reason}`;
        return INVALID;
      }
      values[i] = value;
    }
    return values;
  };
}
