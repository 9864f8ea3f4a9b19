/**
 * One dataset through the pipeline: read → map columns → validate → disclose. Publishing is separate
 * (`publish.ts`), so a build can check every dataset before it writes anything.
 */
import { discloseRecords, type DisclosedDataset, type HeldText } from "../disclose/apply.ts";
import type { DisclosurePolicy } from "../disclose/policy.ts";
import type { PseudonymRegister } from "../disclose/register.ts";
import { applyMapping, loadMapping, readExport } from "../read/index.ts";
import type { TableSchema } from "../schema.ts";
import type { ExportFormat, Issue } from "../types.ts";
import { validateTable } from "../validate/index.ts";
import { locateExport, locateMapping } from "./locate.ts";

export interface DatasetInput {
  name: string;
  schema: TableSchema;
  dir: string;
  policy: DisclosurePolicy;
  pseudonymKey: string;
  register: PseudonymRegister;
  references: Record<string, ReadonlySet<string>>;
  allow?: ReadonlySet<string>;
}

export interface RejectionSummary {
  row: number;
  line: number;
  codes: string[];
}

export interface ProcessedDataset {
  name: string;
  schema: TableSchema;
  file: string;
  mapping?: string;
  format: ExportFormat;
  encoding: string;
  read: number;
  accepted: number;
  rejected: RejectionSummary[];
  /** Every issue, with positions; values are kept for the private report only. */
  issues: Issue[];
  /** Table-level errors: these stop the build. */
  fatal: Issue[];
  dropped: string[];
  disclosed?: DisclosedDataset;
  held: HeldText[];
}

/** A table-level error is one that is not about a single row (labels, schema, too many bad rows). */
export function isFatal(issue: Issue): boolean {
  return issue.severity === "error" && issue.row === undefined;
}

export async function processDataset(input: DatasetInput): Promise<ProcessedDataset> {
  const { name, schema, dir } = input;
  const file = locateExport(dir, name);
  const mappingFile = locateMapping(dir, name);
  const raw = await readExport(file);
  const table = applyMapping(raw, schema, mappingFile ? loadMapping(mappingFile) : {});
  const validation = validateTable(table, schema, { references: input.references, maxRejectedShare: input.policy.maxRejectedShare });
  const fatal = validation.issues.filter(isFatal);
  const processed: ProcessedDataset = {
    name,
    schema,
    file,
    ...(mappingFile ? { mapping: mappingFile } : {}),
    format: table.format,
    encoding: table.encoding,
    read: validation.read,
    accepted: validation.records.length,
    rejected: validation.rejected.map((r) => ({ row: r.row, line: r.line, codes: [...new Set(r.issues.map((i) => i.code))] })),
    issues: validation.issues,
    fatal,
    dropped: validation.dropped,
    held: [],
  };
  if (fatal.length > 0) return processed;
  const disclosed = discloseRecords(validation.records, schema, {
    policy: input.policy,
    pseudonymKey: input.pseudonymKey,
    register: input.register,
    rows: validation.rows,
    ...(input.allow ? { allow: input.allow } : {}),
  });
  processed.disclosed = disclosed;
  processed.held = disclosed.held;
  return processed;
}
