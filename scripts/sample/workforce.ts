/** workforce.csv: a Google Forms export of the peer-research trainees' feedback form. */
import * as V from "../schemas/vocab.ts";
import type { Lero } from "./leros.ts";
import { clamp, Rng } from "./prng.ts";
import { GOOGLE_TIMESTAMP } from "./sample-vocab.ts";
import { seedFrom, trainingFeedback } from "./compose.ts";
import { WORKFORCE_TRAPS, type PlantedText } from "./texts.ts";
import { csvLine, fakePerson, googleTime, type Trap } from "./util.ts";

export const COHORT_SIZES = [31, 24] as const;

export function workforceHeaders(): string[] {
  const W = V.WORKFORCE_QUESTIONS;
  return [
    GOOGLE_TIMESTAMP,
    W.email,
    W.name,
    W.trainee_id,
    W.cohort,
    W.attendance,
    W.lero,
    W.prior_research_experience,
    W.higher_education,
    ...V.SKILLS.map((s) => `${V.CONFIDENCE_BEFORE} [${s.label}]`),
    ...V.SKILLS.map((s) => `${V.CONFIDENCE_AFTER} [${s.label}]`),
    ...V.TRAINING_DAYS.map((_, i) => V.dayQuestion(i + 1)),
    W.feedback,
    W.feedback_consent,
  ];
}

export function makeWorkforce(leros: readonly Lero[], hostile: readonly PlantedText[] = []): { text: string; rows: number; traps: Trap[] } {
  const rng = new Rng("workforce");
  const eol = "\r\n";
  let text = csvLine(workforceHeaders(), eol);
  const traps: Trap[] = [];
  // Rows 27 and 44 are the quality gates' slots: ordinary answers here, hostile text in their sample.
  const trapAt = new Map<number, PlantedText>([
    [9, WORKFORCE_TRAPS[0]],
    [27, hostile[0] ?? { what: "", text: trainingFeedback(27) }],
    [44, hostile[1] ?? { what: "", text: trainingFeedback(44) }],
  ]);
  // Trainees come from the more established LEROs, a few from each.
  const pool = leros.filter((l) => l.stage >= 1);
  let row = 0;
  COHORT_SIZES.forEach((size, c) => {
    // Forms are filled in during the fortnight after the last training day.
    const base = c === 0 ? Date.UTC(2024, 3, 15, 9) / 1000 : Date.UTC(2025, 2, 10, 9) / 1000;
    const times = Array.from({ length: size }, () => base + rng.int(0, 14 * 86_400)).sort((a, b) => a - b);
    for (let i = 0; i < size; i++) {
      row++;
      const person = fakePerson(rng);
      const online = rng.chance(c === 0 ? 0.3 : 0.65);
      const prior = rng.subset(V.PRIOR_EXPERIENCE.slice(1), (_, k) => [0.45, 0.3, 0.15, 0.06][k] ?? 0.1);
      const he = rng.weighted(V.HIGHER_EDUCATION, [0.55, 0.2, 0.25]);
      const head = 0.35 * prior.length + (he === "Yes, a degree or higher" ? 0.5 : he === "Started but did not finish" ? 0.2 : 0);
      const before = V.SKILLS.map((_, k) => clamp(Math.round(rng.normal(1.9 + head - (k === 3 ? 0.3 : 0), 0.8)), 1, 5));
      const after = before.map((b, k) => clamp(Math.round(b + rng.normal(1.6 - (k === 3 ? 0.4 : 0), 0.8)), 1, 5));
      const days = V.TRAINING_DAYS.map((_, d) => (rng.chance(0.92) ? String(clamp(Math.round(rng.normal(4.1 + (d === 3 ? 0.4 : 0) - (d === 4 ? 0.5 : 0) - (online ? 0.2 : 0), 0.8)), 1, 5)) : ""));
      let feedback = "";
      let consent = "";
      const trap = trapAt.get(row);
      if (trap !== undefined) {
        feedback = trap.text;
        consent = "Yes";
        if (trap.what !== "") traps.push({ file: "workforce.csv", row, line: row + 1, column: V.WORKFORCE_QUESTIONS.feedback, field: "feedback", what: trap.what });
      } else if (rng.chance(0.55)) {
        feedback = trainingFeedback(seedFrom(rng));
        consent = rng.chance(0.7) ? "Yes" : "No";
      }
      text += csvLine(
        [
          googleTime(new Date((times[i] ?? base) * 1000)),
          person.email,
          `${person.first} ${person.last}`,
          `PR${c + 1}-${String(i + 1).padStart(2, "0")}`,
          V.COHORTS[c],
          online ? "Online" : "In person",
          rng.pick(pool).name,
          (prior.length === 0 ? ["None of these"] : prior).join(", "),
          he,
          ...before,
          ...after,
          ...days,
          feedback,
          consent,
        ],
        eol,
      );
    }
  });
  return { text, rows: row, traps };
}
