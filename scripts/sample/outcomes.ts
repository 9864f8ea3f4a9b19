/**
 * outcomes.csv: plain CSV in schema column names, one row per person per BARC-10 assessment. The
 * generator streams, so the same code writes the ~8,000-person sample and a 1,000,000-row benchmark
 * file in little memory.
 */
import { createWriteStream } from "node:fs";
import { once } from "node:events";
import * as V from "../schemas/vocab.ts";
import type { Lero } from "./leros.ts";
import { clamp, Rng } from "./prng.ts";
import { csvCell, dayNumber, isoDate, type Trap } from "./util.ts";

export const OUTCOMES_COLUMNS = [
  "person_id",
  "assessment",
  "assessment_date",
  "lero",
  "region",
  "age_band",
  "gender",
  "primary_substance",
  ...V.BARC_ITEMS.map((_, i) => `barc_${i + 1}`),
  "barc_total",
];

/** The day the sample data were "extracted": no assessment lies after it. */
export const EXTRACT_DAY = dayNumber(2025, 9, 30);
const FIRST_INTAKE = dayNumber(2022, 1, 4);
const LAST_INTAKE = dayNumber(2025, 6, 30);
const FOLLOW_UP_DAYS = [0, 91, 182, 365];
const GAIN = [0, 4.5, 7, 9];
/** Item offsets around the person's mean: housing and professionals score higher, physical health lower. */
const ITEM_OFFSET = [0.1, -0.2, -0.35, -0.25, 0, -0.1, 0.35, 0.3, 0.2, -0.05];
const SUBSTANCE_SHIFT: Record<string, number> = { Alcohol: 1, Opioids: -2.5, "Crack cocaine": -3, Cocaine: 0.5, Cannabis: 0.5, "Other or multiple": -1.5 };

export interface OutcomeTrapSpec {
  /** 1-based data row. */
  row: number;
  column: string;
  value: string;
  what: string;
}

/** Planted invalid rows in the sample (well under 1% of rows). */
export const OUTCOME_TRAPS: readonly OutcomeTrapSpec[] = [
  { row: 1207, column: "barc_4", value: "7", what: "BARC-10 item out of range (7; items are scored 1–6)" },
  { row: 6013, column: "assessment_date", value: "2023-02-30", what: "impossible date (30 February)" },
  { row: 14388, column: "barc_total", value: "", what: "missing required value (barc_total is empty)" },
];

export interface OutcomesOptions {
  file: string;
  leros: readonly Lero[];
  /** Stop after this many people … */
  people?: number;
  /** … or once at least this many rows are written. */
  rows?: number;
  traps?: readonly OutcomeTrapSpec[];
  progress?: (rows: number) => void;
}

export interface OutcomesResult {
  rows: number;
  people: number;
  byAssessment: number[];
  traps: Trap[];
}

export async function writeOutcomes(options: OutcomesOptions): Promise<OutcomesResult> {
  const rng = new Rng("outcomes");
  const { leros } = options;
  const cumulative: number[] = [];
  let total = 0;
  for (const l of leros) cumulative.push((total += l.size));
  const pickLero = (): Lero => {
    const r = rng.next() * total;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((cumulative[mid] ?? 0) > r) hi = mid;
      else lo = mid + 1;
    }
    return leros[lo] as Lero;
  };
  const trapByRow = new Map((options.traps ?? []).map((t) => [t.row, t]));
  const trapColumn = new Map(OUTCOMES_COLUMNS.map((c, i) => [c, i]));
  const traps: Trap[] = [];
  const byAssessment = [0, 0, 0, 0];

  const out = createWriteStream(options.file);
  const closed = once(out, "close");
  let buffer = `${OUTCOMES_COLUMNS.join(",")}\n`;
  let rows = 0;
  let people = 0;
  const flush = async () => {
    if (!out.write(buffer)) await once(out, "drain");
    buffer = "";
  };

  const maxPeople = options.people ?? Number.POSITIVE_INFINITY;
  const maxRows = options.rows ?? Number.POSITIVE_INFINITY;
  const counters = new Map<string, number>();
  // Formatting dates is the slowest step at a million rows: format each day once.
  const dateCache: string[] = [];
  const dateOf = (day: number): string => (dateCache[day - FIRST_INTAKE] ??= isoDate(day));
  let nextProgress = 200_000;
  while (people < maxPeople && rows < maxRows) {
    people++;
    const lero = pickLero();
    const seq = (counters.get(lero.code) ?? 0) + 1;
    counters.set(lero.code, seq);
    const personId = `${lero.code}-${String(seq).padStart(6, "0")}`;
    const leroCell = csvCell(lero.name);
    const regionCell = csvCell(lero.region.name);
    const age = rng.weighted(V.AGE_BANDS, [0.06, 0.2, 0.3, 0.24, 0.15, 0.05]);
    const gender = rng.weighted(V.GENDERS, [0.35, 0.61, 0.015, 0.01, 0.015]);
    const substance = rng.weighted(V.SUBSTANCES, [0.38, 0.28, 0.1, 0.11, 0.07, 0.06]);
    const intake = FIRST_INTAKE + rng.int(0, LAST_INTAKE - FIRST_INTAKE);
    const base = rng.normal(34 + (SUBSTANCE_SHIFT[substance] ?? 0) + lero.stage * 0.6, 7.5);
    const growth = rng.normal(1, 0.45);
    let level = base;
    for (let a = 0; a < 4; a++) {
      const day = intake + (FOLLOW_UP_DAYS[a] ?? 0) + (a === 0 ? 0 : rng.int(-14, 21));
      if (a > 0) {
        if (day > EXTRACT_DAY) break;
        // People doing better are more likely to stay in touch.
        const stay = [0, 0.7, 0.78, 0.72][a] ?? 0.7;
        const p = clamp(stay + 0.012 * (level - 36), 0.2, 0.97);
        if (!rng.chance(p)) break;
        level = base + growth * (GAIN[a] ?? 0) + rng.normal(0, 3);
      }
      const mean = clamp(level, 10, 60) / 10;
      const items: number[] = [];
      let sum = 0;
      for (let i = 0; i < 10; i++) {
        const v = clamp(Math.round(mean + (ITEM_OFFSET[i] ?? 0) + rng.normal(0, 0.7)), 1, 6);
        items.push(v);
        sum += v;
      }
      rows++;
      byAssessment[a] = (byAssessment[a] ?? 0) + 1;
      const trap = trapByRow.get(rows);
      if (trap === undefined) {
        buffer += `${personId},${V.ASSESSMENTS[a] ?? ""},${dateOf(day)},${leroCell},${regionCell},${age},${gender},${substance},${items.join(",")},${sum}\n`;
      } else {
        const cells = [personId, V.ASSESSMENTS[a] ?? "", isoDate(day), lero.name, lero.region.name, age, gender, substance, ...items.map(String), String(sum)];
        const j = trapColumn.get(trap.column);
        if (j !== undefined) cells[j] = trap.value;
        traps.push({ file: "outcomes.csv", row: rows, line: rows + 1, column: trap.column, field: trap.column, what: trap.what });
        buffer += `${cells.map(csvCell).join(",")}\n`;
      }
      if (buffer.length > 1 << 20) {
        await flush();
        if (rows >= nextProgress) {
          options.progress?.(rows);
          nextProgress += 200_000;
        }
      }
    }
  }
  await flush();
  out.end();
  await closed;
  return { rows, people, byAssessment, traps };
}
