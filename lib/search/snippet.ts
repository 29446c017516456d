import { scanWords, type ScannedWord } from "./danish-encoder";
import type { FieldRestriction } from "./index-config";
import { searchedTexts, type SearchIndex } from "./search-index";
import { compileTermsPattern, isPrefilterSafe, possibleTermStarts } from "./term-pattern";

/** Words in a snippet window. */
const WINDOW_WORDS = 28;

/**
 * Most characters of text one snippet carries, whatever the document holds: a 28-word window
 * is about 200 characters, but one "word" may be a megabyte of unbroken text.
 */
export const MAX_SNIPPET_LENGTH = 320;

/** A piece of a snippet: plain text (never markup), and whether it is a word the query matched. */
export interface SnippetRun {
  text: string;
  match: boolean;
}

/**
 * The best matching passage of an item as runs of plain text: the window of about 28 words
 * with the most distinct query terms (then the most matches), matched words in runs of their
 * own, "…" where the text was cut, at most {@link MAX_SNIPPET_LENGTH} characters. Searches the
 * body fields among `fields` (title and meta are shown elsewhere); falls back to the start of
 * the decision or first section. Empty when the item has no body text.
 */
export function buildSnippet(index: SearchIndex, ordinal: number, terms: readonly string[], restriction: FieldRestriction): SnippetRun[] {
  const texts = snippetTexts(index, ordinal, restriction);
  const pattern = termsPattern(terms);
  const folded = new Map<string, number>();
  let best: Passage | null = null;
  for (const text of texts) {
    const passage = bestPassage(text, terms, pattern, folded);
    if (passage !== null && (best === null || passage.quality > best.quality)) best = passage;
  }
  if (best !== null) return renderPassage(best);
  const fallback = texts[0] ?? "";
  return fallback === "" ? [] : renderPassage(leadingPassage(fallback));
}

// A search quotes its 20 hits with the same terms: their pattern is compiled once.
let lastPattern: { key: string; pattern: RegExp | null } | null = null;

function termsPattern(terms: readonly string[]): RegExp | null {
  const key = JSON.stringify(terms);
  if (lastPattern?.key !== key) lastPattern = { key, pattern: compileTermsPattern(terms) };
  return lastPattern.pattern;
}

/** The words of a text, as offsets: word i is text.slice(starts[i], ends[i]). */
interface WordSpans {
  starts: number[];
  ends: number[];
}

interface Passage {
  text: string;
  words: WordSpans;
  /** Inclusive word range. */
  from: number;
  to: number;
  /** Per word, the index of the first query term it matches (-1: none). */
  matchedTerm: readonly number[];
  quality: number;
}

function snippetTexts(index: SearchIndex, ordinal: number, restriction: FieldRestriction): string[] {
  const bodyFields = restriction.fields.filter((field) => field !== "title" && field !== "meta");
  const texts = searchedTexts(index, ordinal, { ...restriction, fields: bodyFields });
  if (texts.length > 0) return texts;
  const decision = index.items.decision.get(ordinal);
  return [...(decision ? [decision] : []), ...index.items.sections.at(ordinal).map((section) => section.text)];
}

/**
 * The words of `text` and, per word, the index of the first query term it matches (-1: none);
 * null when the terms' pattern shows no word of it can match. Folding every word took most of
 * a snippet's time; where the pattern covers the text, only the words holding a place the
 * pattern matches are folded (the pattern never misses a matching word's start), the others
 * are known not to match. `folded` remembers the words folded so far (the same terms).
 */
