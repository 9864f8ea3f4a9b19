/**
 * `lero-evidence form`: the instrument a survey tool needs to collect a dataset, written from the
 * dataset's Table Schema, so that the tool's export reads with no mapping.
 */
import { randomBytes } from "node:crypto";
import { existsSync, statSync } from "node:fs";
import { rename, rm, writeFile } from "node:fs/promises";
import { basename, dirname, resolve } from "node:path";
import { loadSchema, type Dataset } from "../schema.ts";
import { sourceError } from "../read/errors.ts";
import { googleFormsScript } from "./google-forms.ts";
import { planForm } from "./questions.ts";
import { redcapDictionary } from "./redcap.ts";
import { xlsformWorkbook } from "./xlsform.ts";

export { planForm, DERIVED, type FormPlan, type Question, type QuestionKind } from "./questions.ts";
export { redcapDictionary, redcapChoices, redcapRecordId, REDCAP_HEADER } from "./redcap.ts";
export { xlsformSheets, xlsformWorkbook, xlsformChoices } from "./xlsform.ts";
export { googleFormsScript, computedColumns } from "./google-forms.ts";

export const FORM_TOOLS = ["redcap", "xlsform", "google-forms"] as const;
export type FormTool = (typeof FORM_TOOLS)[number];

/** What each tool's file is and the name it gets when `--out` is not given. */
export const FORM_FILES: Record<FormTool, { name: (dataset: string) => string; what: string }> = {
  redcap: { name: (dataset) => `${dataset}_DataDictionary.csv`, what: "REDCap data dictionary" },
  xlsform: { name: (dataset) => `${dataset}.xlsform.xlsx`, what: "XLSForm for ODK and KoboToolbox" },
  "google-forms": { name: (dataset) => `${dataset}.google-form.gs`, what: "Google Apps Script that creates the Google Form" },
};

/** The file's content for a dataset and tool. */
export async function formFile(dataset: Dataset, tool: FormTool, schemaDir?: string): Promise<Uint8Array | string> {
  const plan = planForm(schemaDir === undefined ? loadSchema(dataset) : loadSchema(dataset, schemaDir));
  switch (tool) {
    case "redcap":
      return redcapDictionary(plan);
    case "xlsform":
      return xlsformWorkbook(plan);
    case "google-forms":
      return googleFormsScript(plan);
  }
}

export interface WriteFormOptions {
  /** Where to write; `FORM_FILES[tool].name(dataset)` in the working folder by default. */
  out?: string;
  /** Replace a file that is already there. */
  force?: boolean;
}

/**
 * Writes the form file and returns its path. The file appears whole or not at all: it is written
 * beside its final name and renamed into place.
 *
 * @throws PipelineError (`source-error`) when the file exists and `force` is not set, or the folder is missing.
 */
export async function writeForm(dataset: Dataset, tool: FormTool, options: WriteFormOptions = {}): Promise<string> {
  const out = resolve(options.out ?? FORM_FILES[tool].name(dataset));
  if (existsSync(out) && statSync(out).isDirectory()) {
    throw sourceError(out, `is a folder; give --out the path of the file to write, for example ${resolve(out, FORM_FILES[tool].name(dataset))}.`);
  }
  if (existsSync(out) && options.force !== true) {
    throw sourceError(out, "already exists and was left as it is; add --force to replace it, or give another file with --out.");
  }
  if (!existsSync(dirname(out))) throw sourceError(out, `cannot be written: the folder ${dirname(out)} does not exist; create it first or choose another --out.`);
  const content = await formFile(dataset, tool);
  const partial = resolve(dirname(out), `.${basename(out)}.${randomBytes(4).toString("hex")}.partial`);
  try {
    await writeFile(partial, content);
    await rename(partial, out);
  } catch (error) {
    await rm(partial, { force: true });
    throw sourceError(out, `cannot be written (${(error as NodeJS.ErrnoException).code ?? String(error)}); check the folder can be written to.`, error);
  }
  return out;
}
