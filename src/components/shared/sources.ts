/**
 * The source line of each dataset, written once: pages, embeds, the regional measures and the report
 * all cite a dataset in the same words. A line that adds to it (a wave, "; consented notes", a region)
 * starts from `sourceLine`.
 */
export type Dataset = "audit" | "standards" | "workforce" | "stigma" | "outcomes";

export interface DataSource {
  /** Who collected what: the start of the figure's source line. */
  title: string;
  /** The dataset in a few words, for the report's shorter source lines ("LERO Evidence, stigma survey"). */
  short: string;
  /** Whether the data comes in waves, so the line names the wave ("latest wave" when none is given). */
  waves: boolean;
}

export const SOURCES: Readonly<Record<Dataset, DataSource>> = {
  audit: { title: "CLERO peer-researcher audit of LEROs", short: "audit of LEROs", waves: true },
  standards: { title: "CLERO quality-standards self-assessment of LEROs", short: "quality-standards self-assessment", waves: true },
  workforce: { title: "CLERO peer-research training feedback survey, cohorts 1 and 2", short: "peer-research training feedback", waves: false },
  stigma: { title: "LERO Evidence survey of experiences of stigma in services", short: "stigma survey", waves: false },
  outcomes: { title: "BARC-10 assessments recorded by LEROs (LERO Evidence outcomes data). BARC-10: Vilsaint et al., 2017", short: "recovery capital assessments (BARC-10)", waves: false },
};

/** A figure's source line: "CLERO peer-researcher audit of LEROs, 2025" (or ", latest wave"). */
export function sourceLine(dataset: Dataset, wave?: string): string {
  const source = SOURCES[dataset];
  return source.waves ? `${source.title}, ${wave ?? "latest wave"}` : source.title;
}

/** The report's shorter line: "LERO Evidence, audit of LEROs (2025)"; `detail` follows the dataset's name. */
export function reportSourceLine(dataset: Dataset, options: { wave?: string | null; detail?: string } = {}): string {
  return `LERO Evidence, ${SOURCES[dataset].short}${options.detail ? ` ${options.detail}` : ""}${options.wave ? ` (${options.wave})` : ""}`;
}
