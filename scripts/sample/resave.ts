/**
 * Re-saves the sample datasets as five survey tools would write them, for the end-to-end tests of
 * `lero-evidence map` and for trying the README's steps by hand:
 *
 *   npx tsx scripts/sample/resave.ts OUT_DIR [ROWS]
 *
 * writes OUT_DIR/<tool>/<dataset>/… for every tool and dataset. Each export holds the same answers as
 * the first ROWS rows of the sample (one survey year for stigma), with the question text as headers,
 * the tool's own metadata columns (dates, a response ID, e-mail and IP addresses with made-up values
 * on example.org and documentation address ranges) and no survey-year column where a tool would not
 * have one. Deterministic: the same call writes the same bytes.
 */
import ExcelJS from "exceljs";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { applyMapping, loadMapping, readExport, splitMultiSelect } from "../../loaders/read/index.ts";
import { SAMPLE_DIR } from "../../loaders/data-dir.ts";
import { categoryValue, DATASETS, loadSchema, type Dataset, type Field, type TableSchema } from "../../loaders/schema.ts";
import type { Cell } from "../../loaders/types.ts";
import { Rng } from "./prng.ts";
import { csvLine, fakeIp, fakePerson, fixZipTimes, googleTime, pad, qualtricsTime } from "./util.ts";
import { REDCAP_HEADER } from "../../loaders/forms/redcap.ts";

export const TOOLS = ["google-forms", "qualtrics", "surveymonkey", "microsoft-forms", "redcap"] as const;
export type Tool = (typeof TOOLS)[number];

const SAMPLE_FILES: Record<Dataset, string> = {
  audit: "audit.xlsx",
  standards: "standards.csv",
  workforce: "workforce.csv",
  stigma: "stigma.csv",
  outcomes: "outcomes.csv",
};

/** The field a tool's own response ID column holds: these datasets' row IDs are the tool's, not a question. */
const RESPONSE_ID: Partial<Record<Dataset, string>> = { stigma: "respondent_id", audit: "response_id" };
/** Fields a survey tool would not have a column for (the survey year was embedded data in the sample's Qualtrics survey). */
const NOT_ASKED: Partial<Record<Dataset, string[]>> = { stigma: ["year"] };

/** The sample's answers, one record per row keyed by schema field (cells as the sample wrote them). */
export interface SampleRows {
  dataset: Dataset;
  schema: TableSchema;
  /** 0-based data rows of the sample file that were taken. */
  rows: number[];
  records: Record<string, Cell>[];
  /** The year every row's timestamps fall in. */
  year: number;
}

/** The first `limit` rows of a sample dataset (for stigma, of its latest survey year). */
export async function sampleRows(dataset: Dataset, limit: number): Promise<SampleRows> {
  const schema = loadSchema(dataset);
  const file = join(SAMPLE_DIR, SAMPLE_FILES[dataset]);
  const mappingFile = join(SAMPLE_DIR, `${dataset}.mapping.json`);
  const raw = await readExport(file);
  let mapping = {};
  try {
    mapping = loadMapping(mappingFile);
  } catch {
    // No mapping beside the sample: its headers are the schema's own names or aliases.
  }
  const table = applyMapping(raw, schema, mapping);
  const at = new Map(table.labels.map((label, j) => [label, j]));
  const separator = table.listSeparator ?? ",";
  const all = table.rows.map((row) =>
    Object.fromEntries(
      schema.fields.flatMap((field) => {
        const j = at.get(field.name);
        if (j === undefined) return [];
        const cell = row[j] ?? null;
        // Lists travel as their items joined by a newline; each tool joins them its own way.
        if (field.type === "list" && cell !== null) return [[field.name, splitMultiSelect(cell, separator, categoriesOf(field)).join("\n")]];
        return [[field.name, cell]];
      }),
    ),
  );
  const yearField = schema.fields.find((field) => field.type === "year");
  const yearOf = (record: Record<string, Cell>) => Number(record[yearField?.name ?? ""] ?? NaN);
  const years = all.map(yearOf).filter(Number.isFinite);
  const year = years.length > 0 ? Math.max(...years) : 2025;
  const rows = all.flatMap((record, i) => (!NOT_ASKED[dataset]?.length || yearOf(record) === year ? [i] : [])).slice(0, limit);
  return { dataset, schema, rows, records: rows.map((i) => all[i]!), year };
}

