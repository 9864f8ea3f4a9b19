/** Text made safe to put in HTML built at build time, as element content or a quoted attribute value. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** Gives every id under `root` a prefix, and follows it in references (`url(#id)`, `href="#id"`). */
export function prefixIds(root: Element, prefix: string): void {
  const ids = [...root.querySelectorAll("[id]")].map((el) => el.id);
  if (ids.length === 0) return;
  for (const el of root.querySelectorAll("[id]")) el.id = `${prefix}${el.id}`;
  for (const el of [root, ...root.querySelectorAll("*")]) {
    for (const attribute of [...el.attributes]) {
      let value = attribute.value;
      for (const id of ids) value = value.replaceAll(`url(#${id})`, `url(#${prefix}${id})`).replace(new RegExp(`^#${id}$`), `#${prefix}${id}`);
      if (value !== attribute.value) el.setAttribute(attribute.name, value);
    }
  }
}
