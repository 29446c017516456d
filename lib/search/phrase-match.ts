import { scanWords, type ScannedWord } from "./danish-encoder";
import { FIELD_BITS, PAIR_SEPARATOR, SEARCH_FIELDS, type FieldRestriction } from "./index-config";
import { deltaPairPostings, expandPrefixTerms, forEachPairList, forEachPostings, type ExpandedTerm } from "./index-postings";
import { orBits, setBits } from "./bit-columns";
import { POSITION_BY_CODE, UNKNOWN_PAIR_POSITION } from "./pair-positions";
import { lowerPairPositions } from "./segment/accumulate-list";
import { kernelOfOrdinals, kernelOfPositions, type PostingsKernel } from "./segment/postings-kernel";
import type { ListTarget } from "./segment/segment-format";
import { someSearchedText, type SearchIndex } from "./search-index";
import { prefixRange } from "./term-dictionary";
import { termPrefixSource } from "./term-pattern";

/** A phrase prepared for checking many texts: its terms and a cheap pre-filter per term. */
export interface CompiledPhrase {
  terms: readonly string[];
  /** Matches the start of a word that folds to something starting with the term; empty when a term has no pattern. */
  patterns: readonly RegExp[];
  /** The first term's pattern, global, to visit each candidate start; null without patterns. */
  firstPattern: RegExp | null;
  /** Characters after a start that surely hold the whole phrase with stop words in between. */
  window: number;
}

// Text made only of these characters folds exactly as the patterns assume; anything else
// (accents, other scripts) skips the pre-filter and goes straight to the word scan.
const PREFILTER_SAFE = /^[\x00-\x7FæøåÆØÅ]*$/;

/** Prepares a phrase (a sequence of encoded query terms) for {@link containsPhrase}. */
export function compilePhrase(terms: readonly string[]): CompiledPhrase {
  const sources = terms.map(termPrefixSource);
  const isFilterable = sources.every((source) => source !== null);
  return {
    terms,
    patterns: isFilterable ? sources.map((source) => new RegExp(source ?? "", "iu")) : [],
    firstPattern: isFilterable ? new RegExp(sources[0] ?? "", "giu") : null,
    window: 200 + terms.reduce((sum, term) => sum + 3 * term.length, 0),
  };
}

/**
 * True when the phrase occurs as consecutive non-stop words (each term a prefix of its word)
 * within one text of the item that `restriction` searches.
 */
export function containsPhrase(index: SearchIndex, ordinal: number, phrase: CompiledPhrase, restriction: FieldRestriction): boolean {
  return someSearchedText(index, ordinal, restriction, (text) => textContainsPhrase(text, phrase));
}

/** True when `phrase` occurs in `text` as consecutive non-stop words (terms as prefixes). */
export function textContainsPhrase(text: string, phrase: CompiledPhrase): boolean {
  const { terms, patterns } = phrase;
  if (terms.length === 0) return true;
  if (phrase.firstPattern === null || !PREFILTER_SAFE.test(text)) return startsPhraseAt(scanWords(text), terms);
  if (!patterns.every((pattern) => pattern.test(text))) return false;
  // Only words from an occurrence of the first term can start the phrase; scan just past each.
  // exec on the shared pattern rather than matchAll, which copies the RegExp on every call.
  const firstPattern = phrase.firstPattern;
  firstPattern.lastIndex = 0;
  for (let match = firstPattern.exec(text); match !== null; match = firstPattern.exec(text)) {
    let end = match.index + phrase.window;
    while (end < text.length && !/\s/.test(text.charAt(end))) end++;
    if (startsPhraseAt(scanWords(text.slice(match.index, end)), terms, true)) return true;
  }
  return false;
}

function startsPhraseAt(allWords: readonly ScannedWord[], terms: readonly string[], isAnchored = false): boolean {
  const words = allWords.filter((word) => !word.isStopWord);
  const lastStart = isAnchored ? 0 : words.length - terms.length;
  for (let start = 0; start <= lastStart; start++) {
    let isMatch = true;
    for (let k = 0; k < terms.length && isMatch; k++) {
      isMatch = words[start + k]?.term.startsWith(terms[k] ?? "") ?? false;
    }
    if (isMatch) return true;
  }
  return false;
}

