import { kernelOf } from "./segment/postings-kernel";

/** How hits are ordered: by relevance (ties: newest first) or newest first (ties: relevance). */
export type SortOrder = "relevans" | "nyeste";

// A sort key is one float64 holding an integer below 2^53: [rank | ordinal], the rank made of a
// quantized score and a day. The ordinal takes as many bits as the index needs, the score the rest.
const KEY_BITS = 53;
const DAY_BITS = 16;
const DAY_MAX = 2 ** DAY_BITS - 1;
/** Fewer score levels than this and near-equal scores would tie too often to be ranked by relevance. */
const MIN_SCORE_BITS = 8;

/**
 * The most items whose hits rank-hits.ts can order: ordinals keep `KEY_BITS - DAY_BITS -
 * MIN_SCORE_BITS` = 29 bits (536,870,912 items). At 10 million items the score keeps 13 bits
 * (8,192 levels relative to the best hit); ties beyond that go to the newer item, then the lower
 * ordinal.
 */
export const MAX_RANKED_ITEMS = 2 ** (KEY_BITS - DAY_BITS - MIN_SCORE_BITS);

/** How the keys of one index size are laid out. */
interface KeyLayout {
  /** 2^(ordinal bits): the multiplier of the rank and the modulus that recovers the ordinal. */
  ordinalSpan: number;
  /** The largest quantized score, 2^(score bits) − 1. */
  scoreMax: number;
}

/** The key layout for an index of `size` items (ordinals 0..size-1). */
export function keyLayout(size: number): KeyLayout {
  if (size > MAX_RANKED_ITEMS) throw new Error(`Hits of at most ${MAX_RANKED_ITEMS} items can be ranked, not ${size}`);
  const ordinalBits = size <= 1 ? 1 : 32 - Math.clz32(size - 1);
  return { ordinalSpan: 2 ** ordinalBits, scoreMax: 2 ** (KEY_BITS - DAY_BITS - ordinalBits) - 1 };
}

/**
 * Sorts hit ordinals. Each hit becomes one float64 key — quantized score, 16 bits of day and the
 * ordinal (see {@link keyLayout}) — so the sort is a native numeric typed-array sort without a
 * comparator, and the ordinal breaks every remaining tie deterministically. `day` holds one entry
 * per item of the index (its length is the index size). `maxScore` scales the quantization; pass
 * the maximum over the unfiltered text hits so a facet filter keeps the relative order of the
 * hits it keeps.
 */
export function rankHits(ordinals: Uint32Array, score: Float32Array, maxScore: number, day: Int32Array, order: SortOrder, toScore: ToScore = scoreIsValue): Uint32Array {
  const { keys, ordinalSpan } = rankKeys(ordinals, score, scaleOf(maxScore, day, toScore), day, order);
  keys.sort();
  return ordinalsOf(keys, ordinalSpan);
}

/**
 * The first `limit` hits in {@link rankHits} order (all of them when fewer). A search shows 20
 * hits of maybe a million, so the full key is built only for a shortlist: one pass buckets every
 * hit by the leading part of its rank (quantized score, or day for "nyeste") and counts the
 * buckets, and only hits in the buckets up to the one that reaches `limit` go on to a
 * linear-time selection of the smallest keys and a sort of those.
 */
export function rankTopHits(ordinals: Uint32Array, score: Float32Array, maxScore: number, day: Int32Array, order: SortOrder, limit: number, toScore: ToScore = scoreIsValue): Uint32Array {
  const scale = scaleOf(maxScore, day, toScore);
  const candidates = limit * 4 >= ordinals.length ? ordinals : shortlist(ordinals, score, scale, day, order, limit);
  const { keys, ordinalSpan } = rankKeys(candidates, score, scale, day, order);
  // Past a quarter of the hits a full native sort is as fast as selecting first.
  if (limit * 4 >= keys.length) {
    keys.sort();
    return ordinalsOf(keys.subarray(0, Math.min(limit, keys.length)), ordinalSpan);
  }
  selectSmallest(keys, limit);
  const top = keys.subarray(0, limit);
  top.sort();
  return ordinalsOf(top, ordinalSpan);
}

/** Buckets of the leading rank: few enough to count in a small table, enough to make a shortlist short. */
const LEAD_BUCKET_BITS = 12;

/** Hits whose leading rank is sampled to guess a bound for the shortlist. */
const SAMPLES = 1024;

/** The sampled bound aims at this many times `limit` hits, so it rarely falls short of the page. */
const SAMPLE_MARGIN = 8;

/**
 * The hits whose leading rank (see {@link rankTopHits}) is at most that of the `limit`-th best:
 * every hit of the first `limit` is among them, in input order. Among many hits, the leading
 * rank of an evenly spaced sample gives a bound that about `SAMPLE_MARGIN × limit` hits meet, and
 * one pass keeps those (a common word at 1M items: 993,000 hits, 13 ms with the histogram, a few
 * with the bound). Should fewer than `limit` meet it, a histogram of every hit's bucket finds the
 * bound exactly.
 */
