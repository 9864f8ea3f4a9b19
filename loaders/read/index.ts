/**
 * Readers and export-format adapters: from a survey tool's export (CSV or XLSX) to one RawTable with
 * a single header, ready for validation.
 */
export { readExport, type ReadOptions } from "./read.ts";
export { detectFormat, type DetectHints } from "./detect.ts";
export { inspectExport, formatInspection, inferType, type Inspection, type InspectOptions, type ColumnInspection, type InferredType } from "./inspect.ts";
export { loadMapping, applyMapping, type ColumnMapping, type ConstantColumn, type GeneratedColumn } from "./mapping.ts";
export { splitMultiSelect } from "./multiselect.ts";
export { lookOf, describeLook, isPersonalLook, type ColumnLook } from "./looks.ts";
export { draftMapping, formatDraft, matchedCount, textScore, SURE_SCORE, GUESS_SCORE, type DraftMapping, type DraftColumn, type DraftAdded } from "./draft-mapping.ts";
