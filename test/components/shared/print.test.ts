import { describe, expect, it } from "vitest";
import { briefingPrintOffer } from "../../../src/components/regions/briefing.ts";
import { enhancePrintButtons, printOffer } from "../../../src/components/shared/print.ts";
import { createDocument } from "../snapshot.ts";

describe("the print offer", () => {
  it("links the PDF and has a print button that starts hidden", () => {
    const offer = printOffer({ pdf: "report.pdf", pdfLabel: "Download the report (PDF)" }, { document: createDocument() });
    const link = offer.querySelector("a")!;
    expect(link.getAttribute("href")).toBe("report.pdf");
    expect(link.getAttribute("type")).toBe("application/pdf");
    expect(link.textContent).toBe("Download the report (PDF)");
    const button = offer.querySelector("button")!;
    expect(button.textContent).toBe("Print this page");
    expect(button.hidden).toBe(true);
  });

  it("has no link at all when the build printed no PDF", () => {
    const offer = printOffer({ pdfLabel: "Download the report (PDF)" }, { document: createDocument() });
    expect(offer.querySelector("a")).toBeNull();
    expect(offer.querySelector("button")?.textContent).toBe("Print this page");
  });

  it("shows the button once scripts run, and it prints", () => {
    const doc = createDocument();
    const offer = printOffer({ pdfLabel: "x" }, { document: doc });
    doc.body.append(offer);
    let printed = 0;
    doc.defaultView!.print = () => void printed++;
    enhancePrintButtons(doc.body);
    enhancePrintButtons(doc.body);
    const button = offer.querySelector("button")!;
    expect(button.hidden).toBe(false);
    button.click();
    expect(printed).toBe(1);
  });

  it("links a briefing's PDF beside its page", () => {
    expect(briefingPrintOffer("north-east", true, { document: createDocument() }).querySelector("a")?.getAttribute("href")).toBe("north-east.pdf");
    expect(briefingPrintOffer("north-east", true, { document: createDocument() }).querySelector("a")?.textContent).toBe("Download this briefing (PDF)");
    expect(briefingPrintOffer("north-east", false, { document: createDocument() }).querySelector("a")).toBeNull();
  });
});
