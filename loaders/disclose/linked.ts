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
 * - `complement(part, whole)`: the whole minus the part is a number too, though no table prints it
 *   (a base and an option count). It is protected like a count: for organisations a difference of
 *   1–2, for people one the primary rule would hide, hides the part.
 * - `protect()`: primary rules on every cell (and every complement), then secondary suppression over
 *   all relations until no relation has exactly one hidden member.
 *
 * Decision: a complement is not a cell: it is printed by nobody, so it is hidden whenever its part or
 * its whole is, and it never makes another cell hidden except when it is itself small and both are
 * shown. Modelling it as a hidden member of a sum would hide shown cells for nothing.
 */
import { protectWith, suppressSecondary, type ProtectedCell, type Slot } from "./cells.ts";
import { SYMBOLS, type LevelPolicy } from "./policy.ts";

const isHidden = (cell: ProtectedCell): boolean => cell.value === null && cell.symbol !== SYMBOLS.notApplicable;

export class LinkedCells {
  readonly #rules: LevelPolicy;
  readonly #cells = new Map<string, Slot>();
  readonly #groups: Slot[][] = [];
  #protected = false;

  constructor(rules: LevelPolicy) {
    this.#rules = rules;
  }

  /** The cell with this key, created with `raw` the first time; later calls must agree on `raw`. */
  cell(key: string, raw: number | null): Slot {
    const found = this.#cells.get(key);
    if (found) {
      if (found.raw !== raw) throw new Error(`Linked cell "${key}" was counted twice with different values (${found.raw}, ${raw}): two tables define it differently.`);
      return found;
    }
    if (this.#protected) throw new Error(`Linked cell "${key}" added after the set was protected.`);
    const slot: Slot = { raw, cell: { value: null } };
    this.#cells.set(key, slot);
    return slot;
  }

  /** A cell already declared. */
  get(key: string): Slot {
    const slot = this.#cells.get(key);
    if (!slot) throw new Error(`No linked cell "${key}".`);
    return slot;
  }

  /** Declares that `parts` add up to `whole`. */
  sum(parts: readonly Slot[], whole: Slot): void {
    this.#groups.push([...parts, whole]);
  }

  /** Declares that `whole − part` can be worked out, and protects it like a count. */
  complement(part: Slot, whole: Slot): void {
    this.#complements.push({ part, whole });
  }

  readonly #complements: { part: Slot; whole: Slot }[] = [];

  /** Applies the rules to every cell together; call once, after every cell and relation is declared. */
  protect(): void {
    if (this.#protected) return;
    this.#protected = true;
    for (const slot of this.#cells.values()) slot.cell = protectWith(slot.raw, this.#rules);
    // A difference that the primary rule would hide must not be printable: while both its part and
    // its whole are shown, hide the part (the count, not the base); then settle the sums again.
    const small = this.#complements.filter(({ part, whole }) => {
      if (part.raw === null || whole.raw === null) return false;
      const difference = whole.raw - part.raw;
      if (difference < 0) throw new RangeError(`A part (${part.raw}) is larger than its whole (${whole.raw}).`);
      return protectWith(difference, this.#rules).primary === true;
    });
    for (let changed = true; changed; ) {
      suppressSecondary(this.#groups);
      changed = false;
      for (const { part, whole } of small) {
        if (isHidden(part.cell) || isHidden(whole.cell)) continue;
        part.cell = { value: null, symbol: SYMBOLS.confidential, secondary: true };
        changed = true;
      }
    }
  }

  /** The protected cell for a key (after `protect`). */
  shown(key: string): ProtectedCell {
    if (!this.#protected) throw new Error("LinkedCells.shown() before protect().");
    const slot = this.#cells.get(key);
    if (!slot) throw new Error(`No linked cell "${key}".`);
    return slot.cell;
  }

  /** How many printed cells were hidden, and why (complements are not printed and not counted). */
  get suppressed(): { primary: number; secondary: number } {
    const cells = [...this.#cells.values()].map((s) => s.cell);
    return { primary: cells.filter((c) => c.primary).length, secondary: cells.filter((c) => c.secondary).length };
  }
}
