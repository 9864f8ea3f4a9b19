/**
 * An index of the keys of accepted records, for primary keys, unique fields and unique key sets.
 *
 * Like `DuplicateRows`, it is an open-addressing table of hashes in typed arrays pointing at the
 * accepted records, sized for the rows expected and doubling when it fills; equal hashes are confirmed
 * against the key itself. A Map of a million composite key strings costs several times as much time
 * and memory. Keys are read back only to confirm equal hashes: from the accepted records when the
 * caller keeps them, otherwise through the function given instead, which reads the row again, so rows can be
 * checked in batches without holding a key per row.
 */

import { rehash } from "./rehash.ts";

export class KeyIndex {
  private hashes: Int32Array;
  /** Accepted record index + 1 in each slot; 0 marks an empty slot. */
  private slots: Int32Array;
  private mask: number;
  private count = 0;
  private pendingSlot = -1;
  private pendingHash = 0;
  /**
   * @param rows how many rows are expected (the table grows past it)
   * @param names the key's field names, to read the key back from an accepted record
   * @param positions where the key's values are in a row's values
   * @param records the accepted records, which the index points into, or a function giving the value
   *   at a position of an accepted record's values
   */
  constructor(
    rows: number,
    private readonly names: readonly string[],
    private readonly positions: readonly number[],
    private readonly records: readonly Record<string, unknown>[] | ((record: number, position: number) => unknown),
  ) {
    let size = 16;
    while (size < rows * 2) size *= 2;
    this.hashes = new Int32Array(size);
    this.slots = new Int32Array(size);
    this.mask = size - 1;
  }

  /**
   * The index of an accepted record with the same key as `values`, or -1 (and `add` may then
   * record it). A key with an empty part is never compared: it returns -1 and cannot be added.
   */
  find(values: readonly unknown[]): number {
    this.pendingSlot = -1;
    let hash = 0x811c9dc5;
    for (const position of this.positions) {
      const value = values[position];
      if (value === null || value === undefined) return -1;
      hash = mixValue(hash, value);
    }
    hash ^= hash >>> 16;
    hash = Math.imul(hash, 0x45d9f3b) ^ (hash >>> 13);
    let at = hash & this.mask;
    for (;;) {
      const slot = this.slots[at]!;
      if (slot === 0) break;
      if (this.hashes[at] === hash && this.matches(slot - 1, values)) return slot - 1;
      at = (at + 1) & this.mask;
    }
    this.pendingSlot = at;
    this.pendingHash = hash;
    return -1;
  }

  /** Records that the key last passed to `find` (which found nothing) belongs to accepted record `record`. */
  add(record: number): void {
    if (this.pendingSlot < 0) return;
    this.hashes[this.pendingSlot] = this.pendingHash;
    this.slots[this.pendingSlot] = record + 1;
    this.pendingSlot = -1;
    if (++this.count * 2 > this.slots.length) this.grow();
  }

  private grow(): void {
    ({ hashes: this.hashes, slots: this.slots, mask: this.mask } = rehash(this.hashes, this.slots));
  }

  private matches(record: number, values: readonly unknown[]): boolean {
    if (typeof this.records === "function") {
      for (const position of this.positions) if (!sameValue(this.records(record, position), values[position])) return false;
      return true;
    }
    const stored = this.records[record]!;
    for (let i = 0; i < this.names.length; i++) {
      if (!sameValue(stored[this.names[i]!], values[this.positions[i]!])) return false;
    }
    return true;
  }
}

function mixValue(hash: number, value: unknown): number {
  if (typeof value === "number" && (value | 0) === value) return Math.imul(Math.imul(hash ^ value, 16777619) ^ 0x2e, 16777619);
  if (Array.isArray(value)) {
    for (const item of value) hash = mixValue(hash, item);
    return Math.imul(hash ^ 0x5d, 16777619);
  }
  const text = typeof value === "string" ? value : String(value);
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 16777619);
  return Math.imul(hash ^ 0x1f, 16777619);
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
