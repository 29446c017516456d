import { encodeQueryWordForms } from "./danish-encoder";
import { FIELD_INDEX, fieldsForRestriction, SEARCH_FIELDS } from "./index-config";
import type { ExpandedTerm } from "./index-postings";
import { forEachTermList, listGains, type Expansion } from "./match-terms";
import type { Segment } from "./segment/segment";
import { gainsFingerprint } from "./segment/term-ranges";
import type { FamilyList, StemFamily } from "./segment/word-bounds";
import { EXPANSION_STRENGTH, INFLECTION_STRENGTH } from "./term-score";

/**
 * A stem's family may be held this many times the index's items in all (summed document
 * frequencies) for its words' bounds to be made (`kommun`: 1.7 million at 1M items, where 1,423
 * words are bounded); left out are stems of a letter or two (`a`: 54 million), which a query
 * rarely stops at.
 */
const MAX_FAMILY_SHARE = 4;

/**
 * The families segment/word-bounds.ts bounds, a stem at a time: each word of `segment` held by at
 * least `minFrequency` items that a query turns into one term (encodeQueryWordForms), grouped by
 * that term, with every list a search of the term over all fields reads (its prefix expansions
 * in the segment, match-terms.ts forEachTermList) and the gains the search adds for each when
 * none of the words is typed; for each word, its own lists with what typing it adds.
 */
export function* wordFamilies(segment: Segment, items: number, minFrequency: number): Generator<StemFamily> {
  const restriction = fieldsForRestriction(null);
  const frequencies = segment.documentFrequencies(0, segment.termCount);
  const expanded = (at: number): ExpandedTerm => ({ term: segment.term(at), mask: segment.fieldMask(at), frequency: frequencies[at] ?? 0, segmentPosition: at, inDeltas: false });
  const listsOf = (term: string, typed: ReadonlyMap<string, readonly string[]>, terms: ExpandedTerm[]): FamilyList[] => {
    const lists: FamilyList[] = [];
    const expansion: Expansion = { terms, frequency: 0, largest: 0 };
    forEachTermList(restriction, typed, term, expansion, (held, field, gains) => lists.push({ position: held.segmentPosition, field: FIELD_INDEX.get(field) ?? 0, gains }));
    return lists;
  };
  for (const [term, words] of frequentWords(segment, frequencies, minFrequency)) {
    const [from, to] = segment.prefixRange(term);
    let held = 0;
    for (let at = from; at < to; at++) held += frequencies[at] ?? 0;
    if (held > MAX_FAMILY_SHARE * items) continue;
    const family = Array.from({ length: to - from }, (_, i) => expanded(from + i));
    yield {
      term,
      lists: listsOf(term, new Map(), family),
      words: words.map((position) => {
        const word = segment.term(position);
        const own = [expanded(position)];
        const untyped = listsOf(term, new Map(), own);
        // Typed, the word gains fully where it gained as another inflection: the difference, list by list (the same fields in the same order).
        const lists = listsOf(term, new Map([[term, [word]]]), own).map((list, i) => ({ ...list, gains: list.gains.map((gain, code) => gain - (untyped[i]?.gains[code] ?? 0)) }));
        return { word, lists };
      }),
    };
  }
}

/** The positions of the words held by `minFrequency` items or more that a query turns into one term, by that term. */
function frequentWords(segment: Segment, frequencies: Uint32Array, minFrequency: number): Map<string, number[]> {
  const byTerm = new Map<string, number[]>();
  for (let position = 0; position < segment.termCount; position++) {
    if ((frequencies[position] ?? 0) < minFrequency) continue;
    const word = segment.term(position);
    const forms = encodeQueryWordForms(word);
    const form = forms[0];
    if (forms.length !== 1 || form === undefined || form.typed !== word) continue;
    const words = byTerm.get(form.term) ?? [];
    words.push(position);
    byTerm.set(form.term, words);
  }
  return byTerm;
}

let fingerprint: string | null = null;

/** The fingerprint of the gains a family's lists carry (every field at every form): bounds made with others are not used. */
export function wordGainsFingerprint(): string {
  fingerprint ??= gainsFingerprint([1, INFLECTION_STRENGTH, EXPANSION_STRENGTH].flatMap((form) => SEARCH_FIELDS.map((field) => listGains(field.name, form))));
  return fingerprint;
}
