import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { SCORE_RESOLUTION } from "../index-config";
import { CorruptIndexFileError } from "../section-store";
import { MAX_STORED_COUNT } from "../term-frequencies";
import { pairPosition, POSITION_BY_CODE, UNKNOWN_PAIR_POSITION } from "../pair-positions";
import { addFirstList, addMarkedList, addSparseList, addStrengths, gainsByCode, lowerPairPositions, type TermColumns } from "./accumulate-list";
import { decodeFieldList, postingCode, type EncodedList } from "./segment-format";
import { writeVarint } from "./varint";

const SIZE = 3_000;

interface Posting {
  ordinal: number;
  slot: number;
  count: number;
}

/** A list as segment-format.ts stores it: the count, then per posting the gap and the code, all varints. */
function encode(postings: readonly Posting[], padding = 0): EncodedList {
  const bytes = new Uint8Array(10 + postings.length * 20 + 2 * padding);
  let at = writeVarint(bytes, padding, postings.length);
  let previous = 0;
  for (const posting of postings) {
    at = writeVarint(bytes, at, posting.ordinal - previous);
    at = writeVarint(bytes, at, postingCode(posting.slot, posting.count));
    previous = posting.ordinal;
  }
  return { bytes, start: padding, end: at, file: "test-postings.bin", position: 7 };
}

// Gaps from 1 to past the one-byte varints; codes past one byte (counts above 8).
const postingsArbitrary = fc
  .uniqueArray(fc.integer({ min: 0, max: SIZE - 1 }), { minLength: 1, maxLength: 400 })
  .chain((ordinals) =>
    fc.tuple(
      fc.constant([...ordinals].sort((a, b) => a - b)),
      fc.array(fc.integer({ min: 0, max: SCORE_RESOLUTION - 1 }), { minLength: ordinals.length, maxLength: ordinals.length }),
      fc.array(fc.integer({ min: 1, max: MAX_STORED_COUNT }), { minLength: ordinals.length, maxLength: ordinals.length }),
    ),
  )
  .map(([ordinals, slots, counts]) => ordinals.map((ordinal, i): Posting => ({ ordinal, slot: slots[i] ?? 0, count: counts[i] ?? 1 })));

const bySlot = Float32Array.from({ length: SCORE_RESOLUTION }, (_, slot) => 8 * (1 + (0.4 * (SCORE_RESOLUTION - 1 - slot)) / (SCORE_RESOLUTION - 1)));
const gains = gainsByCode(bySlot, 6);

/** The gain of one posting, from its slot and count rather than its code. */
function gainOf(posting: Posting): number {
  return (bySlot[posting.slot] ?? 0) + 6 * (posting.count - 1);
}

function emptyColumns(): TermColumns {
  return { matched: new Uint8Array(SIZE), strength: new Float32Array(SIZE), candidates: new Uint32Array(4), found: 0 };
}

