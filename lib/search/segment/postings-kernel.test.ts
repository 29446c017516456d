import { readFile } from "node:fs/promises";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compileWat } from "@/scripts/lib/compile-wat";
import { kernelModuleSource, KERNEL_SOURCE, KERNEL_TARGET } from "@/scripts/lib/postings-kernel-source";
import { SCORE_RESOLUTION } from "../index-config";
import { rankTopHits } from "../rank-hits";
import { CorruptIndexFileError } from "../section-store";
import { MAX_STORED_COUNT } from "../term-frequencies";
import { K1, saturate } from "../term-score";
import { POSITION_BY_CODE } from "../pair-positions";
import { collectHoldingEveryPair, keepHoldingEveryPair, NO_PAIR } from "../phrase-match";
import { addFirstList, addMarkedList, addSparseList, addStrengths, lowerPairPositions, type TermColumns } from "./accumulate-list";
import { kernelOf, kernelOfPositions, maxKernelItems, PostingsKernel } from "./postings-kernel";
import { SegmentBuilder } from "./segment-builder";
import { CODE_RANGE, postingCode, type EncodedList } from "./segment-format";
import { VarintReader, writeVarint } from "./varint";

const SIZE = 5_000;
const IDF = 1.7;

describe("the postings kernel's binary", () => {
  it("is what its text source compiles to", async () => {
    const binary = await compileWat(path.join(process.cwd(), KERNEL_SOURCE));
    expect(binary.length).toBeGreaterThan(100);
    expect(await readFile(path.join(process.cwd(), KERNEL_TARGET), "utf8"), "run `npm run build:kernel`").toBe(kernelModuleSource(binary));
  });
});

/** A list as segment-format.ts stores it, `padding` bytes of 0x05 before and after (bytes beyond a list are another list's). */
function encode(postings: ReadonlyArray<readonly [number, number]>, padding: number): EncodedList {
  const bytes = new Uint8Array(padding + 10 + postings.length * 10 + padding).fill(0x05);
  let at = writeVarint(bytes, padding, postings.length);
  let previous = 0;
  for (const [ordinal, code] of postings) {
    at = writeVarint(bytes, at, ordinal - previous);
    at = writeVarint(bytes, at, code);
    previous = ordinal;
  }
  return { bytes, start: padding, end: at, file: "kernel-postings.bin", position: 3 };
}

const listArbitrary = fc
  .uniqueArray(fc.integer({ min: 0, max: SIZE - 1 }), { minLength: 1, maxLength: 600 })
  .chain((ordinals) =>
    fc.tuple(
      fc.constant([...ordinals].sort((a, b) => a - b)),
      fc.array(
        fc.tuple(fc.integer({ min: 0, max: SCORE_RESOLUTION - 1 }), fc.integer({ min: 1, max: MAX_STORED_COUNT })).map(([slot, count]) => postingCode(slot, count)),
        { minLength: ordinals.length, maxLength: ordinals.length },
      ),
    ),
  )
  .map(([ordinals, codes]) => ordinals.map((ordinal, i) => [ordinal, codes[i] ?? 0] as const));

// Gains with fractions, so each addition rounds as a float32 store rounds.
const gainsArbitrary = fc.array(fc.double({ min: 0.01, max: 40, noNaN: true }), { minLength: CODE_RANGE, maxLength: CODE_RANGE }).map((values) => Float64Array.from(values));

/** Runs a pass on a plain column (the JavaScript loop) and on a kernel's; returns both errors (null for none). */
function runBoth<T>(plain: T, inKernel: T, pass: (column: T) => void): [unknown, unknown] {
  return [plain, inKernel].map((column) => {
    try {
      pass(column);
      return null;
    } catch (error) {
      return error;
    }
  }) as [unknown, unknown];
}

/** Adds `list` to a plain column and to a kernel's; returns both errors. */
function addBoth(kernel: PostingsKernel, plain: Float32Array, list: EncodedList, gains: Float64Array): [unknown, unknown] {
  return runBoth(plain, kernel.columns[0], (column) => addStrengths(list, gains, column));
}

