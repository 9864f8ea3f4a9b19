/**
 * The data explorer in Chromium: filters by click and by keyboard, figures checked against DuckDB in
 * Node over the same published Parquet (after the same rounding and suppression), the permalink, the
 * back button, the CSV download, the SQL console, and [c] wherever a small count would show.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadPolicy } from "../../loaders/disclose/policy.ts";
import { quoteIdentifier, quoteLiteral, withDuckDB } from "../../loaders/publish/duckdb.ts";
import { DIST, launch, openPage, serveSite, type PageProblems, type StaticSite } from "../support/browser.ts";

const policy = loadPolicy();

/** The published rule, written out again here so the test does not trust the explorer's own code. */
function protect(count: number): string {
  if (count === 0) return "0";
  if (count <= policy.person.threshold) return "[c]";
  return (Math.floor(count / policy.person.rounding + 0.5) * policy.person.rounding).toLocaleString("en-GB");
}

type Filters = Record<string, string>;

/** Distinct people in a published file, optionally grouped, under equality filters. */
async function people(dataset: string, subject: string, filters: Filters, groupBy: string[] = []): Promise<Map<string, number>> {
  const file = join(DIST, "data", `${dataset}.parquet`);
  const where = Object.entries(filters).map(([k, v]) => `${quoteIdentifier(k)} = ${quoteLiteral(v)}`);
  const keys = groupBy.map((k) => `CAST(${quoteIdentifier(k)} AS VARCHAR)`);
  const sql = `SELECT ${[...keys.map((k, i) => `${k} AS k${i}`), `count(DISTINCT ${quoteIdentifier(subject)})::INTEGER AS n`].join(", ")} FROM read_parquet(${quoteLiteral(file)})${where.length ? ` WHERE ${where.join(" AND ")}` : ""}${keys.length ? ` GROUP BY ${keys.join(", ")}` : ""}`;
  return withDuckDB(async (db) => {
    const out = new Map<string, number>();
    for (const row of (await db.runAndReadAll(sql)).getRowObjectsJS()) out.set(groupBy.map((_, i) => String(row[`k${i}`])).join("|"), Number(row.n));
    return out;
  });
}

async function ready(page: Page): Promise<void> {
  await page.waitForSelector("#people-count", { timeout: 90_000 });
  await page.waitForSelector("#explore-main[data-engine=ready]", { timeout: 90_000 });
  await expect.poll(() => page.locator(".explore-app").getAttribute("aria-busy"), { timeout: 30_000 }).toBeNull();
}

/** Waits for the view to settle after an action: the status line changes and nothing is busy. */
async function settled(page: Page, before: string | null): Promise<void> {
  await expect.poll(() => page.locator("#explore-status").textContent(), { timeout: 30_000 }).not.toBe(before);
  await expect.poll(() => page.locator(".explore-app").getAttribute("aria-busy"), { timeout: 30_000 }).toBeNull();
}

async function barLabels(page: Page, dim: string): Promise<Record<string, string>> {
  const labels = await page.locator(`figure[data-dim="${dim}"] rect.explore-hit`).evaluateAll((nodes) => nodes.map((n) => n.getAttribute("aria-label") ?? ""));
  return Object.fromEntries(labels.map((l) => [l.slice(0, l.lastIndexOf(": ")), l.slice(l.lastIndexOf(": ") + 2)]));
}

async function tableRows(page: Page, selector: string): Promise<string[][]> {
  return page.locator(`${selector} tbody tr`).evaluateAll((rows) => rows.map((r) => [...r.children].map((c) => c.textContent ?? "")));
}

function expectClean(problems: PageProblems): void {
  expect(problems.consoleErrors).toEqual([]);
  expect(problems.failedRequests).toEqual([]);
  expect(problems.otherOrigins).toEqual([]);
}

