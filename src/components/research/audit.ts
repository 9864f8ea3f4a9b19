/**
 * What every chart on the Research page shares, read from the published tables: the audit wave the
 * figures come from (for subtitles and the source line) and the groups they are broken down by.
 */
import { TOTAL, type Value } from "../shared/chart.js";
import { sourceLine } from "../shared/sources.js";
import { STAGES } from "../shared/stages.js";

interface Table {
  rows: readonly Record<string, Value>[];
}

export interface ResearchAudit {
  /** "2025 audit", or "latest audit" when the wave is not published. */
  wave: string;
  /** The figures' source line, naming the wave. */
  source: string;
  /** The groups of each breakdown, in order (the Total is not one of them). */
  stages: readonly string[];
  regions: string[];
}

/** `tables` are the research aggregates (`research-wave`, `research-evaluates-by-region`, …). */
export function researchAudit(tables: Readonly<Record<string, Table | undefined>>): ResearchAudit {
  const wave = tables["research-wave"]?.rows.at(-1)?.wave;
  const named = wave === undefined || wave === null ? undefined : String(wave);
  return {
    wave: named ? `${named} audit` : "latest audit",
    source: sourceLine("audit", named),
    stages: STAGES,
    regions: [...new Set((tables["research-evaluates-by-region"]?.rows ?? []).map((r) => String(r.region)))].filter((r) => r !== TOTAL),
  };
}
