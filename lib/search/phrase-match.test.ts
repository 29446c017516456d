import { describe, expect, it } from "vitest";
import { buildSearchIndex } from "./build-index";
import { fieldsForRestriction } from "./index-config";
import { compilePhrase, textContainsPhrase } from "./phrase-match";
import { parseQuery } from "./parse-query";
import { searchItems } from "./query";
import { searchedTexts } from "./search-index";
import { DEFAULT_SEARCH_PARAMS } from "./search-params";
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
