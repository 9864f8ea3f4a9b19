import { describe, expect, it } from "vitest";
import { cssString, longDate, printHeaderCss, printHeaderLink } from "../../scripts/print/head.ts";
import { pageAddress, pdfHref, printedPages, siteUrl } from "../../scripts/print/site.ts";
import { shareTags, staticCard } from "../../scripts/share-cards.ts";

const built = { LERO_PDFS: "1" };

describe("what the build prints", () => {
  it("prints the report and one briefing per region, each beside its page", () => {
    const pages = printedPages();
    expect(pages[0]).toMatchObject({ page: "report.html", pdf: "report.pdf" });
    expect(pages.filter((p) => p.page.startsWith("regions/"))).toHaveLength(12);
    for (const p of pages) expect(p.pdf.replace(/\.pdf$/, ".html")).toBe(p.page);
  });

  it("links a PDF relative to the page, and only when the build printed it", () => {
    expect(pdfHref("index.html", "report.html", built)).toBe("report.pdf");
    expect(pdfHref("regions/london.html", "regions/london.html", built)).toBe("london.pdf");
    expect(pdfHref("index.html", "report.html", {})).toBeUndefined();
    expect(() => pdfHref("index.html", "methods.html", built)).toThrow(/not one of the pages the build prints/);
  });

  it("gives a page's address from LERO_SITE_URL, or its path", () => {
    expect(pageAddress("regions/london.html", { LERO_SITE_URL: "https://example.org/lero" })).toBe("https://example.org/lero/regions/london.html");
    expect(pageAddress("regions/index.html", { LERO_SITE_URL: "https://example.org/" })).toBe("https://example.org/regions/");
    expect(pageAddress("report.html", {})).toBe("report.html");
    expect(() => siteUrl({ LERO_SITE_URL: "example.org" })).toThrow(/not a web address/);
    expect(() => siteUrl({ LERO_SITE_URL: "ftp://example.org/" })).toThrow(/must start with https/);
  });
});

describe("the printed header and footer", () => {
  it("carries the title, release, date, illustrative flag, address and page numbers", () => {
    const style = printHeaderCss("report.html", "The evidence report | LERO Evidence", { version: "abc123", date: "2026-11-25", illustrative: true }, {});
    expect(style).toContain('@top-left { content: "The evidence report | LERO Evidence";');
    expect(style).toContain('content: "Illustrative data · Release abc123, 25 November 2026"');
    expect(style).toContain('@bottom-left { content: "report.html";');
    expect(style).toContain('counter(page) " of " counter(pages)');
    expect(printHeaderCss("report.html", "T", { version: "1", date: "2026-01-02", illustrative: false }, {})).not.toContain("Illustrative");
  });

  it("is linked as a print stylesheet that jsdom does not parse", () => {
    const css = '@page { @top-left { content: "a & b"; } }';
    const link = printHeaderLink(css);
    expect(link).toMatch(/^<link rel="stylesheet" media="print" href="data:text\/css,[^"<> ]+">$/);
    expect(decodeURIComponent(link.slice(link.indexOf(",") + 1, -2))).toBe(css);
  });

  it("keeps page text inside its CSS string", () => {
    expect(cssString('a "b" \\ </style>')).toBe('"a \\"b\\" \\\\ \\3c /style>"');
    expect(longDate("2026-11-05")).toBe("5 November 2026");
  });
});

describe("sharing tags", () => {
  const card = { page: "regions/london.html", title: 'London "briefing" | LERO Evidence', description: "x ".repeat(150), image: "share/regions/london.png" };

  it("names a relative image and no og:url without the site's address", () => {
    const tags = shareTags(card, {});
    expect(tags).toContain('<meta property="og:title" content="London &quot;briefing&quot; | LERO Evidence">');
    expect(tags).toContain('<meta property="og:image" content="../share/regions/london.png">');
    expect(tags).toContain('<meta name="twitter:card" content="summary_large_image">');
    expect(tags).not.toContain("og:url");
    expect(/og:description" content="([^"]*)"/.exec(tags)?.[1]?.length).toBeLessThanOrEqual(201);
  });

  it("gives absolute addresses with LERO_SITE_URL, and a summary card without an image", () => {
    const tags = shareTags(card, { LERO_SITE_URL: "https://example.org/lero/" });
    expect(tags).toContain('<meta property="og:url" content="https://example.org/lero/regions/london.html">');
    expect(tags).toContain('<meta property="og:image" content="https://example.org/lero/share/regions/london.png">');
    const plain = shareTags({ ...card, image: undefined }, {});
    expect(plain).not.toContain("og:image");
    expect(plain).toContain('<meta name="twitter:card" content="summary">');
  });

  it("reads a page's title and lead from its HTML", () => {
    const html = '<title>Report | LERO Evidence</title><meta name="description" content="Generic"><p class="lero-top-finding-sentence"><span data-measure="m">82%</span> of people &amp; more. <a href="report.html#x">See it in the report</a></p>';
    expect(staticCard("report.html", html)).toEqual({ page: "report.html", title: "Report | LERO Evidence", description: "82% of people & more." });
    expect(staticCard("methods.html", '<title>Methods</title><meta name="description" content="Generic">').description).toBe("Generic");
  });
});
