import { FIELD_INDEX, PAIR_FIELD, type IndexedFieldName } from "./index-config";
import type { SearchIndex } from "./search-index";
import { PostingsBuffers, type FieldPostings } from "./segment/field-postings";
import type { ListLocation, Segment } from "./segment/segment";
import type { RangeTable } from "./segment/term-ranges";
import type { EncodedList, ListTarget } from "./segment/segment-format";
import { forgetItemTerms as forgetDictionaryTerms, MAX_PREFIX_EXPANSIONS, prefixRange, type TermDictionary } from "./term-dictionary";
import { codeCount, codeField } from "./term-frequencies";

/**
 * The one place the query side reads postings. An index has two parts: the full build's
 * postings in immutable segments (lib/search/segment: binary files read with positioned reads,
 * outside the JavaScript heap), and what deltas appended since, in FlexSearch with its term
 * dictionary and repeats (index-delta.ts). Every lookup here answers for both, so the query
 * side never knows where an item's postings live, and an item scores the same from either.
 */

/** One index term a query term stands for, where each part holds it, and how many items hold it. */
export interface ExpandedTerm {
  term: string;
  /** Bit i set when INDEXED_FIELDS[i] of some item holds it (either part). */
  mask: number;
  /** Items holding it in any field (both parts). */
  frequency: number;
  /** Its position in the segment's dictionary, or -1. */
  segmentPosition: number;
  /** True when the delta part's dictionary holds it. */
  inDeltas: boolean;
}

/**
 * The index terms starting with `prefix` in the term dictionaries (`pairs`: the word-pair ones)
 * of both parts, merged: all of them, or the `limit` held by the most items (ties: term order).
 * The segment's candidates are its own `limit` most frequent; a term just outside them that
 * deltas made more frequent is not considered (only prefixes with over `limit` terms, i.e. one
 * or two letters, get there).
 */
export function expandPrefixTerms(index: SearchIndex, prefix: string, pairs = false, limit = MAX_PREFIX_EXPANSIONS): ExpandedTerm[] {
  const segment = pairs ? index.segments.pairs : index.segments.terms;
  const dictionary = pairs ? index.pairDictionary : index.dictionary;
  const [from, to] = segment.prefixRange(prefix);
  let positions = Array.from({ length: to - from }, (_, i) => from + i);
  if (positions.length > limit) {
    const frequency = segment.documentFrequencies(from, to);
    positions = positions.sort((a, b) => (frequency[b - from] ?? 0) - (frequency[a - from] ?? 0) || a - b).slice(0, limit);
  }
  const byTerm = new Map<string, ExpandedTerm>();
  for (const position of positions) {
    const term = segment.term(position);
    byTerm.set(term, {
      term,
      mask: segment.fieldMask(position),
      frequency: segment.documentFrequency(position),
      segmentPosition: position,
      inDeltas: false,
    });
  }
  const [deltaFrom, deltaTo] = prefixRange(dictionary, prefix);
  for (let i = deltaFrom; i < deltaTo; i++) {
    const term = dictionary.terms[i] ?? "";
    const frequency = dictionary.documentFrequency[i] ?? 0;
    const mask = dictionary.fieldMask[i] ?? 0;
    let expanded = byTerm.get(term);
    if (expanded === undefined) {
      const position = segment.find(term);
      expanded = {
        term,
        mask: position < 0 ? 0 : segment.fieldMask(position),
        frequency: position < 0 ? 0 : segment.documentFrequency(position),
        segmentPosition: position,
        inDeltas: false,
      };
      byTerm.set(term, expanded);
    }
    expanded.mask |= mask;
    expanded.frequency += frequency;
    expanded.inDeltas = true;
  }
  const expanded = [...byTerm.values()];
  if (expanded.length <= limit) return expanded.sort((a, b) => compareTerms(a.term, b.term));
  return expanded.sort((a, b) => b.frequency - a.frequency || compareTerms(a.term, b.term)).slice(0, limit);
}

// One set for every segment list a search visits: visits do not nest, and searches run synchronously.
const segmentBuffers = new PostingsBuffers();

/**
 * The postings of `term` in `field` (an INDEXED_FIELDS name, or PAIR_FIELD for a word pair) from
 * both parts, handed to `visit` one list at a time: the segment's, then the deltas'. Ordinals
 * ascend strictly within a list (match-terms.ts searches them). A list is valid only while
 * `visit` runs (the segment's are decoded into reused buffers); copy what must outlive it.
 */
