import fc from "fast-check";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CorruptIndexFileError } from "../section-store";
import { DEFAULT_CACHE_BLOCKS, DEFAULT_SAMPLE_INTERVAL } from "./disk-dictionary";
import { Segment } from "./segment";
import { SegmentBuilder } from "./segment-builder";
import type { EncodedList } from "./segment-format";
import { temporaryDirectories } from "@/lib/test-support/temporary-directories";

const directories = temporaryDirectories("disk-dictionary-");

// Multi-byte UTF-8 (2, 3 and 4 bytes; U+FFEE sorts above the astral letters in UTF-16, below in
// code point order), the pairs' separator, and stems so long that neighbours share most bytes.
const PIECES = ["a", "b", "k", "æ", "ø", "å", "é", "1", "0", "\u0001", "\uffee", "中", "😀", "𝔸"];
const STEMS = ["", "", "kommunalbestyrelse", "kommunalbestyrelsesmøde", "x".repeat(60), "æøå".repeat(12), "😀😀😀", "sag\u0001"];
const term = fc.tuple(fc.constantFrom(...STEMS), fc.array(fc.constantFrom(...PIECES), { minLength: 1, maxLength: 5 })).map(([stem, parts]) => stem + parts.join(""));

interface Item {
  ordinal: number;
  fields: { field: number; terms: string[] }[];
}

const items = (fields: number) =>
  fc
    .array(
      fc.record({
        gap: fc.integer({ min: 1, max: 1000 }),
        fields: fc.uniqueArray(fc.record({ field: fc.integer({ min: 0, max: fields - 1 }), terms: fc.array(term, { maxLength: 30 }) }), { selector: (each) => each.field, maxLength: fields }),
      }),
      { maxLength: 20 },
    )
    .map((drafts) => {
      let ordinal = -1;
      return drafts.map(({ gap, fields: list }): Item => {
        ordinal += gap;
        return { ordinal, fields: list };
      });
    });

function buildInMemory(fields: number, list: readonly Item[]): Segment {
  const builder = new SegmentBuilder({ fields });
  for (const item of list) builder.addItem(item.ordinal, item.fields);
  return builder.finishInMemory();
}

/** The list's bytes as hex (the segment's read buffer is reused by the next read). */
function listBytes(list: EncodedList | null): string | null {
  return list && Buffer.from(list.bytes.subarray(list.start, list.end)).toString("hex");
}

/** Every term's prefixes (by code unit, so some end inside a surrogate pair or a separator), and strays. */
function prefixesOf(segment: Segment): string[] {
  const prefixes = new Set(["", "zzz", "\uffff", "\ud83d", "\ude00", "a\ud800b", "kommunalbestyrelsesmødez"]);
  for (let position = 0; position < segment.termCount; position++) {
    const each = segment.term(position);
    for (let end = 0; end <= each.length + 1; end++) prefixes.add(each.slice(0, end));
    prefixes.add(`${each}\u0000`);
  }
  return [...prefixes];
}

/** Positions 0 … count − 1 in an order drawn from `seed` (jumping across blocks, revisiting evicted ones). */
function shuffled(count: number, seed: number): number[] {
  const order = Array.from({ length: count }, (_, i) => i);
  let state = seed >>> 0 || 1;
  for (let i = count - 1; i > 0; i--) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    const j = state % (i + 1);
    [order[i], order[j]] = [order[j] ?? 0, order[i] ?? 0];
  }
  return order;
}

/** The opened segment answers every question exactly as the in-memory one does. */
function expectSameAnswers(opened: Segment, memory: Segment, prefixes: readonly string[], order: readonly number[]): void {
  expect(opened.termCount).toBe(memory.termCount);
  expect(opened.fields).toBe(memory.fields);
  for (const position of order) {
    const each = memory.term(position);
    expect(opened.term(position)).toBe(each);
    expect(opened.find(each)).toBe(position);
    expect(opened.documentFrequency(position)).toBe(memory.documentFrequency(position));
    expect(opened.fieldMask(position)).toBe(memory.fieldMask(position));
    for (let field = 0; field < memory.fields; field++) expect(listBytes(opened.encodedList(position, field))).toBe(listBytes(memory.encodedList(position, field)));
  }
  for (const prefix of prefixes) {
    expect(opened.prefixRange(prefix)).toEqual(memory.prefixRange(prefix));
    expect(opened.find(prefix)).toBe(memory.find(prefix));
  }
  expect([...opened.documentFrequencies(0, opened.termCount)]).toEqual([...memory.documentFrequencies(0, memory.termCount)]);
}

