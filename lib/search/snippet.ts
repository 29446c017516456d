import { scanWords, scanWordSpans, type ScannedWord, type WordSpan } from "./danish-encoder";
import type { FieldRestriction } from "./index-config";
import { searchedTexts, type SearchIndex } from "./search-index";
import { compileTermsPattern, mayContainTerm, possibleTermStarts } from "./term-pattern";

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
  const pattern = compileTermsPattern(terms);
  let best: Passage | null = null;
  for (const text of texts) {
    if (!mayContainTerm(text, pattern)) continue;
    const passage = bestPassage(text, terms, pattern);
    if (passage !== null && (best === null || passage.quality > best.quality)) best = passage;
  }
  if (best !== null) return renderPassage(best);
  const fallback = texts[0] ?? "";
  return fallback === "" ? [] : renderPassage(leadingPassage(fallback));
}

interface Passage {
  text: string;
  words: readonly WordSpan[];
  /** Inclusive word range. */
  from: number;
  to: number;
  isMatch: boolean[];
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
 * The words of `text` and, per word, the index of the first query term it matches (-1: none).
 * Folding every word took most of a snippet's time; where the terms' pattern covers the text,
 * only the words holding a place the pattern matches are folded (the pattern never misses a
 * matching word's start), the others are known not to match.
 */
export function matchWords(text: string, terms: readonly string[], pattern: RegExp | null): { words: readonly WordSpan[]; matchedTerm: number[] } {
  const starts = possibleTermStarts(text, pattern);
  if (starts === null) {
    const words = scanWords(text);
    return { words, matchedTerm: words.map((word) => matchingTermIndex(word, terms)) };
  }
  const words = scanWordSpans(text);
  const matchedTerm = new Array<number>(words.length).fill(-1);
  let next = 0;
  for (let i = 0; i < words.length && next < starts.length; i++) {
    const { start, end } = words[i] as WordSpan;
    while (next < starts.length && (starts[next] ?? 0) < start) next++;
    if (next >= starts.length || (starts[next] ?? 0) >= end) continue;
    const [word] = scanWords(text.slice(start, end));
    matchedTerm[i] = word === undefined ? -1 : matchingTermIndex(word, terms);
  }
  return { words, matchedTerm };
}

function bestPassage(text: string, terms: readonly string[], pattern: RegExp | null): Passage | null {
  if (terms.length === 0) return null;
  const { words, matchedTerm } = matchWords(text, terms, pattern);
  let best: Passage | null = null;
  for (let from = 0; from < words.length; from++) {
    if ((matchedTerm[from] ?? -1) < 0) continue;
    // Windows start one fifth before a match so it is read in context.
    const start = Math.max(0, from - Math.floor(WINDOW_WORDS / 5));
    const end = Math.min(words.length - 1, start + WINDOW_WORDS - 1);
    const distinct = new Set<number>();
    let matches = 0;
    for (let i = start; i <= end; i++) {
      const termIndex = matchedTerm[i] ?? -1;
      if (termIndex >= 0) {
        distinct.add(termIndex);
        matches++;
      }
    }
    const quality = distinct.size * 1000 + matches;
    if (best === null || quality > best.quality) {
      best = { text, words, from: start, to: end, isMatch: matchedTerm.map((t) => t >= 0), quality };
    }
  }
  return best;
}

/** The index of the first term the word (or a code's part) starts with; -1 for none or a stop word. */
function matchingTermIndex(word: ScannedWord, terms: readonly string[]): number {
  if (word.isStopWord) return -1;
  return terms.findIndex((term) => word.term.startsWith(term) || word.parts.some((part) => part.startsWith(term)));
}

function leadingPassage(text: string): Passage {
  const words = scanWords(text);
  return { text, words, from: 0, to: Math.min(words.length, WINDOW_WORDS) - 1, isMatch: words.map(() => false), quality: 0 };
}

function renderPassage(passage: Passage): SnippetRun[] {
  const { text, words, from, to, isMatch } = passage;
  const first = words[from];
  const last = words[to];
  const runs = new RunBuilder(MAX_SNIPPET_LENGTH);
  if (first === undefined || last === undefined) {
    runs.add(collapseWhitespace(text.slice(0, 200)), false);
    return runs.trimmed();
  }
  if (from > 0) runs.add("… ", false);
  const isAtEnd = to === words.length - 1;
  // A passage reaching an end of the text keeps its punctuation there ("(…", "….").
  let cursor = from === 0 ? 0 : first.start;
  for (let i = from; i <= to && !runs.isFull; i++) {
    const word = words[i];
    if (word === undefined || !isMatch[i]) continue;
    runs.add(collapseWhitespace(text.slice(cursor, word.start)), false);
    runs.add(text.slice(word.start, word.end), true);
    cursor = word.end;
  }
  runs.add(collapseWhitespace(text.slice(cursor, isAtEnd ? text.length : last.end)), false);
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
