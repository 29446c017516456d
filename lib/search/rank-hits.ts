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
  const keys = rankKeys(ordinals, score, maxScore, day, order);
  keys.sort();
  return ordinalsOf(keys);
}

/**
 * The first `limit` hits in {@link rankHits} order (all of them when fewer): a linear-time
 * selection of the smallest keys, then a sort of only those. A search shows 20 hits of maybe
 * 90,000, and sorting them all was the largest cost of a common word.
 */
export function rankTopHits(ordinals: Uint32Array, score: Float32Array, maxScore: number, day: Int32Array, order: SortOrder, limit: number): Uint32Array {
  const keys = rankKeys(ordinals, score, maxScore, day, order);
  // Past a quarter of the hits a full native sort is as fast as selecting first.
  if (limit * 4 >= keys.length) {
    keys.sort();
    return ordinalsOf(keys.subarray(0, Math.min(limit, keys.length)));
  }
  selectSmallest(keys, limit);
  const top = keys.subarray(0, limit);
  top.sort();
  return ordinalsOf(top);
}

function rankKeys(ordinals: Uint32Array, score: Float32Array, maxScore: number, day: Int32Array, order: SortOrder): Float64Array {
  const keys = new Float64Array(ordinals.length);
  for (let i = 0; i < ordinals.length; i++) {
    const ordinal = ordinals[i] ?? 0;
    const scoreRank = SIXTEEN_BITS - (maxScore > 0 ? Math.round(((score[ordinal] ?? 0) / maxScore) * SIXTEEN_BITS) : 0);
    const dayRank = SIXTEEN_BITS - Math.min(SIXTEEN_BITS, Math.max(0, day[ordinal] ?? 0));
    const rank = order === "nyeste" ? dayRank * FIELD_SPAN + scoreRank : scoreRank * FIELD_SPAN + dayRank;
    keys[i] = rank * ORDINAL_BITS + ordinal;
  }
  return keys;
}

function ordinalsOf(keys: Float64Array): Uint32Array {
  const sorted = new Uint32Array(keys.length);
  for (let i = 0; i < keys.length; i++) sorted[i] = (keys[i] ?? 0) % ORDINAL_BITS;
  return sorted;
}

/** Rearranges `keys` so its first `count` entries are its `count` smallest (Hoare quickselect; keys are distinct). */
function selectSmallest(keys: Float64Array, count: number): void {
  let lo = 0;
  let hi = keys.length - 1;
  const target = count - 1;
  while (lo < hi) {
    const pivot = median3(keys[lo] ?? 0, keys[(lo + hi) >>> 1] ?? 0, keys[hi] ?? 0);
    let i = lo;
    let j = hi;
    while (i <= j) {
      while ((keys[i] ?? 0) < pivot) i++;
      while ((keys[j] ?? 0) > pivot) j--;
      if (i <= j) {
        const swap = keys[i] ?? 0;
        keys[i] = keys[j] ?? 0;
        keys[j] = swap;
        i++;
        j--;
      }
    }
    if (target <= j) hi = j;
    else if (target >= i) lo = i;
    else return;
  }
}

function median3(a: number, b: number, c: number): number {
  return Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
}
