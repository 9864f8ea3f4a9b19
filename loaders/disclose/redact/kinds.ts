/** The kinds of personal data the redactor finds, and the typed placeholder that replaces each. */
export type PersonalDataKind =
  | "email"
  | "phone"
  | "postcode"
  | "nhs-number"
  | "ni-number"
  | "url"
  | "ip-address"
  | "name";

export const PLACEHOLDERS: Readonly<Record<PersonalDataKind, string>> = {
  email: "[email]",
  phone: "[phone]",
  postcode: "[postcode]",
  "nhs-number": "[NHS number]",
  "ni-number": "[NI number]",
  url: "[url]",
  "ip-address": "[IP address]",
  name: "[name]",
};

/** Why a text is held back for a person to check, rather than published. */
export type DoubtCode =
  | "ambiguous-name"
  | "possible-name"
  | "handle"
  | "digit-run"
  | "outward-code"
  | "possible-ni-number";

/** A span the redactor is sure about: it will be replaced by its placeholder. */
export interface Candidate {
  kind: PersonalDataKind;
  start: number;
  end: number;
  /** Lower wins when two candidates overlap (an e-mail's domain is not also a URL). */
  priority: number;
}

/** A span the redactor is unsure about: the text goes to review. */
export interface Doubt {
  code: DoubtCode;
  start: number;
  end: number;
  message: string;
}

/** Overlap priorities, most specific first. */
export const PRIORITY: Readonly<Record<PersonalDataKind, number>> = {
  email: 1,
  url: 2,
  "ip-address": 3,
  "ni-number": 4,
  "nhs-number": 5,
  phone: 6,
  postcode: 7,
  name: 8,
};