export function matchWords(
  text: string,
  terms: readonly string[],
  pattern: RegExp | null,
  folded = new Map<string, number>(),
): { words: WordSpans; matchedTerm: number[] } | null {
  const starts = possibleTermStarts(text, pattern);
  if (starts === null) {
    const scanned = scanWords(text);
    return { words: spansOf(scanned), matchedTerm: scanned.map((word) => matchingTermIndex(word, terms)) };
  }
  if (starts.length === 0) return null;
  // Starts are only given for text of ASCII and æøåÆØÅ: the character scan's alphabet.
  const words = scanSafeWordSpans(text, Number.POSITIVE_INFINITY);
  const count = words.starts.length;
  const matchedTerm = new Array<number>(count).fill(-1);
  let next = 0;
  for (let i = 0; i < count && next < starts.length; i++) {
    const start = words.starts[i] ?? 0;
    const end = words.ends[i] ?? 0;
    while (next < starts.length && (starts[next] ?? 0) < start) next++;
    if (next >= starts.length || (starts[next] ?? 0) >= end) continue;
    const raw = text.slice(start, end);
    let termIndex = folded.get(raw);
    if (termIndex === undefined) {
      const [word] = scanWords(raw);
      termIndex = word === undefined ? -1 : matchingTermIndex(word, terms);
      folded.set(raw, termIndex);
    }
    matchedTerm[i] = termIndex;
  }
  return { words, matchedTerm };
}

function spansOf(words: readonly ScannedWord[]): WordSpans {
  return { starts: words.map((word) => word.start), ends: words.map((word) => word.end) };
}

const DIGIT_0 = 0x30;
const DIGIT_9 = 0x39;
const LOWER_A = 0x61;
const LOWER_Z = 0x7a;

/** True for a letter or digit of the text the terms' patterns cover (ASCII and æøåÆØÅ). */
function isSafeWordChar(code: number): boolean {
  if (code < 0x80) return (code >= DIGIT_0 && code <= DIGIT_9) || ((code | 0x20) >= LOWER_A && (code | 0x20) <= LOWER_Z);
  // å æ ø and Å Æ Ø.
  return code === 0xe5 || code === 0xe6 || code === 0xf8 || code === 0xc5 || code === 0xc6 || code === 0xd8;
}

/** "." "/" "-": what joins the parts of a code or a compound ("24/3579", "it-system"). */
function isJoiner(code: number): boolean {
  return code === 0x2e || code === 0x2f || code === 0x2d;
}

/**
 * The offsets of the first `limit` words scanWords finds in `text`, for text made only of ASCII and
 * æøåÆØÅ (where the terms' patterns apply), without its regular expression and an object per
 * word: a letter or digit run, joined runs ("24/3579") one word when they hold a digit, else a
 * word per run ("it-system").
 */
function scanSafeWordSpans(text: string, limit: number): WordSpans {
  const starts: number[] = [];
  const ends: number[] = [];
  const length = text.length;
  let at = 0;
  while (at < length && starts.length < limit) {
    if (!isSafeWordChar(text.charCodeAt(at))) {
      at++;
      continue;
    }
    const start = at;
    let hasDigit = false;
    let hasJoiner = false;
    for (;;) {
      for (; at < length; at++) {
        const code = text.charCodeAt(at);
        if (!isSafeWordChar(code)) break;
        if (code <= DIGIT_9) hasDigit = true;
      }
      if (at + 1 < length && isJoiner(text.charCodeAt(at)) && isSafeWordChar(text.charCodeAt(at + 1))) {
        hasJoiner = true;
        at++;
        continue;
      }
      break;
    }
    if (!hasJoiner || hasDigit) {
      starts.push(start);
      ends.push(at);
      continue;
    }
    let partStart = start;
    for (let i = start; i <= at; i++) {
      if (i === at || isJoiner(text.charCodeAt(i))) {
        starts.push(partStart);
        ends.push(i);
        partStart = i + 1;
      }
    }
  }
  return { starts: starts.slice(0, limit), ends: ends.slice(0, limit) };
}

function bestPassage(text: string, terms: readonly string[], pattern: RegExp | null, folded: Map<string, number>): Passage | null {
  if (terms.length === 0) return null;
  const matched = matchWords(text, terms, pattern, folded);
  if (matched === null) return null;
  const { words, matchedTerm } = matched;
  const count = words.starts.length;
  let best: Passage | null = null;
  const distinct = new Set<number>();
  for (let from = 0; from < count; from++) {
    if ((matchedTerm[from] ?? -1) < 0) continue;
    // Windows start one fifth before a match so it is read in context.
    const start = Math.max(0, from - Math.floor(WINDOW_WORDS / 5));
    const end = Math.min(count - 1, start + WINDOW_WORDS - 1);
    distinct.clear();
    let matches = 0;
    for (let i = start; i <= end; i++) {
      const termIndex = matchedTerm[i] ?? -1;
      if (termIndex >= 0) {
        distinct.add(termIndex);
        matches++;
      }
    }
    const quality = distinct.size * 1000 + matches;
    if (best === null || quality > best.quality) best = { text, words, from: start, to: end, matchedTerm, quality };
  }
  return best;
}

