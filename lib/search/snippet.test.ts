import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { SECTION_KINDS } from "@/lib/minutes/vocabulary";
import { buildSearchIndex } from "./build-index";
import { scanWords, type ScannedWord } from "./danish-encoder";
import { fieldsForRestriction, type FieldRestriction } from "./index-config";
import { parseQuery } from "./parse-query";
import { searchedTexts, type SearchIndex } from "./search-index";
import { buildSnippet, matchWords, MAX_SNIPPET_LENGTH, type SnippetRun } from "./snippet";
import { generateSearchDocuments } from "./synthetic-documents";
import { compileTermsPattern } from "./term-pattern";

// Words that match, nearly match, fold (æ/ø/å, "aa"), split ("it-system") or stay whole as codes.
const VOCABULARY = [
  "fleksjob", "Fleksjobordningen", "fleks", "job", "sygedagpenge", "Sygedagpengesager", "børn", "boern", "Børnehaven",
  "gårdhave", "gaardhave", "Ærø", "aeroe", "øst", "oest", "it-system", "IT-systemet", "og/eller", "24/3579",
  "15.00.00-A00-28-23", "emn-2022-81268", "2.000", "2.000.000", "social", "socialudvalget", "kontrol", "negativ",
  "og", "i", "til", "at", "er", "Udvalget", "godkender", "tages", "efterretning", "klager", "Ankestyrelsen",
  "kommune", "kommunens", "A00", "a", "café", "naïve", "Åbenrå", "x", "fleksjob.",
];
const SEPARATORS = [" ", " ", " ", ", ", ". ", "\n", " - ", " (", ") ", "/", "-", "…"];

const textArbitrary = fc
  .array(fc.tuple(fc.constantFrom(...VOCABULARY), fc.constantFrom(...SEPARATORS)), { minLength: 0, maxLength: 60 })
  .map((parts) => parts.map(([word, separator]) => word + separator).join(""));

const queryArbitrary = fc
  .array(fc.constantFrom("fleksjob", "fleks", "børn", "gårdhave", "ærø", "øst", "system", "social", "kontrol", "a", "kommune", "sygedagpenge", "it"), {
    minLength: 1,
    maxLength: 3,
  })
  .map((words) => words.join(" "));

describe("the words a snippet marks", () => {
  it("are the words that match when every word is scanned and folded", () => {
    fc.assert(
      fc.property(textArbitrary, queryArbitrary, (text, query) => {
        const terms = parseQuery(query).required;
        fc.pre(terms.length > 0);
        const scanned = scanWords(text);
        // Every word folded: a stop word matches nothing, any other the first term it (or a code's part) starts with.
        const expected = scanned.map((word) => (word.isStopWord ? -1 : terms.findIndex((term) => word.term.startsWith(term) || word.parts.some((part) => part.startsWith(term)))));
        const matched = matchWords(text, terms, compileTermsPattern(terms));
        // Null: the pattern found no place a term could start, so no word matches.
        if (matched === null) {
          expect(expected.every((termIndex) => termIndex < 0)).toBe(true);
          return;
        }
        const { words, matchedTerm } = matched;
        expect(words.starts.map((start, i) => [start, words.ends[i]])).toEqual(scanned.map(({ start, end }) => [start, end]));
        expect(matchedTerm).toEqual(expected);
      }),
      { numRuns: 1_500 },
    );
  });

  it("marks a code's part and a folded word the pattern finds inside and after other letters", () => {
    const terms = parseQuery("aftale gårdhave").required;
    const text = "Sag 15.00.00-Aftale-28-23 om Gaardhave og gårdhaven";
    const matched = matchWords(text, terms, compileTermsPattern(terms));
    const marked = (matched?.words.starts ?? []).flatMap((start, i) => ((matched?.matchedTerm[i] ?? -1) >= 0 ? [text.slice(start, matched?.words.ends[i])] : []));
    expect(compileTermsPattern(terms)).not.toBeNull();
    expect(marked).toEqual(["15.00.00-Aftale-28-23", "Gaardhave", "gårdhaven"]);
  });
});

/**
 * buildSnippet's contract, spelled out without its shortcuts: every word of every body text
 * scanned and folded, the 28-word window with the most distinct terms (then matches) starting
 * one fifth before a match, the first such across texts; else the fallback text's first words.
 */
