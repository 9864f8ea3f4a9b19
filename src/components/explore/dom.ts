/**
 * Small DOM helpers for the explorer's controls, results and console. They draw into the page's
 * document, or, while the build draws the first view into the page's HTML (`src/explore.md.ts`), into
 * the document given to `withDocument`.
 */

let building: Document | undefined;

/** The document the explorer draws into. */
export function doc(): Document {
  return building ?? document;
}

/** Runs `draw` with the explorer drawing into `target` (a jsdom document at build time). */
export function withDocument<T>(target: Document, draw: () => T): T {
  const before = building;
  building = target;
  try {
    return draw();
  } finally {
    building = before;
  }
}

export function el<K extends keyof HTMLElementTagNameMap>(tag: K, attributes: Record<string, string> = {}, text?: string): HTMLElementTagNameMap[K] {
  const node = doc().createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  if (text !== undefined) node.textContent = text;
  return node;
}

export function option(value: string, label: string): HTMLOptionElement {
  return el("option", { value }, label);
}

/** A labelled control. */
export function field(id: string, label: string, control: HTMLElement): HTMLDivElement {
  const wrap = el("div", { class: "explore-field" });
  wrap.append(el("label", { for: id }, label), control);
  return wrap;
}

/** An error's message for the reader, without a leading "Error:". */
export function errorText(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/^Error:\s*/, "");
}
