/** standards.csv: plain CSV in schema column names, one row per LERO × statement. */
import { readReferenceCsv } from "../../loaders/reference.ts";
import * as V from "../schemas/vocab.ts";
import type { AuditAnswers } from "./audit.ts";
import { AUDIT_WAVE } from "./audit.ts";
import { Rng } from "./prng.ts";
import { goodPracticeNote, seedFrom } from "./compose.ts";
import { STANDARDS_TRAPS, type PlantedText } from "./texts.ts";
import { csvLine, type Trap } from "./util.ts";

/** A statement of data/reference/standards-statements.csv, with the stages it applies to. */
export interface Statement {
  id: string;
  section: string;
  label: string;
  applies_to: string;
}

export function readStatements(): Statement[] {
  return readReferenceCsv("standards-statements.csv").map((r) => ({ id: r.id ?? "", section: r.section ?? "", label: r.label ?? "", applies_to: r.applies_to ?? "" }));
}

export const STANDARDS_COLUMNS = ["lero_id", "wave", "statement_id", "status", "evidence_kind", "good_practice_note", "note_consent"] as const;

export function makeStandards(answers: readonly AuditAnswers[]): { text: string; rows: number; traps: Trap[] } {
  const rng = new Rng("standards");
  const statements = readStatements();
  let text = csvLine(STANDARDS_COLUMNS);
  let row = 0;
  const traps: Trap[] = [];
  const trapAt = new Map<number, PlantedText>([
    [812, STANDARDS_TRAPS[0]],
    [3307, STANDARDS_TRAPS[1]],
  ]);
  // Some statements are harder to meet than others.
  const difficulty = new Map(statements.map((s) => [s.id, rng.normal(0, 0.5)]));
  for (const { lero, evaluates } of answers) {
    const informal = lero.stage === 0 || lero.legalForm === "Unincorporated group or association" || lero.legalForm === "Hosted by another organisation";
    const ability = [-0.9, -0.2, 0.5, 1.2][lero.stage] ?? 0;
    for (const st of statements) {
      row++;
      let status: string;
      if (st.applies_to === "formal structure" && informal && rng.chance(0.75)) status = "Not applicable";
      else {
        const bonus = st.id === "OM06" && evaluates ? 0.8 : 0;
        const x = ability + bonus - (difficulty.get(st.id) ?? 0) + rng.normal(0, 0.9);
        status = x > 0.6 ? "In place" : x > -0.4 ? "Partly in place" : rng.chance(0.04) ? "Not applicable" : "Not yet in place";
      }
      let kind = "";
      if (status === "In place") kind = rng.weighted(V.EVIDENCE_KINDS, [0.4, 0.25, 0.2, 0.05, 0.1]);
      else if (status === "Partly in place") kind = rng.weighted(V.EVIDENCE_KINDS, [0.2, 0.2, 0.2, 0.02, 0.38]);
      else if (status === "Not yet in place") kind = rng.chance(0.8) ? "No written evidence" : "";
      let note = "";
      let consent = "";
      const trap = trapAt.get(row);
      if (trap !== undefined) {
        note = trap.text;
        consent = "true";
        traps.push({ file: "standards.csv", row, line: row + 1, column: "good_practice_note", field: "good_practice_note", what: trap.what });
      } else if (status === "In place" && rng.chance(0.06)) {
        note = goodPracticeNote(seedFrom(rng));
        consent = rng.chance(0.8) ? "true" : "false";
      }
      text += csvLine([lero.name, AUDIT_WAVE, st.id, status, kind, note, consent]);
    }
  }
  return { text, rows: row, traps };
}