/** In {@link PhrasePairs}: the item holds no such pair. */
export const NO_PAIR = 0xffff;

/**
 * Per adjacent pair of a phrase's terms (k and k + 1), per item, the lowest first position of
 * a word pair `terms[k]…` + `terms[k + 1]…` it holds (pair-positions.ts): {@link NO_PAIR} when
 * it holds none, UNKNOWN_PAIR_POSITION when its position is not known (past the stored ones, or
 * an item a delta added: FlexSearch keeps no positions). Each pair's postings are read once, as
 * stored, for both what the pairs prove ({@link holdsEveryPair}, {@link hasConsecutivePairs}).
 */
export type PhrasePairs = Uint16Array[];

/**
 * The phrase's pairs, each in a fresh column or, when `columns` has one for every pair, in
 * those (a search's own, in its postings kernel's memory: match-terms.ts reusablePairScratch,
 * where the passes over them run). `readInto` may give room for a long list to be read into.
 */
export function phrasePairs(index: SearchIndex, terms: readonly string[], columns: readonly Uint16Array[] = [], readInto?: ListTarget): PhrasePairs {
  const pairs: PhrasePairs = [];
  const isOwn = columns.length >= terms.length - 1 && columns.every((column) => column.length === index.size);
  for (let k = 0; k + 1 < terms.length; k++) {
    const positions = (isOwn ? (columns[k] ?? new Uint16Array(index.size)) : new Uint16Array(index.size)).fill(NO_PAIR);
    for (const pair of phrasePairTerms(index, terms[k] ?? "", terms[k + 1] ?? "")) {
      forEachPairList(
        index,
        pair,
        (list) => lowerPairPositions(list, POSITION_BY_CODE, positions),
        ({ ordinals }) => {
          for (let i = 0; i < ordinals.length; i++) {
            const ordinal = ordinals[i] ?? 0;
            positions[ordinal] = Math.min(positions[ordinal] ?? NO_PAIR, UNKNOWN_PAIR_POSITION);
          }
        },
        readInto,
      );
    }
    pairs.push(positions);
  }
  return pairs;
}

/**
 * True when the item holds every adjacent pair of the phrase (each term a prefix of its word).
 * For two terms that is exactly holding the phrase somewhere in the searched texts; longer
 * phrases still need {@link hasConsecutivePairs} or {@link containsPhrase}.
 */
export function holdsEveryPair(pairs: PhrasePairs, ordinal: number): boolean {
  for (const positions of pairs) if (positions[ordinal] === NO_PAIR) return false;
  return true;
}

/**
 * True when the item surely holds a phrase of three or more terms: the pairs of its adjacent
 * terms first occur at consecutive known positions, the pair of terms k and k + 1 at p + k, so
 * words p to p + n − 1 are the phrase (pairs never span two texts). False says nothing: the
 * pairs may first occur apart and meet later (check the text).
 */
export function hasConsecutivePairs(pairs: PhrasePairs, ordinal: number): boolean {
  if (pairs.length < 2) return false;
  const start = pairs[0]?.[ordinal] ?? NO_PAIR;
  const last = start + pairs.length - 1;
  if (last >= UNKNOWN_PAIR_POSITION) return false;
  for (let k = 1; k < pairs.length; k++) if (pairs[k]?.[ordinal] !== start + k) return false;
  return true;
}

/**
 * The `candidates` (in order) that hold every pair ({@link holdsEveryPair}), written to `kept` (a
 * new array, or `candidates` itself: each is written at or before where it was read) and
 * returned as its start: one loop without a call or a branch per candidate (a common phrase's
 * candidates are half the index).
 */
