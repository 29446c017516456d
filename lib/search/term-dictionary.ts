/**
 * The sorted list of every distinct index term of the items deltas appended (the full build's
 * are in its segment, lib/search/segment), with how many items hold it and in which fields.
 * FlexSearch ("strict") only finds whole terms; a query term is a prefix of the words it should
 * find (a Snowball stem, or the first part of a compound), so the query side expands it here and
 * in the segment by binary search over the sorted terms (index-postings.ts).
 */
export interface TermDictionary {
  /** Every distinct index term, sorted by UTF-16 code units (JavaScript's default order). */
  terms: string[];
  /** Items holding the term in any field, by position in `terms`. */
  documentFrequency: Uint32Array;
  /** Bit i set when the term occurs in INDEXED_FIELDS[i] of some item, by position in `terms`. */
  fieldMask: Uint8Array;
}

/**
 * At most this many dictionary terms stand in for one query term, the most frequent first. Only
 * very short prefixes ("ko") reach it; it bounds their cost at a few milliseconds.
 */
export const MAX_PREFIX_EXPANSIONS = 400;

/** Collects terms item by item while the index is built. */
export class TermDictionaryBuilder {
  private readonly entries = new Map<string, { frequency: number; mask: number; lastItem: number }>();

  /** Records that item `ordinal` holds `term` in the field with bit `fieldBit`. */
  add(term: string, ordinal: number, fieldBit: number): void {
    const entry = this.entries.get(term);
    if (entry === undefined) {
      this.entries.set(term, { frequency: 1, mask: fieldBit, lastItem: ordinal });
      return;
    }
    entry.mask |= fieldBit;
    if (entry.lastItem !== ordinal) {
      entry.frequency++;
      entry.lastItem = ordinal;
    }
  }

  /** The finished, sorted dictionary. */
  build(): TermDictionary {
    const terms = [...this.entries.keys()].sort();
    const documentFrequency = new Uint32Array(terms.length);
    const fieldMask = new Uint8Array(terms.length);
    terms.forEach((term, i) => {
      const entry = this.entries.get(term);
      documentFrequency[i] = entry?.frequency ?? 0;
      fieldMask[i] = entry?.mask ?? 0;
    });
    return { terms, documentFrequency, fieldMask };
  }
}

/** The positions [from, to) in `dictionary.terms` of the terms starting with `prefix`. */
export function prefixRange(dictionary: TermDictionary, prefix: string): [number, number] {
  const from = lowerBound(dictionary.terms, prefix);
  // No index term contains U+FFFF, so this bound sits right after the last term with the prefix.
  return [from, lowerBound(dictionary.terms, `${prefix}\uffff`, from)];
}

function lowerBound(terms: readonly string[], value: string, from = 0): number {
  let lo = from;
  let hi = terms.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((terms[mid] ?? "") < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** A dictionary without terms. */
export function emptyDictionary(): TermDictionary {
  return { terms: [], documentFrequency: new Uint32Array(0), fieldMask: new Uint8Array(0) };
}

/**
 * The union of two dictionaries over disjoint sets of items (an index and the items a delta
 * appends): frequencies add up, field masks combine. A linear merge of the sorted term lists.
 */
export function mergeDictionaries(a: TermDictionary, b: TermDictionary): TermDictionary {
  if (b.terms.length === 0) return a;
  if (a.terms.length === 0) return b;
  const terms: string[] = [];
  const frequency: number[] = [];
  const masks: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.terms.length || j < b.terms.length) {
    const termA = a.terms[i];
    const termB = b.terms[j];
    if (termB === undefined || (termA !== undefined && termA < termB)) {
      terms.push(termA ?? "");
      frequency.push(a.documentFrequency[i] ?? 0);
      masks.push(a.fieldMask[i] ?? 0);
      i++;
    } else if (termA === undefined || termB < termA) {
      terms.push(termB);
      frequency.push(b.documentFrequency[j] ?? 0);
      masks.push(b.fieldMask[j] ?? 0);
      j++;
    } else {
      terms.push(termA);
      frequency.push((a.documentFrequency[i] ?? 0) + (b.documentFrequency[j] ?? 0));
      masks.push((a.fieldMask[i] ?? 0) | (b.fieldMask[j] ?? 0));
      i++;
      j++;
    }
  }
  return { terms, documentFrequency: Uint32Array.from(frequency), fieldMask: Uint8Array.from(masks) };
}

/**
 * Counts one item fewer for each of `terms` (the distinct terms of an item being removed), so
 * the frequencies stay those of a fresh build. A term's field bits stay: they only cost a lookup.
 */
export function forgetItemTerms(dictionary: TermDictionary, terms: Iterable<string>): void {
  for (const term of terms) {
    const position = lowerBound(dictionary.terms, term);
    if (dictionary.terms[position] !== term) throw new Error(`Term "${term}" of a removed item is not in the dictionary`);
    dictionary.documentFrequency[position] = Math.max(0, (dictionary.documentFrequency[position] ?? 0) - 1);
  }
}
