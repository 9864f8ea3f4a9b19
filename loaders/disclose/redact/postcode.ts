/**
 * UK postcodes: a candidate pattern, then the `postcode` package's validation, then the list of
 * real postcode areas (so "wk3 4th" is no postcode). An outward code alone ("lives in SW1A") is
 * a doubt, and only after words that introduce a place.
 */
import { isValid, validOutcode } from "postcode";
import { PRIORITY, type Candidate, type Doubt } from "./kinds.ts";

const POSTCODE_AREAS = new Set(
  `AB AL B BA BB BD BF BH BL BN BR BS BT BX CA CB CF CH CM CO CR CT CV CW DA DD DE DG DH DL DN DT DY E EC
   EH EN EX FK FY G GL GU GY HA HD HG HP HR HS HU HX IG IM IP IV JE KA KT KW KY L LA LD LE LL LN LS LU M
   ME MK ML N NE NG NN NP NR NW OL OX PA PE PH PL PO PR RG RH RM S SA SE SG SK SL SM SN SO SP SR SS ST SW
   SY TA TD TF TN TQ TR TS TW UB W WA WC WD WF WN WR WS WV YO ZE`.split(/\s+/),
);

const FULL_POSTCODE = /(?<![\p{L}\p{N}])([A-Z]{1,2})(\d[A-Z\d]?)\s*(\d[A-Z]{2})(?![\p{L}\p{N}])/giu;
const OUTWARD_CODE =
  /\b(?:in|near|from|around|postcode|post code|area|district)\s+([A-Z]{1,2}\d[A-Z\d]?)(?![\p{L}\p{N}]|\s*\d[A-Z]{2}\b)/giu;

export function findPostcodes(text: string, out: Candidate[], doubts: Doubt[]): void {
  for (const m of text.matchAll(FULL_POSTCODE)) {
    const area = (m[1] ?? "").toUpperCase();
    if (POSTCODE_AREAS.has(area) && isValid(m[0])) {
      out.push({ kind: "postcode", start: m.index, end: m.index + m[0].length, priority: PRIORITY.postcode });
    }
  }
  for (const m of text.matchAll(OUTWARD_CODE)) {
    const code = m[1] ?? "";
    const area = code.match(/^[A-Z]+/)?.[0] ?? "";
    // Upper case only: "in a1" is not how anyone writes a postcode district.
    if (code !== code.toUpperCase() || !POSTCODE_AREAS.has(area) || !validOutcode(code)) continue;
    const start = m.index + m[0].length - code.length;
    doubts.push({ code: "outward-code", start, end: start + code.length, message: `"${code}" may be part of a postcode` });
  }
}