describe("adding a stored list without decoding it", () => {
  it("gives the first term the candidates and strengths of its decoded postings, over several lists", () => {
    fc.assert(
      fc.property(fc.array(postingsArbitrary, { minLength: 1, maxLength: 4 }), fc.integer({ min: 0, max: 3 }), (lists, padding) => {
        const columns = emptyColumns();
        const expected = new Float32Array(SIZE);
        const seen = new Set<number>();
        for (const postings of lists) {
          const list = encode(postings, padding);
          // The reference reads the same bytes through the decoder, the test's postings give the gains.
          const decoded = decodeFieldList(list.bytes, list.start, list.end, list.file, list.position);
          expect(Array.from(decoded.ordinals)).toEqual(postings.map((posting) => posting.ordinal));
          addFirstList(list, gains, columns);
          for (const posting of postings) {
            seen.add(posting.ordinal);
            expected[posting.ordinal] = (expected[posting.ordinal] ?? 0) + gainOf(posting);
          }
        }
        expect(columns.found).toBe(seen.size);
        expect(new Set(columns.candidates.subarray(0, columns.found))).toEqual(seen);
        expect(Array.from(columns.strength)).toEqual(Array.from(expected));
        for (let ordinal = 0; ordinal < SIZE; ordinal++) expect(columns.matched[ordinal]).toBe(seen.has(ordinal) ? 1 : 0);
      }),
      { numRuns: 150 },
    );
  });

  it("adds every posting's gain to its item's strength, over several lists, as their decoded postings give", () => {
    fc.assert(
      fc.property(fc.array(postingsArbitrary, { minLength: 1, maxLength: 4 }), fc.integer({ min: 0, max: 3 }), (lists, padding) => {
        const strength = new Float32Array(SIZE);
        const expected = new Float32Array(SIZE);
        for (const postings of lists) {
          const list = encode(postings, padding);
          addStrengths(list, gains, strength);
          // The reference reads the same bytes through the decoder; the test's postings give the gains.
          const decoded = decodeFieldList(list.bytes, list.start, list.end, list.file, list.position);
          expect(Array.from(decoded.ordinals)).toEqual(postings.map((posting) => posting.ordinal));
          decoded.ordinals.forEach((ordinal, i) => {
            expected[ordinal] = (expected[ordinal] ?? 0) + gainOf(postings[i] as Posting);
          });
        }
        expect(Array.from(strength)).toEqual(Array.from(expected));
      }),
      { numRuns: 150 },
    );
  });

  it("lowers each posting's item to the pair position its code stands for, over several lists, as their decoded postings give", () => {
    fc.assert(
      fc.property(fc.array(postingsArbitrary, { minLength: 1, maxLength: 4 }), fc.integer({ min: 0, max: 3 }), (lists, padding) => {
        const positions = new Uint16Array(SIZE).fill(0xffff);
        const expected = new Uint16Array(SIZE).fill(0xffff);
        for (const postings of lists) {
          const list = encode(postings, padding);
          lowerPairPositions(list, POSITION_BY_CODE, positions);
          const decoded = decodeFieldList(list.bytes, list.start, list.end, list.file, list.position);
          expect(Array.from(decoded.ordinals)).toEqual(postings.map((posting) => posting.ordinal));
          postings.forEach((posting) => {
            const position = Math.min(pairPosition(posting.slot, posting.count), UNKNOWN_PAIR_POSITION);
            expected[posting.ordinal] = Math.min(expected[posting.ordinal] ?? 0xffff, position);
          });
        }
        expect(Array.from(positions)).toEqual(Array.from(expected));
      }),
      { numRuns: 150 },
    );
  });

  it("marks every posting's item matched and adds its gain, over several lists, as their decoded postings give", () => {
    fc.assert(
      fc.property(fc.array(postingsArbitrary, { minLength: 1, maxLength: 4 }), fc.integer({ min: 0, max: 3 }), (lists, padding) => {
        const columns = emptyColumns();
        const expectedStrength = new Float32Array(SIZE);
        const expectedMatched = new Uint8Array(SIZE);
        for (const postings of lists) {
          const list = encode(postings, padding);
          addMarkedList(list, gains, columns.matched, columns.strength);
          const decoded = decodeFieldList(list.bytes, list.start, list.end, list.file, list.position);
          decoded.ordinals.forEach((ordinal, i) => {
            expectedMatched[ordinal] = 1;
            expectedStrength[ordinal] = (expectedStrength[ordinal] ?? 0) + gainOf(postings[i] as Posting);
          });
        }
        expect(Array.from(columns.matched)).toEqual(Array.from(expectedMatched));
        expect(Array.from(columns.strength)).toEqual(Array.from(expectedStrength));
        expect(columns.found).toBe(0);
      }),
      { numRuns: 100 },
    );
  });

  it("adds a later term only to the items still candidates, moving them one step on (few candidates)", () => {
    fc.assert(
      fc.property(postingsArbitrary, fc.array(fc.integer({ min: 0, max: 3 }), { minLength: SIZE, maxLength: SIZE }), (postings, before) => {
        const step = 2;
        const columns = emptyColumns();
        columns.matched.set(before);
        addSparseList(encode(postings), gains, step, columns);
        const expectedMatched = Uint8Array.from(before);
        const expectedStrength = new Float32Array(SIZE);
        for (const posting of postings) {
          if ((before[posting.ordinal] ?? 0) < step) continue;
          expectedMatched[posting.ordinal] = step + 1;
          expectedStrength[posting.ordinal] = gainOf(posting);
        }
        expect(Array.from(columns.matched)).toEqual(Array.from(expectedMatched));
        expect(Array.from(columns.strength)).toEqual(Array.from(expectedStrength));
      }),
      { numRuns: 150 },
    );
  });

  it("refuses damaged lists with an error naming the file, as the decoder does", () => {
    const postings: Posting[] = [
      { ordinal: 3, slot: 1, count: 1 },
      { ordinal: 200, slot: 0, count: 12 },
      { ordinal: 201, slot: 8, count: 2 },
    ];
    const good = encode(postings);
    const damages: Array<[string, EncodedList]> = [
      ["cut short", { ...good, end: good.end - 1 }],
      ["a trailing byte", { ...good, end: good.end + 1 }],
      ["a repeated ordinal", encode([postings[0] as Posting, { ordinal: 3, slot: 0, count: 1 }])],
      ["a slot out of range", patched(good, 2, 0x0f)],
      ["an ordinal past the index", encode([{ ordinal: SIZE + 5, slot: 0, count: 1 }])],
      ["a count of zero", patched(good, 0, 0)],
      // Count 1, gap 3, code 512 (two bytes): past every count a code can hold.
      ["a code past the stored counts", { bytes: Uint8Array.of(1, 3, 0x80, 0x04), start: 0, end: 4, file: "test-postings.bin", position: 7 }],
    ];
    for (const [what, list] of damages) {
      const adds = [
        () => addFirstList(list, gains, emptyColumns()),
        () => addStrengths(list, gains, new Float32Array(SIZE)),
        () => addMarkedList(list, gains, new Uint8Array(SIZE), new Float32Array(SIZE)),
        () => addSparseList(list, gains, 0, emptyColumns()),
        () => lowerPairPositions(list, POSITION_BY_CODE, new Uint16Array(SIZE)),
      ];
      for (const add of adds) {
        let error: unknown = null;
        try {
          add();
        } catch (caught) {
          error = caught;
        }
        expect(error, what).toBeInstanceOf(CorruptIndexFileError);
        expect((error as Error).message).toContain("test-postings.bin");
      }
    }
  });
});

/** A copy of `list` with byte `offset` (from its start) set to `value`. */
function patched(list: EncodedList, offset: number, value: number): EncodedList {
  const bytes = Uint8Array.from(list.bytes);
  bytes[list.start + offset] = value;
  return { ...list, bytes };
}
