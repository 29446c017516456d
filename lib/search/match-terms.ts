import {
  FIELD_BITS,
  FIELD_WEIGHTS,
  INDEXED_FIELDS,
  SCORE_RESOLUTION,
  SEARCH_FIELDS,
  SECTION_KIND_FIELD,
  sectionField,
  sectionKindTerm,
  wordOfSectionKindTerm,
  type FieldRestriction,
  type IndexedFieldName,
  type SearchFieldName,
} from "./index-config";
import { orBits, setBits } from "./bit-columns";
import { expandPrefixTerms, forEachPostings, forEachPostingsList, type ExpandedTerm } from "./index-postings";
import type { SearchIndex } from "./search-index";
import { addFirstList, addMarkedList, addSparseList, addStrengths, gainsByCode } from "./segment/accumulate-list";
import type { FieldPostings } from "./segment/field-postings";
import { kernelOfColumns, PostingsKernel } from "./segment/postings-kernel";
import { postingCode, type ListTarget } from "./segment/segment-format";
import { scoreIsValue, type ToScore } from "./rank-hits";
import { seek } from "./sorted-ordinals";
import { formStrength, inverseDocumentFrequency, K1, matchStrength, saturate } from "./term-score";

/** Items matching the text part of a query, with a relevance score per ordinal. */
export interface TextMatch {
  /** Matching ordinals, ascending (query.ts relies on it); the caller's to change (a view of the search's own candidate buffer). */
  ordinals: Uint32Array;
  /** Relevance by ordinal (length = index size); only meaningful for matching ordinals. */
  score: Float32Array;
  /** The highest score among `ordinals` (0 when none). */
  maxScore: number;
  /**
   * The score an entry of `score` stands for: the entry itself, but for a search of one common
   * word given the reusable score column, whose `score` holds each item's summed strength and
   * this its score, `idf × saturate(strength)` as float32. That is monotone in the strength, so
   * the ranking compares strengths and works out scores for the few hits it orders
   * (rank-hits.ts), and a million hits are not scored one by one (`kommune`: ~4 → ~1.4 ms).
   */
  toScore: ToScore;
}

/**
 * {@link TextMatch.toScore} when `score` holds one term's strengths: the score a first term's
 * pass gives (collectFirstMatches). Capped at the largest float32 so that even +Infinity (the
 * ranking's binary search reaches its bits) has a score.
 */
function strengthScore(idf: number): ToScore {
  return (strength) => Math.fround(idf * saturate(Math.min(strength, MAX_FLOAT32)));
}

const MAX_FLOAT32 = 3.4028234663852886e38;

// Per-item scratch columns reused across queries: at 100k items they were 500 KB of fresh
// allocation per search, the largest a search made. Searches run synchronously, so one set per
// index suffices.
const matchedScratch = new WeakMap<SearchIndex, Uint8Array>();
const scoreScratch = new WeakMap<SearchIndex, Float32Array>();
const strengthScratch = new WeakMap<SearchIndex, Float32Array>();

function matchedColumn(index: SearchIndex): Uint8Array {
  return zeroedColumn(matchedScratch, index, () => kernelFor(index).matched);
}

/**
 * The index's per-item strength column (in its postings kernel's memory): all zero between
 * searches (each term zeroes what it added), and any user, ranked-search.ts too, must leave it so.
 */
export function reusableStrengthColumn(index: SearchIndex): Float32Array {
  let column = strengthScratch.get(index);
  if (column === undefined || column.length !== index.size) column = kernelFor(index).columns[0];
  return column;
}

const kernelScratch = new WeakMap<SearchIndex, PostingsKernel>();

/**
 * The postings kernel of `index`'s searches (postings-kernel.ts): the scratch columns below are
 * views of its memory, so its WebAssembly passes add the segment's lists to them. Made once per
 * index, with the strength and score columns (which searches swap: strengthMatch).
 */
function kernelFor(index: SearchIndex): PostingsKernel {
  let kernel = kernelScratch.get(index);
  if (kernel === undefined || kernel.size !== index.size) {
    kernel = new PostingsKernel(index.size);
    kernelScratch.set(index, kernel);
    strengthScratch.set(index, kernel.columns[0]);
    scoreScratch.set(index, kernel.columns[1]);
  }
  return kernel;
}

/**
 * Room for `length` candidates: fresh, or (`reuse`) the kernel's buffer, shared by the index's
 * searches with the reusable score column, with room for every item (and a spare). A common word
 * at 1M items fills 4 MB of candidates; allocated anew at every search, such buffers set off most
 * of a search's garbage collections.
 */