describe("an opened segment's dictionary on disk", () => {
  it("answers term, find, prefixRange, frequencies, masks and lists exactly as the in-memory segment, at every sampling interval and cache size", async () => {
    let blockBoundaries = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 3 }).chain((fields) => fc.tuple(fc.constant(fields), items(fields))),
        fc.constantFrom(1, 2, 3, 5, 8, DEFAULT_SAMPLE_INTERVAL),
        fc.constantFrom(1, 2, 3, DEFAULT_CACHE_BLOCKS),
        fc.integer(),
        fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 8 }),
        fc.array(fc.nat(), { maxLength: 40 }),
        async ([fields, list], sampleInterval, cacheBlocks, seed, ranges, forgotten) => {
          const memory = buildInMemory(fields, list);
          const dir = directories.create();
          await memory.writeTo(dir, "base");
          const opened = await Segment.open(dir, "base", { sampleInterval, cacheBlocks });
          const n = memory.termCount;
          if (n > sampleInterval) blockBoundaries += Math.floor((n - 1) / sampleInterval);
          const prefixes = prefixesOf(memory);
          expectSameAnswers(opened, memory, prefixes, shuffled(n, seed));
          for (const [a, b] of ranges) {
            const from = n === 0 ? 0 : a % (n + 1);
            const to = from + (n === 0 ? 0 : b % (n - from + 1));
            expect([...opened.documentFrequencies(from, to)]).toEqual([...memory.documentFrequencies(from, to)]);
          }

          // A delta's removals: the same decrements (some below 0) on both, and written out as changed.
          if (n === 0) return;
          for (const each of forgotten) {
            memory.forgetItem(each % n);
            opened.forgetItem(each % n);
          }
          expectSameAnswers(opened, memory, ["", memory.term(0)], shuffled(n, seed + 1));
          for (const [a, b] of ranges) {
            const from = a % (n + 1);
            const to = from + (b % (n - from + 1));
            expect([...opened.documentFrequencies(from, to)]).toEqual([...memory.documentFrequencies(from, to)]);
          }
          const written = directories.create();
          await opened.writeTo(written, "again");
          expectSameAnswers(await Segment.open(written, "again", { sampleInterval }), memory, prefixes, shuffled(n, seed + 2));
          rmSync(dir, { recursive: true, force: true });
          rmSync(written, { recursive: true, force: true });
        },
      ),
      { numRuns: 150 },
    );
    expect(blockBoundaries).toBeGreaterThan(500);
  });

  it("answers across the 1,024-term pages of changed frequencies", async () => {
    const builder = new SegmentBuilder({ fields: 1 });
    for (let ordinal = 0; ordinal < 3000; ordinal++) builder.addItem(ordinal, [{ field: 0, terms: [`ord${ordinal}`, "fælles", ...(ordinal % 2 === 0 ? ["lige"] : [])] }]);
    const memory = builder.finishInMemory();
    const dir = directories.create();
    await memory.writeTo(dir, "base");
    const opened = await Segment.open(dir, "base", { sampleInterval: 7, cacheBlocks: 5 });
    for (const position of [0, 1023, 1024, 2047, 2048, 2999, 3001, memory.find("fælles"), memory.find("lige")]) {
      memory.forgetItem(position);
      opened.forgetItem(position);
    }
    const n = memory.termCount;
    for (const [from, to] of [[0, n], [1000, 1030], [1023, 1025], [2040, n], [5, 6]] as const) {
      expect([...opened.documentFrequencies(from, to)]).toEqual([...memory.documentFrequencies(from, to)]);
    }
    expectSameAnswers(opened, memory, ["", "ord1", "ord29", "f", "l"], shuffled(n, 7));
  });
});

