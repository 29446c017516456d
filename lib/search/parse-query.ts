import { encodeQueryWordForms } from "./danish-encoder";

/** A free-text query taken apart into encoded terms. */
export interface QueryPlan {
  /** Terms every hit contains (each as a prefix of a word in a searched field), deduplicated. */
  required: string[];
  /** For each required term, the folded words typed for it ("ukrain" → ["ukrainere"]): an index term equal to one is an exact match. */
  typed: Map<string, string[]>;
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
  const typed = new Map<string, string[]>();
  const phrases: string[][] = [];
  const excluded: string[][] = [];
  for (const match of q.matchAll(QUERY_PART)) {
    const isPhrase = match[2] !== undefined;
    const isExcluded = (isPhrase ? match[1] : match[3]) === "-";
    const forms = encodeQueryWordForms((isPhrase ? match[2] : match[4]) ?? "");
    const terms = forms.map((form) => form.term);
    if (terms.length === 0) continue;
    if (isExcluded) {
      // "-it-system" excludes the words as written together, like a phrase.
      excluded.push(terms);
      continue;
    }
    for (const { term, typed: word } of forms) {
      required.add(term);
      const words = typed.get(term) ?? [];
      if (!words.includes(word)) words.push(word);
      typed.set(term, words);
    }
    if (isPhrase && terms.length > 1) phrases.push(terms);
  }
  return { required: [...required], typed, phrases, excluded };
}

/** True when the plan asks for text matches (otherwise the query only browses or excludes). */
export function hasTextConstraint(plan: QueryPlan): boolean {
  return plan.required.length > 0;
}