export function forEachPostings(index: SearchIndex, term: ExpandedTerm, field: IndexedFieldName | typeof PAIR_FIELD, visit: (postings: FieldPostings) => void): void {
  const isPair = field === PAIR_FIELD;
  const fieldIndex = isPair ? 0 : (FIELD_INDEX.get(field) ?? 0);
  if (term.segmentPosition >= 0) {
    const segment = isPair ? index.segments.pairs : index.segments.terms;
    const postings = segment.postings(term.segmentPosition, fieldIndex, segmentBuffers);
    if (postings !== null && postings.ordinals.length > 0) visit(postings);
  }
  if (term.inDeltas) {
    const postings = deltaPostings(index, term.term, field, fieldIndex);
    if (postings.ordinals.length > 0) visit(postings);
  }
}

/**
 * The postings of a word pair (from {@link expandPrefixTerms} with `pairs`): the segment's list
 * as stored to `visitEncoded` (its codes are the pair's first positions in each item,
 * pair-positions.ts), the deltas' decoded to `visit` (FlexSearch keeps no positions).
 */
export function forEachPairList(
  index: SearchIndex,
  pair: ExpandedTerm,
  visitEncoded: (list: EncodedList) => void,
  visit: (postings: FieldPostings) => void,
  readInto?: ListTarget,
): void {
  if (pair.segmentPosition >= 0) {
    const list = index.segments.pairs.encodedList(pair.segmentPosition, 0, readInto);
    if (list !== null) visitEncoded(list);
  }
  if (pair.inDeltas) {
    const postings = deltaPostings(index, pair.term, PAIR_FIELD, 0);
    if (postings.ordinals.length > 0) visit(postings);
  }
}

/**
 * As {@link forEachPostings}, but the segment's list is handed to `visitEncoded` as stored (for
 * the search's hot loops, segment/accumulate-list.ts); the deltas' lists, decoded, to `visit`.
 * `readInto` may give room for a long list to be read into (see Segment.encodedList).
 */
export function forEachPostingsList(
  index: SearchIndex,
  term: ExpandedTerm,
  field: IndexedFieldName,
  visitEncoded: (list: EncodedList) => void,
  visit: (postings: FieldPostings) => void,
  readInto?: ListTarget,
): void {
  const fieldIndex = FIELD_INDEX.get(field) ?? 0;
  if (term.segmentPosition >= 0) {
    const list = index.segments.terms.encodedList(term.segmentPosition, fieldIndex, readInto);
    if (list !== null) visitEncoded(list);
  }
  if (term.inDeltas) {
    const postings = deltaPostings(index, term.term, field, fieldIndex);
    if (postings.ordinals.length > 0) visit(postings);
  }
}

/**
 * As {@link forEachPostings}, but a segment list with a range table (segment/term-ranges.ts) is
 * handed to `visitTable` as where it lies and its table, unread; every other list decoded to
 * `visit`, the segment's first.
 */
export function forEachRangedList(
  index: SearchIndex,
  term: ExpandedTerm,
  field: IndexedFieldName,
  visitTable: (list: ListLocation, table: RangeTable) => void,
  visit: (postings: FieldPostings, isSegment: boolean) => void,
): void {
  const fieldIndex = FIELD_INDEX.get(field) ?? 0;
  if (term.segmentPosition >= 0) {
    const table = index.segments.ranges.table(term.segmentPosition, fieldIndex);
    if (table !== null) {
      const list = index.segments.terms.locateList(term.segmentPosition, fieldIndex);
      if (list !== null) visitTable(list, table);
    } else {
      const postings = index.segments.terms.postings(term.segmentPosition, fieldIndex, segmentBuffers);
      if (postings !== null && postings.ordinals.length > 0) visit(postings, true);
    }
  }
  if (term.inDeltas) {
    const postings = deltaPostings(index, term.term, field, fieldIndex);
    if (postings.ordinals.length > 0) visit(postings, false);
  }
}

