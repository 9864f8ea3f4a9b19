/**
 * The key findings of the Research and evaluation page, written from the published tables so they
 * stay true when the data changes: how many LEROs evaluate their work and how that varies by stage,
 * the methods and tools used most, the barrier named most often, and what evidence is used for.
 */
import { isNumber, TOTAL } from "../shared/chart.js";
import { formatCount } from "../shared/format.js";
import { sentenceList } from "../shared/text.js";
import { groupPhrase, lowerFirst, roundedPercent, type ResearchRow } from "./text.js";

export interface ResearchTables {
  wave?: { rows: ResearchRow[] };
  evaluates?: { rows: ResearchRow[] };
  methods?: { rows: ResearchRow[] };
  barriers?: { rows: ResearchRow[] };
  uses?: { rows: ResearchRow[] };
  innovation?: { rows: ResearchRow[] };
}

/** The recovery-capital tools, named in one finding of their own. */
export const RECOVERY_CAPITAL_TOOLS = ["REC-CAP", "BARC-10", "Assessment of Recovery Capital (ARC)"];
export const NO_INNOVATION = "None in the last year";
export const NOT_USED = "We do not use it yet";

function ranked(rows: readonly ResearchRow[] | undefined, optionDim: string, exclude: readonly string[] = []): ResearchRow[] {
  return (rows ?? [])
    .filter((r) => r.stage === TOTAL && isNumber(r.percent) && !exclude.includes(String(r[optionDim])))
    .sort((a, b) => (b.percent as number) - (a.percent as number));
}

const pct = (r: ResearchRow) => roundedPercent(r.percent as number);

/** The sentences, in order; each is left out when the numbers it needs are hidden. */
export function researchFindings(tables: ResearchTables): string[] {
  const findings: string[] = [];
  const wave = tables.wave?.rows.at(-1);
  const evaluates = tables.evaluates?.rows ?? [];
  const total = evaluates.find((r) => r.stage === TOTAL);
  if (total && isNumber(total.percent)) {
    const stages = evaluates.filter((r) => r.stage !== TOTAL && isNumber(r.percent)).sort((a, b) => (a.percent as number) - (b.percent as number));
    const range =
      stages.length >= 2 && stages[0]!.percent !== stages.at(-1)!.percent
        ? `, from ${pct(stages[0]!)} of ${groupPhrase("stage", String(stages[0]!.stage))} to ${pct(stages.at(-1)!)} of ${groupPhrase("stage", String(stages.at(-1)!.stage))}`
        : "";
    const of = wave && isNumber(wave.count) ? ` of the ${formatCount(wave.count)} LEROs in the ${wave.wave} audit` : " of LEROs";
    findings.push(`${pct(total)}${of} evaluate or measure the difference they make in some way${range}.`);
  }
  const methods = ranked(tables.methods?.rows, "evaluation_methods");
  if (methods.length >= 2) {
    findings.push(`The methods used most are ${lowerFirst(String(methods[0]!.evaluation_methods))} (${pct(methods[0]!)} of all LEROs) and ${lowerFirst(String(methods[1]!.evaluation_methods))} (${pct(methods[1]!)}).`);
  }
  const tools = ranked(tables.methods?.rows, "evaluation_methods").filter((r) => RECOVERY_CAPITAL_TOOLS.includes(String(r.evaluation_methods)));
  if (tools.length > 0) {
    findings.push(`Recovery-capital tools are less common: ${tools.map((r) => `${String(r.evaluation_methods).replace(/^Assessment of Recovery Capital \(ARC\)$/, "ARC")} ${pct(r)}`).join(", ")} of LEROs.`);
  }
  const barriers = ranked(tables.barriers?.rows, "barriers");
  if (barriers[0]) findings.push(`The barrier to evidencing impact named most often: ${lowerFirst(String(barriers[0].barriers))} (${pct(barriers[0])} of LEROs).`);
  const uses = ranked(tables.uses?.rows, "evidence_uses", [NOT_USED]);
  if (uses[0]) findings.push(`Evidence is used most for ${lowerFirst(String(uses[0].evidence_uses))} (${pct(uses[0])} of LEROs).`);
  const innovation = ranked(tables.innovation?.rows, "innovation_categories", [NO_INNOVATION]);
  if (innovation[0]) findings.push(`The most common new work in the last year: ${lowerFirst(String(innovation[0].innovation_categories))} (${pct(innovation[0])} of LEROs).`);
  return findings;
}

export function researchSummary(tables: ResearchTables, options: { document?: Document } = {}): HTMLElement {
  return sentenceList(options.document ?? document, "research-key-findings", researchFindings(tables));
}
