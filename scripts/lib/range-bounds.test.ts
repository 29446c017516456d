import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { rangeBounds } from "./range-bounds";

describe("rangeBounds", () => {
  it("counts the ranges with hits whose summed highest term scores reach the floor", () => {
    // Two terms over 8 items in ranges of 4: range 0 bound 0.5 + 0.4, range 1 bound 0.2 + 0.3.
    const first = Float32Array.of(0.5, 0, 0.1, 0, 0.2, 0, 0, 0);
    const second = Float32Array.of(0, 0.4, 0.1, 0, 0, 0.3, 0, 0);
    const isHit = Uint8Array.of(0, 0, 1, 0, 1, 1, 0, 0);
    expect(rangeBounds([first, second], isHit, 0.6, 4)).toEqual({ rangeItems: 4, rangesWithHits: 2, rangesReaching: 1, hitsReaching: 1, hits: 3 });
    // A floor equal to a bound is reached (Float32 sums as the bound adds them).
    expect(rangeBounds([first, second], isHit, Math.fround(0.2) + Math.fround(0.3), 4).rangesReaching).toBe(2);
    expect(() => rangeBounds([first], isHit, 0, 0)).toThrow(RangeError);
  });

  it("never leaves out a range holding a hit whose own score reaches the floor", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 60 }),
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 1, max: 9 }),
        fc.double({ min: 0, max: 3, noNaN: true }),
        fc.integer({ min: 0, max: 2 ** 31 - 1 }),
        (size, terms, rangeItems, floor, seed) => {
          let state = seed >>> 0;
          const next = () => {
            state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
            return state / 2 ** 32;
          };
          const termScores = Array.from({ length: terms }, () => Float32Array.from({ length: size }, () => (next() < 0.5 ? 0 : next())));
          const isHit = Uint8Array.from({ length: size }, () => (next() < 0.6 ? 1 : 0));
          const bounds = rangeBounds(termScores, isHit, floor, rangeItems);
          const hits = isHit.reduce((sum, hit) => sum + hit, 0);
          expect(bounds.hits).toBe(hits);
          // Every hit whose summed score reaches the floor lies in a range counted as reaching it.
          const reaching = Array.from({ length: size }, (_, item) => item).filter((item) => isHit[item] === 1 && termScores.reduce((sum, scores) => sum + (scores[item] ?? 0), 0) >= floor);
          const reachingRanges = new Set(reaching.map((item) => Math.floor(item / rangeItems)));
          expect(bounds.rangesReaching).toBeGreaterThanOrEqual(reachingRanges.size);
          expect(bounds.hitsReaching).toBeGreaterThanOrEqual(reaching.length);
        },
      ),
      { numRuns: 200 },
    );
  });
});
