/**
 * Finds rows whose every cell equals an earlier row's (a form submitted twice).
 *
 * An open-addressing table of row hashes in typed arrays: a million rows cost two small arrays rather
 * than a Map of joined strings. It is sized for the rows expected and doubles when it fills, so rows
 * can come in batches. Equal hashes are confirmed cell by cell against the earlier row, which
 * `cellsOf` gives back: from the whole table, or re-read when the rows come in batches.
 */
import type { Cell } from "../types.ts";
import { rehash } from "./rehash.ts";

export class DuplicateRows {
  private hashes: Int32Array;
  /** Row index + 1 in each slot; 0 marks an empty slot. */
  private slots: Int32Array;
  private mask: number;
  private count = 0;

  /**
   * @param cellsOf the cells of an earlier row, by its 0-based index
   * @param rows how many rows are expected (the table grows past it)
   * @param skip leading cells not compared (columns a mapping adds, such as a generated row ID)
   */
  constructor(
    private readonly cellsOf: (index: number) => readonly Cell[],
    rows: number,
    private readonly skip = 0,
  ) {
    let size = 16;
    while (size < rows * 2) size *= 2;
    this.hashes = new Int32Array(size);
    this.slots = new Int32Array(size);
    this.mask = size - 1;
  }

  /** The index of an earlier identical row; otherwise remembers row `index` (whose cells are `cells`) and returns -1. */
  check(index: number, cells: readonly Cell[]): number {
    const hash = hashCells(cells, this.skip);
    let at = hash & this.mask;
    for (;;) {
      const slot = this.slots[at]!;
      if (slot === 0) break;
      if (this.hashes[at] === hash && sameCells(this.cellsOf(slot - 1), cells, this.skip)) return slot - 1;
      at = (at + 1) & this.mask;
    }
    this.hashes[at] = hash;
    this.slots[at] = index + 1;
    if (++this.count * 2 > this.slots.length) this.grow();
    return -1;
  }

  private grow(): void {
    ({ hashes: this.hashes, slots: this.slots, mask: this.mask } = rehash(this.hashes, this.slots));
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