function candidateBuffer(index: SearchIndex, length: number, reuse: boolean): Uint32Array<ArrayBuffer> {
  return reuse ? (kernelFor(index).candidates as Uint32Array<ArrayBuffer>) : new Uint32Array(length);
}

/**
 * A score column for {@link matchAllTerms}: the index's scratch, so a later call overwrites the
 * scores an earlier one returned (and leaves the earlier one's elsewhere: not zeroed, as
 * matchAllTerms never reads a score it has not written). A call given this column also reuses
 * its candidate buffer, so the ordinals it returns are overwritten likewise; and a search of one
 * common word may return its strength column instead (see {@link TextMatch.toScore}), taking
 * this one as its strength column from then on.
 */
export function reusableScoreColumn(index: SearchIndex): Float32Array {
  let column = scoreScratch.get(index);
  if (column === undefined || column.length !== index.size) column = kernelFor(index).columns[1];
  return column;
}

function zeroedColumn<T extends Uint8Array>(cache: WeakMap<SearchIndex, T>, index: SearchIndex, create: (size: number) => T): T {
  let column = cache.get(index);
  if (column === undefined || column.length !== index.size) {
    column = create(index.size);
    cache.set(index, column);
  } else {
    column.fill(0);
  }
  return column;
}

/**
 * Writes the only items a match may return to `candidates` (ascending; room for every item and
 * a spare) and returns how many (see {@link matchAllTerms}).
 */
export type CandidateSource = (candidates: Uint32Array<ArrayBuffer>) => number;

/**
 * Two columns for a phrase's word pair positions (phrase-match.ts PhrasePairs), the index's
 * scratch in its postings kernel's memory, where the passes that read the pairs run (a later
 * search's pairs overwrite an earlier one's), and room there to read a long list into.
 */
export function reusablePairScratch(index: SearchIndex): { columns: readonly Uint16Array[]; readInto: ListTarget } {
  const kernel = kernelFor(index);
  return { columns: kernel.pairColumns, readInto: kernel.listTarget };
}

/** The index terms a query term stands for, and how many items hold any of them (at most). */
export interface Expansion {
  terms: ExpandedTerm[];
  frequency: number;
  /** How many items hold the most frequent of the terms: at least that many match. */
  largest: number;
}

/**
 * The index terms `term` is a prefix of, and under a section-kind restriction also those of
 * {@link SECTION_KIND_FIELD} for that kind. The counts are the plain terms': a restricted
 * search's items are among theirs, and its scores use the same inverse document frequency.
 */
export function expand(index: SearchIndex, term: string, restriction: FieldRestriction): Expansion {
  const terms = expandPrefixTerms(index, term);
  let frequency = 0;
  let largest = 0;
  for (const expanded of terms) {
    frequency += expanded.frequency;
    largest = Math.max(largest, expanded.frequency);
  }
  const kind = restriction.sectionKind;
  if (kind !== null) terms.push(...expandPrefixTerms(index, sectionKindTerm(kind, term)));
  return { terms, frequency: Math.min(frequency, index.liveSize), largest };
}

/**
 * Where the postings of `field` are read under `restriction`: the field itself, or for "lead"
 * and "body" under a section-kind restriction {@link SECTION_KIND_FIELD} (those fields mix
 * kinds); null for the one of them that never holds that kind.
 */
function postingsField(field: SearchFieldName, restriction: FieldRestriction): IndexedFieldName | null {
  const kind = restriction.sectionKind;
  if (kind === null || (field !== "lead" && field !== "body")) return field;
  return sectionField(kind) === field ? SECTION_KIND_FIELD : null;
}

/**
 * Ordinals containing every term in at least one of the restriction's fields (AND across terms,
 * OR across fields); a term matches every index term it is a prefix of. Score: per term BM25F
 * over the fields (term-score.ts), each posting giving the slot of the term's first occurrence in
 * the field and how often the field holds it (index-postings.ts), summed over terms. Scores go
 * into `score` (one entry per item, a fresh column by default; see {@link reusableScoreColumn}):
 * the first term sets its items' scores, later terms add to those, so what the column held
 * before is never read. `typed` gives each term's words as typed (parse-query.ts); an index term
 * equal to one matches fully. `within`, when given, writes the only items the match may return
 * to the buffer it is handed (ascending; room for every item) and returns how many: a phrase's
 * items (query.ts), so that the terms are matched among them alone.
 */