/** Writes a segment of `terms` distinct terms (one field) and opens it. */
async function openSample(terms: number, options: { sampleInterval?: number; cacheBlocks?: number }): Promise<{ dir: string; opened: Segment; memory: Segment }> {
  const builder = new SegmentBuilder({ fields: 2 });
  for (let ordinal = 0; ordinal < terms; ordinal++) {
    builder.addItem(ordinal, [
      { field: 0, terms: [`udvalg${String(ordinal).padStart(6, "0")}`, "møde"] },
      { field: 1, terms: ordinal % 3 === 0 ? ["børn"] : ["vej"] },
    ]);
  }
  const memory = builder.finishInMemory();
  const dir = directories.create();
  await memory.writeTo(dir, "base");
  return { dir, opened: await Segment.open(dir, "base", options), memory };
}

/** Throws a CorruptIndexFileError naming `file`. */
function expectCorrupt(read: () => unknown, file: string): void {
  let error: unknown = null;
  try {
    read();
  } catch (thrown) {
    error = thrown;
  }
  expect(error).toBeInstanceOf(CorruptIndexFileError);
  expect((error as CorruptIndexFileError).file).toBe(file);
}

describe("a dictionary file damaged after open", () => {
  const INTERVAL = 8;

  it("refuses an offset out of order inside a block when the block is read, naming the file; other blocks still answer right", async () => {
    const cases: { file: string; width: number; read: (segment: Segment, position: number) => unknown }[] = [
      { file: "base-term-offsets.bin", width: 4, read: (segment, position) => segment.term(position) },
      { file: "base-term-offsets.bin", width: 4, read: (segment, position) => segment.find(`udvalg${String(position).padStart(6, "0")}`) },
      { file: "base-postings-offsets.bin", width: 8, read: (segment, position) => segment.encodedList(position, 0) },
      { file: "base-postings-offsets.bin", width: 8, read: (segment, position) => segment.postings(position, 0) },
    ];
    for (const { file, width, read } of cases) {
      // Inside a block (2 of 8), at its last term, and at the boundary shared with the next block.
      for (const damaged of [21, 23, 24]) {
        const { dir, opened, memory } = await openSample(100, { sampleInterval: INTERVAL, cacheBlocks: 64 });
        const full = path.join(dir, file);
        const bytes = readFileSync(full);
        // The offset takes its predecessor's value: no longer rising.
        bytes.copy(bytes, damaged * width, (damaged - 1) * width, damaged * width);
        writeFileSync(full, bytes);
        const block = Math.floor((damaged === 24 ? 23 : damaged) / INTERVAL);
        expectCorrupt(() => read(opened, block * INTERVAL + 3), full);
        // A block the damage does not reach answers as before.
        expect(opened.term(50)).toBe(memory.term(50));
        expect(listBytes(opened.encodedList(70, 0))).toBe(listBytes(memory.encodedList(70, 0)));
      }
    }
  });

  it("refuses a field mask gone bad, terms changed at a sample and files cut short, naming the file", async () => {
    // "børn" and "møde" (5 bytes each), then "udvalg000000"… (12 bytes each).
    const TERM_40 = 5 + 5 + 38 * 12;
    const damages: { file: string; damage: (bytes: Buffer) => Buffer; read: (segment: Segment) => unknown }[] = [
      { file: "base-fields.bin", damage: (bytes) => Buffer.concat([bytes.subarray(0, 42), Buffer.from([4]), bytes.subarray(43)]), read: (segment) => segment.fieldMask(41) },
      { file: "base-fields.bin", damage: (bytes) => Buffer.concat([bytes.subarray(0, 42), Buffer.from([0]), bytes.subarray(43)]), read: (segment) => segment.encodedList(40, 0) },
      // Term 40 starts block 5 (a sample): its first byte changed.
      { file: "base-terms.bin", damage: (bytes) => Buffer.concat([bytes.subarray(0, TERM_40), Buffer.from("x"), bytes.subarray(TERM_40 + 1)]), read: (segment) => segment.term(41) },
      { file: "base-terms.bin", damage: (bytes) => bytes.subarray(0, bytes.length - 1), read: (segment) => segment.term(99) },
      { file: "base-term-offsets.bin", damage: (bytes) => bytes.subarray(0, 400), read: (segment) => segment.find("udvalg000099") },
      { file: "base-postings-offsets.bin", damage: (bytes) => bytes.subarray(0, 8 * 90), read: (segment) => segment.postings(95, 0) },
      { file: "base-frequency.bin", damage: (bytes) => bytes.subarray(0, 4 * 50), read: (segment) => segment.documentFrequencies(0, segment.termCount) },
    ];
    for (const { file, damage, read } of damages) {
      const { dir, opened } = await openSample(100, { sampleInterval: INTERVAL });
      const full = path.join(dir, file);
      writeFileSync(full, damage(readFileSync(full)));
      expectCorrupt(() => read(opened), full);
    }
  });
});

