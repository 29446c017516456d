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
