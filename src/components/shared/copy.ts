/**
 * Copy buttons (`<button data-copy="text">`) drawn at build time, as in the press boxes: once this runs
 * a click copies the text and says so, in words a screen reader announces. Without scripts the text
 * beside each button can still be selected and copied.
 */
export function enhanceCopyButtons(root: ParentNode | null = document): void {
  if (!root) return;
  for (const button of root.querySelectorAll<HTMLButtonElement>("button[data-copy]:not([data-ready])")) {
    button.setAttribute("data-ready", "");
    button.setAttribute("aria-live", "polite");
    const label = button.textContent ?? "Copy";
    button.addEventListener("click", async () => {
      try {
        await navigator.clipboard.writeText(button.dataset.copy ?? "");
        button.textContent = "Copied";
      } catch {
        button.textContent = "Select the text to copy";
      }
      setTimeout(() => (button.textContent = label), 2000);
    });
  }
}
