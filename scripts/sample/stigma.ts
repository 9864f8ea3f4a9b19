/**
 * stigma.csv: a Qualtrics CSV export (three header rows, metadata columns first, UTF-8 with BOM) of
 * the stigma survey. The per-setting questions are a loop-and-merge block exported one row per
 * respondent per setting, so the respondent's own answers repeat on each of their rows.
 */
import * as V from "../schemas/vocab.ts";
import { clamp, Rng } from "./prng.ts";
import { SAMPLE_REGIONS, STIGMA_EXTRA_DROPS, STIGMA_LOOP_FIELD, STIGMA_YEAR_FIELD } from "./sample-vocab.ts";
import { seedFrom, stigmaQuote } from "./compose.ts";
import { CLEAN_CONSENTED_QUOTES, SETTING_PHRASE, STIGMA_TRAPS, type PlantedText } from "./texts.ts";
import { csvCell, fakeIp, fakePerson, qualtricsTime, type Trap } from "./util.ts";

export const RESPONDENTS = 1200;

interface Column {
  id: string;
  text: string;
  importId: string;
}

export function stigmaColumns(): Column[] {
  const S = V.STIGMA_QUESTIONS;
  const q = (c: { id: string; text: string; importId: string }): Column => ({ id: c.id, text: c.text, importId: `{"ImportId":"${c.importId}"}` });
  return [
    ...V.QUALTRICS_METADATA.map((m) => ({ ...m })),
    q(S.role),
    q(S.age_band),
    q(S.gender),
    q(S.region),
    { ...STIGMA_LOOP_FIELD },
    ...V.STIGMA_GROUPS.flatMap((g) =>
      V.STIGMA_ITEMS[g].map((item, i) => ({
        id: `${V.STIGMA_QIDS[g]}_${i + 1}`,
        text: `${V.STIGMA_STEMS[g]} - ${item}`,
        importId: `{"ImportId":"QID${V.STIGMA_QIDS[g].slice(1)}_${i + 1}"}`,
      })),
    ),
    q(S.avoided_care),
    q(S.quote),
    q(S.quote_consent),
    { ...STIGMA_YEAR_FIELD },
    ...STIGMA_EXTRA_DROPS.map((d) => ({ ...d })),
  ];
}

/** The mapping file for columns the schema's aliases do not name. */
export const STIGMA_MAPPING: Record<string, string | null> = {
  [STIGMA_LOOP_FIELD.id]: "setting",
  [STIGMA_YEAR_FIELD.id]: "year",
  Q_RecaptchaScore: null,
};

const SETTING_USE: Record<string, number> = {
  GP: 0.85,
  "Mental health service": 0.45,
  "Hospital or A&E": 0.55,
  Pharmacy: 0.6,
  Dentist: 0.3,
  Police: 0.25,
  "Housing service": 0.3,
  "Job centre or employment service": 0.3,
};
/** Mean enacted-stigma score by setting: higher at the GP and in hospital than at the pharmacy. */
const SETTING_LEVEL: Record<string, number> = {
  GP: 3.0,
  "Mental health service": 2.8,
  "Hospital or A&E": 3.2,
  Pharmacy: 2.0,
  Dentist: 2.3,
  Police: 3.1,
  "Housing service": 2.7,
  "Job centre or employment service": 2.6,
};

function responseId(rng: Rng): string {
  return `R_${rng.chars(15, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")}`;
}

interface Built {
  cells: string[];
  trap?: { what: string; column: string; field: string };
}

