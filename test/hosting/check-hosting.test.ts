/**
 * The hosting check (scripts/check-hosting.ts) on two tiny sites: one written as any static host needs
 * (relative links that name their files), and one with a root-absolute link and a folder linked
 * without its slash, which break under a sub-path or without clean-URL rewriting. The real dist/ is
 * checked by test/build/hosting.test.ts.
 */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { PROJECT_ROOT } from "../../loaders/schema.ts";
import { checkHosting, cssReferences, formatReport, htmlReferences } from "../../scripts/check-hosting.ts";
import { runTs } from "../support/run.ts";

const FIXTURES = join(PROJECT_ROOT, "test", "fixtures", "hosting");

describe("reading references", () => {
  it("finds href, src, srcset, CSS url() and @import, module imports, preloads and registered files, and skips code in scripts", () => {
    const refs = htmlReferences(`<link rel="modulepreload" href="./a.js"><img src="b.png" srcset="c.png 1x, d.png 2x"><div style="background: url(&quot;e.svg&quot;)"></div>
<style>@import "f.css"; p { background: url(g.png) }</style>
<script type="module">import {x} from "./h.js"; import("./i.js"); registerFile("j", {"name":"j","path":"./_file/j.json"}); el.innerHTML = '<a href="/not-markup">';</script>`);
    expect(refs).toEqual(expect.arrayContaining(["./a.js", "b.png", "c.png", "d.png", "e.svg", "f.css", "g.png", "./h.js", "./i.js", "./_file/j.json"]));
    expect(refs).not.toContain("/not-markup");
    expect(cssReferences(`@import url("x.css"); a { b: url('y.png') }`)).toEqual(["x.css", "y.png"]);
  });
});

describe("npm run check:hosting", () => {
  it("passes a site whose links are relative and name their files, served under a sub-path", async () => {
    const report = await checkHosting({ dir: join(FIXTURES, "good") });
    expect(report.broken, formatReport(report)).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.base).toBe("/some/sub/path/");
    expect(report.pages).toBe(4);
    expect(report.unlinked).toEqual([]);
  });

  it("fails on a root-absolute link and a folder without its slash, naming the page each came from", async () => {
    const report = await checkHosting({ dir: join(FIXTURES, "root-absolute") });
    expect(report.ok).toBe(false);
    expect(report.broken).toEqual(
      expect.arrayContaining([
        { url: "/research", from: "/some/sub/path/", ref: "/research" },
        { url: "/some/sub/path/regions", from: "/some/sub/path/", ref: "./regions" },
        { url: "/_assets/dot.svg", from: "/some/sub/path/research.html", ref: "/_assets/dot.svg" },
      ]),
    );
    expect(report.broken).toHaveLength(3);
    // The folder's page, linked only wrongly, is still visited from the file list.
    expect(report.unlinked).toEqual(["/some/sub/path/regions/"]);
  });

  it("exits non-zero and lists each 404 with its page", async () => {
    const result = await runTs("scripts/check-hosting.ts", ["--dir", join(FIXTURES, "root-absolute")]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('404 /research  (from /some/sub/path/, written "/research")');
    const good = await runTs("scripts/check-hosting.ts", ["--dir", join(FIXTURES, "good"), "--base", "/another/"]);
    expect(good.code, good.stdout + good.stderr).toBe(0);
    expect(good.stdout).toContain("Served under /another/");
  });
});
