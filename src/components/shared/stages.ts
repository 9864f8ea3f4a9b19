/** Stages of development as they read in a sentence: "informal groups", "mature LEROs". */
const STAGE_PHRASES: Record<string, string> = { "Informal group": "informal groups", Emerging: "emerging LEROs", Established: "established LEROs", Mature: "mature LEROs" };

export function stagePhrase(stage: string): string {
  return STAGE_PHRASES[stage] ?? `${stage.toLowerCase()} LEROs`;
}