export function matchAllTerms(
  index: SearchIndex,
  terms: readonly string[],
  restriction: FieldRestriction,
  score: Float32Array = new Float32Array(index.size),
  typed: ReadonlyMap<string, readonly string[]> = new Map(),
  within?: CandidateSource,
): TextMatch {
  // Per ordinal, how many terms it has matched so far; a term is counted once however many fields match it.
  const matched = matchedColumn(index);
  // Per ordinal, the current term's strength summed over its fields; zero again after each term.
  const strength = reusableStrengthColumn(index);
  const expansions = terms.map((term) => expand(index, term, restriction));
  const order = matchingOrder(expansions);
  const strengthBits = new Int32Array(strength.buffer, strength.byteOffset, strength.length);
  const state: MatchState = { matched, strength, strengthBits, candidates: new Uint32Array(0), found: 0, step: 0, isMatchedCurrent: true };
  try {
    return matchInOrder(index, terms, restriction, score, typed, expansions, order, state, within);
  } catch (error) {
    // A term stopped midway (a damaged index file) leaves strengths behind; the next search needs them zero.
    strength.fill(0);
    throw error;
  }
}

/** The order terms are matched and their scores added in: rarest first, which keeps the candidate list short. */
export function matchingOrder(expansions: readonly Expansion[]): number[] {
  return expansions.map((_, i) => i).sort((a, b) => (expansions[a]?.frequency ?? 0) - (expansions[b]?.frequency ?? 0));
}

/**
 * The index's candidate buffer (room for every item and a spare), in its postings kernel's
 * memory, shared with {@link reusableScoreColumn}'s searches: a later search overwrites it.
 */
export function reusableCandidateBuffer(index: SearchIndex): Uint32Array<ArrayBuffer> {
  return candidateBuffer(index, index.size + 1, true);
}

