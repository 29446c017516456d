import { encodeQueryWord } from "./danish-encoder";

/** A free-text query taken apart into encoded terms. */
export interface QueryPlan {
  /** Terms every hit contains (each as a prefix of a word in a searched field), deduplicated. */
  required: string[];
  /** Term sequences that must appear as adjacent words within one field text. */
  phrases: string[][];
  /** Hits containing any of these (a single term, or a phrase of several) are dropped. */
  excluded: string[][];
}

// A quoted phrase (the closing quote may be missing while typing) or a bare word, either with an
// optional leading "-". Typographic quotes count too: Danish keyboards and Word produce „…“ and ”…”.
const QUERY_PART = /(-?)["“”„]([^"“”„]*)["“”„]?|(-?)([^\s"“”„]+)/g;

/**
 * Parses the `q` parameter: words are ANDed, "quoted phrases" must be adjacent, `-word` and
 * `-"a phrase"` exclude. Stop words are dropped everywhere (also inside phrases, on both sides).
 */
export function parseQuery(q: string): QueryPlan {
  const required = new Set<string>();
  const phrases: string[][] = [];
  const excluded: string[][] = [];
  for (const match of q.matchAll(QUERY_PART)) {
    const isPhrase = match[2] !== undefined;
    const isExcluded = (isPhrase ? match[1] : match[3]) === "-";
    const terms = encodeQueryWord((isPhrase ? match[2] : match[4]) ?? "");
    if (terms.length === 0) continue;
    if (isExcluded) {
      // "-it-system" excludes the words as written together, like a phrase.
      excluded.push(terms);
      continue;
    }
    for (const term of terms) required.add(term);
    if (isPhrase && terms.length > 1) phrases.push(terms);
  }
  return { required: [...required], phrases, excluded };
}

/** True when the plan asks for text matches (otherwise the query only browses or excludes). */
export function hasTextConstraint(plan: QueryPlan): boolean {
  return plan.required.length > 0;
}
