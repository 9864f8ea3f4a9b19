/** `npm run pdf` prints the report as an A4 PDF of more than one page. */
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { printReport } from "../../scripts/pdf.ts";

describe("the report as a PDF", () => {
  it("prints an A4 document with several pages and every chart", async () => {
    const out = join(mkdtempSync(join(tmpdir(), "lero-pdf-")), "report.pdf");
    const { charts } = await printReport(out);
    const pdf = readFileSync(out).toString("latin1");
    expect(pdf.startsWith("%PDF-")).toBe(true);
    const pages = pdf.match(/\/Type\s*\/Page(?!s)/g) ?? [];
    expect(pages.length).toBeGreaterThan(1);
    // A4 is 595 × 842 points.
    const box = /\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/.exec(pdf);
    expect(Math.abs(Number(box?.[1]) - 595)).toBeLessThan(1);
    expect(Math.abs(Number(box?.[2]) - 842)).toBeLessThan(1);
    expect(charts).toBeGreaterThanOrEqual(10);
  });
});
