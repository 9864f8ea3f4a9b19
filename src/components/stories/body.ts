/**
 * A story's body, written by members of the public in Markdown, turned into DOM safely. Only three
 * things are understood: paragraphs (separated by a blank line), line breaks (a single newline, as
 * people who do not know Markdown expect), and emphasis (`*em*`, `_em_`, `**strong**`, `__strong__`).
 * A paragraph whose lines start with `>` is shown as an aside (the sample's "Illustrative story" note).
 * Everything else — HTML tags, links, images, headings — is kept as literal text: nodes are built with
 * `textContent` and `createElement` only, never parsed from HTML.
 */

export type Inline = { kind: "text"; text: string } | { kind: "em" | "strong"; children: Inline[] } | { kind: "br" };
export interface Block {
  kind: "paragraph" | "aside";
  children: Inline[];
}

// `_` only counts as emphasis at word edges, so snake_case and URLs keep their underscores.
const STRONG = /\*\*(?=\S)([\s\S]*?\S)\*\*|(?<![\p{L}\p{N}_])__(?=\S)([\s\S]*?\S)__(?![\p{L}\p{N}_])/u;
const EM = /\*(?=[^\s*])([^*]*?[^\s*])\*|(?<![\p{L}\p{N}_])_(?=[^\s_])([^_]*?[^\s_])_(?![\p{L}\p{N}_])/u;

function emphasis(text: string, allowStrong: boolean): Inline[] {
  const strong = allowStrong ? STRONG.exec(text) : null;
  const em = EM.exec(text);
  // The earlier marker wins; at the same place, `**` is read before `*`.
  const match = strong && (!em || strong.index <= em.index) ? { m: strong, kind: "strong" as const } : em ? { m: em, kind: "em" as const } : undefined;
  if (!match) return text === "" ? [] : [{ kind: "text", text }];
  const { m, kind } = match;
  const inner = m[1] ?? m[2] ?? "";
  return [
    ...(m.index > 0 ? [{ kind: "text" as const, text: text.slice(0, m.index) }] : []),
    { kind, children: emphasis(inner, kind === "em") },
    ...emphasis(text.slice(m.index + m[0].length), allowStrong),
  ];
}

function inline(lines: string[]): Inline[] {
  const out: Inline[] = [];
  lines.forEach((line, i) => {
    if (i > 0) out.push({ kind: "br" });
    out.push(...emphasis(line.replace(/(\\| {2,})$/, "").trim(), true));
  });
  return out;
}

/** Parses the permitted subset into blocks (plain data, easy to test). */
export function parseStory(markdown: string): Block[] {
  const text = markdown.replace(/\r\n?/g, "\n").replace(/\u0000/g, "");
  const blocks: Block[] = [];
  for (const chunk of text.split(/\n[ \t]*\n/)) {
    const lines = chunk.split("\n").filter((line) => line.trim() !== "");
    if (lines.length === 0) continue;
    const aside = lines.every((line) => /^\s*>/.test(line));
    const content = aside ? lines.map((line) => line.replace(/^\s*>\s?/, "")) : lines;
    blocks.push({ kind: aside ? "aside" : "paragraph", children: inline(content) });
  }
  return blocks;
}

function render(doc: Document, nodes: Inline[], parent: Node): void {
  for (const node of nodes) {
    if (node.kind === "text") parent.appendChild(doc.createTextNode(node.text));
    else if (node.kind === "br") parent.appendChild(doc.createElement("br"));
    else {
      const el = doc.createElement(node.kind);
      render(doc, node.children, el);
      parent.appendChild(el);
    }
  }
}

/** The body as a `<div class="lero-story-body">` of paragraphs. */
export function storyBody(markdown: string, options: { document?: Document } = {}): HTMLElement {
  const doc = options.document ?? document;
  const root = doc.createElement("div");
  root.className = "lero-story-body";
  for (const block of parseStory(markdown)) {
    const p = doc.createElement("p");
    if (block.kind === "aside") p.className = "lero-story-aside";
    render(doc, block.children, p);
    root.appendChild(p);
  }
  return root;
}

/** The body as plain text (for excerpts), emphasis markers removed. */
export function storyText(markdown: string, options: { skipAsides?: boolean } = {}): string {
  const flatten = (nodes: Inline[]): string => nodes.map((n) => (n.kind === "text" ? n.text : n.kind === "br" ? " " : flatten(n.children))).join("");
  return parseStory(markdown)
    .filter((b) => !(options.skipAsides && b.kind === "aside"))
    .map((b) => flatten(b.children))
    .join(" ");
}
