import { clearBits, setBits } from "./bit-columns";
import { fieldsForRestriction, SCORE_RESOLUTION, type FieldRestriction } from "./index-config";
import { forEachRangedList, type ExpandedTerm } from "./index-postings";
import { expand, forEachTermList, matchingOrder, reusableCandidateBuffer, reusableScoreColumn, reusableStrengthColumn, unitGains, type Expansion } from "./match-terms";
import { keyLayout, rankTopHits } from "./rank-hits";
import type { SearchIndex } from "./search-index";
import { CorruptIndexFileError } from "./section-store";
import { PostingsBuffers } from "./segment/field-postings";
import { kernelOf, kernelOfMemory, type PostingsKernel } from "./segment/postings-kernel";
import type { ListLocation } from "./segment/segment";
import { CODE_RANGE, codeSlot, postingCode } from "./segment/segment-format";
import { gainsFingerprint, type RangeTable } from "./segment/term-ranges";
import { VarintReader } from "./segment/varint";
import { wordGainsFingerprint } from "./word-families";
import { seek } from "./sorted-ordinals";
import { formStrength, inverseDocumentFrequency, K1, saturate } from "./term-score";

/**
 * A search of common words without reading all of their postings (the plain path, match-terms.ts,
 * adds every posting of every term to its item: `forvaltningen orienterer udvalget` decodes
 * ~7 million at 1M items). Its hits are counted from the terms' bitmaps, and only the items of
 * the page are ranked, from the range tables (segment/term-ranges.ts):
 *
 * 1. **Hits.** Each term's items are the union of its expansions' bitmaps (a rarer expansion's
 *    lists, and the deltas', are read and marked); the hits are their intersection, written out
 *    as ascending ordinals for the facet and filter passes of query.ts, as a text match's are.
 * 2. **Ranking.** Per range of ordinals, a bound on each query term's strength there: its word
 *    bound when one word was typed for it and that word is frequent (segment/word-bounds.ts: the
 *    most any item there gains from the whole term), else the sum of each index term's bound (the
 *    most an item there gains from it as typed) times the query term's form strength for it and
 *    each other list's highest gain there; the deltas' lists add their highest gains to either.
 *    The terms' saturated bounds bound any score there. The ranges holding hits are scored exactly in order of bound
 *    (each list decoded from the range's start only), and the visit stops once the next bound
 *    ranks below the page's last hit and below the best score found. Every hit that could make
 *    the page is then scored, and query.ts's ranking (rank-hits.ts) orders them with the best
 *    score of all hits, as it orders the plain path's.
 *
 * Scores are the plain path's bit for bit: a term's lists are added in its order
 * (forEachTermList), each posting to a float32 strength, and the terms' scores summed in its
 * matching order as float32; ranked-search.test.ts holds both paths' pages equal.
 */

/** One list of a ranged term: the segment's with its range table, or one decoded (a short list, the deltas'). */
interface RangedList {
  gains: Float64Array;
  /** The expansion (index in RangedTerm.expanded) the list belongs to. */
  expansion: number;
  /** False for a delta's list. */
  isSegment: boolean;
  location: ListLocation | null;
  table: RangeTable | null;
  ordinals: Uint32Array | null;
  codes: Uint16Array | null;
}

interface RangedTerm {
  idf: number;
  /** The range bounds of the expansions with range tables, each with its form strength. */
  bounds: Array<{ form: number; bound: Float32Array }>;
  /**
   * The bound of the whole term per range when its word was typed alone and is frequent
   * (segment/word-bounds.ts): it covers every segment list, and is used instead of `bounds`.
   */
  wordBound: Float32Array | null;
  expanded: readonly ExpandedTerm[];
  /** Per expansion, its bitmap (segment/term-ranges.ts) or null. */
  bitmaps: ReadonlyArray<Uint32Array | null>;
  lists: RangedList[];
}

/** A search the range tables answer (see the module comment); made by {@link planRangedSearch}. */
export interface RangedSearch {
  index: SearchIndex;
  /** In matching order (match-terms.ts matchingOrder). */
  terms: RangedTerm[];
  /** The hits as a bitmap over the index's ordinals, once {@link matchRanged} ran. */
  hits: Uint32Array | null;
  /** Per range, a bound on its scores: once worked out ({@link boundsOf}). */
  bounds: Float64Array | null;
  /** The ranges holding hits by bound (best first), and which were scored: once worked out ({@link visitPlan}). */
  visits: { order: number[]; scored: Uint8Array } | null;
}

