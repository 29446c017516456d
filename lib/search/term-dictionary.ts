/**
 * The sorted list of every distinct index term, with how many items hold it and in which fields.
 * FlexSearch ("strict") only finds whole terms; a query term is a prefix of the words it should
 * find (a Snowball stem, or the first part of a compound), so the query side expands it here by
 * binary search over the sorted terms and looks each expansion up in FlexSearch.
 */
export interface TermDictionary {
  /** Every distinct index term, sorted by UTF-16 code units (JavaScript's default order). */
  terms: string[];
  /** Items holding the term in any field, by position in `terms`. */
  documentFrequency: Uint32Array;
  /** Bit i set when the term occurs in SEARCH_FIELDS[i] of some item, by position in `terms`. */
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

/**
 * Positions in `dictionary.terms` of the terms starting with `prefix`: all of them, or the
 * {@link MAX_PREFIX_EXPANSIONS} most frequent (ties: dictionary order) when there are more.
 */
export function expandPrefix(dictionary: TermDictionary, prefix: string, limit = MAX_PREFIX_EXPANSIONS): number[] {
  const { documentFrequency } = dictionary;
  const [from, to] = prefixRange(dictionary, prefix);
  const positions = Array.from({ length: to - from }, (_, i) => from + i);
  if (positions.length <= limit) return positions;
  return positions
    .sort((a, b) => (documentFrequency[b] ?? 0) - (documentFrequency[a] ?? 0) || a - b)
    .slice(0, limit);
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
