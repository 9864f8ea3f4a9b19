/**
 * The embed builder (src/embed/index.md.ts): the snippets for a chart and its options, written the
 * same way when the page is built (the first chart, default options) and in the browser as the reader
 * changes the controls, and the few lines that wire the plain form controls in the page's HTML to the
 * preview and the snippets. No charting or input library: the preview is the chart's own small page.
 */
import { colourProblem, parseHexColour, toQuery, type Lang, type Theme } from "../../embed/options.js";

export interface BuilderChart {
  id: string;
  title: string;
  height: number;
  regions: string[];
  colourable: boolean;
}

export interface BuilderRegion {
  slug: string;
  name: string;
}

export interface BuilderChoice {
  region: string | null;
  theme: Theme;
  lang: Lang;
  title: boolean;
  colour: string | null;
}

export const DEFAULT_CHOICE: BuilderChoice = { region: null, theme: "auto", lang: "en", title: true, colour: null };

/** The frame's address: the chart's page beside the builder, with the options as a query. */
export function frameSource(chart: BuilderChart, choice: BuilderChoice, embedBase: string): string {
  return `${embedBase}${chart.id}.html${toQuery(choice)}`;
}

/** The frame snippet and the module snippet for a chart and its options. */
export function snippets(chart: BuilderChart, choice: BuilderChoice, embedBase: string): { iframe: string; module: string } {
  const moduleOptions = Object.fromEntries(
    Object.entries({ region: choice.region ?? undefined, theme: choice.theme === "auto" ? undefined : choice.theme, lang: choice.lang === "en" ? undefined : choice.lang, title: choice.title ? undefined : false, colour: choice.colour ?? undefined }).filter(([, v]) => v !== undefined),
  );
  const elementId = `lero-${chart.id}`;
  return {
    iframe: `<iframe src="${frameSource(chart, choice, embedBase)}" title="${chart.title} (LERO Evidence)" width="100%" height="${chart.height}" style="border:0;width:100%;max-width:960px"></iframe>\n<script src="${embedBase}resize.js" async></script>`,
    module: `<div id="${elementId}"></div>\n<script type="module">\n  import {render} from "${embedBase}${chart.id}.js";\n  render(document.getElementById("${elementId}"), ${JSON.stringify(moduleOptions)});\n</script>`,
  };
}

const WHOLE_UK = "Whole UK";

/** Wires the builder's form controls (drawn at build time) to its preview and snippets. */
export function embedBuilder(root: ParentNode | null, catalogue: { charts: BuilderChart[]; regions: BuilderRegion[] }): void {
  const form = root?.querySelector<HTMLFormElement>("form.lero-embed-form");
  const frame = root?.querySelector<HTMLIFrameElement>("iframe.lero-embed-preview-frame");
  const box = root?.querySelector<HTMLElement>(".lero-embed-frame-box");
  if (!root || !form || !frame || !box) return;
  const doc = form.ownerDocument;
  const field = <T extends Element>(name: string) => form.querySelector<T>(`[name="${name}"]`)!;
  const chartSelect = field<HTMLSelectElement>("chart");
  const regionSelect = field<HTMLSelectElement>("region");
  const showTitle = field<HTMLInputElement>("title");
  const useColour = field<HTMLInputElement>("use-colour");
  const colourInput = field<HTMLInputElement>("colour");
  const widthInput = field<HTMLInputElement>("width");
  const widthShown = form.querySelector<HTMLOutputElement>("output.lero-embed-width")!;
  const note = form.querySelector<HTMLElement>(".lero-embed-note")!;
  // The embeds sit beside this page (it is embed/index.html), wherever the site is published.
  const embedBase = new URL(".", doc.location.href).href;
  const regionName = (slug: string) => catalogue.regions.find((r) => r.slug === slug)?.name ?? WHOLE_UK;
  const chartOf = () => catalogue.charts.find((c) => c.id === chartSelect.value) ?? catalogue.charts[0]!;
  let shownChart = "";

  const regionOptions = (chart: BuilderChart): void => {
    const option = (value: string, text: string) => Object.assign(doc.createElement("option"), { value, textContent: text });
    const kept = chart.regions.includes(regionSelect.value) ? regionSelect.value : "";
    regionSelect.replaceChildren(option("", chart.regions.length ? WHOLE_UK : `${WHOLE_UK} (no figures by region for this chart)`), ...chart.regions.map((slug) => option(slug, regionName(slug))));
    regionSelect.value = kept;
    regionSelect.disabled = chart.regions.length === 0;
  };

  const update = (): void => {
    const chart = chartOf();
    if (chart.id !== shownChart) regionOptions(chart);
    const theme = (form.querySelector<HTMLInputElement>('input[name="theme"]:checked')?.value ?? "auto") as Theme;
    const lang = (form.querySelector<HTMLInputElement>('input[name="lang"]:checked')?.value ?? "en") as Lang;
    useColour.disabled = !chart.colourable;
    colourInput.disabled = !chart.colourable || !useColour.checked;
    const colour = useColour.checked && chart.colourable ? parseHexColour(colourInput.value) : null;
    const problem = colour ? colourProblem(colour, theme) : null;
    note.textContent = !chart.colourable ? "This chart’s colours show a scale (its key), so it keeps them." : problem ?? "";
    const choice: BuilderChoice = { region: regionSelect.value || null, theme, lang, title: showTitle.checked, colour: colour && !problem ? colour : null };
    const text = snippets(chart, choice, embedBase);
    for (const [kind, value] of Object.entries(text)) {
      const code = root.querySelector(`pre[data-snippet="${kind}"] code`);
      if (code) code.textContent = value;
    }
    const src = frameSource(chart, choice, embedBase);
    // The page's HTML gives the address relative to the page: the frame is not reloaded for the same one.
    if (frame.src !== src) frame.src = src;
    frame.title = `Preview: ${chart.title}`;
    if (chart.id !== shownChart) frame.height = String(chart.height);
    box.style.width = `${widthInput.value}px`;
    widthShown.value = widthInput.value;
    shownChart = chart.id;
  };

  form.addEventListener("input", update);
  form.addEventListener("change", update);
  form.addEventListener("submit", (event) => event.preventDefault());

  // Copy buttons: the clipboard, or select the text where the clipboard is not allowed.
  for (const button of root.querySelectorAll<HTMLButtonElement>("button.lero-embed-copy")) {
    const code = root.querySelector<HTMLElement>(`pre[data-snippet="${button.dataset.copy}"]`);
    const status = button.parentElement?.querySelector<HTMLElement>(".lero-embed-copied");
    if (!code || !status) continue;
    button.addEventListener("click", async () => {
      try {
        await navigator.clipboard.writeText(code.textContent ?? "");
        status.textContent = "Copied.";
      } catch {
        const range = doc.createRange();
        range.selectNodeContents(code);
        getSelection()?.removeAllRanges();
        getSelection()?.addRange(range);
        status.textContent = "Selected: press Ctrl+C (or ⌘C) to copy.";
      }
      setTimeout(() => (status.textContent = ""), 4000);
    });
  }

  // The preview uses the same resize script as the snippet, so it sizes itself as it will on a host's site.
  if (!doc.querySelector("script[data-lero-resize]")) {
    const script = doc.createElement("script");
    script.src = `${embedBase}resize.js`;
    script.async = true;
    script.dataset.leroResize = "";
    doc.head.append(script);
  }
  update();
}
