import fc from "fast-check";
import { readFileSync, truncateSync, unlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { SCORE_RESOLUTION } from "../index-config";
import { CorruptIndexFileError } from "../section-store";
import { MAX_STORED_COUNT } from "../term-frequencies";
import { Segment } from "./segment";
import { SegmentBuilder } from "./segment-builder";
import { temporaryDirectories } from "@/lib/test-support/temporary-directories";

const directories = temporaryDirectories("segment-corrupt-");
const temporaryDirectory = () => directories.create();

/** A small segment of 3 fields written as "base" into a fresh directory. */
async function writeSample(): Promise<string> {
  const builder = new SegmentBuilder({ fields: 3 });
  for (let ordinal = 0; ordinal < 50; ordinal++) {
    builder.addItem(ordinal * 2, [
      { field: 0, terms: ["udvalg", `punkt${ordinal % 7}`, "udvalg"] },
      { field: 2, terms: ordinal % 3 === 0 ? ["børn", "skole", "år"] : ["vej"] },
    ]);
  }
  const dir = temporaryDirectory();
  await (await builder.finish()).writeTo(dir, "base");
  return dir;
}

/** Rejects with a CorruptIndexFileError naming `file`. */
async function expectCorrupt(promise: Promise<unknown>, file: string): Promise<void> {
  const error: unknown = await promise.then(
    () => null,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(CorruptIndexFileError);
  expect((error as CorruptIndexFileError).file).toBe(file);
  expect((error as Error).message).toContain(file);
}

/** Every term's postings in every field, forcing every block to be read and decoded; what decodes keeps the format's promises. */
function readAll(segment: Segment): void {
  for (let position = 0; position < segment.termCount; position++) {
    for (let field = 0; field < segment.fields; field++) {
      const postings = segment.postings(position, field);
      if (postings === null) continue;
      expect(postings.ordinals.length).toBeGreaterThan(0);
      postings.ordinals.forEach((ordinal, i) => {
        if (i > 0) expect(ordinal).toBeGreaterThan(postings.ordinals[i - 1] ?? 0);
        expect(postings.slots[i]).toBeLessThan(SCORE_RESOLUTION);
        expect(postings.counts[i]).toBeGreaterThanOrEqual(1);
        expect(postings.counts[i]).toBeLessThanOrEqual(MAX_STORED_COUNT);
      });
    }
  }
}

describe("Segment.open on damaged files", () => {
  const files = Segment.fileNames("base");

  it("names the file that is truncated (by one byte; the header by half, its last byte is a line break)", async () => {
    expect(files.length).toBe(7);
    for (const file of files) {
      const dir = await writeSample();
      const full = path.join(dir, file);
      const size = readFileSync(full).length;
      truncateSync(full, file.endsWith(".json") ? size >> 1 : size - 1);
      await expectCorrupt(Segment.open(dir, "base"), full);
    }
  });

  it("names the file that is missing", async () => {
    for (const file of files) {
      const dir = await writeSample();
      const full = path.join(dir, file);
      unlinkSync(full);
      await expectCorrupt(Segment.open(dir, "base"), full);
    }
  });

  it("names a header that is not a segment's, and offsets or masks out of range", async () => {
    const cases: [string, (bytes: Buffer) => Buffer][] = [
      ["base-header.json", () => Buffer.from("{")],
      ["base-header.json", (bytes) => Buffer.from(bytes.toString().replace('"fields":3', '"fields":9'))],
      ["base-term-offsets.bin", (bytes) => Buffer.concat([Buffer.from([1, 0, 0, 0]), bytes.subarray(4)])],
      ["base-postings-offsets.bin", (bytes) => Buffer.concat([bytes.subarray(0, 8), bytes.subarray(16, 24), bytes.subarray(16)])],
      ["base-fields.bin", (bytes) => Buffer.concat([Buffer.from([8]), bytes.subarray(1)])],
    ];
    for (const [file, damage] of cases) {
      const dir = await writeSample();
      const full = path.join(dir, file);
      writeFileSync(full, damage(readFileSync(full)));
      await expectCorrupt(Segment.open(dir, "base"), full);
    }
  });

  it("reports damaged postings bytes as CorruptIndexFileError naming the postings file, never another error", async () => {
    const dir = await writeSample();
    const postingsFile = path.join(dir, "base-postings.bin");
    const original = readFileSync(postingsFile);
    writeFileSync(postingsFile, Buffer.alloc(original.length, 0xff));
    const segment = await Segment.open(dir, "base");
    expect(segment.termCount).toBeGreaterThan(0);
    expect(() => readAll(segment)).toThrow(CorruptIndexFileError);
    let corrupted = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(fc.record({ at: fc.nat(original.length - 1), value: fc.integer({ min: 0, max: 255 }) }), { minLength: 1, maxLength: 4 }), async (flips) => {
        const damaged = Buffer.from(original);
        for (const { at, value } of flips) damaged[at] = value;
        writeFileSync(postingsFile, damaged);
        // The file is the same size, so it opens; reading is what must fail cleanly (or pass when
        // the damage still decodes as valid postings).
        const opened = await Segment.open(dir, "base");
        try {
          readAll(opened);
        } catch (error) {
          expect(error).toBeInstanceOf(CorruptIndexFileError);
          expect((error as CorruptIndexFileError).file).toBe(postingsFile);
          corrupted++;
        }
      }),
      { numRuns: 200 },
    );
    expect(corrupted).toBeGreaterThan(20);
  });
});

describe("empty segments", () => {
  it("round trips Segment.empty and a builder without items, in memory and spilled", async () => {
    const spillDir = temporaryDirectory();
    const segments = [Segment.empty(5), await new SegmentBuilder({ fields: 5 }).finish(), await new SegmentBuilder({ fields: 5, spillDir }).finish()];
    for (const segment of segments) {
      const dir = temporaryDirectory();
      await segment.writeTo(dir, "empty");
      const opened = await Segment.open(dir, "empty");
      for (const each of [segment, opened]) {
        expect(each.fields).toBe(5);
        expect(each.termCount).toBe(0);
        expect(each.find("kommune")).toBe(-1);
        expect(each.prefixRange("")).toEqual([0, 0]);
        expect(each.byteSize.postings).toBe(0);
      }
    }
  });
});
