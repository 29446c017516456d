import { describe, expect, it } from "vitest";
import { mulberry32 } from "@/lib/corpus/random";
import { buildSearchIndex } from "./build-index";
import { stemFolded } from "./danish-encoder";
import { fieldsForRestriction } from "./index-config";
import { compilePhrase, containsPhrase, phrasePairMask, singleMiddleMask, textContainsPhrase } from "./phrase-match";
import { parseQuery } from "./parse-query";
import { searchItems } from "./query";
import { searchedTexts } from "./search-index";
import { DEFAULT_SEARCH_PARAMS } from "./search-params";
import { testDocument } from "./test-documents";
import { generateSearchDocuments } from "./synthetic-documents";

const index = buildSearchIndex(generateSearchDocuments(800, 11));

describe("phrases answered from the word-pair index", () => {
  it.each(['"negativ social"', '"social kontrol"', '"negativ social kontrol"', '"tages til efterretning"', '"sygedagpenge ukrainske"', '"it-system"'])(
    "%s agrees with scanning every item's texts",
    (q) => {
      const [terms = []] = parseQuery(q).phrases;
      const phrase = compilePhrase(terms);
      const expected = Array.from({ length: index.size }, (_, ordinal) => ordinal).filter((ordinal) =>
        searchedTexts(index, ordinal, fieldsForRestriction(null)).some((text) => textContainsPhrase(text, phrase)),
      );
      expect(searchItems(index, { ...DEFAULT_SEARCH_PARAMS, q }).total).toBe(expected.length);
    },
  );

  it.each([
    ['"fleksjob s b"', "sagsfremstilling"],
    ['"s k b"', "beslutning"],
    ['"s k b"', "titel"],
    ['"borgere s k"', null],
    ['"social kontrol"', "beslutning"],
  ] as const)("%s with felt=%s agrees with scanning that field's texts", (q, felt) => {
    const [terms = []] = parseQuery(q).phrases;
    const phrase = compilePhrase(terms);
    const expected = Array.from({ length: index.size }, (_, ordinal) => ordinal).filter((ordinal) =>
      searchedTexts(index, ordinal, fieldsForRestriction(felt)).some((text) => textContainsPhrase(text, phrase)),
    );
    expect(searchItems(index, { ...DEFAULT_SEARCH_PARAMS, q, felt }).total).toBe(expected.length);
  });

  it("finds a word ending in å from a stem ending in a (the pre-filter folds pairs cut in half)", () => {
    expect(textContainsPhrase("Vi skal gå videre", compilePhrase(["ga", "videre"]))).toBe(true);
    expect(textContainsPhrase("Borgerne bør tale", compilePhrase(["bo", "tale"]))).toBe(true);
  });
});

describe("singleMiddleMask (phrases made sure from the postings)", () => {
  // Texts over a vocabulary where some words are rare, so middle words often occur once, and
  // others common, so pairs often stand apart: both kinds of item the mask must tell apart.
  const random = mulberry32(7);
  const vocabulary = ["borger", "kommune", "plan", "skole", "vej", "bolig", "klima", "budget", "sag", "udvalg", "tilskud", "natur", "havn", "kultur", "sport", "trafik", "energi", "vand", "jord", "skov"];
  const word = () => vocabulary[Math.floor(random() ** 2.5 * vocabulary.length)] ?? "sag";
  const text = (length: number) => Array.from({ length }, word).join(" ");
  const documents = Array.from({ length: 400 }, (_, i) =>
    testDocument(i + 1, {
      title: text(4),
      decision: text(6),
      sections: [{ kind: "sagsfremstilling", heading: "Sagsfremstilling", text: text(12) }],
    }),
  );
  const small = buildSearchIndex(documents);
  const phrases = Array.from({ length: 300 }, () => Array.from({ length: 3 + Math.floor(random() * 2) }, () => stemFolded(word())));

  it("marks only items that hold the phrase, and marks some", () => {
    let sure = 0;
    let pairsOnly = 0;
    for (const terms of phrases) {
      const pairs = phrasePairMask(small, terms);
      const certain = singleMiddleMask(small, terms);
      expect(certain).not.toBeNull();
      const phrase = compilePhrase(terms);
      for (let ordinal = 0; ordinal < small.size; ordinal++) {
        if (pairs[ordinal] !== 1) continue;
        const holds = containsPhrase(small, ordinal, phrase, fieldsForRestriction(null));
        if (certain?.[ordinal] === 1) {
          expect(holds, `${terms.join(" ")} in item ${ordinal}`).toBe(true);
          sure++;
        } else if (!holds) {
          pairsOnly++;
        }
      }
    }
    // The property means something only when both kinds occur: sure items, and pair-only items it must leave out.
    expect(sure).toBeGreaterThan(50);
    expect(pairsOnly).toBeGreaterThan(50);
  });

  it("gives no mask for a code in the middle (codes index their parts) or for two terms", () => {
    expect(singleMiddleMask(small, ["sag", "24/3579", "borger"])).toBeNull();
    expect(singleMiddleMask(small, ["negativ", "social"])).toBeNull();
  });
});
