/**
 * Free text for the sample, written for this project (ordinary answers are composed from fragments in
 * `compose.ts`). The traps hold fake personal data only (example.org addresses, Ofcom drama phone
 * numbers, well-known public postcodes, the NHS's published test number), which the pipeline must
 * redact. Hostile markup and spreadsheet formulas are not in the sample, whose text visitors read: the
 * quality gates plant them through `HostileTexts` (test/fixtures/hostile/).
 */

/** A free-text answer planted at a fixed row, and what it tests. */
export interface PlantedText {
  what: string;
  text: string;
  /** For the stigma survey's quote: the consent answer ("Yes" or "No"). */
  consent?: string;
}

/** Extra answers planted by the quality gates' hostile sample (never in data/sample/). */
export interface HostileTexts {
  stigma?: readonly PlantedText[];
  audit?: readonly PlantedText[];
  workforce?: readonly PlantedText[];
  standards?: readonly PlantedText[];
}

/** How each setting reads inside a sentence. */
export const SETTING_PHRASE: Record<string, string> = {
  GP: "the GP surgery",
  "Mental health service": "the mental health team",
  "Hospital or A&E": "A&E",
  Pharmacy: "the pharmacy",
  Dentist: "the dentist",
  Police: "the police",
  "Housing service": "the housing office",
  "Job centre or employment service": "the job centre",
};

/** Planted free-text traps: personal data and markup that the pipeline must redact or neutralise. */
export const STIGMA_TRAPS = [
  { what: "e-mail address", consent: "Yes", text: "If anyone wants to hear more they can email me on sam.walker82@example.org, I'm happy to talk." },
  { what: "UK phone number", consent: "Yes", text: "The duty worker said to ring 020 7946 0321 but nobody ever answered." },
  { what: "UK postcode", consent: "Yes", text: "The surgery on the corner near LS1 4DY refused to register me twice." },
  { what: "personal name", consent: "Yes", text: "Dr Helen Okafor was the only one who treated me like a human being." },
  { what: "NHS number (valid check digit; the NHS's published test number)", consent: "Yes", text: "They kept losing my records even though I gave them my NHS number 943 476 5919 every time." },
  { what: "National Insurance number", consent: "Yes", text: "At the job centre they read my NI number AB 12 34 56 C out loud across the office." },
  { what: "URL", consent: "Yes", text: "I wrote about what happened on my blog at https://www.example.org/my-story if you want the full version." },
  { what: "e-mail address and phone number, consent refused", consent: "No", text: "Contact me at kerry.h@example.org or 0161 496 0123 if you need anything else." },
] as const;

/** Consented quotes with nothing to redact (they should be published as written). */
export const CLEAN_CONSENTED_QUOTES = [
  "The nurse sat down next to me and asked how I was really doing. Nobody had done that in years.",
  "I nearly walked out of the waiting room, but the pharmacist said good morning like I was any other customer.",
] as const;

export const AUDIT_TRAPS = [
  { what: "UK phone number and URL", text: "Our new helpline (0113 496 0000) and booking page https://www.example.org/recovery-cafe opened in May." },
  { what: "personal name", text: "Our coordinator Priya Sharma set up a weekly women's group with the local refuge." },
] as const;

export const WORKFORCE_TRAPS = [
  { what: "e-mail address", text: "Loved it. Please send the slides to jordan.hale@example.org as I lost my copy." },
] as const;

export const STANDARDS_TRAPS = [
  { what: "UK postcode", text: "Groups run from our hub at NE1 4ST; the address is on every leaflet." },
  { what: "personal name", text: "Our safeguarding lead is Marcus Doyle, who trains every new volunteer." },
] as const;
