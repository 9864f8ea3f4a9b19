/** A LERO's stage of development, in order, and how each reads in a sentence ("informal groups", "mature LEROs"). */
const STAGE_PHRASES: Record<string, string> = { "Informal group": "informal groups", Emerging: "emerging LEROs", Established: "established LEROs", Mature: "mature LEROs" };

/** The stages of development, from informal group to mature. */
export const STAGES: readonly string[] = Object.keys(STAGE_PHRASES);

export function stagePhrase(stage: string): string {
  return STAGE_PHRASES[stage] ?? `${stage.toLowerCase()} LEROs`;
}