/**
 * Each term must have an index term held by one in this many items: a search of rarer words
 * reads few postings, and the plain path answers it as fast.
 */
const COMMON_TERM_SHARE = 8;
/** At most one in this many items' lists may lack a bitmap per term: those are read and marked. */
const UNMAPPED_SHARE = 4;
/**
 * A search of one word is ranged only by its word bound (segment/word-bounds.ts): summed over its
 * expansions, the expansions' own bounds reach the page's last score in nearly every range, as
 * their maxima are different items' (`kommune` at 1M: all 974 ranges, 87 ms ranged against
 * 8.8 ms plain; by its word bound 18 ranges). And only without facet filters: the bounds are
 * every item's, and a page of the few hits a filter keeps ranks far below them (`budget
 * aar=2023 udfald=approved`, 10,488 of 363,783 hits: 23 ms ranged, 9.4 plain).
 */
const MIN_RANGED_TERMS = 2;
/** Pages ending past this hit are ranked by the plain path (exports, deep pages). */
export const MAX_RANGED_PAGE_END = 500;

/**
 * The ranged search of `terms` (query terms, as matchAllTerms takes them) when the index has
 * range tables and the search is one they answer better: two terms or more (one with a word bound,
 * `isFiltered` false), every one common, most of each term's items in bitmaps, over every field
 * (no `felt`); else null.
 */
export function planRangedSearch(
  index: SearchIndex,
  terms: readonly string[],
  restriction: FieldRestriction,
  typed: ReadonlyMap<string, readonly string[]>,
  isFiltered = false,
): RangedSearch | null {
  const ranges = index.segments.ranges;
  if (terms.length === 0 || ranges.ranges === 0 || ranges.items !== index.segments.size || ranges.gains !== currentGains()) return null;
  if (terms.length < MIN_RANGED_TERMS && (isFiltered || terms.some((term) => wordBoundOf(index, typed, term) === null))) return null;
  if (restriction.sectionKind !== null || restriction.fields.length !== fieldsForRestriction(null).fields.length) return null;
  const expansions = terms.map((term) => expand(index, term, restriction));
  for (const expansion of expansions) {
    if (expansion.largest * COMMON_TERM_SHARE < index.size) return null;
    let unmapped = 0;
    for (const expanded of expansion.terms) if (expanded.segmentPosition < 0 || ranges.bitmap(expanded.segmentPosition) === null) unmapped += expanded.frequency;
    if (unmapped * UNMAPPED_SHARE > index.size) return null;
  }
  const ranged: RangedTerm[] = [];
  for (const termIndex of matchingOrder(expansions)) {
    const expansion = expansions[termIndex] as Expansion;
    const queryTerm = terms[termIndex] ?? "";
    ranged.push(rangedTerm(index, restriction, typed, queryTerm, expansion));
  }
  return { index, terms: ranged, hits: null, bounds: null, visits: null };
}

/** The word bound of query term `term` (segment/word-bounds.ts) when one word was typed for it and the bounds were made with this build's gains; else null. */
function wordBoundOf(index: SearchIndex, typed: ReadonlyMap<string, readonly string[]>, term: string): Float32Array | null {
  const words = typed.get(term) ?? [];
  const { wordBounds } = index.segments.ranges;
  if (words.length !== 1 || wordBounds.gains !== wordGainsFingerprint()) return null;
  return wordBounds.bound(words[0] ?? "", term);
}

let gainsOfThisBuild: string | null = null;

/** The fingerprint of the gains searches score with: an index whose bounds were summed with others (an older build) is not ranged by them. */
function currentGains(): string {
  gainsOfThisBuild ??= gainsFingerprint(unitGains());
  return gainsOfThisBuild;
}

