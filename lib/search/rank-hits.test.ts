import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { keyLayout, MAX_RANKED_ITEMS, rankHits, rankTopHits, type SortOrder } from "./rank-hits";

// Past 2^20 (the former cap, where ordinals lost their high bits) and past 10 million items.
const SIZE = 10_000_001;
const day = new Int32Array(SIZE);
const score = new Float32Array(SIZE);

interface Hit {
  ordinal: number;
  score: number;
  day: number;
}

/** The order rank-hits.ts promises, by comparison: relevance or date first, then the other, then the ordinal. */
function referenceOrder(hits: readonly Hit[], order: SortOrder): number[] {
  return [...hits]
    .sort((a, b) =>
      order === "relevans" ? b.score - a.score || b.day - a.day || a.ordinal - b.ordinal : b.day - a.day || b.score - a.score || a.ordinal - b.ordinal,
    )
    .map((hit) => hit.ordinal);
}

// Whole-number scores up to 100 are exact at the 13 score bits a 10M index leaves; days span 2018–2030.
const hitsArbitrary = fc.uniqueArray(
  fc.record({
    ordinal: fc.oneof(fc.integer({ min: 0, max: SIZE - 1 }), fc.integer({ min: 2 ** 20, max: 2 ** 20 + 50 }), fc.integer({ min: SIZE - 50, max: SIZE - 1 })),
    score: fc.integer({ min: 1, max: 100 }),
    day: fc.integer({ min: 17_532, max: 21_914 }),
  }),
  { minLength: 1, maxLength: 300, selector: (hit) => hit.ordinal },
);

function placeHits(hits: readonly Hit[]): { ordinals: Uint32Array; maxScore: number } {
  for (const hit of hits) {
    score[hit.ordinal] = hit.score;
    day[hit.ordinal] = hit.day;
  }
  return { ordinals: Uint32Array.from(hits, (hit) => hit.ordinal), maxScore: Math.max(...hits.map((hit) => hit.score)) };
}

describe("rankHits beyond a million items", () => {
  it("orders hits with ordinals past 2^20 by score, day and ordinal in an index of 10 million items", () => {
    fc.assert(
      fc.property(hitsArbitrary, fc.constantFrom<SortOrder>("relevans", "nyeste"), (hits, order) => {
        // Only lists that reach past 2^20 test what this names (one hit at ordinal 0 does not).
        fc.pre(hits.some((hit) => hit.ordinal >= 2 ** 20));
        const { ordinals, maxScore } = placeHits(hits);
        expect(Array.from(rankHits(ordinals, score, maxScore, day, order))).toEqual(referenceOrder(hits, order));
      }),
      { numRuns: 60 },
    );
  });

  it("returns the first hits of that order from rankTopHits", () => {
    fc.assert(
      fc.property(hitsArbitrary, fc.integer({ min: 1, max: 40 }), (hits, limit) => {
        const { ordinals, maxScore } = placeHits(hits);
        const expected = referenceOrder(hits, "relevans").slice(0, limit);
        expect(expected.length).toBeGreaterThan(0);
        expect(Array.from(rankTopHits(ordinals, score, maxScore, day, "relevans", limit))).toEqual(expected);
      }),
      { numRuns: 60 },
    );
  });

  it("gives rankTopHits the first hits of rankHits' order when the hits far outnumber the page (the shortlist path)", () => {
    // Many hits on few scores and days, so buckets tie and the limit-th hit falls inside a bucket.
    const manyHits = fc.uniqueArray(
      fc.record({
        ordinal: fc.integer({ min: 0, max: SIZE - 1 }),
        score: fc.oneof(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 100 })),
        day: fc.oneof(fc.integer({ min: 20_000, max: 20_010 }), fc.integer({ min: 17_532, max: 21_914 })),
      }),
      { minLength: 200, maxLength: 3_000, selector: (hit) => hit.ordinal },
    );
    fc.assert(
      fc.property(manyHits, fc.integer({ min: 1, max: 40 }), fc.constantFrom<SortOrder>("relevans", "nyeste"), (hits, limit, order) => {
        const { ordinals, maxScore } = placeHits(hits);
        const expected = referenceOrder(hits, order).slice(0, limit);
        expect(expected).toHaveLength(limit);
        expect(Array.from(rankTopHits(ordinals, score, maxScore, day, order, limit))).toEqual(expected);
      }),
      { numRuns: 80 },
    );
  });

  it("keeps at least 13 score bits at 10 million items and refuses sizes it cannot rank", () => {
    expect(keyLayout(SIZE).scoreMax).toBeGreaterThanOrEqual(2 ** 13 - 1);
    expect(keyLayout(SIZE).ordinalSpan).toBeGreaterThanOrEqual(SIZE);
    expect(MAX_RANKED_ITEMS).toBeGreaterThan(10_000_000);
    expect(() => keyLayout(MAX_RANKED_ITEMS)).not.toThrow();
    expect(() => keyLayout(MAX_RANKED_ITEMS + 1)).toThrow(/at most/);
  });
});
