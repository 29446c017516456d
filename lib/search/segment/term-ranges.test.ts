import fc from "fast-check";
import { readFileSync, truncateSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { temporaryDirectories } from "@/lib/test-support/temporary-directories";
import { CorruptIndexFileError } from "../section-store";
import { Segment } from "./segment";
import { SegmentBuilder } from "./segment-builder";
import { postingCode } from "./segment-format";
import { TermRanges, type TermRangesOptions } from "./term-ranges";
import { CODE_RANGE } from "./segment-format";
import { VarintReader } from "./varint";

const directories = temporaryDirectories("term-ranges-");
const FIELDS = 3;
const OPTIONS: TermRangesOptions = { rangeShift: 3, rangedMinFrequency: 5, bitmapMinShare: 3 };

/** Gain tables for the fields of `mask` (null for the others): any non-negative gains by code. */
function gainsFor(mask: number, seed: number): Array<Float64Array | null> {
  return Array.from({ length: FIELDS }, (_, field) =>
    (mask & (1 << field)) === 0 ? null : Float64Array.from({ length: CODE_RANGE }, (_, code) => ((code * 7919 + seed * 104729 + field * 31) % 1000) / 37),
  );
}

const f32 = new Float32Array(1);
/** The least float32 at or above `value`, found the slow way. */
function roundedUp(value: number): number {
  f32[0] = value;
  let rounded = f32[0] ?? 0;
  if (rounded < value) {
    const bits = new Uint32Array(f32.buffer);
    bits[0] = (bits[0] ?? 0) + 1;
    rounded = f32[0] ?? 0;
  }
  return rounded;
}

/** Items as ordinal gaps and, per field, words (repeats make counts, order makes slots). */
const items = fc.array(
  fc.record({
    gap: fc.integer({ min: 1, max: 6 }),
    fields: fc.array(fc.array(fc.constantFrom("a", "b", "c", "d", "e"), { maxLength: 12 }), { minLength: FIELDS, maxLength: FIELDS }),
  }),
  { minLength: 1, maxLength: 120 },
);

function segmentOf(entries: ReadonlyArray<{ gap: number; fields: string[][] }>): { segment: Segment; size: number } {
  const builder = new SegmentBuilder({ fields: FIELDS });
  let ordinal = -1;
  for (const entry of entries) {
    ordinal += entry.gap;
    builder.addItem(
      ordinal,
      entry.fields.map((terms, field) => ({ field, terms })),
    );
  }
  return { segment: builder.finishInMemory(), size: ordinal + 1 };
}

/** Decodes the postings of one range from its table entry, checking each lies in the range. */
function rangePostings(segment: Segment, position: number, field: number, ranges: TermRanges, range: number): Array<[number, number]> {
  const table = ranges.table(position, field);
  const location = segment.locateList(position, field);
  if (table === null || location === null) throw new Error("no table");
  const bytes = segment.listSlice(location, table.offsets[range] ?? 0, table.offsets[range + 1] ?? 0);
  const reader = new VarintReader(bytes, 0, bytes.length);
  let ordinal = table.previous[range] ?? 0;
  const postings: Array<[number, number]> = [];
  while (reader.at < bytes.length) {
    ordinal += reader.read();
    postings.push([ordinal, reader.read()]);
  }
  return postings;
}

describe("TermRanges", () => {
  it("tables each range's postings, where they start and a bound code, and maps each frequent term's items", () => {
    let tabled = 0;
    let mapped = 0;
    let bounded = 0;
    fc.assert(
      fc.property(items, fc.integer({ min: 1, max: 7 }), fc.nat(1000), (entries, fieldMask, seed) => {
        const { segment, size } = segmentOf(entries);
        const gains = gainsFor(fieldMask, seed);
        const ranges = TermRanges.build(segment, size, gains, OPTIONS);
        const span = 8;
        expect(ranges.ranges).toBe(Math.ceil(size / span));
        const frequencies = segment.documentFrequencies(0, segment.termCount);
        for (let position = 0; position < segment.termCount; position++) {
          const frequency = frequencies[position] ?? 0;
          const union = new Set<number>();
          // Per item, its gains from the term summed over the searched fields.
          const summed = new Map<number, number>();
          for (let field = 0; field < FIELDS; field++) {
            const postings = segment.postings(position, field);
            const isSearched = (fieldMask & (1 << field)) !== 0;
            if (isSearched && postings !== null) {
              postings.ordinals.forEach((ordinal, i) => {
                union.add(ordinal);
                summed.set(ordinal, (summed.get(ordinal) ?? 0) + (gains[field]?.[postingCode(postings.slots[i] ?? 0, postings.counts[i] ?? 1)] ?? 0));
              });
            }
            const table = ranges.table(position, field);
            if (postings === null || !isSearched || frequency < 5) {
              expect(table).toBeNull();
              continue;
            }
            expect(table).not.toBeNull();
            tabled++;
            expect(table?.offsets[ranges.ranges]).toBe(segment.locateList(position, field)?.length);
            for (let range = 0; range < ranges.ranges; range++) {
              const expected: Array<[number, number]> = [];
              postings.ordinals.forEach((ordinal, i) => {
                if (ordinal >>> 3 === range) expected.push([ordinal, postingCode(postings.slots[i] ?? 0, postings.counts[i] ?? 1)]);
              });
              expect(rangePostings(segment, position, field, ranges, range)).toEqual(expected);
            }
          }
          const bound = ranges.bound(position);
          if (frequency < 5 || union.size === 0) expect(bound).toBeNull();
          else {
            bounded++;
            const highest = new Array<number>(ranges.ranges).fill(0);
            for (const [ordinal, value] of summed) highest[ordinal >>> 3] = Math.max(highest[ordinal >>> 3] ?? 0, roundedUp(value));
            expect(Array.from(bound ?? [])).toEqual(highest);
          }
          const bitmap = ranges.bitmap(position);
          if (frequency * 3 < size || union.size === 0) {
            expect(bitmap).toBeNull();
            continue;
          }
          mapped++;
          const bits = [...Array(size).keys()].filter((ordinal) => ((bitmap?.[ordinal >>> 5] ?? 0) & (1 << (ordinal & 31))) !== 0);
          expect(bits).toEqual([...union].sort((a, b) => a - b));
        }
      }),
      { numRuns: 150 },
    );
    expect(tabled).toBeGreaterThan(100);
    expect(bounded).toBeGreaterThan(100);
    expect(mapped).toBeGreaterThan(100);
  });

  it("reads back what it wrote", async () => {
    const { segment, size } = segmentOf(fc.sample(items, { numRuns: 1, seed: 7 })[0] ?? []);
    const built = TermRanges.build(segment, size, gainsFor(0b101, 3), OPTIONS);
    const dir = directories.create();
    await segment.writeTo(dir, "terms");
    await built.writeTo(dir, "terms");
    const opened = await TermRanges.open(dir, "terms", await Segment.open(dir, "terms"));
    expect(opened.items).toBe(size);
    expect(opened.gains).toBe(built.gains);
    expect(opened.byteSize).toBe(built.byteSize);
    expect(built.byteSize).toBeGreaterThan(0);
    for (let position = 0; position < segment.termCount; position++) {
      expect(opened.bitmap(position)).toEqual(built.bitmap(position));
      expect(opened.bound(position)).toEqual(built.bound(position));
      for (let field = 0; field < FIELDS; field++) expect(opened.table(position, field)).toEqual(built.table(position, field));
    }
  });

  it("refuses damaged files, naming them", async () => {
    const { segment, size } = segmentOf(fc.sample(items, { numRuns: 1, seed: 11 })[0] ?? []);
    const cases: Array<[string, (file: string) => void]> = [
      ["terms-range-tables.bin", (file) => truncateSync(file, 6)],
      ["terms-bitmaps.bin", (file) => truncateSync(file, 4)],
      ["terms-range-bounds.bin", (file) => truncateSync(file, 4)],
      ["terms-ranges.json", (file) => writeFileSync(file, "{")],
      ["terms-ranges.json", (file) => writeFileSync(file, readFileSync(file, "utf8").replace(/"rangeShift":\d+/, '"rangeShift":40'))],
      ["terms-ranged-terms.bin", (file) => writeFileSync(file, Buffer.from(new Uint32Array([5, 3]).buffer))],
    ];
    for (const [name, damage] of cases) {
      const dir = directories.create();
      await segment.writeTo(dir, "terms");
      await TermRanges.build(segment, size, gainsFor(0b111, 5), OPTIONS).writeTo(dir, "terms");
      damage(path.join(dir, name));
      const error = await TermRanges.open(dir, "terms", await Segment.open(dir, "terms")).then(
        () => null,
        (reason: unknown) => reason,
      );
      expect(error, name).toBeInstanceOf(CorruptIndexFileError);
      expect((error as CorruptIndexFileError).file).toBe(path.join(dir, name));
    }
  });
});
