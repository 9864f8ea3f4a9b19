/**
 * Stigma's quote picker on a page drawn at build time (src/stigma.md.ts): the quotes for every choice
 * are in the page, the overview shown and the others in `<template>`s; choosing a setting swaps the
 * shown list for its template's copy. No charting or input library. Without scripts the overview
 * stays and the picker stays hidden, as it could do nothing.
 */
export function quotePicker(root: ParentNode | null = document): void {
  const picker = root?.querySelector<HTMLElement>(".stigma-quote-picker");
  const select = picker?.querySelector("select");
  const view = root?.querySelector(".stigma-quote-view");
  if (!root || !picker || !select || !view) return;
  const choices = new Map([...root.querySelectorAll<HTMLTemplateElement>("template.stigma-quote-choice")].map((t) => [t.dataset.setting ?? "", t]));
  select.addEventListener("change", () => {
    const template = choices.get(select.value);
    if (template) view.replaceChildren(template.content.cloneNode(true));
  });
  picker.hidden = false;
}
