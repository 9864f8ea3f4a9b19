/**
 * The build's print step: the report and every region's briefing as PDFs (A4, several pages, the
 * release version, "Illustrative data" and the page's address on them), a sharing card for every page
 * (tags and a 1200 × 630 PNG), and a build without Chromium that still succeeds, offering "Print this
 * page" and linking no PDF.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, posix } from "node:path";
import { describe, expect, inject, it } from "vitest";
import { PROJECT_ROOT } from "../../loaders/schema.ts";
import { releaseInfo } from "../../scripts/pages/prerender.ts";
import { releaseDated } from "../../scripts/print/pdfs.ts";
import { printedPages } from "../../scripts/print/site.ts";
import { CARD_HEIGHT, CARD_WIDTH, sharedPages } from "../../scripts/share-cards.ts";
import { readPdf, squash } from "../support/pdf.ts";
import { runTs } from "../support/run.ts";

const DIST = join(PROJECT_ROOT, "dist");

/** A PNG's width and height, from its IHDR chunk. */
function pngSize(file: string): { width: number; height: number } {
  const bytes = readFileSync(file);
  expect(bytes.subarray(1, 4).toString("latin1")).toBe("PNG");
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

function meta(html: string, name: string): string | undefined {
  return new RegExp(`<meta (?:property|name)="${name.replace(/[.:]/g, "\\$&")}" content="([^"]*)">`).exec(html)?.[1];
}

describe("the PDFs in every build", () => {
  it("built", () => expect(inject("offlineBuild").code, inject("offlineBuild").output).toBe(0));

  const release = releaseInfo();
  for (const printed of printedPages()) {
    it(`${printed.pdf} is an A4 PDF with its charts, the release and the page's address`, () => {
      const file = join(DIST, printed.pdf);
      expect(existsSync(file), `${printed.pdf} is missing`).toBe(true);
      const bytes = readFileSync(file);
      expect(bytes.subarray(0, 5).toString("latin1")).toBe("%PDF-");
      const pdf = readPdf(bytes);
      expect(pdf.pages).toBeGreaterThanOrEqual(printed.page === "report.html" ? 6 : 2);
      const box = /\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/.exec(bytes.toString("latin1"));
      expect(Math.abs(Number(box?.[1]) - 595)).toBeLessThan(1);
      expect(Math.abs(Number(box?.[2]) - 842)).toBeLessThan(1);
      const text = squash(pdf.text);
      expect(text).toContain(squash(`Release ${release.version}`));
      expect(text).toContain(squash(printed.page));
      if (release.illustrative) expect(text).toContain("Illustrativedata");
      // Dated by the release, not the build, so two builds print the same bytes.
      expect(bytes.toString("latin1")).toContain(`/CreationDate (D:${release.date.replace(/-/g, "")}000000`);
    });
  }

  it("links the report's PDF from the report and the home page", () => {
    for (const page of ["report.html", "index.html"]) {
      const html = readFileSync(join(DIST, page), "utf8");
      // Framework writes the link as "./report.pdf".
      expect(html, page).toMatch(/<a class="lero-pdf-link" href="(\.\/)?report\.pdf" type="application\/pdf">Download the report \(PDF\)<\/a>/);
    }
  });

  it("dates a PDF by the release without moving any byte", () => {
    const pdf = Buffer.from("%PDF-1.4\n/CreationDate (D:20261205022340+00'00')\n/ModDate (D:20261205022340+00'00')\n", "latin1");
    const dated = releaseDated(pdf, "2026-11-25");
    expect(dated.length).toBe(pdf.length);
    expect(dated.toString("latin1")).toBe("%PDF-1.4\n/CreationDate (D:20261125000000+00'00')\n/ModDate (D:20261125000000+00'00')\n");
  });
});

describe("sharing cards", () => {
  it("every page has its title, description, card type and a 1200 × 630 PNG", async () => {
    const pages = await sharedPages(DIST);
    expect(pages.length).toBeGreaterThan(20);
    for (const page of pages) {
      const html = readFileSync(join(DIST, page), "utf8");
      expect(meta(html, "og:title"), page).toBeTruthy();
      expect(meta(html, "og:description"), page).toBeTruthy();
      expect(meta(html, "twitter:card"), page).toBe("summary_large_image");
      const image = meta(html, "og:image");
      expect(image, page).toBeTruthy();
      const file = join(DIST, posix.join(posix.dirname(page), image!));
      expect(pngSize(file), `${page}: ${image}`).toEqual({ width: CARD_WIDTH, height: CARD_HEIGHT });
    }
  });

  it("describes a page with its lead finding", () => {
    const home = readFileSync(join(DIST, "index.html"), "utf8");
    // The first ranked finding's sentence, without its link to the report.
    const sentence = /<p class="lero-top-finding-sentence"[^>]*>([\s\S]*?)<\/p>/.exec(home)?.[1] ?? "";
    const lead = sentence.replace(/<a\b[^>]*>[\s\S]*?<\/a>/g, "").replace(/<[^>]+>/g, "").trim();
    expect(lead).toMatch(/^\d+% of people/);
    expect(meta(home, "og:description")).toBe(lead.replace(/"/g, "&quot;"));
  });
});

describe("a build without Chromium", () => {
  it("succeeds, says once how to get PDFs, offers Print this page and links no PDF", async () => {
    const out = join(mkdtempSync(join(tmpdir(), "lero-no-chromium-")), "dist");
    const build = await runTs("scripts/build.ts", [], { env: { ...process.env, CHROME_PATH: "/nonexistent/chromium", LERO_DIST_DIR: out } });
    expect(build.code, build.stderr).toBe(0);
    expect(build.stderr.match(/apt-get install -y chromium/g)?.length).toBe(1);
    const files = readdirSync(out, { recursive: true }).map(String);
    expect(files.filter((f) => f.endsWith(".pdf"))).toEqual([]);
    expect(files.filter((f) => f.startsWith("share"))).toEqual([]);
    for (const page of ["report.html", "index.html", "regions/london.html"]) {
      const html = readFileSync(join(out, page), "utf8");
      expect(html, page).toContain('class="lero-print-button" data-print="" hidden="">Print this page</button>');
      expect(html, page).not.toMatch(/href="[^"]*\.pdf"/);
      expect(meta(html, "og:image"), page).toBeUndefined();
      expect(meta(html, "twitter:card"), page).toBe("summary");
    }
  });
});
