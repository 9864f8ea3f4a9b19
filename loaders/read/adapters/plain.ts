import type { Cell } from "../../types.ts";
import { oneToOneColumns, type Adapted } from "../columns.ts";

/** A plain table: one header row whose labels are (or are mapped to) schema field names. */
export function adaptPlain(records: readonly Cell[][]): Adapted {
  return { format: "plain", headerRows: 1, columns: oneToOneColumns(records), metadata: [] };
}
