import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { scanWords } from "./danish-encoder";
import { parseQuery } from "./parse-query";
import { matchWords } from "./snippet";
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
