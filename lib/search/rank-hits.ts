/** How hits are ordered: by relevance (ties: newest first) or newest first (ties: relevance). */
export type SortOrder = "relevans" | "nyeste";

const SIXTEEN_BITS = 0xffff;
const ORDINAL_BITS = 2 ** 20;
const FIELD_SPAN = 2 ** 16;

/**
 * Sorts hit ordinals. Each hit becomes one float64 key — 16 bits of quantized score, 16 bits of
 * day, 20 bits of ordinal (53 bits fit exactly) — so the sort is a native numeric typed-array
 * sort without a comparator, and the ordinal breaks every remaining tie deterministically.
 * `maxScore` scales the quantization; pass the maximum over the unfiltered text hits so a facet
 * filter keeps the relative order of the hits it keeps.
 */
export function rankHits(ordinals: Uint32Array, score: Float32Array, maxScore: number, day: Int32Array, order: SortOrder): Uint32Array {
  const keys = new Float64Array(ordinals.length);
  for (let i = 0; i < ordinals.length; i++) {
    const ordinal = ordinals[i] ?? 0;
    const scoreRank = SIXTEEN_BITS - (maxScore > 0 ? Math.round(((score[ordinal] ?? 0) / maxScore) * SIXTEEN_BITS) : 0);
    const dayRank = SIXTEEN_BITS - Math.min(SIXTEEN_BITS, Math.max(0, day[ordinal] ?? 0));
    const rank = order === "nyeste" ? dayRank * FIELD_SPAN + scoreRank : scoreRank * FIELD_SPAN + dayRank;
    keys[i] = rank * ORDINAL_BITS + ordinal;
  }
  keys.sort();
  const sorted = new Uint32Array(keys.length);
  for (let i = 0; i < keys.length; i++) sorted[i] = (keys[i] ?? 0) % ORDINAL_BITS;
  return sorted;
}
