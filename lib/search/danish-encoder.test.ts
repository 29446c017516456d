import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { appendIndexTerms, appendTextTerms, encodeForIndex, encodeQueryWord, scanWords, stemFolded } from "./danish-encoder";

/** True when the query word finds the document word (a query term is a prefix of an index term). */
function finds(query: string, documentText: string): boolean {
  const indexTerms = encodeForIndex(documentText);
  const queryTerms = encodeQueryWord(query);
  return queryTerms.length > 0 && queryTerms.every((term) => indexTerms.some((indexed) => indexed.startsWith(term)));
}

describe("danish encoder", () => {
  it.each([
    ["hoeringssvar", "høringssvar"],
    ["aeldre", "ældre"],
    ["Aabenraa", "Åbenrå"],
    ["Åbenrå", "Aabenraa"],
    ["sygedagpenge", "sygedagpengesager"],
    ["sygedagpenge", "sygedagpengesystemet"],
    ["trafiksikkerhed", "trafiksikkerhedsplan"],
    ["fleksjob", "fleksjobområdet"],
    ["fleksjob", "fleksjobvisiterede"],
    ["touchskærme", "touchskærm"],
    ["godkendt", "godkendes"],
    ["15.00.00-A00-28-23", "Sag 15.00.00-A00-28-23"],
    ["24/3579", "Sagsnr. 24/3579."],
    ["EMN-2022-81268", "emn-2022-81268"],
    ["3579", "24/3579"],
    ["2000000", "kr. 2.000.000"],
  ])("%s finds %s", (query, text) => {
    expect(finds(query, text)).toBe(true);
  });

  it.each([
    ["får", "far"],
    ["far", "får"],
    ["24/3579", "24/3580"],
    ["2000", "20"],
  ])("%s does not find %s", (query, text) => {
    expect(finds(query, text)).toBe(false);
  });

  it("keeps numbers and does not collapse repeated letters", () => {
    expect(encodeForIndex("2000 kaffe tilladelse")).toEqual(["2000", "kaffe", "tilladelse"]);
    expect(encodeQueryWord("2000")).toEqual(["2000"]);
  });

  it("keeps case numbers whole and adds their parts", () => {
    expect(encodeForIndex("15.00.00-A00-28-23")).toEqual(["15.00.00-a00-28-23", "15", "00", "00", "a00", "28", "23"]);
    expect(encodeForIndex("24/3579")).toEqual(["24/3579", "24", "3579"]);
    expect(encodeQueryWord("EMN-2022-81268")).toEqual(["emn-2022-81268"]);
  });

  it("drops Danish stop words on both sides", () => {
    expect(encodeForIndex("Sagen er til orientering og for")).toEqual(["sagen", "orientering"]);
    expect(encodeQueryWord("og")).toEqual([]);
    expect(encodeQueryWord("på")).toEqual([]);
  });

  it("splits joined words without digits into parts", () => {
    expect(encodeForIndex("it-system og/eller")).toEqual(["it", "system"]);
  });

  it("stems with the Danish Snowball stemmer and the stem is a prefix of the word", () => {
    expect(stemFolded("kommunerne")).toBe("kommun");
    expect(stemFolded("hoeringssvarene")).toBe("hoeringssvar");
    for (const word of ["ældreområdet", "tilbuddet", "vigtigst", "løst", "sygedagpengesystemet", "åbenrå"]) {
      const folded = scanWords(word)[0]?.term ?? "";
      expect(folded.startsWith(stemFolded(folded))).toBe(true);
    }
  });

  it("reports offsets into the original text", () => {
    const text = "Høringssvar fra Åbenrå";
    expect(scanWords(text).map((word) => text.slice(word.start, word.end))).toEqual(["Høringssvar", "fra", "Åbenrå"]);
  });

  it("gives the same terms and word pairs (with their first positions) in one pass as scanWords does word by word", () => {
    // The pairs as phrase-match.ts compares them: adjacent non-stop words, stop words skipped
    // over; a pair's position is its first word's among the non-stop words, counted from 7.
    const wordsBefore = 7;
    const scannedPairs = (text: string): { pairs: Array<[string, number]>; words: number } => {
      const pairs = new Map<string, number>();
      const words = scanWords(text).filter((word) => !word.isStopWord);
      words.forEach((word, i) => {
        const pair = i > 0 ? `${words[i - 1]?.term ?? ""}|${word.term}` : null;
        if (pair !== null && !pairs.has(pair)) pairs.set(pair, wordsBefore + i - 1);
      });
      return { pairs: [...pairs], words: wordsBefore + words.length };
    };
    const piece = fc.constantFrom("Åbenrå", "og", "i", "24/3579", "it-system", "og/eller", "2.000.000", "15.00.00-A00-28-23", "e\u0301", "Allé", "x".repeat(45) + "-1", "ØKONOMI", ".", "-", " ", "\n", "at");
    const text = fc.oneof(fc.array(piece, { maxLength: 30 }).map((pieces) => pieces.join("")), fc.array(piece, { maxLength: 30 }).map((pieces) => pieces.join(" ")), fc.string({ maxLength: 60 }));
    fc.assert(
      fc.property(text, (input) => {
        const terms: string[] = [];
        const pairs = new Map<string, number>();
        const words = appendTextTerms(input, terms, pairs, "|", wordsBefore);
        expect(terms).toEqual(appendIndexTerms(scanWords(input), []));
        const expected = scannedPairs(input);
        expect([...pairs]).toEqual(expected.pairs);
        expect(words).toBe(expected.words);
      }),
      { numRuns: 500 },
    );
  });
});
