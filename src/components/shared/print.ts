/**
 * The way to take a page away: "Download … (PDF)" when the build printed one (scripts/print/), and a
 * "Print this page" button. Drawn at build time or in the browser; the button starts hidden and
 * `enhancePrintButtons` shows it and makes it print, so a reader without scripts never meets a
 * button that does nothing. A build without Chromium has no PDFs: the link is left out, never dead.
 */
export interface PrintOffer {
  /** The PDF, relative to the page (`report.pdf`, `london.pdf`), when this build printed it. */
  pdf?: string;
  /** What the link says: "Download the report (PDF)". */
  pdfLabel: string;
}

export interface PrintOfferOptions {
  document?: Document;
}

export const PRINT_LABEL = "Print this page";

export function printOffer(offer: PrintOffer, options: PrintOfferOptions = {}): HTMLElement {
  const doc = options.document ?? document;
  const box = doc.createElement("p");
  box.className = "lero-print";
  if (offer.pdf) {
    const link = doc.createElement("a");
    link.className = "lero-pdf-link";
    link.href = offer.pdf;
    link.type = "application/pdf";
    link.textContent = offer.pdfLabel;
    box.append(link);
  }
  const button = doc.createElement("button");
  button.type = "button";
  button.className = "lero-print-button";
  button.setAttribute("data-print", "");
  button.hidden = true;
  button.textContent = PRINT_LABEL;
  box.append(button);
  return box;
}

/** Shows the print buttons under `root` and makes them open the browser's print dialogue. */
export function enhancePrintButtons(root: ParentNode | null = document): void {
  if (!root) return;
  for (const button of root.querySelectorAll<HTMLButtonElement>("button[data-print]:not([data-ready])")) {
    button.setAttribute("data-ready", "");
    button.hidden = false;
    button.addEventListener("click", () => button.ownerDocument.defaultView?.print());
  }
}
