/**
 * The measure control of the Regions page drawn at build time (src/regions/index.md.ts): the map of
 * every measure is in the page, the first shown and the others in `<template>`s; choosing a measure
 * swaps the shown map for its template's copy, with its download buttons made to work. No charting or
 * input library is loaded.
 */
import { enhanceFigures } from "../shared/enhance.js";

export function mapPicker(root: ParentNode | null = document): void {
  const picker = root?.querySelector<HTMLFormElement>(".lero-map-picker");
  const view = root?.querySelector<HTMLElement>(".lero-map-view");
  if (!root || !picker || !view) return;
  const choices = new Map([...root.querySelectorAll<HTMLTemplateElement>("template.lero-map-choice")].map((t) => [t.dataset.choice ?? "", t]));
  picker.addEventListener("change", (event) => {
    const input = event.target as HTMLInputElement;
    const template = choices.get(input.value);
    if (!template) return;
    view.replaceChildren(template.content.cloneNode(true));
    enhanceFigures(view);
  });
}
