/**
 * How often an item's field repeats a term: the term frequency BM25 needs and FlexSearch does not
 * keep (a "strict" field stores each term of an item once, with the slot of its first
 * occurrence). Only repeats are stored: for each term, the (item, field) pairs holding it twice
 * or more, in ordinal order. Most terms of most items occur once, so this holds a fraction of
 * the postings FlexSearch holds.
 */

/** Counts above this are stored as this; BM25 saturates long before. */
export const MAX_STORED_COUNT = 31;

const COUNT_BITS = 5;
const COUNT_MASK = (1 << COUNT_BITS) - 1;

/** The repeats of one term: parallel arrays, ordinals ascending. */
export interface RepeatPostings {
  ordinals: Uint32Array;
  /** `field index << 5 | min(count, 31)`: the field's position in INDEXED_FIELDS and the term's count in it (≥ 2). */
  codes: Uint8Array;
}

/** Term → its repeats. Terms no field of any item repeats are absent. */
export type TermFrequencies = Map<string, RepeatPostings>;

/** Packs a field index and a count into a {@link RepeatPostings} code. */
export function repeatCode(fieldIndex: number, count: number): number {
  return (fieldIndex << COUNT_BITS) | Math.min(count, MAX_STORED_COUNT);
}

/** The field index of a {@link RepeatPostings} code. */
export function codeField(code: number): number {
  return code >>> COUNT_BITS;
}

/** The count of a {@link RepeatPostings} code. */
export function codeCount(code: number): number {
  return code & COUNT_MASK;
}

/** Collects repeats item by item, ordinals ascending, while an index is built or a delta appended. */
export class TermFrequencyBuilder {
  private readonly entries = new Map<string, number[]>();

  /** Records the terms of field `fieldIndex` of item `ordinal`, repeats included, as the field indexes them. */
  addField(ordinal: number, fieldIndex: number, terms: readonly string[]): void {
    if (terms.length < 2) return;
    const counts = new Map<string, number>();
    for (const term of terms) counts.set(term, (counts.get(term) ?? 0) + 1);
    for (const [term, count] of counts) {
      if (count < 2) continue;
      let entry = this.entries.get(term);
      if (entry === undefined) {
        entry = [];
        this.entries.set(term, entry);
      }
      entry.push(ordinal, repeatCode(fieldIndex, count));
    }
  }

  /** Appends the collected repeats to `target`; every ordinal collected must exceed those already in it. */
  appendTo(target: TermFrequencies): void {
    for (const [term, pairs] of this.entries) {
      const added = pairs.length / 2;
      const existing = target.get(term);
      const offset = existing?.ordinals.length ?? 0;
      const ordinals = new Uint32Array(offset + added);
      const codes = new Uint8Array(offset + added);
      if (existing !== undefined) {
        ordinals.set(existing.ordinals);
        codes.set(existing.codes);
      }
      for (let i = 0; i < added; i++) {
        ordinals[offset + i] = pairs[2 * i] ?? 0;
        codes[offset + i] = pairs[2 * i + 1] ?? 0;
      }
      target.set(term, { ordinals, codes });
    }
    this.entries.clear();
  }
}