function categoriesOf(field: Field): string[] {
  return (field.categories ?? []).map(categoryValue);
}

/** The question a form asks for a field: its known wording (not a short code such as Q5_1), else its title. */
function questionOf(field: Field, tool: Tool): string {
  const wording = (field.lero.aliases ?? []).find((alias) => /\s/.test(alias)) ?? field.title ?? field.name;
  // Only Qualtrics pipes text into a question; other tools say it in words.
  return tool === "qualtrics" ? wording : wording.replace(/\$\{lm:\/\/Field\/1\}/g, "this service");
}

/** REDCap's variable name for a question: its title in lower case with underscores, as a designer would type it. */
function redcapName(field: Field): string {
  return (field.title ?? field.name)
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_|_$/g, "")
    .slice(0, 26)
    .replace(/_$/, "");
}

export interface Resaved {
  tool: Tool;
  dataset: Dataset;
  /** The export to give `map` and `check`. */
  file: string;
  /** Every file written (the REDCap data dictionary too). */
  files: string[];
  sample: SampleRows;
}

/** Writes one dataset as one tool would, into `folder`. */
export async function resave(sample: SampleRows, tool: Tool, folder: string): Promise<Resaved> {
  mkdirSync(folder, { recursive: true });
  const rng = new Rng(`resave-${tool}-${sample.dataset}`);
  const fields = sample.schema.fields.filter(
    (field) => field.name !== RESPONSE_ID[sample.dataset] && !(NOT_ASKED[sample.dataset] ?? []).includes(field.name) && sample.records.some((r) => field.name in r),
  );
  // The tool numbers responses itself; rows of one respondent (one per setting in stigma) share it.
  const idField = RESPONSE_ID[sample.dataset];
  const ids = new Map<string, number>();
  const responseNumber = (record: Record<string, Cell>, i: number) => {
    const key = idField === undefined ? String(i) : (record[idField] ?? String(i));
    if (!ids.has(key)) ids.set(key, ids.size + 1);
    return ids.get(key)!;
  };
  const times = sample.records.map(() => {
    const start = Date.UTC(sample.year, 0, 1) / 1000 + rng.int(30, 330) * 86_400 + rng.int(8 * 3600, 21 * 3600);
    return { start: new Date(start * 1000), end: new Date((start + rng.int(240, 1800)) * 1000) };
  });
  const people = sample.records.map(() => fakePerson(rng));
  const ips = sample.records.map(() => fakeIp(rng));
  const write = (name: string, text: string) => {
    const path = join(folder, name);
    writeFileSync(path, text);
    return path;
  };
  const base = { tool, dataset: sample.dataset, sample };
  switch (tool) {
    case "google-forms": {
      const email = fields.some((field) => field.name === "email");
      const header = ["Timestamp", ...(email ? [] : ["Email address"]), ...fields.map((field) => questionOf(field, tool))];
      const lines = sample.records.map((record, i) => [googleTime(times[i]!.start), ...(email ? [] : [people[i]!.email]), ...fields.map((field) => joined(record, field, ", "))]);
      const file = write(`${sample.dataset} (Responses) - Form responses 1.csv`, [header, ...lines].map((line) => csvLine(line)).join(""));
      return { ...base, file, files: [file] };
    }
    case "qualtrics": {
      const used = new Set(sample.schema.fields.flatMap((field) => field.lero.aliases ?? []).filter((alias) => /^Q\d+(_\d+)?$/.test(alias)));
      let next = 1;
      const qid = (field: Field) => {
        const own = (field.lero.aliases ?? []).find((alias) => /^Q\d+(_\d+)?$/.test(alias));
        if (own !== undefined) return own;
        while (used.has(`Q${next}`)) next++;
        used.add(`Q${next}`);
        return `Q${next}`;
      };
      const meta: [string, string, string][] = [
        ["StartDate", "Start Date", "startDate"],
        ["EndDate", "End Date", "endDate"],
        ["Status", "Response Type", "status"],
        ["IPAddress", "IP Address", "ipAddress"],
        ["Progress", "Progress", "progress"],
        ["Duration (in seconds)", "Duration (in seconds)", "duration"],
        ["Finished", "Finished", "finished"],
        ["RecordedDate", "Recorded Date", "recordedDate"],
        ["ResponseId", "Response ID", "_recordId"],
        ["RecipientLastName", "Recipient Last Name", "recipientLastName"],
        ["RecipientFirstName", "Recipient First Name", "recipientFirstName"],
        ["RecipientEmail", "Recipient Email", "recipientEmail"],
        ["ExternalReference", "External Data Reference", "externalDataReference"],
        ["LocationLatitude", "Location Latitude", "locationLatitude"],
        ["LocationLongitude", "Location Longitude", "locationLongitude"],
        ["DistributionChannel", "Distribution Channel", "distributionChannel"],
        ["UserLanguage", "User Language", "userLanguage"],
      ];
      const ids = fields.map(qid);
      const header1 = [...meta.map(([id]) => id), ...ids];
      const header2 = [...meta.map(([, text]) => text), ...fields.map((field) => questionOf(field, tool))];
      const header3 = [...meta.map(([, , importId]) => JSON.stringify({ ImportId: importId })), ...ids.map((id) => JSON.stringify({ ImportId: `QID${id.slice(1)}` }))];
      const lines = sample.records.map((record, i) => {
        const t = times[i]!;
        const n = responseNumber(record, i);
        const person = people[i]!;
        return [
          qualtricsTime(t.start),
          qualtricsTime(t.end),
          "IP Address",
          ips[i]!,
          "100",
          String(Math.round((t.end.getTime() - t.start.getTime()) / 1000)),
          "True",
          qualtricsTime(t.end),
          `R_${(n * 2654435761).toString(36).padStart(15, "x").slice(-15)}`,
          person.last,
          person.first,
          person.email,
          "",
          (51 + rng.next()).toFixed(4),
          (-2 + rng.next()).toFixed(4),
          "email",
          "EN-GB",
          ...fields.map((field) => joined(record, field, ",")),
        ];
      });
      const file = write(`LERO ${sample.dataset}_${sample.year}-12-01.csv`, `\uFEFF${[header1, header2, header3, ...lines].map((line) => csvLine(line)).join("")}`);
      return { ...base, file, files: [file] };
    }
    case "surveymonkey": {
      // An e-mail question takes the place of the collector's own "Email Address" column, which would have the same header.
      const asksEmail = fields.some((field) => questionOf(field, tool).toLowerCase() === "email address");
      const meta = ["Respondent ID", "Collector ID", "Start Date", "End Date", "IP Address", ...(asksEmail ? [] : ["Email Address"]), "First Name", "Last Name", "Custom Data 1"];
      const header1 = [...meta];
      const header2 = meta.map(() => "");
      for (const field of fields) {
        if (field.type === "list") {
          const options = [...categoriesOf(field), "Other (please specify)"];
          header1.push(questionOf(field, tool), ...options.slice(1).map(() => ""));
          header2.push(...options);
        } else {
          header1.push(questionOf(field, tool));
          header2.push(field.lero.role === "free-text" ? "Open-Ended Response" : "Response");
        }
      }
      const stamp = (d: Date) => {
        const h = d.getUTCHours();
        return `${pad(d.getUTCMonth() + 1)}/${pad(d.getUTCDate())}/${d.getUTCFullYear()} ${pad(h % 12 === 0 ? 12 : h % 12)}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} ${h < 12 ? "AM" : "PM"}`;
      };
      const lines = sample.records.map((record, i) => {
        const t = times[i]!;
        const person = people[i]!;
        const cells: string[] = [String(11_400_000_000 + responseNumber(record, i) * 7919), "432118907", stamp(t.start), stamp(t.end), ips[i]!, ...(asksEmail ? [] : [person.email]), person.first, person.last, ""];
        for (const field of fields) {
          if (field.type !== "list") {
            cells.push(record[field.name] ?? "");
            continue;
          }
          const items = (record[field.name] ?? "").split("\n").filter((item) => item !== "");
          const options = categoriesOf(field);
          cells.push(...options.map((option) => (items.includes(option) ? option : "")));
          cells.push(items.filter((item) => !options.includes(item)).join(", "));
        }
        return cells;
      });
      const file = write(`${sample.dataset.toUpperCase()} survey.csv`, [header1, header2, ...lines].map((line) => csvLine(line, "\r\n")).join(""));
      return { ...base, file, files: [file] };
    }
    case "microsoft-forms": {
      const header = ["ID", "Start time", "Completion time", "Email", "Name", ...fields.map((field) => questionOf(field, tool))];
      const wb = new ExcelJS.Workbook();
      const fixed = new Date(Date.UTC(sample.year, 11, 1));
      wb.creator = "Microsoft Forms";
      wb.created = fixed;
      wb.modified = fixed;
      const ws = wb.addWorksheet("Sheet1");
      ws.addRow(header);
      sample.records.forEach((record, i) => {
        const t = times[i]!;
        const person = people[i]!;
        const answers = fields.map((field) => {
          const cell = field.type === "list" ? msList(record[field.name] ?? null) : (record[field.name] ?? null);
          return cell === null ? null : cell;
        });
        ws.addRow([responseNumber(record, i), t.start, t.end, person.email, `${person.first} ${person.last}`, ...answers]);
      });
      ws.getColumn(2).numFmt = "m/d/yy h:mm:ss";
      ws.getColumn(3).numFmt = "m/d/yy h:mm:ss";
      const path = join(folder, `${sample.dataset} form(1-${sample.records.length}).xlsx`);
      writeFileSync(path, fixZipTimes(Buffer.from(await wb.xlsx.writeBuffer()), sample.year, 12, 1));
      return { ...base, file: path, files: [path] };
    }
    case "redcap":
      return redcap(sample, fields, folder, base, times, people, responseNumber);
  }
}