function rangedTerm(index: SearchIndex, restriction: FieldRestriction, typed: ReadonlyMap<string, readonly string[]>, queryTerm: string, expansion: Expansion): RangedTerm {
  const ranges = index.segments.ranges;
  const expanded = expansion.terms;
  const bitmaps = expanded.map((term) => (term.segmentPosition >= 0 ? ranges.bitmap(term.segmentPosition) : null));
  const bounds: RangedTerm["bounds"] = [];
  for (const term of expanded) {
    const bound = term.segmentPosition >= 0 ? ranges.bound(term.segmentPosition) : null;
    if (bound !== null) bounds.push({ form: formStrength(queryTerm, typed.get(queryTerm) ?? [], term.term), bound });
  }
  const lists: RangedList[] = [];
  forEachTermList(restriction, typed, queryTerm, expansion, (term, listField, gains) => {
    const at = expanded.indexOf(term);
    forEachRangedList(
      index,
      term,
      listField,
      (location, table) => lists.push({ gains, expansion: at, isSegment: true, location, table, ordinals: null, codes: null }),
      ({ ordinals, slots, counts }, isSegment) => {
        const codes = new Uint16Array(ordinals.length);
        for (let i = 0; i < codes.length; i++) codes[i] = postingCode(slots[i] ?? 0, counts[i] ?? 1);
        lists.push({ gains, expansion: at, isSegment, location: null, table: null, ordinals: ordinals.slice(), codes });
      },
    );
  });
  const wordBound = wordBoundOf(index, typed, queryTerm);
  return { idf: inverseDocumentFrequency(index.liveSize, expansion.frequency), bounds, wordBound, expanded, bitmaps, lists };
}

/**
 * The items holding every term in some field, ascending (removed and withheld ones included, as
 * matchAllTerms's), but none set in `excluded` (a bit per ordinal: the search's excluded words, so
 * that the ranges are ranked and pruned by the hits left): a view of the index's candidate
 * buffer, overwritten by its next search.
 */
export function matchRanged(search: RangedSearch, excluded: Uint32Array | null = null): Uint32Array {
  const ordinals = reusableCandidateBuffer(search.index);
  // The candidate buffer lies in the index's postings kernel: its two bit columns hold the hits
  // and one term's items, and its passes OR, AND and list them.
  const kernel = kernelOfMemory(ordinals);
  if (kernel === undefined) throw new Error("The index's candidate buffer lies outside its postings kernel");
  const [hits, scratch] = kernel.bitColumns;
  hits.fill(0);
  search.terms.forEach((term, t) => {
    const target = t === 0 ? hits : scratch.fill(0);
    markTerm(search, term, target, kernel);
    if (t > 0) kernel.andBits(hits, target);
  });
  if (excluded !== null) clearBits(hits, excluded);
  search.hits = hits;
  return ordinals.subarray(0, writeHits(search, ordinals));
}

/**
 * Writes {@link matchRanged}'s hits to `ordinals` (room for every item), ascending; returns how
 * many. A match-terms.ts CandidateSource: a search whose ranges would not prune
 * ({@link rangesPrune}) is scored the plain way among them.
 */
export function writeHits(search: RangedSearch, ordinals: Uint32Array): number {
  const hits = search.hits;
  if (hits === null) throw new Error("writeHits before matchRanged");
  const kernel = kernelOfMemory(ordinals);
  if (kernel !== undefined && hits.buffer === ordinals.buffer && ordinals.length >= hits.length * 32 - 31) return kernel.collectBits(hits, ordinals);
  let count = 0;
  for (let w = 0; w < hits.length; w++) {
    let word = hits[w] ?? 0;
    while (word !== 0) {
      const low = word & -word;
      ordinals[count++] = w * 32 + 31 - Math.clz32(low);
      word ^= low;
    }
  }
  return count;
}

/**
 * Whether the ranges' bounds fall off among the best ones, worked out before any hit is: the
 * bound of the range at 5 % of them (best first) at most {@link MAX_BOUND_FALL_OFF} of the one at
 * 1 %. Flat bounds put the page's last score below nearly every range's (at 1M: `kommune budget`,
 * `budget orientering`, `sagen behandles`, `tages efterretning`, 0.9988–0.9996; `forvaltningen
 * orienterer udvalget`, whose page 29 of 974 ranges hold, 0.9946), and their search takes the
 * plain path without paying for the bitmaps first. Tuned on those few queries: a guard on cost,
 * not on results (both paths rank alike).
 */
