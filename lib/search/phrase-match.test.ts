import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { mulberry32 } from "@/lib/corpus/random";
import { buildSearchIndex } from "./build-index";
import { stemFolded } from "./danish-encoder";
import { fieldsForRestriction, PAIR_SEPARATOR, SCORE_RESOLUTION } from "./index-config";
import { pairPosition, pairPositionCode, UNKNOWN_PAIR_POSITION } from "./pair-positions";
import { CODE_RANGE, codeCount, codeSlot } from "./segment/segment-format";
import { compilePhrase, containsPhrase, hasConsecutivePairs, holdsEveryPair, keepHoldingEveryPair, markTwoWordPhrase, NO_PAIR, phrasePairs, phrasePairTerms, singleMiddleMask, textContainsPhrase, type PairLookup } from "./phrase-match";
import type { SearchIndex } from "./search-index";
import { applyIndexDelta } from "./index-delta";
import { parseQuery } from "./parse-query";
import { searchItems } from "./query";
import { searchedTexts } from "./search-index";
import { DEFAULT_SEARCH_PARAMS } from "./search-params";
import { testDocument } from "./test-documents";
import { PostingsKernel } from "./segment/postings-kernel";
import { generateSearchDocuments } from "./synthetic-documents";

const index = buildSearchIndex(generateSearchDocuments(800, 11));

/** Per item of `index`, 1 where the phrase's pairs say `holds`. */
function pairMask(index: SearchIndex, terms: readonly string[], holds: typeof holdsEveryPair): number[] {
  const pairs = phrasePairs(index, terms);
  return Array.from({ length: index.size }, (_, ordinal) => (holds(pairs, ordinal) ? 1 : 0));
}

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