function matchInOrder(
  index: SearchIndex,
  terms: readonly string[],
  restriction: FieldRestriction,
  score: Float32Array,
  typed: ReadonlyMap<string, readonly string[]>,
  expansions: readonly Expansion[],
  order: readonly number[],
  state: MatchState,
  within: CandidateSource | undefined,
): TextMatch {
  const reuse = score === scoreScratch.get(index);
  // A search with the index's columns reads long lists straight into its kernel's memory.
  const readInto = reuse ? kernelFor(index).listTarget : undefined;
  // Given the items to match among, every term is matched as a later term is, as if they were
  // a term matched before the first (step 0); the first still sets the scores.
  const firstStep = within === undefined ? 0 : 1;
  if (within !== undefined) {
    state.candidates = candidateBuffer(index, index.size + 1, reuse);
    state.found = within(state.candidates);
    state.isMatchedCurrent = false;
    if (state.found === 0) return { ordinals: new Uint32Array(0), score, maxScore: 0, toScore: scoreIsValue };
  }
  let maxScore = 0;
  for (let term = 0; term < order.length; term++) {
    const step = term + firstStep;
    const termIndex = order[term] ?? 0;
    const queryTerm = terms[termIndex] ?? "";
    const expansion = expansions[termIndex];
    if (expansion === undefined || expansion.frequency === 0) return { ordinals: new Uint32Array(0), score, maxScore: 0, toScore: scoreIsValue };
    // Many items: every posting only adds to its item's strength, and the term's matches are
    // read off the strengths afterwards (see addStrengths). A first term matches at least the
    // items of its most frequent index term, a later one at most the candidates left.
    const isDense = step === 0 ? expansion.largest * DENSE_FIRST_TERM >= index.size : state.found * SPARSE_DENSITY >= index.size;
    // A first term with an index term held by one in SORT_DENSITY items has its candidates read
    // off the matched column anyway: its postings only mark their items there (addMarkedList).
    const isMarked = !isDense && step === 0 && expansion.largest * SORT_DENSITY >= index.size;
    // The rarest term's items holding any expansion bound the candidates (but for removed items, which stay in the postings).
    if (step === 0) state.candidates = candidateBuffer(index, isDense || isMarked ? index.size : expansion.frequency, reuse);
    // The first term's scores replace what the score column held; later terms' add to them.
    const isFirstScore = term === 0;
    state.step = step;
    // Dense terms leave the matched column behind; a sparse one after them reads it.
    if (!isDense && step > 0 && !state.isMatchedCurrent) markCandidates(state, step);
    if (isDense) {
      addDenseTerm(index, restriction, typed, queryTerm, expansion, state.strength, readInto);
    } else {
      forEachTermList(restriction, typed, queryTerm, expansion, (expanded, listField, gains) => {
        if (isMarked) {
          forEachPostingsList(
            index,
            expanded,
            listField,
            (list) => addMarkedList(list, gains, state.matched, state.strength),
            (postings) => addDecodedMarks(state, postings, gains),
            readInto,
          );
          return;
        }
        forEachPostingsList(
          index,
          expanded,
          listField,
          (list) => {
            if (step === 0) addFirstList(list, gains, state);
            else addSparseList(list, gains, step, state);
          },
          (postings) => {
            if (step === 0) addFirst(state, postings, gains);
            else if (state.found * SEEK_RATIO < postings.ordinals.length) addSeeking(state, postings, gains);
            else addScanning(state, postings, gains);
          },
          readInto,
        );
      });
    }
    const idf = inverseDocumentFrequency(index.liveSize, expansion.frequency);
    if (isDense && reuse && step === 0 && order.length === 1) return strengthMatch(index, state, score, idf);
    const kernel = kernelOfState(state, score);
    // Given its items, a search whose first two terms are both dense ("tages til efterretning":
    // 517,000 items) adds the second's strengths to the score column (which holds nothing yet)
    // and ends both in one pass over the items rather than two (scoreTwoTerms). Over every
    // item (no items given), that pass took as long as the two it replaced.
    const second = isDense && within !== undefined && term === 0 && order.length > 1 ? expansions[order[1] ?? 0] : undefined;
    if (kernel !== null && second !== undefined && second.frequency > 0 && second.largest * DENSE_FIRST_TERM >= index.size) {
      score.fill(0);
      addDenseTerm(index, restriction, typed, terms[order[1] ?? 0] ?? "", second, score, readInto);
      const idfSecond = inverseDocumentFrequency(index.liveSize, second.frequency);
      const ended = kernel.scoreTwoTerms(state.found, state.strength, score, idf, idfSecond, K1);
      state.found = ended.count;
      maxScore = ended.maxScore;
      state.isMatchedCurrent = false;
      state.strength.fill(0);
      term++;
      continue;
    }
    if (isDense) {
      const { candidates, strength, strengthBits } = state;
      if (kernel !== null) {
        const ended =
          step === 0 ? kernel.collectFirstMatches(strength, score, idf, K1) : kernel.keepStrengthened(state.found, strength, score, idf, K1, false, isFirstScore);
        state.found = ended.count;
        passMaxScore = ended.maxScore;
      } else {
        state.found =
          step === 0
            ? collectFirstMatches(candidates, strength, strengthBits, score, idf)
            : keepStrengthened(candidates, state.found, strength, strengthBits, score, idf, false, isFirstScore);
      }
      state.isMatchedCurrent = false;
      maxScore = passMaxScore;
      strength.fill(0);
      continue;
    }
    const { candidates, strength, strengthBits } = state;
    if (step > 0) {
      if (kernel === null) state.found = keepStrengthened(candidates, state.found, strength, strengthBits, score, idf, true, isFirstScore);
      else ({ count: state.found, maxScore: passMaxScore } = kernel.keepStrengthened(state.found, strength, score, idf, K1, true, isFirstScore));
    } else {
      // Later terms look the candidates up in their (ascending) postings, and every later pass
      // over the hits (scores, facets, ranking) reads the item columns in order rather than at random.
      if (isMarked) state.found = kernel === null ? readMatched(candidates, state.matched) : kernel.readMatched();
      else sortCandidates(state, index.size);
      if (kernel === null) scoreFirstMatches(candidates, state.found, strength, score, idf);
      else passMaxScore = kernel.scoreFirstMatches(state.found, strength, score, idf, K1);
    }
    maxScore = passMaxScore;
  }
  return { ordinals: state.candidates.subarray(0, state.found), score, maxScore, toScore: scoreIsValue };
}

/**
 * Ends a search of one dense term given the reusable score column: its hits are the items with
 * strength, and the strength column itself is returned as their scores' source (see
 * {@link TextMatch.toScore}); the score column, zeroed, becomes the index's strength column.
 */
function strengthMatch(index: SearchIndex, state: MatchState, score: Float32Array, idf: number): TextMatch {
  const { candidates, strength, strengthBits } = state;
  const kernel = kernelOfState(state, score);
  if (kernel === null) state.found = collectStrengthened(candidates, strengthBits);
  else ({ count: state.found, maxStrength: passMaxStrength } = kernel.collectStrengthened(strength));
  const toScore = strengthScore(idf);
  const maxScore = toScore(passMaxStrength);
  score.fill(0);
  scoreScratch.set(index, strength);
  strengthScratch.set(index, score);
  return { ordinals: candidates.subarray(0, state.found), score: strength, maxScore, toScore };
}

/**
 * The kernel whose passes (postings-kernel.ts) can end a term of this search: when its
 * candidates, matched column and the strength and score columns are all that kernel's (the
 * searches with the reusable score column), else null and the JavaScript passes below run. The
 * two give the same columns bit for bit (postings-kernel.test.ts).
 */