export function boundsFallOff(search: RangedSearch): boolean {
  // One word's word bound is reached in each range by an item there (a hit): the page's last
  // score is at least the page-end-th best range's bound, so few ranges reach it, however flat
  // the bounds (saturation makes a common word's so: `kommune` at 1M, 0.99703).
  if (search.terms.length === 1 && search.terms[0]?.wordBound !== null) return true;
  const bounds = Array.from(boundsOf(search)).filter((bound) => bound > 0);
  if (bounds.length < 100) return true;
  bounds.sort((a, b) => b - a);
  const at = (share: number) => bounds[Math.floor(share * (bounds.length - 1))] ?? 0;
  return at(0.05) <= at(0.01) * MAX_BOUND_FALL_OFF;
}

const MAX_BOUND_FALL_OFF = 0.997;

/** The most ranges {@link rangesPrune} scores before it gives up (~0.08 ms each at 1M items). */
const MAX_PROBED_RANGES = 40;
/**
 * ... and it gives up after this many when the bounds of more than {@link EARLY_REACHING_SHARE} of
 * the ranges still reach the page's last score. At 1M after 12 ranges: `forvaltningen orienterer
 * udvalget` 57 % (29 ranges in all), `tages efterretning` 92 % (71 in all), but `kommune budget`
 * and `budget orientering` 100 %, as after 40.
 */
const EARLY_PROBED_RANGES = 12;
const EARLY_REACHING_SHARE = 0.95;

/**
 * Whether ranking by ranges reaches a page of `limit` hits within {@link MAX_PROBED_RANGES}
 * ranges: the best-bound ranges are scored in order (their scores kept for rankRanged) until
 * no range left has a bound reaching the `limit`-th best score found. Where the bounds are loose
 * (`kommune budget` at 1M: every range's bound reaches the page), scoring range by range decodes
 * every posting, slower than the plain path's passes (16 → 77 ms); the plain path then scores
 * the hits already found.
 */
export function rangesPrune(search: RangedSearch, limit: number): boolean {
  const { order } = visitPlan(search);
  const bounds = boundsOf(search);
  const matched = search.hits as Uint32Array;
  const score = reusableScoreColumn(search.index);
  const page = new TopScores(limit);
  for (let probed = 0; probed < order.length; probed++) {
    const reaching = page.isFull ? reachingRanges(order, bounds, page.lowest) : order.length;
    if (reaching <= probed) return true;
    if (probed >= MAX_PROBED_RANGES || (probed >= EARLY_PROBED_RANGES && reaching > order.length * EARLY_REACHING_SHARE)) return false;
    const [base, end] = scoredRange(search, order[probed] ?? 0);
    offerRange(page, matched, base, end, score);
  }
  return true;
}