describe("the postings kernel's strength pass", () => {
  it("leaves a column bit for bit as the JavaScript loop does, over several lists", () => {
    const kernel = new PostingsKernel(SIZE);
    expect(kernelOf(kernel.columns[0])).toBe(kernel);
    expect(kernelOf(new Float32Array(SIZE))).toBeUndefined();
    fc.assert(
      fc.property(fc.array(listArbitrary, { minLength: 1, maxLength: 4 }), gainsArbitrary, fc.integer({ min: 0, max: 3 }), (lists, gains, padding) => {
        const plain = new Float32Array(SIZE);
        kernel.columns[0].fill(0);
        for (const postings of lists) {
          expect(addBoth(kernel, plain, encode(postings, padding), gains)).toEqual([null, null]);
        }
        expect(plain.some((strength) => strength > 0)).toBe(true);
        expect(new Uint32Array(kernel.columns[0].buffer, kernel.columns[0].byteOffset, SIZE)).toEqual(new Uint32Array(plain.buffer));
        // The other column is not written.
        expect(kernel.columns[1].every((value) => value === 0)).toBe(true);
      }),
      { numRuns: 120 },
    );
  });

  it("refuses every damaged list the JavaScript loop refuses, and only those, naming the file", () => {
    const kernel = new PostingsKernel(SIZE);
    const gains = Float64Array.from({ length: CODE_RANGE }, (_, code) => 1 + code / 7);
    fc.assert(
      fc.property(
        listArbitrary,
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 3 }),
        fc.integer({ min: -3, max: 3 }),
        (postings, flips, endShift) => {
          const list = encode(postings, 2);
          for (const [offset, value] of flips) list.bytes[list.start + (offset % (list.end - list.start))] = value;
          const damaged = { ...list, end: Math.max(list.start + 1, list.end + endShift) };
          const plain = new Float32Array(SIZE);
          kernel.columns[0].fill(0);
          const [plainError, kernelError] = addBoth(kernel, plain, damaged, gains);
          expect(kernelError === null, `JavaScript loop: ${String(plainError)}; kernel: ${String(kernelError)}`).toBe(plainError === null);
          if (kernelError !== null) {
            expect(kernelError).toBeInstanceOf(CorruptIndexFileError);
            expect((kernelError as Error).message).toContain("kernel-postings.bin");
          } else {
            expect(new Uint32Array(kernel.columns[0].buffer, kernel.columns[0].byteOffset, SIZE)).toEqual(new Uint32Array(plain.buffer));
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it("reads varints up to 2^31 − 1 and refuses longer ones, as damage", () => {
    const kernel = new PostingsKernel(SIZE);
    const gains = new Float64Array(CODE_RANGE).fill(1);
    // Count 1, a gap of 2^32 + 7 (five bytes whose low 32 bits say 7), code 0.
    const wrapped: EncodedList = { bytes: Uint8Array.of(1, 0x87, 0x80, 0x80, 0x80, 0x10, 0), start: 0, end: 7, file: "kernel-postings.bin", position: 3 };
    expect(() => addStrengths(wrapped, gains, kernel.columns[0])).toThrow(CorruptIndexFileError);
    expect(() => addStrengths(wrapped, gains, new Float32Array(SIZE))).toThrow(CorruptIndexFileError);
    expect(kernel.columns[0][7]).toBe(0);
  });
});

type ListPass = "first" | "mark" | "sparse";

/** Runs one pass over `list` on plain columns (the JavaScript loop) and on a kernel's, from the same state; returns both columns and errors. */
function passBoth(kernel: PostingsKernel, pass: ListPass, lists: readonly EncodedList[], gains: Float64Array, before: Uint8Array, step: number): Array<{ columns: TermColumns; error: unknown }> {
  const plain: TermColumns = { matched: Uint8Array.from(before), strength: new Float32Array(SIZE), candidates: new Uint32Array(4), found: 0 };
  kernel.matched.set(before);
  kernel.columns[0].fill(0);
  kernel.candidates.fill(0);
  const inKernel: TermColumns = { matched: kernel.matched, strength: kernel.columns[0], candidates: kernel.candidates as Uint32Array<ArrayBuffer>, found: 0 };
  return [plain, inKernel].map((columns) => {
    let error: unknown = null;
    try {
      for (const list of lists) {
        if (pass === "first") addFirstList(list, gains, columns);
        else if (pass === "mark") addMarkedList(list, gains, columns.matched, columns.strength);
        else addSparseList(list, gains, step, columns);
      }
    } catch (caught) {
      error = caught;
    }
    return { columns, error };
  });
}

function expectSameColumns(plain: TermColumns, inKernel: TermColumns): void {
  expect(inKernel.found).toBe(plain.found);
  expect(Array.from(inKernel.candidates.subarray(0, inKernel.found))).toEqual(Array.from(plain.candidates.subarray(0, plain.found)));
  expect(inKernel.matched).toEqual(plain.matched);
  expect(new Uint32Array(inKernel.strength.buffer, inKernel.strength.byteOffset, SIZE)).toEqual(new Uint32Array(plain.strength.buffer, plain.strength.byteOffset, SIZE));
}

describe("the postings kernel's bit column passes", () => {
  it("or, and and list set bits as word-by-word JavaScript does, full words included", () => {
    const kernel = new PostingsKernel(SIZE);
    const words = kernel.bitColumns[0].length;
    expect(words).toBe(Math.ceil(SIZE / 32));
    // Words of every kind: empty, full, one bit, random.
    const word = fc.oneof(fc.constant(0), fc.constant(0xffffffff), fc.integer({ min: 0, max: 31 }).map((bit) => (1 << bit) >>> 0), fc.integer({ min: 0, max: 0xffffffff }));
    const column = fc.array(word, { minLength: words, maxLength: words }).map((values) => Uint32Array.from(values));
    fc.assert(
      fc.property(column, column, (a, b) => {
        // Bits past the last item are never set in a column of hits.
        for (const bits of [a, b]) bits[words - 1] = (bits[words - 1] ?? 0) & ((2 ** (SIZE - (words - 1) * 32) - 1) >>> 0);
        const [target, other] = kernel.bitColumns;
        target.set(a);
        kernel.orBits(target, b);
        expect(Array.from(target)).toEqual(Array.from(a, (value, w) => (value | (b[w] ?? 0)) >>> 0));
        other.set(b);
        target.set(a);
        kernel.andBits(target, other);
        expect(Array.from(target)).toEqual(Array.from(a, (value, w) => (value & (b[w] ?? 0)) >>> 0));
        target.set(a);
        const listed: number[] = [];
        for (let ordinal = 0; ordinal < words * 32; ordinal++) if (((a[ordinal >>> 5] ?? 0) >>> (ordinal & 31)) & 1) listed.push(ordinal);
        const count = kernel.collectBits(target, kernel.candidates);
        expect(Array.from(kernel.candidates.subarray(0, count))).toEqual(listed);
      }),
      { numRuns: 60 },
    );
  });
});

describe("the postings kernel's range pass", () => {
  const SPAN = 64;

  /** ranked-search.ts's range loop, spelled out: the postings of bytes counted from `previous`, each within [base, base + span) and above the one before. */
  function reference(bytes: Uint8Array, previous: number, base: number, gains: Float64Array, strength: Float32Array): boolean {
    const reader = new VarintReader(bytes, 0, bytes.length);
    let ordinal = previous;
    let last = -1;
    while (reader.at < bytes.length) {
      const gap = reader.read();
      const code = reader.read();
      ordinal += gap;
      if (gap < 0 || code < 0 || code >= CODE_RANGE || (code & 15) >= SCORE_RESOLUTION || ordinal <= last || ordinal < base || ordinal >= base + SPAN) return false;
      last = ordinal;
      strength[ordinal - base] = (strength[ordinal - base] ?? 0) + (gains[code] ?? 0);
    }
    return true;
  }

  /** One range's postings as a range table cuts a list: gaps from the ordinal before the range. */
  const rangeArbitrary = fc.record({
    base: fc.integer({ min: 0, max: 4 }).map((k) => k * SPAN),
    postings: fc.uniqueArray(fc.integer({ min: 0, max: SPAN - 1 }), { minLength: 1, maxLength: SPAN }).map((offsets) => offsets.sort((a, b) => a - b)),
    codes: fc.array(
      fc.tuple(fc.integer({ min: 0, max: SCORE_RESOLUTION - 1 }), fc.integer({ min: 1, max: MAX_STORED_COUNT })).map(([slot, count]) => postingCode(slot, count)),
      { minLength: SPAN, maxLength: SPAN },
    ),
    before: fc.integer({ min: 1, max: 40 }),
    damage: fc.option(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { nil: null, freq: 2 }),
    cut: fc.option(fc.nat(), { nil: null, freq: 2 }),
    // A posting repeating the ordinal before it (a gap of 0 past the first).
    repeat: fc.option(fc.nat(), { nil: null, freq: 3 }),
  });

  it("adds a range's postings bit for bit as ranked-search.ts's loop does, and refuses what it refuses", () => {
    const kernel = new PostingsKernel(SIZE);
    const gains = Float64Array.from({ length: CODE_RANGE }, (_, code) => 0.3 + code / 13);
    let refused = 0;
    let added = 0;
    fc.assert(
      fc.property(rangeArbitrary, ({ base, postings, codes, before, damage, cut, repeat }) => {
        // The ordinal before the range; the first range's postings count from 0 (a gap of 0 allowed).
        const previous = base === 0 ? 0 : base - before;
        const bytes = new Uint8Array(postings.length * 10);
        let at = 0;
        let ordinal = previous;
        postings.forEach((offset, i) => {
          const isRepeat = repeat !== null && i > 0 && i === repeat % postings.length;
          at = writeVarint(bytes, at, isRepeat ? 0 : base + offset - ordinal);
          at = writeVarint(bytes, at, codes[i] ?? 0);
          if (!isRepeat) ordinal = base + offset;
        });
        let slice = bytes.subarray(0, at);
        if (damage !== null) slice[damage[0] % slice.length] = damage[1];
        if (cut !== null) slice = slice.subarray(0, cut % (slice.length + 1));
        const plain = new Float32Array(SPAN);
        const column = kernel.columns[0].subarray(0, SPAN);
        column.fill(0);
        const isWhole = reference(slice, previous, base, gains, plain);
        expect(kernel.rangePass(slice, 0, slice.length, previous, base, SPAN, gains, column)).toBe(isWhole);
        if (isWhole) {
          added++;
          expect(new Uint32Array(column.buffer, column.byteOffset, SPAN)).toEqual(new Uint32Array(plain.buffer));
        } else {
          refused++;
        }
        // Nothing written past the range.
        expect(kernel.columns[0][SPAN]).toBe(0);
      }),
      { numRuns: 400 },
    );
    expect(added).toBeGreaterThan(80);
    expect(refused).toBeGreaterThan(80);
  });
});

describe("the postings kernel's list passes", () => {
  const passArbitrary = fc.constantFrom<ListPass>("first", "mark", "sparse");
  // Before a first or marking pass the matched column is 0 everywhere; a sparse pass meets items at 0–3.
  const beforeArbitrary = (pass: ListPass) =>
    pass === "sparse" ? fc.array(fc.integer({ min: 0, max: 3 }), { minLength: SIZE, maxLength: SIZE }).map((values) => Uint8Array.from(values)) : fc.constant(new Uint8Array(SIZE));

  it("leave the columns as the JavaScript loops do: candidates, matched counts and strengths", () => {
    const kernel = new PostingsKernel(SIZE);
    fc.assert(
      fc.property(
        passArbitrary.chain((pass) => fc.tuple(fc.constant(pass), beforeArbitrary(pass))),
        // Several lists: a first pass meets items an earlier list of the term made candidates.
        fc.array(listArbitrary, { minLength: 1, maxLength: 3 }),
        gainsArbitrary,
        fc.integer({ min: 1, max: 3 }),
        ([pass, before], lists, gains, step) => {
          const [plain, inKernel] = passBoth(kernel, pass, lists.map((postings) => encode(postings, 1)), gains, before, step);
          expect(plain?.error).toBeNull();
          expect(inKernel?.error).toBeNull();
          if (pass === "first") expect(plain?.columns.found).toBe(new Set(lists.flat().map(([ordinal]) => ordinal)).size);
          expectSameColumns(plain?.columns as TermColumns, inKernel?.columns as TermColumns);
        },
      ),
      { numRuns: 200 },
    );
  });

  it("refuse every damaged list the JavaScript loops refuse, and only those", () => {
    const kernel = new PostingsKernel(SIZE);
    const gains = Float64Array.from({ length: CODE_RANGE }, (_, code) => 1 + code / 7);
    fc.assert(
      fc.property(
        passArbitrary,
        listArbitrary,
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 3 }),
        fc.integer({ min: -3, max: 3 }),
        (pass, postings, flips, endShift) => {
          const list = encode(postings, 2);
          for (const [offset, value] of flips) list.bytes[list.start + (offset % (list.end - list.start))] = value;
          const damaged = { ...list, end: Math.max(list.start + 1, list.end + endShift) };
          const [plain, inKernel] = passBoth(kernel, pass, [damaged], gains, new Uint8Array(SIZE), 0);
          expect(inKernel?.error === null, `JavaScript loop: ${String(plain?.error)}; kernel: ${String(inKernel?.error)}`).toBe(plain?.error === null);
          if (inKernel?.error === null) expectSameColumns(plain?.columns as TermColumns, inKernel.columns);
          else expect(inKernel?.error).toBeInstanceOf(CorruptIndexFileError);
        },
      ),
      { numRuns: 300 },
    );
  });
});

/** Lowers `list` into a plain positions column and into a kernel's pair column; returns both errors. */
function lowerBoth(kernel: PostingsKernel, plain: Uint16Array, list: EncodedList): [unknown, unknown] {
  return runBoth(plain, kernel.pairColumns[0], (positions) => lowerPairPositions(list, POSITION_BY_CODE, positions));
}

describe("the postings kernel's pair passes", () => {
  it("lower a pair column as the JavaScript loop does, over several lists", () => {
    const kernel = new PostingsKernel(SIZE);
    expect(kernelOfPositions(kernel.pairColumns[0])).toBe(kernel);
    expect(kernelOfPositions(new Uint16Array(SIZE))).toBeUndefined();
    fc.assert(
      fc.property(fc.array(listArbitrary, { minLength: 1, maxLength: 4 }), fc.integer({ min: 0, max: 3 }), (lists, padding) => {
        const plain = new Uint16Array(SIZE).fill(NO_PAIR);
        kernel.pairColumns[0].fill(NO_PAIR);
        kernel.pairColumns[1].fill(7);
        for (const postings of lists) expect(lowerBoth(kernel, plain, encode(postings, padding))).toEqual([null, null]);
        expect(plain.some((position) => position !== NO_PAIR)).toBe(true);
        expect(kernel.pairColumns[0]).toEqual(plain);
        // The other column is not written.
        expect(kernel.pairColumns[1].every((position) => position === 7)).toBe(true);
      }),
      { numRuns: 120 },
    );
  });

  it("refuse every damaged list the JavaScript loop refuses, and only those", () => {
    const kernel = new PostingsKernel(SIZE);
    fc.assert(
      fc.property(
        listArbitrary,
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 3 }),
        fc.integer({ min: -3, max: 3 }),
        (postings, flips, endShift) => {
          const list = encode(postings, 2);
          for (const [offset, value] of flips) list.bytes[list.start + (offset % (list.end - list.start))] = value;
          const damaged = { ...list, end: Math.max(list.start + 1, list.end + endShift) };
          const plain = new Uint16Array(SIZE).fill(NO_PAIR);
          kernel.pairColumns[0].fill(NO_PAIR);
          const [plainError, kernelError] = lowerBoth(kernel, plain, damaged);
          expect(kernelError === null, `JavaScript loop: ${String(plainError)}; kernel: ${String(kernelError)}`).toBe(plainError === null);
          if (kernelError === null) expect(kernel.pairColumns[0]).toEqual(plain);
          else expect(kernelError).toBeInstanceOf(CorruptIndexFileError);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("collect and keep the items holding every pair as the JavaScript loops do", () => {
    const kernel = new PostingsKernel(SIZE);
    const positionArbitrary = fc.oneof(fc.constant(NO_PAIR), fc.integer({ min: 0, max: 400 }));
    fc.assert(
      fc.property(
        fc.array(fc.array(positionArbitrary, { minLength: SIZE, maxLength: SIZE }), { minLength: 1, maxLength: 2 }),
        fc.uniqueArray(fc.integer({ min: 0, max: SIZE - 1 }), { minLength: 1, maxLength: 900 }),
        (values, picked) => {
          const plainPairs = values.map((column) => Uint16Array.from(column));
          const pairs = plainPairs.map((column, k) => {
            const own = kernel.pairColumns[k] as Uint16Array;
            own.set(column);
            return own;
          });
          const holding = Array.from({ length: SIZE }, (_, ordinal) => ordinal).filter((ordinal) => plainPairs.every((column) => column[ordinal] !== NO_PAIR));
          // Every item holding every pair, in order, into the kernel's candidates and into a plain buffer.
          const plainBuffer = new Uint32Array(SIZE + 1);
          expect(Array.from(plainBuffer.subarray(0, collectHoldingEveryPair(plainPairs, plainBuffer)))).toEqual(holding);
          kernel.candidates.fill(0);
          const found = collectHoldingEveryPair(pairs, kernel.candidates as Uint32Array<ArrayBuffer>);
          expect(Array.from(kernel.candidates.subarray(0, found))).toEqual(holding);
          // The candidates given that hold every pair, kept in place in the kernel's memory.
          const candidates = [...picked].sort((a, b) => a - b);
          kernel.candidates.set(candidates);
          const own = kernel.candidates.subarray(0, candidates.length);
          const kept = keepHoldingEveryPair(own, pairs, own);
          expect(kept.byteOffset).toBe(own.byteOffset);
          expect(Array.from(kept)).toEqual(candidates.filter((ordinal) => holding.includes(ordinal)));
        },
      ),
      { numRuns: 100 },
    );
  });
});

describe("the postings kernel's passes that score a first term", () => {
  it("give each item idf × saturate(strength) as float32 and the highest of those scores", () => {
    const kernel = new PostingsKernel(SIZE);
    const [strength, score] = kernel.columns;
    const reference = (value: number) => Math.fround(IDF * saturate(value));
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.constant(0), fc.double({ min: 0.01, max: 300, noNaN: true })), { minLength: SIZE, maxLength: SIZE }), (values) => {
        strength.set(values);
        score.fill(3);
        const matches = Array.from({ length: SIZE }, (_, ordinal) => ordinal).filter((ordinal) => (strength[ordinal] ?? 0) > 0);
        const expectedMax = Math.max(0, ...matches.map((ordinal) => reference(strength[ordinal] ?? 0)));
        // Over every item (a dense first term).
        const collected = kernel.collectFirstMatches(strength, score, IDF, K1);
        expect(collected.count).toBe(matches.length);
        expect(Array.from(kernel.candidates.subarray(0, collected.count))).toEqual(matches);
        expect(Array.from(score)).toEqual(Array.from(strength, reference));
        expect(collected.maxScore).toBe(expectedMax);
        // Over the candidates (a sparse first term), whose strengths go back to 0.
        score.fill(3);
        expect(kernel.scoreFirstMatches(collected.count, strength, score, IDF, K1)).toBe(expectedMax);
        expect(matches.map((ordinal) => score[ordinal])).toEqual(matches.map((ordinal) => reference(Math.fround(values[ordinal] ?? 0))));
        expect(matches.every((ordinal) => strength[ordinal] === 0)).toBe(true);
      }),
      { numRuns: 25 },
    );
  });
});

describe("the postings kernel's shortlist pass", () => {
  it("keeps exactly the hits whose score reaches the floor, in order", () => {
    const kernel = new PostingsKernel(SIZE);
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 0, max: SIZE - 1 }), { minLength: 1, maxLength: 800 }), fc.array(fc.integer({ min: 0, max: 20 }), { minLength: SIZE, maxLength: SIZE }), fc.integer({ min: 0, max: 21 }), (ordinals, levels, floorLevel) => {
        const score = kernel.columns[1];
        levels.forEach((level, ordinal) => (score[ordinal] = Math.fround(level / 3)));
        kernel.candidates.set(ordinals);
        const hits = kernel.candidates.subarray(0, ordinals.length);
        // A floor equal to some scores: those are kept.
        const floor = Math.fround(floorLevel / 3);
        expect(kernel.holdsOrdinals(hits)).toBe(true);
        expect(Array.from(kernel.keepByScore(hits, score, floor))).toEqual(ordinals.filter((ordinal) => (score[ordinal] ?? 0) >= floor));
      }),
      { numRuns: 100 },
    );
  });

  it("keeps the hits rank-hits.ts keeps: the first hits of a search in a kernel's memory are those of plain arrays", () => {
    const size = 60_000;
    const kernel = new PostingsKernel(size);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), fc.integer({ min: 4_096, max: size }), fc.integer({ min: 1, max: 60 }), fc.constantFrom(3, 40, 4_000), (seed, count, limit, levels) => {
        let state = seed >>> 0;
        const next = () => {
          state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
          return state / 2 ** 32;
        };
        const day = Int32Array.from({ length: size }, () => 19_000 + Math.floor(next() * 2_000));
        const ordinals = Uint32Array.from({ length: count }, (_, i) => Math.floor((i * size) / count));
        const score = new Float32Array(size);
        for (const ordinal of ordinals) score[ordinal] = Math.fround((1 + Math.floor(next() * levels)) / 3);
        kernel.candidates.set(ordinals);
        kernel.columns[1].set(score);
        const inKernel = kernel.candidates.subarray(0, count);
        const maxScore = Math.max(...score);
        const expected = Array.from(rankTopHits(ordinals, score, maxScore, day, "relevans", limit));
        expect(expected).toHaveLength(limit);
        expect(Array.from(rankTopHits(inKernel, kernel.columns[1], maxScore, day, "relevans", limit))).toEqual(expected);
      }),
      { numRuns: 40 },
    );
  });
});

