import { SCORE_RESOLUTION } from "../index-config";

/** One term's postings in one field: parallel arrays, ordinals strictly ascending. */
export interface FieldPostings {
  ordinals: Uint32Array;
  /** FlexSearch's score slot of the term's FIRST occurrence in the field: 0..SCORE_RESOLUTION-1. */
  slots: Uint8Array;
  /** How often the term occurs in the field, capped at MAX_STORED_COUNT (31, from term-frequencies.ts); >= 1. */
  counts: Uint8Array;
}

/**
 * Reusable arrays a segment decodes postings into (see Segment.postings): a common word's lists
 * hold a million postings, and fresh arrays for each were most of a search's garbage. Grown as
 * needed; the lists decoded into them are views, valid until the next decode.
 */
export class PostingsBuffers {
  ordinals = new Uint32Array(0);
  slots = new Uint8Array(0);
  counts = new Uint8Array(0);

  /** Views of `count` entries, growing the buffers when they are shorter. */
  take(count: number): FieldPostings {
    if (this.ordinals.length < count) {
      const capacity = Math.max(count, this.ordinals.length * 2, 1024);
      this.ordinals = new Uint32Array(capacity);
      this.slots = new Uint8Array(capacity);
      this.counts = new Uint8Array(capacity);
    }
    return { ordinals: this.ordinals.subarray(0, count), slots: this.slots.subarray(0, count), counts: this.counts.subarray(0, count) };
  }
}

/**
 * The slot FlexSearch ("strict", resolution SCORE_RESOLUTION, no custom score) gives a term whose
 * first occurrence is at `position` among `termCount` terms: a verbatim copy of flexsearch's
 * get_score(resolution, length, i) in node_modules/flexsearch/src/index/add.js (a "strict" field
 * passes neither term_length nor x).
 */
export function firstOccurrenceSlot(position: number, termCount: number): number {
  const resolution = SCORE_RESOLUTION;
  return position && resolution > 1
    ? termCount <= resolution
      ? position
      : (((resolution - 1) / termCount) * position + 1) | 0
    : 0;
}
