/**
 * The stigma survey's settings as they read in a sentence, in one table: after "used" ("people who
 * used their GP") and after "at" ("the highest share was at the GP"). An unknown setting reads as its
 * label.
 */
interface SettingPhrases {
  used: string;
  at: string;
}

const SETTINGS: Record<string, SettingPhrases> = {
  GP: { used: "their GP", at: "the GP" },
  "Mental health service": { used: "mental health services", at: "mental health services" },
  "Hospital or A&E": { used: "hospital or A&E", at: "hospital or A&E" },
  Pharmacy: { used: "a pharmacy", at: "the pharmacy" },
  Dentist: { used: "a dentist", at: "the dentist" },
  Police: { used: "the police", at: "the police" },
  "Housing service": { used: "housing services", at: "housing services" },
  "Job centre or employment service": { used: "a job centre or employment service", at: "job centres or employment services" },
};

/** How a setting reads after "used": "their GP", "the police". */
export function settingPhrase(setting: string): string {
  return SETTINGS[setting]?.used ?? setting.toLowerCase();
}

/** How a setting reads after "at": "the GP", "hospital or A&E". */
export function atSetting(setting: string): string {
  return SETTINGS[setting]?.at ?? setting;
}