describe("a dictionary whose terms are out of order", () => {
  const INTERVAL = 8;
  // Term k ≥ 2 is "udvalg" and k − 2 in six digits, after "børn" and "møde" (5 bytes each).
  const digitOf = (term: number, digit: number) => 5 + 5 + (term - 2) * 12 + 6 + digit;

  it("refuses a term sorting before the one ahead of it in its block, or past the next block's first, when the block is read", async () => {
    // Term 21 ("udvalg000019") becomes "udvalg000009"; term 23, the last of block 2, "udvalg000091" (past term 24, the next sample).
    for (const [term, digit, value, read] of [
      [21, 4, "0", (segment: Segment) => segment.term(18)],
      [23, 4, "9", (segment: Segment) => segment.find("udvalg000020")],
    ] as const) {
      const { dir, opened, memory } = await openSample(100, { sampleInterval: INTERVAL });
      const full = path.join(dir, "base-terms.bin");
      const bytes = readFileSync(full);
      expect(bytes.toString("utf8", digitOf(term, 0) - 6, digitOf(term, 0) + 6)).toBe(memory.term(term));
      bytes.write(value, digitOf(term, digit));
      writeFileSync(full, bytes);
      expectCorrupt(() => read(opened), full);
      // Another block still answers.
      expect(opened.term(50)).toBe(memory.term(50));
    }
  });

  it("refuses at open a sample term sorting before the one of the block ahead", async () => {
    const { dir, memory } = await openSample(100, { sampleInterval: INTERVAL });
    const full = path.join(dir, "base-terms.bin");
    const bytes = readFileSync(full);
    // Term 40 ("udvalg000038", a sample) becomes "udvalg000008", before term 32.
    expect(memory.term(40)).toBe("udvalg000038");
    bytes.write("0", digitOf(40, 4));
    writeFileSync(full, bytes);
    let error: unknown = null;
    await Segment.open(dir, "base", { sampleInterval: INTERVAL }).catch((thrown: unknown) => (error = thrown));
    expect(error).toBeInstanceOf(CorruptIndexFileError);
    expect((error as CorruptIndexFileError).file).toBe(full);
  });
});

describe("the memory an opened dictionary holds", () => {
  it("stays under a byte a term at open, and under the block cache's bound however much is read", async () => {
    const cacheBlocks = 16;
    const { opened, memory } = await openSample(20_000, { cacheBlocks });
    const n = opened.termCount;
    const atOpen = opened.byteSize.residentDictionary;
    // Terms of 6–12 bytes: every 64th with its offsets is ~0.4 bytes a term; all of it ~30.
    expect(memory.byteSize.residentDictionary).toBe(memory.byteSize.dictionary);
    expect(opened.byteSize.dictionary).toBe(memory.byteSize.dictionary);
    expect(atOpen / n).toBeLessThan(1);
    for (let position = 0; position < n; position++) {
      opened.term(position);
      opened.documentFrequency(position);
      opened.encodedList(position, 1);
    }
    opened.prefixRange("udvalg01");
    // A cache slot holds a block's offsets (8 + 4 bytes a term), frequencies (4) and masks (1), and its terms' bytes (12 each, grown in steps of 256).
    const K = DEFAULT_SAMPLE_INTERVAL;
    expect(opened.byteSize.residentDictionary - atOpen).toBeLessThanOrEqual(cacheBlocks * ((K + 1) * (8 + 4) + K * (4 + 1) + K * 12 + 256));
    expect(opened.byteSize.residentDictionary).toBeLessThan(memory.byteSize.dictionary / 10);
  });
});
