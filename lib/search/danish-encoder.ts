import { stemmer } from "@orama/stemmers/danish";
import { foldDanish, unfoldDanishLetters } from "@/lib/text/fold-danish";
import { FOLDED_DANISH_STOP_WORDS } from "./danish-stop-words";

/**
 * The one Danish text encoder of the search index. Indexing and querying share its folding and
 * tokenization; the index stores folded words and FlexSearch ("forward") adds every prefix, the
 * query side stems. A Snowball stem is always a prefix of its word, so the stemmed query term
 * finds every inflection and every compound that starts with it: "godkendt" → "godkend" finds
 * "godkendes" (whose own stem is "godk"), "sygedagpenge" → "sygedagpeng" finds
 * "sygedagpengesager".
 */

/** One word of a text with its offsets in the NFC-normalized text it was scanned from. */
export interface ScannedWord {
  /** UTF-16 offset of the first character. */
  start: number;
  /** UTF-16 offset after the last character. */
  end: number;
  /** Folded form: the term the index stores. */
  term: string;
  /** For case numbers and other codes: the folded parts ("24/3579" → ["24", "3579"]). */
  parts: readonly string[];
  isStopWord: boolean;
  /** True for a code such as "15.00.00-a00-28-23", "24/3579", "emn-2022-81268" or "2.000". */
  isCode: boolean;
}

// Letters/digits, optionally joined by . / - between them: "15.00.00-A00-28-23", "24/3579".
const WORD_PATTERN = /[\p{L}\p{N}]+(?:[./-][\p{L}\p{N}]+)*/gu;
const SEPARATOR_PATTERN = /[./-]/;
const DIGIT_PATTERN = /\p{N}/u;
const DOTTED_NUMBER_PATTERN = /^\d{1,3}(?:\.\d{3})+$/;
// Whole codes longer than this (URLs, file names) are only indexed by their parts.
const MAX_CODE_LENGTH = 40;

/**
 * Splits text into words. Codes (a joined token with a digit) stay whole and carry their parts;
 * joined tokens without digits ("it-system", "og/eller") become one word per part.
 * Offsets refer to `text.normalize("NFC")`; pass NFC text to use them against the original.
 */
export function scanWords(text: string): ScannedWord[] {
  const normalized = text.normalize("NFC");
  const words: ScannedWord[] = [];
  for (const match of normalized.matchAll(WORD_PATTERN)) {
    const raw = match[0];
    const start = match.index;
    if (!SEPARATOR_PATTERN.test(raw)) {
      words.push(simpleWord(raw, start));
    } else if (DIGIT_PATTERN.test(raw)) {
      words.push(codeWord(raw, start));
    } else {
      let offset = start;
      for (const part of raw.split(SEPARATOR_PATTERN)) {
        words.push(simpleWord(part, offset));
        offset += part.length + 1;
      }
    }
  }
  return words;
}

/** What a simple word (no separator) folds to. */
interface FoldedWord {
  term: string;
  isStopWord: boolean;
  /**
   * Word pairs starting with this word, by the next word's term (see pairAfter): a pair repeats
   * across items as its words do, so one string per pair, already hashed, instead of a new
   * concatenation per occurrence that every set and map it goes into must hash and compare.
   */
  pairs: Map<string, string> | null;
}

// Word frequencies are Zipfian, so a plain map of recent foldings saves most of the Unicode work.
const FOLD_CACHE_LIMIT = 100_000;
const foldCache = new Map<string, FoldedWord>();
const NO_PARTS: readonly string[] = Object.freeze([]);

function foldWord(raw: string): FoldedWord {
  let folded = foldCache.get(raw);
  if (folded === undefined) {
    const term = foldDanish(raw);
    folded = { term, isStopWord: FOLDED_DANISH_STOP_WORDS.has(term), pairs: null };
    if (foldCache.size >= FOLD_CACHE_LIMIT) clearFoldCache();
    foldCache.set(raw, folded);
  }
  return folded;
}

// The pairs the cached words hold, at most; past it the cache starts over.
const PAIR_CACHE_LIMIT = 300_000;
let cachedPairs = 0;
let cachedPairSeparator = "";

function clearFoldCache(): void {
  foldCache.clear();
  cachedPairs = 0;
}

/** `previous + separator + term`, the same string each time while `previous` stays cached. */
function pairAfter(previous: FoldedWord, term: string, separator: string): string {
  if (separator !== cachedPairSeparator) {
    clearFoldCache();
    cachedPairSeparator = separator;
  }
  let pair = previous.pairs?.get(term);
  if (pair === undefined) {
    pair = previous.term + separator + term;
    if (cachedPairs >= PAIR_CACHE_LIMIT) clearFoldCache();
    (previous.pairs ??= new Map()).set(term, pair);
    cachedPairs++;
  }
  return pair;
}

function simpleWord(raw: string, start: number): ScannedWord {
  const { term, isStopWord } = foldWord(raw);
  return { start, end: start + raw.length, term, parts: NO_PARTS, isStopWord, isCode: false };
}