function kernelOfState(state: MatchState, score: Float32Array): PostingsKernel | null {
  const kernel = kernelOfColumns(state.strength, state.matched, state.candidates, 0);
  return kernel !== undefined && kernel.holds(state.strength) && kernel.holds(score) ? kernel : null;
}

/**
 * Writes the ordinals with strength to `candidates`, ascending; returns how many, and sets
 * {@link passMaxStrength} to the highest strength. No branch, as in collectFirstMatches, and the
 * highest strength is taken over the bits (a non-negative float32 orders as its bits do).
 */
function collectStrengthened(candidates: Uint32Array, strengthBits: Int32Array): number {
  let found = 0;
  let maxBits = 0;
  for (let ordinal = 0; ordinal < strengthBits.length; ordinal++) {
    const bits = strengthBits[ordinal] ?? 0;
    candidates[found] = ordinal;
    found += matchBit(bits);
    maxBits = Math.max(maxBits, bits);
  }
  maxStrengthBits[0] = maxBits;
  passMaxStrength = maxStrengthValue[0] ?? 0;
  return found;
}

const maxStrengthBits = new Int32Array(1);
const maxStrengthValue = new Float32Array(maxStrengthBits.buffer);
/** The highest strength of the last {@link collectStrengthened} (module state, as {@link passMaxScore}). */
let passMaxStrength = 0;

/** The scratch of one {@link matchAllTerms} call, shared by the loops that add one postings list each. */
interface MatchState {
  matched: Uint8Array;
  strength: Float32Array;
  /** The bits of `strength` (the same buffer): a strength is never negative, so above 0 exactly when its bits are. */
  strengthBits: Int32Array;
  /** Candidate ordinals: the first term's matches, the first `found` still live. */
  candidates: Uint32Array<ArrayBuffer>;
  found: number;
  /** Index of the term being added, in matching order; an ordinal has matched `step` terms before it. */
  step: number;
  /**
   * False after a dense term (which reads matches off the strengths): then the matched column
   * says less than `step` of every item that is no candidate, but not `step` of the candidates.
   */
  isMatchedCurrent: boolean;
}

/**
 * Visits every stored list of a query term under `restriction`: each index term it expands to,
 * in each field (the section-kind field for "lead" and "body" under a kind restriction), with the
 * gains of that field's weight and the index term's form.
 */
export function forEachTermList(
  restriction: FieldRestriction,
  typed: ReadonlyMap<string, readonly string[]>,
  queryTerm: string,
  expansion: Expansion,
  visit: (expanded: ExpandedTerm, listField: IndexedFieldName, gains: Float64Array) => void,
): void {
  for (const field of restriction.fields) {
    const listField = postingsField(field, restriction);
    if (listField === null) continue;
    const isKindField = listField === SECTION_KIND_FIELD;
    const bit = FIELD_BITS.get(listField) ?? 0;
    for (const expanded of expansion.terms) {
      if ((expanded.mask & bit) === 0) continue;
      const word = isKindField ? wordOfSectionKindTerm(expanded.term) : expanded.term;
      const form = formStrength(queryTerm, typed.get(queryTerm) ?? [], word);
      visit(expanded, listField, listGains(field, form));
    }
  }
}

/** Adds every posting of a dense term to its item's strength in `column` (see addStrengths). */
function addDenseTerm(
  index: SearchIndex,
  restriction: FieldRestriction,
  typed: ReadonlyMap<string, readonly string[]>,
  queryTerm: string,
  expansion: Expansion,
  column: Float32Array,
  readInto: ListTarget | undefined,
): void {
  forEachTermList(restriction, typed, queryTerm, expansion, (expanded, listField, gains) =>
    forEachPostingsList(
      index,
      expanded,
      listField,
      (list) => addStrengths(list, gains, column),
      (postings) => addDecodedStrengths(column, postings, gains),
      readInto,
    ),
  );
}

/**
 * Per segment field (INDEXED_FIELDS), the gain of a posting by code for the word as typed (form
 * 1); null for the section-kind field, which a search without `felt` does not read. A list's
 * gains for another form are these times the form (up to float32 rounding): the range bounds of
 * a full build are summed from these (segment/term-ranges.ts).
 */
export function unitGains(): Array<Float64Array | null> {
  return INDEXED_FIELDS.map((field) => (FIELD_WEIGHTS.has(field as SearchFieldName) ? listGains(field as SearchFieldName, 1) : null));
}

/**
 * What a posting of a list in `field` gains its item, by posting code, for an index term of
 * {@link formStrength} `form`: one table per field and form (a few), shared and never changed.
 */