/** The index of the first term the word (or a code's part) starts with; -1 for none or a stop word. */
function matchingTermIndex(word: ScannedWord, terms: readonly string[]): number {
  if (word.isStopWord) return -1;
  return terms.findIndex((term) => word.term.startsWith(term) || word.parts.some((part) => part.startsWith(term)));
}

function leadingPassage(text: string): Passage {
  // Where the terms' patterns apply, the first words and whether there are more suffice.
  const words = isPrefilterSafe(text) ? scanSafeWordSpans(text, WINDOW_WORDS + 1) : spansOf(scanWords(text));
  const count = words.starts.length;
  return { text, words, from: 0, to: Math.min(count, WINDOW_WORDS) - 1, matchedTerm: [], quality: 0 };
}

function renderPassage(passage: Passage): SnippetRun[] {
  const { text, words, from, to, matchedTerm } = passage;
  const first = words.starts[from];
  const last = words.ends[to];
  const runs = new RunBuilder(MAX_SNIPPET_LENGTH);
  if (first === undefined || last === undefined) {
    runs.add(collapseWhitespace(text.slice(0, 200)), false);
    return runs.trimmed();
  }
  if (from > 0) runs.add("… ", false);
  // A leading passage may hold one word past its end, to tell that it does not reach the end.
  const isAtEnd = to === words.starts.length - 1;
  // A passage reaching an end of the text keeps its punctuation there ("(…", "….").
  let cursor = from === 0 ? 0 : first;
  for (let i = from; i <= to && !runs.isFull; i++) {
    const start = words.starts[i];
    const end = words.ends[i];
    if (start === undefined || end === undefined || (matchedTerm[i] ?? -1) < 0) continue;
    runs.add(collapseWhitespace(text.slice(cursor, start)), false);
    runs.add(text.slice(start, end), true);
    cursor = end;
  }
  runs.add(collapseWhitespace(text.slice(cursor, isAtEnd ? text.length : last)), false);
  if (!isAtEnd) runs.add(" …", false);
  return runs.trimmed();
}

/** Collects runs up to a number of characters, merging neighbours of the same kind; past it, "…". */
class RunBuilder {
  readonly runs: SnippetRun[] = [];
  #room: number;
  isFull = false;

  constructor(maxLength: number) {
    this.#room = maxLength;
  }

  add(text: string, match: boolean): void {
    if (this.isFull || text === "") return;
    if (text.length > this.#room) {
      this.#push(cutAt(text, this.#room), match);
      this.#push("…", false);
      this.isFull = true;
      return;
    }
    this.#push(text, match);
    this.#room -= text.length;
  }

  #push(text: string, match: boolean): void {
    const previous = this.runs.at(-1);
    if (previous && previous.match === match) previous.text += text;
    else if (text !== "") this.runs.push({ text, match });
  }

  /** The runs without white space at either end. */
  trimmed(): SnippetRun[] {
    const runs = this.runs;
    const head = runs[0];
    if (head && !head.match) head.text = head.text.trimStart();
    const tail = runs.at(-1);
    if (tail && !tail.match) tail.text = tail.text.trimEnd();
    return runs.filter((run) => run.text !== "");
  }
}

/** The first `length` UTF-16 units of `text`, never splitting a surrogate pair. */
function cutAt(text: string, length: number): string {
  const code = text.charCodeAt(length - 1);
  return text.slice(0, code >= 0xd800 && code <= 0xdbff ? length - 1 : length);
}

/** A snippet's plain text, for a spreadsheet cell. */
export function snippetText(runs: readonly SnippetRun[]): string {
  return runs.map((run) => run.text).join("");
}

function collapseWhitespace(text: string): string {
  return text.replace(/\s+/g, " ");
}
