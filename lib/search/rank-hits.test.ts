import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { keyLayout, MAX_RANKED_ITEMS, rankHits, rankTopHits, type SortOrder } from "./rank-hits";
import { saturate } from "./term-score";

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

  it("gives rankTopHits the first hits of rankHits' order among tens of thousands of hits (the sampled bound)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 2 ** 31 - 1 }),
        fc.integer({ min: 4_096, max: 40_000 }),
        fc.integer({ min: 1, max: 60 }),
        fc.constantFrom<SortOrder>("relevans", "nyeste"),
        fc.constantFrom(3, 50, 5_000),
        (seed, count, limit, order, levels) => {
          const hits = generatedHits(seed, count, levels);
          const { ordinals, maxScore } = placeHits(hits);
          const expected = referenceOrder(hits, order).slice(0, limit);
          expect(expected).toHaveLength(limit);
          expect(Array.from(rankTopHits(ordinals, score, maxScore, day, order, limit))).toEqual(expected);
        },
      ),
      { numRuns: 25 },
    );
  });

  it("gives rankTopHits the first hits of rankHits' order for scores at and beside the quantization's rounding edges", () => {
    // Scores a search computes are float32 fractions; those next to where a score's rank steps
    // (the shortlist keeps by a score floor, rankHits by the rounded rank) must fall alike.
    const { scoreMax } = keyLayout(SIZE);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), fc.integer({ min: 4_096, max: 20_000 }), fc.integer({ min: 1, max: 30 }), fc.double({ min: 0.5, max: 40, noNaN: true }), (seed, count, limit, top) => {
        const maxScore = Math.fround(top);
        let state = seed >>> 0;
        const next = () => {
          state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
          return state / 2 ** 32;
        };
        const edge = new Float32Array(1);
        const edgeBits = new Uint32Array(edge.buffer);
        const hits = generatedHits(seed, count, 1).map((hit) => {
          // Where rank k + 1 turns into rank k (near the top, so the page's bound lies among them), then a float32 step either side.
          edge[0] = ((scoreMax - Math.floor(next() * 64) - 0.5) / scoreMax) * maxScore;
          edgeBits[0] = (edgeBits[0] ?? 0) + Math.floor(next() * 3) - 1;
          return { ...hit, score: Math.min(maxScore, edge[0] ?? 0) };
        });
        const { ordinals } = placeHits(hits);
        score[ordinals[0] ?? 0] = maxScore;
        for (const order of ["relevans", "nyeste"] as const) {
          const expected = Array.from(rankHits(ordinals, score, maxScore, day, order)).slice(0, limit);
          expect(Array.from(rankTopHits(ordinals, score, maxScore, day, order, limit))).toEqual(expected);
        }
      }),
      { numRuns: 40 },
    );
  });

  it("still finds the first hits when the sampled bound falls short of the page", () => {
    // The evenly spaced hits the bound is judged from are the best ones: the bound then admits
    // only the best few sampled hits, fewer than the page, and the exact path must take over.
    const count = 20_480;
    const stride = count / 1024;
    const hits = generatedHits(7, count, 100).map((hit, i) => ({ ...hit, score: i % stride === 0 ? 1_000 + i / stride : hit.score }));
    const { ordinals, maxScore } = placeHits(hits);
    const expected = referenceOrder(hits, "relevans").slice(0, 40);
    expect(Array.from(rankTopHits(ordinals, score, maxScore, day, "relevans", 40))).toEqual(expected);
  });

  it("ranks a column of values through a monotone score function as the column of their scores", () => {
    // A search of one common word hands the ranking its strengths and `idf × saturate` (match-terms.ts):
    // the sampled bound, the score floor and the exact fallback must all read them as those scores.
    const values = new Float32Array(SIZE);
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 2 ** 31 - 1 }),
        fc.integer({ min: 1, max: 40_000 }),
        fc.integer({ min: 1, max: 60 }),
        fc.constantFrom(3, 50, 5_000),
        fc.double({ min: 0.01, max: 20, noNaN: true }),
        (seed, count, limit, levels, idf) => {
          const toScore = (value: number) => Math.fround(idf * saturate(Math.min(value, 3.4028234663852886e38)));
          // Values between the levels too, so the page's last rank step falls among distinct values.
          const hits = generatedHits(seed, count, levels).map((hit) => ({ ...hit, score: Math.fround((hit.score + (hit.ordinal % 1_000) / 1_000) / 7) }));
          const { ordinals } = placeHits(hits);
          let maxScore = 0;
          for (const hit of hits) {
            values[hit.ordinal] = hit.score;
            score[hit.ordinal] = toScore(hit.score);
            maxScore = Math.max(maxScore, score[hit.ordinal] ?? 0);
          }
          for (const order of ["relevans", "nyeste"] as const) {
            const expected = Array.from(rankHits(ordinals, score, maxScore, day, order)).slice(0, limit);
            expect(expected).toHaveLength(Math.min(limit, count));
            expect(Array.from(rankTopHits(ordinals, values, maxScore, day, order, limit, toScore))).toEqual(expected);
            expect(Array.from(rankHits(ordinals, values, maxScore, day, order, toScore)).slice(0, limit)).toEqual(expected);
          }
        },
      ),
      { numRuns: 25 },
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

/** `count` hits at distinct ordinals spread over the index, scores on `levels` whole-number levels, from a seeded generator. */
function generatedHits(seed: number, count: number, levels: number): Hit[] {
  let state = seed >>> 0;
  const next = () => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
  const spacing = Math.floor(SIZE / count);
  return Array.from({ length: count }, (_, i) => ({
    ordinal: i * spacing + Math.floor(next() * spacing),
    score: 1 + Math.floor(next() * levels),
    day: 17_532 + Math.floor(next() * 4_000),
  }));
}