function codeWord(raw: string, start: number): ScannedWord {
  const term = foldDanish(raw);
  const parts = term.split(SEPARATOR_PATTERN).filter((part) => part.length > 0);
  // Danish thousands separators: "2.000.000" must be found as "2000000" too.
  if (DOTTED_NUMBER_PATTERN.test(term)) parts.push(term.replaceAll(".", ""));
  return { start, end: start + raw.length, term, parts, isStopWord: false, isCode: true };
}

/**
 * The index terms of a text, in order: each non-stop word's folded form, followed by a code's
 * parts. Numbers are kept as written ("2000" stays "2000"); no letters are collapsed.
 */
export function encodeForIndex(text: string): string[] {
  return appendIndexTerms(scanWords(text), []);
}

/** Appends the index terms of scanned `words` ({@link encodeForIndex}) to `terms` and returns it. */
export function appendIndexTerms(words: readonly ScannedWord[], terms: string[]): string[] {
  for (const word of words) {
    if (word.isStopWord) continue;
    if (word.term.length <= MAX_CODE_LENGTH || !word.isCode) terms.push(word.term);
    for (const part of word.parts) terms.push(part);
  }
  return terms;
}

/**
 * What indexing takes from a text, in one pass without an object per word: appends its index
 * terms ({@link appendIndexTerms} of {@link scanWords}) to `terms`, and adds each pair of
 * adjacent non-stop words (whole folded words, codes included, stop words skipped over) to
 * `pairs` as `previous + separator + word`, with the position of its first word where it first
 * occurs. Positions count the non-stop words (a code once) of an item's texts from
 * `wordsBefore`: a pair at position p and one at p + 1 share a word. Returns the count after
 * this text, to pass to the item's next text.
 */
export function appendTextTerms(text: string, terms: string[], pairs: Map<string, number>, separator: string, wordsBefore = 0): number {
  const normalized = text.normalize("NFC");
  const state: PairState = { previousWord: null, previous: null, position: wordsBefore };
  const pattern = new RegExp(WORD_PATTERN);
  for (let match = pattern.exec(normalized); match !== null; match = pattern.exec(normalized)) {
    const raw = match[0];
    if (!SEPARATOR_PATTERN.test(raw)) {
      addSimpleWord(foldWord(raw), terms, pairs, separator, state);
    } else if (DIGIT_PATTERN.test(raw)) {
      const code = codeWord(raw, 0);
      if (code.term.length <= MAX_CODE_LENGTH) terms.push(code.term);
      for (const part of code.parts) terms.push(part);
      const previous = state.previousWord?.term ?? state.previous;
      if (previous !== null) addPair(pairs, previous + separator + code.term, state.position - 1);
      state.previousWord = null;
      state.previous = code.term;
      state.position++;
    } else {
      for (const part of raw.split(SEPARATOR_PATTERN)) addSimpleWord(foldWord(part), terms, pairs, separator, state);
    }
  }
  return state.position;
}

/** The previous non-stop word of a text being indexed (a cached simple word, or a code's term), and the next word's position. */
interface PairState {
  previousWord: FoldedWord | null;
  previous: string | null;
  position: number;
}

function addSimpleWord(word: FoldedWord, terms: string[], pairs: Map<string, number>, separator: string, state: PairState): void {
  if (word.isStopWord) return;
  terms.push(word.term);
  if (state.previousWord !== null) addPair(pairs, pairAfter(state.previousWord, word.term, separator), state.position - 1);
  else if (state.previous !== null) addPair(pairs, state.previous + separator + word.term, state.position - 1);
  state.previousWord = word;
  state.previous = null;
  state.position++;
}

function addPair(pairs: Map<string, number>, pair: string, position: number): void {
  if (!pairs.has(pair)) pairs.set(pair, position);
}

/**
 * The query terms of one typed word, all of which a document must contain (as a prefix of one
 * of its index terms). Stop words give none; a code gives itself whole ("24/3579"); other words
 * give their folded Danish stem ("Høringssvar" and "hoeringssvar" → "hoeringssvar",
 * "sygedagpenge" → "sygedagpeng").
 */
export function encodeQueryWord(word: string): string[] {
  return encodeQueryWordForms(word).map((form) => form.term);
}

/** {@link encodeQueryWord}'s terms, each with the folded word as typed ("ukrainere" → term "ukrain", typed "ukrainere"). */
export function encodeQueryWordForms(word: string): Array<{ term: string; typed: string }> {
  const forms: Array<{ term: string; typed: string }> = [];
  for (const scanned of scanWords(word)) {
    if (scanned.isStopWord) continue;
    if (scanned.isCode && scanned.term.length > MAX_CODE_LENGTH) forms.push(...scanned.parts.map((part) => ({ term: part, typed: part })));
    else forms.push({ term: scanned.isCode ? scanned.term : stemFolded(scanned.term), typed: scanned.term });
  }
  return forms;
}

/**
 * Danish Snowball stem of a folded word, folded again ("hoeringerne" → "hoering"). Words with
 * digits are returned unchanged. The result is always a prefix of the input.
 */
export function stemFolded(folded: string): string {
  if (DIGIT_PATTERN.test(folded)) return folded;
  const stem = foldDanish(stemmer(unfoldDanishLetters(folded)));
  if (folded.startsWith(stem)) return stem;
  return commonPrefix(folded, stem) || folded;
}

function commonPrefix(a: string, b: string): string {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return a.slice(0, i);
}