export function makeStigma(hostile: readonly PlantedText[] = []): { text: string; rows: number; respondents: number; traps: Trap[]; plainQuotes: Trap[] } {
  const rng = new Rng("stigma");
  const columns = stigmaColumns();
  const col = (id: string) => columns.findIndex((c) => c.id === id);
  const quoteCol = col(V.STIGMA_QUESTIONS.quote.id);
  const consentCol = col(V.STIGMA_QUESTIONS.quote_consent.id);
  const regionWeights = SAMPLE_REGIONS.map((r) => r.leros);
  const built: Built[] = [];

  for (let n = 0; n < RESPONDENTS; n++) {
    const year = rng.chance(0.45) ? 2024 : 2025;
    const role = rng.weighted(V.STIGMA_ROLES, [0.62, 0.23, 0.15]);
    const age = rng.weighted(V.AGE_BANDS, [0.08, 0.21, 0.29, 0.24, 0.14, 0.04]);
    const gender = rng.weighted(V.GENDERS, [0.42, 0.53, 0.02, 0.01, 0.02]);
    const region = rng.weighted(SAMPLE_REGIONS, regionWeights);
    const z = rng.normal(0, 1);
    const roleShift = role === "Person in recovery" ? 0 : role === "Family member" ? -0.5 : -0.8;
    let settings = rng.subset(V.SETTINGS, (s) => SETTING_USE[s] ?? 0.3);
    if (settings.length === 0) settings = ["GP"];
    if (settings.length > 5) settings = settings.slice(0, 5);

    const start = Date.UTC(year, 4, 1, 8) / 1000 + rng.int(0, 75 * 86_400) + rng.int(0, 13 * 3600);
    const duration = rng.int(150, 420) + 140 * settings.length;
    const email = rng.chance(0.2);
    const person = fakePerson(rng);
    const meta: Record<string, string> = {
      StartDate: qualtricsTime(new Date(start * 1000)),
      EndDate: qualtricsTime(new Date((start + duration) * 1000)),
      Status: "IP Address",
      IPAddress: fakeIp(rng),
      Progress: "100",
      "Duration (in seconds)": String(duration),
      Finished: "True",
      RecordedDate: qualtricsTime(new Date((start + duration + rng.int(0, 3)) * 1000)),
      ResponseId: responseId(rng),
      RecipientLastName: email ? person.last : "",
      RecipientFirstName: email ? person.first : "",
      RecipientEmail: email ? person.email : "",
      ExternalReference: "",
      LocationLatitude: (region.lat + rng.normal(0, 0.25)).toFixed(4),
      LocationLongitude: (region.lon + rng.normal(0, 0.3)).toFixed(4),
      DistributionChannel: email ? "email" : "anonymous",
      UserLanguage: "EN-GB",
    };
    const recaptcha = (0.5 + 0.1 * rng.int(0, 5)).toFixed(1);

    for (const setting of settings) {
      const level = (SETTING_LEVEL[setting] ?? 2.5) + 0.6 * z + roleShift;
      const item = (mean: number) => (rng.chance(0.015) ? "" : String(clamp(Math.round(rng.normal(mean, 0.85)), 1, 5)));
      const enacted = [item(level), item(level - 0.2), item(level - 0.3)];
      const anticipated = [item(level + 0.3), item(level + (setting === "Hospital or A&E" || setting === "GP" ? 0.4 : 0)), item(level + 0.2)];
      const internalised = [item(2.6 + 0.5 * z + roleShift / 2), item(2.2 + 0.5 * z + roleShift / 2), item(2.5 + 0.5 * z + roleShift / 2)];
      const mean = (level + 0.3 - 3) * 1.3;
      const avoided = rng.chance(0.03) ? "" : rng.chance(1 / (1 + Math.exp(-(mean - 0.6)))) ? "Yes" : "No";
      let quote = "";
      let consent = "";
      if (rng.chance(0.1)) {
        quote = stigmaQuote(seedFrom(rng), SETTING_PHRASE[setting] ?? "the service", level < 2.1);
        consent = rng.chance(0.65) ? "Yes" : "No";
      }
      const values: Record<string, string> = {
        ...meta,
        Q1: role,
        Q2: age,
        Q3: gender,
        Q4: region.name,
        [STIGMA_LOOP_FIELD.id]: setting,
        Q8: avoided,
        Q9: quote,
        Q10: consent,
        [STIGMA_YEAR_FIELD.id]: String(year),
        Q_RecaptchaScore: recaptcha,
      };
      V.STIGMA_GROUPS.forEach((g, gi) => {
        const scores = [enacted, anticipated, internalised][gi] ?? [];
        scores.forEach((v, i) => (values[`${V.STIGMA_QIDS[g]}_${i + 1}`] = v));
      });
      built.push({ cells: columns.map((c) => values[c.id] ?? "") });
    }
  }

  // Plant the free-text traps and the consented quotes with nothing to redact at fixed rows.
  const plant = (index: number, text: string, consent: string, what: string) => {
    const b = built[index];
    if (b === undefined) return;
    b.cells[quoteCol] = text;
    b.cells[consentCol] = consent;
    b.trap = { what, column: V.STIGMA_QUESTIONS.quote.id, field: "quote" };
  };
  STIGMA_TRAPS.forEach((t, i) => plant(150 + i * 263, t.text, t.consent, t.what));
  // The quality gates' hostile sample plants its markup after the traps; data/sample/ has none.
  hostile.forEach((t, i) => plant(150 + (STIGMA_TRAPS.length + i) * 263, t.text, t.consent ?? "Yes", t.what));
  CLEAN_CONSENTED_QUOTES.forEach((q, i) => plant(400 + i * 1100, q, "Yes", "consented quote with nothing to redact"));

  // A duplicate submission: an exact repeat of one row, straight after it.
  const dupAt = 1733;
  const original = built[dupAt];
  if (original !== undefined) built.splice(dupAt + 1, 0, { cells: [...original.cells], trap: { what: "duplicate submission: exact repeat of the previous row", column: "(whole row)", field: "(whole row)" } });

  const eol = "\r\n";
  const headerLine = (field: keyof Column) => columns.map((c) => quoteAll(c[field])).join(",") + eol;
  let text = "\uFEFF" + headerLine("id") + headerLine("text") + headerLine("importId");
  const traps: Trap[] = [];
  const plain: Trap[] = [];
  built.forEach((b, i) => {
    text += b.cells.map(quoteAll).join(",") + eol;
    if (b.trap !== undefined) {
      const t = { file: "stigma.csv", row: i + 1, line: i + 4, column: b.trap.column, field: b.trap.field, what: b.trap.what };
      (b.trap.what.startsWith("consented quote") ? plain : traps).push(t);
    }
  });
  return { text, rows: built.length, respondents: RESPONDENTS, traps, plainQuotes: plain };
}

/** Qualtrics quotes every cell. */
function quoteAll(value: string): string {
  const cell = csvCell(value);
  return cell.startsWith('"') ? cell : `"${cell}"`;
}
