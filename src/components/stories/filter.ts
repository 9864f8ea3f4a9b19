/**
 * The filters of the Stories index drawn at build time (src/stories/index.md.ts): every story's card is
 * in the page, marked with its themes and region (`data-themes`, `data-region`). Ticking a theme or
 * choosing a region keeps the matching cards in the list (in their order) and updates the live count.
 */
import { ALL_REGIONS, storyCountText } from "./list.js";

export function storyFilters(root: ParentNode | null = document): void {
  const form = root?.querySelector<HTMLFormElement>(".lero-story-filters");
  const list = root?.querySelector<HTMLUListElement>(".lero-story-list");
  const count = root?.querySelector<HTMLElement>(".lero-story-count");
  if (!form || !list || !count) return;
  const doc = list.ownerDocument;
  const items = [...list.querySelectorAll<HTMLLIElement>("li.lero-story-item")];
  const empty = doc.createElement("li");
  empty.className = "lero-story-empty";
  empty.textContent = "No stories match these filters. Try another theme or region.";
  const update = (): void => {
    const themes = [...form.querySelectorAll<HTMLInputElement>('input[name="theme"]:checked')].map((input) => input.value);
    const region = form.querySelector<HTMLSelectElement>('select[name="region"]')?.value ?? ALL_REGIONS;
    const shown = items.filter(
      (item) => (themes.length === 0 || (item.dataset.themes ?? "").split(" ").some((t) => themes.includes(t))) && (region === ALL_REGIONS || item.dataset.region === region),
    );
    list.replaceChildren(...(shown.length > 0 ? shown : [empty]));
    count.textContent = storyCountText(shown.length, items.length);
  };
  form.addEventListener("change", update);
  form.addEventListener("submit", (event) => event.preventDefault());
}
