import { describe, expect, it } from "vitest";
import { applyOptions, welshRegionNames } from "../../src/embed/apply.ts";
import { DEFAULT_OPTIONS } from "../../src/embed/options.ts";
import { createDocument } from "../components/snapshot.ts";

const NAMES = [
  ["North East", "Gogledd Ddwyrain Lloegr"],
  ["East of England", "Dwyrain Lloegr"],
  ["Wales", "Cymru"],
] as const;

describe("applying embed options", () => {
  it("puts Welsh region names in text, SVG labels and accessible names, each replaced once", () => {
    const doc = createDocument();
    const root = doc.createElement("div");
    root.innerHTML = `<p>LEROs in North East and East of England</p><svg><text>Wales</text><a aria-label="Wales: 70%"></a></svg>`;
    welshRegionNames(root, NAMES);
    expect(root.querySelector("p")!.textContent).toBe("LEROs in Gogledd Ddwyrain Lloegr and Dwyrain Lloegr");
    expect(root.querySelector("text")!.textContent).toBe("Cymru");
    expect(root.querySelector("a")!.getAttribute("aria-label")).toBe("Cymru: 70%");
  });

  it("sets theme, title and a fixed height as attributes the stylesheet reads", () => {
    const doc = createDocument();
    const root = doc.createElement("div");
    applyOptions(root, { ...DEFAULT_OPTIONS, theme: "dark", title: false, height: 400 }, NAMES);
    expect(root.getAttribute("data-theme")).toBe("dark");
    expect(root.getAttribute("data-title")).toBe("0");
    expect(root.style.height).toBe("400px");
    applyOptions(root, { ...DEFAULT_OPTIONS }, NAMES);
    expect(root.hasAttribute("data-theme")).toBe(false);
    expect(root.hasAttribute("data-title")).toBe(false);
  });

  it("gives the host's colour to each background it stands out from, and takes it back", () => {
    const doc = createDocument();
    const root = doc.createElement("div");
    applyOptions(root, { ...DEFAULT_OPTIONS, colour: "#0072b2" }, NAMES);
    expect(root.style.getPropertyValue("--lero-host-light")).toBe("#0072b2");
    expect(root.style.getPropertyValue("--lero-host-dark")).toBe("#0072b2");
    // Navy is lost on the dark background: readers in dark mode see the chart's own colour.
    applyOptions(root, { ...DEFAULT_OPTIONS, colour: "#1a2b4c" }, NAMES);
    expect(root.style.getPropertyValue("--lero-host-light")).toBe("#1a2b4c");
    expect(root.style.getPropertyValue("--lero-host-dark")).toBe("");
    applyOptions(root, { ...DEFAULT_OPTIONS }, NAMES);
    expect(root.style.getPropertyValue("--lero-host-light")).toBe("");
  });
});