export function keepHoldingEveryPair(candidates: Uint32Array, pairs: PhrasePairs, kept: Uint32Array = new Uint32Array(candidates.length)): Uint32Array {
  const kernel = kernelOfPairs(pairs);
  if (kernel !== undefined && kernelOfOrdinals(candidates) === kernel && kernelOfOrdinals(kept) === kernel && kept.byteOffset <= candidates.byteOffset) {
    // Pair by pair, each pass keeping those holding one more pair.
    let held = candidates;
    for (const positions of pairs) held = kept.subarray(0, kernel.keepHolding(held, positions, kept));
    return held;
  }
  let count = 0;
  for (let i = 0; i < candidates.length; i++) {
    const ordinal = candidates[i] ?? 0;
    let holds = 1;
    for (let k = 0; k < pairs.length; k++) holds &= (pairs[k]?.[ordinal] ?? NO_PAIR) === NO_PAIR ? 0 : 1;
    // Written at `count` and kept only when it holds every pair.
    kept[count] = ordinal;
    count += holds;
  }
  return kept.subarray(0, count);
}

/**
 * Writes the items holding every pair ({@link holdsEveryPair}) to `candidates` (room for every
 * item), in order; returns how many.
 */
export function collectHoldingEveryPair(pairs: PhrasePairs, candidates: Uint32Array<ArrayBuffer>): number {
  const [first, ...rest] = pairs;
  if (first === undefined) return 0;
  const kernel = kernelOfPairs(pairs);
  if (kernel !== undefined && candidates === kernel.candidates) {
    const found = kernel.collectHolding(first);
    // Kept in place, within the found ones (a view the kernel's pass can take: not the whole buffer).
    const held = candidates.subarray(0, found);
    return rest.length === 0 ? found : keepHoldingEveryPair(held, rest, held).length;
  }
  let count = 0;
  for (let ordinal = 0; ordinal < first.length; ordinal++) {
    candidates[count] = ordinal;
    count += holdsEveryPair(pairs, ordinal) ? 1 : 0;
  }
  return count;
}

/**
 * Sets the bits of the items holding a two-word phrase (first, second: its terms) in `bits` (a
 * bit per ordinal; one of `kernel`'s bit columns when given, which then ORs them): the union of
 * its pairs' bitmaps (segment/term-ranges.ts, the pairs held by one item in 8 or more) and the
 * deltas' pairs. False, and `bits` left as they were, when some pair of the segment has no
 * bitmap: then its positions are read ({@link phrasePairs}). For two terms, holding a pair is
 * holding the phrase ({@link holdsEveryPair}).
 */
export function markTwoWordPhrase(index: SearchIndex, first: string, second: string, bits: Uint32Array, kernel?: PostingsKernel): boolean {
  const pairs = phrasePairTerms(index, first, second);
  const bitmaps: Uint32Array[] = [];
  for (const pair of pairs) {
    if (pair.segmentPosition < 0) continue;
    const bitmap = index.segments.pairRanges.bitmap(pair.segmentPosition);
    if (bitmap === null) return false;
    bitmaps.push(bitmap);
  }
  for (const bitmap of bitmaps) {
    if (kernel === undefined) orBits(bits, bitmap);
    else kernel.orBits(bits, bitmap);
  }
  for (const pair of pairs) if (pair.inDeltas) setBits(bits, deltaPairPostings(index, pair).ordinals);
  return true;
}

/** The postings kernel all of whose pair columns `pairs` are, if any. */
function kernelOfPairs(pairs: PhrasePairs): PostingsKernel | undefined {
  const kernel = pairs[0] === undefined ? undefined : kernelOfPositions(pairs[0]);
  return pairs.every((positions) => kernelOfPositions(positions) === kernel) ? kernel : undefined;
}

/**
 * Items among those holding every adjacent pair of a phrase of three or more terms
 * ({@link holdsEveryPair}) that surely hold the phrase, as a membership mask: those in which
 * every middle term occurs once in all their searched texts. Then that one occurrence is in
 * the pair with the term before it and in the pair with the term after it, so the pairs are one
 * run of the phrase. Middle terms other than plain letters (codes, which index parts of
 * themselves) give no mask: null. Items it leaves out may still hold the phrase (check them).
 */