export function listGains(field: SearchFieldName, form: number): Float64Array {
  const key = `${field}:${form}`;
  let gains = gainTables.get(key);
  if (gains === undefined) {
    const weight = FIELD_WEIGHTS.get(field) ?? 1;
    gains = gainsByCode(slotGains(field, weight, form), weight * form);
    gainTables.set(key, gains);
  }
  return gains;
}

const gainTables = new Map<string, Float64Array>();

/** `weight × matchStrength(form, slot, field)` for every slot. */
function slotGains(field: SearchFieldName, weight: number, form: number): Float32Array {
  const gains = new Float32Array(SCORE_RESOLUTION);
  for (let slot = 0; slot < SCORE_RESOLUTION; slot++) gains[slot] = weight * matchStrength(form, slot, field);
  return gains;
}

// The loops below add decoded lists: the deltas' (FlexSearch) and, under a section-kind
// restriction, every list. A segment's lists, the bulk of a search at 1M items (a common word
// adds millions of postings), go through the same cases as read (segment/accumulate-list.ts).
// Each loop is specialised to one case so its body is a few typed-array operations.

/** The first term: every posting's item becomes a candidate. */
function addFirst(state: MatchState, { ordinals, slots, counts }: FieldPostings, gains: Float64Array): void {
  const { matched, strength } = state;
  let { candidates, found } = state;
  for (let i = 0; i < ordinals.length; i++) {
    const ordinal = ordinals[i] ?? 0;
    // Without a branch on whether the item is new (it is for about every other posting, so such
    // a branch is mispredicted): the ordinal is written at the end and kept only when new.
    if (found === candidates.length) candidates = grow(candidates);
    candidates[found] = ordinal;
    found += 1 - (matched[ordinal] ?? 0);
    matched[ordinal] = 1;
    strength[ordinal] = (strength[ordinal] ?? 0) + (gains[postingCode(slots[i] ?? 0, counts[i] ?? 1)] ?? 0);
  }
  state.candidates = candidates;
  state.found = found;
}

/**
 * Puts the first term's candidates in ascending order. Past one in {@link SORT_DENSITY} items,
 * reading them off the matched column is faster than sorting them: one pass without a branch
 * (the column holds 0 or 1; a branch on it was mispredicted at every other candidate) takes
 * ~1 ms at 1M items at any density, a sort 3 ms for 65,000 candidates and 75 ms for a million.
 */
function sortCandidates(state: MatchState, size: number): void {
  const { candidates, found, matched } = state;
  if (found * SORT_DENSITY < size) candidates.subarray(0, found).sort();
  else readMatched(candidates, matched);
}

/** Writes the ordinals the matched column marks (1) to `candidates`, ascending; returns how many. */
function readMatched(candidates: Uint32Array, matched: Uint8Array): number {
  // Writes the ordinal at every step and moves on only past a candidate; the write one past the
  // last candidate is ignored when the buffer ends there (typed arrays drop writes out of range).
  let at = 0;
  for (let ordinal = 0; ordinal < matched.length; ordinal++) {
    candidates[at] = ordinal;
    at += matched[ordinal] ?? 0;
  }
  return at;
}

/** Candidates fewer than one in this many items are sorted; more are read off the matched column. */
const SORT_DENSITY = 48;

/**
 * A first term one of whose index terms is held by one in this many items is added as a dense
 * term (addStrengths, then one pass over every item: collectFirstMatches); below, that pass
 * costs more than the lighter loop per posting saves (`fleksjob`, 6 % of the items, was slower).
 */
const DENSE_FIRST_TERM = 8;

/**
 * A later term against a list not much longer than the candidates left: scan the list. Without
 * a branch on whether a posting's item is still a candidate (unpredictable when the candidates
 * are a good part of the index; a common word's scan took twice as long with it): `live` is 1 or
 * 0, and an item that is no candidate is written back unchanged.
 */
function addScanning(state: MatchState, { ordinals, slots, counts }: FieldPostings, gains: Float64Array): void {
  const { matched, strength, step } = state;
  const isLive = liveGate(step);
  for (let i = 0; i < ordinals.length; i++) {
    const ordinal = ordinals[i] ?? 0;
    const seen = matched[ordinal] ?? 0;
    const live = isLive[seen] ?? 0;
    matched[ordinal] = seen + live * (step + 1 - seen);
    strength[ordinal] = (strength[ordinal] ?? 0) + live * (gains[postingCode(slots[i] ?? 0, counts[i] ?? 1)] ?? 0);
  }
}

const liveGates: Uint8Array[] = [];

