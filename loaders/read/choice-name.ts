/**
 * The name a form gives a choice where the tool needs a code without spaces (an XLSForm's choice
 * `name`, which ODK and Kobo export as the answer): lower case, "&" as "and", "+" as "plus", every
 * other run of characters that are not letters or digits as one "_". "Hospital or A&E" is
 * `hospital_or_a_and_e`, "65+" is `65_plus`, "£10k–£100k" is `10k_100k`. Validation accepts a
 * category's choice name as the category, so an export from a generated form needs no mapping.
 */
export function choiceName(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/&/g, " and ")
    .replace(/\+/g, " plus ")
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "");
}