function shortlist(ordinals: Uint32Array, score: Float32Array, scale: ScoreScale, day: Int32Array, order: SortOrder, limit: number): Uint32Array {
  if (ordinals.length >= SAMPLES * 4 && ordinals.length >= limit * SAMPLE_MARGIN * 16) {
    const bound = sampledBound(ordinals, score, scale, day, order, limit);
    // A search's hits and scores in a postings kernel's memory are kept by its pass (the same hits).
    const kernel = kernelOf(score);
    if (order === "relevans" && kernel !== undefined && kernel.holds(score) && kernel.holdsOrdinals(ordinals)) {
      const kept = kernel.keepByScore(ordinals, score, scoreFloor(bound, scale));
      if (kept.length >= limit) return kept.slice();
    } else {
      const kept = keptBuffer(ordinals.length);
      const count = order === "nyeste" ? keepByDay(ordinals, day, bound, kept) : keepByScore(ordinals, score, scoreFloor(bound, scale), kept);
      if (count >= limit) return kept.slice(0, count);
    }
  }
  return histogramShortlist(ordinals, score, scale, day, order, limit);
}

/** The leading rank that about `SAMPLE_MARGIN × limit` of the hits reach, judged from an evenly spaced sample. */
function sampledBound(ordinals: Uint32Array, score: Float32Array, scale: ScoreScale, day: Int32Array, order: SortOrder, limit: number): number {
  const ranks = new Float64Array(SAMPLES);
  const stride = ordinals.length / SAMPLES;
  for (let k = 0; k < SAMPLES; k++) {
    const ordinal = ordinals[Math.floor(k * stride)] ?? 0;
    ranks[k] = order === "nyeste" ? dayRankOf(day[ordinal] ?? 0) : scoreRankOf(score[ordinal] ?? 0, scale);
  }
  ranks.sort();
  const wanted = Math.ceil((SAMPLE_MARGIN * limit * SAMPLES) / ordinals.length);
  return ranks[Math.min(SAMPLES, wanted) - 1] ?? 0;
}

// The keep loops return how many they kept, the caller copying them out: a call after the loop
// (`slice`) has no type feedback when V8 compiles the loop while it runs, and such compiled
// code was left there on every fourth search of a common word.

/** Writes the hits whose score value is at least `floor` (see {@link scoreFloor}) to `kept`, in input order; returns how many. */
function keepByScore(ordinals: Uint32Array, score: Float32Array, floor: number, kept: Uint32Array): number {
  let count = 0;
  for (let i = 0; i < ordinals.length; i++) {
    const ordinal = ordinals[i] ?? 0;
    if ((score[ordinal] ?? 0) >= floor) kept[count++] = ordinal;
  }
  return count;
}

const floatBits = new Uint32Array(1);
const floatOfBits = new Float32Array(floatBits.buffer);
/** The bits of float32 +Infinity, above those of every finite non-negative float32. */
const INFINITY_BITS = 0x7f800000;

/**
 * The least float32 score value whose rank ({@link scoreRankOf}) is at most `bound` (Infinity
 * when none is). The rank never rises as the value grows (the score never falls as its value
 * grows, and each step of the rank is monotonic), and non-negative float32 values order as their
 * bits do, so a binary search over the bits finds it and a value (a float32, ≥ 0) ranks within
 * the bound exactly when it is at least this: one comparison per hit instead of working out its
 * score, a division and a rounding (`kommune`'s 993,000 hits: 3 → 1 ms).
 */
function scoreFloor(bound: number, scale: ScoreScale): number {
  let lo = 0;
  let hi = INFINITY_BITS;
  if (rankOfBits(hi, scale) > bound) return Infinity;
  while (lo < hi) {
    const mid = lo + Math.floor((hi - lo) / 2);
    if (rankOfBits(mid, scale) <= bound) hi = mid;
    else lo = mid + 1;
  }
  floatBits[0] = lo;
  return floatOfBits[0] ?? Infinity;
}

function rankOfBits(bits: number, scale: ScoreScale): number {
  floatBits[0] = bits;
  return scoreRankOf(floatOfBits[0] ?? 0, scale);
}

/** Writes the hits whose day rank is at most `bound` to `kept`, in input order; returns how many. */
function keepByDay(ordinals: Uint32Array, day: Int32Array, bound: number, kept: Uint32Array): number {
  let count = 0;
  for (let i = 0; i < ordinals.length; i++) {
    const ordinal = ordinals[i] ?? 0;
    if (dayRankOf(day[ordinal] ?? 0) <= bound) kept[count++] = ordinal;
  }
  return count;
}

/**
 * The shortlist found exactly: one pass buckets every hit by its leading rank and counts the
 * buckets; the hits in the buckets up to the one that reaches `limit` are kept.
 */
