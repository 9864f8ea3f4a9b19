/** The population of fictional LEROs that every sample dataset draws on. */
import * as V from "../schemas/vocab.ts";
import { Rng } from "./prng.ts";
import { SAMPLE_REGIONS, type SampleRegion } from "./sample-vocab.ts";

export type Stage = (typeof V.STAGES)[number];

export interface Lero {
  code: string;
  name: string;
  region: SampleRegion;
  /** Index into STAGES: 0 informal group … 3 mature. */
  stage: number;
  legalForm: string;
  income: number;
  staff: string;
  volunteers: string;
  peopleBand: number;
  /** Relative number of people it supports (weights the outcomes sample). */
  size: number;
}

const NAME_FIRST = [
  "Lantern", "Kestrel", "Harbour", "Thistle", "Copper", "Willow", "Beacon", "Compass", "Anchor", "Bridgeway",
  "Larkspur", "Heather", "Granite", "Orchard", "Meadowlark", "Tidewater", "Foxglove", "Millstone", "Skylight", "Wayfarer",
  "Hearth", "Riverside", "Northstar", "Keystone", "Stepping Stones",
] as const;
const NAME_KIND = [
  "Recovery Collective", "Recovery Community", "Peer Hub", "Recovery Café", "Lived Experience Network", "Recovery Project",
  "Recovery Alliance", "Peer Recovery Trust",
] as const;
/** Invented place names, so that no sample LERO shares a name with a real one. */
const PLACE_A = ["Ash", "Brack", "Corr", "Dun", "Elm", "Fen", "Glen", "Hol", "Kil", "Lang", "Marl", "Nether", "Oak", "Pen", "Quen", "Ross", "Stan", "Thorn", "Wick", "Yar"] as const;
const PLACE_B = ["ford", "by", "combe", "ley", "wick", "mouth", "bridge", "thorpe", "field", "hope", "moor", "stead"] as const;

function weightsFor<T>(table: readonly (readonly number[])[], row: number): readonly number[] {
  return table[row] ?? table[0] ?? [];
}

export function makeLeros(seed = "leros"): Lero[] {
  const rng = new Rng(seed);
  const names = new Set<string>();
  const leros: Lero[] = [];
  let serial = 0;
  for (const region of SAMPLE_REGIONS) {
    for (let i = 0; i < region.leros; i++) {
      serial++;
      let name = "";
      do {
        const place = `${rng.pick(PLACE_A)}${rng.pick(PLACE_B)}`;
        name = `${rng.pick(NAME_FIRST)} ${rng.pick(NAME_KIND)} (${place})`;
      } while (names.has(name));
      names.add(name);
      const stage = rng.weighted([0, 1, 2, 3], [0.2, 0.3, 0.35, 0.15]);
      const income = rng.weighted([0, 1, 2, 3], weightsFor([[0.75, 0.25, 0, 0], [0.25, 0.6, 0.15, 0], [0.02, 0.38, 0.55, 0.05], [0, 0.05, 0.6, 0.35]], stage));
      const legalForm = rng.weighted(V.LEGAL_FORMS, weightsFor([
        [0.7, 0.05, 0, 0.05, 0, 0.2],
        [0.3, 0.3, 0.05, 0.2, 0.02, 0.13],
        [0.05, 0.45, 0.2, 0.2, 0.05, 0.05],
        [0, 0.35, 0.45, 0.1, 0.1, 0],
      ], stage));
      const staff = rng.weighted(V.STAFF_BANDS, weightsFor([[0.92, 0.08, 0, 0], [0.3, 0.65, 0.05, 0], [0.02, 0.38, 0.52, 0.08], [0, 0.05, 0.4, 0.55]], income));
      const volunteers = rng.weighted(V.VOLUNTEER_BANDS, weightsFor([[0.05, 0.75, 0.2, 0, 0], [0.02, 0.4, 0.45, 0.13, 0], [0, 0.15, 0.4, 0.35, 0.1], [0, 0.05, 0.25, 0.4, 0.3]], stage));
      const peopleBand = rng.weighted([0, 1, 2, 3, 4], weightsFor([[0.6, 0.38, 0.02, 0, 0], [0.15, 0.6, 0.22, 0.03, 0], [0.02, 0.25, 0.5, 0.18, 0.05], [0, 0.05, 0.3, 0.4, 0.25]], income));
      const size = [30, 120, 320, 700, 1400][peopleBand] ?? 100;
      leros.push({
        code: `L${String(serial).padStart(3, "0")}`,
        name,
        region,
        stage,
        legalForm,
        income,
        staff,
        volunteers,
        peopleBand,
        size: size * (0.7 + 0.6 * rng.next()),
      });
    }
  }
  return leros;
}
