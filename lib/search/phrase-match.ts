import { scanWords, type ScannedWord } from "./danish-encoder";
import type { SearchFieldName } from "./index-config";
import { fieldTexts, type SearchIndex } from "./search-index";

/** A phrase prepared for checking many texts: its terms and a cheap pre-filter per term. */
export interface CompiledPhrase {
  terms: readonly string[];
  /** Matches the start of a word that folds to something starting with the term. */
  patterns: readonly RegExp[];
  /** The first term's pattern, global, to visit each candidate start. */
  firstPattern: RegExp;
  /** Characters after a start that surely hold the whole phrase with stop words in between. */
  window: number;
}

// Text made only of these characters folds exactly as the patterns assume; anything else
// (accents, other scripts) skips the pre-filter and goes straight to the word scan.
const PREFILTER_SAFE = /^[\x00-\x7FæøåÆØÅ]*$/;
const FOLDED_PAIRS: Readonly<Record<string, string>> = { aa: "(?:aa|å)", ae: "(?:ae|æ)", oe: "(?:oe|ø)" };

/** Prepares a phrase (a sequence of encoded query terms) for {@link containsPhrase}. */
export function compilePhrase(terms: readonly string[]): CompiledPhrase {
  const sources = terms.map((term) => {
    const body = term.replace(/aa|ae|oe|[.*+?^${}()|[\]\\/-]/g, (m) => FOLDED_PAIRS[m] ?? `\\${m}`);
    return `(?<![\\p{L}\\p{N}])${body}`;
  });
  return {
    terms,
    patterns: sources.map((source) => new RegExp(source, "iu")),
    firstPattern: new RegExp(sources[0] ?? "$^", "giu"),
    window: 200 + terms.reduce((sum, term) => sum + 3 * term.length, 0),
  };
}

/**
 * True when the phrase occurs as consecutive non-stop words (each term a prefix of its word)
 * within one text of one of `fields` of the item.
 */
export function containsPhrase(index: SearchIndex, ordinal: number, phrase: CompiledPhrase, fields: readonly SearchFieldName[]): boolean {
  for (const field of fields) {
    for (const text of fieldTexts(index, ordinal, field)) {
      if (textContainsPhrase(text, phrase)) return true;
    }
  }
  return false;
}

/** True when `phrase` occurs in `text` as consecutive non-stop words (terms as prefixes). */
export function textContainsPhrase(text: string, phrase: CompiledPhrase): boolean {
  const { terms, patterns } = phrase;
  if (terms.length === 0) return true;
  if (!PREFILTER_SAFE.test(text)) return startsPhraseAt(scanWords(text), terms);
  if (!patterns.every((pattern) => pattern.test(text))) return false;
  // Only words from an occurrence of the first term can start the phrase; scan just past each.
  for (const match of text.matchAll(phrase.firstPattern)) {
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
