/**
 * Just enough of a PDF reader to test the PDFs Chromium prints: the page count, and the text of each
 * file. Chromium (Skia) writes text as hex glyph ids in Flate-compressed content streams, with a
 * ToUnicode CMap per font; every string is decoded with each CMap that maps all its glyphs, giving one
 * text per font, so a test can look for a phrase without knowing which font drew it.
 */
import { inflateSync } from "node:zlib";

/** Every stream in the file, inflated when it is Flate-compressed. */
function streams(pdf: Buffer): { dict: string; data: string }[] {
  const out: { dict: string; data: string }[] = [];
  const text = pdf.toString("latin1");
  const marker = /(?<!end)stream\r?\n/g;
  let match: RegExpExecArray | null;
  while ((match = marker.exec(text))) {
    const dictStart = text.lastIndexOf("<<", match.index);
    const dict = text.slice(text.lastIndexOf("obj", match.index) + 3, match.index);
    const length = /\/Length (\d+)(?! \d+ R)/.exec(dict);
    const start = match.index + match[0].length;
    const end = length ? start + Number(length[1]) : text.indexOf("endstream", start);
    const raw = pdf.subarray(start, end);
    let data: string;
    try {
      data = dict.includes("/FlateDecode") ? inflateSync(raw).toString("latin1") : raw.toString("latin1");
    } catch {
      data = "";
    }
    out.push({ dict: dictStart >= 0 ? dict : "", data });
    marker.lastIndex = end;
  }
  return out;
}

type CMap = Map<string, string>;

function parseCMap(data: string): CMap {
  const map: CMap = new Map();
  const hex = (h: string) => String.fromCodePoint(...(h.match(/.{4}/g) ?? []).map((u) => parseInt(u, 16)));
  for (const block of data.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const [, from, to] of block[1]!.matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g)) map.set(from!.toUpperCase(), hex(to!));
  }
  for (const block of data.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const [, lo, hi, to] of block[1]!.matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g)) {
      const width = lo!.length;
      for (let code = parseInt(lo!, 16), i = 0; code <= parseInt(hi!, 16); code++, i++) {
        map.set(code.toString(16).toUpperCase().padStart(width, "0"), String.fromCodePoint(parseInt(to!, 16) + i));
      }
    }
  }
  return map;
}

export interface PdfDocument {
  pages: number;
  /** The text the pages show, once per font that can decode it. */
  text: string;
}

export function readPdf(pdf: Buffer): PdfDocument {
  const latin = pdf.toString("latin1");
  const pages = (latin.match(/\/Type\s*\/Page(?!s)/g) ?? []).length;
  const all = streams(pdf);
  const cmaps = all.filter((s) => s.data.includes("begincmap")).map((s) => parseCMap(s.data));
  // One text per font: every string the font can decode, in order (a phrase is drawn in one font).
  const texts = cmaps.map(() => [] as string[]);
  for (const { data } of all) {
    if (!/\bT[Jj]\b/.test(data)) continue;
    for (const op of data.matchAll(/\[([^\]]*)\]\s*TJ|<([0-9A-Fa-f]+)>\s*Tj/g)) {
      const hexes = op[1] !== undefined ? [...op[1].matchAll(/<([0-9A-Fa-f]+)>/g)].map((m) => m[1]!) : [op[2]!];
      const glyphs = hexes.join("").toUpperCase().match(/.{4}/g) ?? [];
      cmaps.forEach((cmap, i) => {
        if (glyphs.length > 0 && glyphs.every((g) => cmap.has(g))) texts[i]!.push(glyphs.map((g) => cmap.get(g)).join(""));
      });
    }
  }
  return { pages, text: texts.map((t) => t.join(" ")).join("\n") };
}

/** Text with every kind of space removed, for finding a phrase whatever the PDF did with its spaces. */
export function squash(text: string): string {
  return text.replace(/\s+/g, "");
}
