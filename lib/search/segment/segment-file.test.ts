import fc from "fast-check";
import { truncateSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { temporaryDirectories } from "@/lib/test-support/temporary-directories";
import { CorruptIndexFileError } from "../section-store";
import { SegmentFile } from "./segment-file";

const directories = temporaryDirectories("segment-file-");

/** Bytes that tell every position from its neighbours. */
function contents(length: number): Buffer {
  const bytes = Buffer.alloc(length);
  for (let i = 0; i < length; i++) bytes[i] = (i * 7 + (i >>> 8) * 13) & 0xff;
  return bytes;
}

describe("SegmentFile", () => {
  it("reads any bytes as they are in the file, small reads from kept blocks and large ones directly, one after another", () => {
    const dir = directories.create();
    // Over three 16 KB blocks and a short last one; a second file at the same offsets holds other bytes.
    const bytes = contents(3 * 16384 + 1234);
    const other = Buffer.from(bytes).reverse();
    const file = path.join(dir, "postings.bin");
    writeFileSync(file, bytes);
    writeFileSync(path.join(dir, "other.bin"), other);
    const opened = SegmentFile.open(file);
    const openedOther = SegmentFile.open(path.join(dir, "other.bin"));
    const read = fc.record({ start: fc.nat(bytes.length - 1), length: fc.oneof(fc.integer({ min: 0, max: 5000 }), fc.integer({ min: 0, max: 40000 })) });
    fc.assert(
      fc.property(fc.array(read, { minLength: 1, maxLength: 30 }), (reads) => {
        for (const { start, length } of reads) {
          const wanted = Math.min(length, bytes.length - start);
          // Compared at once: a read is valid until the next one.
          expect(Buffer.from(opened.read(start, wanted)).equals(bytes.subarray(start, start + wanted))).toBe(true);
          expect(Buffer.from(openedOther.read(start, wanted)).equals(other.subarray(start, start + wanted))).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
    opened.close();
    openedOther.close();
  });

  it("refuses a read past the end, naming the file, also one a kept block would hold", () => {
    const dir = directories.create();
    const file = path.join(dir, "postings.bin");
    writeFileSync(file, contents(20000));
    const opened = SegmentFile.open(file);
    expect(opened.read(19990, 10).length).toBe(10);
    expect(() => opened.read(19995, 10)).toThrow(CorruptIndexFileError);
    expect(() => opened.read(19995, 10)).toThrow(file);
    opened.close();
    // A file cut short after it was opened (its size taken at opening): the short read is refused too.
    writeFileSync(file, contents(20000));
    const again = SegmentFile.open(file);
    truncateSync(file, 17000);
    expect(() => again.read(16390, 100)).toThrow(CorruptIndexFileError);
    again.close();
  });
});
