import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { seek, withoutListed } from "./sorted-ordinals";

/** Distinct ordinals below `max`, ascending. */
const ascending = (max: number, maxLength: number) =>
  fc.uniqueArray(fc.integer({ min: 0, max }), { maxLength }).map((values) => Uint32Array.from(values.sort((a, b) => a - b)));

describe("seek", () => {
  it("finds the first position not below the ordinal, from any start", () => {
    fc.assert(
      fc.property(ascending(500, 200), fc.integer({ min: 0, max: 520 }), fc.nat(), (ordinals, ordinal, start) => {
        const from = start % (ordinals.length + 1);
        let expected = from;
        while (expected < ordinals.length && (ordinals[expected] ?? 0) < ordinal) expected++;
        expect(seek(ordinals, ordinal, from)).toBe(expected);
      }),
    );
  });
});

describe("withoutListed", () => {
  it("drops exactly the listed ordinals and keeps the others in order", () => {
    fc.assert(
      fc.property(ascending(300, 200), ascending(300, 60), (ordinals, listed) => {
        const listedSet = new Set(listed);
        const expected = Array.from(ordinals).filter((ordinal) => !listedSet.has(ordinal));
        const kept = withoutListed(ordinals.slice(), listed);
        expect(Array.from(kept)).toEqual(expected);
      }),
      { numRuns: 500 },
    );
  });

  it("drops runs of neighbours, the first and the last hit", () => {
    const ordinals = Uint32Array.from([1, 2, 3, 5, 8, 9, 10, 13]);
    expect(Array.from(withoutListed(ordinals.slice(), Uint32Array.from([1, 2, 9, 10, 13])))).toEqual([3, 5, 8]);
    expect(Array.from(withoutListed(ordinals.slice(), Uint32Array.from([0, 4, 14])))).toEqual(Array.from(ordinals));
    expect(withoutListed(ordinals.slice(), Uint32Array.from(ordinals))).toHaveLength(0);
  });
});
