/**
 * Doubles an open-addressing table of hashes (`DuplicateRows`, `KeyIndex`): each filled slot's hash
 * and value (an index + 1; 0 marks an empty slot) moved to its place in a table twice the size.
 */
export function rehash(hashes: Int32Array, slots: Int32Array): { hashes: Int32Array; slots: Int32Array; mask: number } {
  const grown = { hashes: new Int32Array(slots.length * 2), slots: new Int32Array(slots.length * 2), mask: slots.length * 2 - 1 };
  for (let i = 0; i < slots.length; i++) {
    if (slots[i] === 0) continue;
    let at = hashes[i]! & grown.mask;
    while (grown.slots[at] !== 0) at = (at + 1) & grown.mask;
    grown.hashes[at] = hashes[i]!;
    grown.slots[at] = slots[i]!;
  }
  return grown;
}
