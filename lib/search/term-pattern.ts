/**
 * Cheap pre-filters for the word scanner: a regular expression over raw (unfolded) text that
 * matches wherever a word might start with a folded query term. It may match too often, never too
 * rarely, so a text it does not match can be skipped without scanning its words.
 */

// Text made only of these characters folds exactly as the patterns assume; anything else
// (accents, other scripts) must go to the word scanner.
const PREFILTER_SAFE = /^[\x00-\x7FæøåÆØÅ]*$/;
const DIGIT = /\d/;
const LETTERS_ONLY = /^[a-z]+$/;
// Terms longer than this get no pattern: the alternation below grows with every "aa"/"ae"/"oe".
const MAX_TERM_LENGTH = 24;

/**
 * The source of a pattern matching the start of any raw word whose folded form starts with
 * `term`, or null when the term needs the word scanner (digits: "2.000" folds to "2000";
 * anything but a–z). Covers å/æ/ø written as one letter or as "aa"/"ae"/"oe", also when the
 * term ends inside such a pair ("ga" finds "gå").
 */
export function termPrefixSource(term: string): string | null {
  if (term === "" || term.length > MAX_TERM_LENGTH || DIGIT.test(term) || !LETTERS_ONLY.test(term)) return null;
  return `(?<![\\p{L}\\p{N}])${alternatives(term, 0)}`;
}

function alternatives(term: string, at: number): string {
  if (at >= term.length) return "";
  const char = term.charAt(at);
  const pair = term.slice(at, at + 2);
  const options = [`${char}${alternatives(term, at + 1)}`];
  if (pair === "aa") options.push(`å${alternatives(term, at + 2)}`);
  if (pair === "ae") options.push(`æ${alternatives(term, at + 2)}`);
  if (pair === "oe") options.push(`ø${alternatives(term, at + 2)}`);
  if (at === term.length - 1 && char === "a") options.push("[åæ]");
  if (at === term.length - 1 && char === "o") options.push("ø");
  return options.length === 1 ? (options[0] ?? "") : `(?:${options.join("|")})`;
}

/** A pattern for any of `terms`, or null when one of them needs the word scanner. */
export function compileTermsPattern(terms: readonly string[]): RegExp | null {
  const sources = terms.map(termPrefixSource);
  if (sources.length === 0 || sources.some((source) => source === null)) return null;
  return new RegExp(sources.join("|"), "iu");
}

/** True when `text` is made only of characters the patterns cover (ASCII and æøåÆØÅ). */
export function isPrefilterSafe(text: string): boolean {
  return PREFILTER_SAFE.test(text);
}

// The global twin of each pattern, made once: a snippet scans several texts with one pattern.
const globalPatterns = new WeakMap<RegExp, RegExp>();

/**
 * Every offset in `text` where a word might start with one of the pattern's terms (each word
 * that does has its start among them), ascending; null when only the word scanner can tell
 * (no pattern, or text the patterns do not cover).
 */
export function possibleTermStarts(text: string, pattern: RegExp | null): number[] | null {
  if (pattern === null || !PREFILTER_SAFE.test(text)) return null;
  let global = globalPatterns.get(pattern);
  if (global === undefined) {
    global = new RegExp(pattern.source, "giu");
    globalPatterns.set(pattern, global);
  }
  global.lastIndex = 0;
  const starts: number[] = [];
  for (let match = global.exec(text); match !== null; match = global.exec(text)) {
    starts.push(match.index);
    // A match is never empty (each term has a letter), but keep the loop safe.
    if (match[0] === "") global.lastIndex++;
  }
  return starts;
}
