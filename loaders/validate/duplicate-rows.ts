/**
 * Finds rows whose every cell equals an earlier row's (a form submitted twice).
 *
 * The number of rows is known up front, so this is an open-addressing table of row hashes in typed
 * arrays: a million rows cost two small arrays rather than a Map of joined strings that keeps
 * growing. Equal hashes are confirmed cell by cell.
 */
import type { Cell } from "../types.ts";

export class DuplicateRows {
  private readonly hashes: Int32Array;
  /** Row index + 1 in each slot; 0 marks an empty slot. */
  private readonly slots: Int32Array;
  private readonly mask: number;

  /** `skip`: leading cells not compared (columns a mapping adds, such as a generated row ID). */
  constructor(
    private readonly rows: readonly (readonly Cell[])[],
    private readonly skip = 0,
  ) {
    let size = 16;
    while (size < rows.length * 2) size *= 2;
    this.hashes = new Int32Array(size);
    this.slots = new Int32Array(size);
    this.mask = size - 1;
  }

  /** The index of an earlier identical row; otherwise remembers this row and returns -1. */
  check(index: number): number {
    const cells = this.rows[index]!;
    const hash = hashCells(cells, this.skip);
    let at = hash & this.mask;
    for (;;) {
      const slot = this.slots[at]!;
      if (slot === 0) break;
      if (this.hashes[at] === hash && sameCells(this.rows[slot - 1]!, cells, this.skip)) return slot - 1;
      at = (at + 1) & this.mask;
    }
    this.hashes[at] = hash;
    this.slots[at] = index + 1;
    return -1;
  }
}

function hashCells(cells: readonly Cell[], skip: number): number {
  let hash = 0x811c9dc5;
  for (let i = skip; i < cells.length; i++) {
    const cell = cells[i];
    if (cell === null || cell === undefined) {
      hash = Math.imul(hash ^ 0x9e37, 16777619);
    } else {
      for (let j = 0; j < cell.length; j++) hash = Math.imul(hash ^ cell.charCodeAt(j), 16777619);
    }
    // A separator between cells, so ["ab", "c"] and ["a", "bc"] differ.
    hash = Math.imul(hash ^ 0x1f, 16777619);
  }
  // Spread the low bits, which pick the slot.
  hash ^= hash >>> 16;
  return Math.imul(hash, 0x45d9f3b) ^ (hash >>> 13);
}

function sameCells(a: readonly Cell[], b: readonly Cell[], skip: number): boolean {
  if (a.length !== b.length) return false;
  for (let i = skip; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