function referenceSnippet(index: SearchIndex, ordinal: number, terms: readonly string[], restriction: FieldRestriction): SnippetRun[] {
  const bodyFields = restriction.fields.filter((field) => field !== "title" && field !== "meta");
  let texts = searchedTexts(index, ordinal, { ...restriction, fields: bodyFields });
  if (texts.length === 0) {
    const decision = index.items.decision.get(ordinal);
    texts = [...(decision ? [decision] : []), ...index.items.sections.at(ordinal).map((section) => section.text)];
  }
  const termOf = (word: ScannedWord) => (word.isStopWord ? -1 : terms.findIndex((term) => word.term.startsWith(term) || word.parts.some((part) => part.startsWith(term))));
  let best: { text: string; words: ScannedWord[]; from: number; to: number; matched: number[]; quality: number } | null = null;
  for (const text of terms.length === 0 ? [] : texts) {
    const words = scanWords(text);
    const matched = words.map(termOf);
    matched.forEach((termIndex, at) => {
      if (termIndex < 0) return;
      const from = Math.max(0, at - 5);
      const to = Math.min(words.length - 1, from + 27);
      const window = matched.slice(from, to + 1).filter((t) => t >= 0);
      const quality = new Set(window).size * 1000 + window.length;
      if (best === null || quality > best.quality) best = { text, words, from, to, matched, quality };
    });
  }
  const chosen = best ?? (texts[0] ? { text: texts[0], words: scanWords(texts[0]), from: 0, to: Math.min(scanWords(texts[0]).length, 28) - 1, matched: [], quality: 0 } : null);
  if (chosen === null) return [];
  const { text, words, from, to, matched } = chosen;
  const pieces: SnippetRun[] = [];
  const first = words[from];
  const last = words[to];
  if (first === undefined || last === undefined) {
    pieces.push({ text: text.slice(0, 200).replace(/\s+/g, " "), match: false });
  } else {
    if (from > 0) pieces.push({ text: "… ", match: false });
    const isAtEnd = to === words.length - 1;
    let cursor = from === 0 ? 0 : first.start;
    for (let i = from; i <= to; i++) {
      const word = words[i] as ScannedWord;
      if ((matched[i] ?? -1) < 0) continue;
      pieces.push({ text: text.slice(cursor, word.start).replace(/\s+/g, " "), match: false }, { text: text.slice(word.start, word.end), match: true });
      cursor = word.end;
    }
    pieces.push({ text: text.slice(cursor, isAtEnd ? text.length : last.end).replace(/\s+/g, " "), match: false });
    if (!isAtEnd) pieces.push({ text: " …", match: false });
  }
  // At most MAX_SNIPPET_LENGTH characters, cut with "…", a surrogate pair never split; neighbours of a kind merged; trimmed.
  const runs: SnippetRun[] = [];
  let room = MAX_SNIPPET_LENGTH;
  const push = (piece: string, match: boolean) => {
    const previous = runs.at(-1);
    if (previous && previous.match === match) previous.text += piece;
    else if (piece !== "") runs.push({ text: piece, match });
  };
  for (const piece of pieces) {
    if (piece.text === "") continue;
    if (piece.text.length > room) {
      const code = piece.text.charCodeAt(room - 1);
      push(piece.text.slice(0, code >= 0xd800 && code <= 0xdbff ? room - 1 : room), piece.match);
      push("…", false);
      break;
    }
    push(piece.text, piece.match);
    room -= piece.text.length;
  }
  const head = runs[0];
  if (head && !head.match) head.text = head.text.trimStart();
  const tail = runs.at(-1);
  if (tail && !tail.match) tail.text = tail.text.trimEnd();
  return runs.filter((run) => run.text !== "");
}

describe("buildSnippet", () => {
  // Synthetic items whose texts mix the vocabulary above: folded letters, codes, accents, long and short texts.
  // Every other text keeps to ASCII and æøåÆØÅ, where the scan takes its shortcuts.
  const longTexts = fc
    .array(fc.tuple(fc.constantFrom(...VOCABULARY), fc.constantFrom(...SEPARATORS)), { maxLength: 150, size: "max" })
    .map((parts) => parts.map(([word, separator]) => word + separator).join(""));
  const texts = fc.sample(longTexts, { numRuns: 900, seed: 11 }).map((text, i) => (i % 2 === 0 ? text.replace(/[^\x00-\x7FæøåÆØÅ]/g, " ") : text));
  const docs = generateSearchDocuments(300, 3).map((doc, i) => ({
    ...doc,
    decision: i % 4 === 0 ? null : (texts[i * 3] ?? ""),
    sections: doc.sections.map((section, j) => ({ ...section, text: texts[i * 3 + 1 + (j % 2)] ?? section.text })),
  }));
  const index = buildSearchIndex(docs);
  const felts = [null, "titel", ...SECTION_KINDS] as const;

  it("quotes what scanning and folding every word of every text would", () => {
    fc.assert(
      fc.property(fc.nat(docs.length - 1), queryArbitrary, fc.constantFrom(...felts), (ordinal, query, felt) => {
        const terms = parseQuery(query).required;
        const restriction = fieldsForRestriction(felt);
        expect(buildSnippet(index, ordinal, terms, restriction)).toEqual(referenceSnippet(index, ordinal, terms, restriction));
      }),
      { numRuns: 2_000 },
    );
  });

  it("starts an item without a matching word at its first words", () => {
    for (let ordinal = 0; ordinal < docs.length; ordinal++) {
      expect(buildSnippet(index, ordinal, ["zzz"], fieldsForRestriction(null))).toEqual(referenceSnippet(index, ordinal, ["zzz"], fieldsForRestriction(null)));
    }
  });
});