/** By matched count: 1 when an item that matched that many terms is still a candidate at `step`, else 0. */
function liveGate(step: number): Uint8Array {
  let gate = liveGates[step];
  if (gate === undefined) {
    gate = new Uint8Array(256);
    gate.fill(1, step);
    liveGates[step] = gate;
  }
  return gate;
}

/** A later term against a long list and few candidates: look each candidate up (both ascend). */
function addSeeking(state: MatchState, { ordinals, slots, counts }: FieldPostings, gains: Float64Array): void {
  const { matched, strength, step, candidates, found } = state;
  let at = 0;
  for (let c = 0; c < found && at < ordinals.length; c++) {
    const ordinal = candidates[c] ?? 0;
    if ((matched[ordinal] ?? 0) < step) continue;
    at = seek(ordinals, ordinal, at);
    if (ordinals[at] !== ordinal) continue;
    matched[ordinal] = step + 1;
    strength[ordinal] = (strength[ordinal] ?? 0) + (gains[postingCode(slots[at] ?? 0, counts[at] ?? 1)] ?? 0);
  }
}

/** Marks every posting's item matched and adds its gain to the item's strength (a decoded list; see addMarkedList). */
function addDecodedMarks({ matched, strength }: MatchState, { ordinals, slots, counts }: FieldPostings, gains: Float64Array): void {
  for (let i = 0; i < ordinals.length; i++) {
    const ordinal = ordinals[i] ?? 0;
    matched[ordinal] = 1;
    strength[ordinal] = (strength[ordinal] ?? 0) + (gains[postingCode(slots[i] ?? 0, counts[i] ?? 1)] ?? 0);
  }
}

/** Adds every posting's gain to its item's strength (a dense term's decoded list; see addStrengths). */
function addDecodedStrengths(strength: Float32Array, { ordinals, slots, counts }: FieldPostings, gains: Float64Array): void {
  for (let i = 0; i < ordinals.length; i++) {
    const ordinal = ordinals[i] ?? 0;
    strength[ordinal] = (strength[ordinal] ?? 0) + (gains[postingCode(slots[i] ?? 0, counts[i] ?? 1)] ?? 0);
  }
}

/**
 * Ends a dense first term in one pass over every item, in order: an item with strength is a
 * candidate (appended, so the candidates ascend) and its score becomes
 * `idf × saturate(strength)`. Returns how many candidates there are, and sets
 * {@link passMaxScore}. No branch on whether an item matched (an item without strength gets
 * the score 0, and its ordinal is written and not kept); the matched column is not written. At
 * 1M items this took ~4.5 ms, where adding to the candidates' scores, reading them off the
 * matched column and taking their highest score took ~8. The strengths are left for the caller
 * to zero.
 */
function collectFirstMatches(candidates: Uint32Array, strength: Float32Array, strengthBits: Int32Array, score: Float32Array, idf: number): number {
  let found = 0;
  let maxScore = 0;
  for (let ordinal = 0; ordinal < strength.length; ordinal++) {
    candidates[found] = ordinal;
    found += matchBit(strengthBits[ordinal] ?? 0);
    // The first term's score: `idf × saturate(…)` rounded to float32, whatever the column held.
    const scored = Math.fround(idf * saturate(strength[ordinal] ?? 0));
    score[ordinal] = scored;
    maxScore = Math.max(maxScore, scored);
  }
  passMaxScore = maxScore;
  return found;
}

/**
 * Ends a later term: keeps the first `found` candidates that have strength (in order), adding
 * `idf × saturate(strength)` to their scores (`isFirst`: the search's first term, matched among
 * given items, whose scores replace the column's). Returns how many are kept, and sets
 * {@link passMaxScore} to their highest score. Without a branch on whether a candidate matched
 * (a coin toss when a common word meets another): a candidate dropped adds 0 to its score and
 * is written over. A dense term leaves strengths on items that are no candidates, so the caller
 * zeroes the column; a sparse one (`isSparse`) only on candidates, which are zeroed here. The
 * matched column is not written: sparse terms wrote it as they went.
 */
function keepStrengthened(
  candidates: Uint32Array,
  found: number,
  strength: Float32Array,
  strengthBits: Int32Array,
  score: Float32Array,
  idf: number,
  isSparse: boolean,
  isFirst: boolean,
): number {
  let kept = 0;
  let maxScore = 0;
  // Dense: each strength is written back unchanged (the caller fills the column).
  const strengthLeft = isSparse ? 0 : 1;
  for (let c = 0; c < found; c++) {
    const ordinal = candidates[c] ?? 0;
    const summed = strength[ordinal] ?? 0;
    const isMatch = matchBit(strengthBits[ordinal] ?? 0);
    // The first term adds to 0 (0 + x rounds to float32 as x does), not to what the column held.
    const scored = Math.fround((isFirst ? 0 : (score[ordinal] ?? 0)) + idf * saturate(summed));
    score[ordinal] = scored;
    strength[ordinal] = summed * strengthLeft;
    candidates[kept] = ordinal;
    kept += isMatch;
    maxScore = Math.max(maxScore, isMatch * scored);
  }
  passMaxScore = maxScore;
  return kept;
}

