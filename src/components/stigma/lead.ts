/**
 * The opening of the Stigma page, written from the published tables: how many people met stigma in
 * any service, where it was met most, where it most often kept people away, and the base.
 */
import { isNumber, TOTAL, type Value } from "../shared/chart.js";
import { settingPhrase } from "./settings.js";
import { inTen, shareTitle, type ShareRow } from "./share.js";
import { figureOf, phraseText, type Phrase } from "../shared/measure-figure.js";
import { ALL } from "../../lib/measures.js";

export interface StigmaLeadTables {
  /** `stigma-enacted-by-setting` */
  enacted: readonly ShareRow[];
  /** `stigma-avoided-by-setting` */
  avoided: readonly ShareRow[];
  /** `stigma-enacted-any-by-role`: its Total row is everyone who answered. */
  anyByRole: readonly { role: string; count: Value; percent: Value }[];
}

export interface StigmaLead {
  /** The bold first sentence, without its full stop. */
  headline: string;
  /** The sentences after it. */
  text: string;
  /** The same sentences with their registry figures marked (`measure-figure.ts`). */
  parts: Phrase;
}

export function stigmaLead(tables: StigmaLeadTables): StigmaLead {
  const overall = tables.anyByRole.find((r) => r.role === TOTAL);
  const topAvoided = tables.avoided.filter((r) => isNumber(r.percent)).sort((a, b) => (b.percent as number) - (a.percent as number))[0];
  const headline = isNumber(overall?.percent)
    ? `${inTen(overall.percent)} people met stigma from staff often or very often in at least one of the services they used`
    : "How often people meet stigma from staff in services";
  const avoided: Phrase = topAvoided
    ? ["and ", figureOf("avoided-care", topAvoided.setting, topAvoided.percent), ` of people who used ${settingPhrase(topAvoided.setting)} said how they were treated led them to avoid or put off going`]
    : ["some people avoided care because of it"];
  // The registry's stigma-respondents: everyone who answered about at least one setting, each once.
  const people = figureOf("stigma-respondents", ALL, isNumber(overall?.count) ? overall.count : "[c]");
  const parts: Phrase = [`${shareTitle(tables.enacted, "enacted")}; `, ...avoided, ". ", people, " people answered about the services they had used in the last 12 months."];
  return { headline, text: phraseText(parts), parts };
}