describe("the data explorer", () => {
  let browser: Browser;
  let site: StaticSite;
  let context: BrowserContext;
  beforeAll(async () => {
    site = await serveSite();
    browser = await launch();
    context = await browser.newContext({ viewport: { width: 1200, height: 900 }, acceptDownloads: true });
  });
  afterAll(async () => {
    await browser?.close();
    await site?.close();
  });

  it("paints before the data engine loads, then filters by click and keyboard with figures that match DuckDB in Node", async () => {
    const { page, problems } = await openPage(context, site.origin);
    // The outcomes data set as it opens: drawn from the build at once (the page's HTML holds the
    // stigma headline view, the script draws the outcomes one from the build's file), then the engine takes over.
    await page.goto(`${site.origin}/explore?dataset=outcomes`, { waitUntil: "commit" });
    await page.waitForSelector(`#explore-main[data-view*="dataset=outcomes"] figure.explore-chart svg`, { timeout: 30_000 });
    expect(await page.locator("#explore-main").getAttribute("data-engine")).not.toBe("ready");
    await ready(page);

    // The default view: everyone in outcomes, by assessment, age band and gender.
    const all = (await people("outcomes", "person_ref", {})).get("")!;
    expect(await page.locator("#people-count").textContent()).toBe(protect(all));
    expect(await page.locator("main figure.explore-chart svg").count()).toBe(3);
    expect(problems.requests.some((url) => url.includes("duckdb"))).toBe(true);

    // Click: Woman in the gender chart.
    let before = await page.locator("#explore-status").textContent();
    await page.locator(`figure[data-dim="gender"] rect.explore-hit[data-value="Woman"]`).click();
    await settled(page, before);
    const women = (await people("outcomes", "person_ref", { gender: "Woman" })).get("")!;
    expect(await page.locator("#people-count").textContent()).toBe(protect(women));
    expect(await page.locator(`figure[data-dim="gender"] rect.explore-hit[data-value="Woman"]`).getAttribute("aria-pressed")).toBe("true");
    const byAge = await people("outcomes", "person_ref", { gender: "Woman" }, ["age_band"]);
    const ageBars = await barLabels(page, "age_band");
    for (const [age, n] of byAge) expect(ageBars[age]).toBe(protect(n));
    const description = await page.locator(`figure[data-dim="age_band"] .explore-chart-description`).textContent();
    expect(description).toContain("Gender: Woman");
    await expect.poll(() => page.locator("#explore-status").textContent()).toContain(`${protect(women)} people match (Gender: Woman)`);
    const afterClick = page.url();
    expect(afterClick).toContain("f.gender=Woman");

    // Keyboard: Tab stop on the age chart, ArrowDown to the second band, Enter.
    // The age bands are those the release publishes (k-anonymity may have widened them): take the second.
    const bands = await page.locator(`figure[data-dim="age_band"] rect.explore-hit`).evaluateAll((nodes) => nodes.map((n) => n.getAttribute("data-value")));
    const band = bands[1]!;
    await page.locator(`figure[data-dim="age_band"] rect.explore-hit[tabindex="0"]`).focus();
    await page.keyboard.press("ArrowDown");
    const focusedAge = await page.evaluate(() => document.activeElement?.getAttribute("data-value"));
    expect(focusedAge).toBe(band);
    before = await page.locator("#explore-status").textContent();
    await page.keyboard.press("Enter");
    await settled(page, before);
    const young = (await people("outcomes", "person_ref", { gender: "Woman", age_band: band })).get("")!;
    expect(await page.locator("#people-count").textContent()).toBe(protect(young));
    expect(await page.evaluate(() => document.activeElement?.getAttribute("data-value"))).toBe(band);
    // Space removes it again, and the next key press still works from the same place.
    before = await page.locator("#explore-status").textContent();
    await page.keyboard.press(" ");
    await settled(page, before);
    expect(await page.locator("#people-count").textContent()).toBe(protect(women));
    before = await page.locator("#explore-status").textContent();
    await page.keyboard.press("Enter");
    await settled(page, before);
    expect(await page.locator("#people-count").textContent()).toBe(protect(young));

    // The results table: one row per assessment × age band × gender, as DuckDB in Node counts them.
    const cells = await people("outcomes", "person_ref", { gender: "Woman", age_band: band }, ["assessment", "age_band", "gender"]);
    const rows = await tableRows(page, "#explore-results-table");
    expect(rows.length).toBe(cells.size);
    for (const [assessment, age, gender, count] of rows) expect(count).toBe(protect(cells.get(`${assessment}|${age}|${gender}`) ?? 0));

    // The permalink restores the same view in a fresh page.
    const permalink = page.url();
    expect(permalink).toContain(`f.age_band=${encodeURIComponent(band).slice(0, 2)}`);
    const second = await openPage(context, site.origin);
    await second.page.goto(permalink);
    await ready(second.page);
    expect(await second.page.locator("#people-count").textContent()).toBe(protect(young));
    expect(await tableRows(second.page, "#explore-results-table")).toEqual(rows);
    expect(await barLabels(second.page, "assessment")).toEqual(await barLabels(page, "assessment"));
    expect(await second.page.locator(`figure[data-dim="age_band"] rect.explore-hit[data-value="${band}"]`).getAttribute("aria-pressed")).toBe("true");
    await second.page.close();
    expectClean(second.problems);

    // Back goes to the view before the last change (only Woman), forward returns.
    before = await page.locator("#explore-status").textContent();
    await page.goBack();
    await settled(page, before);
    expect(await page.locator("#people-count").textContent()).toBe(protect(women));
    expect(await page.locator(`figure[data-dim="age_band"] rect.explore-hit[data-value="${band}"]`).getAttribute("aria-pressed")).toBe("false");
    before = await page.locator("#explore-status").textContent();
    await page.goForward();
    await settled(page, before);
    expect(await page.locator("#people-count").textContent()).toBe(protect(young));

    // The CSV download holds exactly the rows of the table.
    const [download] = await Promise.all([page.waitForEvent("download"), page.locator("#explore-download-csv").click()]);
    const csv = readFileSync((await download.path())!, "utf8").trimEnd().split("\r\n").map((line) => line.split(","));
    expect(csv[0]).toEqual(["Assessment", "Age band", "Gender", "People"]);
    expect(csv.slice(1)).toEqual(rows.map((row) => row.map((cell) => cell.replace(/,/g, ""))));

    // The citation names the data version and the permalink.
    const version = JSON.parse(readFileSync(join(DIST, "data", "datapackage.json"), "utf8")).version as string;
    const cite = await page.locator("#explore-citation").textContent();
    expect(cite).toContain(version);
    expect(cite).toContain(page.url());

    const timings = await page.evaluate(() => window.__exploreTimings ?? []);
    expect(timings.filter((t) => t.action === "filter").length).toBeGreaterThanOrEqual(3);
    await page.close();
    expectClean(problems);
  });

  it("shows [c] for a small count in the chart, the table, the SQL console and the download", async () => {
    // Find, in the published stigma data, an age band and role whose respondents in some setting number 1 to 7.
    const counts = await people("stigma", "respondent_ref", {}, ["age_band", "role", "setting"]);
    const small = [...counts].find(([, n]) => n >= 1 && n <= policy.person.threshold);
    expect(small, "the sample has a small cell to test with").toBeDefined();
    const [age, role, setting] = small![0].split("|") as [string, string, string];
    const params = new URLSearchParams({ dataset: "stigma", dims: "setting,age_band,role", measure: "count", chart: "bars" });
    params.append("f.age_band", age);
    params.append("f.role", role);
    params.set("sql", `SELECT setting, count(DISTINCT respondent_ref) AS n FROM stigma WHERE age_band = '${age}' AND role = '${role}' GROUP BY setting ORDER BY setting`);

    const { page, problems } = await openPage(context, site.origin);
    await page.goto(`${site.origin}/explore?${params}`);
    await ready(page);
    expect(await page.locator("#explore-dataset").inputValue()).toBe("stigma");

    const bars = await barLabels(page, "setting");
    expect(bars[setting]).toBe("[c]");
    const expected = await people("stigma", "respondent_ref", { age_band: age, role }, ["setting"]);
    for (const [name, n] of expected) expect(bars[name]).toBe(protect(n));
    expect(await page.locator(`figure[data-dim="setting"] svg text`).allTextContents()).toContain("[c]");

    const rows = await tableRows(page, "#explore-results-table");
    expect(rows.find((r) => r[0] === setting)?.[3]).toBe("[c]");

    await expect.poll(() => page.locator("#explore-sql-table tbody tr").count(), { timeout: 30_000 }).toBeGreaterThan(0);
    const sqlRows = await tableRows(page, "#explore-sql-table");
    expect(sqlRows.find((r) => r[0] === setting)?.[1]).toBe("[c]");
    for (const [name, n] of sqlRows) expect(n).toBe(protect(expected.get(name!) ?? 0));

    const [download] = await Promise.all([page.waitForEvent("download"), page.locator("#explore-download-csv").click()]);
    const csv = readFileSync((await download.path())!, "utf8");
    expect(csv).toContain(`${setting},${age},${role},[c]`);
    const [sqlDownload] = await Promise.all([page.waitForEvent("download"), page.locator("#explore-sql-csv").click()]);
    expect(readFileSync((await sqlDownload.path())!, "utf8")).toContain(`${setting},[c]`);

    // The console refuses anything but one read-only query, and says why.
    await page.locator("#explore-sql").fill("COPY stigma TO 'out.csv'");
    await page.locator("#explore-sql-run").click();
    await expect.poll(() => page.locator("#explore-sql-message").textContent()).toContain("Only queries that read data");
    await page.locator("#explore-sql").fill("SELECT * FROM read_csv('/etc/passwd')");
    await page.locator("#explore-sql").press("Control+Enter");
    await expect.poll(() => page.locator("#explore-sql-message").textContent()).toContain("read_csv");
    await page.locator("#explore-sql").fill("SELECT no_such_column FROM stigma");
    await page.locator("#explore-sql-run").click();
    await expect.poll(() => page.locator("#explore-sql-message").textContent(), { timeout: 30_000 }).toContain("DuckDB could not run the query");
    expect(await page.locator("#explore-sql-message").getAttribute("aria-live")).toBe("polite");

    await page.close();
    expectClean(problems);
  });

  it("switches data set and measure from the controls, by keyboard", async () => {
    const { page, problems } = await openPage(context, site.origin);
    await page.goto(`${site.origin}/explore?dataset=outcomes`);
    await ready(page);
    let before = await page.locator("#explore-status").textContent();
    await page.locator("#explore-dataset").focus();
    await page.locator("#explore-dataset").selectOption("stigma");
    await settled(page, before);
    const respondents = (await people("stigma", "respondent_ref", {})).get("")!;
    expect(await page.locator("#people-count").textContent()).toBe(protect(respondents));
    expect(page.url()).toContain("dataset=stigma");
    // The audit is published as tables only, so the explorer does not offer it.
    expect(await page.locator("#explore-dataset option").evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value))).not.toContain("audit");

    before = await page.locator("#explore-status").textContent();
    await page.locator("#explore-measure").selectOption("share");
    await settled(page, before);
    expect(await page.locator("#explore-results-table thead th").allTextContents()).toContain("Avoided or put off care because of stigma");
    expect(await page.locator(`figure[data-dim="setting"] svg text`).allTextContents()).toEqual(expect.arrayContaining([expect.stringMatching(/^\d+(\.\d)?%$/)]));

    // Every control has a label.
    const unlabelled = await page.locator(".explore select, .explore textarea").evaluateAll((nodes) => nodes.filter((n) => !(n as HTMLSelectElement).labels?.length).map((n) => n.id));
    expect(unlabelled).toEqual([]);
    await page.close();
    expectClean(problems);
  });
});
