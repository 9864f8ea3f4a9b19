/**
 * The "Print this briefing" button of a region page drawn at build time (src/regions/[region].md.ts):
 * it is in the page's HTML, and this makes it open the browser's print dialogue once scripts run.
 */
export function printButtons(root: ParentNode | null = document): void {
  for (const button of root?.querySelectorAll<HTMLButtonElement>("button.lero-print-button") ?? []) {
    button.addEventListener("click", () => window.print());
  }
}