/** Every posting list of `term` (exactly as indexed, no prefix expansion) in `field`, both parts. */
export function termPostings(index: SearchIndex, term: string, field: IndexedFieldName | typeof PAIR_FIELD): FieldPostings[] {
  const isPair = field === PAIR_FIELD;
  const dictionary = isPair ? index.pairDictionary : index.dictionary;
  const [from] = prefixRange(dictionary, term);
  const exact: ExpandedTerm = {
    term,
    mask: 0,
    frequency: 0,
    segmentPosition: (isPair ? index.segments.pairs : index.segments.terms).find(term),
    inDeltas: dictionary.terms[from] === term,
  };
  const lists: FieldPostings[] = [];
  forEachPostings(index, exact, field, ({ ordinals, slots, counts }) => lists.push({ ordinals: ordinals.slice(), slots: slots.slice(), counts: counts.slice() }));
  return lists;
}

/** The postings the deltas hold of a word pair (from {@link expandPrefixTerms} with `pairs`); the segment's are not read. */
export function deltaPairPostings(index: SearchIndex, pair: ExpandedTerm): FieldPostings {
  return deltaPostings(index, pair.term, PAIR_FIELD, 0);
}

/**
 * FlexSearch's postings of a term appended by deltas, as a {@link FieldPostings}: its public
 * unresolved search gives the items grouped by the slot of the first occurrence (no `limit` cuts
 * it short), the delta repeats (term-frequencies.ts) the counts.
 */
function deltaPostings(index: SearchIndex, term: string, field: string, fieldIndex: number): FieldPostings {
  const slots = index.flex.search(term, { index: field, resolve: false }).result as ReadonlyArray<ArrayLike<number> | null | undefined>;
  // Ordinals ascending, as in a segment: the slot of each item, then the items in order.
  const slotByOrdinal = new Map<number, number>();
  slots.forEach((ids, slot) => {
    if (!ids) return;
    for (let i = 0; i < ids.length; i++) slotByOrdinal.set(Number(ids[i]), slot);
  });
  const ordinals = Uint32Array.from(slotByOrdinal.keys()).sort();
  const length = ordinals.length;
  const slotOf = Uint8Array.from(ordinals, (ordinal) => slotByOrdinal.get(ordinal) ?? 0);
  const counts = new Uint8Array(length).fill(1);
  const repeats = field === PAIR_FIELD ? undefined : index.frequencies.get(term);
  if (repeats !== undefined && length > 0) {
    const positionOf = new Map<number, number>();
    ordinals.forEach((ordinal, i) => positionOf.set(ordinal, i));
    for (let i = 0; i < repeats.ordinals.length; i++) {
      const code = repeats.codes[i] ?? 0;
      if (codeField(code) !== fieldIndex) continue;
      const position = positionOf.get(repeats.ordinals[i] ?? -1);
      if (position !== undefined) counts[position] = codeCount(code);
    }
  }
  return { ordinals, slots: slotOf, counts };
}

/**
 * Counts one item fewer for each of the item's distinct terms and word pairs, in the part that
 * indexed it (the segment for the full build's ordinals), so frequencies stay those of a fresh
 * build. Called when a delta removes the item.
 */
export function forgetItemTerms(index: SearchIndex, ordinal: number, terms: ReadonlySet<string>, pairs: ReadonlySet<string>): void {
  if (ordinal >= index.segments.size) {
    forgetDictionaryTerms(index.dictionary, terms);
    forgetDictionaryTerms(index.pairDictionary, pairs);
    return;
  }
  forgetSegmentTerms(index.segments.terms, terms);
  forgetSegmentTerms(index.segments.pairs, pairs);
}

function forgetSegmentTerms(segment: Segment, terms: Iterable<string>): void {
  for (const term of terms) {
    const position = segment.find(term);
    if (position < 0) throw new Error(`Term "${term}" of a removed item is not in the index segment`);
    segment.forgetItem(position);
  }
}

/** Every index term with its item count over both parts (terms no item holds any more left out), in term order. */
export function termFrequencies(index: SearchIndex, pairs = false): Map<string, number> {
  const segment = pairs ? index.segments.pairs : index.segments.terms;
  const dictionary: TermDictionary = pairs ? index.pairDictionary : index.dictionary;
  const counts = new Map<string, number>();
  const frequency = segment.documentFrequencies(0, segment.termCount);
  for (let position = 0; position < segment.termCount; position++) counts.set(segment.term(position), frequency[position] ?? 0);
  dictionary.terms.forEach((term, i) => counts.set(term, (counts.get(term) ?? 0) + (dictionary.documentFrequency[i] ?? 0)));
  return new Map([...counts].filter(([, count]) => count > 0).sort(([a], [b]) => compareTerms(a, b)));
}

function compareTerms(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