/** A multi-select cell as Microsoft Forms joins it: each choice followed by ";". */
function msList(cell: Cell): Cell {
  if (cell === null || cell === "") return cell;
  return `${cell.split("\n").join(";")};`;
}

function joined(record: Record<string, Cell>, field: Field, separator: string): string {
  const cell = record[field.name] ?? "";
  return field.type === "list" ? cell.split("\n").join(separator) : cell;
}


/**
 * REDCap: a raw data export (codes, not labels; checkboxes as `name___code` 0/1 columns; yes/no as
 * 1/0) and its data dictionary, under the names REDCap gives the downloads.
 */
function redcap(
  sample: SampleRows,
  fields: Field[],
  folder: string,
  base: Pick<Resaved, "tool" | "dataset" | "sample">,
  times: { start: Date; end: Date }[],
  people: { email: string }[],
  responseNumber: (record: Record<string, Cell>, i: number) => number,
): Resaved {
  const form = `${sample.dataset}_survey`;
  const names = fields.map(redcapName);
  const dictionary: string[][] = [["record_id", form, "", "text", "Record ID", "", "", "", "", "", "", "", "", "", "", "", "", ""]];
  dictionary.push(["email_contact", form, "", "text", "Your email address (for a reminder only)", "", "", "email", "", "", "y", "", "", "", "", "", "", ""]);
  const choices = (field: Field) => categoriesOf(field).map((label, k) => `${k + 1}, ${label}`).join(" | ");
  fields.forEach((field, k) => {
    const min = field.constraints?.minimum;
    const max = field.constraints?.maximum;
    const [type, choice, validation] =
      field.type === "list"
        ? ["checkbox", choices(field), ""]
        : field.type === "boolean"
          ? ["yesno", "", ""]
          : (field.categories?.length ?? 0) > 0
            ? ["radio", choices(field), ""]
            : field.type === "integer" || field.type === "year"
              ? ["text", "", "integer"]
              : field.type === "date"
                ? ["text", "", "date_ymd"]
                : [field.lero.role === "free-text" ? "notes" : "text", "", ""];
    dictionary.push([names[k]!, form, "", type, questionOf(field, "redcap"), choice, "", validation, min === undefined ? "" : String(min), max === undefined ? "" : String(max), field.lero.role === "identifier" ? "y" : "", "", "", "", "", "", "", ""]);
  });
  const header = ["record_id", "redcap_survey_identifier", `${form}_timestamp`, "email_contact"];
  fields.forEach((field, k) => {
    if (field.type === "list") for (let c = 1; c <= categoriesOf(field).length; c++) header.push(`${names[k]}___${c}`);
    else header.push(names[k]!);
  });
  header.push(`${form}_complete`);
  const lines = sample.records.map((record, i) => {
    const t = times[i]!;
    const cells: string[] = [String(responseNumber(record, i)), "", qualtricsTime(t.end), people[i]!.email];
    for (const field of fields) {
      const cell = record[field.name] ?? "";
      const options = categoriesOf(field);
      if (field.type === "list") {
        const items = cell.split("\n");
        cells.push(...options.map((option) => (cell === "" ? "0" : items.includes(option) ? "1" : "0")));
      } else if (field.type === "boolean") {
        cells.push(cell === "" ? "" : /^(yes|true|1)$/i.test(cell) ? "1" : "0");
      } else if (options.length > 0 && cell !== "") {
        const code = options.findIndex((option) => option.toLowerCase() === cell.toLowerCase());
        // An answer outside the choices cannot be stored in a radio field; REDCap would hold it as typed.
        cells.push(code < 0 ? cell : String(code + 1));
      } else {
        cells.push(cell);
      }
    }
    cells.push("2");
    return cells;
  });
  // A REDCap project named after the dataset: the build finds its download without a rename.
  const project = sample.dataset;
  const dataFile = join(folder, `${project}_DATA_${sample.year}-12-01_0930.csv`);
  const dictionaryFile = join(folder, `${project}_DataDictionary_${sample.year}-12-01.csv`);
  writeFileSync(dataFile, [header, ...lines].map((line) => csvLine(line)).join(""));
  writeFileSync(dictionaryFile, `\uFEFF${[REDCAP_HEADER, ...dictionary].map((line) => csvLine(line)).join("")}`);
  return { ...base, file: dataFile, files: [dataFile, dictionaryFile] };
}

/** Re-saves every dataset as every tool into `out/<tool>/<dataset>/`. */
export async function resaveAll(out: string, limit: number): Promise<Resaved[]> {
  const written: Resaved[] = [];
  for (const dataset of DATASETS) {
    const sample = await sampleRows(dataset, limit);
    for (const tool of TOOLS) written.push(await resave(sample, tool, join(out, tool, dataset)));
  }
  return written;
}

if (process.argv[1]?.endsWith("resave.ts")) {
  const [out, rows] = process.argv.slice(2);
  if (out === undefined) {
    process.stderr.write("Usage: npx tsx scripts/sample/resave.ts OUT_DIR [ROWS]\n");
    process.exit(2);
  }
  const written = await resaveAll(out, rows === undefined ? 200 : Number(rows));
  for (const entry of written) process.stdout.write(`${entry.files.join("  ")}\n`);
}
