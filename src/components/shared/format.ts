/**
 * How the charts write published values: en-GB numbers, and the symbol in place of a withheld value
 * (`[c]` hidden to protect confidentiality, `[x]` not available). A string value is already a symbol
 * and is written as it is.
 */
import { isNumber, type Value } from "./chart.js";

/** A count of people or organisations: "1,195"; a missing count is "[x]". */
export function formatCount(value: Value | undefined): string {
  return isNumber(value) ? value.toLocaleString("en-GB") : value === null || value === undefined ? "[x]" : String(value);
}

/** A percentage to at most `digits` decimals: "34.5%". */
export function percentText(value: number, digits = 1): string {
  return `${value.toLocaleString("en-GB", { maximumFractionDigits: digits })}%`;
}

/** A percentage, or `missing` ("[c]" unless said) where the table has no value. */
export function formatPercent(value: Value | undefined, missing = "[c]"): string {
  return isNumber(value) ? percentText(value) : value === null || value === undefined ? missing : String(value);
}

/** A mean score to one decimal: "42.0"; a missing mean is "[c]". */
export function formatScore(value: Value | undefined): string {
  return isNumber(value) ? value.toLocaleString("en-GB", { minimumFractionDigits: 1, maximumFractionDigits: 1 }) : value === null || value === undefined ? "[c]" : String(value);
}
