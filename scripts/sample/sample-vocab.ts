/**
 * What only the sample needs beyond the schema vocabulary (scripts/schemas/vocab.ts): how many
 * fictional LEROs each region gets and where its fake survey locations centre, and the columns survey
 * tools add that no schema names (metadata the readers drop, fields the stigma mapping file names).
 */
import { loadRegions, type Region } from "../../loaders/reference.ts";

interface RegionWeights {
  /** How many sample LEROs the region gets (more per head in the North East than in London). */
  leros: number;
  /** A rough centre for fake survey-tool latitude/longitude. */
  lat: number;
  lon: number;
}

/** Keyed by GSS code; the regions themselves (names, nations, order) come from data/reference/regions.csv. */
const WEIGHTS: Record<string, RegionWeights> = {
  E12000001: { leros: 14, lat: 54.97, lon: -1.61 },
  E12000002: { leros: 22, lat: 53.48, lon: -2.24 },
  E12000003: { leros: 16, lat: 53.8, lon: -1.55 },
  E12000004: { leros: 10, lat: 52.95, lon: -1.15 },
  E12000005: { leros: 13, lat: 52.48, lon: -1.9 },
  E12000006: { leros: 8, lat: 52.2, lon: 0.12 },
  E12000007: { leros: 10, lat: 51.51, lon: -0.13 },
  E12000008: { leros: 12, lat: 51.28, lon: -0.75 },
  E12000009: { leros: 13, lat: 50.72, lon: -3.53 },
  W92000004: { leros: 10, lat: 51.48, lon: -3.18 },
  S92000003: { leros: 14, lat: 55.86, lon: -4.25 },
  N92000002: { leros: 8, lat: 54.6, lon: -5.93 },
};

export type SampleRegion = Region & RegionWeights;

export const SAMPLE_REGIONS: readonly SampleRegion[] = loadRegions().map((region) => {
  const weights = WEIGHTS[region.gss_code];
  if (weights === undefined) throw new Error(`scripts/sample/sample-vocab.ts has no sample weights for region ${region.gss_code} (${region.name}) in data/reference/regions.csv: add them to WEIGHTS`);
  return { ...region, ...weights };
});

export const MS_FORMS_METADATA = ["Start time", "Completion time", "Email", "Name"] as const;

export const GOOGLE_TIMESTAMP = "Timestamp";

/** Columns that the stigma mapping file (not the schema aliases) names. */
export const STIGMA_LOOP_FIELD = { id: "Field-1", text: "Loop: setting", importId: '{"ImportId":"lm_Field-1"}' };
export const STIGMA_YEAR_FIELD = { id: "SurveyYear", text: "SurveyYear", importId: '{"ImportId":"SurveyYear"}' };
export const STIGMA_EXTRA_DROPS = [
  { id: "Q_RecaptchaScore", text: "Q_RecaptchaScore", importId: '{"ImportId":"Q_RecaptchaScore"}' },
] as const;