describe("the postings kernel's size", () => {
  it("holds the columns of 10 million items and refuses more than 4 GB of memory with a clear error", () => {
    expect(maxKernelItems()).toBeGreaterThan(100_000_000);
    expect(() => new PostingsKernel(maxKernelItems() + 1_000)).toThrow(/at most \d+ items/);
  });
});

describe("the postings kernel's facet tallies", () => {
  it("count each hit's ids, or every other item's for ascending hits, as facet-rows.ts counts them", () => {
    const kernel = new PostingsKernel(SIZE);
    fc.assert(
      fc.property(
        fc.constantFrom("16", "32"),
        fc.integer({ min: 1, max: SIZE }),
        fc.uniqueArray(fc.integer({ min: 0, max: SIZE - 1 }), { maxLength: SIZE }),
        fc.boolean(),
        fc.integer({ min: 1, max: 300 }),
        (width, size, picked, ascending, combinations) => {
          const ids = width === "16" ? new Uint16Array(2 * size) : new Uint32Array(2 * size);
          // Ids past the counts too: those are not counted.
          for (let i = 0; i < ids.length; i++) ids[i] = (i * 7919 + (i >> 1) * 104_729) % (combinations + 3);
          const hits = picked.filter((ordinal) => ordinal < size);
          if (ascending) hits.sort((a, b) => a - b);
          kernel.candidates.set(hits);
          const inKernel = kernel.candidates.subarray(0, hits.length);
          const expectedPlaces = new Uint32Array(combinations);
          const expectedDecisions = new Uint32Array(combinations + 1);
          for (const ordinal of hits) {
            if ((ids[2 * ordinal] ?? 0) < combinations) expectedPlaces[ids[2 * ordinal] ?? 0]! += 1;
            if ((ids[2 * ordinal + 1] ?? 0) < combinations + 1) expectedDecisions[ids[2 * ordinal + 1] ?? 0]! += 1;
          }
          const places = new Uint32Array(combinations);
          const decisions = new Uint32Array(combinations + 1);
          expect(kernel.tally(ids, size, inKernel, places, decisions, false)).toBe(true);
          expect(places).toEqual(expectedPlaces);
          expect(decisions).toEqual(expectedDecisions);
          // The complement: every item below `size` not among the hits, when they ascend strictly.
          const isStrictlyAscending = hits.every((ordinal, i) => i === 0 || ordinal > (hits[i - 1] ?? -1));
          const others = Array.from({ length: size }, (_, ordinal) => ordinal).filter((ordinal) => !hits.includes(ordinal));
          const otherPlaces = new Uint32Array(combinations);
          const otherDecisions = new Uint32Array(combinations + 1);
          for (const ordinal of others) {
            if ((ids[2 * ordinal] ?? 0) < combinations) otherPlaces[ids[2 * ordinal] ?? 0]! += 1;
            if ((ids[2 * ordinal + 1] ?? 0) < combinations + 1) otherDecisions[ids[2 * ordinal + 1] ?? 0]! += 1;
          }
          places.fill(9);
          decisions.fill(9);
          expect(kernel.tally(ids, size, inKernel, places, decisions, true)).toBe(isStrictlyAscending);
          if (isStrictlyAscending) {
            expect(places).toEqual(otherPlaces);
            expect(decisions).toEqual(otherDecisions);
          } else {
            // Nothing counted: the caller counts the hits instead.
            expect(places.every((count) => count === 9)).toBe(true);
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  it("leaves ids or counts that do not fit to the JavaScript tallies", () => {
    const kernel = new PostingsKernel(100);
    expect(kernel.canTally(new Uint16Array(2 * 100), 100, 8)).toBe(true);
    expect(kernel.canTally(new Uint16Array(2 * 200), 200, 8)).toBe(false);
    expect(kernel.canTally(new Uint16Array(2 * 50), 100, 8)).toBe(false);
    expect(kernel.canTally(new Uint16Array(2 * 100), 100, 50_000)).toBe(false);
  });
});

describe("a long list read straight into the postings kernel", () => {
  it("is added as the same list read by the segment into its own buffer", () => {
    // 12,000 items holding "budget" (field 1) twice in every third: a list past the 16 KB a
    // segment reads whole, so it is read on its own, into the kernel's scratch area when offered.
    const size = 12_000;
    const builder = new SegmentBuilder({ fields: 2 });
    for (let ordinal = 0; ordinal < size; ordinal++) {
      builder.addItem(ordinal, [{ field: 1, terms: ordinal % 3 === 0 ? ["budget", "x", "budget"] : ["x", "budget"] }]);
    }
    const segment = builder.finishInMemory();
    const position = segment.find("budget");
    expect(position).toBeGreaterThanOrEqual(0);
    const kernel = new PostingsKernel(size);
    let offered = 0;
    const readInto = (length: number) => {
      offered = length;
      return kernel.listTarget(length);
    };
    const direct = segment.encodedList(position, 1, readInto);
    expect(offered).toBeGreaterThan(16 << 10);
    expect(direct?.bytes.buffer).toBe(kernel.columns[0].buffer);
    const gains = Float64Array.from({ length: CODE_RANGE }, (_, code) => 0.5 + code / 9);
    addStrengths(direct as EncodedList, gains, kernel.columns[0]);
    const plain = new Float32Array(size);
    addStrengths(segment.encodedList(position, 1) as EncodedList, gains, plain);
    expect(plain.every((strength) => strength > 0)).toBe(true);
    expect(new Uint32Array(kernel.columns[0].buffer, kernel.columns[0].byteOffset, size)).toEqual(new Uint32Array(plain.buffer));
    // A list too long for the scratch area is not offered room.
    expect(kernel.listTarget(5 * size)).toBeNull();
  });
});
