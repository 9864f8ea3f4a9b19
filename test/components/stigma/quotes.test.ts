import { describe, expect, it } from "vitest";
import { quotesList } from "../../../src/components/stigma/quotes.ts";
import { createDocument, expectSnapshot } from "../snapshot.ts";

const quotes = [
  { setting: "GP", quote: "<script>alert(1)</script> staff laughed" },
  { setting: "GP", quote: "Dr [name] listened" },
  { setting: "GP", quote: "They made me wait" },
  { setting: "Pharmacy", quote: "Dr [name] listened" },
  { setting: "Pharmacy", quote: "No judgement at all" },
];

describe("stigma quotes", () => {
  it("shows quotes literally, each marked as said with its setting", () => {
    const element = quotesList(quotes, { setting: "GP", document: createDocument() });
    expectSnapshot("stigma-quotes", element);
    expect(element.querySelector("script")).toBeNull();
    expect([...element.querySelectorAll("blockquote")].map((b) => b.textContent)).toEqual(["<script>alert(1)</script> staff laughed", "Dr [name] listened", "They made me wait"]);
    expect(element.querySelector(".stigma-quote-note")?.textContent).toBe("Quote, as said · about: GP");
  });

  it("gives an overview with a few different quotes per setting", () => {
    const element = quotesList(quotes, { perSetting: 2, document: createDocument() });
    expect([...element.querySelectorAll("blockquote")].map((b) => b.textContent)).toEqual(["<script>alert(1)</script> staff laughed", "Dr [name] listened", "No judgement at all"]);
    expect(quotesList(quotes, { setting: "Police", document: createDocument() }).textContent).toBe("No quotes about Police can be published.");
  });
});