/** How many of the ranges (by bound, best first) have a bound of at least `floor`. */
function reachingRanges(order: readonly number[], bounds: Float64Array, floor: number): number {
  let lo = 0;
  let hi = order.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((bounds[order[mid] ?? 0] ?? 0) >= floor) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The search's {@link RangedSearch.visits}, worked out on first use. */
function visitPlan(search: RangedSearch): NonNullable<RangedSearch["visits"]> {
  if (search.visits !== null) return search.visits;
  const { index } = search;
  const matched = search.hits;
  if (matched === null) throw new Error("A ranged search's ranges before matchRanged");
  const shift = index.segments.ranges.rangeShift;
  const bounds = boundsOf(search);
  const order: number[] = [];
  for (let range = 0; range < bounds.length; range++) if (holdsAny(matched, range, shift, index.size)) order.push(range);
  order.sort((a, b) => (bounds[b] ?? 0) - (bounds[a] ?? 0) || a - b);
  search.visits = { order, scored: new Uint8Array(bounds.length) };
  return search.visits;
}

/** The search's {@link RangedSearch.bounds}, worked out on first use. */
function boundsOf(search: RangedSearch): Float64Array {
  const shift = search.index.segments.ranges.rangeShift;
  search.bounds ??= rangeBounds(search, Math.ceil(search.index.size / 2 ** shift), shift);
  return search.bounds;
}

/**
 * Scores a range's hits unless an earlier visit of this search did (rangesPrune's scores stay in
 * the score column for rankRanged); returns its ordinals [base, end).
 */
function scoredRange(search: RangedSearch, range: number): [number, number] {
  const { index } = search;
  const span = 2 ** index.segments.ranges.rangeShift;
  const base = range * span;
  const end = Math.min(base + span, index.size);
  const { scored } = visitPlan(search);
  if (scored[range] !== 1) {
    const score = reusableScoreColumn(index);
    // In a postings kernel's memory its range pass adds the postings: the start of the index's
    // strength column, zero between searches and left zero again.
    const column = reusableStrengthColumn(index);
    const isKernel = kernelOf(score)?.holdsFloats(column) === true && column.length >= span;
    if (!isKernel) rangeStrength = rangeStrength.length === span ? rangeStrength : new Float32Array(span);
    const strength = isKernel ? column.subarray(0, span) : rangeStrength;
    try {
      scoreRange(search, range, base, end, strength, score);
    } finally {
      if (isKernel) strength.fill(0);
    }
    scored[range] = 1;
  }
  return [base, end];
}

// One range's strengths, reused across ranges and searches (they run synchronously).
let rangeStrength = new Float32Array(0);

/**
 * Sets the bits of the items holding any of the term's expansions in any searched field: an
 * expansion's bitmap (the segment's items), else its segment lists read whole; the deltas' lists.
 */
function markTerm(search: RangedSearch, term: RangedTerm, bits: Uint32Array, kernel: PostingsKernel): void {
  const segment = search.index.segments.terms;
  for (const bitmap of term.bitmaps) if (bitmap !== null) kernel.orBits(bits, bitmap);
  for (const list of term.lists) {
    if (list.isSegment && term.bitmaps[list.expansion] !== null) continue;
    if (list.ordinals !== null) setBits(bits, list.ordinals);
    else if (list.location !== null) {
      const postings = segment.postings(list.location.position, list.location.field, markBuffers);
      if (postings !== null) setBits(bits, postings.ordinals);
    }
  }
}

// Reused for the lists a search marks whole (searches run synchronously).
const markBuffers = new PostingsBuffers();

/** How many ranges held hits, and how many of them the last {@link rankRanged} scored (for tests and benchmarks). */
export const lastVisit = { ranges: 0, scored: 0 };

/**
 * The first `limit` of `hits` (ascending, among {@link matchRanged}'s) in rank-hits.ts's order by
 * relevance, scoring only the ranges that can hold them (see the module comment).
 */
export function rankRanged(search: RangedSearch, hits: Uint32Array, limit: number): Uint32Array {
  const { index } = search;
  const matched = search.hits;
  if (matched === null) throw new Error("rankRanged before matchRanged");
  if (hits.length === 0 || limit <= 0) return new Uint32Array(0);
  const { order } = visitPlan(search);
  const bounds = boundsOf(search);
  lastVisit.ranges = order.length;
  lastVisit.scored = 0;
  const score = reusableScoreColumn(index);
  const { scoreMax } = keyLayout(index.size);
  const rankOf = (value: number, best: number) => Math.floor((value / best) * scoreMax + 0.5);
  const page = new TopScores(limit);
  let best = 0;
  let visited: Uint32Array = new Uint32Array(Math.min(hits.length, 4096));
  let visitedCount = 0;
  for (const range of order) {
    // No unvisited hit scores above the bound. Past it in rank (as rank-hits.ts quantizes
    // scores), they all rank below the page's last, whose score is at most the best found:
    // that is the best of all hits then, the scale of the ranking.
    if (page.isFull && rankOf(bounds[range] ?? Infinity, best) < rankOf(page.lowest, best)) break;
    lastVisit.scored++;
    const [base, end] = scoredRange(search, range);
    best = Math.max(best, bestScore(matched, base, end, score));
    for (let h = seek(hits, base, 0); h < hits.length && (hits[h] ?? 0) < end; h++) {
      const ordinal = hits[h] ?? 0;
      if (visitedCount === visited.length) visited = grown(visited);
      visited[visitedCount++] = ordinal;
      page.offer(score[ordinal] ?? 0);
    }
  }
  return rankTopHits(visited.subarray(0, visitedCount), score, best, index.facets.day, "relevans", limit);
}

/** Relative room for the float32 rounding of strengths and scores above their exact sums. */
const BOUND_ROUNDING = 1e-5;

/** Per range, a bound on the score of every item in it. */
function rangeBounds(search: RangedSearch, rangeCount: number, shift: number): Float64Array {
  const bounds = new Float64Array(rangeCount);
  const strength = new Float64Array(rangeCount);
  const listMax = new Float64Array(rangeCount);
  for (const term of search.terms) {
    strength.fill(0);
    // A damaged (negative or NaN) bound bounds nothing: the range is read.
    const { wordBound } = term;
    if (wordBound !== null) {
      for (let range = 0; range < Math.min(rangeCount, wordBound.length); range++) {
        const value = wordBound[range] ?? 0;
        strength[range] = value >= 0 ? value : Infinity;
      }
    }
    for (const { form, bound } of wordBound === null ? term.bounds : []) {
      const boundRanges = Math.min(rangeCount, bound.length);
      for (let range = 0; range < boundRanges; range++) {
        const value = bound[range] ?? 0;
        strength[range] = (strength[range] ?? 0) + form * (value >= 0 ? value : Infinity);
      }
    }
    for (const list of term.lists) {
      const { gains, ordinals, codes } = list;
      // The word bound covers the segment's lists; the deltas' are bounded here.
      if (wordBound !== null && list.isSegment) continue;
      if (ordinals !== null && codes !== null) {
        listMax.fill(0);
        for (let i = 0; i < ordinals.length; i++) {
          const range = (ordinals[i] ?? 0) >>> shift;
          listMax[range] = Math.max(listMax[range] ?? 0, gains[codes[i] ?? 0] ?? 0);
        }
        for (let range = 0; range < rangeCount; range++) strength[range] = (strength[range] ?? 0) + (listMax[range] ?? 0);
      }
    }
    for (let range = 0; range < rangeCount; range++) bounds[range] = (bounds[range] ?? 0) + term.idf * saturate(strength[range] ?? 0);
  }
  for (let range = 0; range < rangeCount; range++) bounds[range] = (bounds[range] ?? 0) * (1 + BOUND_ROUNDING);
  return bounds;
}

/**
 * Scores the hits of one range exactly as match-terms.ts does: per term in matching order, its
 * lists' postings in the range added to float32 strengths in list order, then
 * `score = fround(score + idf × saturate(strength))` (the first term's from 0).
 */
function scoreRange(search: RangedSearch, range: number, base: number, end: number, strength: Float32Array, score: Float32Array): void {
  const { index } = search;
  const matched = search.hits as Uint32Array;
  search.terms.forEach((term, t) => {
    strength.fill(0);
    for (const list of term.lists) {
      if (list.table !== null && list.location !== null) addTableRange(index, list, range, base, end, strength);
      else if (list.ordinals !== null && list.codes !== null) {
        const { ordinals, codes, gains } = list;
        for (let i = seek(ordinals, base, 0); i < ordinals.length && (ordinals[i] ?? 0) < end; i++) {
          const at = (ordinals[i] ?? 0) - base;
          strength[at] = (strength[at] ?? 0) + (gains[codes[i] ?? 0] ?? 0);
        }
      }
    }
    const { idf } = term;
    const kernel = kernelOf(strength);
    if (kernel?.holdsFloats(strength) === true && kernel.holdsFloats(score)) {
      kernel.scoreRangeHits(matched, base, end, strength, score, idf, K1, t === 0);
      return;
    }
    for (const ordinal of hitsInRange(matched, base, end)) {
      const value = idf * saturate(strength[ordinal - base] ?? 0);
      score[ordinal] = Math.fround(t === 0 ? value : (score[ordinal] ?? 0) + value);
    }
  });
}

/** Adds the postings of a range-tabled segment list that lie in [base, end). */
function addTableRange(index: SearchIndex, list: RangedList, range: number, base: number, end: number, strength: Float32Array): void {
  const table = list.table as RangeTable;
  const location = list.location as ListLocation;
  if (range >= table.previous.length) return;
  const segment = index.segments.terms;
  const from = table.offsets[range] ?? 0;
  const to = table.offsets[range + 1] ?? 0;
  if (from === to) return;
  const bytes = segment.listSlice(location, from, to);
  const { gains } = list;
  const corrupt = () => new CorruptIndexFileError(segment.postingsFile, `the postings of term ${location.position} do not match their range table (range ${range})`);
  const kernel = kernelOf(strength);
  if (kernel?.holdsFloats(strength) === true) {
    if (!kernel.rangePass(bytes, 0, bytes.length, table.previous[range] ?? 0, base, end - base, gains, strength)) throw corrupt();
    return;
  }
  const reader = new VarintReader(bytes, 0, bytes.length);
  let ordinal = table.previous[range] ?? 0;
  let last = -1;
  while (reader.at < bytes.length) {
    const gap = reader.read();
    const code = reader.read();
    ordinal += gap;
    if (gap < 0 || code < 0 || code >= CODE_RANGE || codeSlot(code) >= SCORE_RESOLUTION || ordinal <= last || ordinal < base || ordinal >= end) throw corrupt();
    last = ordinal;
    strength[ordinal - base] = (strength[ordinal - base] ?? 0) + (gains[code] ?? 0);
  }
}

/** True when a bit of [range × 2^shift, …) is set. */
function holdsAny(bits: Uint32Array, range: number, shift: number, size: number): boolean {
  const from = (range << shift) >>> 5;
  const to = Math.min(bits.length, Math.ceil(Math.min((range + 1) * 2 ** shift, size) / 32));
  for (let w = from; w < to; w++) if ((bits[w] ?? 0) !== 0) return true;
  return false;
}

// A range's hits are listed into a buffer and looped over, rather than each handed to a
// callback: a call per hit of every scored range took a tenth of a search of common words.
let rangeHits = new Uint32Array(0);

/** The hits (set bits) in [from, to), ascending: a view of a buffer the next call overwrites. */
function hitsInRange(bits: Uint32Array, from: number, to: number): Uint32Array {
  if (rangeHits.length < to - from) rangeHits = new Uint32Array(to - from);
  let count = 0;
  const last = Math.ceil(to / 32);
  for (let w = from >>> 5; w < last; w++) {
    let word = bits[w] ?? 0;
    while (word !== 0) {
      const low = word & -word;
      const ordinal = w * 32 + 31 - Math.clz32(low);
      word ^= low;
      if (ordinal >= from && ordinal < to) rangeHits[count++] = ordinal;
    }
  }
  return rangeHits.subarray(0, count);
}

/** The highest score of the hits in [from, to). */
function bestScore(bits: Uint32Array, from: number, to: number, score: Float32Array): number {
  let best = 0;
  for (const ordinal of hitsInRange(bits, from, to)) best = Math.max(best, score[ordinal] ?? 0);
  return best;
}

/** Offers the scores of the hits in [from, to) to `page`. */
function offerRange(page: TopScores, bits: Uint32Array, from: number, to: number, score: Float32Array): void {
  for (const ordinal of hitsInRange(bits, from, to)) page.offer(score[ordinal] ?? 0);
}

function grown(values: Uint32Array): Uint32Array {
  const bigger = new Uint32Array(Math.max(16, values.length * 2));
  bigger.set(values);
  return bigger;
}

/** The highest `limit` scores offered (a min-heap). */
class TopScores {
  private readonly heap: Float64Array;
  private size = 0;

  constructor(private readonly limit: number) {
    this.heap = new Float64Array(Math.max(1, limit));
  }

  get isFull(): boolean {
    return this.size >= this.limit;
  }

  /** The lowest of the scores kept. */
  get lowest(): number {
    return this.heap[0] ?? 0;
  }

  offer(value: number): void {
    const { heap } = this;
    if (this.size < this.limit) {
      let at = this.size++;
      heap[at] = value;
      while (at > 0) {
        const parent = (at - 1) >>> 1;
        if ((heap[parent] ?? 0) <= value) break;
        heap[at] = heap[parent] ?? 0;
        at = parent;
      }
      heap[at] = value;
      return;
    }
    if (value <= this.lowest) return;
    let at = 0;
    for (;;) {
      const left = 2 * at + 1;
      const right = left + 1;
      let smallest = left < this.size && (heap[left] ?? 0) < value ? left : -1;
      if (right < this.size && (heap[right] ?? 0) < (smallest < 0 ? value : (heap[smallest] ?? 0))) smallest = right;
      if (smallest < 0) break;
      heap[at] = heap[smallest] ?? 0;
      at = smallest;
    }
    heap[at] = value;
  }
}
