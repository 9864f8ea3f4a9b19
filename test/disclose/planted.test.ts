/**
 * Plants personal data of every kind in every kind of input column — tool metadata (Qualtrics IP,
 * recipient name and e-mail, latitude/longitude; Microsoft Forms e-mail and name), identifiers (a person
 * ID that is an e-mail address, trainee e-mail and name), consented and unconsented free text, a story —
 * publishes the data, and proves that none of it appears anywhere in what would go under `dist/data/`,
 * and that the independent audit passes. Parquet is read back through DuckDB, since its pages are
 * compressed and a byte search would miss text in it.
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { stringify } from "csv-stringify/sync";
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { SAMPLE_DIR } from "../../loaders/data-dir.ts";
import { auditDist } from "../../loaders/disclose/audit/index.ts";
import { buildData, listPublished } from "../../loaders/pipeline/index.ts";
import { quoteLiteral, withDuckDB } from "../../loaders/publish/duckdb.ts";

const PLANTED = {
  email: "siobhan.mcallister@nhs.net",
  phone: "07700 900461",
  landline: "0161 496 0734",
  postcode: "M13 9PL",
  nhs: "943 476 5919",
  ni: "AB 12 34 56 C",
  url: "https://private.example.net/siobhan",
  ip: "203.0.113.77",
  name: "Siobhan McAllister",
  latitude: "53.472919",
};
const freeText = `I'm ${PLANTED.name}, ring me on ${PLANTED.phone} or ${PLANTED.landline}, write to ${PLANTED.email}, I live at ${PLANTED.postcode}. NHS number ${PLANTED.nhs}, NI ${PLANTED.ni}. See ${PLANTED.url} from ${PLANTED.ip}.`;

function editCsv(file: string, headerRows: number, edit: (row: Record<string, string>, index: number) => void): void {
  const records = parse(readFileSync(file), { bom: true, relax_column_count: true }) as string[][];
  const header = records[0]!;
  for (let i = headerRows; i < records.length; i++) {
    const row = Object.fromEntries(header.map((h, j) => [h, records[i]![j] ?? ""]));
    edit(row, i - headerRows);
    records[i] = header.map((h) => row[h] ?? "");
  }
  writeFileSync(file, stringify(records, { quoted: headerRows > 1 }));
}

async function plant(dir: string): Promise<void> {
  editCsv(join(dir, "stigma.csv"), 3, (row, i) => {
    if (i > 40) return;
    row.IPAddress = PLANTED.ip;
    row.RecipientEmail = PLANTED.email;
    row.RecipientFirstName = "Siobhan";
    row.RecipientLastName = "McAllister";
    row.LocationLatitude = PLANTED.latitude;
    if (i < 20) {
      row.Q9 = freeText;
      row.Q10 = i % 2 === 0 ? "Yes" : "No";
    }
  });
  editCsv(join(dir, "outcomes.csv"), 1, (row, i) => {
    if (row.person_id === "L114-000001" || i === 0) row.person_id = PLANTED.email;
  });
  editCsv(join(dir, "standards.csv"), 1, (row, i) => {
    if (i < 5) {
      row.good_practice_note = freeText;
      row.note_consent = "true";
    }
  });
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(join(dir, "audit.xlsx"));
  const sheet = workbook.worksheets[0]!;
  const header = (sheet.getRow(1).values as unknown[]).map((v) => String(v ?? ""));
  const emailColumn = header.indexOf("Email");
  const nameColumn = header.indexOf("Name");
  sheet.getRow(2).getCell(emailColumn).value = PLANTED.email;
  sheet.getRow(2).getCell(nameColumn).value = PLANTED.name;
  await workbook.xlsx.writeFile(join(dir, "audit.xlsx"));
  const story = join(dir, "stories", "back-to-college-at-fifty.md");
  writeFileSync(story, `${readFileSync(story, "utf8")}\n\nYou can reach me on ${PLANTED.phone} or ${PLANTED.email}.\n`);
}

/** Every published file as text; Parquet as the JSON of all its rows. */
async function publishedText(dir: string): Promise<Map<string, string>> {
  const texts = new Map<string, string>();
  await withDuckDB(async (db) => {
    for (const file of await listPublished(dir)) {
      const path = join(dir, file);
      if (file.endsWith(".parquet")) {
        const rows = (await db.runAndReadAll(`SELECT * FROM read_parquet(${quoteLiteral(path)})`)).getRowObjectsJson();
        texts.set(file, JSON.stringify(rows));
      } else texts.set(file, readFileSync(path, "utf8"));
    }
  });
  return texts;
}

describe("planted personal data never reaches the published files", () => {
  let site: string;
  let texts: Map<string, string>;

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), "lero-planted-"));
    cpSync(SAMPLE_DIR, dir, { recursive: true });
    await plant(dir);
    site = mkdtempSync(join(tmpdir(), "lero-planted-site-"));
    await buildData({
      source: { dir, illustrative: true },
      out: join(site, "data"),
      reviewDir: mkdtempSync(join(tmpdir(), "lero-planted-review-")),
      log: () => {},
      env: { LERO_PSEUDONYM_KEY: "planted-test-key-0123456789" },
    });
    texts = await publishedText(join(site, "data"));
  }, 240_000);

  const needles: [string, string][] = [
    ...Object.entries(PLANTED),
    ["name (given)", "Siobhan"],
    ["name (family)", "McAllister"],
    ["phone without spaces", PLANTED.phone.replaceAll(" ", "")],
    ["NHS number without spaces", PLANTED.nhs.replaceAll(" ", "")],
  ];
  it.each(needles)("publishes no %s", (_kind, needle) => {
    for (const [file, text] of texts) expect(text.includes(needle), `${needle} found in ${file}`).toBe(false);
  });

  it("still publishes the consented quotes, in their own list only, with placeholders where the personal data was", () => {
    const stigma = texts.get("aggregates/stigma-quotes.json")!;
    expect(texts.get("stigma.parquet")).not.toContain("[phone]");
    expect(stigma).toContain("[phone]");
    expect(stigma).toContain("[email]");
    expect(stigma).toContain("[postcode]");
  });

  it("passes the independent audit of the published folder", async () => {
    const report = await auditDist(site);
    expect(report.findings).toEqual([]);
  });
});