describe("two-word phrases from the pairs' bitmaps", () => {
  it("find, count and order what the pairs' positions do, deltas and removed items included", () => {
    const docs = generateSearchDocuments(300, 23);
    // Every term and pair with a bitmap, and none.
    const withBitmaps = buildSearchIndex(docs, undefined, undefined, undefined, { bitmapMinShare: 1e9 });
    const without = buildSearchIndex(docs, undefined, undefined, undefined, { bitmapMinShare: 1e-9 });
    const delta = { paths: [`/${docs[0]?.municipalitySlug}`], docs: generateSearchDocuments(20, 24).map((doc, i) => ({ ...doc, id: 9000 + i, municipalitySlug: docs[0]?.municipalitySlug ?? "", url: `/${docs[0]?.municipalitySlug}/x/2024-01-0${1 + (i % 9)}/punkt-${i}` })), basis: { changeWatermark: 1, readAtMs: 0 } };
    applyIndexDelta(withBitmaps, delta);
    applyIndexDelta(without, delta);
    expect(withBitmaps.segments.pairRanges.bitmap(0)).not.toBeNull();
    expect(without.segments.pairRanges.bitmap(0)).toBeNull();
    // Adjacent words of the items' texts, the first one cut short now and then (a prefix).
    const phrase = fc.tuple(fc.nat(docs.length - 1), fc.nat(), fc.boolean()).map(([at, word, cut]) => {
      const words = (docs[at]?.sections[0]?.text ?? "").split(/\s+/).filter((w) => w.length > 3);
      const first = words[word % Math.max(1, words.length - 1)] ?? "budget";
      const second = words[(word % Math.max(1, words.length - 1)) + 1] ?? "kontrol";
      return `"${cut ? first.slice(0, 4) : first} ${second}"`;
    });
    let fromBitmaps = 0;
    const kernel = new PostingsKernel(withBitmaps.size);
    fc.assert(
      fc.property(phrase, fc.constantFrom(1, 2), (q, side) => {
        const params = { ...DEFAULT_SEARCH_PARAMS, q, side };
        const [terms = []] = parseQuery(q).phrases;
        if (terms.length === 2 && markTwoWordPhrase(withBitmaps, terms[0] ?? "", terms[1] ?? "", kernel.bitColumns[0].fill(0), kernel)) fromBitmaps++;
        const answer = (index: SearchIndex) => {
          const result = searchItems(index, params);
          return { total: result.total, urls: result.hits.map((hit) => hit.url), facets: result.facets };
        };
        expect(answer(withBitmaps)).toEqual(answer(without));
      }),
      { numRuns: 120 },
    );
    expect(fromBitmaps).toBeGreaterThan(60);
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
      const pairs = pairMask(small, terms, holdsEveryPair);
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

describe("hasConsecutivePairs (phrases made sure from the pairs' first positions)", () => {
  // Short texts over a small vocabulary: phrases recur, pairs of a phrase often first occur
  // apart, and items have three texts (pairs never span two), so every case turns up.
  const random = mulberry32(19);
  const vocabulary = ["borger", "kommune", "plan", "skole", "vej", "bolig", "klima", "budget", "sag", "udvalg"];
  const word = () => vocabulary[Math.floor(random() ** 1.5 * vocabulary.length)] ?? "sag";
  const text = (length: number) => Array.from({ length }, word).join(random() < 0.2 ? " og " : " ");
  const documents = Array.from({ length: 400 }, (_, i) =>
    testDocument(i + 1, {
      title: text(3),
      decision: text(5),
      sections: [{ kind: "sagsfremstilling", heading: "Sagsfremstilling", text: text(10) }],
    }),
  );
  const small = buildSearchIndex(documents);
  const phrases = Array.from({ length: 300 }, () => Array.from({ length: 3 + Math.floor(random() * 2) }, () => stemFolded(word())));

  it("marks only items that hold the phrase, and most of those that do", () => {
    let sure = 0;
    let holding = 0;
    for (const terms of phrases) {
      const certain = pairMask(small, terms, hasConsecutivePairs);
      const phrase = compilePhrase(terms);
      for (let ordinal = 0; ordinal < small.size; ordinal++) {
        const holds = containsPhrase(small, ordinal, phrase, fieldsForRestriction(null));
        if (holds) holding++;
        if (certain[ordinal] === 1) {
          expect(holds, `${terms.join(" ")} in item ${ordinal}`).toBe(true);
          sure++;
        }
      }
    }
    expect(holding).toBeGreaterThan(500);
    expect(sure).toBeGreaterThan(holding / 2);
    expect(sure).toBeLessThan(holding);
  });

  it("excludes -\"phrases\" exactly: the items holding them, found sure or by their text", () => {
    const random = mulberry32(23);
    let excludedSome = 0;
    for (let n = 0; n < 40; n++) {
      const words = Array.from({ length: 3 + Math.floor(random() * 2) }, () => vocabulary[Math.floor(random() ** 1.5 * vocabulary.length)] ?? "sag");
      const [terms = []] = parseQuery(`"${words.join(" ")}"`).phrases;
      const phrase = compilePhrase(terms);
      const holding = Array.from({ length: small.size }, (_, ordinal) => ordinal).filter((ordinal) => containsPhrase(small, ordinal, phrase, fieldsForRestriction(null))).length;
      const all = searchItems(small, { ...DEFAULT_SEARCH_PARAMS, q: words[0] ?? "" }).total;
      expect(searchItems(small, { ...DEFAULT_SEARCH_PARAMS, q: `${words[0] ?? ""} -"${words.join(" ")}"` }).total).toBe(all - holding);
      if (holding > 0) excludedSome++;
    }
    expect(excludedSome).toBeGreaterThan(10);
  });

  it("leaves a phrase past the stored positions to the text check, which still finds it", () => {
    const filler = Array.from({ length: UNKNOWN_PAIR_POSITION + 20 }, (_, i) => `ord${String.fromCharCode(97 + (i % 26))}`).join(" ");
    const late = buildSearchIndex([
      testDocument(1, { title: "Sen frase", sections: [{ kind: "sagsfremstilling", heading: "Sagsfremstilling", text: `${filler} negativ social kontrol` }] }),
      testDocument(2, { title: "Tidlig frase", sections: [{ kind: "sagsfremstilling", heading: "Sagsfremstilling", text: "negativ social kontrol" }] }),
    ]);
    const terms = ["negativ", "social", "kontrol"];
    expect(pairMask(late, terms, hasConsecutivePairs)).toEqual([0, 1]);
    expect(searchItems(late, { ...DEFAULT_SEARCH_PARAMS, q: '"negativ social kontrol"' }).total).toBe(2);
  });

  it("does not take the stored cap for a position: a pair just below it and one past it are not consecutive", () => {
    // "negativ social" at the last exact position, "social kontrol" far past it (stored as the cap).
    const filler = (length: number) => Array.from({ length }, (_, i) => `ord${String.fromCharCode(97 + (i % 26))}`).join(" ");
    const apart = buildSearchIndex([
      testDocument(1, { title: "Adskilt", sections: [{ kind: "sagsfremstilling", heading: "Sagsfremstilling", text: `${filler(UNKNOWN_PAIR_POSITION - 2)} negativ social slut ${filler(30)} social kontrol` }] }),
    ]);
    expect(pairMask(apart, ["negativ", "social", "kontrol"], hasConsecutivePairs)).toEqual([0]);
    expect(pairMask(apart, ["negativ", "social", "kontrol"], holdsEveryPair)).toEqual([1]);
    expect(searchItems(apart, { ...DEFAULT_SEARCH_PARAMS, q: '"negativ social kontrol"' }).total).toBe(0);
  });
});

describe("pair positions", () => {
  it("store every position below the cap exactly, as a valid posting code", () => {
    for (let position = 0; position <= UNKNOWN_PAIR_POSITION + 5; position++) {
      const code = pairPositionCode(position);
      expect(code).toBeLessThan(CODE_RANGE);
      expect(codeSlot(code)).toBeLessThan(SCORE_RESOLUTION);
      expect(pairPosition(codeSlot(code), codeCount(code))).toBe(Math.min(position, UNKNOWN_PAIR_POSITION));
    }
  });
});

describe("phrasePairTerms (a phrase's word pairs, found by word or by pair)", () => {
  // Words sharing prefixes, a long code (indexed by its parts, its pairs by the whole code) and
  // a hyphenated word; half the items built into the segment, half added by a delta.
  const words = ["budget", "budgetopfølgning", "bolig", "skole", "skolevej", "vej", "klage", "x".repeat(45) + "-1", "xylofon", "it-system", "24/3579"];
  const text = fc.array(fc.constantFrom(...words), { maxLength: 12 }).map((picked) => picked.join(" "));
  const documents = fc.array(fc.tuple(text, text), { minLength: 2, maxLength: 16 });
  const prefixes = ["b", "bu", "budget", "s", "sk", "skolevej", "v", "x", "xx", "xy", "k", "i", "it", "system", "2", "24/3579", "q"];

  it("gives the same pairs either way, from the segment and a delta alike", () => {
    fc.assert(
      fc.property(documents, fc.constantFrom(...prefixes), fc.constantFrom(...prefixes, ""), (rows, first, second) => {
        const docs = rows.map(([title, body], i) =>
          testDocument(i + 1, { url: `/vejen/byraadet/2024-03-${String(10 + (i % 2)).padStart(2, "0")}/punkt-${i + 1}`, title: title || "Punkt", sections: [{ kind: "sagsfremstilling", heading: "Sagsfremstilling", text: body }] }),
        );
        const index = buildSearchIndex(docs.filter((_, i) => i % 2 === 0));
        applyIndexDelta(index, { paths: ["/vejen/byraadet/2024-03-11"], docs: docs.filter((_, i) => i % 2 === 1), basis: { changeWatermark: 1, readAtMs: 0 } });
        const terms = (lookup: PairLookup) => phrasePairTerms(index, first, second, lookup).map((pair) => `${pair.term} ${pair.frequency} ${pair.mask} ${pair.segmentPosition} ${pair.inDeltas}`).sort();
        const byPair = terms("by-pair");
        expect(terms("by-word")).toEqual(byPair);
        expect(phrasePairTerms(index, first, second).length).toBe(byPair.length);
      }),
      { numRuns: 300 },
    );
  });

  it("is not vacuous: pairs of a long code, of a delta's items and of several first words are found", () => {
    const index = buildSearchIndex([testDocument(1, { title: `${"x".repeat(45)}-1 vej` }), testDocument(2, { title: "xylofon vej", url: "/vejen/byraadet/2024-03-19/punkt-2" })]);
    applyIndexDelta(index, { paths: ["/vejen/byraadet/2024-03-20"], docs: [testDocument(3, { title: "xx vejene", url: "/vejen/byraadet/2024-03-20/punkt-3" })], basis: { changeWatermark: 1, readAtMs: 0 } });
    expect(phrasePairTerms(index, "x", "vej", "by-word").map((pair) => pair.term.replace(PAIR_SEPARATOR, " ")).sort()).toEqual([`${"x".repeat(45)}-1 vej`, "xx vejene", "xylofon vej"].sort());
  });
});

describe("keepHoldingEveryPair", () => {
  it("keeps, in order, the candidates holding every pair, into a new array or in place alike", () => {
    const size = 200;
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.oneof(fc.constant(NO_PAIR), fc.integer({ min: 0, max: 400 })), { minLength: size, maxLength: size }), { minLength: 1, maxLength: 3 }),
        fc.uniqueArray(fc.integer({ min: 0, max: size - 1 }), { minLength: 1, maxLength: size }),
        (positions, picked) => {
          const pairs = positions.map((values) => Uint16Array.from(values));
          const candidates = Uint32Array.from([...picked].sort((a, b) => a - b));
          const expected = [...candidates].filter((ordinal) => pairs.every((pair) => pair[ordinal] !== NO_PAIR));
          expect(Array.from(keepHoldingEveryPair(candidates, pairs))).toEqual(expected);
          const own = candidates.slice();
          const kept = keepHoldingEveryPair(own, pairs, own);
          expect(kept.buffer).toBe(own.buffer);
          expect(Array.from(kept)).toEqual(expected);
        },
      ),
      { numRuns: 100 },
    );
  });
});