function histogramShortlist(ordinals: Uint32Array, score: Float32Array, scale: ScoreScale, day: Int32Array, order: SortOrder, limit: number): Uint32Array {
  const leadBits = order === "nyeste" ? DAY_BITS : 32 - Math.clz32(scale.scoreMax);
  const shift = Math.max(0, leadBits - LEAD_BUCKET_BITS);
  const histogram = new Uint32Array((1 << Math.min(leadBits, LEAD_BUCKET_BITS)) + 1);
  const buckets = bucketBuffer(ordinals.length);
  // One loop per order, so neither tests the order once per hit.
  if (order === "nyeste") {
    for (let i = 0; i < ordinals.length; i++) {
      const bucket = dayRankOf(day[ordinals[i] ?? 0] ?? 0) >>> shift;
      buckets[i] = bucket;
      histogram[bucket] = (histogram[bucket] ?? 0) + 1;
    }
  } else {
    for (let i = 0; i < ordinals.length; i++) {
      const bucket = scoreRankOf(score[ordinals[i] ?? 0] ?? 0, scale) >>> shift;
      buckets[i] = bucket;
      histogram[bucket] = (histogram[bucket] ?? 0) + 1;
    }
  }
  let last = 0;
  let count = histogram[0] ?? 0;
  while (count < limit && last < histogram.length - 1) count += histogram[++last] ?? 0;
  const kept = new Uint32Array(count);
  let at = 0;
  for (let i = 0; i < ordinals.length; i++) {
    if ((buckets[i] ?? 0) <= last) kept[at++] = ordinals[i] ?? 0;
  }
  return kept;
}

// Reused across searches (they run synchronously): a million hits' kept ordinals are 4 MB.
let keptScratch = new Uint32Array(0);

function keptBuffer(length: number): Uint32Array {
  if (keptScratch.length < length) keptScratch = new Uint32Array(Math.max(length, keptScratch.length * 2));
  return keptScratch;
}

// Reused across searches (they run synchronously): a million hits' buckets are 2 MB.
let buckets = new Uint16Array(0);

function bucketBuffer(length: number): Uint16Array {
  if (buckets.length < length) buckets = new Uint16Array(Math.max(length, buckets.length * 2));
  return buckets;
}

/** The relevance of some hits as the ranking reads it. */
interface ScoreScale {
  /** The highest score among the hits: the quantization's scale. */
  maxScore: number;
  /** The largest quantized score ({@link keyLayout}). */
  scoreMax: number;
  /** The score a value of the score column stands for (monotone: never lower for a higher value). */
  toScore: ToScore;
}

/** The score a value of a score column stands for (see TextMatch.toScore in match-terms.ts). */
export type ToScore = (value: number) => number;

/** {@link ToScore} of a column holding the scores. */
export const scoreIsValue: ToScore = (value) => value;

function scaleOf(maxScore: number, day: Int32Array, toScore: ToScore): ScoreScale {
  return { maxScore, scoreMax: keyLayout(day.length).scoreMax, toScore };
}

/**
 * The rank of a score value: 0 for the best. Rounds with `Math.floor(x + 0.5)` (x ≥ 0), which V8
 * compiles to a few instructions, where `Math.round` took ~10 ns a call on this machine (13 ms
 * over a common word's million hits); every ranking path calls this one function, so all agree.
 */
function scoreRankOf(value: number, { maxScore, scoreMax, toScore }: ScoreScale): number {
  const score = toScore(value);
  return scoreMax - (maxScore > 0 ? Math.floor((Math.min(score, maxScore) / maxScore) * scoreMax + 0.5) : 0);
}

function dayRankOf(day: number): number {
  return DAY_MAX - Math.min(DAY_MAX, Math.max(0, day));
}

function rankKeys(ordinals: Uint32Array, score: Float32Array, scale: ScoreScale, day: Int32Array, order: SortOrder): { keys: Float64Array; ordinalSpan: number } {
  const { ordinalSpan } = keyLayout(day.length);
  const scoreSpan = scale.scoreMax + 1;
  const keys = new Float64Array(ordinals.length);
  for (let i = 0; i < ordinals.length; i++) {
    const ordinal = ordinals[i] ?? 0;
    const scoreRank = scoreRankOf(score[ordinal] ?? 0, scale);
    const dayRank = dayRankOf(day[ordinal] ?? 0);
    const rank = order === "nyeste" ? dayRank * scoreSpan + scoreRank : scoreRank * (DAY_MAX + 1) + dayRank;
    keys[i] = rank * ordinalSpan + ordinal;
  }
  return { keys, ordinalSpan };
}

function ordinalsOf(keys: Float64Array, ordinalSpan: number): Uint32Array {
  const sorted = new Uint32Array(keys.length);
  for (let i = 0; i < keys.length; i++) sorted[i] = (keys[i] ?? 0) % ordinalSpan;
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
