import { SCORE_RESOLUTION } from "./index-config";
import { CODE_RANGE, codeCount, codeSlot, postingCode } from "./segment/segment-format";
import { MAX_STORED_COUNT } from "./term-frequencies";

/**
 * A word pair's posting in the full build's segment stores, in place of a term's count and
 * first-occurrence slot, the position of the pair's first word where the pair first occurs in
 * the item (non-stop words counted over the item's searched texts in field order: see
 * danish-encoder.ts appendTextTerms), written as a valid code: position = (count − 1) × slots +
 * slot. Two pairs at positions p and p + 1 share a word, so a phrase's pairs at consecutive
 * positions are the phrase itself (phrase-match.ts). Positions from
 * {@link UNKNOWN_PAIR_POSITION} on are all stored as it and prove nothing.
 */
export const UNKNOWN_PAIR_POSITION = MAX_STORED_COUNT * SCORE_RESOLUTION - 1;

/** The code a pair posting stores for a first position. */
export function pairPositionCode(position: number): number {
  const stored = Math.min(position, UNKNOWN_PAIR_POSITION);
  return postingCode(stored % SCORE_RESOLUTION, Math.floor(stored / SCORE_RESOLUTION) + 1);
}

/** The first position a pair posting's decoded slot and count stand for ({@link pairPositionCode}). */
export function pairPosition(slot: number, count: number): number {
  return (count - 1) * SCORE_RESOLUTION + slot;
}

/** The first position each valid posting code stands for ({@link pairPosition}); invalid codes (refused as damage) give the unknown one. */
export const POSITION_BY_CODE = Uint16Array.from({ length: CODE_RANGE }, (_, code) =>
  codeSlot(code) < SCORE_RESOLUTION ? Math.min(pairPosition(codeSlot(code), codeCount(code)), UNKNOWN_PAIR_POSITION) : UNKNOWN_PAIR_POSITION,
);
