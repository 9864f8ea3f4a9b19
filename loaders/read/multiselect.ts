/**
 * Splits a multi-select answer that a survey tool joined into one cell.
 *
 * Tools join the chosen options with a separator (Google Forms uses ", "), yet an option can itself
 * contain that separator ("Art, music or sport"). Knowing the options, we match the longest known
 * option at each position first, and only fall back to a plain split for text that matches none
 * (an "Other" answer typed by the respondent).
 */
export function splitMultiSelect(text: string, separator: string, options: readonly string[] = []): string[] {
  const trimmedSeparator = separator.trim();
  const trimmed = text.trim();
  if (trimmed === "") return [];
  // Names joined by spaces (ODK, Kobo) cannot contain a space, so a plain split is exact.
  if (separator !== "" && trimmedSeparator === "") return trimmed.split(/\s+/);
  if (options.length === 0) return plainSplit(trimmed, separator, trimmedSeparator);
  const byLength = [...new Set(options)].sort((a, b) => b.length - a.length);
  const items: string[] = [];
  let rest = trimmed;
  while (rest.length > 0) {
    const option = byLength.find((o) => o.length > 0 && rest.startsWith(o) && atBoundary(rest, o.length, trimmedSeparator));
    if (option !== undefined) {
      items.push(option);
      rest = skipSeparator(rest.slice(option.length), trimmedSeparator);
      continue;
    }
    // Unknown text: take it up to the next separator that is followed by a known option (or the end).
    const end = nextKnownBoundary(rest, trimmedSeparator, byLength);
    items.push(rest.slice(0, end).trim());
    rest = skipSeparator(rest.slice(end), trimmedSeparator);
  }
  return items.filter((item) => item !== "");
}

function plainSplit(text: string, separator: string, trimmedSeparator: string): string[] {
  const parts = trimmedSeparator === "" ? text.split(separator) : text.split(trimmedSeparator);
  return parts.map((p) => p.trim()).filter((p) => p !== "");
}

function atBoundary(text: string, index: number, separator: string): boolean {
  const after = text.slice(index).trimStart();
  return after === "" || (separator !== "" && after.startsWith(separator));
}

function skipSeparator(text: string, separator: string): string {
  const rest = text.trimStart();
  return separator !== "" && rest.startsWith(separator) ? rest.slice(separator.length).trimStart() : rest;
}

function nextKnownBoundary(text: string, separator: string, options: readonly string[]): number {
  if (separator === "") return text.length;
  let from = 0;
  for (;;) {
    const at = text.indexOf(separator, from);
    if (at < 0) return text.length;
    const after = text.slice(at + separator.length).trimStart();
    if (options.some((o) => after.startsWith(o) && atBoundary(after, o.length, separator))) return at;
    from = at + separator.length;
  }
}
