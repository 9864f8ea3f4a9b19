/**
 * Linked cells: the cell rules applied across several published tables at once.
 *
 * `protectCounts` protects one table. When tables share a population, an intruder sets them side by
 * side: the same cell appears in two tables, a section total is the sum of its statements, a base minus
 * an option count gives the organisations that did not choose it. A `LinkedCells` set holds every such
 * number once, by key, with the linear relations between them, and protects them together:
 *
 * - `cell(key, raw)`: one number; asking for a key twice gives the same cell, so two tables that show
 *   it show the same value or the same symbol.
 * - `sum(parts, whole)`: the parts add up to the whole (cells of a row and its total, statements and
 *   their section).
 * - `complement(part, whole)`: the whole minus the part, a number no table prints but anyone can work
 *   out while both are shown (a base and an option count). It is protected like a count: when the
 *   primary rule would hide it (organisations: 1–2; people: 1 to the threshold), the part is hidden.
 *   It is returned so that it can take part in sums (LEROs not choosing an option, by region, add up
 *   to those not choosing it in the UK).
 * - `protect()`: primary rules on every cell, then secondary suppression over all relations until none
 *   gives a hidden cell away.
 *
 * Secondary suppression: in a sum whose whole is shown, the hidden parts add up to a known number S.
 * One hidden part would be given away exactly; k hidden printed parts, each at least 1 (zeros are
 * shown), each lie in 1…S − k + 1, so they stay protected only while S − k ≥ threshold − 1
 * (organisations: two hidden parts must add up to at least 3, or both are pinned at 1). A hidden
 * complement may be 0, so it lowers that floor by nothing. While a sum breaks that, the smallest
 * shown non-zero part is hidden too (for a complement: its part). This is the test the built-in
 * intruder's interval audit makes exactly; here it is the cheap rule that passes it.
 *
 * Decision: a complement is hidden whenever its part or its whole is, and hiding it means hiding its
 * part: it is never printed, so that is the only way to take it out of a reader's reach.
 */
import { protectWith, type ProtectedCell } from "./cells.ts";
import { SYMBOLS, type LevelPolicy } from "./policy.ts";

/** A number of the set: a printed cell, or a complement (`derived`) that is never printed. */
export interface LinkedSlot {
  readonly key: string;
  raw: number | null;
  cell: ProtectedCell;
  readonly derived?: { part: LinkedSlot; whole: LinkedSlot };
}

export class LinkedCells {
  readonly #rules: LevelPolicy;
  readonly #cells = new Map<string, LinkedSlot>();
  readonly #complements: LinkedSlot[] = [];
  readonly #sums: { parts: LinkedSlot[]; whole: LinkedSlot }[] = [];
  #protected = false;

  constructor(rules: LevelPolicy) {
    this.#rules = rules;
  }

  /** The cell with this key, created with `raw` the first time; later calls must agree on `raw`. */
  cell(key: string, raw: number | null): LinkedSlot {
    const found = this.#cells.get(key);
    if (found) {
      if (found.raw !== raw) throw new Error(`Linked cell "${key}" was counted twice with different values (${found.raw}, ${raw}): two tables define it differently.`);
      return found;
    }
    if (this.#protected) throw new Error(`Linked cell "${key}" added after the set was protected.`);
    const slot: LinkedSlot = { key, raw, cell: { value: null } };
    this.#cells.set(key, slot);
    return slot;
  }

  /** A cell already declared. */
  get(key: string): LinkedSlot {
    const slot = this.#cells.get(key);
    if (!slot) throw new Error(`No linked cell "${key}".`);
    return slot;
  }

  /** Declares that `parts` add up to `whole`. */
  sum(parts: readonly LinkedSlot[], whole: LinkedSlot): void {
    this.#sums.push({ parts: [...parts], whole });
  }

  /** Declares that `whole − part` can be worked out, protects it like a count, and returns it. */
  complement(part: LinkedSlot, whole: LinkedSlot): LinkedSlot {
    if (part.derived || whole.derived) throw new Error("A complement is taken between printed cells.");
    const raw = part.raw === null || whole.raw === null ? null : whole.raw - part.raw;
    if (raw !== null && raw < 0) throw new RangeError(`A part (${part.raw}) is larger than its whole (${whole.raw}).`);
    const slot: LinkedSlot = { key: `${whole.key} − ${part.key}`, raw, cell: { value: null }, derived: { part, whole } };
    this.#complements.push(slot);
    return slot;
  }

  /** Applies the rules to every cell together; call once, after every cell and relation is declared. */
  protect(): void {
    if (this.#protected) return;
    this.#protected = true;
    for (const slot of [...this.#cells.values(), ...this.#complements]) slot.cell = protectWith(slot.raw, this.#rules);
    const threshold = this.#rules.threshold;
    for (let changed = true; changed; ) {
      changed = false;
      for (const complement of this.#complements) {
        if (needsHiding(complement.cell) && !isHidden(complement)) changed = hide(complement) || changed;
      }
      for (const { parts, whole } of this.#sums) {
        if (isHidden(whole)) {
          // The hidden parts' sum is unknown; only a lone hidden member could still be worked out.
          if (!parts.some(isHidden)) changed = hideSmallest(parts) || changed;
          continue;
        }
        const hidden = parts.filter(isHidden);
        if (hidden.length === 0) continue;
        // Each hidden printed cell is at least 1 (zeros are shown); a complement may be 0.
        const known = hidden.reduce((total, slot) => total + (slot.raw ?? 0), 0);
        const floor = hidden.filter((slot) => !slot.derived).length;
        if (hidden.length > 1 && known - floor >= threshold - 1) continue;
        changed = hideSmallest(parts) || hideSmallest([whole]) || changed;
      }
    }
  }

  /** The protected cell for a key (after `protect`). */
  shown(key: string): ProtectedCell {
    if (!this.#protected) throw new Error("LinkedCells.shown() before protect().");
    return this.get(key).cell;
  }

  /** Whether a complement can be worked out from what is shown (after `protect`). */
  printable(complement: LinkedSlot): boolean {
    return !isHidden(complement);
  }

  /** How many printed cells were hidden, and why (complements are not printed and not counted). */
  get suppressed(): { primary: number; secondary: number } {
    const cells = [...this.#cells.values()].map((s) => s.cell);
    return { primary: cells.filter((c) => c.primary).length, secondary: cells.filter((c) => c.secondary).length };
  }
}

function needsHiding(cell: ProtectedCell): boolean {
  return cell.symbol === SYMBOLS.confidential || cell.symbol === SYMBOLS.low;
}

function isHidden(slot: LinkedSlot): boolean {
  if (slot.derived) return isHidden(slot.derived.part) || isHidden(slot.derived.whole);
  return needsHiding(slot.cell);
}

/** Hides a shown cell (a complement: its part); false when there is nothing that can be hidden. */
function hide(slot: LinkedSlot): boolean {
  const target = slot.derived ? slot.derived.part : slot;
  if (isHidden(target) || target.raw === null || target.raw === 0) return false;
  target.cell = { value: null, symbol: SYMBOLS.confidential, secondary: true };
  return true;
}

/** Hides the smallest shown non-zero member (ties: the first). */
function hideSmallest(members: readonly LinkedSlot[]): boolean {
  let pick: LinkedSlot | undefined;
  for (const slot of members) {
    const target = slot.derived ? slot.derived.part : slot;
    if (isHidden(slot) || target.raw === null || target.raw === 0 || slot.raw === null || slot.raw === 0) continue;
    if (pick === undefined || slot.raw < pick.raw!) pick = slot;
  }
  return pick !== undefined && hide(pick);
}