export function singleMiddleMask(index: SearchIndex, terms: readonly string[]): Uint8Array | null {
  const middles = terms.slice(1, -1);
  if (middles.length === 0 || !middles.every((term) => LETTERS_ONLY.test(term))) return null;
  let certain: Uint8Array | null = null;
  for (const term of middles) {
    // Occurrences of words starting with the term, over every field, stopping at 2.
    const occurrences = new Uint8Array(index.size);
    for (const expanded of expandPrefixTerms(index, term, false, Number.MAX_SAFE_INTEGER)) {
      for (const field of SEARCH_FIELDS) {
        if ((expanded.mask & (FIELD_BITS.get(field.name) ?? 0)) === 0) continue;
        forEachPostings(index, expanded, field.name, ({ ordinals, counts }) => {
          for (let i = 0; i < ordinals.length; i++) {
            const ordinal = ordinals[i] ?? 0;
            occurrences[ordinal] = Math.min(2, (occurrences[ordinal] ?? 0) + (counts[i] ?? 1));
          }
        });
      }
    }
    const previous: Uint8Array | null = certain;
    for (let ordinal = 0; ordinal < occurrences.length; ordinal++) {
      occurrences[ordinal] = occurrences[ordinal] === 1 && (previous === null || previous[ordinal] === 1) ? 1 : 0;
    }
    certain = occurrences;
  }
  return certain;
}

const LETTERS_ONLY = /^\p{L}+$/u;

/** How to find a phrase's pairs: from the distinct first words of the pairs starting with its first term, or from every such pair. */
export type PairLookup = "by-word" | "by-pair";

/**
 * The word pairs `first…` + `second…` (each term a prefix of its word) in either part of the
 * index. A short or common first term starts a great many pairs (at 1M generated items "b":
 * 67,536, each made a term object to be filtered); then the distinct first words among them are
 * far fewer, and each word's pairs with the second term are one range of the sorted pairs. The
 * cheaper way is estimated from the dictionaries' ranges; `lookup` forces one (tests compare them).
 */
export function phrasePairTerms(index: SearchIndex, first: string, second: string, lookup?: PairLookup): ExpandedTerm[] {
  if ((lookup ?? cheaperPairLookup(index, first)) === "by-word") {
    const words = new Set<string>();
    const segment = index.segments.pairs;
    const dictionary = index.pairDictionary;
    addFirstWords(words, first, (position) => segment.term(position), (prefix) => segment.prefixRange(prefix));
    addFirstWords(words, first, (position) => dictionary.terms[position] ?? "", (prefix) => prefixRange(dictionary, prefix));
    return [...words].sort().flatMap((word) => expandPrefixTerms(index, word + PAIR_SEPARATOR + second, true, Number.MAX_SAFE_INTEGER));
  }
  // The prefix must lie within the first word, not reach across the separator.
  return expandPrefixTerms(index, first, true, Number.MAX_SAFE_INTEGER).filter((pair) => {
    const separator = pair.term.indexOf(PAIR_SEPARATOR);
    return separator >= first.length && pair.term.startsWith(second, separator + 1);
  });
}

/**
 * Adds the distinct first words of the sorted pairs starting with `prefix` to `words`, jumping
 * from one word's block of pairs ("word\u0001…", contiguous: the separator sorts below every
 * character of a word) to the next: two searches of the dictionary per word.
 */
function addFirstWords(words: Set<string>, prefix: string, termAt: (position: number) => string, range: (prefix: string) => [number, number]): void {
  const [from, end] = range(prefix);
  let position = from;
  while (position < end) {
    const term = termAt(position);
    const word = term.slice(0, Math.max(0, term.indexOf(PAIR_SEPARATOR)));
    if (word.length >= prefix.length) words.add(word);
    position = Math.max(position + 1, range(word + PAIR_SEPARATOR)[1]);
  }
}

/**
 * By word when the words starting with `first` (in the terms' dictionaries, an estimate of the
 * pairs' distinct first words) are under an eighth of the pairs starting with it.
 */
function cheaperPairLookup(index: SearchIndex, first: string): PairLookup {
  const size = ([from, to]: [number, number]) => to - from;
  const words = size(index.segments.terms.prefixRange(first)) + size(prefixRange(index.dictionary, first));
  const pairs = size(index.segments.pairs.prefixRange(first)) + size(prefixRange(index.pairDictionary, first));
  return words * 8 < pairs ? "by-word" : "by-pair";
}