/**
 * Ends a sparse first term, its candidates in order (each has strength): each candidate's score
 * becomes `idf × saturate(strength)` (whatever the column held) and its strength 0. Sets
 * {@link passMaxScore}.
 */
function scoreFirstMatches(candidates: Uint32Array, found: number, strength: Float32Array, score: Float32Array, idf: number): void {
  let maxScore = 0;
  for (let c = 0; c < found; c++) {
    const ordinal = candidates[c] ?? 0;
    const scored = Math.fround(idf * saturate(strength[ordinal] ?? 0));
    score[ordinal] = scored;
    strength[ordinal] = 0;
    maxScore = Math.max(maxScore, scored);
  }
  passMaxScore = maxScore;
}

/** Marks the candidates as having matched `step` terms, as the sparse loops expect (see MatchState.isMatchedCurrent). */
function markCandidates(state: MatchState, step: number): void {
  const { candidates, found, matched } = state;
  for (let c = 0; c < found; c++) matched[candidates[c] ?? 0] = step;
  state.isMatchedCurrent = true;
}

/**
 * The highest score of the last pass that ended a term. Module state rather than a property
 * written after the loop: such a write has no type feedback when V8 compiles the loop on stack
 * (a search calls the pass once), and the compiled loop was left at that write on every call,
 * the next call's loop starting over in the interpreter.
 */
let passMaxScore = 0;

/**
 * 1 when a strength's bits (see MatchState.strengthBits) are those of a strength above 0, else 0:
 * arithmetic, where V8 compiles `strength > 0 ? 1 : 0` to a branch, mispredicted at every other
 * item when a term matches half of them (a dense pass over 1M items: 13 against 2.2 ms).
 */
function matchBit(bits: number): number {
  return -bits >>> 31;
}

/**
 * A later term's decoded postings list (the deltas') longer than this many times the candidates
 * left is searched for each candidate rather than scanned whole.
 */
const SEEK_RATIO = 16;

/**
 * A later term meeting fewer candidates than one in this many items is added to them with a
 * branch per posting (addSparseList); more, as a dense term (addStrengths), as a branch on
 * whether an item is a candidate is mispredicted once they are a good part of the index.
 */
const SPARSE_DENSITY = 8;

function grow(candidates: Uint32Array<ArrayBuffer>): Uint32Array<ArrayBuffer> {
  const grown = new Uint32Array(Math.max(16, candidates.length * 2));
  grown.set(candidates);
  return grown;
}

/**
 * Sets in `bits` (a bit per ordinal: bit-columns.ts) the items holding `term` (as a prefix of a
 * word) in any searched field: for an expansion with a bitmap (segment/term-ranges.ts, made from
 * the searched fields' lists of every item of the segment) that bitmap, else its field lists; the
 * deltas' lists either way. Decoding a common word's million postings took ~15 ms at 1M items
 * (`budget -kommune`: 42 ms); ORing its bitmap takes its 31,250 words.
 */
export function markTermBits(index: SearchIndex, term: string, bits: Uint32Array): void {
  const ranges = index.segments.ranges;
  const hasBitmaps = ranges.items === index.segments.size && ranges.fieldMask === SEARCHED_FIELDS_MASK;
  for (const expanded of expandPrefixTerms(index, term)) {
    const bitmap = hasBitmaps && expanded.segmentPosition >= 0 ? ranges.bitmap(expanded.segmentPosition) : null;
    if (bitmap !== null) orBits(bits, bitmap);
    // The segment's items came from the bitmap: only the deltas' lists are read.
    const listed = bitmap === null ? expanded : { ...expanded, segmentPosition: -1 };
    for (const field of SEARCH_FIELDS) {
      if ((expanded.mask & (FIELD_BITS.get(field.name) ?? 0)) === 0) continue;
      forEachPostings(index, listed, field.name, ({ ordinals }) => setBits(bits, ordinals));
    }
  }
}

/** The searched fields' bits (FIELD_BITS), as a TermRanges field mask names them. */
const SEARCHED_FIELDS_MASK = SEARCH_FIELDS.reduce((mask, field) => mask | (FIELD_BITS.get(field.name) ?? 0), 0);
