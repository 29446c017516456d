import { encodeQueryWordForms } from "./danish-encoder";
import { FIELD_INDEX, fieldsForRestriction, SEARCH_FIELDS } from "./index-config";
import type { ExpandedTerm } from "./index-postings";
import { forEachTermList, listGains, type Expansion } from "./match-terms";
import type { Segment } from "./segment/segment";
import { gainsFingerprint } from "./segment/term-ranges";
import type { FamilyList, WordFamily } from "./segment/word-bounds";
import { EXPANSION_STRENGTH, INFLECTION_STRENGTH } from "./term-score";

/**
 * A word family's terms may be held this many times the index's items in all (summed document
 * frequencies) for its bounds to be made: at 1M items that keeps 3,300 of the 3,336 words held by
 * 4,096 items or more (`kommune`: 1.7 million) and leaves out stems of a letter or two (`a`:
 * 54 million), which a query rarely stops at.
 */
const MAX_FAMILY_SHARE = 4;

/**
 * The families segment/word-bounds.ts bounds: each word of `segment` held by at least
 * `minFrequency` items that a query turns into one term (encodeQueryWordForms), with every list
 * a search of that word alone over all fields reads (its term's prefix expansions in the
 * segment, match-terms.ts forEachTermList) and the gains the search adds for each.
 */
export function* wordFamilies(segment: Segment, items: number, minFrequency: number): Generator<WordFamily> {
  const restriction = fieldsForRestriction(null);
  const frequencies = segment.documentFrequencies(0, segment.termCount);
  for (let position = 0; position < segment.termCount; position++) {
    if ((frequencies[position] ?? 0) < minFrequency) continue;
    const word = segment.term(position);
    const forms = encodeQueryWordForms(word);
    const form = forms[0];
    if (forms.length !== 1 || form === undefined || form.typed !== word) continue;
    const [from, to] = segment.prefixRange(form.term);
    let held = 0;
    for (let at = from; at < to; at++) held += frequencies[at] ?? 0;
    if (held > MAX_FAMILY_SHARE * items) continue;
    const terms: ExpandedTerm[] = [];
    for (let at = from; at < to; at++) {
      terms.push({ term: segment.term(at), mask: segment.fieldMask(at), frequency: frequencies[at] ?? 0, segmentPosition: at, inDeltas: false });
    }
    const expansion: Expansion = { terms, frequency: held, largest: 0 };
    const lists: FamilyList[] = [];
    forEachTermList(restriction, new Map([[form.term, [word]]]), form.term, expansion, (term, field, gains) => {
      lists.push({ position: term.segmentPosition, field: FIELD_INDEX.get(field) ?? 0, gains });
    });
    yield { word, term: form.term, lists };
  }
}

let fingerprint: string | null = null;

/** The fingerprint of the gains a family's lists carry (every field at every form): bounds made with others are not used. */
export function wordGainsFingerprint(): string {
  fingerprint ??= gainsFingerprint([1, INFLECTION_STRENGTH, EXPANSION_STRENGTH].flatMap((form) => SEARCH_FIELDS.map((field) => listGains(field.name, form))));
  return fingerprint;
}
